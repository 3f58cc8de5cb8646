// Azure OpenAI: the cloud URL built from resource name + deployment + api-version, and the inline
// x-portkey-azure-* headers end to end. The real https://<resource>.openai.azure.com cannot be
// reached from this air-gapped test machine, so the URL and headers are checked on the pure
// functions that build them (server/provider-specs/request.ts); the inline headers are checked
// against the mock upstream on loopback through x-portkey-custom-host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayFixture } from '../helpers/gateway.ts';
import { AppError } from '../../server/errors.ts';
import type { Endpoint } from '../../server/provider-specs/registry.ts';
import { providerSpec } from '../../server/provider-specs/registry.ts';
import { DEFAULT_AZURE_API_VERSION, upstreamHeaders, upstreamUrl, type UpstreamTarget } from '../../server/provider-specs/request.ts';

const azure = providerSpec('azure-openai')!;

/** An integration as an admin saves it: no custom host, so the cloud endpoint is used. */
function cloudTarget(configurations: Record<string, unknown>, apiKey: string | null = 'azure-secret'): UpstreamTarget {
  return { spec: azure, apiKey, customHost: null, configurations, customHeaders: {} };
}

const contoso = {
  azure_resource_name: 'contoso-eu',
  azure_deployment_config: [
    { alias: 'gpt-4o', azure_deployment_name: 'prod-gpt4o', azure_api_version: '2024-06-01', azure_model_slug: 'gpt-4o', is_default: true },
    { alias: 'mini', azure_deployment_name: 'prod mini/2', azure_api_version: '2024-08-01-preview', azure_model_slug: 'gpt-4o-mini' },
  ],
};

describe('the Azure cloud URL (built, not called: the cloud is not reachable here)', () => {
  it.each<[string, Endpoint, string | undefined, string]>([
    [
      'chat by alias',
      'chatComplete',
      'gpt-4o',
      'https://contoso-eu.openai.azure.com/openai/deployments/prod-gpt4o/chat/completions?api-version=2024-06-01',
    ],
    [
      'embeddings',
      'embed',
      'gpt-4o',
      'https://contoso-eu.openai.azure.com/openai/deployments/prod-gpt4o/embeddings?api-version=2024-06-01',
    ],
    [
      'text completions',
      'complete',
      'gpt-4o',
      'https://contoso-eu.openai.azure.com/openai/deployments/prod-gpt4o/completions?api-version=2024-06-01',
    ],
    [
      'the Messages API speaks chat to Azure',
      'messages',
      'gpt-4o',
      'https://contoso-eu.openai.azure.com/openai/deployments/prod-gpt4o/chat/completions?api-version=2024-06-01',
    ],
    [
      'another alias, with its own api version and a deployment name that needs escaping',
      'chatComplete',
      'mini',
      'https://contoso-eu.openai.azure.com/openai/deployments/prod%20mini%2F2/chat/completions?api-version=2024-08-01-preview',
    ],
    [
      'a model by its slug',
      'chatComplete',
      'gpt-4o-mini',
      'https://contoso-eu.openai.azure.com/openai/deployments/prod%20mini%2F2/chat/completions?api-version=2024-08-01-preview',
    ],
    [
      'an unknown model falls back to the default deployment',
      'chatComplete',
      'o3',
      'https://contoso-eu.openai.azure.com/openai/deployments/prod-gpt4o/chat/completions?api-version=2024-06-01',
    ],
  ])('%s', (_, endpoint, model, url) => {
    expect(upstreamUrl(cloudTarget(contoso), endpoint, '/ignored', model, '?ignored=1').url).toBe(url);
  });

  it('prices by the deployment model slug, not the alias', () => {
    expect(upstreamUrl(cloudTarget(contoso), 'chatComplete', '/chat/completions', 'mini').pricingModel).toBe('gpt-4o-mini');
  });

  it('inline resource, deployment id and api version (the x-portkey-azure-* headers) build the same URL', () => {
    const inline = cloudTarget({
      azure_resource_name: 'fabrikam',
      azure_deployment_id: 'chat-dep',
      azure_api_version: '2025-01-01-preview',
    });
    expect(upstreamUrl(inline, 'chatComplete', '/chat/completions', 'gpt-4o').url).toBe(
      'https://fabrikam.openai.azure.com/openai/deployments/chat-dep/chat/completions?api-version=2025-01-01-preview',
    );
  });

  it(`without an api version anywhere, uses ${DEFAULT_AZURE_API_VERSION}`, () => {
    const bare = cloudTarget({ azure_resource_name: 'fabrikam', azure_deployment_id: 'chat-dep' });
    expect(upstreamUrl(bare, 'embed', '/embeddings', 'text-embedding-3-small').url).toBe(
      `https://fabrikam.openai.azure.com/openai/deployments/chat-dep/embeddings?api-version=${DEFAULT_AZURE_API_VERSION}`,
    );
  });

  it.each([
    // Model calls on other routes belong to a deployment.
    ['/audio/speech', '', 'gpt-4o', '/openai/deployments/prod-gpt4o/audio/speech?api-version=2024-06-01'],
    ['/images/generations', '', 'mini', '/openai/deployments/prod%20mini%2F2/images/generations?api-version=2024-08-01-preview'],
    // The rest sits under /openai as it is, with the integration's (or the default) api-version.
    ['/files', '?purpose=batch', undefined, `/openai/files?api-version=${DEFAULT_AZURE_API_VERSION}&purpose=batch`],
    ['/responses', '', 'gpt-4o', `/openai/responses?api-version=${DEFAULT_AZURE_API_VERSION}`],
    // An api-version the client sent is kept.
    ['/batches', '?api-version=2025-01-01-preview&limit=5', undefined, '/openai/batches?api-version=2025-01-01-preview&limit=5'],
  ])('pass-through %s%s goes under /openai with an api-version', (path, search, model, expected) => {
    expect(upstreamUrl(cloudTarget(contoso), 'proxy', path, model, search).url).toBe(`https://contoso-eu.openai.azure.com${expected}`);
  });

  it('authenticates with the api-key header, never Authorization', () => {
    const headers = upstreamHeaders(cloudTarget(contoso), { authorization: 'Bearer gateway-key' });
    expect(headers).toEqual({ 'api-key': 'azure-secret' });
  });

  it.each([
    ['no resource name', { azure_deployment_id: 'd' }, /azure_resource_name .*x-portkey-azure-resource-name/],
    ['no deployment', { azure_resource_name: 'contoso-eu' }, /needs a deployment.*x-portkey-azure-deployment-id/],
  ])('%s is a 400 that says which setting or header is missing', (_, configurations, message) => {
    let thrown: unknown;
    try {
      upstreamUrl(cloudTarget(configurations), 'chatComplete', '/chat/completions', 'gpt-4o');
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).status).toBe(400);
    expect((thrown as AppError).message).toMatch(message);
  });
});

let g: GatewayFixture;
beforeAll(async () => {
  g = await startGateway();
});
afterAll(async () => {
  await g.close();
});

interface ErrorEnvelope {
  error: { message: string; type: string };
}

const messages = [{ role: 'user' as const, content: 'hi azure' }];

describe('inline x-portkey-azure-* headers, end to end (custom host on loopback stands in for Azure)', () => {
  const azureHeaders = () => ({
    'x-portkey-provider': 'azure-openai',
    // The custom host replaces https://<resource>.openai.azure.com; the resource name is still sent
    // as an Azure client would, and the deployment path is built under the custom host.
    'x-portkey-custom-host': g.mock.url,
    'x-portkey-azure-resource-name': 'contoso-eu',
    'x-portkey-azure-deployment-id': 'inline-dep',
    'x-portkey-azure-api-version': '2024-02-15-preview',
  });

  it('the openai SDK with the Azure key in api-key: deployment path, api-version and api-key upstream', async () => {
    const res = await g
      .openai({ headers: { ...azureHeaders(), 'api-key': 'azure-inline-key' } })
      .chat.completions.create({ model: 'gpt-4o', messages });
    expect(res.choices[0]!.message.content).toBe('echo: hi azure');
    const up = g.mock.requests.at(-1)!;
    expect(up.url).toBe('/openai/deployments/inline-dep/chat/completions?api-version=2024-02-15-preview');
    expect(up.headers['api-key']).toBe('azure-inline-key');
    expect(up.headers.authorization).toBeUndefined();
    expect(JSON.stringify(up.headers)).not.toContain(g.credentials.workspace_api_key);
    expect(JSON.stringify(up.headers)).not.toContain('x-portkey');
  });

  it('the Azure key as Authorization: Bearer (gateway key in x-portkey-api-key) becomes the api-key header', async () => {
    const res = await g.post(
      '/v1/embeddings',
      { model: 'text-embedding-3-small', input: 'one two' },
      { ...azureHeaders(), authorization: 'Bearer azure-bearer-key' },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-portkey-provider')).toBe('azure-openai');
    const up = g.mock.requests.at(-1)!;
    expect(up.url).toBe('/openai/deployments/inline-dep/embeddings?api-version=2024-02-15-preview');
    expect(up.headers['api-key']).toBe('azure-bearer-key');
    expect(up.headers.authorization).toBeUndefined();
  });

  it('without x-portkey-azure-deployment-id it is a 400 naming the header, and nothing is called', async () => {
    const before = g.mock.requests.length;
    const headers: Record<string, string> = { ...azureHeaders(), 'api-key': 'k' };
    delete headers['x-portkey-azure-deployment-id'];
    const res = await g.post('/v1/chat/completions', { model: 'gpt-4o', messages }, headers);
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorEnvelope).error.message).toMatch(/x-portkey-azure-deployment-id/);
    expect(g.mock.requests.length).toBe(before);
  });
});
