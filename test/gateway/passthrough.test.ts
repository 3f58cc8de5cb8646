// A JSON answer the gateway does not reshape reaches the client byte for byte as the upstream wrote
// it (and a cache hit replays those same bytes); answers it translates or wraps are still rewritten.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayFixture } from '../helpers/gateway.ts';

let g: GatewayFixture;
beforeAll(async () => {
  g = await startGateway();
  await g.addProvider({ slug: 'local-openai' });
});
afterAll(async () => {
  await g.close();
});

/** Pretty-printed, with a number JSON.stringify would write differently: only a pass-through keeps it. */
const PRETTY = `{
  "id": "chatcmpl-pretty",
  "object": "chat.completion",
  "created": 1700000000,
  "model": "gpt-4o",
  "choices": [{ "index": 0, "message": { "role": "assistant", "content": "caf\\u00e9" }, "finish_reason": "stop" }],
  "usage": { "prompt_tokens": 1.0, "completion_tokens": 2, "total_tokens": 3 }
}`;

const chat = (content: string) => ({ model: '@local-openai/gpt-4o', messages: [{ role: 'user', content }] });

describe('JSON answers the gateway does not change', () => {
  it('go to the client as the upstream sent them, and are logged with their usage', async () => {
    g.mock.next({ body: PRETTY, headers: { 'content-type': 'application/json' } });
    const res = await g.post('/v1/chat/completions', chat('pretty please'), { 'x-portkey-trace-id': 'passthrough-1' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(PRETTY);
    const log = await g.logByTrace('passthrough-1');
    expect(log.metrics.total_units).toBe(3);
  });

  it('are replayed from the cache with the same bytes', async () => {
    const config = JSON.stringify({ provider: '@local-openai', cache: { mode: 'simple', max_age: 60 } });
    g.mock.next({ body: PRETTY, headers: { 'content-type': 'application/json' } });
    const first = await g.post('/v1/chat/completions', chat('cache pretty'), { 'x-portkey-config': config });
    expect(first.headers.get('x-portkey-cache-status')).toBe('MISS');
    expect(await first.text()).toBe(PRETTY);
    const second = await g.post('/v1/chat/completions', chat('cache pretty'), { 'x-portkey-config': config });
    expect(second.headers.get('x-portkey-cache-status')).toBe('HIT');
    expect(await second.text()).toBe(PRETTY);
  });

  it('are still rewritten when translated (Anthropic client, OpenAI upstream) or when an error', async () => {
    g.mock.next({ body: PRETTY, headers: { 'content-type': 'application/json' } });
    const messages = await g.post('/v1/messages', {
      model: '@local-openai/gpt-4o',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(messages.status).toBe(200);
    const translated = (await messages.json()) as { type: string; content: { text: string }[] };
    expect(translated.type).toBe('message');
    expect(translated.content[0]!.text).toBe('café');

    g.mock.next({ status: 429, body: '{ "error": { "message": "slow down" } }', headers: { 'content-type': 'application/json' } });
    const limited = await g.post('/v1/chat/completions', chat('too fast'));
    expect(limited.status).toBe(429);
    const text = await limited.text();
    expect(text).not.toBe('{ "error": { "message": "slow down" } }');
    expect(JSON.parse(text).error.message).toBe('slow down');
  });
});
