// Failures a client meets through the running gateway: timeouts (before headers and mid-stream),
// unreachable upstreams, clients that go away, bad bodies and keys without the right to call.
// Each case checks what the client sees, what the upstream saw, and what the log recorded.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { startGateway, type GatewayFixture } from '../helpers/gateway.ts';
import { startMockLlm, type MockLlm } from '../helpers/mockLlm.ts';
import { preloadTokenizer } from '../../server/pricing/tokenCount.ts';

interface ErrorEnvelope {
  error: { message: string; type: string; param: string | null; code: string | null };
}

const messages = [{ role: 'user' as const, content: 'hello' }];

/** Polls until `check` holds (or fails the test after `ms`). */
async function until(check: () => boolean, ms = 2000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

let g: GatewayFixture;
/** An upstream of its own, so its open-connection count is this file's alone. */
let slow: MockLlm;
let deadPort: number;
beforeAll(async () => {
  // A stream cut before its usage chunk is counted with the tokenizer, whose ranks load
  // synchronously on first use (~0.8 s). The client here shares the gateway's process, so that
  // one-time stall would land inside the timing bounds below; load them up front, as
  // server/main.ts does once the appliance is up.
  preloadTokenizer();
  g = await startGateway();
  slow = await startMockLlm();
  deadPort = await closedPort();
  await g.addProvider({ slug: 'local-openai' });
  await g.addProvider({ slug: 'slow', customHost: `${slow.url}/v1` });
  await g.addProvider({ slug: 'dead', customHost: `http://127.0.0.1:${deadPort}/v1` });
});
afterAll(async () => {
  await slow.close();
  await g.close();
});

describe('timeouts', () => {
  it('a hung upstream with x-portkey-request-timeout: 300 is a 408 within the bound, and the upstream connection is closed', async () => {
    slow.next({ hang: true });
    const traceId = `trace-${Date.now()}-hang`;
    const started = Date.now();
    const pending = g.post(
      '/v1/chat/completions',
      { model: '@slow/gpt-4o', messages },
      {
        'x-portkey-request-timeout': '300',
        'x-portkey-trace-id': traceId,
      },
    );
    await until(() => slow.openConnections() === 1, 2000, 'the upstream to be called');
    const res = await pending;
    const took = Date.now() - started;
    expect(res.status).toBe(408);
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(1000);
    const body = (await res.json()) as ErrorEnvelope;
    expect(body.error).toMatchObject({ message: 'Request exceeded the timeout sent in the request: 300ms', type: 'timeout_error' });
    await until(() => slow.openConnections() === 0, 1000, 'the upstream connection to close');
    const log = await g.logByTrace(traceId);
    expect(log.metrics).toMatchObject({ response_status_code: 408, is_success: false });
  });

  it('the OpenAI SDK gets an APIError with status 408', async () => {
    slow.next({ hang: true });
    const err = await g
      .openai({ headers: { 'x-portkey-request-timeout': '200' } })
      .chat.completions.create({ model: '@slow/gpt-4o', messages })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(408);
    expect((err as Error).message).toMatch(/timeout sent in the request: 200ms/);
    await until(() => slow.openConnections() === 0, 1000, 'the upstream connection to close');
  });

  it('a stream slower than the timeout ends with an error the SDK raises, within the bound', async () => {
    slow.next({ chunks: ['one ', 'two ', 'three ', 'four ', 'five'], chunkDelayMs: 150 });
    const traceId = `trace-${Date.now()}-slowstream`;
    const started = Date.now();
    const stream = await g
      .openai({ headers: { 'x-portkey-request-timeout': '400', 'x-portkey-trace-id': traceId } })
      .chat.completions.create({ model: '@slow/gpt-4o', messages, stream: true });
    const got: string[] = [];
    const run = async () => {
      for await (const c of stream) if (c.choices[0]?.delta?.content) got.push(c.choices[0].delta.content);
    };
    await expect(run()).rejects.toThrow(/Request exceeded the timeout sent in the request: 400ms/);
    const took = Date.now() - started;
    expect(took).toBeLessThan(1000);
    // Some of the answer arrived before the bound, not all of it.
    expect(got.length).toBeGreaterThan(0);
    expect(got.join('')).not.toBe('one two three four five');
    await until(() => slow.openConnections() === 0, 1000, 'the upstream connection to close');
    const log = await g.logByTrace(traceId);
    expect(log.metrics).toMatchObject({ response_status_code: 408, stream_mode: true, is_success: false });
  });

  it('REQUEST_TIMEOUT bounds requests that name no timeout, as a 504 naming the setting', async () => {
    const other = await startGateway({ env: { REQUEST_TIMEOUT: '300' } });
    try {
      await other.addProvider({ slug: 'p' });
      other.mock.next({ hang: true });
      const started = Date.now();
      const res = await other.post('/v1/chat/completions', { model: '@p/gpt-4o', messages });
      expect(res.status).toBe(504);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(((await res.json()) as ErrorEnvelope).error.message).toMatch(/within 300 ms \(REQUEST_TIMEOUT\)/);
    } finally {
      await other.close();
    }
  });

  it('a timeout that is not a whole number of milliseconds is a 400', async () => {
    const res = await g.post('/v1/chat/completions', { model: '@local-openai/gpt-4o', messages }, { 'x-portkey-request-timeout': '2s' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorEnvelope).error).toMatchObject({ param: 'x-portkey-request-timeout' });
  });
});

describe('unreachable upstream', () => {
  it('is a 502 JSON error naming the provider, the address and what happened', async () => {
    const traceId = `trace-${Date.now()}-dead`;
    const res = await g.post('/v1/chat/completions', { model: '@dead/gpt-4o', messages }, { 'x-portkey-trace-id': traceId });
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.headers.get('x-portkey-trace-id')).toBe(traceId);
    // Portkey's gateway leaks its internal x-portkey-gateway-exception marker; this one does not.
    expect(res.headers.get('x-portkey-gateway-exception')).toBeNull();
    const body = (await res.json()) as ErrorEnvelope;
    expect(body.error.message).toBe(
      `Could not reach @dead at http://127.0.0.1:${deadPort}: connection refused (is the server running and listening on that port?)`,
    );
    expect(body.error).toMatchObject({ type: 'upstream_error', code: 'upstream_unreachable' });
    const log = await g.logByTrace(traceId);
    expect(log.metrics).toMatchObject({ response_status_code: 502, is_success: false, virtual_key: 'dead' });
  });

  it('reaches the SDK as an InternalServerError-class APIError, not an HTML page', async () => {
    const err = await g
      .openai()
      .chat.completions.create({ model: '@dead/gpt-4o', messages, stream: true })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.InternalServerError);
    expect((err as Error).message).toMatch(/Could not reach @dead/);
  });
});

describe('a client that goes away', () => {
  it('mid-stream: the upstream request is aborted and the log says 499', async () => {
    slow.next({ chunks: Array.from({ length: 20 }, (_, i) => `w${i} `), chunkDelayMs: 50 });
    const traceId = `trace-${Date.now()}-gone`;
    const stream = await g
      .openai({ headers: { 'x-portkey-trace-id': traceId } })
      .chat.completions.create({ model: '@slow/gpt-4o', messages, stream: true });
    let seen = 0;
    for await (const c of stream) {
      if (c.choices[0]?.delta?.content && ++seen === 2) {
        stream.controller.abort();
        break;
      }
    }
    await until(() => slow.openConnections() === 0, 1000, 'the upstream connection to close');
    const log = await g.logByTrace(traceId);
    expect(log.metrics).toMatchObject({ response_status_code: 499, stream_mode: true, is_success: false });
    expect(log.metrics.error_message).toMatch(/client closed the connection/);
  });

  it('while the upstream is still thinking: the upstream request is aborted and the log says 499', async () => {
    slow.next({ hang: true });
    const traceId = `trace-${Date.now()}-gone2`;
    const controller = new AbortController();
    const pending = fetch(`${g.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { ...g.workspace, 'content-type': 'application/json', 'x-portkey-trace-id': traceId },
      body: JSON.stringify({ model: '@slow/gpt-4o', messages }),
      signal: controller.signal,
    }).catch((e: unknown) => e);
    await until(() => slow.openConnections() === 1, 2000, 'the upstream to be called');
    controller.abort();
    expect(await pending).toBeInstanceOf(Error);
    await until(() => slow.openConnections() === 0, 1000, 'the upstream connection to close');
    const log = await g.logByTrace(traceId);
    expect(log.metrics).toMatchObject({ response_status_code: 499, is_success: false });
  });
});

describe('bad requests', () => {
  it.each([
    ['malformed JSON', '{"model": "@local-openai/gpt-4o", "messages": [', /^Malformed JSON in request body: /],
    ['a JSON array', '[{"model":"@local-openai/gpt-4o"}]', /^The request body must be a JSON object$/],
    ['a JSON string', '"hello"', /^The request body must be a JSON object$/],
    ['JSON null', 'null', /^The request body must be a JSON object$/],
    ['an empty body', '', /needs a JSON body/],
  ])('%s is a 400 in the OpenAI envelope', async (_, raw, message) => {
    const before = g.mock.requests.length;
    const res = await g.post('/v1/chat/completions', raw, { 'x-portkey-trace-id': 'bad-body' });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-portkey-trace-id')).toBe('bad-body');
    const body = (await res.json()) as ErrorEnvelope;
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error).toEqual({ message: expect.stringMatching(message), type: 'invalid_request_error', param: null, code: null });
    expect(g.mock.requests.length).toBe(before);
  });
});

describe('keys that may not call the gateway', () => {
  it('a workspace key without completions.write is a 403 naming the scope', async () => {
    const key = await g.createApiKey({ scopes: ['logs.view', 'logs.list'] });
    const err = await g
      .openai({ apiKey: key })
      .chat.completions.create({ model: '@local-openai/gpt-4o', messages })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect((err as Error).message).toMatch(/"completions\.write" scope/);
  });

  it('an organisation admin key is a 403 in the OpenAI envelope', async () => {
    const res = await fetch(`${g.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { ...g.admin, 'content-type': 'application/json' },
      body: JSON.stringify({ model: '@local-openai/gpt-4o', messages }),
    });
    expect(res.status).toBe(403);
    const body = (await res.json()) as ErrorEnvelope;
    expect(body.error).toMatchObject({ type: 'permission_error', message: expect.stringMatching(/workspace API key/) });
  });

  it('an unknown key is a 401', async () => {
    const err = await g
      .openai({ apiKey: 'pk-not-a-real-key' })
      .chat.completions.create({ model: '@local-openai/gpt-4o', messages })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
  });
});
