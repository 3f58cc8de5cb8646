// Anthropic on either side of the gateway, through the official SDKs: the openai SDK against an
// Anthropic upstream (translated both ways), and @anthropic-ai/sdk on /v1/messages against an
// Anthropic upstream (passed through) and an OpenAI-compatible one (translated). The upstream is
// the loopback mock, scripted with Anthropic's and OpenAI's real wire shapes: Anthropic's API
// cannot be reached from here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { startGateway, type GatewayFixture } from '../helpers/gateway.ts';
import { MOCK_CLAUDE_MODEL, chatChunk, chatToolCallAnswer, claudeEvents, claudeMessage } from '../helpers/llmWire.ts';

type Json = Record<string, unknown>;

const CLAUDE = MOCK_CLAUDE_MODEL;
const CLAUDE_MODEL = `@anthropic-provider/${CLAUDE}`;
const ANTHROPIC_KEY = 'sk-ant-mock-0001';
const OPENAI_KEY = 'sk-mock-secret-0001';
// A 1×1 PNG.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const WEATHER_SCHEMA = { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] };

let g: GatewayFixture;
beforeAll(async () => {
  g = await startGateway();
  await g.addProvider({ slug: 'anthropic-provider', aiProvider: 'anthropic', key: ANTHROPIC_KEY });
  await g.addProvider({ slug: 'local-openai', key: OPENAI_KEY });
});
afterAll(async () => {
  await g.close();
});

let traces = 0;
const newTrace = () => `trace-anthropic-${Date.now()}-${++traces}`;

/** @anthropic-ai/sdk against the gateway; by default the workspace key goes as the SDK's apiKey. */
function anthropic(options: { apiKey?: string | null; authToken?: string; headers?: Record<string, string> } = {}) {
  return new Anthropic({
    baseURL: g.url,
    apiKey: options.apiKey === undefined ? g.credentials.workspace_api_key : options.apiKey,
    authToken: options.authToken ?? null,
    defaultHeaders: options.headers,
    maxRetries: 0,
  });
}

const lastUpstream = () => g.mock.requests.at(-1)!;

const weatherTool = {
  type: 'function' as const,
  function: { name: 'get_weather', description: 'Weather for a city', parameters: WEATHER_SCHEMA },
};

describe('openai SDK to an Anthropic upstream', () => {
  it('sends a valid Messages request and maps the answer back to a chat.completion', async () => {
    g.mock.next({
      body: claudeMessage(
        [
          { type: 'text', text: 'Let me check Bergen too.' },
          { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: { city: 'Bergen' } },
        ],
        'tool_use',
        { input_tokens: 12, output_tokens: 30, cache_read_input_tokens: 100, cache_creation_input_tokens: 50 },
      ),
    });
    const res = await g.openai().chat.completions.create({
      model: CLAUDE_MODEL,
      messages: [
        { role: 'system', content: 'You are terse.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this picture, and the weather in Oslo?' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }],
        },
        { role: 'tool', tool_call_id: 'toolu_1', content: '12°C, rain' },
      ],
      tools: [weatherTool],
      tool_choice: 'auto',
    });

    const up = lastUpstream();
    expect(up.path).toBe('/v1/messages');
    expect(up.headers['x-api-key']).toBe(ANTHROPIC_KEY);
    expect(up.headers['anthropic-version']).toBe('2023-06-01');
    expect(up.headers.authorization).toBeUndefined();
    expect(JSON.stringify(up.headers)).not.toContain(g.credentials.workspace_api_key);
    expect(up.body).toEqual({
      model: CLAUDE,
      max_tokens: 4096,
      system: 'You are terse.',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this picture, and the weather in Oslo?' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
          ],
        },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Oslo' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '12°C, rain' }] },
      ],
      tools: [{ name: 'get_weather', description: 'Weather for a city', input_schema: WEATHER_SCHEMA }],
      tool_choice: { type: 'auto' },
    });

    expect(res.object).toBe('chat.completion');
    expect(res.choices).toHaveLength(1);
    expect(res.choices[0]).toMatchObject({
      index: 0,
      finish_reason: 'tool_calls',
      message: {
        role: 'assistant',
        content: 'Let me check Bergen too.',
        tool_calls: [{ id: 'toolu_2', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Bergen"}' } }],
      },
    });
    // Anthropic's input_tokens leaves out the cache; prompt_tokens, as OpenAI counts, includes it.
    expect(res.usage).toMatchObject({
      prompt_tokens: 162,
      completion_tokens: 30,
      total_tokens: 192,
      prompt_tokens_details: { cached_tokens: 100 },
      cache_read_input_tokens: 100,
      cache_creation_input_tokens: 50,
    });
  });

  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['tool_use', 'tool_calls'],
  ])('maps stop_reason %s to finish_reason %s', async (stopReason, finishReason) => {
    g.mock.next({ body: claudeMessage([{ type: 'text', text: 'ok' }], stopReason) });
    const res = await g.openai().chat.completions.create({
      model: CLAUDE_MODEL,
      messages: [{ role: 'user', content: 'x' }],
      max_completion_tokens: 300,
      stop: ['END'],
    });
    expect(res.choices[0]!.finish_reason).toBe(finishReason);
    expect(lastUpstream().body).toMatchObject({ max_tokens: 300, stop_sequences: ['END'] });
  });

  it('streams chat.completion.chunk in order, with finish_reason and the usage chunk asked for', async () => {
    g.mock.next({
      events: claudeEvents([{ text: ['Hel', 'lo ', 'world'] }], 'end_turn', {
        input_tokens: 7,
        output_tokens: 3,
        cache_read_input_tokens: 20,
        cache_creation_input_tokens: 0,
      }),
    });
    const stream = await g.openai().chat.completions.create({
      model: CLAUDE_MODEL,
      messages: [{ role: 'user', content: 'say hello' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const c of stream) chunks.push(c);

    const up = lastUpstream().body as Json;
    expect(up.stream).toBe(true);
    // Anthropic always reports usage and rejects OpenAI's stream_options.
    expect(up).not.toHaveProperty('stream_options');

    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks[0]!.choices[0]!.delta.role).toBe('assistant');
    const pieces = chunks.flatMap((c) => (c.choices[0]?.delta.content ? [c.choices[0].delta.content] : []));
    expect(pieces).toEqual(['Hel', 'lo ', 'world']);
    const finishAt = chunks.findIndex((c) => c.choices[0]?.finish_reason);
    expect(chunks[finishAt]!.choices[0]!.finish_reason).toBe('stop');
    // The usage chunk is last, after the finish, with no choices.
    const last = chunks.at(-1)!;
    expect(chunks.length - 1).toBeGreaterThan(finishAt);
    expect(last.choices).toEqual([]);
    expect(last.usage).toMatchObject({
      prompt_tokens: 27,
      completion_tokens: 3,
      total_tokens: 30,
      prompt_tokens_details: { cached_tokens: 20 },
    });
  });

  it('sends no usage chunk unless asked, and maps max_tokens to length', async () => {
    g.mock.next({ events: claudeEvents([{ text: ['cut ', 'sho'] }], 'max_tokens', { input_tokens: 3, output_tokens: 2 }) });
    const stream = await g
      .openai()
      .chat.completions.create({ model: CLAUDE_MODEL, messages: [{ role: 'user', content: 'x' }], stream: true });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const c of stream) chunks.push(c);
    expect(chunks.some((c) => c.usage)).toBe(false);
    expect(chunks.every((c) => c.choices.length === 1)).toBe(true);
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe('length');
  });

  it('streams tool calls that the SDK stream helper assembles', async () => {
    g.mock.next({
      events: claudeEvents(
        [{ text: ['Checking.'] }, { toolUse: { id: 'toolu_9', name: 'get_weather' }, json: ['{"ci', 'ty": "Os', 'lo"}'] }],
        'tool_use',
        { input_tokens: 30, output_tokens: 12 },
      ),
    });
    const stream = g.openai().chat.completions.stream({
      model: CLAUDE_MODEL,
      messages: [{ role: 'user', content: 'weather in Oslo?' }],
      tools: [weatherTool],
    });
    const final = await stream.finalChatCompletion();
    const choice = final.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBe('Checking.');
    expect(choice.message.tool_calls).toEqual([
      { id: 'toolu_9', type: 'function', function: { name: 'get_weather', arguments: '{"city": "Oslo"}' } },
    ]);
  });

  it('surfaces an Anthropic `event: error` mid-stream as an error in the SDK', async () => {
    const traceId = newTrace();
    const events = claudeEvents([{ text: ['partial ', 'never'] }], 'end_turn', { input_tokens: 1, output_tokens: 1 });
    // message_start, ping, block start, first delta, then Anthropic gives up.
    g.mock.next({
      events: [
        ...events.slice(0, 4),
        { event: 'error', data: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } },
      ],
    });
    const stream = await g.openai({ headers: { 'x-portkey-trace-id': traceId } }).chat.completions.create({
      model: CLAUDE_MODEL,
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    });
    const got: string[] = [];
    const run = async () => {
      for await (const c of stream) if (c.choices[0]?.delta?.content) got.push(c.choices[0].delta.content);
    };
    const err = await run().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as InstanceType<typeof OpenAI.APIError>).message).toBe('Overloaded');
    expect((err as InstanceType<typeof OpenAI.APIError>).type).toBe('overloaded_error');
    expect(got).toEqual(['partial ']);

    const log = await g.logByTrace(traceId);
    expect(log.metrics).toMatchObject({ is_success: false, stream_mode: true, error_message: 'Overloaded' });
  });
});

describe('@anthropic-ai/sdk on /v1/messages', () => {
  describe('authentication as the SDK sends it', () => {
    it.each([
      ['apiKey (x-api-key)', () => anthropic()],
      ['authToken (Authorization: Bearer)', () => anthropic({ apiKey: null, authToken: g.credentials.workspace_api_key })],
      [
        'x-portkey-api-key beside a dummy apiKey',
        () => anthropic({ apiKey: 'dummy', headers: { 'x-portkey-api-key': g.credentials.workspace_api_key } }),
      ],
    ])('accepts the workspace key as %s and sends only the provider key upstream', async (_, client) => {
      await client().messages.create({ model: CLAUDE_MODEL, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });
      const up = lastUpstream();
      expect(up.headers['x-api-key']).toBe(ANTHROPIC_KEY);
      expect(JSON.stringify(up.headers)).not.toContain(g.credentials.workspace_api_key);
    });

    it('with x-portkey-provider: anthropic, the SDK apiKey is the provider key (Portkey style)', async () => {
      const client = anthropic({
        apiKey: 'sk-ant-inline-0002',
        headers: {
          'x-portkey-api-key': g.credentials.workspace_api_key,
          'x-portkey-provider': 'anthropic',
          'x-portkey-custom-host': `${g.mock.url}/v1`,
        },
      });
      await client.messages.create({ model: CLAUDE, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });
      expect(lastUpstream().headers['x-api-key']).toBe('sk-ant-inline-0002');
      expect(JSON.stringify(lastUpstream().headers)).not.toContain(g.credentials.workspace_api_key);
    });

    it('never forwards the workspace key as a provider key when it came in x-api-key', async () => {
      const client = anthropic({ headers: { 'x-portkey-provider': 'anthropic', 'x-portkey-custom-host': `${g.mock.url}/v1` } });
      await client.messages.create({ model: CLAUDE, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });
      expect(lastUpstream().headers['x-api-key']).toBeUndefined();
      expect(JSON.stringify(lastUpstream().headers)).not.toContain(g.credentials.workspace_api_key);
    });

    it('refuses a wrong key with the Anthropic error class', async () => {
      const err = await anthropic({ apiKey: 'pk-not-a-key' })
        .messages.create({ model: CLAUDE_MODEL, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Anthropic.AuthenticationError);
    });
  });

  describe('to an Anthropic upstream (passed through)', () => {
    it('passes the request and the answer through unchanged, but for the model name and keys', async () => {
      const answer = claudeMessage(
        [
          { type: 'thinking', thinking: 'The user greets me.', signature: 'sig-abc' },
          { type: 'text', text: 'Hi!' },
        ],
        'end_turn',
        { input_tokens: 9, output_tokens: 3, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
      );
      g.mock.next({ body: answer });
      const params = {
        max_tokens: 2048,
        system: [{ type: 'text' as const, text: 'Be kind.', cache_control: { type: 'ephemeral' as const } }],
        messages: [{ role: 'user' as const, content: 'hello' }],
        thinking: { type: 'enabled' as const, budget_tokens: 1024 },
        top_k: 5,
      };
      const msg = await anthropic({
        headers: { 'anthropic-version': '2023-06-01', 'anthropic-beta': 'interleaved-thinking-2025-05-14' },
      }).messages.create({
        model: CLAUDE_MODEL,
        ...params,
      });
      expect(msg).toEqual(answer);

      const up = lastUpstream();
      expect(up.path).toBe('/v1/messages');
      expect(up.body).toEqual({ model: CLAUDE, ...params });
      expect(up.headers['x-api-key']).toBe(ANTHROPIC_KEY);
      // The API version and betas are the client's to choose.
      expect(up.headers['anthropic-version']).toBe('2023-06-01');
      expect(up.headers['anthropic-beta']).toBe('interleaved-thinking-2025-05-14');
    });

    it('streams events through; the messages.stream() helper builds the final message', async () => {
      g.mock.next({
        events: claudeEvents(
          [{ text: ['Looking ', 'it up.'] }, { toolUse: { id: 'toolu_7', name: 'get_weather' }, json: ['{"city":', '"Oslo"}'] }],
          'tool_use',
          { input_tokens: 40, output_tokens: 15, cache_read_input_tokens: 5, cache_creation_input_tokens: 0 },
        ),
      });
      const texts: string[] = [];
      const stream = anthropic()
        .messages.stream({
          model: CLAUDE_MODEL,
          max_tokens: 256,
          messages: [{ role: 'user', content: 'weather in Oslo?' }],
          tools: [{ name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
        })
        .on('text', (t) => texts.push(t));
      const final = await stream.finalMessage();
      expect(texts).toEqual(['Looking ', 'it up.']);
      expect(final).toMatchObject({
        id: 'msg_stream',
        role: 'assistant',
        stop_reason: 'tool_use',
        content: [
          { type: 'text', text: 'Looking it up.' },
          { type: 'tool_use', id: 'toolu_7', name: 'get_weather', input: { city: 'Oslo' } },
        ],
        usage: { input_tokens: 40, output_tokens: 15, cache_read_input_tokens: 5 },
      });
      expect((lastUpstream().body as Json).stream).toBe(true);
    });

    it('passes count_tokens through to the provider', async () => {
      g.mock.next({ body: { input_tokens: 14 } });
      const counted = await anthropic().messages.countTokens({
        model: CLAUDE_MODEL,
        messages: [{ role: 'user', content: 'how many tokens?' }],
      });
      expect(counted).toEqual({ input_tokens: 14 });
      const up = lastUpstream();
      expect(up.path).toBe('/v1/messages/count_tokens');
      expect(up.body).toEqual({ model: CLAUDE, messages: [{ role: 'user', content: 'how many tokens?' }] });
      expect(up.headers['x-api-key']).toBe(ANTHROPIC_KEY);
    });

    it('surfaces an upstream `event: error` mid-stream as an Anthropic APIError', async () => {
      const events = claudeEvents([{ text: ['so ', 'far'] }], 'end_turn', { input_tokens: 1, output_tokens: 1 });
      g.mock.next({
        events: [
          ...events.slice(0, 4),
          { event: 'error', data: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } },
        ],
      });
      const stream = anthropic().messages.stream({ model: CLAUDE_MODEL, max_tokens: 16, messages: [{ role: 'user', content: 'x' }] });
      const err = await stream.finalMessage().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Anthropic.APIError);
      expect((err as InstanceType<typeof Anthropic.APIError>).type).toBe('overloaded_error');
      expect((err as Error).message).toContain('Overloaded');
    });
  });

  it.each([
    ['an Anthropic upstream', CLAUDE_MODEL],
    ['an OpenAI-compatible upstream', '@local-openai/gpt-4o'],
  ])('reports %s that dies mid-stream as an Anthropic api_error event', async (_, model) => {
    g.mock.next({ chunks: ['one ', 'two ', 'three'], dieAfterChunks: 1 });
    const texts: string[] = [];
    const stream = anthropic()
      .messages.stream({ model, max_tokens: 16, messages: [{ role: 'user', content: 'x' }] })
      .on('text', (t) => texts.push(t));
    const err = await stream.finalMessage().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.APIError);
    // Anthropic clients switch on these types; the gateway's own names must not leak into them.
    expect((err as InstanceType<typeof Anthropic.APIError>).type).toBe('api_error');
    expect((err as Error).message).toMatch(/Could not reach|closed/);
    expect(texts).toEqual(['one ']);
  });

  describe('to an OpenAI-compatible upstream (translated)', () => {
    it('translates a plain request and its answer', async () => {
      const msg = await anthropic().messages.create({
        model: '@local-openai/gpt-4o',
        max_tokens: 100,
        system: 'Be brief.',
        messages: [{ role: 'user', content: 'hello there' }],
        stop_sequences: ['END'],
      });
      const up = lastUpstream();
      expect(up.path).toBe('/v1/chat/completions');
      expect(up.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
      expect(up.headers['x-api-key']).toBeUndefined();
      expect(up.body).toEqual({
        model: 'gpt-4o',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'hello there' },
        ],
        max_tokens: 100,
        stop: ['END'],
      });
      // The mock counts words: 2 in the system prompt, 2 in the question, 3 in the answer.
      expect(msg).toMatchObject({
        type: 'message',
        role: 'assistant',
        content: [{ type: 'text', text: 'echo: hello there' }],
        stop_reason: 'end_turn',
        usage: { input_tokens: 4, output_tokens: 3 },
      });
    });

    it('streams a translated answer the messages.stream() helper understands', async () => {
      const texts: string[] = [];
      const stream = anthropic()
        .messages.stream({ model: '@local-openai/gpt-4o', max_tokens: 50, messages: [{ role: 'user', content: 'stream please' }] })
        .on('text', (t) => texts.push(t));
      const final = await stream.finalMessage();
      expect(lastUpstream().body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
      expect(texts.join('')).toBe('echo: stream please');
      expect(final).toMatchObject({
        role: 'assistant',
        content: [{ type: 'text', text: 'echo: stream please' }],
        stop_reason: 'end_turn',
        usage: { input_tokens: 2, output_tokens: 3 },
      });
    });

    it('translates tools, tool results and tool calls (JSON)', async () => {
      g.mock.next({
        body: chatToolCallAnswer('call_2', '{"city":"Bergen"}', { prompt_tokens: 50, completion_tokens: 10, total_tokens: 60 }),
      });
      const msg = await anthropic().messages.create({
        model: '@local-openai/gpt-4o',
        max_tokens: 100,
        tools: [{ name: 'get_weather', description: 'Weather for a city', input_schema: WEATHER_SCHEMA }],
        tool_choice: { type: 'any' },
        messages: [
          { role: 'user', content: 'Weather in Oslo and Bergen?' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Oslo' } }] },
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 'call_1', content: '12°C, rain' },
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
            ],
          },
        ],
      });

      expect(lastUpstream().body).toEqual({
        model: 'gpt-4o',
        max_tokens: 100,
        messages: [
          { role: 'user', content: 'Weather in Oslo and Bergen?' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }],
          },
          { role: 'tool', tool_call_id: 'call_1', content: '12°C, rain' },
          { role: 'user', content: [{ type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } }] },
        ],
        tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather for a city', parameters: WEATHER_SCHEMA } }],
        tool_choice: 'required',
      });
      expect(msg).toMatchObject({
        stop_reason: 'tool_use',
        content: [{ type: 'tool_use', id: 'call_2', name: 'get_weather', input: { city: 'Bergen' } }],
        usage: { input_tokens: 50, output_tokens: 10 },
      });
    });

    it('translates streamed tool calls', async () => {
      g.mock.next({
        events: [
          chatChunk({ role: 'assistant', content: '' }),
          chatChunk({ content: 'On it.' }),
          chatChunk({ tool_calls: [{ index: 0, id: 'call_5', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
          chatChunk({ tool_calls: [{ index: 0, function: { arguments: '{"city"' } }] }),
          chatChunk({ tool_calls: [{ index: 0, function: { arguments: ':"Oslo"}' } }] }),
          chatChunk({}, 'tool_calls'),
          {
            data: {
              id: 'chatcmpl-s',
              object: 'chat.completion.chunk',
              created: 1,
              model: 'gpt-4o',
              choices: [],
              usage: { prompt_tokens: 21, completion_tokens: 9, total_tokens: 30 },
            },
          },
          { data: '[DONE]' },
        ],
      });
      const final = await anthropic()
        .messages.stream({
          model: '@local-openai/gpt-4o',
          max_tokens: 100,
          tools: [{ name: 'get_weather', input_schema: WEATHER_SCHEMA }],
          messages: [{ role: 'user', content: 'weather in Oslo?' }],
        })
        .finalMessage();
      expect(final).toMatchObject({
        stop_reason: 'tool_use',
        content: [
          { type: 'text', text: 'On it.' },
          { type: 'tool_use', id: 'call_5', name: 'get_weather', input: { city: 'Oslo' } },
        ],
        usage: { input_tokens: 21, output_tokens: 9 },
      });
    });
  });
});

describe('upstream errors reach each SDK as its own error class', () => {
  const cases = [
    { status: 400, type: 'invalid_request_error', openai: OpenAI.BadRequestError, anthropic: Anthropic.BadRequestError },
    { status: 429, type: 'rate_limit_error', openai: OpenAI.RateLimitError, anthropic: Anthropic.RateLimitError },
    { status: 529, type: 'overloaded_error', openai: OpenAI.InternalServerError, anthropic: Anthropic.OverloadedError },
  ];
  const upstreamError = (status: number, type: string) => ({
    status,
    body: { type: 'error', error: { type, message: `Anthropic said ${status}` } },
  });

  it.each(cases)('Anthropic $status to the openai SDK', async ({ status, type, openai }) => {
    g.mock.next(upstreamError(status, type));
    const err = await g
      .openai()
      .chat.completions.create({ model: CLAUDE_MODEL, messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(openai);
    const e = err as InstanceType<typeof OpenAI.APIError>;
    expect(e.status).toBe(status);
    expect(e.message).toContain(`Anthropic said ${status}`);
    expect(e.type).toBe(type);
  });

  it.each(cases)('Anthropic $status to the Anthropic SDK', async ({ status, type, anthropic: errorClass }) => {
    g.mock.next(upstreamError(status, type));
    const err = await anthropic()
      .messages.create({ model: CLAUDE_MODEL, max_tokens: 16, messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(errorClass);
    const e = err as InstanceType<typeof Anthropic.APIError>;
    expect(e.status).toBe(status);
    expect(e.type).toBe(type);
    expect(e.message).toContain(`Anthropic said ${status}`);
  });

  it('an error answer to a streaming request is an error response, not a stream, for both SDKs', async () => {
    g.mock.next(upstreamError(429, 'rate_limit_error'), upstreamError(529, 'overloaded_error'));
    const openaiErr = await g
      .openai()
      .chat.completions.create({ model: CLAUDE_MODEL, messages: [{ role: 'user', content: 'x' }], stream: true })
      .catch((e: unknown) => e);
    expect(openaiErr).toBeInstanceOf(OpenAI.RateLimitError);
    expect((openaiErr as Error).message).toContain('Anthropic said 429');
    const anthropicErr = await anthropic()
      .messages.stream({ model: CLAUDE_MODEL, max_tokens: 16, messages: [{ role: 'user', content: 'x' }] })
      .finalMessage()
      .catch((e: unknown) => e);
    expect(anthropicErr).toBeInstanceOf(Anthropic.OverloadedError);
    expect((anthropicErr as Error).message).toContain('Anthropic said 529');
  });

  it('an OpenAI-style 429 from an OpenAI-compatible upstream reaches the Anthropic SDK as a RateLimitError', async () => {
    g.mock.next({
      status: 429,
      body: { error: { message: 'slow down please', type: 'requests', code: 'rate_limit_exceeded', param: null } },
    });
    const err = await anthropic()
      .messages.create({ model: '@local-openai/gpt-4o', max_tokens: 16, messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.RateLimitError);
    expect((err as InstanceType<typeof Anthropic.APIError>).type).toBe('rate_limit_error');
    expect((err as Error).message).toContain('slow down please');
  });

  it('a gateway error (unknown provider) reaches the Anthropic SDK in Anthropic shape', async () => {
    const err = await anthropic()
      .messages.create({ model: '@nope/claude', max_tokens: 16, messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.NotFoundError);
    const body = (err as InstanceType<typeof Anthropic.APIError>).error as { type: string; error: { type: string; message: string } };
    expect(body).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
    expect(body.error.message).toContain('"@nope"');
  });
});

describe('the request log', () => {
  // claude-3-5-sonnet-20241022 in bundled-configs/pricing/anthropic.json, in cents per token.
  const price = { input: 0.0003, output: 0.0015, cacheRead: 0.00003, cacheWrite: 0.000375, cacheWrite1h: 0.0006 };

  it('records provider, model, tokens with the cache parts, and the cost of a priced Claude model', async () => {
    const traceId = newTrace();
    const usage = { input_tokens: 12, output_tokens: 30, cache_read_input_tokens: 100, cache_creation_input_tokens: 50 };
    g.mock.next({ body: claudeMessage([{ type: 'text', text: 'ok' }], 'end_turn', usage) });
    const { response } = await g
      .openai({ headers: { 'x-portkey-trace-id': traceId } })
      .chat.completions.create({ model: CLAUDE_MODEL, messages: [{ role: 'user', content: 'x' }] })
      .withResponse();
    expect(response.headers.get('x-portkey-trace-id')).toBe(traceId);
    expect(response.headers.get('x-portkey-provider')).toBe('anthropic');

    const log = await g.logByTrace(traceId);
    expect(log.metrics).toMatchObject({
      ai_org: 'anthropic',
      ai_model: CLAUDE,
      virtual_key: 'anthropic-provider',
      req_units: 162,
      res_units: 30,
      total_units: 192,
      cache_read_units: 100,
      cache_write_units: 50,
      is_priced: true,
      is_success: true,
      stream_mode: false,
    });
    const expected = 12 * price.input + 30 * price.output + 100 * price.cacheRead + 50 * price.cacheWrite;
    expect(log.metrics.cost as number).toBeGreaterThan(0);
    expect(log.metrics.cost as number).toBeCloseTo(expected, 6);
    // The log keeps both sides of the translation.
    expect((log.transformedRequest as { body: Json }).body).toMatchObject({ model: CLAUDE, max_tokens: 4096 });
    expect((log.originalResponse as { body: Json }).body).toMatchObject({ type: 'message', usage });
  });

  it.each([
    ['/v1/chat/completions', false],
    ['/v1/chat/completions', true],
    ['/v1/messages', false],
    ['/v1/messages', true],
  ])('prices 1-hour cache writes at their own rate: %s, stream %s', async (path, stream) => {
    const traceId = newTrace();
    const usage = {
      input_tokens: 12,
      output_tokens: 30,
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 50,
      cache_creation: { ephemeral_5m_input_tokens: 10, ephemeral_1h_input_tokens: 40 },
    };
    if (stream) g.mock.next({ events: claudeEvents([{ text: ['ok'] }], 'end_turn', usage) });
    else g.mock.next({ body: claudeMessage([{ type: 'text', text: 'ok' }], 'end_turn', usage) });
    const res = await g.post(
      path,
      { model: CLAUDE_MODEL, max_tokens: 16, messages: [{ role: 'user', content: 'x' }], stream },
      { 'x-portkey-trace-id': traceId },
    );
    expect(res.status).toBe(200);
    await res.text();
    const log = await g.logByTrace(traceId);
    expect(log.metrics).toMatchObject({ req_units: 62, cache_write_units: 50 });
    // additional_units.cache_write_1h in the pricing file.
    expect(log.metrics.cost as number).toBeCloseTo(
      12 * price.input + 30 * price.output + 10 * price.cacheWrite + 40 * price.cacheWrite1h,
      6,
    );
  });

  it('keeps the reassembled chat.completion of a stream from Anthropic, with its usage', async () => {
    const traceId = newTrace();
    g.mock.next({
      events: claudeEvents(
        [{ text: ['Stream', 'ed ', 'answer'] }, { toolUse: { id: 'toolu_3', name: 'get_weather' }, json: ['{"city":"Oslo"}'] }],
        'tool_use',
        { input_tokens: 8, output_tokens: 6, cache_read_input_tokens: 0, cache_creation_input_tokens: 40 },
      ),
    });
    const stream = await g.openai({ headers: { 'x-portkey-trace-id': traceId } }).chat.completions.create({
      model: CLAUDE_MODEL,
      messages: [{ role: 'user', content: 'x' }],
      tools: [weatherTool],
      stream: true,
    });
    for await (const c of stream) void c;

    const log = await g.logByTrace(traceId);
    expect(log.metrics).toMatchObject({
      ai_org: 'anthropic',
      ai_model: CLAUDE,
      req_units: 48,
      res_units: 6,
      cache_write_units: 40,
      stream_mode: true,
      is_success: true,
    });
    expect(log.metrics.cost as number).toBeCloseTo(8 * price.input + 6 * price.output + 40 * price.cacheWrite, 6);
    expect((log.response as { body: Json }).body).toMatchObject({
      object: 'chat.completion',
      choices: [
        {
          message: {
            role: 'assistant',
            content: 'Streamed answer',
            tool_calls: [{ id: 'toolu_3', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }],
          },
          finish_reason: 'tool_calls',
        },
      ],
      usage: { prompt_tokens: 48, completion_tokens: 6, cache_creation_input_tokens: 40 },
    });
  });

  it('keeps the reassembled Anthropic message of a /v1/messages stream', async () => {
    const traceId = newTrace();
    g.mock.next({
      events: claudeEvents([{ text: ['All ', 'done.'] }], 'end_turn', { input_tokens: 11, output_tokens: 2, cache_read_input_tokens: 30 }),
    });
    await anthropic()
      .messages.stream(
        { model: CLAUDE_MODEL, max_tokens: 16, messages: [{ role: 'user', content: 'x' }] },
        { headers: { 'x-portkey-trace-id': traceId } },
      )
      .finalMessage();

    const log = await g.logByTrace(traceId);
    expect(log.metrics).toMatchObject({
      ai_org: 'anthropic',
      ai_model: CLAUDE,
      endpoint: 'messages',
      req_units: 41,
      res_units: 2,
      cache_read_units: 30,
      is_priced: true,
      stream_mode: true,
    });
    expect(log.metrics.cost as number).toBeCloseTo(11 * price.input + 2 * price.output + 30 * price.cacheRead, 6);
    expect((log.response as { body: Json }).body).toMatchObject({
      id: 'msg_stream',
      role: 'assistant',
      content: [{ type: 'text', text: 'All done.' }],
      stop_reason: 'end_turn',
      usage: { input_tokens: 11, output_tokens: 2, cache_read_input_tokens: 30 },
    });
  });
});
