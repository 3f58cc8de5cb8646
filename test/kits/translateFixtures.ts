// Test-only: realistic upstream streams in both formats, and a loopback HTTP server that replays a
// fixed SSE body so the official OpenAI and Anthropic SDKs can read what the translators produce.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const ev = (name: string, data: object | string) => `event: ${name}\ndata: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;

/**
 * An Anthropic stream as the API sends it: thinking, text with multi-byte characters, a tool call
 * whose input arrives in pieces (the first one empty), pings, cache usage at the start and the
 * output count at the end.
 */
export const ANTHROPIC_TOOL_STREAM =
  ev('message_start', {
    type: 'message_start',
    message: {
      id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5-20250929',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 472, cache_creation_input_tokens: 100, cache_read_input_tokens: 2000, output_tokens: 2 },
    },
  }) +
  ev('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } }) +
  ev('ping', '{"type": "ping"}') +
  ev('content_block_delta', {
    type: 'content_block_delta',
    index: 0,
    delta: { type: 'thinking_delta', thinking: 'The user wants the weather.' },
  }) +
  ev('content_block_delta', {
    type: 'content_block_delta',
    index: 0,
    delta: { type: 'signature_delta', signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds' },
  }) +
  ev('content_block_stop', { type: 'content_block_stop', index: 0 }) +
  ev('content_block_start', { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } }) +
  ev('content_block_delta', { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Checking the weather in ' } }) +
  ev('content_block_delta', { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Zürich — 東京 too 🙂' } }) +
  ev('content_block_stop', { type: 'content_block_stop', index: 1 }) +
  ev('content_block_start', {
    type: 'content_block_start',
    index: 2,
    content_block: { type: 'tool_use', id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', name: 'get_weather', input: {} },
  }) +
  ev('content_block_delta', { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '' } }) +
  ev('content_block_delta', { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"location":' } }) +
  ev('content_block_delta', {
    type: 'content_block_delta',
    index: 2,
    delta: { type: 'input_json_delta', partial_json: ' "Zürich", "unit": "celsius"}' },
  }) +
  ev('content_block_stop', { type: 'content_block_stop', index: 2 }) +
  ev('message_delta', { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 89 } }) +
  ev('message_stop', { type: 'message_stop' });

/** The same stream cut off by an overloaded error after the first text delta. */
export const ANTHROPIC_ERROR_STREAM =
  ANTHROPIC_TOOL_STREAM.slice(
    0,
    ANTHROPIC_TOOL_STREAM.indexOf('event: content_block_delta\ndata: {"type":"content_block_delta","index":1'),
  ) + ev('error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });

const chunk = (delta: object, finish: string | null = null, extra: object = {}) =>
  `data: ${JSON.stringify({
    id: 'chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG',
    object: 'chat.completion.chunk',
    created: 1741570283,
    model: 'gpt-4o-2024-08-06',
    system_fingerprint: 'fp_eb9dce56a8',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...extra,
  })}\n\n`;

/**
 * An OpenAI stream as the API sends it with include_usage: role chunk, text, two parallel tool
 * calls whose arguments arrive in pieces, the finish chunk, the usage chunk and [DONE].
 */
export const OPENAI_TOOL_STREAM =
  chunk({ role: 'assistant', content: '', refusal: null }) +
  chunk({ content: 'Checking ' }) +
  chunk({ content: 'Zürich — 東京 🙂' }) +
  chunk({ tool_calls: [{ index: 0, id: 'call_weather', type: 'function', function: { name: 'get_weather', arguments: '' } }] }) +
  chunk({ tool_calls: [{ index: 0, function: { arguments: '{"location"' } }] }) +
  chunk({ tool_calls: [{ index: 0, function: { arguments: ':"Zürich"}' } }] }) +
  chunk({ tool_calls: [{ index: 1, id: 'call_time', type: 'function', function: { name: 'get_time', arguments: '' } }] }) +
  chunk({ tool_calls: [{ index: 1, function: { arguments: '{"tz":"CET"}' } }] }) +
  chunk({}, 'tool_calls') +
  `data: ${JSON.stringify({
    id: 'chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG',
    object: 'chat.completion.chunk',
    created: 1741570283,
    model: 'gpt-4o-2024-08-06',
    choices: [],
    usage: { prompt_tokens: 1200, completion_tokens: 40, total_tokens: 1240, prompt_tokens_details: { cached_tokens: 1024 } },
  })}\n\n` +
  'data: [DONE]\n\n';

/** A vLLM-style stream: reasoning first (as `reasoning_content`), then the answer. */
export const OPENAI_REASONING_STREAM =
  chunk({ role: 'assistant', content: '' }) +
  chunk({ reasoning_content: 'Two plus two ' }) +
  chunk({ reasoning_content: 'is four.' }) +
  chunk({ content: '4' }) +
  chunk({}, 'stop', { usage: { prompt_tokens: 10, completion_tokens: 7, total_tokens: 17 } }) +
  'data: [DONE]\n\n';

/** An upstream that fails mid-answer with an OpenAI error payload. */
export const OPENAI_ERROR_STREAM =
  chunk({ role: 'assistant', content: '' }) +
  chunk({ content: 'Partial' }) +
  `data: ${JSON.stringify({ error: { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: null } })}\n\n`;

export interface SseServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `body` as text/event-stream, written in small pieces, to every request. */
export async function serveSse(body: string): Promise<SseServer> {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      // Odd-sized pieces so the SDKs' own parsers see events split across reads.
      const bytes = Buffer.from(body);
      for (let i = 0; i < bytes.length; i += 37) res.write(bytes.subarray(i, i + 37));
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
