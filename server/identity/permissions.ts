// What every route needs from its caller, in one table (spec §3.1–3.2): public, any signed-in
// caller, or API-key scopes (a session holds its role's scopes, identity/roleScopes.ts). An onRoute
// hook looks each route up as it is registered and refuses to start the app for a route the table
// does not know, so a new route cannot ship without a decision. A route-level preValidation hook
// then checks the scopes before the body is validated or the handler runs; the services still
// check the exact scope where it depends on the resource (a key's type, an integration's level)
// and narrow by role and workspace (identity/roles.ts), and by which keys and limits the caller
// stands above (identity/authority.ts, ADR 0010).
//
// Gateway routes (`config.surface: 'gateway'`) need a workspace key with completions.write; their
// handler checks it (gateway/context.ts), so their request path gets no extra hook.
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { requireScopes, requireSession } from './auth.ts';
import type { Surface } from '../http/errors.ts';

export type Permission =
  /** Anyone, without a key or session (health, sign-in, invite pages, pricing). */
  | { kind: 'public' }
  /** A signed-in person (session cookie): their own session and password. API keys are refused. */
  | { kind: 'session' }
  /** A caller holding `all` of these scopes, or `any` one of them. */
  | { kind: 'scopes'; mode: 'all' | 'any'; scopes: readonly string[] }
  /**
   * One of these scopes, chosen by the resource (a key's type, an integration's level): the
   * service checks the exact one once it has loaded the resource, so its refusal can name it.
   * `exact` picks it up front where the request itself says which (`/api-keys/workspace/user`, a
   * create's body, a workspace-bound caller), so such callers are refused before validation.
   */
  | { kind: 'resource-scope'; scopes: readonly string[]; exact?: (req: FastifyRequest) => string | null };

export interface RoutePermission {
  permission: Permission;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set from ROUTE_PERMISSIONS when the route is registered. */
    permission?: RoutePermission;
  }
  interface FastifyInstance {
    /** Every route as registered, with its permission: what the route-table test walks. */
    routeTable: RegisteredRoute[];
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
  permission: RoutePermission;
  /** The top-level fields its body schema names: the walk test finds routes that set limits by them. */
  bodyFields: string[];
  /** The envelope its errors speak (http/errors.ts surfaceOf). */
  surface: Surface;
}

/** Property names of a body schema (an object, or a nullable one). */
function schemaFields(schema: unknown): string[] {
  const s = schema as { properties?: Record<string, unknown>; anyOf?: unknown[] } | undefined;
  if (!s || typeof s !== 'object') return [];
  if (s.properties) return Object.keys(s.properties);
  return (s.anyOf ?? []).flatMap(schemaFields);
}

const PUBLIC: RoutePermission = { permission: { kind: 'public' } };
const SESSION: RoutePermission = { permission: { kind: 'session' } };
const scope = (s: string): RoutePermission => ({ permission: { kind: 'scopes', mode: 'all', scopes: [s] } });
const anyOf = (...scopes: string[]): RoutePermission => ({ permission: { kind: 'scopes', mode: 'any', scopes } });

const byResource = (...scopes: string[]): RoutePermission => ({ permission: { kind: 'resource-scope', scopes } });
/** `POST /api-keys/{organisation|workspace}/{service|user}`: the path names the key's family. */
const KEY_CREATE: RoutePermission = {
  permission: {
    kind: 'resource-scope',
    scopes: ['organisation_service_api_keys.create', 'workspace_service_api_keys.create', 'workspace_user_api_keys.create'],
    exact: (req) => {
      const { type, subType } = req.params as Record<string, string>;
      return type === 'organisation' && subType === 'service'
        ? 'organisation_service_api_keys.create'
        : type === 'workspace' && (subType === 'service' || subType === 'user')
          ? `workspace_${subType}_api_keys.create`
          : null;
    },
  },
};
/** Creating an integration: workspace-level for workspace callers or with a workspace_id in the body. */
const INTEGRATION_CREATE: RoutePermission = {
  permission: {
    kind: 'resource-scope',
    scopes: ['organisation_integrations.create', 'workspace_integrations.create'],
    exact: (req) => {
      const named = (req.body as { workspace_id?: unknown } | null)?.workspace_id;
      const workspaceLevel = req.auth?.workspaceId != null || (typeof named === 'string' && named.trim() !== '');
      return `${workspaceLevel ? 'workspace' : 'organisation'}_integrations.create`;
    },
  },
};
/** The three key families: the service picks the one of the key's type. */
const keyScopes = (action: string) =>
  byResource(`organisation_service_api_keys.${action}`, `workspace_service_api_keys.${action}`, `workspace_user_api_keys.${action}`);
/**
 * One integration: the service picks the scope by the integration's level. A workspace-bound
 * caller can only reach workspace integrations, so theirs is known at once.
 */
const integrationScopes = (action: string): RoutePermission => ({
  permission: {
    kind: 'resource-scope',
    scopes: [`organisation_integrations.${action}`, `workspace_integrations.${action}`],
    exact: (req) => (req.auth?.workspaceId != null ? `workspace_integrations.${action}` : null),
  },
});
const ANALYTICS = scope('analytics.view');

/**
 * Guardrails (spec §2.7): organisation-level ones need organisation_guardrails.*, workspace ones
 * guardrails.*. A create names its level (a workspace_id, or a workspace-bound caller); for one
 * guardrail the service checks the scope of its level once loaded.
 */
const GUARDRAIL_CREATE: RoutePermission = {
  permission: {
    kind: 'resource-scope',
    scopes: ['organisation_guardrails.create', 'guardrails.create'],
    exact: (req) => {
      const named = (req.body as { workspace_id?: unknown } | null)?.workspace_id;
      const workspaceLevel = req.auth?.workspaceId != null || (typeof named === 'string' && named.trim() !== '');
      return workspaceLevel ? 'guardrails.create' : 'organisation_guardrails.create';
    },
  },
};
const guardrailScopes = (action: string): RoutePermission => ({
  permission: {
    kind: 'resource-scope',
    scopes: [`organisation_guardrails.${action}`, `guardrails.${action}`],
    exact: (req) => (req.auth?.workspaceId != null ? `guardrails.${action}` : null),
  },
});

/** `METHOD url` (with the /v1 prefix) -> what the route needs. HEAD routes follow their GET. */
export const ROUTE_PERMISSIONS: Readonly<Record<string, RoutePermission>> = {
  'GET /v1/health': PUBLIC,
  // Readiness: both databases, the log writer, the listeners (observability/readiness.ts).
  'GET /v1/health/ready': PUBLIC,
  // Prometheus metrics of the whole appliance: a scraper's key with metrics.read, or an organisation admin.
  'GET /metrics': anyOf('metrics.read', 'organisation_settings.read'),
  'GET /model-configs/pricing/:provider/*': PUBLIC,
  'GET /invite/:token': PUBLIC,
  // The local CA's certificate, for LAN clients to trust (network/routes.ts).
  'GET /tls/ca.crt': PUBLIC,

  // The admin UI (static build, SPA fallback) and the OpenAPI document (console/console.ts).
  'GET /': PUBLIC,
  'GET /docs/openapi.json': PUBLIC,

  // Sessions (identity/sessions/routes.ts).
  'POST /v1/auth/login': PUBLIC,
  'POST /v1/auth/logout': PUBLIC,
  'POST /v1/auth/invites/accept': PUBLIC,
  'GET /v1/auth/self': SESSION,
  'POST /v1/auth/password': SESSION,
  // The desktop window's one-time token is the credential; loopback only (desktop/routes.ts).
  'POST /v1/auth/desktop': PUBLIC,

  // API keys (spec §2.4): the family follows the key's type.
  'POST /v1/api-keys/:type/:subType': KEY_CREATE,
  'GET /v1/api-keys': keyScopes('list'),
  'GET /v1/api-keys/:id': keyScopes('read'),
  'PUT /v1/api-keys/:id': keyScopes('update'),
  'DELETE /v1/api-keys/:id': keyScopes('delete'),
  'POST /v1/api-keys/:id/rotate': keyScopes('rotate'),
  'POST /v1/api-keys/:id/reveal': keyScopes('rotate'),

  // Workspaces and their members.
  'POST /v1/admin/workspaces': scope('workspaces.create'),
  'GET /v1/admin/workspaces': scope('workspaces.list'),
  'GET /v1/admin/workspaces/:workspaceId': scope('workspaces.read'),
  'PUT /v1/admin/workspaces/:workspaceId': scope('workspaces.update'),
  'DELETE /v1/admin/workspaces/:workspaceId': scope('workspaces.delete'),
  'GET /v1/admin/workspaces/:workspaceId/settings': scope('workspaces.read'),
  'PUT /v1/admin/workspaces/:workspaceId/settings': scope('workspaces.update'),
  'POST /v1/admin/workspaces/:workspaceId/users': scope('workspace_users.create'),
  'GET /v1/admin/workspaces/:workspaceId/users': scope('workspace_users.list'),
  'GET /v1/admin/workspaces/:workspaceId/users/:userId': scope('workspace_users.read'),
  'PUT /v1/admin/workspaces/:workspaceId/users/:userId': scope('workspace_users.update'),
  'DELETE /v1/admin/workspaces/:workspaceId/users/:userId': scope('workspace_users.delete'),

  // Organisation users and invites.
  'GET /v1/admin/users': scope('organisation_users.list'),
  'GET /v1/admin/users/:userId': scope('organisation_users.read'),
  'PUT /v1/admin/users/:userId': scope('organisation_users.update'),
  'DELETE /v1/admin/users/:userId': scope('organisation_users.delete'),
  'POST /v1/admin/users/invites': scope('organisation_users.create'),
  'GET /v1/admin/users/invites': scope('organisation_users.list'),
  'GET /v1/admin/users/invites/:inviteId': scope('organisation_users.read'),
  'DELETE /v1/admin/users/invites/:inviteId': scope('organisation_users.delete'),
  'POST /v1/admin/users/invites/:inviteId/resend': scope('organisation_users.create'),

  // Organisation security settings (spec §3.3), both spellings.
  'GET /v1/admin/organisation/settings': scope('organisation_settings.read'),
  'PUT /v1/admin/organisation/settings': scope('organisation_settings.update'),
  'GET /v1/admin/organization/settings': scope('organisation_settings.read'),
  'PUT /v1/admin/organization/settings': scope('organisation_settings.update'),
  // LAN exposure (network/routes.ts): an appliance setting, organisation owners and admins only.
  'GET /v1/admin/lan-exposure': scope('organisation_settings.read'),
  'PUT /v1/admin/lan-exposure': scope('organisation_settings.update'),
  // The air-gap report and the egress allow-list (network/egressRoutes.ts, docs/adr/0023): the appliance's, like LAN exposure.
  'GET /v1/admin/egress': scope('organisation_settings.read'),
  'GET /v1/admin/egress/report.html': scope('organisation_settings.read'),
  'GET /v1/admin/egress/allow-list': scope('organisation_settings.read'),
  'POST /v1/admin/egress/allow-list': scope('organisation_settings.update'),
  'DELETE /v1/admin/egress/allow-list/:id': scope('organisation_settings.update'),

  // Backups (backups/routes.ts, docs/adr/0024): a backup holds every secret, so making, fetching and
  // scheduling one needs what changing the appliance's settings does.
  'POST /v1/admin/backups': scope('organisation_settings.update'),
  'GET /v1/admin/backups': scope('organisation_settings.read'),
  'GET /v1/admin/backups/:name/file': scope('organisation_settings.update'),
  'DELETE /v1/admin/backups/:name': scope('organisation_settings.update'),
  'GET /v1/admin/backups/schedule': scope('organisation_settings.read'),
  'PUT /v1/admin/backups/schedule': scope('organisation_settings.update'),

  // Pricing files and where each price comes from (control-plane/pricing/adminRoutes.ts): file
  // locations on the appliance, for the people who run it.
  'GET /v1/admin/pricing/files': scope('organisation_settings.read'),
  'GET /v1/admin/pricing/prices': scope('organisation_settings.read'),
  'POST /v1/admin/pricing/reload': scope('organisation_settings.update'),

  // Integrations, providers, virtual keys (spec §2.5–2.7).
  'POST /v1/integrations': INTEGRATION_CREATE,
  'GET /v1/integrations': byResource('organisation_integrations.list', 'workspace_integrations.list'),
  'GET /v1/integrations/:slug': integrationScopes('read'),
  'PUT /v1/integrations/:slug': integrationScopes('update'),
  'DELETE /v1/integrations/:slug': integrationScopes('delete'),
  'GET /v1/integrations/:slug/workspaces': integrationScopes('read'),
  'PUT /v1/integrations/:slug/workspaces': integrationScopes('update'),
  'GET /v1/integrations/:slug/models': integrationScopes('read'),
  'PUT /v1/integrations/:slug/models': integrationScopes('update'),
  'DELETE /v1/integrations/:slug/models': integrationScopes('update'),
  'POST /v1/providers': scope('providers.create'),
  'GET /v1/providers': scope('providers.list'),
  'GET /v1/providers/:slug': scope('providers.read'),
  'PUT /v1/providers/:slug': scope('providers.update'),
  'DELETE /v1/providers/:slug': scope('providers.delete'),
  // One real call upstream (gateway/connectionTest.ts): it can cost money, so it needs what editing does.
  'POST /v1/providers/:slug/test': scope('providers.update'),
  'POST /v1/virtual-keys': scope('virtual_keys.create'),
  'GET /v1/virtual-keys': scope('virtual_keys.list'),
  'GET /v1/virtual-keys/:slug': scope('virtual_keys.read'),
  'PUT /v1/virtual-keys/:slug': scope('virtual_keys.update'),
  'DELETE /v1/virtual-keys/:slug': scope('virtual_keys.delete'),

  // Configs.
  'POST /v1/configs': scope('configs.create'),
  'GET /v1/configs': scope('configs.list'),
  'GET /v1/configs/:slug': scope('configs.read'),
  'PUT /v1/configs/:slug': scope('configs.update'),
  'DELETE /v1/configs/:slug': scope('configs.delete'),
  'GET /v1/configs/:slug/versions': scope('configs.read'),
  // "Try it": one chat through the config (gateway/consoleCalls.ts); it can cost money, so it needs what editing does.
  'POST /v1/configs/:slug/test': scope('configs.update'),
  // The console's playground: a signed-in person's chat through the gateway, in a workspace where
  // their role holds completions.write (checked by the route, gateway/consoleCalls.ts; ADR 0022).
  'POST /v1/playground/chat/completions': SESSION,

  // Guardrails and the organisation's default guardrails (both spellings).
  'POST /v1/guardrails': GUARDRAIL_CREATE,
  'GET /v1/guardrails': scope('guardrails.list'),
  'GET /v1/guardrails/:guardrailId': anyOf('guardrails.read', 'organisation_guardrails.read'),
  // The console's workbench: the checks' parameter schemas for whoever lists guardrails; a test for
  // whoever may write one (the service narrows to the level: a workspace's, or the organisation's).
  'GET /v1/guardrails/checks': scope('guardrails.list'),
  'POST /v1/guardrails/test': anyOf(
    'guardrails.create',
    'guardrails.update',
    'organisation_guardrails.create',
    'organisation_guardrails.update',
  ),
  'PUT /v1/guardrails/:guardrailId': guardrailScopes('update'),
  'DELETE /v1/guardrails/:guardrailId': guardrailScopes('delete'),
  'GET /v1/admin/organisation/defaults': scope('organisation_settings.read'),
  'PUT /v1/admin/organisation/defaults': scope('organisation_settings.update'),
  'GET /v1/admin/organization/defaults': scope('organisation_settings.read'),
  'PUT /v1/admin/organization/defaults': scope('organisation_settings.update'),

  // Audit log.
  'GET /v1/audit-logs': scope('audit_logs.list'),

  // Usage-limit and rate-limit policies (spec §2.8; limits/policyRoutes.ts). The service keeps
  // organisation policies to organisation admins and a key off the policies that limit it.
  'POST /v1/policies/usage-limits': scope('policies.create'),
  'GET /v1/policies/usage-limits': scope('policies.list'),
  'GET /v1/policies/usage-limits/:id': scope('policies.read'),
  'PUT /v1/policies/usage-limits/:id': scope('policies.update'),
  'DELETE /v1/policies/usage-limits/:id': scope('policies.delete'),
  'GET /v1/policies/usage-limits/:id/entities': scope('policies.read'),
  'PUT /v1/policies/usage-limits/:id/entities/:entityId/reset': scope('policies.update'),
  'POST /v1/policies/rate-limits': scope('policies.create'),
  'GET /v1/policies/rate-limits': scope('policies.list'),
  'GET /v1/policies/rate-limits/:id': scope('policies.read'),
  'PUT /v1/policies/rate-limits/:id': scope('policies.update'),
  'DELETE /v1/policies/rate-limits/:id': scope('policies.delete'),
  // A caller's own headroom, with the key that calls the gateway (sessions are refused there).
  'GET /v1/usage': scope('completions.write'),
  // Budget alerts and exhaustion: whoever reads the workspace (its own workspace's only).
  'GET /v1/notifications': scope('workspaces.read'),

  // Logs (spec §2.10): the list and groups also open to analytics viewers; one log to any key that may write them.
  'GET /v1/logs': anyOf('logs.list', 'analytics.view', 'logs.view'),
  'GET /v1/logs/:id': anyOf('logs.view', 'logs.read', 'logs.write', 'completions.write'),
  'GET /v1/logs/groups/:groupBy': anyOf('analytics.view', 'logs.list', 'logs.view'),
  'POST /v1/logs': { permission: { kind: 'scopes', mode: 'all', scopes: ['completions.write', 'logs.write'] } },
  'POST /v1/feedback': scope('logs.write'),
  'PUT /v1/feedback/:id': scope('logs.write'),
  'POST /v1/logs/exports': scope('logs.export'),
  'GET /v1/logs/exports': scope('logs.export'),
  'GET /v1/logs/exports/field-restrictions': scope('logs.export'),
  'GET /v1/logs/exports/:id': scope('logs.export'),
  'PUT /v1/logs/exports/:id': scope('logs.export'),
  'POST /v1/logs/exports/:id/start': scope('logs.export'),
  'POST /v1/logs/exports/:id/cancel': scope('logs.export'),
  'GET /v1/logs/exports/:id/download': scope('logs.export'),
  'GET /v1/logs/exports/:id/file': scope('logs.export'),

  // Analytics (spec §2.9): every graph and group.
  'GET /v1/analytics/summary/cache': ANALYTICS,
  // The console dashboard's figures in one call, and the models seen without a price (analytics/overview.ts).
  'GET /v1/analytics/summary/overview': ANALYTICS,
  'GET /v1/analytics/unpriced-models': ANALYTICS,
  'GET /v1/analytics/groups/users': ANALYTICS,
  'GET /v1/analytics/groups/ai-models': ANALYTICS,
  'GET /v1/analytics/groups/workspaces': ANALYTICS,
  'GET /v1/analytics/groups/metadata/:metadataKey': ANALYTICS,
  'GET /v1/analytics/groups/:groupBy': ANALYTICS,
};

/** Every analytics graph, under both spellings, needs analytics.view. */
const ANALYTICS_GRAPH = /^\/v1\/analytics\/graphs\/[a-z/-]+$/;

/** Gateway traffic (registered with `surface: 'gateway'`). */
export const GATEWAY_PERMISSION: RoutePermission = scope('completions.write');

/**
 * Data-plane routes (spec §1.1): they act with an API key's identity, so sessions are refused
 * (identity/sessions/requestAuth.ts) and the audit log skips them (audit/classify.ts). Besides the
 * gateway's own routes, including those later issues add (prompt runs, guardrail checks).
 */
const DATA_PLANE: readonly [method: string | null, pattern: RegExp][] = [
  [
    null,
    /^\/v[12]\/(chat\/completions|completions|embeddings|messages|responses|rerank|images|audio|moderations|files|batches|fine_tuning|vector_stores|assistants|threads|realtime|models|gateway)(\/|$)/,
  ],
  ['POST', /^\/v[12]\/logs$/],
  [null, /^\/v[12]\/feedback(\/|$)/],
  [null, /^\/v[12]\/prompts\/[^/]+\/(completions|render)$/],
  [null, /^\/v[12]\/guardrails\/[^/]+\/(invoke|check)$/],
];

/** Whether a route (its method, URL pattern with the /v1 prefix, and surface) is on the data plane. */
export function isDataPlaneRoute(method: string, url: string, surface?: string): boolean {
  if (surface === 'gateway') return true;
  const m = method.toUpperCase();
  return DATA_PLANE.some(([only, re]) => (only === null || only === m) && re.test(url));
}

/** The permission of a route, or throws naming it: every route must be in the table. */
export function permissionOf(method: string, url: string, surface: string | undefined): RoutePermission {
  if (surface === 'gateway') return GATEWAY_PERMISSION;
  const lookup = method === 'HEAD' ? 'GET' : method;
  const found = ROUTE_PERMISSIONS[`${lookup} ${url}`];
  if (found) return found;
  if (lookup === 'GET' && ANALYTICS_GRAPH.test(url)) return ANALYTICS;
  throw new Error(
    `Route ${method} ${url} has no entry in the permission table (server/identity/permissions.ts): add one before it can be served`,
  );
}

/** preValidation: the caller is what the route's table entry asks for. */
async function checkPermission(req: FastifyRequest): Promise<void> {
  const entry = req.routeOptions.config.permission?.permission;
  if (!entry || !req.auth) return;
  if (entry.kind === 'scopes') requireScopes(req.auth, entry.scopes, entry.mode);
  else if (entry.kind === 'session') requireSession(req.auth);
  else if (entry.kind === 'resource-scope') {
    // Where only the resource says which scope counts, the service checks it once it is loaded.
    const exact = entry.exact?.(req);
    if (exact) requireScopes(req.auth, [exact], 'all');
  }
}

/**
 * Attaches each route's permission as it is registered (before the audit log classifies it) and
 * the scope check to every non-gateway route. A route the table does not know stops the start.
 */
export function registerPermissions(app: FastifyInstance): void {
  const table: RegisteredRoute[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route: RouteOptions) => {
    const surface = (route.config as { surface?: string } | undefined)?.surface;
    const methods = [route.method].flat();
    const entries = methods.map((m) => permissionOf(m, route.url, surface));
    const entry = entries[0]!;
    const declaredPublic = (route.config as { auth?: string } | undefined)?.auth === 'public';
    if (declaredPublic !== (entry.permission.kind === 'public')) {
      throw new Error(
        `Route ${methods.join(',')} ${route.url}: the route says auth ${declaredPublic ? 'public' : 'required'} but the permission table says ${entry.permission.kind}`,
      );
    }
    route.config = { ...route.config, permission: entry } as typeof route.config;
    const bodyFields = schemaFields(route.schema?.body);
    const envelope: Surface = surface === 'gateway' ? 'gateway' : 'admin';
    for (const method of methods) table.push({ method, url: route.url, permission: entry, bodyFields, surface: envelope });
    if (surface !== 'gateway' && entry.permission.kind !== 'public') {
      route.preValidation = [...[route.preValidation ?? []].flat(), checkPermission];
    }
  });
}
