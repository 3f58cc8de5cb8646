// The resolver the gateway asks on every request ("@slug in this workspace: which upstream, which
// key?"): answers come from memory, and every catalog write through the API is seen at once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/testApp.ts';
import { addWorkspace, call, type Reply } from '../../../test/kits/catalogTestKit.ts';
import { CatalogResolver } from './resolver.ts';

let t: TestApp;
let ws: string;
beforeEach(async () => {
  t = await startTestApp();
  ws = t.credentials.workspace.id;
});
afterEach(async () => {
  await t.close();
});

function ok(res: Reply) {
  expect(res.status, res.text).toBe(200);
  return res.body;
}

const catalog = () => t.app.services.catalog;

/** An organisation integration enabled for the default workspace, whose default provider is @openai-prod. */
async function openaiProd() {
  ok(
    await call(t, 'POST', '/v1/integrations', t.admin, {
      name: 'OpenAI Prod',
      slug: 'openai-prod',
      ai_provider_id: 'openai',
      key: 'sk-live-first-key-0000000000',
      configurations: { openai_organization: 'org-acme', custom_headers: { 'x-team': 'secret-team-header' } },
    }),
  );
  ok(
    await call(t, 'PUT', '/v1/integrations/openai-prod/workspaces', t.admin, {
      workspaces: [
        {
          id: ws,
          enabled: true,
          usage_limits: [{ credit_limit: 100, type: 'cost' }],
          rate_limits: [{ type: 'requests', unit: 'rpm', value: 30 }],
        },
      ],
    }),
  );
}

describe('resolveProvider', () => {
  it('resolves a workspace provider by slug, with its decrypted key and settings', async () => {
    await openaiProd();
    const r = catalog().resolveProvider(ws, '@openai-prod')!;
    expect(r).not.toBeNull();
    expect(r.provider).toMatchObject({ slug: 'openai-prod', name: 'OpenAI Prod', workspaceId: ws, status: 'active', currentUsage: 0 });
    expect(r.integration).toMatchObject({
      slug: 'openai-prod',
      aiProviderId: 'openai',
      key: 'sk-live-first-key-0000000000',
      configurations: { openai_organization: 'org-acme', custom_headers: { 'x-team': 'secret-team-header' } },
      customHost: null,
      customHeaders: { 'x-team': 'secret-team-header' },
      allowAllModels: true,
      workspaceAllocation: {
        usageLimits: [{ credit_limit: 100, type: 'cost' }],
        rateLimits: [{ type: 'requests', unit: 'rpm', value: 30 }],
        status: 'active',
        currentUsage: 0,
      },
    });
    // With or without the @, and by the provider's UUID.
    expect(catalog().resolveProvider(ws, 'openai-prod')!.integration.key).toBe('sk-live-first-key-0000000000');
    expect(catalog().resolveProvider(ws, r.provider.id)!.provider.slug).toBe('openai-prod');
  });

  it('answers null for unknown slugs and for another workspace', async () => {
    await openaiProd();
    const other = addWorkspace(t, 'ws-other');
    expect(catalog().resolveProvider(ws, '@nope')).toBeNull();
    expect(catalog().resolveProvider(other.id, '@openai-prod')).toBeNull();
  });

  it('sees a rotated key, new settings and a renamed provider at once', async () => {
    await openaiProd();
    expect(catalog().resolveProvider(ws, '@openai-prod')!.integration.key).toBe('sk-live-first-key-0000000000');
    ok(
      await call(t, 'PUT', '/v1/integrations/openai-prod', t.admin, {
        key: 'sk-live-second-key-111111111',
        configurations: { custom_host: 'http://10.0.0.9:8000/v1' },
      }),
    );
    const r = catalog().resolveProvider(ws, '@openai-prod')!;
    expect(r.integration.key).toBe('sk-live-second-key-111111111');
    expect(r.integration.customHost).toBe('http://10.0.0.9:8000/v1');
    ok(
      await call(t, 'PUT', '/v1/providers/openai-prod', t.workspace, {
        name: 'Prod',
        rate_limits: [{ type: 'tokens', unit: 'rpm', value: 1000 }],
      }),
    );
    expect(catalog().resolveProvider(ws, '@openai-prod')!.provider).toMatchObject({
      name: 'Prod',
      rateLimits: [{ type: 'tokens', unit: 'rpm', value: 1000 }],
    });
  });

  it('stops resolving after the provider, its integration or the workspace access goes', async () => {
    await openaiProd();
    ok(await call(t, 'POST', '/v1/providers', t.workspace, { name: 'Second', slug: 'second', integration_id: 'openai-prod' }));
    expect(catalog().resolveProvider(ws, '@second')).not.toBeNull();
    ok(await call(t, 'DELETE', '/v1/providers/second', t.workspace));
    expect(catalog().resolveProvider(ws, '@second')).toBeNull();

    expect(catalog().resolveProvider(ws, '@openai-prod')).not.toBeNull();
    ok(await call(t, 'PUT', '/v1/integrations/openai-prod/workspaces', t.admin, { workspaces: [{ id: ws, enabled: false }] }));
    expect(catalog().resolveProvider(ws, '@openai-prod')).toBeNull();
    ok(await call(t, 'PUT', '/v1/integrations/openai-prod/workspaces', t.admin, { workspaces: [{ id: ws, enabled: true }] }));
    expect(catalog().resolveProvider(ws, '@openai-prod')!.integration.key).toBe('sk-live-first-key-0000000000');

    ok(await call(t, 'DELETE', '/v1/integrations/openai-prod', t.admin));
    expect(catalog().resolveProvider(ws, '@openai-prod')).toBeNull();
  });

  it('sees a virtual key created, rotated and deleted through the legacy API', async () => {
    const slug = ok(await call(t, 'POST', '/v1/virtual-keys', t.workspace, { provider: 'anthropic', key: 'sk-ant-one-0000000000' })).data
      .slug;
    expect(catalog().resolveProvider(ws, `@${slug}`)!.integration).toMatchObject({
      aiProviderId: 'anthropic',
      key: 'sk-ant-one-0000000000',
    });
    ok(await call(t, 'PUT', `/v1/virtual-keys/${slug}`, t.workspace, { key: 'sk-ant-two-0000000000' }));
    expect(catalog().resolveProvider(ws, `@${slug}`)!.integration.key).toBe('sk-ant-two-0000000000');
    ok(await call(t, 'DELETE', `/v1/virtual-keys/${slug}`, t.workspace));
    expect(catalog().resolveProvider(ws, `@${slug}`)).toBeNull();
  });

  it('caches answers, including misses, until a catalog write or invalidate()', async () => {
    await openaiProd();
    const first = catalog().resolveProvider(ws, '@openai-prod');
    expect(catalog().resolveProvider(ws, '@openai-prod')).toBe(first);
    expect(catalog().resolveProvider(ws, '@later')).toBeNull();

    // A write that bypasses the services (as another domain's might) is not seen until invalidate().
    t.stores.db.prepare("UPDATE providers SET name = 'Changed behind its back' WHERE slug = 'openai-prod'").run();
    expect(catalog().resolveProvider(ws, '@openai-prod')!.provider.name).toBe('OpenAI Prod');
    catalog().invalidate();
    expect(catalog().resolveProvider(ws, '@openai-prod')!.provider.name).toBe('Changed behind its back');

    // A provider created through the API replaces the cached miss.
    ok(await call(t, 'POST', '/v1/providers', t.workspace, { name: 'Later', slug: 'later', integration_id: 'openai-prod' }));
    expect(catalog().resolveProvider(ws, '@later')!.provider.name).toBe('Later');
  });

  it('a refused write leaves the cache consistent with the database', async () => {
    await openaiProd();
    expect(catalog().resolveProvider(ws, '@openai-prod')!.integration.key).toBe('sk-live-first-key-0000000000');
    const refused = await call(t, 'PUT', '/v1/integrations/openai-prod', t.admin, {
      key: 'sk-never-saved-000000000',
      configurations: { custom_host: 'ftp://x' },
    });
    expect(refused.status).toBe(400);
    expect(catalog().resolveProvider(ws, '@openai-prod')!.integration.key).toBe('sk-live-first-key-0000000000');
  });
});

describe('models', () => {
  beforeEach(async () => {
    await openaiProd();
    ok(
      await call(t, 'PUT', '/v1/integrations/openai-prod/models', t.admin, {
        models: [
          { slug: 'gpt-4o', enabled: true },
          { slug: 'gpt-4o-mini', enabled: false },
          { slug: 'ft:gpt-4o:acme', enabled: true, is_finetune: true, base_model_slug: 'gpt-4o' },
          {
            slug: 'local-llama',
            enabled: true,
            is_custom: true,
            configurations: { custom_host: 'http://10.0.0.20:8000/v1', custom_headers: { 'x-k': 'model-secret' } },
          },
        ],
      }),
    );
  });

  it('lists the enabled models of the workspace as @provider/model', () => {
    expect(catalog().listModels(ws)).toEqual([
      {
        id: '@openai-prod/ft:gpt-4o:acme',
        provider: 'openai-prod',
        model: 'ft:gpt-4o:acme',
        aiProviderId: 'openai',
        integration: 'openai-prod',
        isCustom: false,
        isFinetune: true,
      },
      {
        id: '@openai-prod/gpt-4o',
        provider: 'openai-prod',
        model: 'gpt-4o',
        aiProviderId: 'openai',
        integration: 'openai-prod',
        isCustom: false,
        isFinetune: false,
      },
      {
        id: '@openai-prod/local-llama',
        provider: 'openai-prod',
        model: 'local-llama',
        aiProviderId: 'openai',
        integration: 'openai-prod',
        isCustom: true,
        isFinetune: false,
      },
    ]);
    expect(catalog().listModels(addWorkspace(t, 'ws-empty').id)).toEqual([]);
  });

  it('allows listed models by their own flag and others only with allow_all_models', async () => {
    const r = catalog().resolveProvider(ws, '@openai-prod')!;
    expect([r.isModelAllowed('gpt-4o'), r.isModelAllowed('gpt-4o-mini'), r.isModelAllowed('o3')]).toEqual([true, false, true]);
    expect(r.models.get('local-llama')).toMatchObject({
      customHost: 'http://10.0.0.20:8000/v1',
      configurations: { custom_headers: { 'x-k': 'model-secret' } },
    });

    ok(
      await call(t, 'PUT', '/v1/integrations/openai-prod/models', t.admin, {
        allow_all_models: false,
        models: [{ slug: 'gpt-4o', enabled: false }],
      }),
    );
    const after = catalog().resolveProvider(ws, '@openai-prod')!;
    expect([after.isModelAllowed('gpt-4o'), after.isModelAllowed('o3'), after.isModelAllowed('local-llama')]).toEqual([false, false, true]);
    expect(
      catalog()
        .listModels(ws)
        .map((m) => m.model),
    ).toEqual(['ft:gpt-4o:acme', 'local-llama']);

    ok(await call(t, 'DELETE', '/v1/integrations/openai-prod/models?slugs=local-llama', t.admin));
    expect(
      catalog()
        .listModels(ws)
        .map((m) => m.model),
    ).toEqual(['ft:gpt-4o:acme']);
  });

  it('leaves out providers that are not active', async () => {
    const id = catalog().resolveProvider(ws, '@openai-prod')!.provider.id;
    catalog().repos.providers.update(id, { status: 'exhausted' });
    catalog().invalidate();
    expect(catalog().listModels(ws)).toEqual([]);
  });
});

describe('savedHosts', () => {
  it('holds the hosts of custom_host values saved in integrations and models the workspace can use', async () => {
    ok(
      await call(t, 'POST', '/v1/integrations', t.workspace, {
        name: 'vLLM',
        slug: 'vllm',
        ai_provider_id: 'openai',
        configurations: { custom_host: 'http://10.0.0.5:8000/v1' },
      }),
    );
    ok(
      await call(t, 'POST', '/v1/integrations', t.admin, {
        name: 'Ollama',
        slug: 'ollama',
        ai_provider_id: 'ollama',
        configurations: { custom_host: 'http://OLLAMA.lan:11434' },
      }),
    );
    ok(
      await call(t, 'PUT', '/v1/integrations/vllm/models', t.workspace, {
        models: [{ slug: 'm', enabled: true, is_custom: true, configurations: { custom_host: 'http://[fd00::7]:9000' } }],
      }),
    );
    expect([...catalog().savedHosts(ws)].sort()).toEqual(['10.0.0.5', 'fd00::7']);

    // The organisation integration counts once this workspace may use it.
    ok(await call(t, 'PUT', '/v1/integrations/ollama/workspaces', t.admin, { workspaces: [{ id: ws, enabled: true }] }));
    expect([...catalog().savedHosts(ws)].sort()).toEqual(['10.0.0.5', 'fd00::7', 'ollama.lan']);
    expect([...catalog().savedHosts(addWorkspace(t, 'ws-other').id)]).toEqual([]);

    ok(await call(t, 'PUT', '/v1/integrations/vllm', t.workspace, { configurations: { custom_host: 'http://10.0.0.6:8000/v1' } }));
    expect([...catalog().savedHosts(ws)].sort()).toEqual(['10.0.0.6', 'fd00::7', 'ollama.lan']);
    ok(await call(t, 'DELETE', '/v1/integrations/vllm', t.workspace));
    expect([...catalog().savedHosts(ws)]).toEqual(['ollama.lan']);
  });
});

describe('CatalogResolver on its own', () => {
  it('works from the repositories and secret box it is given', async () => {
    await openaiProd();
    const resolver = new CatalogResolver({ ...catalog().repos, secrets: t.stores.secrets });
    expect(resolver.resolveProvider(ws, '@openai-prod')!.integration.key).toBe('sk-live-first-key-0000000000');
    expect(resolver.listModels(ws)).toEqual([]);
    expect(resolver.savedHosts(ws).size).toBe(0);
  });
});
