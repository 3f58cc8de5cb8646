import { describe, expect, it } from 'vitest';
import { chatResponseToMessages } from './chatToMessagesResponse.ts';
import { anthropicErrorOf, anthropicStreamErrorPayload } from './errors.ts';
import { anthropicUsageOf, stopReasonOf } from './mappings.ts';
import type { ChatCompletion, ChatResponseMessage } from './openaiTypes.ts';

const completion = (
  message: Partial<ChatResponseMessage>,
  finish: string | null = 'stop',
  usage?: ChatCompletion['usage'],
): ChatCompletion => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1741570283,
  model: 'qwen3-32b',
  choices: [{ index: 0, message: { role: 'assistant', content: null, ...message }, finish_reason: finish as never, logprobs: null }],
  usage: usage ?? { prompt_tokens: 30, completion_tokens: 12, total_tokens: 42 },
});

describe('chatResponseToMessages', () => {
  it('builds an Anthropic message from a text answer', () => {
    expect(chatResponseToMessages(completion({ content: 'Hello' }))).toEqual({
      id: 'chatcmpl-1',
      type: 'message',
      role: 'assistant',
      model: 'qwen3-32b',
      content: [{ type: 'text', text: 'Hello' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 30, output_tokens: 12, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
    });
  });

  it('maps reasoning, text and tool calls to thinking, text and tool_use blocks in that order', () => {
    const out = chatResponseToMessages(
      completion(
        {
          reasoning_content: 'Think first.',
          content: 'Calling tools.',
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'w', arguments: '{"city":"Oslo"}' } },
            { id: 'call_2', type: 'function', function: { name: 'broken', arguments: '{"city":' } },
            { id: 'call_3', type: 'function', function: { name: 'none', arguments: '' } },
          ],
        },
        'tool_calls',
      ),
      { model: 'alias' },
    );
    expect(out.model).toBe('alias');
    expect(out.content).toEqual([
      { type: 'thinking', thinking: 'Think first.', signature: '' },
      { type: 'text', text: 'Calling tools.' },
      { type: 'tool_use', id: 'call_1', name: 'w', input: { city: 'Oslo' } },
      { type: 'tool_use', id: 'call_2', name: 'broken', input: {} },
      { type: 'tool_use', id: 'call_3', name: 'none', input: {} },
    ]);
    expect(out.stop_reason).toBe('tool_use');
  });

  it('reads vLLM-style `reasoning` too', () => {
    expect(chatResponseToMessages(completion({ content: '4', reasoning: 'sum' })).content[0]).toEqual({
      type: 'thinking',
      thinking: 'sum',
      signature: '',
    });
  });

  it.each([
    ['stop', 'end_turn', {}],
    ['length', 'max_tokens', {}],
    ['tool_calls', 'tool_use', {}],
    ['content_filter', 'refusal', {}],
    ['function_call', 'tool_use', {}],
    [
      'stop with tool calls',
      'tool_use',
      { tool_calls: [{ id: 'c', type: 'function' as const, function: { name: 'f', arguments: '{}' } }] },
    ],
    [
      'length with tool calls',
      'max_tokens',
      { tool_calls: [{ id: 'c', type: 'function' as const, function: { name: 'f', arguments: '{' } }] },
    ],
    ['stop with a refusal', 'refusal', { refusal: 'I cannot help with that.' }],
  ])('finish_reason %s → %s', (finish, stop, message) => {
    expect(chatResponseToMessages(completion({ content: 'x', ...message }, finish.split(' ')[0])).stop_reason).toBe(stop);
  });

  it('reports a refusal as text', () => {
    expect(chatResponseToMessages(completion({ refusal: 'No.' })).content).toEqual([{ type: 'text', text: 'No.' }]);
  });

  it('takes cached tokens out of input_tokens', () => {
    const out = chatResponseToMessages(
      completion({ content: 'x' }, 'stop', {
        prompt_tokens: 1200,
        completion_tokens: 40,
        total_tokens: 1240,
        prompt_tokens_details: { cached_tokens: 1024 },
      }),
    );
    expect(out.usage).toEqual({ input_tokens: 176, output_tokens: 40, cache_read_input_tokens: 1024, cache_creation_input_tokens: 0 });
  });

  it('honours cache figures an upstream gateway already split out', () => {
    expect(
      anthropicUsageOf({
        prompt_tokens: 1250,
        completion_tokens: 1,
        total_tokens: 1251,
        cache_read_input_tokens: 1000,
        cache_creation_input_tokens: 200,
      }),
    ).toEqual({
      input_tokens: 50,
      output_tokens: 1,
      cache_read_input_tokens: 1000,
      cache_creation_input_tokens: 200,
    });
    expect(anthropicUsageOf(undefined)).toEqual({
      input_tokens: 0,
      output_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 0,
    });
  });

  it('handles a response with no choices', () => {
    const out = chatResponseToMessages({ ...completion({}), choices: [] });
    expect(out.content).toEqual([]);
    expect(out.stop_reason).toBe('end_turn');
    expect(stopReasonOf(null)).toBeNull();
  });
});

describe('anthropicErrorOf', () => {
  it.each<[string, unknown, number | undefined, unknown]>([
    [
      'an OpenAI error envelope',
      { error: { message: 'Invalid model', type: 'invalid_request_error', param: 'model', code: 'model_not_found' } },
      404,
      { type: 'invalid_request_error', message: 'Invalid model' },
    ],
    [
      'an OpenAI type Anthropic lacks, by status',
      { error: { message: 'Boom', type: 'server_error' } },
      500,
      { type: 'api_error', message: 'Boom' },
    ],
    [
      'rate limited',
      { error: { message: 'Slow down', type: 'requests', code: 'rate_limit_exceeded' } },
      429,
      { type: 'rate_limit_error', message: 'Slow down' },
    ],
    ['a FastAPI detail', { detail: 'Model not loaded' }, 400, { type: 'invalid_request_error', message: 'Model not loaded' }],
    ['a string error', { error: 'upstream exploded' }, 502, { type: 'api_error', message: 'upstream exploded' }],
    ['overloaded', {}, 529, { type: 'overloaded_error', message: 'The upstream provider returned status 529.' }],
    ['a gateway timeout', undefined, 504, { type: 'timeout_error', message: 'The upstream provider returned status 504.' }],
  ])('%s', (_, body, status, error) => {
    expect(anthropicErrorOf(body, status)).toEqual({ type: 'error', error });
  });
});

describe('anthropicStreamErrorPayload', () => {
  it.each([
    ['overloaded_error', 'overloaded_error'],
    ['timeout_error', 'timeout_error'],
    // The gateway's own type names mean nothing to Anthropic clients, which switch on the type.
    ['upstream_error', 'api_error'],
    [undefined, 'api_error'],
  ])('sends type %s as %s', (type, expected) => {
    expect(JSON.parse(anthropicStreamErrorPayload('Boom', type))).toEqual({ type: 'error', error: { type: expected, message: 'Boom' } });
  });
});
