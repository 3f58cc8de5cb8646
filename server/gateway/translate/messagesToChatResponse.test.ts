import { describe, expect, it } from 'vitest';
import type { MessagesResponse } from './anthropicTypes.ts';
import { chatErrorOf } from './errors.ts';
import { chatUsageOf, finishReasonOf } from './mappings.ts';
import { messagesResponseToChat } from './messagesToChatResponse.ts';

const resp = (over: Partial<MessagesResponse>): MessagesResponse => ({
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5-20250929',
  content: [{ type: 'text', text: 'Hello' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 10, output_tokens: 5 },
  ...over,
});

describe('messagesResponseToChat', () => {
  it('builds a chat completion from a text answer', () => {
    expect(messagesResponseToChat(resp({}), { created: 1700000000 })).toEqual({
      id: 'msg_1',
      object: 'chat.completion',
      created: 1700000000,
      model: 'claude-sonnet-4-5-20250929',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello', refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: {
        prompt_tokens: 10,
        completion_tokens: 5,
        total_tokens: 15,
        prompt_tokens_details: { cached_tokens: 0 },
        cache_read_input_tokens: 0,
        cache_creation_input_tokens: 0,
      },
    });
  });

  it('joins text blocks, maps tool_use to tool_calls and keeps thinking as reasoning_content and thinking_blocks', () => {
    const out = messagesResponseToChat(
      resp({
        content: [
          { type: 'thinking', thinking: 'Need weather.', signature: 'sig1' },
          { type: 'redacted_thinking', data: 'enc' },
          { type: 'text', text: 'Let me ' },
          { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'x' } },
          { type: 'text', text: 'check.' },
          { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris', days: [1, 2] } },
          { type: 'tool_use', id: 'toolu_2', name: 'now', input: {} },
        ],
        stop_reason: 'tool_use',
      }),
    );
    expect(out.choices[0]).toEqual({
      index: 0,
      message: {
        role: 'assistant',
        content: 'Let me check.',
        refusal: null,
        tool_calls: [
          { id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris","days":[1,2]}' } },
          { id: 'toolu_2', type: 'function', function: { name: 'now', arguments: '{}' } },
        ],
        reasoning_content: 'Need weather.',
        thinking_blocks: [
          { type: 'thinking', thinking: 'Need weather.', signature: 'sig1' },
          { type: 'redacted_thinking', data: 'enc' },
        ],
      },
      logprobs: null,
      finish_reason: 'tool_calls',
    });
  });

  it('gives null content for a turn that only calls tools', () => {
    const out = messagesResponseToChat(resp({ content: [{ type: 'tool_use', id: 't', name: 'f', input: {} }], stop_reason: 'tool_use' }));
    expect(out.choices[0]?.message.content).toBeNull();
  });

  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['tool_use', 'tool_calls'],
    ['refusal', 'content_filter'],
    ['pause_turn', 'stop'],
    ['model_context_window_exceeded', 'length'],
    ['some_future_reason', 'stop'],
  ])('maps stop_reason %s to %s', (stop, finish) => {
    expect(finishReasonOf(stop)).toBe(finish);
    expect(messagesResponseToChat(resp({ stop_reason: stop as MessagesResponse['stop_reason'] })).choices[0]?.finish_reason).toBe(finish);
  });

  it('counts cached tokens into prompt_tokens and keeps the cache figures', () => {
    const out = messagesResponseToChat(
      resp({ usage: { input_tokens: 50, output_tokens: 20, cache_read_input_tokens: 1000, cache_creation_input_tokens: 200 } }),
    );
    expect(out.usage).toEqual({
      prompt_tokens: 1250,
      completion_tokens: 20,
      total_tokens: 1270,
      prompt_tokens_details: { cached_tokens: 1000 },
      cache_read_input_tokens: 1000,
      cache_creation_input_tokens: 200,
    });
  });

  it('keeps the 5-minute / 1-hour split of cache writes, which are priced apart', () => {
    const cacheCreation = { ephemeral_5m_input_tokens: 10, ephemeral_1h_input_tokens: 40 };
    expect(
      chatUsageOf({ input_tokens: 1, output_tokens: 1, cache_creation_input_tokens: 50, cache_creation: cacheCreation }),
    ).toMatchObject({
      cache_creation_input_tokens: 50,
      cache_creation: cacheCreation,
    });
    expect(chatUsageOf({ input_tokens: 1, output_tokens: 1 })).not.toHaveProperty('cache_creation');
  });

  it('treats null cache figures as zero', () => {
    expect(
      chatUsageOf({ input_tokens: 3, output_tokens: 4, cache_read_input_tokens: null, cache_creation_input_tokens: null }),
    ).toMatchObject({
      prompt_tokens: 3,
      total_tokens: 7,
    });
  });
});

describe('chatErrorOf', () => {
  it.each<[string, unknown, number | undefined, unknown]>([
    [
      'an Anthropic error body',
      { type: 'error', error: { type: 'rate_limit_error', message: 'Number of request tokens has exceeded your per-minute rate limit' } },
      429,
      { message: 'Number of request tokens has exceeded your per-minute rate limit', type: 'rate_limit_error', param: null, code: null },
    ],
    [
      'an overloaded error keeps its type',
      { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' }, request_id: 'req_1' },
      529,
      { message: 'Overloaded', type: 'overloaded_error', param: null, code: null },
    ],
    ['a plain-text body', 'Bad Gateway', 502, { message: 'Bad Gateway', type: 'api_error', param: null, code: null }],
    ['an empty body', null, 503, { message: 'The upstream provider returned status 503.', type: 'api_error', param: null, code: null }],
    ['a bare message with a status', { message: 'nope' }, 401, { message: 'nope', type: 'authentication_error', param: null, code: null }],
  ])('%s', (_, body, status, error) => {
    expect(chatErrorOf(body, status)).toEqual({ error });
  });
});
