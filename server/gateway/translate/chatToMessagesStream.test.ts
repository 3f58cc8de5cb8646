import { afterEach, describe, expect, it } from 'vitest';
import Anthropic from '@anthropic-ai/sdk';
import { createSseParser, sseEvent, UnreadableEvent } from '../sse.ts';
import { createChatToMessagesStream, type AnthropicSseItem } from './chatToMessagesStream.ts';
import {
  OPENAI_ERROR_STREAM,
  OPENAI_REASONING_STREAM,
  OPENAI_TOOL_STREAM,
  serveSse,
  type SseServer,
} from '../../../test/kits/translateFixtures.ts';

function translate(text: string, pieceSize = text.length) {
  const t = createChatToMessagesStream();
  const parser = createSseParser();
  const out: AnthropicSseItem[] = [];
  for (let i = 0; i < text.length; i += pieceSize) for (const ev of parser.push(text.slice(i, i + pieceSize))) out.push(...t(ev));
  for (const ev of parser.flush()) out.push(...t(ev));
  out.push(...t.end());
  return { items: out, usage: t.finalUsage() };
}

const events = (items: AnthropicSseItem[]) =>
  items.map((i) => {
    const data = JSON.parse(i.data);
    expect(data.type).toBe(i.event); // Anthropic repeats the event name in the data
    return data;
  });

describe('createChatToMessagesStream', () => {
  it('maps an OpenAI stream with text and two tool calls to the exact Anthropic event sequence', () => {
    const { items, usage } = translate(OPENAI_TOOL_STREAM);
    expect(events(items)).toEqual([
      {
        type: 'message_start',
        message: {
          id: 'chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG',
          type: 'message',
          role: 'assistant',
          model: 'gpt-4o-2024-08-06',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 0, output_tokens: 0 },
        },
      },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Checking ' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Zürich — 東京 🙂' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'call_weather', name: 'get_weather', input: {} } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"location"' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: ':"Zürich"}' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'call_time', name: 'get_time', input: {} } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"tz":"CET"}' } },
      { type: 'content_block_stop', index: 2 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'tool_use', stop_sequence: null },
        usage: { input_tokens: 176, output_tokens: 40, cache_read_input_tokens: 1024, cache_creation_input_tokens: 0 },
      },
      { type: 'message_stop' },
    ]);
    expect(usage).toMatchObject({ prompt_tokens: 1200, completion_tokens: 40 });
  });

  it('gives the same events whatever the chunk size', () => {
    const expected = translate(OPENAI_TOOL_STREAM).items;
    for (const size of [1, 2, 3, 7, 13, 64, 200]) expect(translate(OPENAI_TOOL_STREAM, size).items, `size ${size}`).toEqual(expected);
  });

  it('opens a thinking block for reasoning_content, then a text block', () => {
    const evs = events(translate(OPENAI_REASONING_STREAM).items);
    expect(
      evs.map((e) => `${e.type}${e.content_block ? `:${e.content_block.type}` : ''}${e.delta?.type ? `:${e.delta.type}` : ''}`),
    ).toEqual([
      'message_start',
      'content_block_start:thinking',
      'content_block_delta:thinking_delta',
      'content_block_delta:thinking_delta',
      'content_block_stop',
      'content_block_start:text',
      'content_block_delta:text_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(evs.at(-2)).toMatchObject({ delta: { stop_reason: 'end_turn' }, usage: { input_tokens: 10, output_tokens: 7 } });
  });

  it('turns an upstream error payload into an Anthropic error event and stops', () => {
    const { items } = translate(OPENAI_ERROR_STREAM);
    expect(items.at(-1)).toEqual({
      event: 'error',
      data: JSON.stringify({
        type: 'error',
        error: { type: 'api_error', message: 'The server had an error while processing your request.' },
      }),
    });
    expect(items.map((i) => i.event)).not.toContain('message_stop');
  });

  it('throws UnreadableEvent for an event that is not a JSON object, and skips a bare data line', () => {
    const t = createChatToMessagesStream();
    for (const data of ['{not json', '"text"', 'null']) expect(() => t({ data }), data).toThrow(UnreadableEvent);
    expect(t({ data: '' })).toEqual([]);
  });

  it('reports a stream that ends with no finish_reason as an error', () => {
    const cut = OPENAI_TOOL_STREAM.slice(0, OPENAI_TOOL_STREAM.indexOf('"finish_reason":"tool_calls"'));
    const { items } = translate(cut.slice(0, cut.lastIndexOf('data: ')));
    expect(items.at(-1)?.event).toBe('error');
  });

  it('finishes normally when the upstream sent finish_reason but closed without [DONE]', () => {
    const { items } = translate(OPENAI_TOOL_STREAM.replace('data: [DONE]\n\n', ''));
    expect(items.slice(-2).map((i) => i.event)).toEqual(['message_delta', 'message_stop']);
  });

  it('says tool_use when a server reports stop for a turn that called tools', () => {
    const { items } = translate(OPENAI_TOOL_STREAM.replace('"finish_reason":"tool_calls"', '"finish_reason":"stop"'));
    expect(JSON.parse(items.at(-2)?.data as string).delta.stop_reason).toBe('tool_use');
  });

  it('follows tool calls from a server that leaves out the index', () => {
    const t = createChatToMessagesStream();
    const tc = (call: object) => ({
      data: JSON.stringify({ id: 'c1', model: 'm', choices: [{ index: 0, delta: { tool_calls: [call] }, finish_reason: null }] }),
    });
    const evs = [
      ...t(tc({ id: 'a', function: { name: 'f', arguments: '{"x":' } })),
      ...t(tc({ function: { arguments: '1}' } })),
      ...t(tc({ id: 'b', function: { name: 'g', arguments: '{}' } })),
      ...t({ data: '[DONE]' }),
    ].map((i) => JSON.parse(i.data));
    expect(evs.filter((e) => e.type === 'content_block_delta').map((e) => [e.index, e.delta.partial_json])).toEqual([
      [0, '{"x":'],
      [0, '1}'],
      [1, '{}'],
    ]);
    expect(evs.find((e) => e.type === 'message_delta').delta.stop_reason).toBe('tool_use');
  });

  it('invents a stable tool id when a server omits it', () => {
    const t = createChatToMessagesStream();
    const items = t({
      data: JSON.stringify({
        id: 'c1',
        model: 'm',
        choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { name: 'f', arguments: '{}' } }] }, finish_reason: null }],
      }),
    });
    expect(JSON.parse(items[1]?.data as string).content_block).toEqual({ type: 'tool_use', id: 'toolu_c1_0', name: 'f', input: {} });
  });
});

describe('createChatToMessagesStream read by the official Anthropic SDK', () => {
  let server: SseServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function clientFor(openaiStream: string) {
    server = await serveSse(
      translate(openaiStream)
        .items.map((i) => sseEvent(i.event, i.data))
        .join(''),
    );
    return new Anthropic({ baseURL: server.url, apiKey: 'test', maxRetries: 0 });
  }

  const params = { model: 'local-model', max_tokens: 256, messages: [{ role: 'user' as const, content: 'Weather and time?' }] };

  it('accumulates the translated stream into the message a client expects', async () => {
    const client = await clientFor(OPENAI_TOOL_STREAM);
    const message = await client.messages.stream(params).finalMessage();
    expect(message.content).toEqual([
      expect.objectContaining({ type: 'text', text: 'Checking Zürich — 東京 🙂' }),
      expect.objectContaining({ type: 'tool_use', id: 'call_weather', name: 'get_weather', input: { location: 'Zürich' } }),
      expect.objectContaining({ type: 'tool_use', id: 'call_time', name: 'get_time', input: { tz: 'CET' } }),
    ]);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.usage).toMatchObject({ input_tokens: 176, output_tokens: 40, cache_read_input_tokens: 1024 });
  });

  it('accumulates reasoning into a thinking block', async () => {
    const client = await clientFor(OPENAI_REASONING_STREAM);
    const message = await client.messages.stream(params).finalMessage();
    expect(message.content).toEqual([
      expect.objectContaining({ type: 'thinking', thinking: 'Two plus two is four.' }),
      expect.objectContaining({ type: 'text', text: '4' }),
    ]);
  });

  it('raises an APIError with the upstream message when the stream carries an error', async () => {
    const client = await clientFor(OPENAI_ERROR_STREAM);
    const err = await client.messages
      .stream(params)
      .finalMessage()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.APIError);
    expect((err as Error).message).toContain('The server had an error while processing your request.');
  });
});
