import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import type { MessageParam, MessagesRequest } from './anthropicTypes.ts';
import { chatToMessagesRequest } from './chatToMessagesRequest.ts';
import { messagesRequestToChat } from './messagesToChatRequest.ts';
import type { ChatMessage, ChatRequest } from './openaiTypes.ts';

const req = (over: Partial<MessagesRequest>): MessagesRequest => ({
  model: 'qwen3-32b',
  max_tokens: 1024,
  messages: [{ role: 'user', content: 'hi' }],
  ...over,
});
const convert = (over: Partial<MessagesRequest>) => messagesRequestToChat(req(over));

describe('messagesRequestToChat', () => {
  it.each<[string, MessagesRequest['system'], string]>([
    ['a string system prompt', 'Be brief.', 'Be brief.'],
    [
      'system blocks, joined into one string, cache_control dropped',
      [
        { type: 'text', text: 'A' },
        { type: 'text', text: 'B', cache_control: { type: 'ephemeral' } },
      ],
      'A\nB',
    ],
  ])('%s becomes a leading system message', (_, system, content) => {
    expect(convert({ system }).messages[0]).toEqual({ role: 'system', content });
  });

  it('maps user blocks to content parts', () => {
    const out = convert({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look:' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBOR' } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
            { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBE' }, title: 'a.pdf' },
            { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'notes' } },
          ],
        },
      ],
    });
    expect(out.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Look:' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBOR' } },
          { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
          { type: 'file', file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBE' } },
          { type: 'text', text: 'notes' },
        ],
      },
    ]);
  });

  it('collapses a single text block to a string', () => {
    expect(convert({ messages: [{ role: 'user', content: [{ type: 'text', text: 'just this' }] }] }).messages).toEqual([
      { role: 'user', content: 'just this' },
    ]);
  });

  it('rejects documents given by URL', () => {
    const bad = () =>
      convert({ messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'url', url: 'https://x/a.pdf' } }] }] });
    expect(bad).toThrow(AppError);
  });

  it('maps tool_use and tool_result, tool messages first and images from results after', () => {
    const out = convert({
      messages: [
        { role: 'user', content: 'Screenshot and weather?' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'plan', signature: 's' },
            { type: 'text', text: 'On it.' },
            { type: 'tool_use', id: 'toolu_1', name: 'screenshot', input: {} },
            { type: 'tool_use', id: 'toolu_2', name: 'weather', input: { city: 'Oslo' } },
          ],
        },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'toolu_1',
              content: [
                { type: 'text', text: 'captured' },
                { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'PNG' } },
              ],
            },
            { type: 'tool_result', tool_use_id: 'toolu_2', content: '-3C', is_error: false },
            { type: 'text', text: 'Thanks' },
          ],
        },
      ],
    });
    expect(out.messages).toEqual([
      { role: 'user', content: 'Screenshot and weather?' },
      {
        role: 'assistant',
        content: 'On it.',
        tool_calls: [
          { id: 'toolu_1', type: 'function', function: { name: 'screenshot', arguments: '{}' } },
          { id: 'toolu_2', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'toolu_1', content: 'captured' },
      { role: 'tool', tool_call_id: 'toolu_2', content: '-3C' },
      {
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: 'data:image/png;base64,PNG' } },
          { type: 'text', text: 'Thanks' },
        ],
      },
    ]);
  });

  it('maps tools, keeping client tools and dropping Anthropic-defined ones', () => {
    const out = convert({
      tools: [
        { name: 'weather', description: 'Weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } },
        { type: 'custom', name: 'now', input_schema: { type: 'object', properties: {} }, strict: true },
        { type: 'web_search_20250305', name: 'web_search', max_uses: 3 },
        { type: 'bash_20250124', name: 'bash' },
      ],
    });
    expect(out.tools).toEqual([
      {
        type: 'function',
        function: { name: 'weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
      },
      { type: 'function', function: { name: 'now', parameters: { type: 'object', properties: {} }, strict: true } },
    ]);
  });

  it.each<[string, MessagesRequest['tool_choice'], Partial<ChatRequest>]>([
    ['auto', { type: 'auto' }, { tool_choice: 'auto' }],
    ['any', { type: 'any' }, { tool_choice: 'required' }],
    ['none', { type: 'none' }, { tool_choice: 'none' }],
    ['tool', { type: 'tool', name: 'weather' }, { tool_choice: { type: 'function', function: { name: 'weather' } } }],
    ['auto without parallel calls', { type: 'auto', disable_parallel_tool_use: true }, { tool_choice: 'auto', parallel_tool_calls: false }],
  ])('tool_choice %s', (_, choice, expected) => {
    const out = convert({ tools: [{ name: 'weather', input_schema: { type: 'object' } }], tool_choice: choice });
    expect(out).toMatchObject(expected);
    if (!('parallel_tool_calls' in expected)) expect('parallel_tool_calls' in out).toBe(false);
  });

  it.each<[string, Partial<MessagesRequest>, Record<string, unknown>]>([
    ['max_tokens', {}, { max_tokens: 1024 }],
    ['stop_sequences', { stop_sequences: ['###'] }, { stop: ['###'] }],
    ['numbers are not clamped', { temperature: 1, top_p: 0.9, top_k: 40 }, { temperature: 1, top_p: 0.9, top_k: 40 }],
    ['metadata.user_id', { metadata: { user_id: 'u-7' } }, { user: 'u-7' }],
    ['stream asks for usage', { stream: true }, { stream: true, stream_options: { include_usage: true } }],
    [
      'structured output',
      { output_config: { format: { type: 'json_schema', schema: { type: 'object' } } } },
      { response_format: { type: 'json_schema', json_schema: { name: 'response', schema: { type: 'object' }, strict: true } } },
    ],
  ])('%s', (_, over, expected) => {
    expect(convert(over)).toMatchObject(expected);
  });

  it('can put max_tokens in max_completion_tokens', () => {
    const out = messagesRequestToChat(req({}), { maxTokensField: 'max_completion_tokens' });
    expect(out.max_completion_tokens).toBe(1024);
    expect('max_tokens' in out).toBe(false);
  });

  it('passes unknown fields through untouched and drops Anthropic-only ones', () => {
    const out = convert({
      seed: 7,
      min_p: 0.05,
      repetition_penalty: 1.1,
      chat_template_kwargs: { enable_thinking: false },
      thinking: { type: 'enabled', budget_tokens: 1000 },
      service_tier: 'auto',
      mcp_servers: [],
    });
    expect(out).toMatchObject({ seed: 7, min_p: 0.05, repetition_penalty: 1.1, chat_template_kwargs: { enable_thinking: false } });
    for (const k of ['thinking', 'service_tier', 'mcp_servers', 'system', 'metadata']) expect(k in out, k).toBe(false);
  });
});

describe('round trips', () => {
  it('a multi-turn tool conversation survives chat → Anthropic → chat', () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'call_2', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '18C' },
      { role: 'tool', tool_call_id: 'call_2', content: '24C' },
      { role: 'assistant', content: 'Paris 18C, Rome 24C.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Thanks' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
        ],
      },
    ];
    const there = chatToMessagesRequest({ model: 'm', messages, max_tokens: 50, temperature: 0.2 }, { defaultMaxTokens: 1 });
    const back = messagesRequestToChat(there);
    expect(back).toEqual({ model: 'm', messages, max_tokens: 50, temperature: 0.2 });
  });

  it('an Anthropic tool conversation survives Anthropic → chat → Anthropic', () => {
    const messages: MessageParam[] = [
      { role: 'user', content: 'Weather?' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking.' },
          { type: 'tool_use', id: 'toolu_1', name: 'w', input: { c: 'Oslo' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: '-3C' },
          { type: 'text', text: 'And?' },
        ],
      },
    ];
    const body = req({
      system: 'Terse.',
      messages,
      tools: [{ name: 'w', input_schema: { type: 'object' } }],
      tool_choice: { type: 'any' },
    });
    const back = chatToMessagesRequest(messagesRequestToChat(body), { defaultMaxTokens: 1 });
    expect(back).toEqual(body);
  });
});
