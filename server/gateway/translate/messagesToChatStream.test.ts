import { afterEach, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { createSseParser, sseData, UnreadableEvent } from '../sse.ts';
import { createMessagesToChatStream, STREAM_CUT_MESSAGE, type MessagesToChatStreamOptions } from './messagesToChatStream.ts';
import { ANTHROPIC_ERROR_STREAM, ANTHROPIC_TOOL_STREAM, serveSse, type SseServer } from '../../../test/kits/translateFixtures.ts';

const OPTS: MessagesToChatStreamOptions = { includeUsage: true, created: 1700000000 };

/** Upstream bytes in pieces → SSE parser → transformer, as the gateway wires them. */
function translate(pieces: Uint8Array[], opts = OPTS) {
  const t = createMessagesToChatStream(opts);
  const parser = createSseParser();
  const decoder = new TextDecoder();
  const out: string[] = [];
  for (const p of pieces) for (const ev of parser.push(decoder.decode(p, { stream: true }))) out.push(...t(ev));
  for (const ev of parser.push(decoder.decode())) out.push(...t(ev));
  for (const ev of parser.flush()) out.push(...t(ev));
  out.push(...t.end());
  return { payloads: out, usage: t.finalUsage() };
}

const whole = (text: string, opts = OPTS) => translate([new TextEncoder().encode(text)], opts);

function randomPieces(bytes: Uint8Array, seed: number): Uint8Array[] {
  // Small deterministic PRNG so a failure is reproducible from the seed in its message.
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pieces: Uint8Array[] = [];
  for (let i = 0; i < bytes.length;) {
    const n = 1 + Math.floor(rnd() * 40);
    pieces.push(bytes.subarray(i, i + n));
    i += n;
  }
  return pieces;
}

const base = {
  id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
  object: 'chat.completion.chunk',
  created: 1700000000,
  model: 'claude-sonnet-4-5-20250929',
};
const delta = (d: object, finish: string | null = null) => ({
  ...base,
  choices: [{ index: 0, delta: d, logprobs: null, finish_reason: finish }],
});

const USAGE = {
  prompt_tokens: 2572,
  completion_tokens: 89,
  total_tokens: 2661,
  prompt_tokens_details: { cached_tokens: 2000 },
  cache_read_input_tokens: 2000,
  cache_creation_input_tokens: 100,
};

describe('createMessagesToChatStream', () => {
  it('maps a full Anthropic stream with thinking, text and a tool call to the exact chunk sequence', () => {
    const { payloads, usage } = whole(ANTHROPIC_TOOL_STREAM);
    expect(payloads.at(-1)).toBe('[DONE]');
    expect(payloads.slice(0, -1).map((p) => JSON.parse(p))).toEqual([
      delta({ role: 'assistant', content: '' }),
      delta({ reasoning_content: 'The user wants the weather.' }),
      delta({ content: 'Checking the weather in ' }),
      delta({ content: 'Zürich — 東京 too 🙂' }),
      delta({
        tool_calls: [
          { index: 0, id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', type: 'function', function: { name: 'get_weather', arguments: '' } },
        ],
      }),
      delta({ tool_calls: [{ index: 0, function: { arguments: '{"location":' } }] }),
      delta({ tool_calls: [{ index: 0, function: { arguments: ' "Zürich", "unit": "celsius"}' } }] }),
      delta({}, 'tool_calls'),
      { ...base, choices: [], usage: USAGE },
    ]);
    expect(usage).toEqual(USAGE);
  });

  it('gives the same output with the upstream bytes split at random boundaries', () => {
    const bytes = new TextEncoder().encode(ANTHROPIC_TOOL_STREAM);
    const expected = whole(ANTHROPIC_TOOL_STREAM).payloads;
    for (let seed = 1; seed <= 200; seed++) {
      expect(translate(randomPieces(bytes, seed)).payloads, `seed ${seed}`).toEqual(expected);
    }
  });

  it('gives the same output from a \\r\\n-framed upstream', () => {
    expect(whole(ANTHROPIC_TOOL_STREAM.replaceAll('\n', '\r\n')).payloads).toEqual(whole(ANTHROPIC_TOOL_STREAM).payloads);
  });

  it('leaves out the usage chunk unless asked, and honours id and model overrides', () => {
    const { payloads, usage } = whole(ANTHROPIC_TOOL_STREAM, { includeUsage: false, id: 'chatcmpl-gw', model: 'claude-alias', created: 1 });
    expect(payloads.at(-1)).toBe('[DONE]');
    const chunks = payloads.slice(0, -1).map((p) => JSON.parse(p));
    expect(chunks.every((c) => c.choices.length === 1 && c.id === 'chatcmpl-gw' && c.model === 'claude-alias')).toBe(true);
    expect(usage).toEqual(USAGE); // still there for the gateway's log and cost
  });

  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['tool_use', 'tool_calls'],
    ['refusal', 'content_filter'],
    ['model_context_window_exceeded', 'length'],
  ])('maps stop_reason %s to finish_reason %s', (stop, finish) => {
    const text = ANTHROPIC_TOOL_STREAM.replace('"stop_reason":"tool_use"', `"stop_reason":"${stop}"`);
    const finishes = whole(text)
      .payloads.filter((p) => p !== '[DONE]')
      .map((p) => JSON.parse(p).choices[0]?.finish_reason)
      .filter(Boolean);
    expect(finishes).toEqual([finish]);
  });

  it('turns an error event into an OpenAI error payload and stops', () => {
    const { payloads } = whole(ANTHROPIC_ERROR_STREAM);
    expect(payloads.at(-1)).toBe(JSON.stringify({ error: { message: 'Overloaded', type: 'overloaded_error', param: null, code: null } }));
    expect(payloads).not.toContain('[DONE]');
  });

  it('reports a stream cut off before message_stop as an error', () => {
    const cut = ANTHROPIC_TOOL_STREAM.slice(0, ANTHROPIC_TOOL_STREAM.indexOf('event: message_delta'));
    const { payloads, usage } = whole(cut);
    expect(JSON.parse(payloads.at(-1) as string)).toEqual({
      error: { message: STREAM_CUT_MESSAGE, type: 'api_error', param: null, code: null },
    });
    expect(usage).toMatchObject({ prompt_tokens: 2572, completion_tokens: 2 });
  });

  it('throws UnreadableEvent for an event that is not a JSON object (the gateway names the upstream in its error)', () => {
    const t = createMessagesToChatStream(OPTS);
    for (const data of ['{not json', '42', 'null']) {
      expect(() => t({ data }), data).toThrow(UnreadableEvent);
    }
    // A bare `data:` line carries nothing and is skipped.
    expect(t({ event: 'ping', data: '' })).toEqual([]);
  });
});

describe('createMessagesToChatStream read by the official OpenAI SDK', () => {
  let server: SseServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function clientFor(anthropicStream: string) {
    const body = whole(anthropicStream).payloads.map(sseData).join('');
    server = await serveSse(body);
    return new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'test', maxRetries: 0 });
  }

  it('accumulates content, tool calls and usage from the translated stream', async () => {
    const client = await clientFor(ANTHROPIC_TOOL_STREAM);
    const stream = client.chat.completions.stream({
      model: 'claude-sonnet-4-5',
      messages: [{ role: 'user', content: 'Weather?' }],
      stream_options: { include_usage: true },
    });
    const done = await stream.finalChatCompletion();
    const message = done.choices[0]?.message;
    expect(message?.content).toBe('Checking the weather in Zürich — 東京 too 🙂');
    expect(message?.tool_calls).toEqual([
      expect.objectContaining({
        id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6',
        type: 'function',
        function: expect.objectContaining({ name: 'get_weather', arguments: '{"location": "Zürich", "unit": "celsius"}' }),
      }),
    ]);
    expect(done.choices[0]?.finish_reason).toBe('tool_calls');
    expect(done.usage).toMatchObject({ prompt_tokens: 2572, completion_tokens: 89, prompt_tokens_details: { cached_tokens: 2000 } });
  });

  it('raises an APIError with the upstream message when the stream carries an error', async () => {
    const client = await clientFor(ANTHROPIC_ERROR_STREAM);
    const stream = await client.chat.completions.create({
      model: 'claude-sonnet-4-5',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const seen: string[] = [];
    const err = await (async () => {
      try {
        for await (const c of stream) seen.push(c.choices[0]?.delta.content ?? '');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as InstanceType<typeof OpenAI.APIError>).message).toBe('Overloaded');
    expect((err as InstanceType<typeof OpenAI.APIError>).type).toBe('overloaded_error');
    expect(seen.length).toBeGreaterThan(0); // the chunks before the failure arrived first
  });
});
