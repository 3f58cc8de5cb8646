// Walks the real route table (every route the app registered) × every kind of caller, over HTTP,
// and checks allowed/denied against the expectation written below (spec §3.1–3.2): people by
// organisation and workspace role (session cookies), and organisation service, workspace service,
// workspace user and under-scoped keys. "Allowed" means the request got past authentication and
// permissions (any status but 401/403: a 400 for an empty body, a 404 for an unknown id);
// "denied" means 401 or 403. A route missing from EXPECTED fails the test, so every new route
// gets a written decision here as well as in the permission table (server/http/permissions.ts).
//
// A second walk (issue 12) takes the routes that act on API keys or set what binds a key or a
// workspace (limits, usage, defaults, scopes, roles, settings) with the targets that once let a
// caller climb: a key stronger than the caller, the caller's own key, a key of someone who outranks
// the caller, a setting the organisation keeps. Every such route, found by its path or its body's
// fields, must have cases there or a written reason why it needs none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers/testApp.ts';
import { addWorkspace, call, workspaceKey } from '../control-plane/catalog/catalogTestKit.ts';
import { addUser, userKey } from '../control-plane/users/peopleTestKit.ts';
import { SCOPES_BY_KEY_TYPE } from '../control-plane/api-keys/scopes.ts';
import { WORKSPACE_ROLE_SCOPES } from '../identity/roleScopes.ts';
import { type Browser, addPerson, signIn } from '../identity/sessions/sessionsTestKit.ts';
import { SESSION_COOKIE } from '../identity/sessions/cookies.ts';
import { type RegisteredRoute, permissionOf } from './permissions.ts';

const PRINCIPALS = [
  'owner', // organisation owner, signed in
  'admin', // organisation admin, signed in
  'wsAdmin', // admin of the default workspace, signed in
  'manager', // manager of the default workspace, signed in
  'member', // member of the default workspace, signed in
  'outsider', // member of another workspace only, acting in the default one
  'homeless', // organisation member in no workspace
  'orgKey', // organisation service key, every scope
  'wsKey', // workspace service key of the default workspace, every scope
  'userKey', // workspace user key of the member, with a member's scopes
  'bareKey', // workspace service key with completions.write only
  'anonymous', // no key, no cookie
] as const;
type Principal = (typeof PRINCIPALS)[number];

const group = (...who: Principal[]) => new Set<Principal>(who);
const EVERYONE = group(...PRINCIPALS);
const PEOPLE = group('owner', 'admin', 'wsAdmin', 'manager', 'member', 'homeless');
const ORGANISATION = group('owner', 'admin', 'orgKey');
const WS_READ = group('owner', 'admin', 'wsAdmin', 'manager', 'member', 'orgKey', 'wsKey', 'userKey');
const WS_MANAGE = group('owner', 'admin', 'wsAdmin', 'manager', 'orgKey', 'wsKey');
const WS_ADMIN = group('owner', 'admin', 'wsAdmin', 'orgKey', 'wsKey');
/** Workspace integrations: workspace keys and people who manage the workspace; members read. */
const INTEGRATION_READ = WS_READ;
/** Gateway traffic: workspace keys with completions.write; never sessions or organisation keys. */
const GATEWAY = group('wsKey', 'userKey', 'bareKey');
const LOG_WRITERS = group('wsKey', 'userKey');

/**
 * The written expectation: who may call each route (HEAD routes follow GET). Gateway pass-through
 * routes (`/v1/audio/*` and the like) are listed by path with every method.
 */
const EXPECTED: Record<string, Set<Principal>> = {
  'GET /v1/health': EVERYONE,
  'GET /model-configs/pricing/:provider/*': EVERYONE,
  'GET /invite/:token': EVERYONE,
  'POST /v1/auth/login': EVERYONE,
  'POST /v1/auth/logout': EVERYONE,
  'POST /v1/auth/invites/accept': EVERYONE,
  'GET /v1/auth/self': PEOPLE,
  'POST /v1/auth/password': PEOPLE,

  'POST /v1/api-keys/:type/:subType': WS_MANAGE,
  'GET /v1/api-keys': WS_MANAGE,
  'GET /v1/api-keys/:id': WS_MANAGE,
  'PUT /v1/api-keys/:id': WS_MANAGE,
  'DELETE /v1/api-keys/:id': WS_MANAGE,
  'POST /v1/api-keys/:id/rotate': WS_MANAGE,
  'POST /v1/api-keys/:id/reveal': WS_MANAGE,

  'POST /v1/admin/workspaces': ORGANISATION,
  'GET /v1/admin/workspaces': WS_READ,
  'GET /v1/admin/workspaces/:workspaceId': WS_READ,
  'PUT /v1/admin/workspaces/:workspaceId': WS_ADMIN,
  'DELETE /v1/admin/workspaces/:workspaceId': ORGANISATION,
  'GET /v1/admin/workspaces/:workspaceId/settings': WS_READ,
  'PUT /v1/admin/workspaces/:workspaceId/settings': WS_ADMIN,
  'POST /v1/admin/workspaces/:workspaceId/users': WS_MANAGE,
  'GET /v1/admin/workspaces/:workspaceId/users': WS_MANAGE,
  'GET /v1/admin/workspaces/:workspaceId/users/:userId': WS_MANAGE,
  'PUT /v1/admin/workspaces/:workspaceId/users/:userId': WS_MANAGE,
  'DELETE /v1/admin/workspaces/:workspaceId/users/:userId': WS_MANAGE,

  'GET /v1/admin/users': ORGANISATION,
  'GET /v1/admin/users/:userId': ORGANISATION,
  'PUT /v1/admin/users/:userId': ORGANISATION,
  'DELETE /v1/admin/users/:userId': ORGANISATION,
  'POST /v1/admin/users/invites': ORGANISATION,
  'GET /v1/admin/users/invites': ORGANISATION,
  'GET /v1/admin/users/invites/:inviteId': ORGANISATION,
  'DELETE /v1/admin/users/invites/:inviteId': ORGANISATION,
  'POST /v1/admin/users/invites/:inviteId/resend': ORGANISATION,

  'GET /v1/admin/organisation/settings': ORGANISATION,
  'PUT /v1/admin/organisation/settings': ORGANISATION,
  'GET /v1/admin/organization/settings': ORGANISATION,
  'PUT /v1/admin/organization/settings': ORGANISATION,

  'POST /v1/integrations': WS_MANAGE,
  'GET /v1/integrations': INTEGRATION_READ,
  'GET /v1/integrations/:slug': INTEGRATION_READ,
  'PUT /v1/integrations/:slug': WS_MANAGE,
  'DELETE /v1/integrations/:slug': WS_MANAGE,
  'GET /v1/integrations/:slug/workspaces': INTEGRATION_READ,
  'PUT /v1/integrations/:slug/workspaces': WS_MANAGE,
  'GET /v1/integrations/:slug/models': INTEGRATION_READ,
  'PUT /v1/integrations/:slug/models': WS_MANAGE,
  'DELETE /v1/integrations/:slug/models': WS_MANAGE,
  'POST /v1/providers': WS_MANAGE,
  'GET /v1/providers': WS_READ,
  'GET /v1/providers/:slug': WS_READ,
  'PUT /v1/providers/:slug': WS_MANAGE,
  'DELETE /v1/providers/:slug': WS_MANAGE,
  'POST /v1/virtual-keys': WS_MANAGE,
  'GET /v1/virtual-keys': WS_READ,
  'GET /v1/virtual-keys/:slug': WS_READ,
  'PUT /v1/virtual-keys/:slug': WS_MANAGE,
  'DELETE /v1/virtual-keys/:slug': WS_MANAGE,

  'POST /v1/configs': WS_MANAGE,
  'GET /v1/configs': WS_READ,
  'GET /v1/configs/:slug': WS_READ,
  'PUT /v1/configs/:slug': WS_MANAGE,
  'DELETE /v1/configs/:slug': WS_MANAGE,
  'GET /v1/configs/:slug/versions': WS_READ,

  'GET /v1/audit-logs': ORGANISATION,

  'GET /v1/logs': WS_READ,
  'GET /v1/logs/:id': group(...WS_READ, 'bareKey'),
  'GET /v1/logs/groups/:groupBy': WS_READ,
  'POST /v1/logs': LOG_WRITERS,
  'POST /v1/feedback': LOG_WRITERS,
  'PUT /v1/feedback/:id': LOG_WRITERS,
  'POST /v1/logs/exports': WS_MANAGE,
  'GET /v1/logs/exports': WS_MANAGE,
  'GET /v1/logs/exports/field-restrictions': WS_MANAGE,
  'GET /v1/logs/exports/:id': WS_MANAGE,
  'PUT /v1/logs/exports/:id': WS_MANAGE,
  'POST /v1/logs/exports/:id/start': WS_MANAGE,
  'POST /v1/logs/exports/:id/cancel': WS_MANAGE,
  'GET /v1/logs/exports/:id/download': WS_MANAGE,
  'GET /v1/logs/exports/:id/file': WS_MANAGE,

  'GET /v1/analytics/summary/cache': WS_READ,
  'GET /v1/analytics/groups/users': WS_READ,
  'GET /v1/analytics/groups/ai-models': WS_READ,
  'GET /v1/analytics/groups/workspaces': WS_READ,
  'GET /v1/analytics/groups/metadata/:metadataKey': WS_READ,
  'GET /v1/analytics/groups/:groupBy': WS_READ,
  'GET /v1/analytics/graphs/*': WS_READ,

  'POST /v1/chat/completions': GATEWAY,
  'POST /v1/completions': GATEWAY,
  'POST /v1/embeddings': GATEWAY,
  'POST /v1/messages': GATEWAY,
  'GET /v1/models': GATEWAY,
  'ANY /v1/messages/count_tokens': GATEWAY,
  'ANY /v1/{pass-through}': GATEWAY,
};

const PASS_THROUGH =
  /^\/v1\/(audio|images|rerank|responses|files|batches|fine_tuning|vector_stores|assistants|threads|moderations)(\/\*)?$/;

function expectationOf(method: string, url: string): Set<Principal> | undefined {
  const m = method === 'HEAD' ? 'GET' : method;
  if (PASS_THROUGH.test(url)) return EXPECTED['ANY /v1/{pass-through}'];
  if (url.startsWith('/v1/messages/count_tokens')) return EXPECTED['ANY /v1/messages/count_tokens'];
  if (m === 'GET' && url.startsWith('/v1/analytics/graphs/')) return EXPECTED['GET /v1/analytics/graphs/*'];
  return EXPECTED[`${m} ${url}`];
}

let t: TestApp;
const browsers: Partial<Record<Principal, Browser>> = {};
const keys: Partial<Record<Principal, Record<string, string>>> = {};
let defaultWs: string;
let memberId: string;
/** The people's user ids and the key principals' own key ids, for the escalation walk's targets. */
const userIds: Partial<Record<Principal, string>> = {};
const keyIds: Partial<Record<Principal, string>> = {};

beforeAll(async () => {
  t = await startTestApp({ listen: true });
  defaultWs = t.credentials.workspace.id;
  const other = addWorkspace(t, 'ws-other').id;
  const people: [Principal, 'owner' | 'admin' | 'member', [string, 'admin' | 'manager' | 'member'][]][] = [
    ['owner', 'owner', []],
    ['admin', 'admin', []],
    ['wsAdmin', 'member', [[defaultWs, 'admin']]],
    ['manager', 'member', [[defaultWs, 'manager']]],
    ['member', 'member', [[defaultWs, 'member']]],
    ['outsider', 'member', [[other, 'member']]],
    ['homeless', 'member', []],
  ];
  for (const [who, role, workspaces] of people) {
    const user = await addPerson(t, `${who.toLowerCase()}@example.com`, role, workspaces);
    userIds[who] = user.id;
    if (who === 'member') memberId = user.id;
    browsers[who] = await signIn(t, user.email, 'correct horse battery staple');
  }
  keys.orgKey = t.admin;
  keys.wsKey = await workspaceKey(t, defaultWs);
  const memberScopes = WORKSPACE_ROLE_SCOPES.member.filter((s) => SCOPES_BY_KEY_TYPE['workspace-user'].includes(s));
  const memberKey = await userKey(t, defaultWs, memberId, memberScopes);
  keys.userKey = memberKey.headers;
  keys.bareKey = await workspaceKey(t, defaultWs, ['completions.write']);
  keys.anonymous = {};
  // Each key principal's own id: the list shows every key's masked secret, which ends as the secret does.
  const listed = await call(t, 'GET', '/v1/api-keys?page_size=100', t.admin);
  for (const who of ['orgKey', 'wsKey', 'bareKey'] as const) {
    const tail = keys[who]!['x-portkey-api-key']!.slice(-4);
    keyIds[who] = (listed.body.data as { id: string; key: string }[]).find((k) => k.key.endsWith(tail))!.id;
  }
  keyIds.userKey = memberKey.id;
});
afterAll(async () => {
  await t.close();
});

const NOWHERE = '00000000-0000-4000-8000-000000000000';
let fixtures = 0;

/** A real resource for routes whose scope depends on what they touch (the table's resource-scope). */
async function freshResource(url: string): Promise<string> {
  fixtures += 1;
  if (url.startsWith('/v1/api-keys/:id')) {
    const res = await call(t, 'POST', '/v1/api-keys/workspace/service', t.admin, {
      name: `walk ${fixtures}`,
      workspace_id: defaultWs,
      scopes: ['completions.write'],
    });
    return res.body.id;
  }
  const slug = `walk-${fixtures}`;
  const res = await call(t, 'POST', '/v1/integrations', keys.wsKey!, { name: slug, slug, ai_provider_id: 'openai' });
  if (res.status !== 200) throw new Error(`integration fixture: ${res.text}`);
  return slug;
}

async function concreteUrl(url: string): Promise<string> {
  let out = url
    .replace(':workspaceId', defaultWs)
    .replace(':type/:subType', 'workspace/service')
    .replace(':groupBy', 'model')
    .replace(':metadataKey', 'env')
    .replace(':provider/*', 'openai/gpt-4o')
    .replace(/\/\*$/, '/x');
  if (/^\/v1\/(api-keys|integrations)\/:/.test(out)) out = out.replace(/:(id|slug)/, await freshResource(url));
  return out.replace(/:[A-Za-z]+/g, NOWHERE);
}

/** A body that passes validation where the route's decision depends on what it creates. */
const BODIES: Record<string, unknown> = {
  'POST /v1/api-keys/:type/:subType': { name: 'walk', workspace_id: 'ws-default', scopes: ['completions.write'] },
  'POST /v1/integrations': { name: 'walk', ai_provider_id: 'openai', workspace_id: 'ws-default' },
};

async function statusFor(who: Principal, method: string, route: string): Promise<number> {
  const url = await concreteUrl(route);
  const body = BODIES[`${method} ${route}`] ?? (['POST', 'PUT', 'PATCH', 'DELETE'].includes(method) ? {} : undefined);
  return send(who, method, url, body);
}

/** One request as `who`: their session cookie (and CSRF token on mutations) or their key. */
async function send(who: Principal, method: string, url: string, body: unknown): Promise<number> {
  // The outsider names the default workspace, as a member acting there would.
  const full = who === 'outsider' ? `${url}${url.includes('?') ? '&' : '?'}workspace_id=${defaultWs}` : url;
  const browser = browsers[who];
  // A browser sends its session cookie, and the CSRF token on mutations; a client sends its key.
  const credentials = browser
    ? { cookie: `${SESSION_COOKIE}=${browser.cookie}`, ...(method === 'GET' ? {} : { 'x-csrf-token': browser.csrf! }) }
    : keys[who];
  const res = await fetch(t.url + full, {
    method,
    headers: { ...credentials, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
}

describe('the route table', () => {
  it('has a permission and a written expectation for every registered route', () => {
    const missing = t.app.routeTable.filter((r) => !expectationOf(r.method, r.url)).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
    expect(t.app.routeTable.length).toBeGreaterThan(100);
  });

  it('refuses to start with a route the permission table does not know', () => {
    expect(() => permissionOf('POST', '/v1/brand-new-thing', undefined)).toThrow(
      /POST \/v1\/brand-new-thing has no entry in the permission table/,
    );
  });

  it('lets exactly the expected callers through every route', { timeout: 180_000 }, async () => {
    const mismatches: string[] = [];
    const routes = t.app.routeTable.filter((r) => r.method !== 'HEAD');
    for (const { method, url } of routes) {
      const allowed = expectationOf(method, url)!;
      for (const who of PRINCIPALS) {
        // Signing out would end the session the rest of the walk uses; the session tests cover it.
        if (url === '/v1/auth/logout' && browsers[who]) continue;
        const status = await statusFor(who, method, url);
        const got = status === 401 || status === 403 ? 'denied' : 'allowed';
        const want = allowed.has(who) ? 'allowed' : 'denied';
        if (got !== want) mismatches.push(`${method} ${url} as ${who}: ${got} (${status}), expected ${want}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Escalations (issue 12): routes that act on keys or set what binds a key or a workspace, with the
// targets that matter, each made fresh for every call so one caller's success cannot change what
// the next one meets.

const ALL_WS = [...SCOPES_BY_KEY_TYPE['workspace-service']];
const NOBODY = group();
const KEYS_ONLY: readonly Principal[] = ['orgKey', 'wsKey', 'userKey', 'bareKey'];
/** Everyone who may act on a key with every workspace scope (managers lack workspaces.update). */
const COVER_ALL_WS = group('owner', 'admin', 'wsAdmin', 'orgKey', 'wsKey');
/** The same, strictly stronger: a key with every workspace scope is wsKey's twin, not below it. */
const ABOVE_ALL_WS = group('owner', 'admin', 'wsAdmin', 'orgKey');
/** Where limits are set from: the organisation and the workspace's admins. */
const LIMIT_SETTERS = group('owner', 'admin', 'wsAdmin', 'orgKey');

async function newKey(type: string, body: Record<string, unknown>): Promise<string> {
  const res = await call(t, 'POST', `/v1/api-keys/${type}`, t.admin, { name: 'escalation target', workspace_id: defaultWs, ...body });
  if (res.status !== 200) throw new Error(`escalation target: ${res.text}`);
  return res.body.id;
}

/** Fresh targets. */
const TARGET = {
  allScopesKey: () => newKey('workspace/service', { scopes: ALL_WS }),
  gatewayKey: () => newKey('workspace/service', { scopes: ['completions.write'] }),
  userKeyOf: (who: Principal) => () => newKey('workspace/user', { user_id: userIds[who], scopes: ['completions.write'] }),
  orgKey: async () => {
    const res = await call(t, 'POST', '/v1/api-keys/organisation/service', t.admin, {
      name: 'escalation target',
      scopes: ['workspaces.list'],
    });
    return res.body.id as string;
  },
};
const keyPath =
  (target: () => Promise<string>, suffix = '') =>
  async () =>
    `/v1/api-keys/${await target()}${suffix}`;
/** The caller's own key (key principals only). */
const ownKeyPath =
  (suffix = '') =>
  async (who: Principal) =>
    `/v1/api-keys/${keyIds[who]}${suffix}`;
const wsPath =
  (suffix = '') =>
  async () =>
    `/v1/admin/workspaces/${defaultWs}${suffix}`;
const fixed = (path: string) => async () => path;

interface Escalation {
  route: string;
  what: string;
  path: (who: Principal) => Promise<string>;
  body?: unknown;
  allowed: Set<Principal>;
  /** The callers the case applies to; everyone when absent. */
  only?: readonly Principal[];
}

const LIMIT_CHANGES: [string, Record<string, unknown>][] = [
  ['usage_limits: null', { usage_limits: null }],
  ['rate_limits: null', { rate_limits: null }],
  ['reset_usage', { reset_usage: true }],
];

const ESCALATIONS: Escalation[] = [
  // Item 1: a key stronger than the caller (every workspace scope, like the default key).
  {
    route: 'POST /v1/api-keys/:id/rotate',
    what: 'a key with every workspace scope',
    path: keyPath(TARGET.allScopesKey, '/rotate'),
    body: {},
    allowed: COVER_ALL_WS,
  },
  {
    route: 'PUT /v1/api-keys/:id',
    what: 'rename a key with every workspace scope',
    path: keyPath(TARGET.allScopesKey),
    body: { name: 'mine' },
    allowed: COVER_ALL_WS,
  },
  {
    route: 'PUT /v1/api-keys/:id',
    what: 'widen a gateway key to every workspace scope',
    path: keyPath(TARGET.gatewayKey),
    body: { scopes: ALL_WS },
    allowed: COVER_ALL_WS,
  },
  { route: 'DELETE /v1/api-keys/:id', what: 'a key with every workspace scope', path: keyPath(TARGET.allScopesKey), allowed: COVER_ALL_WS },
  {
    route: 'GET /v1/api-keys/:id',
    what: 'read a key with every workspace scope (masked: no secret)',
    path: keyPath(TARGET.allScopesKey),
    allowed: WS_MANAGE,
  },
  {
    route: 'POST /v1/api-keys/:type/:subType',
    what: 'mint a key with every workspace scope',
    path: fixed('/v1/api-keys/workspace/service'),
    body: { name: 'w', workspace_id: 'ws-default', scopes: ALL_WS },
    allowed: COVER_ALL_WS,
  },
  {
    route: 'POST /v1/api-keys/:id/rotate',
    what: 'an organisation key',
    path: keyPath(TARGET.orgKey, '/rotate'),
    body: {},
    allowed: ORGANISATION,
  },
  // Item 3: reveal goes only to a caller strictly above the key (never its twin or itself).
  {
    route: 'POST /v1/api-keys/:id/reveal',
    what: 'a key with every workspace scope',
    path: keyPath(TARGET.allScopesKey, '/reveal'),
    allowed: ABOVE_ALL_WS,
  },
  { route: 'POST /v1/api-keys/:id/reveal', what: 'its own key', path: ownKeyPath('/reveal'), allowed: NOBODY, only: KEYS_ONLY },
  // Item 2: keys of people who outrank the caller.
  {
    route: 'POST /v1/api-keys/:id/rotate',
    what: "an organisation admin's user key",
    path: keyPath(TARGET.userKeyOf('admin'), '/rotate'),
    body: {},
    allowed: ORGANISATION,
  },
  {
    route: 'POST /v1/api-keys/:id/reveal',
    what: "an organisation admin's user key",
    path: keyPath(TARGET.userKeyOf('admin'), '/reveal'),
    allowed: ORGANISATION,
  },
  {
    route: 'PUT /v1/api-keys/:id',
    what: "rename an organisation admin's user key",
    path: keyPath(TARGET.userKeyOf('admin')),
    body: { name: 'mine' },
    allowed: ORGANISATION,
  },
  {
    route: 'DELETE /v1/api-keys/:id',
    what: "an organisation admin's user key",
    path: keyPath(TARGET.userKeyOf('admin')),
    allowed: ORGANISATION,
  },
  {
    route: 'POST /v1/api-keys/:id/rotate',
    what: "a workspace admin's user key",
    path: keyPath(TARGET.userKeyOf('wsAdmin'), '/rotate'),
    body: {},
    allowed: LIMIT_SETTERS,
  },
  {
    route: 'POST /v1/api-keys/:id/rotate',
    what: "a member's user key",
    path: keyPath(TARGET.userKeyOf('member'), '/rotate'),
    body: {},
    allowed: WS_MANAGE,
  },
  {
    route: 'POST /v1/api-keys/:type/:subType',
    what: 'mint a user key for an organisation admin',
    path: fixed('/v1/api-keys/workspace/user'),
    body: { name: 'w', workspace_id: 'ws-default', scopes: ['completions.write'], user_id: '{admin}' },
    allowed: ORGANISATION,
  },
  // Item 5: a key's limits come from above it; a workspace's from the organisation and its admins.
  ...LIMIT_CHANGES.flatMap(([what, body]): Escalation[] => [
    { route: 'PUT /v1/api-keys/:id', what: `${what} on its own key`, path: ownKeyPath(), body, allowed: NOBODY, only: KEYS_ONLY },
    {
      route: 'PUT /v1/api-keys/:id',
      what: `${what} on a key with every workspace scope`,
      path: keyPath(TARGET.allScopesKey),
      body,
      allowed: ABOVE_ALL_WS,
    },
    {
      route: 'PUT /v1/api-keys/:id',
      what: `${what} on an organisation admin's user key`,
      path: keyPath(TARGET.userKeyOf('admin')),
      body,
      allowed: ORGANISATION,
    },
    {
      route: 'PUT /v1/api-keys/:id',
      what: `${what} on a member's user key`,
      path: keyPath(TARGET.userKeyOf('member')),
      body,
      allowed: WS_MANAGE,
    },
    { route: 'PUT /v1/admin/workspaces/:workspaceId', what: `${what} on the workspace`, path: wsPath(), body, allowed: LIMIT_SETTERS },
  ]),
  // Item 4: block_inline_config is the organisation's (its section is closed) on every route.
  {
    route: 'PUT /v1/admin/workspaces/:workspaceId',
    what: 'defaults.block_inline_config',
    path: wsPath(),
    body: { defaults: { block_inline_config: false } },
    allowed: NOBODY,
  },
  {
    route: 'PUT /v1/admin/workspaces/:workspaceId/settings',
    what: 'block_inline_config',
    path: wsPath('/settings'),
    body: { block_inline_config: false },
    allowed: NOBODY,
  },
  {
    route: 'POST /v1/admin/workspaces',
    what: 'a new workspace with defaults.block_inline_config',
    path: fixed('/v1/admin/workspaces'),
    body: { name: 'n', defaults: { block_inline_config: false } },
    allowed: NOBODY,
  },
  {
    route: 'POST /v1/admin/workspaces',
    what: 'a new workspace with limits',
    path: fixed('/v1/admin/workspaces'),
    body: { name: 'n', usage_limits: [{ credit_limit: 5 }] },
    allowed: ORGANISATION,
  },
  // Roles: a workspace service key stands where a manager does, so a key a manager mints promotes nobody.
  {
    route: 'PUT /v1/admin/workspaces/:workspaceId/users/:userId',
    what: 'make a member a workspace admin',
    path: async () =>
      `/v1/admin/workspaces/${defaultWs}/users/${addUser(t, `m${++fixtures}@example.com`, 'member', [[defaultWs, 'member']]).id}`,
    body: { role: 'admin' },
    allowed: LIMIT_SETTERS,
  },
  {
    route: 'POST /v1/admin/workspaces/:workspaceId/users',
    what: 'add someone as a workspace admin',
    path: async () => `/v1/admin/workspaces/${defaultWs}/users#${addUser(t, `n${++fixtures}@example.com`).id}`,
    body: { users: [{ id: '{fragment}', role: 'admin' }] },
    allowed: LIMIT_SETTERS,
  },
  // An organisation integration's allocation to a workspace is set at organisation level only.
  {
    route: 'PUT /v1/integrations/:slug/workspaces',
    what: "lift the workspace's allocation of an organisation integration",
    path: async () => {
      const slug = `org-${++fixtures}`;
      await call(t, 'POST', '/v1/integrations', t.admin, { name: slug, slug, ai_provider_id: 'openai' });
      return `/v1/integrations/${slug}/workspaces`;
    },
    body: { workspaces: [{ id: 'ws-default', enabled: true, usage_limits: null, reset_usage: true }], create_default_provider: false },
    allowed: ORGANISATION,
  },
];

/** Routes that act on keys or bind a key or workspace but need no case here, and why. */
const NEEDS_NO_ESCALATION_CASE: Record<string, string> = {
  'GET /v1/api-keys': 'lists keys with masked secrets; changes nothing',
  'PUT /v1/admin/organisation/settings': 'organisation-level callers only (the walk above): nothing is above the organisation',
  'PUT /v1/admin/organization/settings': 'the same route, American spelling',
  'PUT /v1/admin/users/:userId': 'organisation roles: organisation-level callers only, admins cannot touch owners (users.test.ts)',
  'POST /v1/admin/users/invites':
    "organisation-level callers only; the roles are bounded by the inviter's and the promised key by the key rule (key-authority.test.ts)",
  'POST /v1/providers':
    "a provider's budget is the workspace's split of its spend among its own providers, set by holders of providers.create/update there; a provider is not a caller, so nobody lifts their own limits",
  'PUT /v1/providers/:slug': 'as POST /v1/providers',
  'POST /v1/virtual-keys': 'virtual keys are providers (as POST /v1/providers), not API keys: they authenticate no caller',
  'PUT /v1/virtual-keys/:slug': 'as POST /v1/virtual-keys',
};

const BINDING_FIELDS = [
  'usage_limits',
  'rate_limits',
  'reset_usage',
  'defaults',
  'scopes',
  'role',
  'users',
  'workspaces',
  'workspace_api_key_details',
];
function bindsSomething(r: RegisteredRoute): boolean {
  if (r.method === 'GET' || r.method === 'HEAD') return r.url === '/v1/api-keys' || r.url.startsWith('/v1/api-keys/:id');
  return r.url.startsWith('/v1/api-keys') || r.url.endsWith('/settings') || r.bodyFields.some((f) => BINDING_FIELDS.includes(f));
}

/** Placeholders in a case's body: `{admin}` (that person's user id), `{fragment}` (an id the path carried after #). */
function bodyFor(c: Escalation, url: string): unknown {
  const fragment = url.split('#')[1] ?? '';
  return c.body === undefined
    ? undefined
    : JSON.parse(JSON.stringify(c.body).replace('{admin}', userIds.admin!).replace('{fragment}', fragment));
}

describe('escalations (issue 12)', () => {
  it('every route that acts on keys or sets limits, defaults, scopes, roles or settings has cases or a reason', () => {
    const covered = new Set(ESCALATIONS.map((c) => c.route));
    const missing = t.app.routeTable
      .filter((r) => r.method !== 'HEAD' && bindsSomething(r))
      .map((r) => `${r.method} ${r.url}`)
      .filter((k) => !covered.has(k) && !(k in NEEDS_NO_ESCALATION_CASE));
    expect(missing).toEqual([]);
  });

  it(
    'lets exactly the expected callers act on stronger keys, their own keys and limits, and kept settings',
    { timeout: 180_000 },
    async () => {
      const mismatches: string[] = [];
      for (const c of ESCALATIONS) {
        const [method] = c.route.split(' ');
        for (const who of c.only ?? PRINCIPALS) {
          const url = await c.path(who);
          const status = await send(who, method!, url.split('#')[0]!, bodyFor(c, url));
          const got = status === 401 || status === 403 ? 'denied' : 'allowed';
          const want = c.allowed.has(who) ? 'allowed' : 'denied';
          if (got !== want) mismatches.push(`${c.route} (${c.what}) as ${who}: ${got} (${status}), expected ${want}`);
        }
      }
      expect(mismatches).toEqual([]);
    },
  );
});
