// Pass-through routes are billed from what their answers report, while the answers themselves go
// out untouched: the Responses API's usage (cached and reasoning tokens included), streamed or
// not; per-image fees on the image routes; and "unpriced", not "free", when nothing says the size.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayFixture } from '../helpers/gateway.ts';
import { BUNDLED_PRICING_DIR } from '../../server/pricing/service.ts';

let g: GatewayFixture;
beforeAll(async () => {
  g = await startGateway();
  await g.addProvider({ slug: 'local-openai' });
});
afterAll(() => g.close());

type Json = Record<string, unknown>;

/** The bundled OpenAI pricing file, as the gateway reads it (prices in US cents per unit). */
const OPENAI_PRICES = JSON.parse(readFileSync(path.join(BUNDLED_PRICING_DIR, 'openai.json'), 'utf8')) as Record<
  string,
  { pricing_config: { pay_as_you_go: Json } }
>;
const payAsYouGo = (model: string) => OPENAI_PRICES[model]!.pricing_config.pay_as_you_go;
const tokenPrice = (model: string, key: string) => (payAsYouGo(model)[key] as { price: number }).price;
const imagePrice = (model: string, quality: string, size: string) =>
  (payAsYouGo(model).image as Record<string, Record<string, { price: number }>>)[quality]![size]!.price;

/** 1,000 input tokens of which 800 were cached; 500 output tokens of which 200 were reasoning. */
const RESPONSES_USAGE = {
  input_tokens: 1000,
  input_tokens_details: { cached_tokens: 800 },
  output_tokens: 500,
  output_tokens_details: { reasoning_tokens: 200 },
  total_tokens: 1500,
};
// o4-mini has no reasoning price of its own: reasoning is billed as output.
const O4_MINI_COST =
  200 * tokenPrice('o4-mini', 'request_token') +
  800 * tokenPrice('o4-mini', 'cache_read_input_token') +
  500 * tokenPrice('o4-mini', 'response_token');
const BILLED = { req_units: 1000, cache_read_units: 800, res_units: 500, reasoning_units: 200, is_priced: true };

const response = (status: string, usage: Json | null) => ({
  id: 'resp_mock',
  object: 'response',
  created_at: 1_700_000_000,
  status,
  model: 'o4-mini',
  output: status === 'completed' ? [{ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Hello' }] }] : [],
  usage,
});

const RESPONSES_EVENTS = [
  { event: 'response.created', data: { type: 'response.created', sequence_number: 0, response: response('in_progress', null) } },
  { event: 'response.output_text.delta', data: { type: 'response.output_text.delta', sequence_number: 1, delta: 'Hel' } },
  { event: 'response.output_text.delta', data: { type: 'response.output_text.delta', sequence_number: 2, delta: 'lo' } },
  {
    event: 'response.completed',
    data: { type: 'response.completed', sequence_number: 3, response: response('completed', RESPONSES_USAGE) },
  },
];
/** What the mock writes for those events, byte for byte. */
const wire = (events: { event: string; data: unknown }[]) =>
  events.map((e) => `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`).join('');

const streamedResponse = (trace: string) =>
  g.post('/v1/responses', { model: '@local-openai/o4-mini', input: 'hi', stream: true }, { 'x-portkey-trace-id': trace });

describe('/v1/responses', () => {
  it('streamed: the client gets the upstream bytes unchanged, and the log has the usage and cost of response.completed', async () => {
    g.mock.next({ events: RESPONSES_EVENTS });
    const res = await streamedResponse('responses-stream');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(wire(RESPONSES_EVENTS));

    const log = await g.logByTrace('responses-stream');
    expect(log.metrics).toMatchObject({ ...BILLED, stream_mode: true, is_success: true, ai_model: 'o4-mini' });
    expect(log.metrics.cost).toBeCloseTo(O4_MINI_COST, 10);
  });

  it('streamed: a character split between two network chunks reaches the client whole', async () => {
    const text = `event: response.output_text.delta\ndata: ${JSON.stringify({ type: 'response.output_text.delta', delta: 'café ☕' })}\n\n`;
    const bytes = Buffer.from(text);
    const cut = bytes.indexOf(Buffer.from('é')) + 1; // inside the two bytes of "é"
    g.mock.next({ rawChunks: [bytes.subarray(0, cut), bytes.subarray(cut), wire(RESPONSES_EVENTS.slice(3))], chunkDelayMs: 20 });
    const res = await streamedResponse('responses-split');
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.concat([bytes, Buffer.from(wire(RESPONSES_EVENTS.slice(3)))]))).toBe(true);
    expect((await g.logByTrace('responses-split')).metrics).toMatchObject(BILLED);
  });

  it('non-stream: cached and reasoning tokens are billed at their own prices (the SDK client sees the answer as sent)', async () => {
    g.mock.next({ body: response('completed', RESPONSES_USAGE) });
    const answer = await g
      .openai({ headers: { 'x-portkey-trace-id': 'responses-json' } })
      .responses.create({ model: '@local-openai/o4-mini', input: 'hi' });
    expect(answer.usage).toEqual(RESPONSES_USAGE);

    const log = await g.logByTrace('responses-json');
    expect(log.metrics).toMatchObject({ ...BILLED, stream_mode: false });
    expect(log.metrics.cost).toBeCloseTo(O4_MINI_COST, 10);
    // Not as if all 1,000 input tokens were uncached.
    const uncached = 1000 * tokenPrice('o4-mini', 'request_token') + 500 * tokenPrice('o4-mini', 'response_token');
    expect(log.metrics.cost as number).toBeLessThan(uncached);
  });

  it('an answer that never reports usage is logged unpriced with no units, not as a free request', async () => {
    // A stream cut before response.completed, and a JSON answer from a server that reports no usage.
    g.mock.next({ events: RESPONSES_EVENTS.slice(0, 3) });
    await (await streamedResponse('responses-no-usage-stream')).text();
    g.mock.next({ body: response('completed', null) });
    await g.post('/v1/responses', { model: '@local-openai/o4-mini', input: 'hi' }, { 'x-portkey-trace-id': 'responses-no-usage-json' });

    for (const trace of ['responses-no-usage-stream', 'responses-no-usage-json']) {
      const log = await g.logByTrace(trace);
      expect(log.metrics, trace).toMatchObject({ is_priced: false, cost: 0, req_units: 0, res_units: 0, ai_model: 'o4-mini' });
    }
  });
});

describe('/v1/images/generations', () => {
  it.each([
    {
      name: 'dall-e-3, two hd 1792x1024 images: the count comes from `data`',
      request: { model: '@local-openai/dall-e-3', prompt: 'a lighthouse', n: 2, size: '1792x1024', quality: 'hd' },
      answer: { created: 1_700_000_000, data: [{ url: 'http://images.local/1.png' }, { url: 'http://images.local/2.png' }] },
      model: 'dall-e-3',
      expected: () => 2 * imagePrice('dall-e-3', 'hd', '1792x1024'),
    },
    {
      // gpt-image-1 says what `auto` became; its token usage has no price beside the per-image one
      // (the file's plain token prices for it are the provider default's 0).
      name: 'gpt-image-1 with quality and size auto: priced at the quality and size the answer reports',
      request: { model: '@local-openai/gpt-image-1', prompt: 'a lighthouse', quality: 'auto', size: 'auto' },
      answer: {
        created: 1_700_000_000,
        data: [{ b64_json: 'aW1hZ2U=' }],
        quality: 'medium',
        size: '1024x1536',
        usage: { input_tokens: 12, input_tokens_details: { text_tokens: 12, image_tokens: 0 }, output_tokens: 1584, total_tokens: 1596 },
      },
      model: 'gpt-image-1',
      expected: () => imagePrice('gpt-image-1', 'medium', '1024x1536'),
    },
  ])('$name', async ({ request, answer, model, expected }) => {
    const trace = `images-${model}`;
    g.mock.next({ body: answer });
    const images = await g.openai({ headers: { 'x-portkey-trace-id': trace } }).images.generate(request as never);
    expect(images.data).toHaveLength(answer.data.length);
    expect(g.mock.requests.at(-1)!.path).toBe('/v1/images/generations');

    const log = await g.logByTrace(trace);
    expect(log.metrics).toMatchObject({ ai_model: model, is_priced: true, is_success: true });
    expect(expected()).toBeGreaterThan(0);
    expect(log.metrics.cost).toBeCloseTo(expected(), 10);
  });
});
