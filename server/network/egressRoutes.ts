// The air-gap report (JSON, or a printable page) and the egress allow-list, on the Admin API:
// GET /v1/admin/egress, GET /v1/admin/egress/report.html, GET|POST /v1/admin/egress/allow-list,
// DELETE /v1/admin/egress/allow-list/{id}. Organisation owners, admins and admin keys.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AuthContext } from '../identity/auth.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import type { EgressGuard } from '../security/egress/guard.ts';
import type { AllowListRow } from '../security/egress/store.ts';
import { egressReportPage } from './egressPage.ts';
import type { EgressReport } from './egressSchemas.ts';
import { AllowEntryBody, AllowEntryView, AllowListView, EgressReportView, ReportQuery } from './egressSchemas.ts';

export interface EgressRoutesOptions {
  guard: EgressGuard;
  report(options: { recheck?: boolean; refusals?: number }): Promise<EgressReport>;
}

const entryView = (row: AllowListRow) => ({
  object: 'egress_allow_entry' as const,
  id: row.id,
  destination: row.destination,
  description: row.description,
  created_at: row.created_at,
  created_by: row.created_by_name ?? row.created_by_id,
});

/** Who is adding an entry, as the report will name them. */
function actor(auth: AuthContext | null): { type: string; id: string | null; name: string | null } {
  if (auth?.kind === 'session') return { type: 'user', id: auth.userId, name: auth.session.email };
  if (auth?.kind === 'api_key') return { type: 'api_key', id: auth.key.id, name: `API key ${auth.key.name}` };
  return { type: 'unknown', id: null, name: null };
}

const fileDate = (iso: string) => iso.slice(0, 19).replace(/[:T]/g, '-');

export const egressRoutes: FastifyPluginAsyncTypebox<EgressRoutesOptions> = async (app, { guard, report }) => {
  app.get('/v1/admin/egress', { schema: { querystring: ReportQuery, response: { 200: EgressReportView } } }, async (req, reply) => {
    const body = await report(req.query);
    if (req.query.download) {
      reply.header('content-disposition', `attachment; filename="air-gap-report-${fileDate(body.generated_at)}.json"`);
    }
    return body;
  });

  app.get('/v1/admin/egress/report.html', { schema: { querystring: ReportQuery } }, async (req, reply) => {
    const body = await report(req.query);
    if (req.query.download) {
      reply.header('content-disposition', `attachment; filename="air-gap-report-${fileDate(body.generated_at)}.html"`);
    }
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
      .header('cache-control', 'no-store')
      .send(egressReportPage(body));
  });

  app.get('/v1/admin/egress/allow-list', { schema: { response: { 200: AllowListView } } }, async () => {
    const rows = guard.allowEntries();
    return { object: 'list' as const, total: rows.length, data: rows.map(entryView) };
  });

  app.post(
    '/v1/admin/egress/allow-list',
    {
      config: { audit: { resource_type: 'egress_allow_entry', action: 'create' } },
      schema: { body: AllowEntryBody, response: { 200: AllowEntryView } },
    },
    async (req) => {
      const added = guard.addAllowEntry(req.body, actor(req.auth));
      if (!added.ok)
        throw added.reason === 'exists' ? conflict(added.message) : badRequest(`destination ${added.message}`, { param: 'destination' });
      return entryView(added.row);
    },
  );

  app.delete(
    '/v1/admin/egress/allow-list/:id',
    {
      config: { audit: { resource_type: 'egress_allow_entry', action: 'delete' } },
      schema: { params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }), response: { 200: AllowEntryView } },
    },
    async (req) => {
      const removed = guard.removeAllowEntry(req.params.id);
      if (!removed) throw notFound(`No egress allow-list entry ${req.params.id}`);
      return entryView(removed);
    },
  );
};
