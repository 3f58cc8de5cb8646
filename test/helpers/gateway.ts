// A running appliance (real HTTP on loopback) plus a mock LLM upstream, with helpers to register
// catalog providers through the Admin API and to build real SDK clients against it.
import OpenAI from 'openai';
import { Portkey } from 'portkey-ai';
import { startTestApp, type TestApp, type TestAppOptions } from './testApp.ts';
import { startMockLlm, type MockLlm } from './mockLlm.ts';

export interface GatewayFixture extends TestApp {
  mock: MockLlm;
  /** Registers a workspace integration + provider `@slug` pointing at the mock (or `customHost`). */
  addProvider(options: {
    slug: string;
    aiProvider?: string;
    /** The provider key; null creates an integration without one (local servers). */
    key?: string | null;
    customHost?: string;
    configurations?: Record<string, unknown>;
    /** Models to list in the integration (enabled); the integration allows all models either way. */
    models?: string[];
  }): Promise<void>;
  openai(options?: { apiKey?: string; headers?: Record<string, string> }): OpenAI;
  portkey(options?: Record<string, unknown>): Portkey;
  /** Raw POST to the gateway with the workspace key. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Reads a log row by trace id through GET /v1/logs. */
  logByTrace(traceId: string): Promise<Record<string, unknown> & { metrics: Record<string, unknown> }>;
  /** Creates an API key through the Admin API: a workspace service key in the default workspace unless told. */
  createApiKey(body: {
    scopes: string[];
    workspace_id?: string;
    defaults?: Record<string, unknown>;
    type?: 'workspace/service' | 'workspace/user' | 'organisation/service';
  }): Promise<string>;
}

export async function startGateway(options: TestAppOptions = {}): Promise<GatewayFixture> {
  const t = await startTestApp({ ...options, listen: true });
  const mock = await startMockLlm();
  const fixture: GatewayFixture = {
    ...t,
    mock,
    async addProvider({ slug, aiProvider = 'openai', key = 'sk-mock-secret-0001', customHost, configurations = {}, models = [] }) {
      const res = await fetch(`${t.url}/v1/integrations`, {
        method: 'POST',
        headers: { ...t.admin, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: slug,
          slug,
          ai_provider_id: aiProvider,
          ...(key === null ? {} : { key }),
          workspace_id: t.credentials.workspace.id,
          configurations: { custom_host: customHost ?? `${mock.url}/v1`, ...configurations },
          default_provider_slug: slug,
        }),
      });
      if (!res.ok) throw new Error(`addProvider ${slug}: ${res.status} ${await res.text()}`);
      if (models.length === 0) return;
      const put = await fetch(`${t.url}/v1/integrations/${slug}/models`, {
        method: 'PUT',
        headers: { ...t.admin, 'content-type': 'application/json' },
        body: JSON.stringify({ models: models.map((m) => ({ slug: m, enabled: true })) }),
      });
      if (!put.ok) throw new Error(`addProvider ${slug} models: ${put.status} ${await put.text()}`);
    },
    openai: (o = {}) =>
      new OpenAI({
        baseURL: `${t.url}/v1`,
        apiKey: o.apiKey ?? t.credentials.workspace_api_key,
        defaultHeaders: o.headers,
        maxRetries: 0,
      }),
    portkey: (o = {}) => new Portkey({ baseURL: `${t.url}/v1`, apiKey: t.credentials.workspace_api_key, ...o }),
    post: (path, body, headers = {}) =>
      fetch(`${t.url}${path}`, {
        method: 'POST',
        headers: { ...t.workspace, 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    async logByTrace(traceId) {
      const res = await fetch(`${t.url}/v1/logs?trace_id=${encodeURIComponent(traceId)}`, { headers: t.workspace });
      const list = (await res.json()) as { data: { id: string }[] };
      if (!list.data?.[0]) throw new Error(`no log for trace ${traceId}: ${JSON.stringify(list)}`);
      const one = await fetch(`${t.url}/v1/logs/${list.data[0].id}`, { headers: t.workspace });
      return (await one.json()) as Record<string, unknown> & { metrics: Record<string, unknown> };
    },
    async createApiKey({ type = 'workspace/service', ...body }) {
      const res = await fetch(`${t.url}/v1/api-keys/${type}`, {
        method: 'POST',
        headers: { ...t.admin, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `test key ${Date.now()}`, workspace_id: t.credentials.workspace.id, ...body }),
      });
      if (!res.ok) throw new Error(`createApiKey: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { key: string }).key;
    },
    async close() {
      await mock.close();
      await t.close();
    },
  };
  return fixture;
}
