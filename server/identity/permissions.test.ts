// Walks the real route table (every route the app registered) × every kind of caller, over HTTP,
// and checks allowed/denied against the expectation written below (spec §3.1–3.2): people by
// organisation and workspace role (session cookies), and organisation service, workspace service,
// workspace user and under-scoped keys. "Allowed" means the request got past authentication and
// permissions (any status but 401/403: a 400 for an empty body, a 404 for an unknown id);
// "denied" means 401 or 403. A route missing from EXPECTED fails the test, so every new route
// gets a written decision here as well as in the permission table (server/identity/permissions.ts).
// escalations.test.ts walks the same callers over the targets that decide a route's answer beyond
// its scopes (a stronger key, one's own key, a kept setting). The callers are in walkTestKit.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/helpers/testApp.ts';
import { call } from '../../test/kits/catalogTestKit.ts';
import { permissionOf } from './permissions.ts';
import {
  EVERYONE,
  ORGANISATION,
  PEOPLE,
  PRINCIPALS,
  type Principal,
  WS_ADMIN,
  WS_MANAGE,
  WS_READ,
  type Walk,
  group,
  startWalk,
} from '../../test/kits/walkTestKit.ts';

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
  'GET /v1/health/ready': EVERYONE,
  'GET /metrics': ORGANISATION,
  'GET /model-configs/pricing/:provider/*': EVERYONE,
  'GET /invite/:token': EVERYONE,
  'GET /tls/ca.crt': EVERYONE,
  'GET /': EVERYONE,
  'GET /docs/openapi.json': EVERYONE,
  'POST /v1/auth/login': EVERYONE,
  'POST /v1/auth/logout': EVERYONE,
  'POST /v1/auth/invites/accept': EVERYONE,
  'GET /v1/auth/self': PEOPLE,
  'POST /v1/auth/password': PEOPLE,
  'POST /v1/auth/desktop': EVERYONE,

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
  'GET /v1/admin/lan-exposure': ORGANISATION,
  'PUT /v1/admin/lan-exposure': ORGANISATION,
  'GET /v1/admin/egress': ORGANISATION,
  'GET /v1/admin/egress/report.html': ORGANISATION,
  'GET /v1/admin/egress/allow-list': ORGANISATION,
  'POST /v1/admin/egress/allow-list': ORGANISATION,
  'DELETE /v1/admin/egress/allow-list/:id': ORGANISATION,

  'POST /v1/admin/backups': ORGANISATION,
  'GET /v1/admin/backups': ORGANISATION,
  'GET /v1/admin/backups/:name/file': ORGANISATION,
  'DELETE /v1/admin/backups/:name': ORGANISATION,
  'GET /v1/admin/backups/schedule': ORGANISATION,
  'PUT /v1/admin/backups/schedule': ORGANISATION,
  'GET /v1/admin/pricing/files': ORGANISATION,
  'GET /v1/admin/pricing/prices': ORGANISATION,
  'POST /v1/admin/pricing/reload': ORGANISATION,

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
  'POST /v1/providers/:slug/test': WS_MANAGE,
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
  'POST /v1/configs/:slug/test': WS_MANAGE,
  // People with a workspace role (members included: their role holds completions.write); no keys.
  'POST /v1/playground/chat/completions': group('owner', 'admin', 'wsAdmin', 'manager', 'member'),

  'POST /v1/guardrails': WS_MANAGE,
  'GET /v1/guardrails': WS_READ,
  'GET /v1/guardrails/:guardrailId': WS_READ,
  'GET /v1/guardrails/checks': WS_READ,
  // Testing a guardrail is writing one without keeping it.
  'POST /v1/guardrails/test': WS_MANAGE,
  'PUT /v1/guardrails/:guardrailId': WS_MANAGE,
  'DELETE /v1/guardrails/:guardrailId': WS_MANAGE,
  'GET /v1/admin/organisation/defaults': ORGANISATION,
  'PUT /v1/admin/organisation/defaults': ORGANISATION,
  'GET /v1/admin/organization/defaults': ORGANISATION,
  'PUT /v1/admin/organization/defaults': ORGANISATION,

  'GET /v1/audit-logs': ORGANISATION,

  'POST /v1/policies/usage-limits': WS_MANAGE,
  'GET /v1/policies/usage-limits': WS_READ,
  'GET /v1/policies/usage-limits/:id': WS_READ,
  'PUT /v1/policies/usage-limits/:id': WS_MANAGE,
  'DELETE /v1/policies/usage-limits/:id': WS_MANAGE,
  'GET /v1/policies/usage-limits/:id/entities': WS_READ,
  'PUT /v1/policies/usage-limits/:id/entities/:entityId/reset': WS_MANAGE,
  'POST /v1/policies/rate-limits': WS_MANAGE,
  'GET /v1/policies/rate-limits': WS_READ,
  'GET /v1/policies/rate-limits/:id': WS_READ,
  'PUT /v1/policies/rate-limits/:id': WS_MANAGE,
  'DELETE /v1/policies/rate-limits/:id': WS_MANAGE,
  'GET /v1/usage': GATEWAY,
  'GET /v1/notifications': WS_READ,

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
  'GET /v1/analytics/summary/overview': WS_READ,
  'GET /v1/analytics/unpriced-models': WS_READ,
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

let w: Walk;
let t: TestApp;
let defaultWs: string;

beforeAll(async () => {
  w = await startWalk();
  t = w.t;
  defaultWs = w.defaultWs;
});
afterAll(async () => {
  await w.close();
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
  if (url.startsWith('/v1/guardrails/:guardrailId')) {
    const res = await call(t, 'POST', '/v1/guardrails', t.admin, {
      name: `walk ${fixtures}`,
      workspace_id: defaultWs,
      checks: [{ id: 'default.wordCount', parameters: { maxWords: 100 } }],
    });
    if (res.status !== 200) throw new Error(`guardrail fixture: ${res.text}`);
    return res.body.slug;
  }
  const slug = `walk-${fixtures}`;
  const res = await call(t, 'POST', '/v1/integrations', w.keys.wsKey!, { name: slug, slug, ai_provider_id: 'openai' });
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
  if (out.startsWith('/v1/guardrails/:guardrailId')) out = out.replace(':guardrailId', await freshResource(url));
  return out.replace(/:[A-Za-z]+/g, NOWHERE);
}

/** A body that passes validation where the route's decision depends on what it creates. */
const BODIES: Record<string, unknown> = {
  'POST /v1/api-keys/:type/:subType': { name: 'walk', workspace_id: 'ws-default', scopes: ['completions.write'] },
  'POST /v1/integrations': { name: 'walk', ai_provider_id: 'openai', workspace_id: 'ws-default' },
  'POST /v1/guardrails': { name: 'walk', workspace_id: 'ws-default', checks: [{ id: 'default.wordCount', parameters: { maxWords: 10 } }] },
};

async function statusFor(who: Principal, method: string, route: string): Promise<number> {
  const url = await concreteUrl(route);
  const body = BODIES[`${method} ${route}`] ?? (['POST', 'PUT', 'PATCH', 'DELETE'].includes(method) ? {} : undefined);
  return w.send(who, method, url, body);
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
        if (url === '/v1/auth/logout' && w.browsers[who]) continue;
        const status = await statusFor(who, method, url);
        const got = status === 401 || status === 403 ? 'denied' : 'allowed';
        const want = allowed.has(who) ? 'allowed' : 'denied';
        if (got !== want) mismatches.push(`${method} ${url} as ${who}: ${got} (${status}), expected ${want}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
