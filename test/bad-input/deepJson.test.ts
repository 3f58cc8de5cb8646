// JSON nested thousands of levels deep (issue 12 item 6) is refused with a 400 in the surface's
// envelope before anything parses or stores it: in bodies on every surface, in JSON headers, in JSON
// strings inside bodies and in query parameters. JSON at the documented limit (128) still works.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayFixture } from '../helpers/gateway.ts';

/** `levels` objects inside one another, as text (a value this deep cannot be JSON.stringify'd). */
const nested = (levels: number, leaf = '1') => '{"a":'.repeat(levels) + leaf + '}'.repeat(levels);
/** Arrays are one character a level: deep enough to matter within a 16 KB header. */
const arrays = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

const TOO_DEEP = /more than 128 levels deep/;
const DEEP = 5000;

let g: GatewayFixture;
let ws: string;
beforeAll(async () => {
  g = await startGateway();
  await g.addProvider({ slug: 'local-openai' });
  ws = g.credentials.workspace.id;
});
afterAll(async () => {
  await g.close();
});

function send(method: string, path: string, body: string, headers: Record<string, string>) {
  return fetch(`${g.url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body });
}

describe('deep JSON on the Admin API', () => {
  const cases: [string, string, () => string, () => Record<string, string>][] = [
    [
      'an API key’s metadata',
      'POST /v1/api-keys/workspace/service',
      () => `{"name":"deep","scopes":["completions.write"],"workspace_id":"${ws}","metadata":${nested(DEEP, '"x"')}}`,
      () => g.admin,
    ],
    ['a workspace’s defaults', `PUT /v1/admin/workspaces/:ws`, () => `{"defaults":${nested(DEEP)}}`, () => g.admin],
    [
      'an integration’s configurations',
      'POST /v1/integrations',
      () => `{"name":"deep","ai_provider_id":"openai","key":"sk-1","workspace_id":"${ws}","configurations":${nested(DEEP)}}`,
      () => g.admin,
    ],
    ['a config', 'POST /v1/configs', () => `{"name":"deep","workspace_id":"${ws}","config":${nested(DEEP)}}`, () => g.admin],
    [
      'a custom log',
      'POST /v1/logs',
      () => `{"request":{"url":"https://api.openai.com/v1/chat/completions","body":${nested(DEEP)}},"response":{"body":{}}}`,
      () => g.workspace,
    ],
    ['feedback metadata', 'POST /v1/feedback', () => `{"trace_id":"t-1","value":1,"metadata":${nested(DEEP)}}`, () => g.workspace],
  ];

  it.each(cases)('%s nested 5,000 levels is a 400 in the admin envelope (%s)', async (_, route, body, headers) => {
    const [method, path] = route.split(' ') as [string, string];
    const res = await send(method, path.replace(':ws', ws), body(), headers());
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ success: false, data: { errorCode: 'AB01', message: expect.stringMatching(TOO_DEEP) } });
  });

  it('stores nothing: the key list still answers and holds no key named "deep"', async () => {
    const res = await fetch(`${g.url}/v1/api-keys?workspace_id=${ws}`, { headers: g.admin });
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: { name: string }[] };
    expect(data.map((k) => k.name)).not.toContain('deep');
  });

  it('a config sent as a JSON string nested 5,000 levels is a 400 naming config', async () => {
    const res = await send('POST', '/v1/configs', JSON.stringify({ name: 'deep', workspace_id: ws, config: nested(DEEP) }), g.admin);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { data: { message: string } }).data.message).toMatch(/^config nests .*more than 128 levels deep/);
  });

  it('a metadata filter nested 1,000 levels in the query string is a 400', async () => {
    const res = await fetch(`${g.url}/v1/logs?metadata=${encodeURIComponent(arrays(1000))}`, { headers: g.workspace });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { data: { message: string } }).data.message).toMatch(TOO_DEEP);
  });

  it('a custom log nested exactly 128 levels is stored and reads back whole', async () => {
    // The entry is 1 level, request 2, its body 3: 125 more objects make 128.
    const body = `{"request":{"url":"https://api.openai.com/v1/chat/completions","body":${nested(125)}},"response":{"body":{"ok":true}}}`;
    const res = await send('POST', '/v1/logs', body, { ...g.workspace, 'x-portkey-trace-id': 'deep-128' });
    expect(res.status).toBe(200);
    const log = await g.logByTrace('deep-128');
    expect(JSON.stringify(log)).toContain(nested(125).slice(0, 50));
  });
});

describe('deep JSON on the gateway', () => {
  const chat = { model: '@local-openai/gpt-4o', messages: [{ role: 'user', content: 'hi' }] };
  const gatewayError = (message: RegExp, param: string | null) => ({
    error: { message: expect.stringMatching(message), type: 'invalid_request_error', param, code: 'json_too_deep' },
  });

  it('a chat body nested 5,000 levels is a 400 in the OpenAI envelope, with a trace id', async () => {
    const res = await g.post('/v1/chat/completions', `{"model":"@local-openai/gpt-4o","messages":${arrays(DEEP)}}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('x-portkey-trace-id')).toBeTruthy();
    expect(await res.json()).toEqual(gatewayError(/^The request body nests .*more than 128 levels deep/, null));
  });

  it('x-portkey-config nested 5,000 levels (in override_params) is a 400 naming the header', async () => {
    const config = `{"provider":"openai","api_key":"sk-1","override_params":{"metadata":${arrays(DEEP)}}}`;
    const res = await g.post('/v1/chat/completions', chat, { 'x-portkey-config': config });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual(gatewayError(/^x-portkey-config nests/, 'x-portkey-config'));
  });

  it('x-portkey-metadata nested 5,000 levels is a 400 naming the header', async () => {
    const res = await g.post('/v1/chat/completions', chat, { 'x-portkey-metadata': `{"a":${arrays(DEEP)}}` });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual(gatewayError(/^x-portkey-metadata nests/, 'x-portkey-metadata'));
  });

  it('a body nested exactly 128 levels is forwarded; 129 is refused', async () => {
    // The body is level 1; `extra` adds 127.
    const at = await g.post(
      '/v1/chat/completions',
      `{"model":"@local-openai/gpt-4o","messages":[{"role":"user","content":"hi"}],"extra":${nested(127)}}`,
    );
    expect(at.status).toBe(200);
    expect(g.mock.requests.at(-1)!.rawBody).toContain(nested(127));
    const over = await g.post(
      '/v1/chat/completions',
      `{"model":"@local-openai/gpt-4o","messages":[{"role":"user","content":"hi"}],"extra":${nested(128)}}`,
    );
    expect(over.status).toBe(400);
  });
});
