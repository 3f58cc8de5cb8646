// Which requests the audit log records, and as what: a pure function of the route (method, URL
// pattern, route config), so that route files stay untouched. The resource type comes from the
// path table below; the action from a verb segment (`/rotate`, `/publish`) or else the method.
// A route can override both, or opt out, with `config: { audit: { resource_type, action } | false }`.
// A mutating admin route that the table does not know is still recorded, under a resource type
// derived from its path, so that new routes are never silently missing from the log.

import { isDataPlaneRoute } from '../identity/permissions.ts';

export interface AuditRouteOverride {
  resource_type?: string;
  action?: string;
}

export interface AuditRoute {
  resource_type: string;
  action: string;
  /** The route parameter naming the resource (the last one), or null for creates. */
  idParam: string | null;
  /** The route parameter naming the workspace the resource lives in, when the path says it. */
  workspaceParam: string | null;
}

export interface RouteFacts {
  method: string;
  /** The route's URL pattern with its prefix: `/v1/configs/:slug`. */
  url: string;
  config?: { audit?: AuditRouteOverride | false; auth?: string; surface?: string } | undefined;
}

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Path (after /v1) -> resource type, and optionally the action for every method or for POSTs. */
type ResourceRule = readonly [RegExp, string, { any?: string; post?: string }?];

const RESOURCES: readonly ResourceRule[] = [
  [/^\/api-keys(\/|$)/, 'api_key'],
  [/^\/admin\/workspaces\/:[^/]+\/users(\/|$)/, 'workspace_member'],
  [/^\/admin\/workspaces(\/|$)/, 'workspace'],
  [/^\/admin\/users\/invites(\/|$)/, 'user_invite'],
  [/^\/admin\/users(\/|$)/, 'user'],
  [/^\/admin\/(organisation|organization|settings)(\/|$)/, 'organisation'],
  [/^\/(organisation|organization)(\/|$)/, 'organisation'],
  // Which workspaces may use an integration, and which of its models are on: access management.
  [/^\/integrations\/:[^/]+\/(workspaces|models)(\/|$)/, 'integration', { any: 'manage' }],
  [/^\/integrations(\/|$)/, 'integration'],
  [/^\/providers(\/|$)/, 'provider'],
  [/^\/virtual-keys(\/|$)/, 'virtual_key'],
  [/^\/configs(\/|$)/, 'config'],
  [/^\/prompts\/partials(\/|$)/, 'prompt_partial'],
  [/^\/(prompts\/)?collections(\/|$)/, 'collection'],
  [/^\/(prompts\/)?labels(\/|$)/, 'label'],
  [/^\/prompts(\/|$)/, 'prompt'],
  [/^\/guardrails(\/|$)/, 'guardrail'],
  [/^\/policies\/usage-limits(\/|$)/, 'usage_limit_policy'],
  [/^\/policies\/rate-limits(\/|$)/, 'rate_limit_policy'],
  [/^\/policies(\/|$)/, 'policy'],
  [/^\/secret-references(\/|$)/, 'secret_reference'],
  [/^\/mcp-integrations(\/|$)/, 'mcp_integration'],
  [/^\/mcp-servers(\/|$)/, 'mcp_server'],
  // Creating and starting a log export both export data.
  [/^\/logs\/exports(\/|$)/, 'log_export', { post: 'export' }],
  [/^\/scim(\/|$)/, 'scim'],
  [/^\/auth(\/|$)/, 'session'],
];

/** Last static path segments that name the action. */
const VERBS: Readonly<Record<string, string>> = {
  rotate: 'rotate',
  // Showing a key's secret again is a read, but one an auditor wants to see.
  reveal: 'reveal',
  publish: 'publish',
  export: 'export',
  duplicate: 'duplicate',
  copy: 'duplicate',
  resend: 'resend',
  archive: 'archive',
  unarchive: 'unarchive',
  cancel: 'cancel',
  'reset-usage': 'reset_usage',
  reset_usage: 'reset_usage',
  // PUT /policies/usage-limits/:id/entities/:entityId/reset
  reset: 'reset_usage',
  login: 'login',
  logout: 'logout',
};

const BY_METHOD: Readonly<Record<string, string>> = { POST: 'create', PUT: 'update', PATCH: 'update', DELETE: 'delete' };

/** `/v1/configs/:slug` -> `/configs/:slug`; the public contract lives under /v1 (and /v2 aliases). */
function apiPath(url: string): string {
  return url.replace(/^\/v[12](?=\/|$)/, '') || '/';
}

/** `/admin/foo-bars/:id` -> `foo_bar`: a readable resource type for a route the table does not know. */
function derivedResource(path: string): string {
  const statics = path.split('/').filter((s) => s && !s.startsWith(':') && s !== '*');
  const first = (statics[0] === 'admin' ? statics[1] : statics[0]) ?? 'unknown';
  return first.replace(/-/g, '_').replace(/ies$/, 'y').replace(/s$/, '');
}

/** What a request to this route is recorded as, or null when it is not recorded. */
export function classifyRoute(route: RouteFacts): AuditRoute | null {
  const method = route.method.toUpperCase();
  const override = route.config?.audit;
  if (override === false || !MUTATIONS.has(method)) return null;
  const path = apiPath(route.url);
  if (isDataPlaneRoute(method, route.url, route.config?.surface)) return null;
  // Public routes (login, invite acceptance) have no caller to name: they record their own events.
  if (route.config?.auth === 'public' && override === undefined) return null;

  const segments = path.split('/').filter(Boolean);
  const params = segments.filter((s) => s.startsWith(':')).map((s) => s.slice(1));
  const lastStatic = [...segments].reverse().find((s) => !s.startsWith(':'));
  const known = RESOURCES.find(([re]) => re.test(path));
  const resource = override?.resource_type ?? known?.[1] ?? derivedResource(path);
  // Verbs are POSTs (`POST /api-keys/:id/rotate`); `PUT /logs/exports/:id` is still an update.
  const verb = method === 'POST' && lastStatic !== undefined ? VERBS[lastStatic] : undefined;
  const rule = known?.[2];
  const action = override?.action ?? verb ?? rule?.any ?? (method === 'POST' ? rule?.post : undefined) ?? BY_METHOD[method]!;
  // A create names its resource in the response; its path parameters name a parent or a type.
  const idParam = action === 'create' ? null : (params.at(-1) ?? null);
  const workspaceParam = /^\/admin\/workspaces\/:/.test(path) ? (params[0] ?? null) : null;
  return { resource_type: resource, action, idParam, workspaceParam };
}
