// The replays are read by the real OpenAI and Anthropic SDKs from a loopback server, the way a
// client reads a cache hit on a streaming request.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { createSseParser } from '../sse.ts';
import type { ChatCompletion } from '../translate/openaiTypes.ts';
import type { MessagesResponse } from '../translate/anthropicTypes.ts';
import {
  includeUsageRequested,
  replayAnthropicMessage,
  replayAsSse,
  replayChatCompletion,
  replayTextCompletion,
  textPieces,
  type TextCompletion,
} from './replay.ts';

const CHAT: ChatCompletion = {
  id: 'chatcmpl-cached1',
  object: 'chat.completion',
  created: 1741570283,
  model: 'gpt-4o-2024-08-06',
  system_fingerprint: 'fp_eb9dce56a8',
  choices: [
    {
      index: 0,
      message: {
        role: 'assistant',
        content: 'Checking the weather in Zürich — 東京 too 🙂. '.repeat(3),
        refusal: null,
        annotations: [],
        tool_calls: [
          { id: 'call_weather', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Zürich","unit":"celsius"}' } },
          { id: 'call_time', type: 'function', function: { name: 'get_time', arguments: '{"tz":"CET"}' } },
        ],
      },
      logprobs: null,
      finish_reason: 'tool_calls',
    },
  ],
  usage: { prompt_tokens: 176, completion_tokens: 40, total_tokens: 216, prompt_tokens_details: { cached_tokens: 0 } },
};

const TWO_CHOICES: ChatCompletion = {
  ...CHAT,
  choices: [
    { index: 0, message: { role: 'assistant', content: 'First answer.' }, finish_reason: 'stop', logprobs: null },
    { index: 1, message: { role: 'assistant', content: 'Second answer, cut short' }, finish_reason: 'length', logprobs: null },
  ],
};

const COMPLETION: TextCompletion = {
  id: 'cmpl-cached1',
  object: 'text_completion',
  created: 1741570283,
  model: 'gpt-3.5-turbo-instruct',
  choices: [{ index: 0, text: '\n\nThis is indeed a test — ünïcödé 🙂', finish_reason: 'stop', logprobs: null }],
  usage: { prompt_tokens: 5, completion_tokens: 9, total_tokens: 14 },
};

const MESSAGE: MessagesResponse = {
  id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5-20250929',
  content: [
    { type: 'thinking', thinking: 'The user wants the weather.', signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds' },
    { type: 'text', text: 'Checking the weather in Zürich — 東京 too 🙂' },
    { type: 'tool_use', id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', name: 'get_weather', input: { location: 'Zürich', unit: 'celsius' } },
  ],
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: { input_tokens: 472, cache_creation_input_tokens: 100, cache_read_input_tokens: 2000, output_tokens: 89 },
};

interface Loopback {
  url: string;
  close(): Promise<void>;
}

/** Serves `body` as text/event-stream to any request, in odd-sized writes. */
async function serve(body: string): Promise<Loopback> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const bytes = Buffer.from(body);
      for (let i = 0; i < bytes.length; i += 37) res.write(bytes.subarray(i, i + 37));
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function events(sse: string) {
  const p = createSseParser();
  return [...p.push(sse), ...p.flush()];
}

describe('replay read by the OpenAI SDK', () => {
  let server: Loopback | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  async function openai(sse: string) {
    server = await serve(sse);
    return new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'test', maxRetries: 0 });
  }
  const params = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Weather?' }] };

  it('accumulates a chat replay into the cached completion (content in several chunks, tool calls)', async () => {
    const client = await openai(replayChatCompletion(CHAT, { chunkChars: 20 }));
    const final = await client.chat.completions.stream(params).finalChatCompletion();
    const message = CHAT.choices[0]?.message;
    expect(final.id).toBe(CHAT.id);
    expect(final.choices[0]?.message).toMatchObject({
      role: 'assistant',
      content: message?.content,
      tool_calls: message?.tool_calls,
      annotations: [],
    });
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('sends the usage chunk only when include_usage was asked for', async () => {
    const withUsage = await openai(replayChatCompletion(CHAT, { includeUsage: true }));
    const chunks = [];
    for await (const chunk of await withUsage.chat.completions.create({ ...params, stream: true, stream_options: { include_usage: true } }))
      chunks.push(chunk);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: CHAT.usage });
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);

    await server?.close();
    const without = await openai(replayChatCompletion(CHAT));
    const plain = [];
    for await (const chunk of await without.chat.completions.create({ ...params, stream: true })) plain.push(chunk);
    expect(plain.some((c) => 'usage' in c)).toBe(false);
    expect(plain.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('replays every choice of an n > 1 completion', async () => {
    const client = await openai(replayChatCompletion(TWO_CHOICES));
    const final = await client.chat.completions.stream({ ...params, n: 2 }).finalChatCompletion();
    expect(final.choices.map((c) => [c.message.content, c.finish_reason])).toEqual([
      ['First answer.', 'stop'],
      ['Second answer, cut short', 'length'],
    ]);
  });

  it('replays a refusal and reasoning_content', async () => {
    const refused: ChatCompletion = {
      ...CHAT,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: null, refusal: "I can't help with that.", reasoning_content: 'Policy says no.' },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
    };
    const client = await openai(replayChatCompletion(refused));
    const final = await client.chat.completions.stream(params).finalChatCompletion();
    expect(final.choices[0]?.message).toMatchObject({ refusal: "I can't help with that.", reasoning_content: 'Policy says no.' });
  });

  it('replays a legacy completion', async () => {
    const client = await openai(replayTextCompletion(COMPLETION, { includeUsage: true, chunkChars: 8 }));
    let text = '';
    let finish: string | null = null;
    let usage: unknown = null;
    for await (const chunk of await client.completions.create({
      model: 'gpt-3.5-turbo-instruct',
      prompt: 'Say this is a test',
      stream: true,
    })) {
      text += chunk.choices[0]?.text ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      usage = chunk.usage ?? usage;
    }
    expect(text).toBe(COMPLETION.choices[0]?.text);
    expect(finish).toBe('stop');
    expect(usage).toEqual(COMPLETION.usage);
  });
});

describe('replay read by the Anthropic SDK', () => {
  let server: Loopback | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const params = { model: 'local-model', max_tokens: 256, messages: [{ role: 'user' as const, content: 'Weather?' }] };

  it('accumulates the replay into the cached message: thinking, text, tool_use, stop reason, usage', async () => {
    server = await serve(replayAnthropicMessage(MESSAGE, { chunkChars: 7 }));
    const client = new Anthropic({ baseURL: server.url, apiKey: 'test', maxRetries: 0 });
    const final = await client.messages.stream(params).finalMessage();
    expect(final).toMatchObject({
      id: MESSAGE.id,
      model: MESSAGE.model,
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: MESSAGE.usage,
    });
    expect(JSON.parse(JSON.stringify(final.content))).toEqual(MESSAGE.content);
  });

  it('replays citations and blocks that have no delta form', async () => {
    const cited: MessagesResponse = {
      ...MESSAGE,
      content: [
        { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'weather Zürich' } },
        {
          type: 'web_search_tool_result',
          tool_use_id: 'srvtoolu_1',
          content: [{ type: 'web_search_result', url: 'https://example.com', title: 'Weather', encrypted_content: 'abc', page_age: null }],
        },
        {
          type: 'text',
          text: 'It is sunny.',
          citations: [
            { type: 'web_search_result_location', url: 'https://example.com', title: 'Weather', encrypted_index: 'x', cited_text: 'sunny' },
          ],
        },
      ],
      stop_reason: 'end_turn',
    };
    server = await serve(replayAnthropicMessage(cited));
    const client = new Anthropic({ baseURL: server.url, apiKey: 'test', maxRetries: 0 });
    const final = await client.messages.stream(params).finalMessage();
    expect(JSON.parse(JSON.stringify(final.content))).toEqual(cited.content);
    expect(final.stop_reason).toBe('end_turn');
  });

  it('follows the event order of the API', () => {
    const names = events(replayAnthropicMessage(MESSAGE)).map((e) => e.event);
    expect(names[0]).toBe('message_start');
    expect(names.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(names.filter((n) => n === 'content_block_start')).toHaveLength(3);
    expect(names.filter((n) => n === 'content_block_stop')).toHaveLength(3);
    const start = JSON.parse(events(replayAnthropicMessage(MESSAGE))[0]?.data ?? '{}');
    expect(start.message).toMatchObject({ content: [], stop_reason: null, usage: { input_tokens: 472, output_tokens: 0 } });
  });
});

describe('replayAsSse', () => {
  it('picks the replay by the body it is given', () => {
    expect(replayAsSse(JSON.stringify(CHAT))).toBe(replayChatCompletion(CHAT));
    expect(replayAsSse(JSON.stringify(COMPLETION), { includeUsage: true })).toBe(replayTextCompletion(COMPLETION, { includeUsage: true }));
    expect(replayAsSse(JSON.stringify(MESSAGE))).toBe(replayAnthropicMessage(MESSAGE));
  });

  it('returns null for bodies with no stream form', () => {
    expect(replayAsSse(JSON.stringify({ object: 'list', data: [{ object: 'embedding', embedding: [0.1] }] }))).toBeNull();
    expect(replayAsSse('not json')).toBeNull();
    expect(replayAsSse('[]')).toBeNull();
  });

  it('ends OpenAI replays with [DONE]', () => {
    expect(replayChatCompletion(CHAT).endsWith('data: [DONE]\n\n')).toBe(true);
  });
});

describe('helpers', () => {
  it('includeUsageRequested reads stream_options.include_usage', () => {
    expect(includeUsageRequested({ stream: true, stream_options: { include_usage: true } })).toBe(true);
    expect(includeUsageRequested({ stream: true })).toBe(false);
    expect(includeUsageRequested(null)).toBe(false);
  });

  it('textPieces never splits a surrogate pair', () => {
    const text = '🙂🙂🙂a🙂';
    for (const size of [1, 2, 3, 4]) {
      const pieces = textPieces(text, size);
      expect(pieces.join('')).toBe(text);
      // A lone surrogate does not survive a UTF-8 round trip.
      for (const p of pieces) expect(Buffer.from(p).toString()).toBe(p);
    }
  });
});
