// Records every Admin API mutation without touching the route files. An onRoute hook classifies
// each route as it is registered (classify.ts) and gives the audited ones two route-level hooks:
// a preHandler that notes the workspace the request acts in (before a delete removes the
// evidence) and an onSend hook that queues the event with the final status code. Gateway routes
// get no hooks at all. Nothing here may fail a request: errors are logged and the request goes on.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { classifyRoute, type AuditRoute, type AuditRouteOverride, type RouteFacts } from './classify.ts';
import { actorOf, requestFacts } from './events.ts';
import type { WorkspaceLocator } from './locate.ts';
import type { AuditLog } from './recorder.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Overrides what the audit log records for this route, or `false` to never record it. */
    audit?: AuditRouteOverride | false;
  }
}

/** Responses longer than this are not parsed for the id of what a create made. */
const MAX_PARSED_RESPONSE = 1024 * 1024;

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function field(source: unknown, name: string): string | null {
  return source !== null && typeof source === 'object' && !Array.isArray(source) ? str((source as Record<string, unknown>)[name]) : null;
}

/** `{id}`, `{data: {id}}` or a slug: what a create answered with. */
function createdFacts(payload: unknown): { id: string | null; workspaceId: string | null } {
  if (typeof payload !== 'string' || payload.length > MAX_PARSED_RESPONSE) return { id: null, workspaceId: null };
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    return { id: null, workspaceId: null };
  }
  const data = (body as { data?: unknown } | null)?.data;
  return {
    id: field(body, 'id') ?? field(data, 'id') ?? field(body, 'slug') ?? field(data, 'slug'),
    workspaceId: field(body, 'workspace_id') ?? field(data, 'workspace_id'),
  };
}

export interface AuditHookDeps {
  audit: AuditLog;
  locator: WorkspaceLocator;
  /** The organisation's id, once it exists. */
  organisationId: () => string | null;
}

export function registerAuditLog(app: FastifyInstance, { audit, locator, organisationId }: AuditHookDeps): void {
  audit.useLogger({ error: (details, message) => app.log.error(details, message) });
  app.addHook('onClose', async () => audit.close());
  if (!audit.enabled) return;

  const routes = new Map<string, AuditRoute | null>();
  const classify = (facts: RouteFacts) => {
    const key = `${facts.method.toUpperCase()} ${facts.url}`;
    if (!routes.has(key)) routes.set(key, classifyRoute(facts));
    return routes.get(key) ?? null;
  };
  const routeOf = (req: FastifyRequest): AuditRoute | null =>
    req.routeOptions.url === undefined
      ? null
      : classify({ method: req.method, url: req.routeOptions.url, config: req.routeOptions.config });

  let known: string | null = null;
  const organisation = () => (known ??= organisationId());

  function locate(req: FastifyRequest, route: AuditRoute): string | null {
    if (req.auth?.workspaceId) return req.auth.workspaceId;
    const params = req.params as Record<string, unknown> | undefined;
    const ws = route.workspaceParam ? str(params?.[route.workspaceParam]) : null;
    if (ws) return locator.workspace(ws);
    const named = field(req.body, 'workspace_id') ?? field(req.query, 'workspace_id');
    if (named) return locator.workspace(named);
    const ref = route.idParam ? str(params?.[route.idParam]) : null;
    return ref ? locator.ownerOf(route.resource_type, ref) : null;
  }

  const located = new WeakMap<FastifyRequest, string | null>();

  const notePreHandler = async (req: FastifyRequest) => {
    try {
      const route = routeOf(req);
      if (route) located.set(req, locate(req, route));
    } catch (err) {
      req.log.error({ err }, 'audit: could not tell the workspace of this request');
    }
  };

  const recordOnSend = async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    try {
      const route = routeOf(req);
      const organisation_id = req.auth?.organisationId ?? (route ? organisation() : null);
      if (!route || !organisation_id) return payload;
      const params = req.params as Record<string, unknown> | undefined;
      let resourceId = route.idParam ? str(params?.[route.idParam]) : null;
      let workspaceId = located.has(req) ? located.get(req)! : locate(req, route);
      if ((resourceId === null || workspaceId === null) && reply.statusCode < 400) {
        const created = createdFacts(payload);
        resourceId ??= created.id;
        workspaceId ??= created.workspaceId ? locator.workspace(created.workspaceId) : null;
      }
      if (route.resource_type === 'workspace') workspaceId ??= resourceId;
      audit.record({
        ...requestFacts(req),
        organisation_id,
        workspace_id: workspaceId,
        actor: actorOf(req.auth),
        request_body: req.body,
        response_status_code: reply.statusCode,
        resource_type: route.resource_type,
        resource_id: resourceId,
        action: route.action,
      });
    } catch (err) {
      req.log.error({ err }, 'audit: could not record this request');
    }
    return payload;
  };

  // Hooks go on the audited routes only: the gateway's request path does not pay for them.
  app.addHook('onRoute', (route) => {
    const audited = [route.method].flat().some((method) => classify({ method, url: route.url, config: route.config }) !== null);
    if (!audited) return;
    route.preHandler = [...[route.preHandler ?? []].flat(), notePreHandler];
    route.onSend = [...[route.onSend ?? []].flat(), recordOnSend];
  });
}
