// GET /v1/audit-logs (spec §2.11): the documented filters, newest first, as
// `{records, total, object}`. Scope `audit_logs.list`, which only admin keys may hold (§3.2); a
// caller bound to a workspace (a JWT or key carrying the scope) sees that workspace's records only.
// With AUDIT_LOGS_ENABLED=OFF the route answers 403 AB03, as API_ACCESS_ENABLED=OFF does: the
// route exists and the caller is authenticated, but this appliance does not offer the feature.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { badRequest, forbidden } from '../errors.ts';
import { requireScope, requireWorkspace } from '../identity/auth.ts';
import { Nullable } from '../http/schemas.ts';
import type { AuditRow } from './events.ts';
import type { AuditFilter } from './repository.ts';
import type { WorkspaceLocator } from './locate.ts';
import type { AuditLog } from './recorder.ts';

export const AUDIT_SCOPE = 'audit_logs.list';

const DEFAULT_PAGE_SIZE = 50;

export const AuditLogQuery = Type.Object({
  start_time: Type.Optional(Type.String()),
  end_time: Type.Optional(Type.String()),
  organisation_id: Type.Optional(Type.String()),
  method: Type.Optional(Type.Enum(['POST', 'PUT', 'PATCH', 'DELETE'])),
  uri: Type.Optional(Type.String()),
  request_id: Type.Optional(Type.String()),
  user_id: Type.Optional(Type.String()),
  user_type: Type.Optional(Type.Enum(['user', 'api_key'])),
  workspace_id: Type.Optional(Type.String()),
  response_status_code: Type.Optional(Type.Integer({ minimum: 100, maximum: 599 })),
  resource_type: Type.Optional(Type.String()),
  action: Type.Optional(Type.String()),
  client_ip: Type.Optional(Type.String()),
  country: Type.Optional(Type.String()),
  // Appliance additions: the acting key and the resource's own id.
  api_key_id: Type.Optional(Type.String()),
  resource_id: Type.Optional(Type.String()),
  current_page: Type.Optional(Type.Integer({ minimum: 0 })),
  page_size: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
});
type AuditLogQuery = Static<typeof AuditLogQuery>;

const Str = Nullable(Type.String());

export const AuditRecord = Type.Object({
  timestamp: Type.String(),
  method: Type.String(),
  uri: Type.String(),
  request_id: Type.String(),
  request_body: Str,
  query_params: Str,
  request_headers: Str,
  user_id: Str,
  user_type: Nullable(Type.Enum(['user', 'api_key'])),
  organisation_id: Type.String(),
  workspace_id: Str,
  response_status_code: Type.Integer(),
  resource_type: Type.String(),
  action: Type.String(),
  client_ip: Str,
  country: Str,
  // Appliance additions, beyond the documented fields.
  resource_id: Str,
  api_key_id: Str,
  api_key_type: Str,
  user_agent: Str,
  status: Type.Enum(['success', 'failure']),
});

/**
 * OAS AuditLogObjectList: `object` is documented with the single value `analytics-graph`
 * (apparently copied from the analytics schemas; spec §9 style discrepancy). We send what is
 * documented, since clients may check it. `total` counts every matching record, not the page.
 */
export const AuditLogList = Type.Object({
  records: Type.Array(AuditRecord),
  total: Type.Integer(),
  object: Type.Literal('analytics-graph'),
});

/** Query times -> the stored format (ISO 8601 UTC, milliseconds), so that text order is time order. */
function isoBound(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw badRequest(`${name} must be an ISO 8601 time, e.g. 2025-01-31T00:00:00Z`, { param: name });
  return new Date(ms).toISOString();
}

export function recordView(row: AuditRow) {
  return {
    timestamp: row.timestamp,
    method: row.method,
    uri: row.uri,
    request_id: row.request_id,
    request_body: row.request_body,
    query_params: row.query_params,
    request_headers: row.request_headers,
    // Portkey names the actor by user_id and says by user_type whether that is a user or a key:
    // the key's owner when it has one, else the key itself.
    user_id: row.user_id ?? row.api_key_id,
    user_type: row.user_type,
    organisation_id: row.organisation_id,
    workspace_id: row.workspace_id,
    response_status_code: row.response_status_code,
    resource_type: row.resource_type,
    action: row.action,
    client_ip: row.client_ip,
    country: row.country,
    resource_id: row.resource_id,
    api_key_id: row.api_key_id,
    api_key_type: row.api_key_type,
    user_agent: row.user_agent,
    status: row.response_status_code < 400 ? ('success' as const) : ('failure' as const),
  };
}

export function auditRoutes(audit: AuditLog, locator: WorkspaceLocator): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/audit-logs', { schema: { querystring: AuditLogQuery, response: { 200: AuditLogList } } }, async (req) => {
      const auth = req.caller;
      if (!audit.enabled) throw forbidden('Audit logs are turned off on this appliance (AUDIT_LOGS_ENABLED=OFF)');
      requireScope(auth, AUDIT_SCOPE);
      const q: AuditLogQuery = req.query;
      const from = isoBound('start_time', q.start_time);
      const to = isoBound('end_time', q.end_time);
      if (from !== undefined && to !== undefined && from > to)
        throw badRequest('start_time must not be after end_time', { param: 'start_time' });

      let workspaceId = q.workspace_id ? locator.workspace(q.workspace_id) : undefined;
      if (auth.workspaceId !== null) {
        if (workspaceId !== undefined) requireWorkspace(auth, workspaceId);
        workspaceId = auth.workspaceId;
      }
      const filter: AuditFilter = {
        organisationId: auth.organisationId,
        from,
        to,
        workspaceId,
        method: q.method,
        uri: q.uri,
        requestId: q.request_id,
        userId: q.user_id,
        userType: q.user_type,
        apiKeyId: q.api_key_id,
        statusCode: q.response_status_code,
        resourceType: q.resource_type,
        resourceId: q.resource_id,
        action: q.action,
        clientIp: q.client_ip,
        // No IP-to-country database is available offline: records never have a country, so this
        // filter matches nothing. It is accepted so that documented queries do not fail.
        country: q.country,
      };
      // One organisation per appliance: naming another is not an error, it just matches nothing.
      if (q.organisation_id !== undefined && q.organisation_id !== auth.organisationId) {
        return { records: [], total: 0, object: 'analytics-graph' as const };
      }
      audit.flush();
      const limit = q.page_size ?? DEFAULT_PAGE_SIZE;
      const { total, rows } = audit.repository.list(filter, { limit, offset: (q.current_page ?? 0) * limit });
      return { records: rows.map(recordView), total, object: 'analytics-graph' as const };
    });
  };
}
