// POST /v1/providers/{slug}/test against a real upstream on loopback (the mock LLM): the answer of
// a one-line chat, the model list, the upstream's own error, an unreachable host, and nothing
// written to the request logs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayFixture } from '../../test/helpers/gateway.ts';

interface Answer {
  [field: string]: unknown;
  error: string | null;
  answer: string | null;
  total: number;
  data: { message: string };
}
const json = (res: Response) => res.json() as Promise<Answer>;

let g: GatewayFixture;
let ws: string;

const test = (slug: string, body: Record<string, unknown>, headers = g.admin) =>
  fetch(`${g.url}/v1/providers/${slug}/test?workspace_id=${ws}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  g = await startGateway();
  ws = g.credentials.workspace.id;
  await g.addProvider({ slug: 'lan-vllm', aiProvider: 'vllm', key: 'vllm-token', customHost: `${g.mock.url}/v1` });
  await g.addProvider({ slug: 'gone', aiProvider: 'ollama', key: null, customHost: 'http://127.0.0.1:9' });
});
afterAll(() => g.close());

describe('POST /v1/providers/{slug}/test', () => {
  it("sends one chat through the provider's target and shows the model's answer", async () => {
    const before = g.mock.requests.length;
    const res = await test('lan-vllm', { model: 'llama-3.1-8b-instruct', prompt: 'ping pong' });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ ok: true, kind: 'chat', status: 200, model: 'llama-3.1-8b-instruct', error: null });
    expect(body.answer).toContain('ping pong');
    expect(body.url).toBe(`${g.mock.url}/v1/chat/completions`);
    expect(g.mock.requests.length).toBe(before + 1);
    const seen = g.mock.requests.at(-1)!;
    expect(seen.headers.authorization).toBe('Bearer vllm-token');
    expect(seen.body).toMatchObject({ model: 'llama-3.1-8b-instruct', messages: [{ role: 'user', content: 'ping pong' }] });
    // A test is not traffic: the request logs stay empty.
    const logs = await fetch(`${g.url}/v1/logs?workspace_id=${ws}`, { headers: g.admin }).then(json);
    expect(logs.total).toBe(0);
  });

  it('lists the upstream models when no model is given', async () => {
    g.mock.next({ body: { object: 'list', data: [{ id: 'llama-3.1-8b-instruct' }, { id: 'qwen2.5-7b' }] } });
    const body = await test('lan-vllm', {}).then(json);
    expect(body).toMatchObject({ ok: true, kind: 'models', models: ['llama-3.1-8b-instruct', 'qwen2.5-7b'], answer: null });
    expect(g.mock.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v1/models' });
  });

  it("shows the upstream's own error and status", async () => {
    g.mock.next({ status: 404, body: { error: { message: 'The model `nope` does not exist.', type: 'NotFoundError' } } });
    const body = await test('lan-vllm', { model: 'nope' }).then(json);
    expect(body).toMatchObject({ ok: false, status: 404, error: 'The model `nope` does not exist.', answer: null });
  });

  it('names an unreachable host and why', async () => {
    const body = await test('gone', { model: 'llama3' }).then(json);
    expect(body).toMatchObject({ ok: false, status: null });
    expect(body.error).toMatch(/Could not reach @gone at http:\/\/127\.0\.0\.1:9: connection refused/);
  });

  it('answers 404 for a provider the workspace does not have, and refuses a read-only member key', async () => {
    const missing = await test('no-such-provider', { model: 'x' });
    expect(missing.status).toBe(404);
    expect(await json(missing)).toMatchObject({ success: false, data: { errorCode: 'AB08' } });

    const reader = { 'x-portkey-api-key': await g.createApiKey({ scopes: ['providers.read', 'providers.list'] }) };
    const denied = await test('lan-vllm', { model: 'x' }, reader);
    expect(denied.status).toBe(403);
    expect((await json(denied)).data.message).toMatch(/providers\.update/);
  });

  it('refuses a bad body with the field named', async () => {
    const res = await test('lan-vllm', { model: '' });
    expect(res.status).toBe(400);
    expect((await json(res)).data.message).toMatch(/model/);
  });
});
