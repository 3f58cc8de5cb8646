// Request logs as a client reads them back: GET /v1/logs?trace_id= then GET /v1/logs/{id} in
// Portkey's log shape (spec §2.10), with bodies, tokens, cost and timings; metrics-only logging;
// and workspace isolation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../server/ids.ts';
import { startGateway, type GatewayFixture } from '../helpers/gateway.ts';

type Json = Record<string, unknown>;
interface LogView {
  _id: string;
  id: string;
  organisation_id: string;
  created_at: string;
  request: { url: string; method: string; headers?: Record<string, string>; body?: Json; portkeyHeaders: Record<string, string> };
  response: { status: number; headers?: Record<string, string>; body?: Json; responseTime: number; lastUsedOptionJsonPath: string };
  metrics: Json & { metadata: Record<string, string> };
  finalUntransformedRequest?: { body: Json };
  transformedRequest?: { body: Json };
  log_format: string;
}

let g: GatewayFixture;
beforeAll(async () => {
  g = await startGateway();
  await g.addProvider({ slug: 'local-openai' });
});
afterAll(async () => {
  await g.close();
});

async function logOf(traceId: string, headers: Record<string, string> = g.workspace): Promise<{ status: number; log: LogView }> {
  const list = await fetch(`${g.url}/v1/logs?trace_id=${encodeURIComponent(traceId)}`, { headers: g.workspace });
  const { data } = (await list.json()) as { data: { id: string }[] };
  expect(data).toHaveLength(1);
  const res = await fetch(`${g.url}/v1/logs/${data[0]!.id}`, { headers });
  return { status: res.status, log: (await res.json()) as LogView };
}

const chat = (model: string, content: string) => ({ model, messages: [{ role: 'user', content }] });

describe('a chat request in the log', () => {
  it("reads back in Portkey's shape: request, response, tokens, cost, status, latency", async () => {
    const traceId = `trace-${Date.now()}-full`;
    g.mock.next({ delayMs: 120 });
    const res = await g.post('/v1/chat/completions', chat('@local-openai/gpt-4o', 'hello there'), {
      'x-portkey-trace-id': traceId,
      'x-portkey-metadata': '{"team":"search"}',
    });
    expect(res.status).toBe(200);
    const { status, log } = await logOf(traceId);
    expect(status).toBe(200);

    expect(log._id).toBe(log.id);
    expect(log.organisation_id).toBe(g.credentials.organisation_id);
    expect(new Date(log.created_at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(log.log_format).toBe('v2');

    expect(log.request).toMatchObject({ url: '/v1/chat/completions', method: 'POST' });
    expect(log.request.body).toEqual(chat('@local-openai/gpt-4o', 'hello there'));
    expect(log.request.portkeyHeaders['x-portkey-trace-id']).toBe(traceId);
    // Secrets are masked before anything is stored.
    expect(log.request.headers!['x-portkey-api-key']).toMatch(/^.{4}\*+$/);
    expect(JSON.stringify(log)).not.toContain(g.credentials.workspace_api_key);
    expect(JSON.stringify(log)).not.toContain('sk-mock-secret-0001');
    // What went upstream: the model without its @provider prefix.
    expect(log.transformedRequest!.body.model).toBe('gpt-4o');

    expect(log.response.status).toBe(200);
    expect((log.response.body as { choices: { message: { content: string } }[] }).choices[0]!.message.content).toBe('echo: hello there');
    expect(log.response.responseTime).toBeGreaterThanOrEqual(120);
    expect(log.response.lastUsedOptionJsonPath).toBe('config');

    expect(log.metrics).toMatchObject({
      id: log.id,
      trace_id: traceId,
      is_success: true,
      ai_org: 'openai',
      ai_model: 'gpt-4o',
      virtual_key: 'local-openai',
      req_units: 2,
      res_units: 3,
      total_units: 5,
      is_priced: true,
      cost_currency: 'USD',
      response_status_code: 200,
      stream_mode: false,
      cache_status: 'DISABLED',
      request_url: '/v1/chat/completions',
      workspace_slug: g.credentials.workspace.slug,
      metadata: { team: 'search' },
    });
    // gpt-4o costs 0.00025 cents per input token and 0.001 per output token (bundled pricing).
    expect(log.metrics.cost).toBeCloseTo(2 * 0.00025 + 3 * 0.001, 10);
    expect(log.metrics.upstream_response_time as number).toBeGreaterThanOrEqual(120);
    expect(log.metrics.response_time as number).toBeGreaterThanOrEqual(log.metrics.upstream_response_time as number);
  });

  it('a model the pricing files do not know costs 0 and is marked unpriced, with tokens still counted', async () => {
    const traceId = `trace-${Date.now()}-unpriced`;
    await g.post('/v1/chat/completions', chat('@local-openai/my-finetune-7b', 'hello there'), { 'x-portkey-trace-id': traceId });
    const { log } = await logOf(traceId);
    expect(log.metrics).toMatchObject({
      ai_model: 'my-finetune-7b',
      cost: 0,
      is_priced: false,
      req_units: 2,
      res_units: 3,
      is_success: true,
    });
  });

  it('a stream is logged with the stream flag and the reassembled answer', async () => {
    const traceId = `trace-${Date.now()}-stream`;
    const stream = await g
      .openai({ headers: { 'x-portkey-trace-id': traceId } })
      .chat.completions.create({ model: '@local-openai/gpt-4o', messages: [{ role: 'user', content: 'one two three' }], stream: true });
    for await (const chunk of stream) void chunk;
    const { log } = await logOf(traceId);
    expect(log.metrics).toMatchObject({ stream_mode: true, is_success: true, req_units: 3, res_units: 4, is_priced: true });
    expect((log.response.body as { choices: { message: { content: string } }[] }).choices[0]!.message.content).toBe('echo: one two three');
    expect(log.metrics.ttfb as number).toBeGreaterThanOrEqual(0);
  });

  it('an upstream error is logged with its status and message, and no cost', async () => {
    const traceId = `trace-${Date.now()}-err`;
    g.mock.next({ status: 429, body: { error: { message: 'slow down', type: 'rate_limit_error', param: null, code: null } } });
    await g.post('/v1/chat/completions', chat('@local-openai/gpt-4o', 'x'), { 'x-portkey-trace-id': traceId });
    const { log } = await logOf(traceId);
    expect(log.response.status).toBe(429);
    expect(log.metrics).toMatchObject({ is_success: false, response_status_code: 429, cost: 0, error_message: 'slow down' });
  });

  it('a large request keeps its body and headers in the log; one over the cap is marked as cut', async () => {
    // 700k characters: under the 1M cap on one stored body, though request + transformed request are over it.
    const big = 'word '.repeat(140_000);
    const traceId = `trace-${Date.now()}-big`;
    expect((await g.post('/v1/chat/completions', chat('@local-openai/gpt-4o', big), { 'x-portkey-trace-id': traceId })).status).toBe(200);
    const { log } = await logOf(traceId);
    expect((log.request.body as { messages: { content: string }[] }).messages[0]!.content).toBe(big);
    expect(log.request.headers!['x-portkey-trace-id']).toBe(traceId);
    expect((log.response.body as { choices: unknown[] }).choices).toHaveLength(1);

    const huge = 'word '.repeat(240_000);
    const hugeTrace = `trace-${Date.now()}-huge`;
    g.mock.next({ chunks: ['a short answer'] });
    expect((await g.post('/v1/chat/completions', chat('@local-openai/gpt-4o', huge), { 'x-portkey-trace-id': hugeTrace })).status).toBe(
      200,
    );
    const cut = (await logOf(hugeTrace)).log;
    expect(cut.request.body).toMatchObject({ truncated: true, original_length: JSON.stringify(chat('@local-openai/gpt-4o', huge)).length });
    expect(cut.request.headers!['x-portkey-trace-id']).toBe(hugeTrace);
    expect((cut.response.body as { choices: { message: { content: string } }[] }).choices[0]!.message.content).toBe('a short answer');
  });

  it('an unknown log id is a 404', async () => {
    const res = await fetch(`${g.url}/v1/logs/${newId()}`, { headers: g.workspace });
    expect(res.status).toBe(404);
  });
});

describe('request_logging_mode: metrics-only', () => {
  it('keeps the metrics but stores no bodies or headers', async () => {
    const setMode = (settings: Json) => {
      g.stores.db.prepare('UPDATE organisations SET settings = ?').run(JSON.stringify(settings));
      g.app.services.settings.invalidate();
    };
    setMode({ request_logging_mode: 'metrics-only' });
    try {
      const traceId = `trace-${Date.now()}-metrics`;
      const res = await g.post('/v1/chat/completions', chat('@local-openai/gpt-4o', 'secret prompt text'), {
        'x-portkey-trace-id': traceId,
      });
      expect(res.status).toBe(200);
      const { log } = await logOf(traceId);
      expect(log.request.body).toBeUndefined();
      expect(log.request.headers).toBeUndefined();
      expect(log.response.body).toBeUndefined();
      expect(log.response.headers).toBeUndefined();
      expect(JSON.stringify(log)).not.toContain('secret prompt text');
      expect(log.metrics).toMatchObject({ req_units: 3, res_units: 4, is_priced: true, response_status_code: 200, trace_id: traceId });
    } finally {
      setMode({});
    }
    // Back to full logging: bodies are stored again.
    const traceId = `trace-${Date.now()}-full-again`;
    await g.post('/v1/chat/completions', chat('@local-openai/gpt-4o', 'visible again'), { 'x-portkey-trace-id': traceId });
    expect((await logOf(traceId)).log.request.body).toBeDefined();
  });
});

describe('workspace isolation', () => {
  it('a log of another workspace is a 404 to a workspace key, and absent from its lists', async () => {
    const other = { id: newId(), slug: `ws-other-${Date.now()}` };
    const at = new Date().toISOString();
    g.app.services.repos.workspaces.insert({
      ...other,
      organisation_id: g.credentials.organisation_id,
      name: 'Other',
      description: null,
      is_default: 0,
      status: 'active',
      defaults: '{}',
      usage_limits: '[]',
      rate_limits: '[]',
      created_at: at,
      last_updated_at: at,
    });
    const otherKey = await g.createApiKey({ workspace_id: other.id, scopes: ['completions.write', 'logs.view', 'logs.list'] });
    const integration = await fetch(`${g.url}/v1/integrations`, {
      method: 'POST',
      headers: { ...g.admin, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'other-openai',
        slug: 'other-openai',
        ai_provider_id: 'openai',
        key: 'sk-other',
        workspace_id: other.id,
        configurations: { custom_host: `${g.mock.url}/v1` },
        default_provider_slug: 'other-openai',
      }),
    });
    expect(integration.ok).toBe(true);

    const traceId = `trace-${Date.now()}-other`;
    const res = await fetch(`${g.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'x-portkey-api-key': otherKey, 'content-type': 'application/json', 'x-portkey-trace-id': traceId },
      body: JSON.stringify(chat('@other-openai/gpt-4o', 'private to other')),
    });
    expect(res.status).toBe(200);

    const mine = await fetch(`${g.url}/v1/logs?trace_id=${traceId}`, { headers: { 'x-portkey-api-key': otherKey } });
    const { data } = (await mine.json()) as { data: { id: string; metrics: Json }[] };
    expect(data).toHaveLength(1);
    expect(data[0]!.metrics.workspace_slug).toBe(other.slug);
    const id = data[0]!.id;

    const theirs = await fetch(`${g.url}/v1/logs/${id}`, { headers: g.workspace });
    expect(theirs.status).toBe(404);
    expect(await theirs.text()).not.toContain('private to other');
    const theirList = await fetch(`${g.url}/v1/logs?trace_id=${traceId}`, { headers: g.workspace });
    expect(((await theirList.json()) as { total: number }).total).toBe(0);

    const own = await fetch(`${g.url}/v1/logs/${id}`, { headers: { 'x-portkey-api-key': otherKey } });
    expect(own.status).toBe(200);
    // The organisation admin sees every workspace's logs.
    const admin = await fetch(`${g.url}/v1/logs/${id}`, { headers: g.admin });
    expect(admin.status).toBe(200);
    expect(((await admin.json()) as LogView).request.body).toEqual(chat('@other-openai/gpt-4o', 'private to other'));
  });
});
