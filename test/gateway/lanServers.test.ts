// OpenAI-compatible servers on the LAN, each reached through its integration's custom host: the
// path the server expects, its auth (none for servers that take no key), streaming with usage,
// and counted tokens for a server that reports none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayFixture } from '../helpers/gateway.ts';
import { preloadTokenizer } from '../../server/pricing/tokenCount.ts';

let g: GatewayFixture;
beforeAll(async () => {
  preloadTokenizer();
  g = await startGateway();
});
afterAll(() => g.close());

const SERVERS: { id: string; key: string | null; auth: boolean; host: (url: string) => string }[] = [
  { id: 'ollama', key: null, auth: false, host: (u) => u },
  { id: 'vllm', key: 'vllm-token', auth: true, host: (u) => `${u}/v1` },
  { id: 'tgi', key: 'hf-token', auth: true, host: (u) => u },
  { id: 'lm-studio', key: null, auth: false, host: (u) => `${u}/v1` },
  { id: 'llama-cpp', key: null, auth: false, host: (u) => u },
  { id: 'localai', key: 'local-key', auth: true, host: (u) => `${u}/v1` },
];

describe.each(SERVERS)('$id', ({ id, key, auth, host }) => {
  beforeAll(async () => {
    await g.addProvider({ slug: `lan-${id}`, aiProvider: id, key, customHost: host(g.mock.url) });
  });

  it('answers a chat through /v1/chat/completions with the right auth', async () => {
    const res = await g.openai().chat.completions.create({
      model: `@lan-${id}/llama-3.1-8b-instruct`,
      messages: [{ role: 'user', content: 'hello there' }],
      temperature: 1.7,
      repetition_penalty: 1.1,
    } as never);
    expect(res.choices[0]!.message.content).toBeTruthy();
    const seen = g.mock.requests.at(-1)!;
    expect(seen.path).toBe('/v1/chat/completions');
    expect(seen.headers.authorization).toBe(auth ? `Bearer ${key}` : undefined);
    // unknown fields pass through, numbers are not clamped, the model loses its @slug
    expect(seen.body).toMatchObject({ model: 'llama-3.1-8b-instruct', temperature: 1.7, repetition_penalty: 1.1 });
  });

  it('streams, asking the server for usage and logging it', async () => {
    const trace = `lan-stream-${id}`;
    const stream = await g.openai({ headers: { 'x-portkey-trace-id': trace } }).chat.completions.create({
      model: `@lan-${id}/llama-3.1-8b-instruct`,
      messages: [{ role: 'user', content: 'one two three' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text.length).toBeGreaterThan(0);
    expect((g.mock.requests.at(-1)!.body as { stream_options?: unknown }).stream_options).toEqual({ include_usage: true });
    const log = await g.logByTrace(trace);
    expect(log.metrics).toMatchObject({ ai_org: id, stream_mode: true });
    expect(log.metrics.req_units).toBeGreaterThan(0);
    expect(log.metrics.res_units).toBeGreaterThan(0);
  });
});

describe('a server that reports no usage', () => {
  it('gets its tokens counted for the log', async () => {
    await g.addProvider({ slug: 'quiet', aiProvider: 'llama-cpp', key: null, customHost: g.mock.url });
    g.mock.next({ noUsage: true, chunks: ['The ', 'quick ', 'brown ', 'fox'] });
    const stream = await g.openai({ headers: { 'x-portkey-trace-id': 'quiet-trace' } }).chat.completions.create({
      model: '@quiet/local-model',
      messages: [{ role: 'user', content: 'Say something about a fox' }],
      stream: true,
    });
    for await (const chunk of stream) void chunk;
    const log = await g.logByTrace('quiet-trace');
    // "The quick brown fox" is 4 tokens in o200k; the prompt is counted with the chat framing
    expect(log.metrics.res_units).toBe(4);
    expect(log.metrics.req_units).toBeGreaterThan(6);
  });
});
