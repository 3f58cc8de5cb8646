// The console's calls through the gateway pipeline, over real HTTP with the mock LLM upstream:
// "try it" on a saved config (the routing's answer and which target gave it, not logged) and the
// playground (a signed-in person's chat, plain and streamed, made with their own key's limits and
// logged as theirs), with the refusals that keep the playground to what the person could do with
// a key of their own (ADR 0022).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayFixture } from '../../test/helpers/gateway.ts';
import { PASSWORD, addPerson, signIn, type Browser } from '../../test/kits/sessionsTestKit.ts';
import { SESSION_COOKIE } from '../identity/sessions/cookies.ts';

let g: GatewayFixture;
let ws: string;
let other: { id: string; slug: string };
let fallback: string;

const post = (path: string, body: unknown, headers: Record<string, string> = g.admin) =>
  fetch(`${g.url}${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function admin(method: string, path: string, body?: unknown) {
  const res = await fetch(`${g.url}${path}`, {
    method,
    headers: { ...g.admin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, string>>;
}

/** The log row of a trace, read with the admin key once the writer has flushed it. */
async function logOf(traceId: string) {
  await g.app.logWriter.flush();
  const res = await fetch(`${g.url}/v1/logs?trace_id=${traceId}&workspace_id=${ws}`, { headers: g.admin });
  const list = (await res.json()) as { data: Record<string, unknown>[] };
  return list.data;
}

beforeAll(async () => {
  g = await startGateway();
  ws = g.credentials.workspace.id;
  await g.addProvider({ slug: 'lan-vllm', aiProvider: 'vllm', key: null, customHost: `${g.mock.url}/v1` });
  await g.addProvider({ slug: 'down', aiProvider: 'vllm', key: null, customHost: 'http://127.0.0.1:9' });
  const config = await admin('POST', '/v1/configs', {
    name: 'down then lan',
    workspace_id: ws,
    config: { strategy: { mode: 'fallback' }, targets: [{ provider: '@down' }, { provider: '@lan-vllm' }] },
  });
  fallback = config.slug!;
  const created = await admin('POST', '/v1/admin/workspaces', { name: 'Research' });
  other = { id: created.id!, slug: created.slug! };
});
afterAll(() => g.close());

describe('POST /v1/configs/{slug}/test', () => {
  it("sends one chat through the config's routing and says which target answered, without logging it", async () => {
    const res = await post(`/v1/configs/${fallback}/test?workspace_id=${ws}`, { model: 'llama-3.1-8b', prompt: 'try the config' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      ok: true,
      status: 200,
      answer: 'echo: try the config',
      mode: 'fallback',
      target: 'config.targets[1]',
      provider: '@lan-vllm',
      model: 'llama-3.1-8b',
      url: `${g.mock.url}/v1/chat/completions`,
      error: null,
    });
    expect(await logOf(res.headers.get('x-portkey-trace-id') ?? 'none')).toEqual([]);
    const logs = (await (await fetch(`${g.url}/v1/logs?workspace_id=${ws}`, { headers: g.admin })).json()) as { total: number };
    expect(logs.total).toBe(0);
  });

  it("shows the upstream's error when every target fails, and needs configs.update", async () => {
    g.mock.next({ status: 400, body: { error: { message: 'model "nope" is not served here' } } });
    const failed = (await (await post(`/v1/configs/${fallback}/test?workspace_id=${ws}`, { model: 'nope' })).json()) as Record<
      string,
      unknown
    >;
    expect(failed).toMatchObject({ ok: false, status: 400, error: 'model "nope" is not served here' });

    const reader = { 'x-portkey-api-key': await g.createApiKey({ scopes: ['configs.read', 'configs.list'] }) };
    const denied = await post(`/v1/configs/${fallback}/test?workspace_id=${ws}`, { model: 'x' }, reader);
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { data: { message: string } }).data.message).toMatch(/configs\.update/);
    expect((await post(`/v1/configs/pc-nothing/test?workspace_id=${ws}`, {})).status).toBe(404);
  });
});

describe('POST /v1/playground/chat/completions', () => {
  let member: Browser;
  let memberId: string;
  let memberKey: string;

  beforeAll(async () => {
    memberId = (await addPerson(g, 'mia@example.com', 'member', [[ws, 'member']])).id;
    member = await signIn(g, 'mia@example.com', PASSWORD);
    // Mia's own user key: the playground chats as it, with its limits.
    const key = await admin('POST', '/v1/api-keys/workspace/user', {
      name: 'mia laptop',
      workspace_id: ws,
      user_id: memberId,
      scopes: ['completions.write'],
    });
    memberKey = key.id!;
  });

  it("runs a member's chat through the gateway as their own key and logs it as theirs", async () => {
    const res = await member.request('POST', `/v1/playground/chat/completions?workspace_id=${ws}`, {
      model: '@lan-vllm/llama-3.1-8b',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hello from the playground' },
      ],
      max_tokens: 50,
      temperature: 0.2,
    });
    expect(res.status).toBe(200);
    expect(res.body.choices[0].message.content).toBe('echo: hello from the playground');
    const trace = res.headers.get('x-portkey-trace-id')!;
    // What reached the model server: the chat and its settings, and none of the browser's headers.
    const seen = g.mock.requests.at(-1)!;
    expect(seen.body).toMatchObject({ model: 'llama-3.1-8b', max_tokens: 50, temperature: 0.2 });
    expect(seen.headers.cookie).toBeUndefined();
    expect(seen.headers['x-csrf-token']).toBeUndefined();

    const [log] = await logOf(trace);
    expect(log!.metrics).toMatchObject({
      user_id: memberId,
      api_key_id: memberKey,
      response_status_code: 200,
      ai_model: 'llama-3.1-8b',
      metadata: { _user: 'mia@example.com' },
    });
    const detail = await (await fetch(`${g.url}/v1/logs/${String(log!.id)}`, { headers: g.admin })).text();
    expect(detail).toContain('hello from the playground');
    expect(detail).not.toMatch(/csrf|cookie/i);
  });

  it('streams, with usage in the last chunk', async () => {
    const res = await fetch(`${g.url}/v1/playground/chat/completions?workspace_id=${ws}`, {
      method: 'POST',
      headers: {
        cookie: `${SESSION_COOKIE}=${member.cookie}`,
        'x-csrf-token': member.csrf!,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ model: '@lan-vllm/llama-3.1-8b', messages: [{ role: 'user', content: 'stream me' }], stream: true }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events = (await res.text())
      .split('\n\n')
      .filter((e) => e.startsWith('data: ') && !e.includes('[DONE]'))
      .map((e) => JSON.parse(e.slice(6)) as { choices: { delta?: { content?: string } }[]; usage?: { total_tokens: number } });
    expect(events.map((e) => e.choices[0]?.delta?.content ?? '').join('')).toBe('echo: stream me');
    expect(events.at(-1)!.usage!.total_tokens).toBeGreaterThan(0);
    const [log] = await logOf(res.headers.get('x-portkey-trace-id')!);
    expect(log!.metrics).toMatchObject({ user_id: memberId, stream_mode: true });
  });

  it('routes through a saved config of the workspace, and refuses inline configs', async () => {
    const res = await member.request('POST', `/v1/playground/chat/completions?workspace_id=${ws}`, {
      model: 'llama-3.1-8b',
      config: fallback,
      messages: [{ role: 'user', content: 'through the config' }],
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[1]');
    const inline = await member.request('POST', `/v1/playground/chat/completions?workspace_id=${ws}`, {
      config: '{"provider":"openai","api_key":"sk-x"}',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(inline.status).toBe(400);
    const missing = await member.request('POST', `/v1/playground/chat/completions?workspace_id=${ws}`, {
      model: 'm',
      config: 'pc-nothing',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(missing.status).toBe(404);
  });

  it("holds a person to their key's rate limit, as a request from code would be", async () => {
    const ritaId = (await addPerson(g, 'rita@example.com', 'member', [[ws, 'member']])).id;
    await admin('POST', '/v1/api-keys/workspace/user', {
      name: 'rita key',
      workspace_id: ws,
      user_id: ritaId,
      scopes: ['completions.write'],
      rate_limits: [{ type: 'requests', unit: 'rpm', value: 2 }],
    });
    const rita = await signIn(g, 'rita@example.com', PASSWORD);
    const send = () =>
      rita.request('POST', `/v1/playground/chat/completions?workspace_id=${ws}`, {
        model: '@lan-vllm/llama-3.1-8b',
        messages: [{ role: 'user', content: 'count me' }],
      });
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    const refused = await send();
    expect(refused.status).toBe(429);
    expect(JSON.stringify(refused.body)).toMatch(/rate limit/i);
  });

  it('refuses a member without a key of their own, and lets a manager without one chat as the playground', async () => {
    await addPerson(g, 'max@example.com', 'member', [[ws, 'member']]);
    const max = await signIn(g, 'max@example.com', PASSWORD);
    const chat = { model: '@lan-vllm/llama-3.1-8b', messages: [{ role: 'user', content: 'may I' }] };
    const refused = await max.request('POST', `/v1/playground/chat/completions?workspace_id=${ws}`, chat);
    expect(refused.status).toBe(403);
    expect(refused.body.data.message).toMatch(/no usable API key in workspace/);

    const managerId = (await addPerson(g, 'meg@example.com', 'member', [[ws, 'manager']])).id;
    const meg = await signIn(g, 'meg@example.com', PASSWORD);
    const res = await meg.request('POST', `/v1/playground/chat/completions?workspace_id=${ws}`, chat);
    expect(res.status).toBe(200);
    const [log] = await logOf(res.headers.get('x-portkey-trace-id')!);
    expect(log!.metrics).toMatchObject({ user_id: managerId, api_key_id: 'playground' });
  });

  it('refuses a workspace the member does not belong to, API keys, and people outside any workspace', async () => {
    const elsewhere = await member.request('POST', `/v1/playground/chat/completions?workspace_id=${other.id}`, {
      model: '@lan-vllm/x',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.data.message).toMatch(/not a member of workspace/);

    const key = await post(
      `/v1/playground/chat/completions?workspace_id=${ws}`,
      { model: '@lan-vllm/x', messages: [{ role: 'user', content: 'x' }] },
      g.workspace,
    );
    expect(key.status).toBe(403);

    await addPerson(g, 'nomad@example.com', 'member');
    const nomad = await signIn(g, 'nomad@example.com', PASSWORD);
    const homeless = await nomad.request('POST', `/v1/playground/chat/completions?workspace_id=${ws}`, {
      model: '@lan-vllm/x',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(homeless.status).toBe(403);
    expect(g.mock.requests.filter((r) => JSON.stringify(r.body).includes('"x"'))).toEqual([]);
  });

  it('lets an organisation owner chat in any active workspace, not in an archived one', async () => {
    const owner = await signIn(g, g.credentials.owner.email, g.credentials.owner.password);
    await owner.request('POST', '/v1/auth/password', {
      current_password: g.credentials.owner.password,
      new_password: 'a much better password 42',
    });
    const res = await owner.request('POST', `/v1/playground/chat/completions?workspace_id=${ws}`, {
      model: '@lan-vllm/llama-3.1-8b',
      messages: [{ role: 'user', content: 'owner here' }],
    });
    expect(res.status).toBe(200);
    await admin('PUT', `/v1/admin/workspaces/${other.id}`, { status: 'archived' });
    const archived = await owner.request('POST', `/v1/playground/chat/completions?workspace_id=${other.id}`, {
      model: '@lan-vllm/llama-3.1-8b',
      messages: [{ role: 'user', content: 'owner here' }],
    });
    expect(archived.status).toBe(403);
    expect(archived.body.data.message).toMatch(/archived/);
  });
});
