// The escalation walk (issue 12, ADR 0010): the routes that act on API keys or set what binds a key
// or a workspace (limits, usage, defaults, scopes, roles, settings), with the targets that once let
// a caller climb: a key stronger than the caller, the caller's own key, a key of someone who
// outranks the caller, a setting the organisation keeps. Every caller of the route walk
// (walkTestKit.ts) tries every case over HTTP; each target is made fresh for every call, so one
// caller's success cannot change what the next one meets. Every route that acts on keys, or whose
// body names such a field, must have cases here or a written reason why it needs none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/helpers/testApp.ts';
import { call } from '../../test/kits/catalogTestKit.ts';
import { addUser } from '../../test/kits/peopleTestKit.ts';
import { SCOPES_BY_KEY_TYPE } from './scopes.ts';
import type { RegisteredRoute } from './permissions.ts';
import { ORGANISATION, PRINCIPALS, type Principal, WS_MANAGE, type Walk, group, startWalk } from '../../test/kits/walkTestKit.ts';

let w: Walk;
let t: TestApp;
let defaultWs: string;
let fixtures = 0;

beforeAll(async () => {
  w = await startWalk();
  t = w.t;
  defaultWs = w.defaultWs;
});
afterAll(async () => {
  await w.close();
});

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
  userKeyOf: (who: Principal) => () => newKey('workspace/user', { user_id: w.userIds[who], scopes: ['completions.write'] }),
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
    `/v1/api-keys/${w.keyIds[who]}${suffix}`;
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
  // A guardrail test of a draft of a saved guardrail takes its masked webhook headers' stored values:
  // sending them to another address is changing that guardrail, here an organisation one.
  {
    route: 'POST /v1/guardrails/test',
    what: "send an organisation guardrail's stored webhook secret to another address",
    path: async () => {
      const res = await call(t, 'POST', '/v1/guardrails', t.admin, {
        name: `webhook ${++fixtures}`,
        checks: [{ id: 'default.webhook', parameters: { webhookURL: 'http://127.0.0.1:9/verdict', headers: { 'x-secret': 's3cret' } } }],
      });
      return `/v1/guardrails/test#${res.body.slug as string}`;
    },
    body: {
      text: 'x',
      guardrail_id: '{fragment}',
      checks: [
        {
          id: 'default.webhook',
          parameters: { webhookURL: 'http://127.0.0.1:9/elsewhere', headers: { 'x-secret': '********' }, timeout: 200 },
        },
      ],
    },
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
    : JSON.parse(JSON.stringify(c.body).replace('{admin}', w.userIds.admin!).replace('{fragment}', fragment));
}

describe('escalations', () => {
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
          const status = await w.send(who, method!, url.split('#')[0]!, bodyFor(c, url));
          const got = status === 401 || status === 403 ? 'denied' : 'allowed';
          const want = c.allowed.has(who) ? 'allowed' : 'denied';
          if (got !== want) mismatches.push(`${c.route} (${c.what}) as ${who}: ${got} (${status}), expected ${want}`);
        }
      }
      expect(mismatches).toEqual([]);
    },
  );
});
