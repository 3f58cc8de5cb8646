import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { chatToMessagesRequest, parseDataUrl } from './chatToMessagesRequest.ts';
import type { ChatMessage, ChatRequest } from './openaiTypes.ts';

const OPTS = { defaultMaxTokens: 4096 };
const req = (over: Partial<ChatRequest>): ChatRequest => ({
  model: 'claude-sonnet-4-5',
  messages: [{ role: 'user', content: 'hi' }],
  ...over,
});
const convert = (over: Partial<ChatRequest>) => chatToMessagesRequest(req(over), OPTS);

function rejects(over: Partial<ChatRequest>, param: string) {
  try {
    convert(over);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).status).toBe(400);
    expect((e as AppError).param).toBe(param);
    return;
  }
  throw new Error('expected a 400');
}

describe('chatToMessagesRequest: system prompt', () => {
  it.each<[string, ChatMessage[], unknown]>([
    ['one string system message stays a string', [{ role: 'system', content: 'Be brief.' }], 'Be brief.'],
    [
      'system and developer messages become blocks, mid-conversation ones hoisted',
      [
        { role: 'system', content: 'A' },
        { role: 'user', content: 'x' },
        { role: 'developer', content: 'B' },
      ],
      [
        { type: 'text', text: 'A' },
        { type: 'text', text: 'B' },
      ],
    ],
    [
      'text parts keep cache_control',
      [{ role: 'system', content: [{ type: 'text', text: 'long', cache_control: { type: 'ephemeral' } }] }],
      [{ type: 'text', text: 'long', cache_control: { type: 'ephemeral' } }],
    ],
  ])('%s', (_, system, expected) => {
    const out = convert({ messages: [...system, { role: 'user', content: 'q' }] });
    expect(out.system).toEqual(expected);
    expect(out.messages.every((m) => m.role === 'user' || m.role === 'assistant')).toBe(true);
  });

  it('leaves system out when there is none', () => {
    expect('system' in convert({})).toBe(false);
  });
});

describe('chatToMessagesRequest: user content', () => {
  it.each<[string, unknown, unknown]>([
    ['text part', { type: 'text', text: 'hello' }, { type: 'text', text: 'hello' }],
    [
      'base64 data URL image',
      { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'high' } },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
    ],
    [
      'https image',
      { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
      { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
    ],
    [
      'PDF file',
      { type: 'file', file: { filename: 'report.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' } },
      { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' }, title: 'report.pdf' },
    ],
    [
      'plain-text file becomes a text document',
      { type: 'file', file: { file_data: `data:text/plain;base64,${Buffer.from('héllo').toString('base64')}` } },
      { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'héllo' } },
    ],
    [
      'an Anthropic-native block passes through',
      { type: 'document', source: { type: 'url', url: 'https://example.com/a.pdf' } },
      { type: 'document', source: { type: 'url', url: 'https://example.com/a.pdf' } },
    ],
  ])('%s', (_, part, block) => {
    const out = convert({ messages: [{ role: 'user', content: [part] } as ChatMessage] });
    expect(out.messages).toEqual([{ role: 'user', content: [block] }]);
  });

  it.each<[string, unknown]>([
    ['audio', { type: 'input_audio', input_audio: { data: 'AAA', format: 'wav' } }],
    ['an image URL that is neither http(s) nor base64 data', { type: 'image_url', image_url: { url: 'file:///etc/passwd' } }],
    ['a non-base64 data URL', { type: 'image_url', image_url: { url: 'data:image/svg+xml,<svg/>' } }],
    ['an OpenAI file id', { type: 'file', file: { file_id: 'file-abc' } }],
  ])('rejects %s with a 400 naming the part', (_, part) => {
    rejects(
      { messages: [{ role: 'user', content: 'x' }, { role: 'user', content: [{ type: 'text', text: 'y' }, part] } as ChatMessage] },
      'messages[1].content[1]',
    );
  });

  it('parses data URLs without regexes, parameters included', () => {
    expect(parseDataUrl('data:image/jpeg;name=a.jpg;base64,AAAA')).toEqual({ mediaType: 'image/jpeg', data: 'AAAA' });
    expect(parseDataUrl('DATA:IMAGE/PNG;BASE64,QQ==')).toEqual({ mediaType: 'image/png', data: 'QQ==' });
    expect(parseDataUrl('data:text/plain,hello')).toBeNull();
    expect(parseDataUrl('https://x')).toBeNull();
  });
});

describe('chatToMessagesRequest: tools', () => {
  const history: ChatMessage[] = [
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
    { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: '24C' }] },
    { role: 'user', content: 'And tomorrow?' },
    { role: 'assistant', content: null, tool_calls: [{ id: 'call_3', type: 'function', function: { name: 'now', arguments: '' } }] },
    { role: 'tool', tool_call_id: 'call_3', content: 'Tuesday' },
  ];

  it('maps tool calls to tool_use and merges consecutive tool results, plus the next user text, into one turn', () => {
    expect(convert({ messages: history }).messages).toEqual([
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking.' },
          { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'call_2', name: 'get_weather', input: { city: 'Rome' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'call_1', content: '18C' },
          { type: 'tool_result', tool_use_id: 'call_2', content: [{ type: 'text', text: '24C' }] },
          { type: 'text', text: 'And tomorrow?' },
        ],
      },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'call_3', name: 'now', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_3', content: 'Tuesday' }] },
    ]);
  });

  it('puts thinking blocks carried on an assistant message first, signature intact', () => {
    const out = convert({
      messages: [
        { role: 'user', content: 'q' },
        {
          role: 'assistant',
          content: '',
          thinking_blocks: [
            { type: 'thinking', thinking: 'hmm', signature: 'sig' },
            { type: 'redacted_thinking', data: 'enc' },
          ],
          tool_calls: [{ id: 't', type: 'function', function: { name: 'f', arguments: '{}' } }],
        },
      ],
    });
    expect(out.messages[1]?.content).toEqual([
      { type: 'thinking', thinking: 'hmm', signature: 'sig' },
      { type: 'redacted_thinking', data: 'enc' },
      { type: 'tool_use', id: 't', name: 'f', input: {} },
    ]);
  });

  it('rejects tool-call arguments that are not a JSON object', () => {
    const bad = (args: string) => ({
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: null, tool_calls: [{ id: 't', type: 'function', function: { name: 'f', arguments: args } }] },
      ] as ChatMessage[],
    });
    rejects(bad('{"a":'), 'messages[1].tool_calls[0].function.arguments');
    rejects(bad('[1]'), 'messages[1].tool_calls[0].function.arguments');
  });

  const tools: ChatRequest['tools'] = [
    {
      type: 'function',
      function: {
        name: 'get_weather',
        description: 'Weather',
        parameters: { type: 'object', properties: { city: { type: 'string' } } },
        strict: true,
      },
    },
    { type: 'function', function: { name: 'now' } },
  ];

  it('maps function tools to Anthropic tools', () => {
    expect(convert({ tools }).tools).toEqual([
      {
        name: 'get_weather',
        description: 'Weather',
        input_schema: { type: 'object', properties: { city: { type: 'string' } } },
        strict: true,
      },
      { name: 'now', input_schema: { type: 'object', properties: {} } },
    ]);
  });

  it.each<[string, Partial<ChatRequest>, unknown]>([
    ['no choice', {}, undefined],
    ['auto', { tool_choice: 'auto' }, { type: 'auto' }],
    ['none', { tool_choice: 'none' }, { type: 'none' }],
    ['required', { tool_choice: 'required' }, { type: 'any' }],
    ['named', { tool_choice: { type: 'function', function: { name: 'now' } } }, { type: 'tool', name: 'now' }],
    ['parallel off alone', { parallel_tool_calls: false }, { type: 'auto', disable_parallel_tool_use: true }],
    ['required, parallel off', { tool_choice: 'required', parallel_tool_calls: false }, { type: 'any', disable_parallel_tool_use: true }],
    ['none ignores parallel off', { tool_choice: 'none', parallel_tool_calls: false }, { type: 'none' }],
    ['parallel on is the default', { parallel_tool_calls: true }, undefined],
  ])('tool_choice: %s', (_, over, expected) => {
    expect(convert({ tools, ...over }).tool_choice).toEqual(expected);
  });

  it('sends no tool_choice without tools, and rejects non-function tools', () => {
    expect('tool_choice' in convert({ tool_choice: 'none' })).toBe(false);
    rejects({ tools: [{ type: 'custom', custom: { name: 'x' } } as never] }, 'tools[0]');
  });
});

describe('chatToMessagesRequest: parameters', () => {
  it.each<[string, Partial<ChatRequest>, Record<string, unknown>]>([
    ['default max_tokens', {}, { max_tokens: 4096 }],
    ['max_tokens', { max_tokens: 100 }, { max_tokens: 100 }],
    ['max_completion_tokens wins', { max_tokens: 100, max_completion_tokens: 200 }, { max_tokens: 200 }],
    ['stop string', { stop: 'END' }, { stop_sequences: ['END'] }],
    ['stop array', { stop: ['a', 'b'] }, { stop_sequences: ['a', 'b'] }],
    ['numbers are not clamped', { temperature: 1.7, top_p: 0.3, top_k: 5 }, { temperature: 1.7, top_p: 0.3, top_k: 5 }],
    ['user', { user: 'u-1' }, { metadata: { user_id: 'u-1' } }],
    ['stream', { stream: true, stream_options: { include_usage: true } }, { stream: true }],
    [
      'thinking passes through',
      { thinking: { type: 'enabled', budget_tokens: 2048 } },
      { thinking: { type: 'enabled', budget_tokens: 2048 } },
    ],
    [
      'json_schema response format',
      { response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object' } } } },
      { output_config: { format: { type: 'json_schema', schema: { type: 'object' } } } },
    ],
    [
      'json_schema merges into a passed-through output_config',
      {
        output_config: { effort: 'low' },
        response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object' } } },
      },
      { output_config: { effort: 'low', format: { type: 'json_schema', schema: { type: 'object' } } } },
    ],
  ])('%s', (_, over, expected) => {
    expect(convert(over)).toMatchObject(expected);
  });

  it('drops OpenAI-only fields and copies unknown ones', () => {
    const out = convert({
      seed: 1,
      presence_penalty: 0.5,
      frequency_penalty: 0.5,
      logit_bias: {},
      stream_options: { include_usage: true },
      reasoning_effort: 'high',
      metadata: { a: 'b' },
      n: 1,
      container: 'ctr_1',
      some_future_field: { x: 1 },
    });
    expect(Object.keys(out).sort()).toEqual(['container', 'max_tokens', 'messages', 'model', 'some_future_field']);
  });

  it('rejects n > 1', () => {
    rejects({ n: 2 }, 'n');
  });
});
