// /v1/providers, the default provider an integration create makes, and the legacy /v1/virtual-keys
// (spec §2.2), through the real app on real SQLite.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/testApp.ts';
import { addWorkspace, call, catalogCounts, expectAdminError, type Reply } from '../../../test/kits/catalogTestKit.ts';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await t.close();
});

const ok = (res: Reply) => {
  expect(res.status, res.text).toBe(200);
  return res.body;
};

/** An organisation integration enabled for the default workspace, without a default provider. */
async function orgIntegration(slug = 'openai-org') {
  ok(
    await call(t, 'POST', '/v1/integrations', t.admin, { name: 'OpenAI', slug, ai_provider_id: 'openai', key: 'sk-org-0000000000000000' }),
  );
  ok(
    await call(t, 'PUT', `/v1/integrations/${slug}/workspaces`, t.admin, {
      workspaces: [{ id: t.credentials.workspace.id, enabled: true }],
      create_default_provider: false,
    }),
  );
}

describe('default provider on integration create', () => {
  it('gives a workspace integration a provider of the same slug', async () => {
    ok(await call(t, 'POST', '/v1/integrations', t.workspace, { name: 'Team OpenAI', slug: 'team-openai', ai_provider_id: 'openai' }));
    const list = ok(await call(t, 'GET', '/v1/providers', t.workspace));
    expect(list.data).toEqual([
      expect.objectContaining({ slug: 'team-openai', name: 'Team OpenAI', integration_id: 'team-openai', object: 'provider' }),
    ]);
  });

  it('uses default_provider_slug when given', async () => {
    ok(
      await call(t, 'POST', '/v1/integrations', t.admin, {
        name: 'Team OpenAI',
        slug: 'team-openai',
        ai_provider_id: 'openai',
        workspace_id: t.credentials.workspace.slug,
        default_provider_slug: 'gpt',
      }),
    );
    const list = ok(await call(t, 'GET', '/v1/providers', t.workspace));
    expect(list.data.map((p: { slug: string }) => p.slug)).toEqual(['gpt']);
  });

  it('creates none with create_default_provider: false, nor for organisation integrations', async () => {
    ok(
      await call(t, 'POST', '/v1/integrations', t.workspace, {
        name: 'No default',
        ai_provider_id: 'openai',
        create_default_provider: false,
      }),
    );
    ok(await call(t, 'POST', '/v1/integrations', t.admin, { name: 'Org wide', ai_provider_id: 'openai' }));
    expect(ok(await call(t, 'GET', '/v1/providers', t.workspace)).total).toBe(0);
  });

  it('refuses a default_provider_slug already taken (409) and leaves no integration behind', async () => {
    ok(await call(t, 'POST', '/v1/integrations', t.workspace, { name: 'First', slug: 'first', ai_provider_id: 'openai' }));
    const before = catalogCounts(t);
    expectAdminError(
      await call(t, 'POST', '/v1/integrations', t.workspace, {
        name: 'Second',
        slug: 'second',
        ai_provider_id: 'openai',
        default_provider_slug: 'first',
      }),
      409,
      'AB07',
      `Provider "first" already exists in workspace "${t.credentials.workspace.slug}": choose another default_provider_slug`,
    );
    expect(catalogCounts(t)).toEqual(before);
    expectAdminError(await call(t, 'GET', '/v1/integrations/second', t.admin), 404, 'AB08', 'Integration "second" was not found');
  });
});

describe('providers CRUD', () => {
  it('creates, reads, lists, updates and deletes a provider with a workspace key', async () => {
    await orgIntegration();
    const created = ok(
      await call(t, 'POST', '/v1/providers', t.workspace, {
        name: 'OpenAI for bots',
        integration_id: 'openai-org',
        slug: 'bots',
        note: 'rate limited',
        usage_limits: { credit_limit: 20, periodic_reset: 'monthly', alert_threshold: 15 },
        rate_limits: [{ type: 'requests', unit: 'rpm', value: 60 }],
      }),
    );
    expect(created).toEqual({ id: expect.any(String), slug: 'bots', object: 'provider' });

    const expected = {
      id: created.id,
      slug: 'bots',
      name: 'OpenAI for bots',
      note: 'rate limited',
      integration_id: 'openai-org',
      ai_provider_name: 'openai',
      workspace_id: t.credentials.workspace.id,
      status: 'active',
      // The live counter, when the monthly budget next resets (the 1st, 00:00 UTC), and whether it is enforced.
      usage_limits: {
        credit_limit: 20,
        periodic_reset: 'monthly',
        alert_threshold: 15,
        current_usage: 0,
        next_usage_reset_at: expect.stringMatching(/-01T00:00:00\.000Z$/),
        enforced: true,
      },
      current_usage: 0,
      reset_usage: 0,
      rate_limits: [{ type: 'requests', unit: 'rpm', value: 60 }],
      max_concurrent_requests: null,
      expires_at: null,
      created_at: expect.any(String),
      last_updated_at: expect.any(String),
      object: 'provider',
    };
    expect(ok(await call(t, 'GET', '/v1/providers/bots', t.workspace))).toEqual(expected);
    expect(ok(await call(t, 'GET', `/v1/providers/${created.id}`, t.workspace))).toEqual(expected);
    expect(ok(await call(t, 'GET', '/v1/providers', t.workspace))).toEqual({ object: 'list', total: 1, data: [expected] });

    const expires = new Date(Date.now() + 86_400_000).toISOString();
    expect(
      ok(await call(t, 'PUT', '/v1/providers/bots', t.workspace, { name: 'Bots', note: null, rate_limits: null, expires_at: expires })),
    ).toEqual({
      id: created.id,
      slug: 'bots',
    });
    expect(ok(await call(t, 'GET', '/v1/providers/bots', t.workspace))).toMatchObject({
      name: 'Bots',
      note: null,
      rate_limits: null,
      expires_at: expires,
    });

    expect(ok(await call(t, 'DELETE', '/v1/providers/bots', t.workspace))).toEqual({});
    expectAdminError(
      await call(t, 'GET', '/v1/providers/bots', t.workspace),
      404,
      'AB08',
      `Provider "bots" was not found in workspace "${t.credentials.workspace.slug}"`,
    );
  });

  it('makes organisation keys name the workspace, by id or slug, in the query or (for updates) the body', async () => {
    await orgIntegration();
    expectAdminError(
      await call(t, 'POST', '/v1/providers', t.admin, { name: 'x', integration_id: 'openai-org' }),
      400,
      'AB01',
      /workspace_id is required/,
    );
    expectAdminError(await call(t, 'GET', '/v1/providers', t.admin), 400, 'AB01', /workspace_id is required/);
    // The SDK examples send an empty workspace_id: it counts as absent.
    expectAdminError(await call(t, 'GET', '/v1/providers?workspace_id=', t.admin), 400, 'AB01', /workspace_id is required/);

    const ws = t.credentials.workspace;
    const created = ok(
      await call(t, 'POST', '/v1/providers', t.admin, { name: 'Admin made', integration_id: 'openai-org', workspace_id: ws.slug }),
    );
    expect(ok(await call(t, 'GET', `/v1/providers?workspace_id=${ws.id}`, t.admin)).total).toBe(1);
    expect(ok(await call(t, 'GET', `/v1/providers/${created.slug}?workspace_id=${ws.slug}`, t.admin)).name).toBe('Admin made');
    // A UUID is unambiguous: no workspace needed.
    expect(ok(await call(t, 'GET', `/v1/providers/${created.id}`, t.admin)).slug).toBe(created.slug);
    ok(await call(t, 'PUT', `/v1/providers/${created.slug}`, t.admin, { workspace_id: ws.id, name: 'Renamed' }));
    expect(ok(await call(t, 'GET', `/v1/providers/${created.id}`, t.admin)).name).toBe('Renamed');
    ok(await call(t, 'DELETE', `/v1/providers/${created.slug}?workspace_id=${ws.slug}`, t.admin));
    expect(ok(await call(t, 'GET', `/v1/providers?workspace_id=${ws.id}`, t.admin)).total).toBe(0);
  });

  it('pages providers', async () => {
    await orgIntegration();
    for (let i = 0; i < 3; i++)
      ok(await call(t, 'POST', '/v1/providers', t.workspace, { name: `p${i}`, slug: `p${i}`, integration_id: 'openai-org' }));
    const p0 = ok(await call(t, 'GET', '/v1/providers?page_size=2&current_page=0', t.workspace));
    const p1 = ok(await call(t, 'GET', '/v1/providers?page_size=2&current_page=1', t.workspace));
    expect([p0.total, p0.data.length, p1.total, p1.data.length]).toEqual([3, 2, 3, 1]);
    expect(new Set([...p0.data, ...p1.data].map((p: { slug: string }) => p.slug))).toEqual(new Set(['p0', 'p1', 'p2']));
  });

  it('refuses an integration the workspace cannot use, and a duplicate slug, writing nothing', async () => {
    ok(await call(t, 'POST', '/v1/integrations', t.admin, { name: 'Not shared', slug: 'not-shared', ai_provider_id: 'openai' }));
    const before = catalogCounts(t);
    expectAdminError(
      await call(t, 'POST', '/v1/providers', t.workspace, { name: 'x', integration_id: 'not-shared' }),
      400,
      'AB01',
      `Integration "not-shared" is not enabled for workspace "${t.credentials.workspace.slug}": enable it with PUT /v1/integrations/not-shared/workspaces`,
    );
    expectAdminError(
      await call(t, 'POST', '/v1/providers', t.workspace, { name: 'x', integration_id: 'ghost' }),
      404,
      'AB08',
      'Integration "ghost" was not found',
    );

    // Another workspace's own integration is not this workspace's to know about.
    const other = addWorkspace(t, 'ws-other');
    ok(
      await call(t, 'POST', '/v1/integrations', t.admin, {
        name: 'Theirs',
        slug: 'theirs',
        ai_provider_id: 'openai',
        workspace_id: other.id,
      }),
    );
    expectAdminError(
      await call(t, 'POST', '/v1/providers', t.workspace, { name: 'x', integration_id: 'theirs' }),
      404,
      'AB08',
      'Integration "theirs" was not found',
    );

    await orgIntegration();
    ok(await call(t, 'POST', '/v1/providers', t.workspace, { name: 'x', slug: 'taken', integration_id: 'openai-org' }));
    const mid = catalogCounts(t);
    expectAdminError(
      await call(t, 'POST', '/v1/providers', t.workspace, { name: 'y', slug: 'taken', integration_id: 'openai-org' }),
      409,
      'AB07',
      `Provider "taken" already exists in workspace "${t.credentials.workspace.slug}"`,
    );
    expect(catalogCounts(t)).toEqual(mid);
    expect(before.providers).toBe(0);
  });

  it('resets usage and reactivates an exhausted provider', async () => {
    await orgIntegration();
    const created = ok(
      await call(t, 'POST', '/v1/providers', t.workspace, {
        name: 'b',
        slug: 'budgeted',
        integration_id: 'openai-org',
        usage_limits: { credit_limit: 5 },
      }),
    );
    t.app.services.catalog.repos.providers.update(created.id, { status: 'exhausted', current_usage: 5 });
    expect(ok(await call(t, 'GET', '/v1/providers/budgeted', t.workspace))).toMatchObject({ status: 'exhausted', current_usage: 5 });
    ok(await call(t, 'PUT', '/v1/providers/budgeted', t.workspace, { reset_usage: true }));
    expect(ok(await call(t, 'GET', '/v1/providers/budgeted', t.workspace))).toMatchObject({ status: 'active', current_usage: 0 });
  });

  it('refuses limits below Portkey minimums and past expiry dates, naming the field', async () => {
    await orgIntegration();
    expectAdminError(
      await call(t, 'POST', '/v1/providers', t.workspace, {
        name: 'x',
        integration_id: 'openai-org',
        usage_limits: { type: 'tokens', credit_limit: 50 },
      }),
      400,
      'AB01',
      'usage_limits.credit_limit must be at least 100 for a token limit',
    );
    expectAdminError(
      await call(t, 'POST', '/v1/providers', t.workspace, { name: 'x', integration_id: 'openai-org', expires_at: '2001-01-01T00:00:00Z' }),
      400,
      'AB01',
      'expires_at must be in the future',
    );
    expect(catalogCounts(t).providers).toBe(0);
  });
});

describe('legacy virtual keys', () => {
  it('creates an azure virtual key from top-level legacy fields and shows its model_config', async () => {
    const created = ok(
      await call(t, 'POST', '/v1/virtual-keys', t.workspace, {
        name: 'Azure GPT-4o',
        provider: 'azure-openai',
        key: 'azure-api-key-1234567890abcd',
        note: 'legacy',
        resourceName: 'my-resource',
        deploymentConfig: [
          { apiVersion: '2024-02-01', deploymentName: 'gpt4o', is_default: true },
          { apiVersion: '2024-02-01', deploymentName: 'gpt4o-mini', alias: 'mini' },
        ],
      }),
    );
    expect(created).toEqual({ success: true, data: { slug: expect.stringMatching(/^azure-gpt-4o-[0-9a-f]{6}$/) } });
    const slug = created.data.slug;

    const got = ok(await call(t, 'GET', `/v1/virtual-keys/${slug}`, t.workspace));
    expect(got).toMatchObject({
      slug,
      name: 'Azure GPT-4o',
      note: 'legacy',
      ai_provider_name: 'azure-openai',
      status: 'active',
      masked_api_key: expect.stringMatching(/^azur\*+abcd$/),
      secret_mappings: [],
      object: 'virtual-key',
    });
    expect(got.model_config).toEqual({
      resourceName: 'my-resource',
      deploymentName: 'gpt4o',
      apiVersion: '2024-02-01',
      deploymentConfig: [
        { deploymentName: 'gpt4o', apiVersion: '2024-02-01', is_default: true },
        { deploymentName: 'gpt4o-mini', apiVersion: '2024-02-01', alias: 'mini', is_default: false },
      ],
    });
    // The same thing seen as an integration: snake_case configurations.
    expect(ok(await call(t, 'GET', `/v1/integrations/${slug}`, t.workspace)).configurations).toEqual({
      azure_resource_name: 'my-resource',
      azure_deployment_config: [
        { azure_deployment_name: 'gpt4o', azure_api_version: '2024-02-01', is_default: true },
        { azure_deployment_name: 'gpt4o-mini', azure_api_version: '2024-02-01', alias: 'mini', is_default: false },
      ],
    });
  });

  it('keeps a flat azure deployment whole when an update changes only its name or its version', async () => {
    const slug = ok(
      await call(t, 'POST', '/v1/virtual-keys', t.workspace, {
        provider: 'azure-openai',
        key: 'azure-key-000000000000',
        resourceName: 'res',
        deploymentName: 'gpt4',
        apiVersion: '2024-02-01',
      }),
    ).data.slug;
    const config = async () => ok(await call(t, 'GET', `/v1/virtual-keys/${slug}`, t.workspace)).model_config;
    expect(await config()).toEqual({
      resourceName: 'res',
      deploymentName: 'gpt4',
      apiVersion: '2024-02-01',
      deploymentConfig: [{ deploymentName: 'gpt4', apiVersion: '2024-02-01', is_default: true }],
    });

    ok(await call(t, 'PUT', `/v1/virtual-keys/${slug}`, t.workspace, { deploymentName: 'gpt4o' }));
    expect(await config()).toMatchObject({ deploymentName: 'gpt4o', apiVersion: '2024-02-01' });
    ok(await call(t, 'PUT', `/v1/virtual-keys/${slug}`, t.workspace, { apiVersion: '2025-01-01' }));
    expect(await config()).toMatchObject({ deploymentName: 'gpt4o', apiVersion: '2025-01-01' });

    // With several deployments, the flat fields edit the default one only.
    ok(
      await call(t, 'PUT', `/v1/virtual-keys/${slug}`, t.workspace, {
        deploymentConfig: [
          { deploymentName: 'mini', apiVersion: '2024-06-01', alias: 'mini' },
          { deploymentName: 'main', apiVersion: '2024-06-01', is_default: true },
        ],
      }),
    );
    ok(await call(t, 'PUT', `/v1/virtual-keys/${slug}`, t.workspace, { model_config: { apiVersion: '2025-02-01' } }));
    expect((await config()).deploymentConfig).toEqual([
      { deploymentName: 'mini', apiVersion: '2024-06-01', alias: 'mini', is_default: false },
      { deploymentName: 'main', apiVersion: '2025-02-01', is_default: true },
    ]);
    expect(
      t.app.services.catalog.resolveProvider(t.credentials.workspace.id, slug)!.integration.configurations.azure_deployment_config,
    ).toEqual([
      { azure_deployment_name: 'mini', azure_api_version: '2024-06-01', alias: 'mini', is_default: false },
      { azure_deployment_name: 'main', azure_api_version: '2025-02-01', is_default: true },
    ]);
  });

  it('accepts model_config as an object, and secret fields in it come back masked', async () => {
    const created = ok(
      await call(t, 'POST', '/v1/virtual-keys', t.workspace, {
        name: 'Bedrock',
        provider: 'bedrock',
        model_config: {
          awsAuthType: 'accessKey',
          awsAccessKeyId: 'AKIAEXAMPLE',
          awsSecretAccessKey: 'aws-secret-abcdefghijklmnop',
          awsRegion: 'eu-west-1',
        },
      }),
    );
    const got = ok(await call(t, 'GET', `/v1/virtual-keys/${created.data.slug}`, t.workspace));
    expect(got.model_config).toEqual({
      awsAuthType: 'accessKey',
      awsAccessKeyId: 'AKIAEXAMPLE',
      masked_awsSecretAccessKey: expect.stringMatching(/^aws-\*+mnop$/),
      awsRegion: 'eu-west-1',
    });
    expect(got.masked_api_key).toBeNull();
  });

  it('lists, updates and deletes virtual keys; an organisation key means the default workspace', async () => {
    const a = ok(
      await call(t, 'POST', '/v1/virtual-keys', t.admin, { name: 'OpenAI A', provider: 'openai', key: 'sk-aaaaaaaaaaaaaaaaaaaa' }),
    ).data.slug;
    const b = ok(
      await call(t, 'POST', '/v1/virtual-keys', t.workspace, { name: 'OpenAI B', provider: 'openai', key: 'sk-bbbbbbbbbbbbbbbbbbbb' }),
    ).data.slug;

    const list = ok(await call(t, 'GET', '/v1/virtual-keys?current_page=0&page_size=50', t.workspace));
    expect(list.total).toBe(2);
    expect(list.data.map((v: { slug: string }) => v.slug).sort()).toEqual([a, b].sort());
    expect(ok(await call(t, 'GET', '/v1/virtual-keys?current_page=1&page_size=1', t.admin))).toMatchObject({
      total: 2,
      data: [expect.any(Object)],
    });

    expect(
      ok(
        await call(t, 'PUT', `/v1/virtual-keys/${a}`, t.admin, {
          name: 'OpenAI A2',
          key: 'sk-cccccccccccccccccccc',
          usage_limits: { credit_limit: 10 },
          customHost: 'http://10.1.2.3:8000/v1',
        }),
      ),
    ).toEqual({ id: expect.any(String), slug: a });
    const got = ok(await call(t, 'GET', `/v1/virtual-keys/${a}`, t.workspace));
    expect(got).toMatchObject({
      name: 'OpenAI A2',
      masked_api_key: expect.stringMatching(/^sk-c\*+cccc$/),
      usage_limits: { credit_limit: 10, current_usage: 0 },
      model_config: { customHost: 'http://10.1.2.3:8000/v1' },
    });

    expect(ok(await call(t, 'DELETE', `/v1/virtual-keys/${a}`, t.admin))).toEqual({});
    expectAdminError(
      await call(t, 'GET', `/v1/virtual-keys/${a}`, t.workspace),
      404,
      'AB08',
      new RegExp(`^Virtual key "${a}" was not found`),
    );
    // Its workspace integration (and the key in it) went with it.
    expectAdminError(await call(t, 'GET', `/v1/integrations/${a}`, t.admin), 404, 'AB08', `Integration "${a}" was not found`);
    expect(ok(await call(t, 'GET', '/v1/virtual-keys', t.workspace)).data.map((v: { slug: string }) => v.slug)).toEqual([b]);
  });

  it('shows providers of organisation integrations as virtual keys, and refuses changing their shared key there', async () => {
    await orgIntegration();
    ok(await call(t, 'POST', '/v1/providers', t.workspace, { name: 'Shared', slug: 'shared', integration_id: 'openai-org' }));
    const got = ok(await call(t, 'GET', '/v1/virtual-keys/shared', t.workspace));
    expect(got).toMatchObject({
      slug: 'shared',
      integration_id: 'openai-org',
      object: 'virtual-key',
      masked_api_key: expect.stringMatching(/^sk-o\*+0000$/),
    });
    expectAdminError(
      await call(t, 'PUT', '/v1/virtual-keys/shared', t.workspace, { key: 'sk-new-one-000000000000' }),
      400,
      'AB01',
      'Virtual key "shared" uses organisation integration "openai-org": change its key or settings with PUT /v1/integrations/openai-org',
    );
    // Limits are the provider's own and may change.
    ok(await call(t, 'PUT', '/v1/virtual-keys/shared', t.workspace, { note: 'mine' }));
    expect(ok(await call(t, 'GET', '/v1/providers/shared', t.workspace)).note).toBe('mine');
    // Deleting the virtual key leaves the organisation integration alone.
    ok(await call(t, 'DELETE', '/v1/virtual-keys/shared', t.workspace));
    expect(ok(await call(t, 'GET', '/v1/integrations/openai-org', t.admin)).masked_key).toMatch(/0000$/);
  });

  it('refuses an unknown provider id format and a missing provider', async () => {
    expectAdminError(
      await call(t, 'POST', '/v1/virtual-keys', t.workspace, { name: 'x', key: 'k' }),
      400,
      'AB01',
      /body must have the property "provider"/,
    );
    expectAdminError(
      await call(t, 'POST', '/v1/virtual-keys', t.workspace, { provider: 'open ai' }),
      400,
      'AB01',
      /body\.provider must match pattern/,
    );
    expect(catalogCounts(t)).toEqual({ integrations: 0, integration_workspaces: 0, integration_models: 0, providers: 0 });
  });
});
