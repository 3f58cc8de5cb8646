// Backups on the Admin API (organisation owners, admins and admin keys):
//   POST /v1/admin/backups {passphrase}         a backup now, into <data dir>/backups/
//   GET  /v1/admin/backups                      the backups there and in the schedule's folder
//   GET  /v1/admin/backups/{name}/file          one backup file, to download
//   DELETE /v1/admin/backups/{name}
//   GET|PUT /v1/admin/backups/schedule          scheduled backups: folder, interval, how many to keep
import fs from 'node:fs';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AuthContext } from '../identity/auth.ts';
import { Nullable } from '../http/schemas.ts';
import type { BackupService } from './service.ts';

const BackupView = Type.Object({
  object: Type.Literal('backup'),
  name: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  created_at: Type.String(),
  download_url: Type.String(),
  entries: Type.Array(Type.Object({ name: Type.String(), size: Type.Integer() })),
  counts: Type.Object({ api_keys: Type.Integer(), configs: Type.Integer(), audit_logs: Type.Integer(), request_logs: Type.Integer() }),
});

const BackupList = Type.Object({
  object: Type.Literal('list'),
  total: Type.Integer(),
  data: Type.Array(
    Type.Object({
      name: Type.String(),
      folder: Type.String(),
      size: Type.Integer(),
      created_at: Type.String(),
      download_url: Type.String(),
    }),
  ),
});

const ScheduleView = Type.Object({
  object: Type.Literal('backup_schedule'),
  enabled: Type.Boolean(),
  folder: Nullable(Type.String()),
  interval_hours: Type.Integer(),
  keep: Type.Integer(),
  passphrase_set: Type.Boolean(),
  updated_at: Nullable(Type.String()),
  updated_by: Nullable(Type.String()),
  last_run_at: Nullable(Type.String()),
  last_result: Nullable(Type.Object({ ok: Type.Boolean(), name: Nullable(Type.String()), error: Nullable(Type.String()) })),
  next_run_at: Nullable(Type.String()),
});

const ScheduleBody = Type.Object(
  {
    enabled: Type.Boolean(),
    folder: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 1000, description: 'absolute path the appliance can write' }))),
    interval_hours: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 * 31 })),
    keep: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    passphrase: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
  },
  { additionalProperties: false },
);

const Name = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) });
const downloadUrl = (name: string) => `/v1/admin/backups/${name}/file`;
const who = (auth: AuthContext | null) =>
  auth?.kind === 'session' ? auth.session.email : auth?.kind === 'api_key' ? `API key ${auth.key.name}` : null;

export function backupRoutes(backups: BackupService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/admin/backups',
      {
        config: { audit: { resource_type: 'backup', action: 'create' } },
        schema: {
          body: Type.Object({ passphrase: Type.String({ maxLength: 1024 }) }, { additionalProperties: false }),
          response: { 200: BackupView },
        },
      },
      async (req) => {
        const s = await backups.create(req.body.passphrase);
        return {
          object: 'backup' as const,
          name: s.name,
          size: s.size,
          sha256: s.sha256,
          created_at: s.created_at,
          download_url: downloadUrl(s.name),
          entries: s.entries,
          counts: s.counts,
        };
      },
    );

    app.get('/admin/backups', { schema: { response: { 200: BackupList } } }, async () => {
      const data = backups.list().map((b) => ({ ...b, download_url: downloadUrl(b.name) }));
      return { object: 'list' as const, total: data.length, data };
    });

    app.get('/admin/backups/:name/file', { schema: { params: Name } }, async (req, reply) => {
      const file = backups.fileOf(req.params.name);
      return reply
        .type('application/octet-stream')
        .header('content-disposition', `attachment; filename="${req.params.name}"`)
        .header('cache-control', 'no-store')
        .send(fs.createReadStream(file));
    });

    app.delete(
      '/admin/backups/:name',
      {
        config: { audit: { resource_type: 'backup', action: 'delete' } },
        schema: { params: Name, response: { 200: Type.Object({ success: Type.Boolean() }) } },
      },
      async (req) => {
        backups.remove(req.params.name);
        return { success: true };
      },
    );

    app.get('/admin/backups/schedule', { schema: { response: { 200: ScheduleView } } }, async () => backups.schedule());

    app.put(
      '/admin/backups/schedule',
      {
        config: { audit: { resource_type: 'backup_schedule', action: 'update' } },
        schema: { body: ScheduleBody, response: { 200: ScheduleView } },
      },
      async (req) => backups.setSchedule(req.body, who(req.auth)),
    );
  };
}
