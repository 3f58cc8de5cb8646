// Portkey's request and response headers through the running gateway: trace and span ids,
// x-portkey-metadata (validation, _user, defaults, HEADERS_TO_METADATA) and the x-portkey-*
// response headers, as a client and the request log see them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { startGateway, type GatewayFixture } from '../helpers/gateway.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const chat = (content = 'hi') => ({ model: '@local-openai/gpt-4o', messages: [{ role: 'user', content }] });

let g: GatewayFixture;
beforeAll(async () => {
  g = await startGateway({ env: { HEADERS_TO_METADATA: 'x-request-id,X-Team-Name' } });
  await g.addProvider({ slug: 'local-openai' });
});
afterAll(async () => {
  await g.close();
});

interface ErrorEnvelope {
  error: { message: string; type: string; param: string | null; code: string | null };
}

describe('trace and span', () => {
  it('generates a UUID trace id when the client sends none, and logs the request under it', async () => {
    const res = await g.post('/v1/chat/completions', chat());
    expect(res.status).toBe(200);
    const traceId = res.headers.get('x-portkey-trace-id');
    expect(traceId).toMatch(UUID);
    const log = await g.logByTrace(traceId!);
    expect(log.metrics.trace_id).toBe(traceId);
  });

  it('echoes the client trace id, on answers and on errors', async () => {
    const ok = await g.post('/v1/chat/completions', chat(), { 'x-portkey-trace-id': 'my-trace-1' });
    expect(ok.headers.get('x-portkey-trace-id')).toBe('my-trace-1');
    const notFound = await g.post('/v1/chat/completions', { ...chat(), model: '@nope/gpt-4o' }, { 'x-portkey-trace-id': 'my-trace-2' });
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get('x-portkey-trace-id')).toBe('my-trace-2');
    const badMeta = await g.post('/v1/chat/completions', chat(), { 'x-portkey-trace-id': 'my-trace-3', 'x-portkey-metadata': 'nope' });
    expect(badMeta.status).toBe(400);
    expect(badMeta.headers.get('x-portkey-trace-id')).toBe('my-trace-3');
  });

  it('never forwards the trace id or other x-portkey headers upstream', async () => {
    await g.post('/v1/chat/completions', chat(), { 'x-portkey-trace-id': 'not-for-upstream', 'x-portkey-metadata': '{"a":"b"}' });
    const sent = g.mock.requests.at(-1)!.headers;
    expect(Object.keys(sent).filter((h) => h.startsWith('x-portkey-'))).toEqual([]);
  });

  it('records span id, parent span id and span name in the log', async () => {
    const traceId = `trace-${Date.now()}-span`;
    const res = await g.post('/v1/chat/completions', chat(), {
      'x-portkey-trace-id': traceId,
      'x-portkey-span-id': 'span-2',
      'x-portkey-parent-span-id': 'span-1',
      'x-portkey-span-name': 'summarise step',
    });
    expect(res.status).toBe(200);
    const log = await g.logByTrace(traceId);
    expect(log.metrics).toMatchObject({ span_id: 'span-2', parent_span_id: 'span-1', span_name: 'summarise step' });
  });
});

describe('response headers', () => {
  it('carry the provider, retry count, last used option and cache status', async () => {
    const { response } = await g
      .openai()
      .chat.completions.create(chat() as OpenAI.ChatCompletionCreateParamsNonStreaming)
      .withResponse();
    expect(response.headers.get('x-portkey-provider')).toBe('openai');
    expect(response.headers.get('x-portkey-retry-attempt-count')).toBe('0');
    expect(response.headers.get('x-portkey-last-used-option-index')).toBe('config');
    expect(response.headers.get('x-portkey-cache-status')).toBe('DISABLED');
  });

  it('are on streams too, before the first chunk', async () => {
    const { data: stream, response } = await g
      .openai()
      .chat.completions.create({ ...(chat() as OpenAI.ChatCompletionCreateParamsNonStreaming), stream: true })
      .withResponse();
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect(response.headers.get('x-portkey-provider')).toBe('openai');
    expect(response.headers.get('x-portkey-trace-id')).toMatch(UUID);
    expect(response.headers.get('x-portkey-cache-status')).toBe('DISABLED');
    for await (const chunk of stream) void chunk;
  });
});

describe('x-portkey-metadata', () => {
  it('lands in the log as strings', async () => {
    const traceId = `trace-${Date.now()}-meta`;
    await g.post('/v1/chat/completions', chat(), {
      'x-portkey-trace-id': traceId,
      'x-portkey-metadata': JSON.stringify({ team: 'search', env: 'prod', long: 'x'.repeat(128) }),
    });
    const log = await g.logByTrace(traceId);
    expect(log.metrics.metadata).toEqual({ team: 'search', env: 'prod', long: 'x'.repeat(128) });
  });

  it.each([
    ['not JSON', '{team: search}', /x-portkey-metadata must be a JSON object/],
    ['a JSON array', '["a","b"]', /x-portkey-metadata must be a JSON object/],
    ['a JSON string', '"team"', /x-portkey-metadata must be a JSON object/],
    ['a number value', '{"team":"a","count":3}', /x-portkey-metadata\.count must be a string \(got number\)/],
    ['a nested object', '{"team":{"name":"a"}}', /x-portkey-metadata\.team must be a string \(got object\)/],
    ['a value over 128 characters', JSON.stringify({ note: 'x'.repeat(129) }), /x-portkey-metadata\.note is longer than 128 characters/],
  ])('%s is a 400 naming the problem, and no upstream call', async (_, header, message) => {
    const before = g.mock.requests.length;
    const res = await g.post('/v1/chat/completions', chat(), { 'x-portkey-metadata': header });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as ErrorEnvelope;
    expect(body).toEqual({
      error: { message: expect.stringMatching(message), type: 'invalid_request_error', param: 'x-portkey-metadata', code: null },
    });
    expect(g.mock.requests.length).toBe(before);
  });

  it('reaches the OpenAI SDK as a BadRequestError', async () => {
    const err = await g
      .openai({ headers: { 'x-portkey-metadata': '[1]' } })
      .chat.completions.create(chat() as OpenAI.ChatCompletionCreateParamsNonStreaming)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as Error).message).toMatch(/x-portkey-metadata/);
  });

  it('takes _user from the body user when the metadata has none', async () => {
    const traceId = `trace-${Date.now()}-user`;
    await g.post('/v1/chat/completions', { ...chat(), user: 'alice@example.com' }, { 'x-portkey-trace-id': traceId });
    const log = await g.logByTrace(traceId);
    expect(log.metrics.metadata).toEqual({ _user: 'alice@example.com' });
    // The body is forwarded as sent: the upstream sees its own `user` field.
    expect((g.mock.requests.at(-1)!.body as { user: string }).user).toBe('alice@example.com');
  });

  it('keeps the metadata _user over the body user', async () => {
    const traceId = `trace-${Date.now()}-user2`;
    await g.post(
      '/v1/chat/completions',
      { ...chat(), user: 'body-user' },
      {
        'x-portkey-trace-id': traceId,
        'x-portkey-metadata': '{"_user":"header-user"}',
      },
    );
    const log = await g.logByTrace(traceId);
    expect((log.metrics.metadata as Record<string, string>)._user).toBe('header-user');
  });

  it('copies the HEADERS_TO_METADATA headers into the log, names lower-cased', async () => {
    const traceId = `trace-${Date.now()}-h2m`;
    await g.post('/v1/chat/completions', chat(), {
      'x-portkey-trace-id': traceId,
      'x-request-id': 'req-42',
      'x-team-name': 'payments',
      'x-other': 'not copied',
      'x-portkey-metadata': '{"team":"search"}',
    });
    const log = await g.logByTrace(traceId);
    expect(log.metrics.metadata).toEqual({ team: 'search', 'x-request-id': 'req-42', 'x-team-name': 'payments' });
    expect(log.metrics['metadata.key']).toEqual(expect.arrayContaining(['team', 'x-request-id', 'x-team-name']));
  });

  it('merges the API key and workspace default metadata: workspace > API key > request (spec §4.3)', async () => {
    const key = await g.createApiKey({
      scopes: ['completions.write', 'logs.view', 'logs.list'],
      defaults: { metadata: { env: 'key-env', team: 'key-team', source: 'key' } },
    });
    const wsId = g.credentials.workspace.id;
    const original = g.stores.db
      .prepare<[string], { defaults: string }>('SELECT defaults FROM workspaces WHERE id = ?')
      .get(wsId)!.defaults;
    g.stores.db
      .prepare('UPDATE workspaces SET defaults = ? WHERE id = ?')
      .run(JSON.stringify({ ...JSON.parse(original), metadata: { env: 'ws-env', cost_center: 'cc-7' } }), wsId);
    g.app.services.workspaceCache.invalidate(wsId);
    try {
      const traceId = `trace-${Date.now()}-defaults`;
      const res = await fetch(`${g.url}/v1/chat/completions`, {
        method: 'POST',
        headers: {
          'x-portkey-api-key': key,
          'content-type': 'application/json',
          'x-portkey-trace-id': traceId,
          'x-portkey-metadata': JSON.stringify({ env: 'req-env', team: 'req-team', feature: 'chat' }),
        },
        body: JSON.stringify(chat()),
      });
      expect(res.status).toBe(200);
      const log = await g.logByTrace(traceId);
      expect(log.metrics.metadata).toEqual({
        env: 'ws-env', // workspace wins over key and request
        team: 'key-team', // key wins over request
        source: 'key',
        cost_center: 'cc-7',
        feature: 'chat', // request-only keys are kept
      });
    } finally {
      g.stores.db.prepare('UPDATE workspaces SET defaults = ? WHERE id = ?').run(original, wsId);
      g.app.services.workspaceCache.invalidate(wsId);
    }
  });
});
