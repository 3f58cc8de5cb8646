// Provider credentials a client sends inline never reach the request log: the Authorization
// header of an inline provider, provider secret headers (x-portkey-aws-…), an inline config's
// api_key, headers the client names in x-portkey-sensitive-headers, and a credential header an
// admin copies into metadata (HEADERS_TO_METADATA). The headers stay listed, their values masked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayFixture } from '../helpers/gateway.ts';

const INLINE_KEY = 'sk-inline-secret-0123456789abcdef';
const CONFIG_KEY = 'sk-config-secret-0123456789abcdef';
const AWS_SECRET = 'aws-secret-0123456789abcdefghij';
const TENANT_TOKEN = 'tenant-token-0123456789';
const CATALOG_KEY = 'sk-catalog-secret-0123456789abcdef';
const UPSTREAM_TOKEN = 'upstream-token-0123456789';

let g: GatewayFixture;
beforeAll(async () => {
  g = await startGateway({ env: { HEADERS_TO_METADATA: 'x-upstream-token,x-team' } });
});
afterAll(() => g.close());

const chat = { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] };

describe('the request log of a gateway request', () => {
  it('keeps no inline provider key, provider secret header, sensitive header or credential copied to metadata', async () => {
    const trace = `secrets-inline-${Date.now()}`;
    const res = await g.post('/v1/chat/completions', chat, {
      'x-portkey-trace-id': trace,
      'x-portkey-provider': 'openai',
      'x-portkey-custom-host': `${g.mock.url}/v1`,
      authorization: `Bearer ${INLINE_KEY}`,
      'x-portkey-aws-secret-access-key': AWS_SECRET,
      'x-portkey-sensitive-headers': 'x-tenant-token',
      'x-tenant-token': TENANT_TOKEN,
      'x-upstream-token': UPSTREAM_TOKEN,
      'x-team': 'search',
    });
    expect(res.status).toBe(200);
    // The upstream got the key: masking is the log's business only.
    expect(g.mock.requests.at(-1)!.headers.authorization).toBe(`Bearer ${INLINE_KEY}`);

    const log = await g.logByTrace(trace);
    const stored = JSON.stringify(log);
    for (const secret of [INLINE_KEY, AWS_SECRET, TENANT_TOKEN, UPSTREAM_TOKEN, g.credentials.workspace_api_key]) {
      expect(stored).not.toContain(secret);
    }
    expect(log.metrics.metadata).toMatchObject({ 'x-upstream-token': '********', 'x-team': 'search' });
    // Still there, masked: a reader can tell which headers came.
    expect(stored).toContain('"authorization":"Bear********"');
    expect(stored).toContain('"x-tenant-token":"tena********"');
  });

  it('keeps no api_key of an inline x-portkey-config, and the rest of the config stays readable', async () => {
    const trace = `secrets-config-${Date.now()}`;
    const config = { provider: 'openai', api_key: CONFIG_KEY, custom_host: `${g.mock.url}/v1` };
    const res = await g.post('/v1/chat/completions', chat, { 'x-portkey-trace-id': trace, 'x-portkey-config': JSON.stringify(config) });
    expect(res.status).toBe(200);
    expect(g.mock.requests.at(-1)!.headers.authorization).toBe(`Bearer ${CONFIG_KEY}`);

    const stored = JSON.stringify(await g.logByTrace(trace));
    expect(stored).not.toContain(CONFIG_KEY);
    expect(stored).toContain(JSON.stringify(JSON.stringify({ ...config, api_key: '********' })).slice(1, -1));
  });

  it("keeps no catalog provider key an upstream echoes in its error, and neither does the caller's answer", async () => {
    await g.addProvider({ slug: 'echoing', key: CATALOG_KEY });
    const trace = `secrets-echo-${Date.now()}`;
    g.mock.next({
      status: 401,
      headers: { 'set-cookie': `session=${CATALOG_KEY}; HttpOnly` },
      body: { error: { message: `Incorrect API key provided: ${CATALOG_KEY}`, type: 'invalid_request_error', param: null, code: null } },
    });
    const res = await g.post('/v1/chat/completions', { ...chat, model: '@echoing/gpt-4o' }, { 'x-portkey-trace-id': trace });
    expect(res.status).toBe(401);
    const answer = await res.text();
    expect(answer).not.toContain(CATALOG_KEY);
    expect(answer).toContain('Incorrect API key provided: ********');
    const stored = JSON.stringify(await g.logByTrace(trace));
    expect(stored).not.toContain(CATALOG_KEY);
  });
});
