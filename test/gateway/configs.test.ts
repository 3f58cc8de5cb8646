// Routing configs end to end: the openai SDK and raw fetch against the running appliance, two mock
// upstreams on loopback with scripted statuses, delays and slow streams.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGateway, type GatewayFixture } from '../helpers/gateway.ts';
import { startMockLlm, type MockLlm } from '../helpers/mockLlm.ts';
import { preloadTokenizer } from '../../server/pricing/tokenCount.ts';

let g: GatewayFixture;
let other: MockLlm;

beforeAll(async () => {
  // Loading the tokenizer blocks for seconds; do it before the timing tests (the server process
  // loads it at start).
  preloadTokenizer();
  g = await startGateway({ env: { RETRY_BACKOFF_BASE_MS: '20' } });
  other = await startMockLlm();
  await g.addProvider({ slug: 'primary' });
  await g.addProvider({ slug: 'secondary', customHost: `${other.url}/v1` });
});
afterAll(async () => {
  await other.close();
  await g.close();
});
beforeEach(() => {
  g.mock.requests.length = 0;
  other.requests.length = 0;
});

const chat = (config: unknown, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  g.post(
    '/v1/chat/completions',
    { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], ...extra },
    { 'x-portkey-config': typeof config === 'string' ? config : JSON.stringify(config), ...headers },
  );

const fallback = (extra: Record<string, unknown> = {}) => ({
  strategy: { mode: 'fallback', ...extra },
  targets: [{ provider: '@primary' }, { provider: '@secondary' }],
});

describe('fallback', () => {
  it('answers from the second target when the first fails, and says which one answered', async () => {
    g.mock.next({ status: 503, body: { error: { message: 'primary is down' } } });
    const res = await chat(fallback());
    expect(res.status).toBe(200);
    expect(res.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[1]');
    expect(res.headers.get('x-portkey-provider')).toBe('openai');
    expect(res.headers.get('x-portkey-gateway-exception')).toBeNull();
    expect(g.mock.requests).toHaveLength(1);
    expect(other.requests).toHaveLength(1);
  });

  it('does not fall back on a status outside on_status_codes', async () => {
    g.mock.next({ status: 400, body: { error: { message: 'bad request from primary' } } });
    const res = await chat(fallback({ on_status_codes: [429, 503] }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('bad request from primary');
    expect(other.requests).toHaveLength(0);
  });

  it('falls back from a hung target once its request_timeout passes (408 listed)', async () => {
    g.mock.next({ hang: true });
    const started = Date.now();
    const res = await chat({
      strategy: { mode: 'fallback', on_status_codes: [408, 503] },
      targets: [{ provider: '@primary', request_timeout: 200 }, { provider: '@secondary' }],
    });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(res.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[1]');
  });

  it('returns the last error when every target fails, in the OpenAI envelope', async () => {
    g.mock.next({ status: 500, body: { error: { message: 'one' } } });
    other.next({ status: 502, body: { error: { message: 'two' } } });
    const res = await chat(fallback());
    expect(res.status).toBe(502);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toContain('two');
    expect(res.headers.get('x-portkey-gateway-exception')).toBeNull();
  });
});

describe('retries', () => {
  it('retries with backoff and reports the count', async () => {
    g.mock.next({ status: 503 }, { status: 429 });
    const started = Date.now();
    const res = await chat({ provider: '@primary', retry: { attempts: 3 } });
    expect(res.status).toBe(200);
    expect(g.mock.requests).toHaveLength(3);
    expect(res.headers.get('x-portkey-retry-attempt-count')).toBe('2');
    // 20 ms base: the waits are at least 10 + 20 ms
    expect(Date.now() - started).toBeGreaterThanOrEqual(30);
  });

  it('gives -1 when retries run out and returns the upstream error', async () => {
    g.mock.next({ status: 503 }, { status: 503 }, { status: 503 });
    const res = await chat({ provider: '@primary', retry: { attempts: 2 } });
    expect(res.status).toBe(503);
    expect(g.mock.requests).toHaveLength(3);
    expect(res.headers.get('x-portkey-retry-attempt-count')).toBe('-1');
  });

  it('counts an unreachable upstream as a retryable failure', async () => {
    const res = await chat({
      provider: 'openai',
      api_key: 'sk-x',
      custom_host: 'http://127.0.0.1:9/v1',
      retry: { attempts: 1 },
    });
    expect(res.status).toBe(502);
    expect(res.headers.get('x-portkey-retry-attempt-count')).toBe('-1');
  });
});

describe('circuit breaker', () => {
  it('skips a target whose circuit opened, until its cooldown passes', async () => {
    const config = {
      strategy: { mode: 'fallback' },
      circuit_breaker: { failure_threshold: 2, cooldown_interval: 30_000 },
      targets: [{ provider: '@primary' }, { provider: '@secondary' }],
    };
    g.mock.next({ status: 503 }, { status: 503 });
    await chat(config);
    await chat(config);
    expect(g.mock.requests).toHaveLength(2);
    const third = await chat(config);
    expect(third.status).toBe(200);
    expect(third.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[1]');
    // open: the primary was not asked again
    expect(g.mock.requests).toHaveLength(2);
    expect(other.requests).toHaveLength(3);
  });
});

describe('load balance and conditions', () => {
  it('sends everything to the only target with weight', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await chat({
        strategy: { mode: 'loadbalance' },
        targets: [
          { provider: '@primary', weight: 0 },
          { provider: '@secondary', weight: 1 },
        ],
      });
      expect(res.status).toBe(200);
    }
    expect(g.mock.requests).toHaveLength(0);
    expect(other.requests).toHaveLength(5);
  });

  it('spreads requests by weight', async () => {
    const n = 60;
    for (let i = 0; i < n; i++) {
      await chat({ strategy: { mode: 'loadbalance' }, targets: [{ provider: '@primary' }, { provider: '@secondary', weight: 3 }] });
    }
    // expectation 15 / 45; bounds far outside 4 standard deviations
    expect(g.mock.requests.length).toBeGreaterThan(3);
    expect(other.requests.length).toBeGreaterThan(30);
  });

  it('routes on metadata with conditional mode', async () => {
    const config = {
      strategy: {
        mode: 'conditional',
        conditions: [{ query: { 'metadata.tier': { $eq: 'pro' } }, then: 'big' }],
        default: 'small',
      },
      targets: [
        { name: 'small', provider: '@primary' },
        { name: 'big', provider: '@secondary', override_params: { model: 'gpt-4o-big' } },
      ],
    };
    const pro = await chat(config, {}, { 'x-portkey-metadata': JSON.stringify({ tier: 'pro' }) });
    expect(pro.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[1]');
    expect((other.requests[0]!.body as { model: string }).model).toBe('gpt-4o-big');
    const free = await chat(config, {}, { 'x-portkey-metadata': JSON.stringify({ tier: 'free' }) });
    expect(free.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[0]');
    expect(g.mock.requests).toHaveLength(1);
  });
});

describe('target settings', () => {
  it('applies override, default and drop params and forwards named headers', async () => {
    const res = await chat(
      {
        provider: '@primary',
        override_params: { temperature: 0.1 },
        default_params: { max_tokens: 77, top_p: 0.5 },
        drop_params: ['user'],
        forward_headers: ['x-request-id', { from: 'x-team', to: 'x-upstream-team' }],
      },
      { temperature: 0.9, top_p: 0.9, user: 'alice' },
      { 'x-request-id': 'req-123', 'x-team': 'search' },
    );
    expect(res.status).toBe(200);
    const seen = g.mock.requests[0]!;
    expect(seen.body).toMatchObject({ temperature: 0.1, max_tokens: 77, top_p: 0.9 });
    expect((seen.body as Record<string, unknown>).user).toBeUndefined();
    expect(seen.headers['x-request-id']).toBe('req-123');
    expect(seen.headers['x-upstream-team']).toBe('search');
    expect(seen.headers['x-team']).toBeUndefined();
  });

  it('a config with only retry uses the provider the request names', async () => {
    g.mock.next({ status: 500 });
    const res = await g.post(
      '/v1/chat/completions',
      { model: '@primary/gpt-4o', messages: [{ role: 'user', content: 'hi' }] },
      { 'x-portkey-config': JSON.stringify({ retry: { attempts: 1 } }) },
    );
    expect(res.status).toBe(200);
    expect(g.mock.requests).toHaveLength(2);
  });

  it('request_timeout bounds a slow stream body, and the SDK sees the error', async () => {
    g.mock.next({ chunks: ['a', 'b', 'c', 'd', 'e'], chunkDelayMs: 150 });
    const client = g.openai({ headers: { 'x-portkey-config': JSON.stringify({ provider: '@primary', request_timeout: 250 }) } });
    const started = Date.now();
    const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }], stream: true });
    const read = async () => {
      for await (const chunk of stream) void chunk;
    };
    await expect(read()).rejects.toThrow(/timeout|timed out|exceeded/i);
    expect(Date.now() - started).toBeLessThan(700);
  });
});

describe('cache', () => {
  const cached = (extra: Record<string, unknown> = {}) => ({ provider: '@primary', cache: { mode: 'simple', max_age: 60 }, ...extra });
  const ask = (config: unknown, content: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    chat(config, { messages: [{ role: 'user', content }], ...extra }, headers);

  it('serves the second identical request from the cache, without calling the upstream', async () => {
    const first = await ask(cached(), 'cache me');
    expect(first.headers.get('x-portkey-cache-status')).toBe('MISS');
    const firstBody = await first.json();
    await new Promise((r) => setTimeout(r, 100)); // max_age is seconds: 60 ms must not expire it
    const second = await ask(cached(), 'cache me');
    expect(second.headers.get('x-portkey-cache-status')).toBe('HIT');
    expect(await second.json()).toEqual(firstBody);
    expect(g.mock.requests).toHaveLength(1);
  });

  it('never stores an error answer', async () => {
    g.mock.next({ status: 500, body: { error: { message: 'broken' } } });
    const first = await ask(cached(), 'error first');
    expect(first.status).toBe(500);
    const second = await ask(cached(), 'error first');
    expect(second.status).toBe(200);
    expect(second.headers.get('x-portkey-cache-status')).toBe('MISS');
    expect(g.mock.requests).toHaveLength(2);
  });

  it('keys on the upstream: the same body to another provider is a miss', async () => {
    await ask(cached(), 'same body');
    const other2 = await ask(cached({ provider: '@secondary' }), 'same body');
    expect(other2.headers.get('x-portkey-cache-status')).toBe('MISS');
    expect(other.requests).toHaveLength(1);
  });

  it('caches explicit stream:false and replays a hit as SSE to a streaming client', async () => {
    const first = await ask(cached(), 'stream later', { stream: false });
    expect(first.headers.get('x-portkey-cache-status')).toBe('MISS');
    const stored = ((await first.json()) as { choices: { message: { content: string } }[] }).choices[0]!.message.content;
    const again = await ask(cached(), 'stream later', { stream: false });
    expect(again.headers.get('x-portkey-cache-status')).toBe('HIT');
    const client = g.openai({ headers: { 'x-portkey-config': JSON.stringify(cached()) } });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'stream later' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toBe(stored);
    expect(g.mock.requests).toHaveLength(1);
  });

  it('stores a finished stream and serves it to a JSON request', async () => {
    const client = g.openai({ headers: { 'x-portkey-config': JSON.stringify(cached()) } });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'streamed first' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    const json = await ask(cached(), 'streamed first');
    expect(json.headers.get('x-portkey-cache-status')).toBe('HIT');
    const body = (await json.json()) as { choices: { message: { content: string } }[] };
    expect(body.choices[0]!.message.content).toBe(text);
    expect(g.mock.requests).toHaveLength(1);
  });

  it('force refresh and namespaces', async () => {
    await ask(cached(), 'refresh me');
    const refreshed = await ask(cached(), 'refresh me', {}, { 'x-portkey-cache-force-refresh': 'true' });
    expect(refreshed.headers.get('x-portkey-cache-status')).toBe('REFRESH');
    const spaced = await ask(cached(), 'refresh me', {}, { 'x-portkey-cache-namespace': 'team-b' });
    expect(spaced.headers.get('x-portkey-cache-status')).toBe('MISS');
    expect(g.mock.requests).toHaveLength(3);
  });

  it('says DISABLED without a cache setting', async () => {
    const res = await ask({ provider: '@primary' }, 'no cache');
    expect(res.headers.get('x-portkey-cache-status')).toBe('DISABLED');
  });

  it('logs a hit with cache status HIT and no cost', async () => {
    await ask(cached(), 'log the hit');
    await ask(cached(), 'log the hit', {}, { 'x-portkey-trace-id': 'cache-hit-trace' });
    const log = await g.logByTrace('cache-hit-trace');
    expect(log.metrics).toMatchObject({ cache_status: 'HIT', cost: 0 });
  });
});

describe('bad configs and policy', () => {
  it('malformed JSON in x-portkey-config is a 400 that says so', async () => {
    const res = await chat('{"strategy": ');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/x-portkey-config is not valid JSON/);
  });

  it('an unknown mode is a 400 naming the path', async () => {
    const res = await chat({ strategy: { mode: 'fallbak' }, targets: [{ provider: '@primary' }] });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('strategy.mode');
    expect(g.mock.requests).toHaveLength(0);
  });

  it('an unknown saved config is a 404 naming it', async () => {
    const res = await chat('pc-nope-123');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('pc-nope-123');
  });

  it('works through the openai SDK with the config header', async () => {
    g.mock.next({ status: 503 });
    const client = g.openai({ headers: { 'x-portkey-config': JSON.stringify(fallback()) } });
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] })
      .withResponse();
    expect(response.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[1]');
    expect(data.choices[0]!.message.content).toBeTruthy();
  });
});

describe('semantic cache', () => {
  let s: GatewayFixture;
  beforeAll(async () => {
    s = await startGateway({ env: { SEMANTIC_CACHE_EMBEDDING_MODEL: '@emb/text-embedding-3-small', SEMANTIC_CACHE_THRESHOLD: '0.97' } });
    await s.addProvider({ slug: 'emb' });
    await s.addProvider({ slug: 'chat' });
    s.mock.setDefault({ letterEmbeddings: true });
  });
  afterAll(() => s.close());

  const ask = (content: string) =>
    s.post(
      '/v1/chat/completions',
      { model: 'gpt-4o', messages: [{ role: 'user', content }] },
      { 'x-portkey-config': JSON.stringify({ provider: '@chat', cache: { mode: 'semantic', max_age: 3600 } }) },
    );
  const chats = () => s.mock.requests.filter((r) => r.path.endsWith('/chat/completions')).length;

  it('serves a reworded question from the cache and sends a different one upstream', async () => {
    const first = await ask('What is the capital of France?');
    expect(first.headers.get('x-portkey-cache-status')).toBe('SEMANTIC MISS');
    const reworded = await ask('what is the capital of france');
    expect(reworded.headers.get('x-portkey-cache-status')).toBe('SEMANTIC HIT');
    expect(await reworded.json()).toEqual(await first.json());
    const different = await ask('Summarise the plot of Hamlet in two lines, please.');
    expect(different.headers.get('x-portkey-cache-status')).toBe('SEMANTIC MISS');
    expect(chats()).toBe(2);
    expect(s.mock.requests.filter((r) => r.path.endsWith('/embeddings'))).toHaveLength(3);
  });
});

describe('saved configs', () => {
  const save = async (config: unknown) => {
    const res = await fetch(`${g.url}/v1/configs`, {
      method: 'POST',
      headers: { ...g.admin, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'routing', config, workspace_id: g.credentials.workspace.id }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { slug: string }).slug;
  };
  const keyWith = async (defaults: Record<string, unknown>) => {
    const res = await fetch(`${g.url}/v1/api-keys/workspace/service`, {
      method: 'POST',
      headers: { ...g.admin, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'with-default', workspace_id: g.credentials.workspace.id, scopes: ['completions.write'], defaults }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { key: string }).key;
  };

  it('routes by a saved config named in x-portkey-config, and follows its updates', async () => {
    const slug = await save(fallback());
    g.mock.next({ status: 503 });
    const res = await chat(slug);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[1]');

    const put = await fetch(`${g.url}/v1/configs/${slug}`, {
      method: 'PUT',
      headers: { ...g.admin, 'content-type': 'application/json' },
      body: JSON.stringify({ config: { provider: '@secondary' } }),
    });
    expect(put.status).toBe(200);
    const after = await chat(slug);
    expect(after.headers.get('x-portkey-last-used-option-index')).toBe('config');
    expect(other.requests).toHaveLength(2);
  });

  it("uses an API key's default config, and refuses a request config when overrides are off", async () => {
    const slug = await save({ provider: '@secondary' });
    const locked = await keyWith({ config_id: slug, allow_config_override: false });
    const post = (headers: Record<string, string>) =>
      fetch(`${g.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'x-portkey-api-key': locked, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }),
      });
    const byDefault = await post({});
    expect(byDefault.status).toBe(200);
    expect(other.requests).toHaveLength(1);
    const refused = await post({ 'x-portkey-config': JSON.stringify({ provider: '@primary' }) });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('config_override_not_allowed');

    const open = await keyWith({ config_id: slug });
    const overridden = await fetch(`${g.url}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        'x-portkey-api-key': open,
        'content-type': 'application/json',
        'x-portkey-config': JSON.stringify({ provider: '@primary' }),
      },
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }),
    });
    expect(overridden.status).toBe(200);
    expect(g.mock.requests).toHaveLength(1);
  });
});

describe('block_inline_config settings', () => {
  const admin = (method: string, path: string, body: unknown) =>
    fetch(`${g.url}${path}`, { method, headers: { ...g.admin, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const ws = () => `/v1/admin/workspaces/${g.credentials.workspace.id}`;
  const setOrganisation = (change: Record<string, unknown>) => admin('PUT', '/v1/admin/organisation/settings', change);
  const blocked = async () => {
    const res = await chat({ provider: '@primary' });
    if (res.status === 200) return false;
    expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([400, 'inline_config_blocked']);
    return true;
  };

  it("follows the organisation's setting; a workspace cannot turn it off through its defaults (issue 12, item 4)", async () => {
    expect((await setOrganisation({ block_inline_config: true })).status).toBe(200);
    try {
      expect(await blocked()).toBe(true);
      // The workspace's own key (workspaces.update) tries both routes; neither works.
      const viaDefaults = await fetch(`${g.url}${ws()}`, {
        method: 'PUT',
        headers: { ...g.workspace, 'content-type': 'application/json' },
        body: JSON.stringify({ defaults: { block_inline_config: false } }),
      });
      expect(viaDefaults.status).toBe(403);
      const viaSettings = await fetch(`${g.url}${ws()}/settings`, {
        method: 'PUT',
        headers: { ...g.workspace, 'content-type': 'application/json' },
        body: JSON.stringify({ block_inline_config: false }),
      });
      expect(viaSettings.status).toBe(403);
      expect(await blocked()).toBe(true);
      // A value left in defaults by an older version counts for nothing.
      g.stores.db
        .prepare('UPDATE workspaces SET defaults = ? WHERE id = ?')
        .run('{"block_inline_config":false}', g.credentials.workspace.id);
      g.app.services.workspaceCache.invalidate();
      expect(await blocked()).toBe(true);
    } finally {
      g.stores.db.prepare('UPDATE workspaces SET defaults = ? WHERE id = ?').run('{}', g.credentials.workspace.id);
      g.app.services.workspaceCache.invalidate();
      await setOrganisation({ block_inline_config: null });
    }
    expect(await blocked()).toBe(false);
  });

  it('a workspace sets its own value only where the organisation opened the section, through its settings', async () => {
    expect((await setOrganisation({ block_inline_config: true, workspace_overrides: { data_plane_security_settings: true } })).status).toBe(
      200,
    );
    try {
      expect((await admin('PUT', `${ws()}/settings`, { block_inline_config: false })).status).toBe(200);
      expect(await blocked()).toBe(false);
      // Closing the section again makes the organisation's value hold, though the workspace's stays stored.
      expect((await setOrganisation({ workspace_overrides: { data_plane_security_settings: false } })).status).toBe(200);
      expect(await blocked()).toBe(true);
    } finally {
      await setOrganisation({ workspace_overrides: { data_plane_security_settings: true } });
      await admin('PUT', `${ws()}/settings`, { block_inline_config: null });
      await setOrganisation({ block_inline_config: null, workspace_overrides: { data_plane_security_settings: false } });
    }
    // A workspace may also turn it on for itself where the section is open.
    await setOrganisation({ workspace_overrides: { data_plane_security_settings: true } });
    try {
      expect((await admin('PUT', `${ws()}/settings`, { block_inline_config: true })).status).toBe(200);
      expect(await blocked()).toBe(true);
    } finally {
      await admin('PUT', `${ws()}/settings`, { block_inline_config: null });
      await setOrganisation({ workspace_overrides: { data_plane_security_settings: false } });
    }
    expect(await blocked()).toBe(false);
  });
});

describe('BLOCK_INLINE_CONFIG', () => {
  let blocked: GatewayFixture;
  beforeAll(async () => {
    blocked = await startGateway({ env: { BLOCK_INLINE_CONFIG: 'ON' } });
    await blocked.addProvider({ slug: 'primary' });
  });
  afterAll(() => blocked.close());

  const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

  it('refuses inline configs, inline providers, custom hosts and forwarded headers with their codes', async () => {
    const body = { model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] };
    const config = await blocked.post('/v1/chat/completions', body, { 'x-portkey-config': JSON.stringify({ provider: '@primary' }) });
    expect(config.status).toBe(400);
    expect(await codeOf(config)).toBe('inline_config_blocked');
    const provider = await blocked.post('/v1/chat/completions', body, { 'x-portkey-provider': 'openai', authorization: 'Bearer sk-x' });
    expect(await codeOf(provider)).toBe('inline_provider_blocked');
    const host = await blocked.post(
      '/v1/chat/completions',
      { ...body, model: '@primary/gpt-4o' },
      { 'x-portkey-custom-host': blocked.mock.url },
    );
    expect(await codeOf(host)).toBe('inline_custom_host_blocked');
    const fwd = await blocked.post('/v1/chat/completions', { ...body, model: '@primary/gpt-4o' }, { 'x-portkey-forward-headers': 'x-a' });
    expect(await codeOf(fwd)).toBe('inline_forward_headers_blocked');
    // catalog providers still work
    const ok = await blocked.post('/v1/chat/completions', { ...body, model: '@primary/gpt-4o' });
    expect(ok.status).toBe(200);
    expect(blocked.mock.requests).toHaveLength(1);
  });
});
