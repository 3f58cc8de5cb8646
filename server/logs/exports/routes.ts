// Log exports (spec §2.10, OAS "Logs Export"): /v1/logs/exports[/{id}[/start|/cancel|/download]],
// GET /v1/logs/exports/field-restrictions (v1.21: which fields the export settings deny), plus
// GET /v1/logs/exports/{id}/file, the authenticated route the download URL points at.
// DATA_EXPORTS_ENABLED=OFF refuses them all. Scope: logs.export.
import fs from 'node:fs';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { forbidden } from '../../errors.ts';
import { Nullable, PageQuery } from '../../http/schemas.ts';
import { paging } from '../../http/paging.ts';
import { EXPORT_FIELDS } from './fields.ts';
import type { ExportsService } from './service.ts';

const Params = Type.Object({ id: Type.String({ maxLength: 128 }) });
const Filters = Type.Record(Type.String(), Type.Unknown());
const RequestedData = Type.Array(Type.Enum([...EXPORT_FIELDS]), { minItems: 1, maxItems: EXPORT_FIELDS.length * 2 });

const CreateBody = Type.Object({
  workspace_id: Type.Optional(Type.String()),
  description: Type.Optional(Type.String({ maxLength: 1000 })),
  filters: Filters,
  requested_data: RequestedData,
});
const UpdateBody = Type.Object({
  workspace_id: Type.Optional(Type.String()),
  description: Type.Optional(Type.String({ maxLength: 1000 })),
  filters: Filters,
  requested_data: Type.Optional(RequestedData),
});

const ExportItem = Type.Object({
  id: Type.String(),
  organisation_id: Type.String(),
  workspace_id: Nullable(Type.String()),
  filters: Filters,
  requested_data: Type.Array(Type.String()),
  status: Type.String(),
  description: Type.String(),
  created_at: Type.String(),
  last_updated_at: Type.String(),
  created_by: Type.String(),
  total_rows: Type.Integer(),
  exported_rows: Type.Integer(),
  progress: Type.Integer(),
  error_message: Nullable(Type.String()),
  started_at: Nullable(Type.String()),
  finished_at: Nullable(Type.String()),
  object: Type.Literal('export'),
});
const FieldList = Type.Array(Type.Enum([...EXPORT_FIELDS]));
const FieldRestrictions = Type.Object({
  object: Type.Literal('export-field-restrictions'),
  /** The workspace answered for; null: the organisation's settings (an organisation key naming none). */
  workspace_id: Nullable(Type.String()),
  denied_fields: FieldList,
  allowed_fields: FieldList,
});
const Written = Type.Object({ id: Type.String(), total: Type.Integer(), object: Type.Literal('export') });
const Task = Type.Object({ message: Type.String(), object: Type.Literal('export') });

export function exportRoutes(exports: ExportsService, enabled: boolean): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onRequest', async () => {
      if (!enabled) throw forbidden('Log exports are turned off on this appliance (DATA_EXPORTS_ENABLED=OFF)');
    });

    app.post('/logs/exports', { schema: { body: CreateBody, response: { 200: Written } } }, async (req) =>
      exports.create(req.caller, req.body),
    );

    app.get(
      '/logs/exports',
      {
        schema: {
          querystring: Type.Object({ workspace_id: Type.Optional(Type.String()), ...PageQuery }),
          response: { 200: Type.Object({ object: Type.Literal('list'), total: Type.Integer(), data: Type.Array(ExportItem) }) },
        },
      },
      async (req) => exports.list(req.caller, req.query.workspace_id, paging(req.query.current_page, req.query.page_size, 100)),
    );

    // A static segment: fastify matches it before the :id route below.
    app.get(
      '/logs/exports/field-restrictions',
      {
        schema: {
          querystring: Type.Object({ workspace_id: Type.Optional(Type.String()) }),
          response: { 200: FieldRestrictions },
        },
      },
      async (req) => exports.fieldRestrictions(req.caller, req.query.workspace_id),
    );

    app.get('/logs/exports/:id', { schema: { params: Params, response: { 200: ExportItem } } }, async (req) =>
      exports.get(req.caller, req.params.id),
    );

    app.put('/logs/exports/:id', { schema: { params: Params, body: UpdateBody, response: { 200: Written } } }, async (req) =>
      exports.update(req.caller, req.params.id, req.body),
    );

    app.post('/logs/exports/:id/start', { schema: { params: Params, response: { 200: Task } } }, async (req) =>
      exports.start(req.caller, req.params.id),
    );

    app.post('/logs/exports/:id/cancel', { schema: { params: Params, response: { 200: Task } } }, async (req) =>
      exports.cancel(req.caller, req.params.id),
    );

    app.get(
      '/logs/exports/:id/download',
      { schema: { params: Params, response: { 200: Type.Object({ signed_url: Type.String() }) } } },
      async (req) => {
        exports.file(req.caller, req.params.id);
        // Not signed: the URL is served by the route below, which checks the caller's key again.
        return { signed_url: `${req.protocol}://${req.host}/v1/logs/exports/${encodeURIComponent(req.params.id)}/file` };
      },
    );

    app.get('/logs/exports/:id/file', { schema: { params: Params } }, async (req, reply) => {
      const file = exports.file(req.caller, req.params.id);
      return reply
        .type('application/x-ndjson')
        .header('content-length', file.bytes)
        .header('content-disposition', `attachment; filename="${file.name}"`)
        .send(fs.createReadStream(file.path));
    });
  };
}
