// Where a request goes: catalog providers named by header or virtual key, a base provider with its
// key inline and a custom host (checked by the inline custom-host rules), Azure OpenAI deployments,
// and the 400/404s for providers and models that cannot serve.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { startGateway, type GatewayFixture } from '../helpers/gateway.ts';
import { startMockLlm } from '../helpers/mockLlm.ts';

interface ErrorEnvelope {
  error: { message: string; type: string; param: string | null; code: string | null };
}

const messages = [{ role: 'user' as const, content: 'where am I' }];

let g: GatewayFixture;
beforeAll(async () => {
  g = await startGateway();
  await g.addProvider({ slug: 'local-openai', key: 'sk-catalog-key' });
  await g.addProvider({
    slug: 'azure-prod',
    aiProvider: 'azure-openai',
    key: 'azure-secret-key',
    customHost: g.mock.url,
    configurations: {
      azure_resource_name: 'contoso',
      azure_deployment_config: [
        {
          alias: 'gpt-4o',
          azure_deployment_name: 'contoso-gpt4o',
          azure_api_version: '2024-06-01',
          azure_model_slug: 'gpt-4o',
          is_default: true,
        },
        { alias: 'mini', azure_deployment_name: 'contoso-mini', azure_api_version: '2024-08-01-preview', azure_model_slug: 'gpt-4o-mini' },
      ],
    },
  });
  await g.addProvider({ slug: 'curated', models: ['gpt-4o'] });
  const put = await fetch(`${g.url}/v1/integrations/curated/models`, {
    method: 'PUT',
    headers: { ...g.admin, 'content-type': 'application/json' },
    body: JSON.stringify({ models: [{ slug: 'gpt-4o-retired', enabled: false }] }),
  });
  expect(put.ok).toBe(true);
});
afterAll(async () => {
  await g.close();
});

describe('catalog providers', () => {
  it('x-portkey-provider: @slug with a bare model', async () => {
    const res = await g
      .openai({ headers: { 'x-portkey-provider': '@local-openai' } })
      .chat.completions.create({ model: 'gpt-4o', messages });
    expect(res.choices[0]!.message.content).toBe('echo: where am I');
    const up = g.mock.requests.at(-1)!;
    expect(up.path).toBe('/v1/chat/completions');
    expect(up.headers.authorization).toBe('Bearer sk-catalog-key');
    expect((up.body as { model: string }).model).toBe('gpt-4o');
  });

  it('x-portkey-virtual-key: slug (the legacy name of a provider)', async () => {
    const traceId = `trace-${Date.now()}-vk`;
    const res = await g
      .openai({ headers: { 'x-portkey-virtual-key': 'local-openai', 'x-portkey-trace-id': traceId } })
      .chat.completions.create({ model: 'gpt-4o', messages });
    expect(res.choices[0]!.message.content).toBe('echo: where am I');
    expect(g.mock.requests.at(-1)!.headers.authorization).toBe('Bearer sk-catalog-key');
    const log = await g.logByTrace(traceId);
    expect(log.metrics).toMatchObject({ virtual_key: 'local-openai', ai_org: 'openai', ai_model: 'gpt-4o' });
  });

  it('a disabled model is a 400 naming it, and the upstream is not called', async () => {
    const before = g.mock.requests.length;
    const err = await g
      .openai()
      .chat.completions.create({ model: '@curated/gpt-4o-retired', messages })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as Error).message).toContain('Model "gpt-4o-retired" is not enabled for provider @curated');
    expect(g.mock.requests.length).toBe(before);
    // The enabled one still works.
    await g.openai().chat.completions.create({ model: '@curated/gpt-4o', messages });
    expect(g.mock.requests.length).toBe(before + 1);
  });
});

describe('per-model settings', () => {
  it("a model's own custom_host wins over the integration's", async () => {
    const lan = await startMockLlm();
    try {
      const put = await fetch(`${g.url}/v1/integrations/local-openai/models`, {
        method: 'PUT',
        headers: { ...g.admin, 'content-type': 'application/json' },
        body: JSON.stringify({
          models: [{ slug: 'llama-on-lan', enabled: true, is_custom: true, configurations: { custom_host: `${lan.url}/v1` } }],
        }),
      });
      expect(put.ok).toBe(true);
      const before = g.mock.requests.length;
      const res = await g.openai().chat.completions.create({ model: '@local-openai/llama-on-lan', messages });
      expect(res.choices[0]!.message.content).toBe('echo: where am I');
      expect(lan.requests).toHaveLength(1);
      expect(lan.requests[0]!.headers.authorization).toBe('Bearer sk-catalog-key');
      expect(g.mock.requests.length).toBe(before);
      // Other models of the integration still go to its own host.
      await g.openai().chat.completions.create({ model: '@local-openai/gpt-4o', messages });
      expect(g.mock.requests.length).toBe(before + 1);
      expect(lan.requests).toHaveLength(1);
    } finally {
      await lan.close();
    }
  });
});

describe('a base provider with its key inline', () => {
  it('openai + Authorization: Bearer + x-portkey-custom-host reaches the custom host with that key', async () => {
    // Portkey's documented way to reach an OpenAI-compatible server: the SDK's apiKey carries the
    // provider key, the gateway key rides in x-portkey-api-key.
    const client = new OpenAI({
      baseURL: `${g.url}/v1`,
      apiKey: 'sk-inline',
      maxRetries: 0,
      defaultHeaders: {
        'x-portkey-api-key': g.credentials.workspace_api_key,
        'x-portkey-provider': 'openai',
        'x-portkey-custom-host': `${g.mock.url}/v1`,
      },
    });
    const { data, response } = await client.chat.completions.create({ model: 'my-local-model', messages }).withResponse();
    expect(data.choices[0]!.message.content).toBe('echo: where am I');
    expect(response.headers.get('x-portkey-provider')).toBe('openai');
    const up = g.mock.requests.at(-1)!;
    expect(up.path).toBe('/v1/chat/completions');
    expect(up.headers.authorization).toBe('Bearer sk-inline');
    expect((up.body as { model: string }).model).toBe('my-local-model');
    expect(JSON.stringify(up.headers)).not.toContain(g.credentials.workspace_api_key);
  });

  it('a gateway key sent as Authorization is never passed on as the provider key', async () => {
    // The plain OpenAI SDK setup: Authorization carries the gateway key, so there is no inline key.
    await g
      .openai({ headers: { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${g.mock.url}/v1` } })
      .chat.completions.create({ model: 'my-local-model', messages });
    const up = g.mock.requests.at(-1)!;
    expect(up.headers.authorization).toBeUndefined();
    expect(JSON.stringify(up.headers)).not.toContain(g.credentials.workspace_api_key);
  });

  it.each([
    ['a private 10.x address', 'http://10.20.30.40:8000/v1', /points at .*TRUSTED_CUSTOM_HOSTS/],
    ['credentials in the URL', 'http://user:pw@127.0.0.1:9/v1', /user name or password|credentials/i],
    ['a cloud metadata endpoint', 'http://169.254.169.254/latest', /metadata/i],
    ['a non-http scheme', 'file:///etc/passwd', /must use http or https/],
    ['an IPv4 address in another spelling', 'http://2130706433/v1', /unusual form; write it as 127.0.0.1/],
  ])('a custom host with %s is a 400 naming the rule, and nothing is called', async (_, host, message) => {
    const before = g.mock.requests.length;
    const res = await g.post(
      '/v1/chat/completions',
      { model: 'my-local-model', messages },
      {
        'x-portkey-provider': 'openai',
        authorization: 'Bearer sk-inline',
        'x-portkey-custom-host': host,
      },
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorEnvelope;
    expect(body.error).toMatchObject({ type: 'invalid_request_error', param: 'x-portkey-custom-host', code: 'invalid_custom_host' });
    expect(body.error.message).toMatch(message);
    expect(g.mock.requests.length).toBe(before);
  });

  it('an unknown base provider is a 400 listing the supported ones', async () => {
    const res = await g.post(
      '/v1/chat/completions',
      { model: 'x', messages },
      { 'x-portkey-provider': 'acme-llm', authorization: 'Bearer sk-1' },
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorEnvelope;
    expect(body.error.message).toMatch(/Unknown provider "acme-llm"/);
    for (const id of ['openai', 'azure-openai', 'anthropic', 'vllm', 'ollama']) expect(body.error.message).toContain(id);
  });

  it('a provider Portkey knows but this appliance cannot speak is a 400 saying so', async () => {
    const res = await g.post('/v1/chat/completions', { model: 'x', messages }, { 'x-portkey-provider': 'bedrock' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorEnvelope).error.message).toMatch(/"bedrock" is not supported/);
  });
});

describe('TRUSTED_CUSTOM_HOSTS', () => {
  it('replaces the loopback defaults: an inline loopback host is refused, a listed one allowed', async () => {
    const other = await startGateway({ env: { TRUSTED_CUSTOM_HOSTS: '10.20.30.40' } });
    try {
      const loopback = await other.post(
        '/v1/chat/completions',
        { model: 'm', messages },
        {
          'x-portkey-provider': 'openai',
          'x-portkey-custom-host': `${other.mock.url}/v1`,
        },
      );
      expect(loopback.status).toBe(400);
      expect(((await loopback.json()) as ErrorEnvelope).error.message).toMatch(/points at .*loopback|points at/);
      expect(other.mock.requests).toHaveLength(0);

      // A host an admin saved in an integration of the workspace is trusted inline too.
      await other.addProvider({ slug: 'saved-local' });
      const saved = await other.post(
        '/v1/chat/completions',
        { model: 'm', messages },
        {
          'x-portkey-provider': 'openai',
          'x-portkey-custom-host': `${other.mock.url}/v1`,
        },
      );
      expect(saved.status).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe('Azure OpenAI', () => {
  it('calls the deployment path with api-version and the api-key header, not Authorization', async () => {
    const res = await g.openai().chat.completions.create({ model: '@azure-prod/gpt-4o', messages });
    expect(res.choices[0]!.message.content).toBe('echo: where am I');
    const up = g.mock.requests.at(-1)!;
    expect(up.url).toBe('/openai/deployments/contoso-gpt4o/chat/completions?api-version=2024-06-01');
    expect(up.headers['api-key']).toBe('azure-secret-key');
    expect(up.headers.authorization).toBeUndefined();
  });

  it('picks the deployment by alias, with its own api version', async () => {
    await g.openai().chat.completions.create({ model: '@azure-prod/mini', messages });
    expect(g.mock.requests.at(-1)!.url).toBe('/openai/deployments/contoso-mini/chat/completions?api-version=2024-08-01-preview');
  });

  it('embeddings go to the deployment too', async () => {
    await g.openai().embeddings.create({ model: '@azure-prod/gpt-4o', input: 'a b' });
    expect(g.mock.requests.at(-1)!.url).toBe('/openai/deployments/contoso-gpt4o/embeddings?api-version=2024-06-01');
  });

  it('prices by the deployment model slug', async () => {
    const traceId = `trace-${Date.now()}-azure`;
    await g.openai({ headers: { 'x-portkey-trace-id': traceId } }).chat.completions.create({ model: '@azure-prod/mini', messages });
    const log = await g.logByTrace(traceId);
    expect(log.metrics).toMatchObject({ ai_org: 'azure-openai', virtual_key: 'azure-prod', is_success: true, is_priced: true });
    // "mini" is only an alias: the price is gpt-4o-mini's on Azure (cents per token), 3 tokens in and 4 out.
    expect(log.metrics.cost).toBeCloseTo(3 * 1.5e-5 + 4 * 6e-5, 10);
  });
});
