// /v1/integrations and its /workspaces and /models sub-resources (spec §2.2), through the real app
// on real SQLite: what an admin sees after each call, in Portkey's response shapes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/testApp.ts';
import { addWorkspace, call, expectAdminError, type Reply } from '../../../test/kits/catalogTestKit.ts';

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

describe('integrations CRUD', () => {
  it('creates an organisation integration and shows it in list and get in the OAS shape', async () => {
    const created = ok(
      await call(t, 'POST', '/v1/integrations', t.admin, {
        name: 'OpenAI Production',
        ai_provider_id: 'openai',
        key: 'sk-live-0123456789abcdefXYZ',
        description: 'customer traffic',
        configurations: { openai_organization: 'org-acme', openai_project: 'proj-1' },
        pricing_adjustments: { multiplier: { default: 0.8 } },
      }),
    );
    expect(created).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), slug: 'openai-production' });

    const list = ok(await call(t, 'GET', '/v1/integrations', t.admin));
    expect(list).toEqual({
      object: 'list',
      total: 1,
      data: [
        {
          id: created.id,
          organisation_id: t.credentials.organisation_id,
          workspace_id: null,
          type: 'organisation',
          ai_provider_id: 'openai',
          name: 'OpenAI Production',
          slug: 'openai-production',
          description: 'customer traffic',
          status: 'active',
          created_at: expect.any(String),
          last_updated_at: expect.any(String),
          object: 'integration',
        },
      ],
    });

    // By slug and by UUID alike.
    for (const ref of ['openai-production', created.id]) {
      const got = ok(await call(t, 'GET', `/v1/integrations/${ref}`, t.admin));
      expect(got).toMatchObject({
        id: created.id,
        slug: 'openai-production',
        masked_key: 'sk-l************fXYZ',
        configurations: { openai_organization: 'org-acme', openai_project: 'proj-1' },
        global_workspace_access_settings: null,
        allow_all_models: true,
        workspace_count: 0,
        secret_mappings: [],
        pricing_adjustments: { multiplier: { default: 0.8 } },
        object: 'integration',
      });
    }
  });

  it('updates name, description, key and configurations field by field', async () => {
    ok(
      await call(t, 'POST', '/v1/integrations', t.admin, {
        name: 'Azure',
        slug: 'azure-main',
        ai_provider_id: 'azure-openai',
        key: 'azure-key-aaaaaaaaaaaaaaaa1111',
        configurations: {
          azure_resource_name: 'res-a',
          azure_deployment_config: [{ azure_deployment_name: 'gpt4o', azure_api_version: '2024-02-01', is_default: true }],
          azure_entra_client_secret: 'entra-secret-value-0001',
        },
      }),
    );
    expect(
      ok(
        await call(t, 'PUT', '/v1/integrations/azure-main', t.admin, {
          name: 'Azure EU',
          description: 'EU region',
          key: 'azure-key-bbbbbbbbbbbbbbbb2222',
          // Fields left out are kept, null removes one, echoed masked_* fields are ignored.
          configurations: { azure_resource_name: 'res-eu', masked_azure_entra_client_secret: 'entr****0001' },
        }),
      ),
    ).toEqual({});
    const got = ok(await call(t, 'GET', '/v1/integrations/azure-main', t.admin));
    expect(got).toMatchObject({ name: 'Azure EU', description: 'EU region', masked_key: expect.stringMatching(/^azur\*+2222$/) });
    expect(got.configurations).toEqual({
      azure_resource_name: 'res-eu',
      azure_deployment_config: [{ azure_deployment_name: 'gpt4o', azure_api_version: '2024-02-01', is_default: true }],
      masked_azure_entra_client_secret: expect.stringMatching(/^entr\*+0001$/),
    });
    expect(t.app.services.catalog.repos.integrations.get(t.credentials.organisation_id, 'azure-main')!.last_updated_at).not.toBe(
      got.created_at,
    );

    ok(await call(t, 'PUT', '/v1/integrations/azure-main', t.admin, { key: null, configurations: { azure_entra_client_secret: null } }));
    const cleared = ok(await call(t, 'GET', '/v1/integrations/azure-main', t.admin));
    expect(cleared.masked_key).toBeNull();
    expect(cleared.configurations).not.toHaveProperty('masked_azure_entra_client_secret');
    expect(cleared.configurations.azure_resource_name).toBe('res-eu');
  });

  it('deletes an integration with its providers, access rows and models', async () => {
    ok(
      await call(t, 'POST', '/v1/integrations', t.admin, {
        name: 'Local vLLM',
        slug: 'vllm',
        ai_provider_id: 'openai',
        configurations: { custom_host: 'http://10.0.0.5:8000/v1' },
      }),
    );
    ok(
      await call(t, 'PUT', '/v1/integrations/vllm/workspaces', t.admin, {
        workspaces: [{ id: t.credentials.workspace.id, enabled: true }],
      }),
    );
    ok(await call(t, 'PUT', '/v1/integrations/vllm/models', t.admin, { models: [{ slug: 'llama3:8b', enabled: true, is_custom: true }] }));
    expect(ok(await call(t, 'GET', '/v1/providers', t.workspace)).total).toBe(1);

    // The SDK sends a JSON body on DELETE; it is tolerated.
    expect(ok(await call(t, 'DELETE', '/v1/integrations/vllm', t.admin, { slug: 'vllm' }))).toEqual({});
    expectAdminError(await call(t, 'GET', '/v1/integrations/vllm', t.admin), 404, 'AB08', 'Integration "vllm" was not found');
    expect(ok(await call(t, 'GET', '/v1/providers', t.workspace))).toEqual({ object: 'list', total: 0, data: [] });
    for (const table of ['integration_workspaces', 'integration_models', 'providers']) {
      expect(t.stores.db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    }
    // A second delete names what is missing.
    expectAdminError(await call(t, 'DELETE', '/v1/integrations/vllm', t.admin), 404, 'AB08', 'Integration "vllm" was not found');
  });

  it('takes the slug from the name, and adds a random tail when that slug is taken', async () => {
    const a = ok(await call(t, 'POST', '/v1/integrations', t.admin, { name: 'Anthropic Prod!', ai_provider_id: 'anthropic' }));
    const b = ok(await call(t, 'POST', '/v1/integrations', t.admin, { name: 'Anthropic Prod!', ai_provider_id: 'anthropic' }));
    expect(a.slug).toBe('anthropic-prod');
    expect(b.slug).toMatch(/^anthropic-prod-[0-9a-f]{6}$/);
  });
});

describe('listing integrations', () => {
  beforeEach(async () => {
    for (let i = 0; i < 5; i++) {
      ok(await call(t, 'POST', '/v1/integrations', t.admin, { name: `Org ${i}`, slug: `org-${i}`, ai_provider_id: 'openai' }));
    }
    ok(await call(t, 'POST', '/v1/integrations', t.workspace, { name: 'Team vLLM', slug: 'team-vllm', ai_provider_id: 'openai' }));
  });

  it('pages with current_page (0-based) and page_size, total counting every match', async () => {
    const pages = [];
    for (let page = 0; page < 3; page++) {
      pages.push(ok(await call(t, 'GET', `/v1/integrations?page_size=2&current_page=${page}`, t.admin)));
    }
    expect(pages.map((p) => p.total)).toEqual([6, 6, 6]);
    expect(pages.map((p) => p.data.length)).toEqual([2, 2, 2]);
    const slugs = pages.flatMap((p) => p.data.map((i: { slug: string }) => i.slug));
    expect(new Set(slugs).size).toBe(6);
    expect(ok(await call(t, 'GET', '/v1/integrations?page_size=2&current_page=3', t.admin))).toEqual({
      object: 'list',
      total: 6,
      data: [],
    });
  });

  it('filters by type', async () => {
    const org = ok(await call(t, 'GET', '/v1/integrations?type=organisation', t.admin));
    expect(org.total).toBe(5);
    expect(org.data.every((i: { type: string; workspace_id: null }) => i.type === 'organisation' && i.workspace_id === null)).toBe(true);
    const ws = ok(await call(t, 'GET', '/v1/integrations?type=workspace', t.admin));
    expect(ws.data).toEqual([expect.objectContaining({ slug: 'team-vllm', type: 'workspace', workspace_id: t.credentials.workspace.id })]);
  });

  it('shows a workspace key its own integrations and the organisation ones enabled for it', async () => {
    expect(ok(await call(t, 'GET', '/v1/integrations', t.workspace)).data.map((i: { slug: string }) => i.slug)).toEqual(['team-vllm']);
    ok(
      await call(t, 'PUT', '/v1/integrations/org-3/workspaces', t.admin, {
        workspaces: [{ id: t.credentials.workspace.slug, enabled: true }],
      }),
    );
    const seen = ok(await call(t, 'GET', '/v1/integrations', t.workspace));
    expect(seen.total).toBe(2);
    expect(seen.data.map((i: { slug: string }) => i.slug).sort()).toEqual(['org-3', 'team-vllm']);
    // The admin can ask the same question with workspace_id.
    const asAdmin = ok(await call(t, 'GET', `/v1/integrations?workspace_id=${t.credentials.workspace.slug}`, t.admin));
    expect(asAdmin.data.map((i: { slug: string }) => i.slug).sort()).toEqual(['org-3', 'team-vllm']);
  });
});

describe('integration workspaces', () => {
  let other: ReturnType<typeof addWorkspace>;
  beforeEach(async () => {
    other = addWorkspace(t, 'ws-research');
    ok(
      await call(t, 'POST', '/v1/integrations', t.admin, {
        name: 'OpenAI',
        slug: 'openai-org',
        ai_provider_id: 'openai',
        key: 'sk-org-key-000000000000',
      }),
    );
  });

  it('lists every active workspace with its access, as { total, workspaces }', async () => {
    const res = ok(await call(t, 'GET', '/v1/integrations/openai-org/workspaces', t.admin));
    expect(res).toEqual({
      total: 2,
      workspaces: [
        {
          id: t.credentials.workspace.id,
          slug: t.credentials.workspace.slug,
          name: expect.any(String),
          enabled: false,
          usage_limits: [],
          rate_limits: [],
        },
        { id: other.id, slug: 'ws-research', name: 'Workspace ws-research', enabled: false, usage_limits: [], rate_limits: [] },
      ],
    });
  });

  it('grants access with limits, creates default providers, and revokes', async () => {
    ok(
      await call(t, 'PUT', '/v1/integrations/openai-org/workspaces', t.admin, {
        workspaces: [
          {
            id: t.credentials.workspace.id,
            enabled: true,
            usage_limits: [{ credit_limit: 50, type: 'cost', periodic_reset: 'monthly' }],
            rate_limits: [{ type: 'requests', unit: 'rpm', value: 100 }],
          },
          { id: 'ws-research', enabled: true, default_provider_slug: 'research-openai' },
        ],
      }),
    );
    const res = ok(await call(t, 'GET', '/v1/integrations/openai-org/workspaces', t.admin));
    expect(res.workspaces).toEqual([
      expect.objectContaining({
        id: t.credentials.workspace.id,
        enabled: true,
        usage_limits: [
          {
            credit_limit: 50,
            type: 'cost',
            periodic_reset: 'monthly',
            current_usage: 0,
            next_usage_reset_at: expect.stringMatching(/-01T00:00:00\.000Z$/),
            enforced: true,
          },
        ],
        rate_limits: [{ type: 'requests', unit: 'rpm', value: 100 }],
      }),
      expect.objectContaining({ id: other.id, enabled: true, usage_limits: [], rate_limits: [] }),
    ]);
    expect(ok(await call(t, 'GET', '/v1/integrations/openai-org', t.admin)).workspace_count).toBe(2);

    // Each workspace that gained access got a default provider, named as asked.
    const mine = ok(await call(t, 'GET', '/v1/providers', t.workspace));
    expect(mine.data).toEqual([expect.objectContaining({ slug: 'openai-org', integration_id: 'openai-org', name: 'OpenAI' })]);
    const theirs = ok(await call(t, 'GET', '/v1/providers?workspace_id=ws-research', t.admin));
    expect(theirs.data).toEqual([expect.objectContaining({ slug: 'research-openai', integration_id: 'openai-org' })]);

    // Revoking keeps the provider listed but the integration no longer lists for that workspace.
    ok(await call(t, 'PUT', '/v1/integrations/openai-org/workspaces', t.admin, { workspaces: [{ id: other.id, enabled: false }] }));
    const after = ok(await call(t, 'GET', '/v1/integrations/openai-org/workspaces', t.admin));
    expect(after.workspaces.map((w: { enabled: boolean }) => w.enabled)).toEqual([true, false]);
    expect(ok(await call(t, 'GET', '/v1/integrations?workspace_id=ws-research', t.admin)).total).toBe(0);
  });

  it('applies global workspace access to every workspace without its own row', async () => {
    ok(
      await call(t, 'PUT', '/v1/integrations/openai-org/workspaces', t.admin, {
        global_workspace_access: { enabled: true, rate_limits: [{ type: 'requests', unit: 'rpd', value: 1000 }] },
        create_default_provider: false,
      }),
    );
    const res = ok(await call(t, 'GET', '/v1/integrations/openai-org/workspaces', t.admin));
    expect(res.workspaces.map((w: { enabled: boolean; rate_limits: unknown[] }) => [w.enabled, w.rate_limits])).toEqual([
      [true, [{ type: 'requests', unit: 'rpd', value: 1000 }]],
      [true, [{ type: 'requests', unit: 'rpd', value: 1000 }]],
    ]);
    const detail = ok(await call(t, 'GET', '/v1/integrations/openai-org', t.admin));
    expect(detail.global_workspace_access_settings).toEqual({
      enabled: true,
      rate_limits: [{ type: 'requests', unit: 'rpd', value: 1000 }],
    });
    expect(detail.workspace_count).toBe(2);
    // create_default_provider: false left the workspaces without providers.
    expect(ok(await call(t, 'GET', '/v1/providers', t.workspace)).total).toBe(0);
  });

  it('refuses workspace access on a workspace integration and unknown workspaces, naming them', async () => {
    ok(await call(t, 'POST', '/v1/integrations', t.workspace, { name: 'Mine', slug: 'mine', ai_provider_id: 'openai' }));
    expectAdminError(
      await call(t, 'PUT', '/v1/integrations/mine/workspaces', t.admin, { workspaces: [{ id: other.id, enabled: true }] }),
      400,
      'AB01',
      /"mine" belongs to one workspace/,
    );
    expectAdminError(
      await call(t, 'PUT', '/v1/integrations/openai-org/workspaces', t.admin, { workspaces: [{ id: 'ws-nowhere', enabled: true }] }),
      404,
      'AB08',
      'Workspace "ws-nowhere" was not found',
    );
    expectAdminError(await call(t, 'GET', '/v1/integrations/ghost/workspaces', t.admin), 404, 'AB08', 'Integration "ghost" was not found');
  });
});

describe('integration models', () => {
  beforeEach(async () => {
    ok(
      await call(t, 'POST', '/v1/integrations', t.admin, {
        name: 'Local',
        slug: 'local',
        ai_provider_id: 'openai',
        configurations: { custom_host: 'http://127.0.0.1:8000/v1' },
      }),
    );
  });

  it('adds custom and fine-tuned models with pricing, lists them as { total, models }', async () => {
    ok(
      await call(t, 'PUT', '/v1/integrations/local/models', t.admin, {
        allow_all_models: false,
        models: [
          {
            slug: 'meta-llama/Llama-3-8B',
            enabled: true,
            is_custom: true,
            configurations: { custom_host: 'http://10.0.0.7:8000/v1' },
            pricing_config: { type: 'static', pay_as_you_go: { request_token: { price: 0.001 }, response_token: { price: 0.002 } } },
          },
          { slug: 'ft:gpt-4o:acme', enabled: false, is_finetune: true, base_model_slug: 'gpt-4o' },
        ],
      }),
    );
    const res = ok(await call(t, 'GET', '/v1/integrations/local/models', t.admin));
    expect(res).toEqual({
      total: 2,
      allow_all_models: false,
      models: [
        {
          slug: 'ft:gpt-4o:acme',
          name: 'ft:gpt-4o:acme',
          enabled: false,
          is_custom: false,
          is_finetune: true,
          base_model_slug: 'gpt-4o',
          configurations: null,
          pricing_config: null,
          created_at: expect.any(String),
          last_updated_at: expect.any(String),
        },
        {
          slug: 'meta-llama/Llama-3-8B',
          name: 'meta-llama/Llama-3-8B',
          enabled: true,
          is_custom: true,
          is_finetune: false,
          base_model_slug: null,
          configurations: { custom_host: 'http://10.0.0.7:8000/v1' },
          pricing_config: { type: 'static', pay_as_you_go: { request_token: { price: 0.001 }, response_token: { price: 0.002 } } },
          created_at: expect.any(String),
          last_updated_at: expect.any(String),
        },
      ],
    });
    expect(ok(await call(t, 'GET', '/v1/integrations/local', t.admin)).allow_all_models).toBe(false);

    // A second PUT changes only what it names.
    ok(await call(t, 'PUT', '/v1/integrations/local/models', t.admin, { models: [{ slug: 'ft:gpt-4o:acme', enabled: true }] }));
    const again = ok(await call(t, 'GET', '/v1/integrations/local/models', t.admin));
    expect(again.models[0]).toMatchObject({ slug: 'ft:gpt-4o:acme', enabled: true, is_finetune: true, base_model_slug: 'gpt-4o' });
    expect(again.allow_all_models).toBe(false);
  });

  it('deletes custom models by ?slugs= and refuses catalogue models and unknown ones', async () => {
    ok(
      await call(t, 'PUT', '/v1/integrations/local/models', t.admin, {
        models: [
          { slug: 'llama3:8b', enabled: true, is_custom: true },
          { slug: 'qwen2:7b', enabled: true, is_custom: true },
          { slug: 'gpt-4o', enabled: true },
        ],
      }),
    );
    expectAdminError(
      await call(t, 'DELETE', '/v1/integrations/local/models?slugs=gpt-4o', t.admin),
      400,
      'AB01',
      /"gpt-4o" is not a custom model/,
    );
    expectAdminError(
      await call(t, 'DELETE', '/v1/integrations/local/models?slugs=llama3:8b,nope', t.admin),
      404,
      'AB08',
      'Model "nope" was not found in integration "local"',
    );
    // Nothing went: the refused request was all or nothing.
    expect(ok(await call(t, 'GET', '/v1/integrations/local/models', t.admin)).total).toBe(3);

    expect(ok(await call(t, 'DELETE', '/v1/integrations/local/models?slugs=llama3:8b,qwen2:7b', t.admin))).toEqual({});
    expect(ok(await call(t, 'GET', '/v1/integrations/local/models', t.admin)).models.map((m: { slug: string }) => m.slug)).toEqual([
      'gpt-4o',
    ]);
    expectAdminError(await call(t, 'DELETE', '/v1/integrations/local/models', t.admin), 400, 'AB01', /\?slugs=/);
  });

  it('accepts the models to delete as a JSON body too (Terraform)', async () => {
    ok(await call(t, 'PUT', '/v1/integrations/local/models', t.admin, { models: [{ slug: 'llama3:8b', enabled: true, is_custom: true }] }));
    ok(await call(t, 'DELETE', '/v1/integrations/local/models', t.admin, { models: ['llama3:8b'] }));
    expect(ok(await call(t, 'GET', '/v1/integrations/local/models', t.admin)).total).toBe(0);
  });

  it('refuses a model listed twice and changes nothing', async () => {
    expectAdminError(
      await call(t, 'PUT', '/v1/integrations/local/models', t.admin, {
        models: [
          { slug: 'a', enabled: true },
          { slug: 'a', enabled: false },
        ],
      }),
      400,
      'AB01',
      'models lists "a" more than once',
    );
    expect(ok(await call(t, 'GET', '/v1/integrations/local/models', t.admin)).total).toBe(0);
  });
});
