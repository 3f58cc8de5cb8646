// A real HTTP server on loopback that speaks enough of the OpenAI and Anthropic APIs for the
// gateway's tests: JSON and SSE answers, chosen statuses, delays, slow streams and streams that die.
// Tests script it (`mock.next(...)`) and read what it received (`mock.requests`).
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  rawBody: string;
  /** Path with the query string, as sent. */
  url: string;
}

export interface Behaviour {
  status?: number;
  /** JSON body (or a string sent as-is) instead of the default answer. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait before sending headers. */
  delayMs?: number;
  /** For streams: the text pieces to send (default: the echo answer split in words). */
  chunks?: string[];
  /** For streams: wait between events. */
  chunkDelayMs?: number;
  /** For streams: after the first content event, wait for this before sending the rest. */
  gate?: Promise<void>;
  /** For streams: destroy the socket after this many content events. */
  dieAfterChunks?: number;
  /** Accept the connection and never answer. */
  hang?: boolean;
  /** Omit usage from answers and streams (servers that do not report it). */
  noUsage?: boolean;
  /** Embeddings that depend on the text (letter counts), so similar texts get similar vectors. */
  letterEmbeddings?: boolean;
  /**
   * For streams: send exactly these SSE events instead of the echo answer, then close. `event`
   * names Anthropic-style events; `data` objects are JSON-encoded, strings sent as they are.
   */
  events?: { event?: string; data: unknown }[];
  /**
   * For streams: write exactly these pieces, one write each (with `chunkDelayMs` between), then
   * close. Bytes can split a character, as a real network does.
   */
  rawChunks?: (string | Uint8Array)[];
  /**
   * With `body`: announce the whole body's Content-Length, send only its first this many bytes,
   * then drop the connection (a server that dies mid-answer).
   */
  cutBodyAt?: number;
}

export interface MockLlm {
  url: string;
  requests: RecordedRequest[];
  /** Behaviours consumed in order by the next requests; afterwards the default echo answer. */
  next(...behaviours: Behaviour[]): void;
  /** Behaviour for every request once the queue is empty. */
  setDefault(behaviour: Behaviour): void;
  /** Connections currently open (to check that aborted requests were cut upstream). */
  openConnections(): number;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Json = Record<string, unknown>;

function lastUserText(body: Json): string {
  const messages = (body.messages as Json[] | undefined) ?? [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role !== 'user') continue;
    if (typeof m.content === 'string') return m.content;
    if (Array.isArray(m.content)) {
      return (m.content as Json[])
        .filter((p) => typeof p === 'object' && p !== null && p.type === 'text')
        .map((p) => p.text)
        .join(' ');
    }
  }
  return typeof body.prompt === 'string' ? body.prompt : '';
}

/** Word counts stand in for tokens, so tests can predict usage exactly. */
const words = (text: string) => (text.trim() ? text.trim().split(/\s+/).length : 0);

function promptWords(body: Json): number {
  const messages = (body.messages as Json[] | undefined) ?? [];
  let n = 0;
  for (const m of messages) n += words(typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? ''));
  if (typeof body.system === 'string') n += words(body.system);
  if (typeof body.prompt === 'string') n += words(body.prompt);
  return n;
}

export async function startMockLlm(): Promise<MockLlm> {
  const requests: RecordedRequest[] = [];
  const queue: Behaviour[] = [];
  let fallback: Behaviour = {};
  const sockets = new Set<Socket>();

  const answer = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    let body: Json = {};
    try {
      body = raw ? (JSON.parse(raw) as Json) : {};
    } catch {
      body = {};
    }
    const path = (req.url ?? '/').split('?')[0]!;
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body, rawBody: raw, url: req.url ?? '/' });
    const b = queue.shift() ?? fallback;
    if (b.hang) return;
    if (b.delayMs) await sleep(b.delayMs);
    if (res.destroyed) return;

    const status = b.status ?? 200;
    if (b.body !== undefined || status >= 400) {
      const payload =
        b.body !== undefined ? b.body : { error: { message: `mock failure ${status}`, type: 'server_error', param: null, code: null } };
      const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
      res.writeHead(status, {
        'content-type': typeof payload === 'string' ? 'text/html' : 'application/json',
        'x-mock-request-count': String(requests.length),
        ...(b.cutBodyAt !== undefined ? { 'content-length': String(Buffer.byteLength(text)) } : {}),
        ...b.headers,
      });
      if (b.cutBodyAt !== undefined) {
        await new Promise<void>((resolve) => res.write(Buffer.from(text).subarray(0, b.cutBodyAt), () => resolve()));
        await sleep(20);
        res.socket?.destroy();
        return;
      }
      res.end(text);
      return;
    }

    const anthropic = path.endsWith('/messages');
    const text = `echo: ${lastUserText(body)}`;
    const model = String(body.model ?? 'mock-model');
    const inputTokens = promptWords(body);
    const pieces = b.chunks ?? text.split(/(?<= )/);
    const outputTokens = words(pieces.join(''));
    const headers = { 'x-mock-request-count': String(requests.length), ...b.headers };

    if (path.endsWith('/embeddings')) {
      const inputs = Array.isArray(body.input) ? body.input : [body.input];
      res.writeHead(200, { 'content-type': 'application/json', ...headers });
      res.end(
        JSON.stringify({
          object: 'list',
          model,
          data: inputs.map((input, index) => ({
            object: 'embedding',
            index,
            embedding: b.letterEmbeddings ? letterCounts(String(input)) : [0.1, 0.2, 0.3],
          })),
          usage: b.noUsage
            ? undefined
            : {
                prompt_tokens: inputs.map(String).reduce((n, s) => n + words(s), 0),
                total_tokens: inputs.map(String).reduce((n, s) => n + words(s), 0),
              },
        }),
      );
      return;
    }

    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json', ...headers });
      if (anthropic) {
        res.end(
          JSON.stringify({
            id: 'msg_mock',
            type: 'message',
            role: 'assistant',
            model,
            content: [{ type: 'text', text: pieces.join('') }],
            stop_reason: 'end_turn',
            stop_sequence: null,
            usage: { input_tokens: inputTokens, output_tokens: outputTokens },
          }),
        );
      } else if (path.endsWith('/chat/completions')) {
        res.end(
          JSON.stringify({
            id: 'chatcmpl-mock',
            object: 'chat.completion',
            created: 1_700_000_000,
            model,
            choices: [{ index: 0, message: { role: 'assistant', content: pieces.join('') }, finish_reason: 'stop', logprobs: null }],
            usage: b.noUsage
              ? undefined
              : { prompt_tokens: inputTokens, completion_tokens: outputTokens, total_tokens: inputTokens + outputTokens },
          }),
        );
      } else if (path.endsWith('/completions')) {
        res.end(
          JSON.stringify({
            id: 'cmpl-mock',
            object: 'text_completion',
            created: 1_700_000_000,
            model,
            choices: [{ index: 0, text: pieces.join(''), finish_reason: 'stop', logprobs: null }],
            usage: b.noUsage
              ? undefined
              : { prompt_tokens: inputTokens, completion_tokens: outputTokens, total_tokens: inputTokens + outputTokens },
          }),
        );
      } else {
        // Anything else: say what arrived, so pass-through tests can compare.
        res.end(JSON.stringify({ echo: { method: req.method, path, body } }));
      }
      return;
    }

    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...headers });
    const send = (s: string | Uint8Array) => res.write(s);
    // A server that crashes mid-answer: what it sent reached the wire, then the connection drops.
    const die = async () => {
      await new Promise<void>((resolve) => res.write('', () => resolve()));
      await sleep(20);
      res.socket?.destroy();
    };
    const pause = async () => {
      if (b.chunkDelayMs) await sleep(b.chunkDelayMs);
    };
    if (b.rawChunks) {
      for (const piece of b.rawChunks) {
        await pause();
        if (res.destroyed) return;
        send(piece);
      }
      res.end();
      return;
    }
    if (b.events) {
      for (const e of b.events) {
        await pause();
        if (res.destroyed) return;
        const data = typeof e.data === 'string' ? e.data : JSON.stringify(e.data);
        send(`${e.event ? `event: ${e.event}\n` : ''}data: ${data}\n\n`);
      }
      res.end();
      return;
    }
    if (anthropic) {
      send(
        `event: message_start\ndata: ${JSON.stringify({ type: 'message_start', message: { id: 'msg_mock', type: 'message', role: 'assistant', model, content: [], stop_reason: null, usage: { input_tokens: inputTokens, output_tokens: 1 } } })}\n\n`,
      );
      send(
        `event: content_block_start\ndata: ${JSON.stringify({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } })}\n\n`,
      );
      for (const [i, piece] of pieces.entries()) {
        await pause();
        if (b.dieAfterChunks !== undefined && i >= b.dieAfterChunks) return die();
        if (res.destroyed) return;
        send(
          `event: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: piece } })}\n\n`,
        );
        if (i === 0 && b.gate) await b.gate;
      }
      send(`event: content_block_stop\ndata: ${JSON.stringify({ type: 'content_block_stop', index: 0 })}\n\n`);
      send(
        `event: message_delta\ndata: ${JSON.stringify({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: outputTokens } })}\n\n`,
      );
      send(`event: message_stop\ndata: ${JSON.stringify({ type: 'message_stop' })}\n\n`);
      res.end();
      return;
    }
    const base = { id: 'chatcmpl-mock', object: 'chat.completion.chunk', created: 1_700_000_000, model };
    const wantsUsage = (body.stream_options as Json | undefined)?.include_usage === true && !b.noUsage;
    send(
      `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] })}\n\n`,
    );
    for (const [i, piece] of pieces.entries()) {
      await pause();
      if (b.dieAfterChunks !== undefined && i >= b.dieAfterChunks) return die();
      if (res.destroyed) return;
      send(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] })}\n\n`);
      if (i === 0 && b.gate) await b.gate;
    }
    send(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
    if (wantsUsage) {
      send(
        `data: ${JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: inputTokens, completion_tokens: outputTokens, total_tokens: inputTokens + outputTokens } })}\n\n`,
      );
    }
    send('data: [DONE]\n\n');
    res.end();
  };
  // A request the mock cannot read (fuzzed messages, say) gets the 400 a real provider would give.
  const server = http.createServer((req, res) => {
    answer(req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(400, { 'content-type': 'application/json' });
      const message = `mock cannot read this request: ${err instanceof Error ? err.message : String(err)}`;
      res.end(JSON.stringify({ error: { message, type: 'invalid_request_error', param: null, code: null } }));
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    next: (...b) => void queue.push(...b),
    setDefault: (b) => void (fallback = b),
    openConnections: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A 26-dimension vector of letter counts: a cheap stand-in for a real embedding model. */
function letterCounts(text: string): number[] {
  const v = new Array<number>(26).fill(0);
  for (const c of text.toLowerCase()) {
    const i = c.charCodeAt(0) - 97;
    if (i >= 0 && i < 26) v[i]! += 1;
  }
  return v;
}
