// portkey-ai's `integrations` (with its workspaces and models), `providers` and `virtualKeys`
// methods against the listening app: the field names and paths the SDK uses must reach the Admin
// API as Portkey's does, and what it reads back must be there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Portkey } from 'portkey-ai';
import { startTestApp, type TestApp } from '../../../test/helpers/testApp.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ listen: true });
});
afterAll(() => t.close());

const sdk = (apiKey: string) => new Portkey({ apiKey, baseURL: `${t.url}/v1` });
type Json = Record<string, unknown>;

describe('portkey-ai SDK: model catalog', () => {
  it('integrations: create, retrieve, list, update, workspaces, models and delete with the admin key', async () => {
    const portkey = sdk(t.credentials.admin_api_key);
    const created = (await portkey.integrations.create({
      name: 'Local vLLM',
      slug: 'sdk-vllm',
      ai_provider_id: 'vllm',
      key: 'vllm-secret-token-123',
      configurations: { custom_host: 'http://10.1.2.3:8000/v1' },
    } as never)) as unknown as Json;
    expect(created).toMatchObject({ slug: 'sdk-vllm' });

    const got = (await portkey.integrations.retrieve({ slug: 'sdk-vllm' })) as unknown as Json;
    expect(got).toMatchObject({ slug: 'sdk-vllm', ai_provider_id: 'vllm', name: 'Local vLLM' });
    expect(JSON.stringify(got)).not.toContain('vllm-secret-token-123');

    const list = (await portkey.integrations.list({})) as unknown as { data: Json[] };
    expect(list.data.map((i) => i.slug)).toContain('sdk-vllm');

    await portkey.integrations.update({ slug: 'sdk-vllm', name: 'LAN vLLM' } as never);
    expect(((await portkey.integrations.retrieve({ slug: 'sdk-vllm' })) as unknown as Json).name).toBe('LAN vLLM');

    await portkey.integrations.workspaces.update({
      slug: 'sdk-vllm',
      workspaces: [{ id: t.credentials.workspace.id, enabled: true }],
    } as never);
    const access = (await portkey.integrations.workspaces.list({ slug: 'sdk-vllm' })) as unknown as { workspaces: Json[] };
    expect(access.workspaces.find((w) => w.id === t.credentials.workspace.id)).toMatchObject({ enabled: true });

    await portkey.integrations.models.update({
      slug: 'sdk-vllm',
      models: [{ slug: 'llama-3.1-8b', enabled: true, is_custom: true }],
    } as never);
    const models = (await portkey.integrations.models.list({ slug: 'sdk-vllm' })) as unknown as { models: Json[] };
    expect(models.models.map((m) => m.slug)).toContain('llama-3.1-8b');
    await portkey.integrations.models.delete({ slug: 'sdk-vllm', slugs: 'llama-3.1-8b' } as never);
    const after = (await portkey.integrations.models.list({ slug: 'sdk-vllm' })) as unknown as { models: Json[] };
    expect(after.models.map((m) => m.slug)).not.toContain('llama-3.1-8b');

    await portkey.integrations.delete({ slug: 'sdk-vllm' });
    await expect(portkey.integrations.retrieve({ slug: 'sdk-vllm' })).rejects.toThrow(/404|not found/i);
  });

  it('providers: create, retrieve, list, update and delete in a workspace', async () => {
    const admin = sdk(t.credentials.admin_api_key);
    await admin.integrations.create({
      name: 'Shared OpenAI',
      slug: 'sdk-openai',
      ai_provider_id: 'openai',
      key: 'sk-shared-secret-456',
      workspace_id: t.credentials.workspace.id,
    } as never);
    const portkey = sdk(t.credentials.workspace_api_key);
    const created = (await portkey.providers.create({
      name: 'Team OpenAI',
      slug: 'sdk-team',
      integration_id: 'sdk-openai',
    } as never)) as unknown as Json;
    expect(created).toMatchObject({ slug: 'sdk-team' });
    const got = (await portkey.providers.retrieve({ slug: 'sdk-team' } as never)) as unknown as Json;
    expect(got).toMatchObject({ slug: 'sdk-team', name: 'Team OpenAI' });
    const list = (await portkey.providers.list({} as never)) as unknown as { data: Json[] };
    expect(list.data.map((p) => p.slug)).toContain('sdk-team');
    await portkey.providers.update({ slug: 'sdk-team', name: 'Team OpenAI (renamed)' } as never);
    expect(((await portkey.providers.retrieve({ slug: 'sdk-team' } as never)) as unknown as Json).name).toBe('Team OpenAI (renamed)');
    await portkey.providers.delete({ slug: 'sdk-team' } as never);
    await expect(portkey.providers.retrieve({ slug: 'sdk-team' } as never)).rejects.toThrow(/404|not found/i);
  });

  it('virtual keys: create, retrieve, list, update and delete, never showing the key', async () => {
    const portkey = sdk(t.credentials.workspace_api_key);
    const created = (await portkey.virtualKeys.create({
      name: 'Legacy key',
      provider: 'openai',
      key: 'sk-legacy-secret-789',
    } as never)) as unknown as Json;
    // Portkey answers a virtual-key create with {success, data: {slug}} (spec §2.2).
    const slug = String((created.data as Json).slug);
    expect(created.success).toBe(true);
    expect(slug).toBeTruthy();
    const got = (await portkey.virtualKeys.retrieve({ slug })) as unknown as Json;
    expect(got).toMatchObject({ slug, name: 'Legacy key' });
    expect(JSON.stringify(got)).not.toContain('sk-legacy-secret-789');
    const list = (await portkey.virtualKeys.list({})) as unknown as { data: Json[] };
    expect(list.data.map((v) => v.slug)).toContain(slug);
    await portkey.virtualKeys.update({ slug, name: 'Legacy key (renamed)' } as never);
    expect(((await portkey.virtualKeys.retrieve({ slug })) as unknown as Json).name).toBe('Legacy key (renamed)');
    await portkey.virtualKeys.delete({ slug });
    await expect(portkey.virtualKeys.retrieve({ slug })).rejects.toThrow(/404|not found/i);
  });
});
