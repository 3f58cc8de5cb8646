// Refused requests: malformed JSON, wrong types, unknown and duplicate slugs. Each answer is the
// Admin API envelope with a message that names the problem, and a refused write leaves no rows.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/testApp.ts';
import { addWorkspace, call, catalogCounts, expectAdminError, send, type Reply } from '../../../test/kits/catalogTestKit.ts';

let t: TestApp;

/** One app for a group of requests that are all refused (each test checks nothing was written). */
function sharedApp() {
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
}

/** A fresh app per test, for tests that write. */
function freshApp() {
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(async () => {
    await t.close();
  });
}

const ok = (res: Reply) => {
  expect(res.status, res.text).toBe(200);
  return res.body;
};

const EMPTY = { integrations: 0, integration_workspaces: 0, integration_models: 0, providers: 0 };

describe('malformed and mistyped bodies', () => {
  sharedApp();
  it.each([
    ['POST', '/v1/integrations'],
    ['PUT', '/v1/integrations/any'],
    ['PUT', '/v1/integrations/any/workspaces'],
    ['PUT', '/v1/integrations/any/models'],
    ['POST', '/v1/providers'],
    ['PUT', '/v1/providers/any'],
    ['POST', '/v1/virtual-keys'],
    ['PUT', '/v1/virtual-keys/any'],
  ] as const)('%s %s answers malformed JSON with a 400 that says where it broke', async (method, url) => {
    const before = catalogCounts(t);
    const res = await send(t, method, url, t.admin, '{"name": "OpenAI", "ai_provider_id": ');
    expectAdminError(res, 400, 'AB01', /^Malformed JSON in request body: .*JSON/);
    expect(catalogCounts(t)).toEqual(before);
  });

  it.each([
    ['a number for name', { name: 123, ai_provider_id: 'openai' }, 'Invalid request: body.name must be string'],
    ['no ai_provider_id', { name: 'x' }, 'Invalid request: body must have the property "ai_provider_id"'],
    ['a number for key', { name: 'x', ai_provider_id: 'openai', key: 12345 }, /^Invalid request: body\.key must be string or null$/],
    [
      'a string for configurations',
      { name: 'x', ai_provider_id: 'openai', configurations: 'custom_host=x' },
      /body\.configurations must be object or null/,
    ],
    [
      'a number for custom_host',
      { name: 'x', ai_provider_id: 'openai', configurations: { custom_host: 8000 } },
      /body\.configurations\.custom_host must be string or null/,
    ],
    [
      'a header value that is not text',
      { name: 'x', ai_provider_id: 'openai', configurations: { custom_headers: { 'x-a': 1 } } },
      /body\.configurations\.custom_headers\.x-a must be string/,
    ],
    [
      'a bad azure_auth_mode',
      { name: 'x', ai_provider_id: 'openai', configurations: { azure_auth_mode: 'magic' } },
      /body\.configurations\.azure_auth_mode must be one of: "default", "entra"/,
    ],
    ['a slug with spaces', { name: 'x', slug: 'my slug', ai_provider_id: 'openai' }, /body\.slug must match pattern/],
    [
      'a string for create_default_provider',
      { name: 'x', ai_provider_id: 'openai', create_default_provider: 'yes' },
      /body\.create_default_provider must be boolean/,
    ],
    [
      'a negative pricing multiplier',
      { name: 'x', ai_provider_id: 'openai', pricing_adjustments: { multiplier: { default: -1 } } },
      /body\.pricing_adjustments\.multiplier\.default must be >= 0/,
    ],
  ])('POST /v1/integrations refuses %s', async (_, body, message) => {
    const before = catalogCounts(t);
    expectAdminError(await call(t, 'POST', '/v1/integrations', t.admin, body), 400, 'AB01', message);
    expect(catalogCounts(t)).toEqual(before);
  });

  it('refuses mistyped provider, workspace-access and model bodies, naming the field', async () => {
    ok(await call(t, 'POST', '/v1/integrations', t.admin, { name: 'OpenAI', slug: 'openai', ai_provider_id: 'openai' }));
    const before = catalogCounts(t);
    expectAdminError(
      await call(t, 'POST', '/v1/providers', t.workspace, { name: 'x', integration_id: 42 }),
      400,
      'AB01',
      'Invalid request: body.integration_id must be string',
    );
    expectAdminError(
      await call(t, 'POST', '/v1/providers', t.workspace, { name: 'x', integration_id: 'openai', usage_limits: 'lots' }),
      400,
      'AB01',
      /body\.usage_limits must be object or null/,
    );
    expectAdminError(
      await call(t, 'POST', '/v1/providers', t.workspace, {
        name: 'x',
        integration_id: 'openai',
        rate_limits: [{ type: 'requests', unit: 'rpm', value: 'ten' }],
      }),
      400,
      'AB01',
      /body\.rate_limits\.0\.value must be integer/,
    );
    expectAdminError(
      await call(t, 'PUT', '/v1/integrations/openai/workspaces', t.admin, {
        workspaces: [{ id: t.credentials.workspace.id, enabled: 'true' }],
      }),
      400,
      'AB01',
      'Invalid request: body.workspaces.0.enabled must be boolean',
    );
    expectAdminError(
      await call(t, 'PUT', '/v1/integrations/openai/workspaces', t.admin, {
        workspaces: [{ id: t.credentials.workspace.id, enabled: true, usage_limits: [{ credit_limit: 5 }, { credit_limit: 6 }] }],
      }),
      400,
      'AB01',
      /body\.workspaces\.0\.usage_limits must NOT have more than 1 item/,
    );
    expectAdminError(
      await call(t, 'PUT', '/v1/integrations/openai/models', t.admin, { models: [{ slug: 'a' }] }),
      400,
      'AB01',
      'Invalid request: body.models.0 must have the property "enabled"',
    );
    expectAdminError(
      await call(t, 'PUT', '/v1/integrations/openai/models', t.admin, { models: [{ slug: 'a,b', enabled: true }] }),
      400,
      'AB01',
      /body\.models\.0\.slug must match pattern/,
    );
    expect(catalogCounts(t)).toEqual(before);
  });

  it('refuses mistyped query strings', async () => {
    expectAdminError(
      await call(t, 'GET', '/v1/integrations?page_size=many', t.admin),
      400,
      'AB01',
      'Invalid request: querystring.page_size must be integer',
    );
    expectAdminError(
      await call(t, 'GET', '/v1/integrations?current_page=-1', t.admin),
      400,
      'AB01',
      /querystring\.current_page must be >= 0/,
    );
    expectAdminError(
      await call(t, 'GET', '/v1/integrations?type=team', t.admin),
      400,
      'AB01',
      'Invalid request: querystring.type must be one of: "workspace", "organisation", "all"',
    );
    expectAdminError(await call(t, 'GET', '/v1/providers?page_size=0', t.workspace), 400, 'AB01', /querystring\.page_size must be >= 1/);
    // 1e309 reads as Infinity, which ajv counts as an integer; found by the fuzz test.
    expectAdminError(
      await call(t, 'GET', '/v1/providers?current_page=1e309', t.workspace),
      400,
      'AB01',
      'Invalid request: querystring.current_page must be a finite number',
    );
    expectAdminError(
      await send(
        t,
        'POST',
        '/v1/providers',
        t.workspace,
        '{"name":"P","integration_id":"openai-org","rate_limits":[{"type":"requests","unit":"rpm","value":1e999}]}',
      ),
      400,
      'AB01',
      /must be a finite number/,
    );
  });

  it('refuses a body that is not JSON at all', async () => {
    expectAdminError(
      await send(t, 'POST', '/v1/integrations', t.admin, 'name=x', 'application/x-www-form-urlencoded'),
      415,
      'AB01',
      /send the body as application\/json/,
    );
    expectAdminError(
      await call(t, 'POST', '/v1/integrations', t.admin, [{ name: 'x', ai_provider_id: 'openai' }]),
      400,
      'AB01',
      'Invalid request: body must be object',
    );
  });
});

describe('unknown slugs', () => {
  sharedApp();
  it.each([
    ['GET', '/v1/integrations/no-such-thing', 'Integration "no-such-thing" was not found'],
    ['PUT', '/v1/integrations/no-such-thing', 'Integration "no-such-thing" was not found'],
    ['DELETE', '/v1/integrations/no-such-thing', 'Integration "no-such-thing" was not found'],
    ['GET', '/v1/integrations/no-such-thing/workspaces', 'Integration "no-such-thing" was not found'],
    ['PUT', '/v1/integrations/no-such-thing/workspaces', 'Integration "no-such-thing" was not found'],
    ['GET', '/v1/integrations/no-such-thing/models', 'Integration "no-such-thing" was not found'],
    ['PUT', '/v1/integrations/no-such-thing/models', 'Integration "no-such-thing" was not found'],
    ['DELETE', '/v1/integrations/no-such-thing/models?slugs=a', 'Integration "no-such-thing" was not found'],
    ['GET', '/v1/providers/no-such-thing', 'Provider "no-such-thing" was not found in workspace "ws-default"'],
    ['PUT', '/v1/providers/no-such-thing', 'Provider "no-such-thing" was not found in workspace "ws-default"'],
    ['DELETE', '/v1/providers/no-such-thing', 'Provider "no-such-thing" was not found in workspace "ws-default"'],
    ['GET', '/v1/virtual-keys/no-such-thing', 'Virtual key "no-such-thing" was not found in workspace "ws-default"'],
    ['PUT', '/v1/virtual-keys/no-such-thing', 'Virtual key "no-such-thing" was not found in workspace "ws-default"'],
    ['DELETE', '/v1/virtual-keys/no-such-thing', 'Virtual key "no-such-thing" was not found in workspace "ws-default"'],
    // Slugs that look like inference paths are still catalog answers, in the Admin envelope.
    ['GET', '/v1/providers/messages', 'Provider "messages" was not found in workspace "ws-default"'],
    ['GET', '/v1/integrations/models/models', 'Integration "models" was not found'],
  ] as const)('%s %s -> 404 naming it', async (method, url, message) => {
    const body = method === 'PUT' ? (url.endsWith('/models') ? { models: [] } : {}) : undefined;
    expect(t.credentials.workspace.slug).toBe('ws-default');
    const headers = url.startsWith('/v1/integrations') ? t.admin : t.workspace;
    expectAdminError(await call(t, method, url, headers, body), 404, 'AB08', message);
  });

  it('names an unknown workspace_id', async () => {
    expectAdminError(await call(t, 'GET', '/v1/providers?workspace_id=ws-nope', t.admin), 404, 'AB08', 'Workspace "ws-nope" was not found');
    const before = catalogCounts(t);
    expectAdminError(
      await call(t, 'POST', '/v1/integrations', t.admin, { name: 'x', ai_provider_id: 'openai', workspace_id: 'ws-nope' }),
      404,
      'AB08',
      'Workspace "ws-nope" was not found',
    );
    expect(catalogCounts(t)).toEqual(before);
  });
});

describe('duplicates and half-written rows', () => {
  freshApp();
  it('answers a duplicate integration slug with 409 and keeps the first', async () => {
    ok(
      await call(t, 'POST', '/v1/integrations', t.admin, {
        name: 'First',
        slug: 'shared-slug',
        ai_provider_id: 'openai',
        key: 'sk-first-000000000000',
      }),
    );
    const before = catalogCounts(t);
    // Integration slugs are unique in the organisation, whichever workspace asks.
    expectAdminError(
      await call(t, 'POST', '/v1/integrations', t.workspace, { name: 'Second', slug: 'shared-slug', ai_provider_id: 'anthropic' }),
      409,
      'AB07',
      'Integration "shared-slug" already exists',
    );
    expect(catalogCounts(t)).toEqual(before);
    expect(ok(await call(t, 'GET', '/v1/integrations/shared-slug', t.admin))).toMatchObject({ name: 'First', ai_provider_id: 'openai' });
  });

  it('refuses a slug that looks like a UUID, since routes accept either', async () => {
    expectAdminError(
      await call(t, 'POST', '/v1/integrations', t.admin, {
        name: 'x',
        slug: '3f1c2a9e-1111-4222-8333-444455556666',
        ai_provider_id: 'openai',
      }),
      400,
      'AB01',
      /slug must not look like a UUID/,
    );
    expect(catalogCounts(t)).toEqual(EMPTY);
    // A name that slugifies to a UUID gets a tail instead.
    const named = ok(
      await call(t, 'POST', '/v1/integrations', t.admin, { name: '3f1c2a9e-1111-4222-8333-444455556666', ai_provider_id: 'openai' }),
    );
    expect(named.slug).toMatch(/^3f1c2a9e-1111-4222-8333-444455556666-[0-9a-f]{6}$/);
  });

  it('writes no integration when its virtual key is refused after the integration row was built', async () => {
    const res = await call(t, 'POST', '/v1/virtual-keys', t.workspace, {
      name: 'x',
      provider: 'openai',
      key: 'sk-xxxxxxxxxxxxxxxxxx',
      expires_at: '2001-01-01T00:00:00Z',
    });
    expectAdminError(res, 400, 'AB01', 'expires_at must be in the future');
    const limits = await call(t, 'POST', '/v1/virtual-keys', t.workspace, {
      provider: 'openai',
      usage_limits: { credit_limit: 10, alert_threshold: 20 },
    });
    expectAdminError(limits, 400, 'AB01', 'usage_limits.alert_threshold must be below credit_limit');
    expect(catalogCounts(t)).toEqual(EMPTY);
  });

  it('writes no access row when a default provider slug is taken in one of the workspaces granted', async () => {
    const research = addWorkspace(t, 'ws-research');
    ok(
      await call(t, 'POST', '/v1/integrations', t.admin, {
        name: 'Local',
        slug: 'local',
        ai_provider_id: 'openai',
        workspace_id: research.id,
        default_provider_slug: 'openai',
      }),
    );
    ok(await call(t, 'POST', '/v1/integrations', t.admin, { name: 'OpenAI', slug: 'openai', ai_provider_id: 'openai' }));
    const before = catalogCounts(t);
    expectAdminError(
      await call(t, 'PUT', '/v1/integrations/openai/workspaces', t.admin, {
        workspaces: [
          { id: t.credentials.workspace.id, enabled: true },
          { id: research.id, enabled: true },
        ],
      }),
      409,
      'AB07',
      'Provider "openai" already exists in workspace "ws-research": pass default_provider_slug to choose another slug, or create_default_provider: false',
    );
    expect(catalogCounts(t)).toEqual(before);
    const access = ok(await call(t, 'GET', '/v1/integrations/openai/workspaces', t.admin));
    expect(access.workspaces.map((w: { enabled: boolean }) => w.enabled)).toEqual([false, false]);
  });

  it('changes nothing when one model of a bulk update is refused', async () => {
    ok(await call(t, 'POST', '/v1/integrations', t.admin, { name: 'Local', slug: 'local', ai_provider_id: 'openai' }));
    expectAdminError(
      await call(t, 'PUT', '/v1/integrations/local/models', t.admin, {
        allow_all_models: false,
        models: [
          { slug: 'good', enabled: true, is_custom: true },
          { slug: 'bad', enabled: true, configurations: { custom_host: 'gopher://10.0.0.1' } },
        ],
      }),
      400,
      'AB01',
      'models.1.configurations.custom_host "gopher://10.0.0.1" must use http or https',
    );
    expect(catalogCounts(t).integration_models).toBe(0);
    expect(ok(await call(t, 'GET', '/v1/integrations/local', t.admin)).allow_all_models).toBe(true);
  });
});
