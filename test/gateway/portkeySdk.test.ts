// The gateway through Portkey's own SDK (portkey-ai v3), whose client options become x-portkey-*
// headers: provider, virtualKey, traceID, metadata. Against the mock upstream on loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayFixture } from '../helpers/gateway.ts';

let g: GatewayFixture;
beforeAll(async () => {
  g = await startGateway();
  await g.addProvider({ slug: 'local-openai', models: ['gpt-4o', 'text-embedding-3-small'] });
});
afterAll(async () => {
  await g.close();
});

const messages = [{ role: 'user', content: 'hello from portkey' }];

describe('portkey-ai SDK', () => {
  it('chat completion with provider @slug, traceID and metadata', async () => {
    const traceId = `trace-${Date.now()}-pk-chat`;
    const portkey = g.portkey({ provider: '@local-openai', traceID: traceId, metadata: { team: 'search', _user: 'bob' } });
    const res = await portkey.chat.completions.create({ model: 'gpt-4o', messages });
    expect(res.choices[0]!.message!.content).toBe('echo: hello from portkey');
    expect(res.usage).toMatchObject({ prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 });
    // The SDK hands back the x-portkey-* response headers without their prefix.
    expect(res.getHeaders()).toMatchObject({
      'trace-id': traceId,
      provider: 'openai',
      'cache-status': 'DISABLED',
      'retry-attempt-count': '0',
    });

    const up = g.mock.requests.at(-1)!;
    expect(up.headers.authorization).toBe('Bearer sk-mock-secret-0001');
    expect((up.body as { model: string }).model).toBe('gpt-4o');

    const log = await g.logByTrace(traceId);
    expect(log.metrics).toMatchObject({
      trace_id: traceId,
      metadata: { team: 'search', _user: 'bob' },
      virtual_key: 'local-openai',
      runtime: 'node',
      is_success: true,
    });
    expect(log.metrics.sdk_version).toMatch(/^portkey-3\./);
  });

  it('model "@slug/model" without a provider option', async () => {
    const res = await g.portkey().chat.completions.create({ model: '@local-openai/gpt-4o', messages });
    expect(res.choices[0]!.message!.content).toBe('echo: hello from portkey');
  });

  it('per-request options override the client: a trace id for one call', async () => {
    const portkey = g.portkey({ provider: '@local-openai' });
    const traceId = `trace-${Date.now()}-pk-per-call`;
    const res = await portkey.chat.completions.create({ model: 'gpt-4o', messages }, { traceID: traceId });
    expect(res.getHeaders()?.['trace-id']).toBe(traceId);
  });

  it('streams, with the pieces arriving in order and the stream logged', async () => {
    const traceId = `trace-${Date.now()}-pk-stream`;
    g.mock.next({ chunks: ['alpha ', 'beta ', 'gamma'] });
    const stream = await g.portkey({ provider: '@local-openai', traceID: traceId }).chat.completions.create({
      model: 'gpt-4o',
      messages,
      stream: true,
    });
    const pieces: string[] = [];
    for await (const chunk of stream) {
      const piece = chunk.choices[0]?.delta?.content;
      if (typeof piece === 'string' && piece) pieces.push(piece);
    }
    expect(pieces).toEqual(['alpha ', 'beta ', 'gamma']);
    const log = await g.logByTrace(traceId);
    expect(log.metrics).toMatchObject({ stream_mode: true, is_success: true, res_units: 3 });
  });

  it('embeddings through virtualKey', async () => {
    const traceId = `trace-${Date.now()}-pk-embed`;
    const res = await g.portkey({ virtualKey: 'local-openai', traceID: traceId }).embeddings.create({
      model: 'text-embedding-3-small',
      input: ['one two', 'three'],
    });
    expect(res.data).toHaveLength(2);
    expect(res.data![0]!.embedding).toEqual([0.1, 0.2, 0.3]);
    expect(g.mock.requests.at(-1)!.path).toBe('/v1/embeddings');
    const log = await g.logByTrace(traceId);
    expect(log.metrics).toMatchObject({ virtual_key: 'local-openai', ai_model: 'text-embedding-3-small', req_units: 3, is_success: true });
  });

  it('errors reach the SDK with the gateway message', async () => {
    const err = await g
      .portkey({ provider: '@missing' })
      .chat.completions.create({ model: 'gpt-4o', messages })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as { status?: number }).status).toBe(404);
    // This SDK puts the whole JSON error body in the message.
    expect((err as Error).message).toMatch(/Provider \\?"@missing\\?" was not found/);
  });
});
