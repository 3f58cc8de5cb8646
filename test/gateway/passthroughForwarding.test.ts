// Pass-through provider routes (/v1/responses, /v1/audio/*, /v1/images/*, /v1/rerank, /v1/files…):
// streams reach the client as the upstream sends them, uploads and binary answers keep every byte,
// the query string goes along, and only workspace keys may call them. The upstream is a node:http
// server of this file's own, so it can hold a stream open and record raw bytes.
import http from 'node:http';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayFixture } from '../helpers/gateway.ts';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}
type Handler = (res: http.ServerResponse) => void | Promise<void>;

interface Upstream {
  url: string;
  seen: Seen[];
  /** Answers for the next requests, in order. */
  next(handler: Handler): void;
  close(): Promise<void>;
}

async function startUpstream(): Promise<Upstream> {
  const seen: Seen[] = [];
  const handlers: Handler[] = [];
  const server = http.createServer(async (req, res) => {
    const parts: Buffer[] = [];
    for await (const chunk of req) parts.push(chunk as Buffer);
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(parts) });
    const handler = handlers.shift();
    if (handler) await handler(res);
    else res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"no answer scripted"}}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    next: (handler) => void handlers.push(handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Resolves with `value`, or fails naming `what` if it does not come (guards a deadlock, not a timing). */
function orFail<T>(value: Promise<T>, what: string, ms = 5000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const fail = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up waiting for ${what}`)), ms);
  });
  return Promise.race([value, fail]).finally(() => clearTimeout(timer));
}

let g: GatewayFixture;
let up: Upstream;
beforeAll(async () => {
  g = await startGateway();
  up = await startUpstream();
  await g.addProvider({ slug: 'pt', key: 'sk-provider-pt', customHost: `${up.url}/v1` });
});
afterAll(async () => {
  await up.close();
  await g.close();
});

/**
 * The next upstream answer is an SSE stream that sends `first`, then holds `rest` until the
 * returned release is called: a gateway that buffered would never pass `first` on.
 */
function gatedStream(first: string | Buffer, rest: string | Buffer): () => void {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  up.next(async (res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(first);
    await gate;
    res.end(rest);
  });
  return release;
}

describe('a streamed pass-through', () => {
  it('reaches the client event by event, with the bytes the upstream sent', async () => {
    const first = 'event: response.created\ndata: {"type":"response.created","response":{"id":"resp_1","status":"in_progress"}}\n\n';
    const rest =
      'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":"Hello"}\n\n' +
      'event: response.completed\ndata: {"type":"response.completed","response":{"id":"resp_1","status":"completed"}}\n\n';
    const release = gatedStream(first, rest);

    const traceId = `trace-${Date.now()}-pt-stream`;
    const res = await g.post('/v1/responses', { model: '@pt/gpt-4o', input: 'say hello', stream: true }, { 'x-portkey-trace-id': traceId });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('x-portkey-trace-id')).toBe(traceId);

    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    const readUntil = async (done: () => boolean) => {
      while (!done()) {
        const { value, done: ended } = await reader.read();
        if (ended) break;
        received += decoder.decode(value, { stream: true });
      }
    };
    await orFail(
      readUntil(() => received.length >= first.length),
      'the first event while the upstream holds the rest',
    );
    expect(received).toBe(first);
    release();
    await readUntil(() => false);
    expect(received).toBe(first + rest);

    const sent = up.seen.at(-1)!;
    expect(sent.url).toBe('/v1/responses');
    expect(JSON.parse(sent.body.toString('utf8'))).toEqual({ model: 'gpt-4o', input: 'say hello', stream: true });
    const log = await g.logByTrace(traceId);
    expect(log.metrics).toMatchObject({ stream_mode: true, is_success: true, response_status_code: 200 });
  });

  it('keeps a multi-byte character the upstream split across two chunks', async () => {
    // "café" with the é (C3 A9) cut between its two bytes; decoding each chunk on its own would
    // turn it into two U+FFFD.
    const head = Buffer.from('data: {"type":"response.output_text.delta","delta":"caf');
    const first = Buffer.concat([head, Buffer.from([0xc3])]);
    const second = Buffer.concat([Buffer.from([0xa9]), Buffer.from('"}\n\ndata: [DONE]\n\n')]);
    const release = gatedStream(first, second);

    const res = await g.post('/v1/responses', { model: '@pt/gpt-4o', input: 'x', stream: true });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const got: Buffer[] = [];
    const readUntil = async (done: () => boolean) => {
      while (!done()) {
        const { value, done: ended } = await reader.read();
        if (ended) break;
        got.push(Buffer.from(value));
      }
    };
    // The cut byte may be held back until the character is whole; everything before it may not.
    await orFail(
      readUntil(() => Buffer.concat(got).length >= head.length),
      'the first chunk while the upstream holds the rest',
    );
    release();
    await readUntil(() => false);
    expect(Buffer.concat(got).toString('utf8')).toBe('data: {"type":"response.output_text.delta","delta":"café"}\n\ndata: [DONE]\n\n');
    expect(Buffer.concat(got).equals(Buffer.concat([first, second]))).toBe(true);
  });
});

describe('an upload', () => {
  it('multipart/form-data reaches the upstream byte for byte, with the same boundary', async () => {
    // 2 MB of every byte value, including CR, LF and bytes that are not UTF-8.
    const audio = crypto.randomBytes(2 * 1024 * 1024);
    const boundary = '----gatewaytest7MA4YWxkTrZu0gW';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="model"\r\n\r\nwhisper-1\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="talk.mp3"\r\nContent-Type: audio/mpeg\r\n\r\n`),
      audio,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const contentType = `multipart/form-data; boundary=${boundary}`;
    up.next((res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{"text":"hello from the upload"}'));

    const res = await fetch(`${g.url}/v1/audio/transcriptions`, {
      method: 'POST',
      headers: { ...g.workspace, 'x-portkey-provider': '@pt', 'content-type': contentType },
      body,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ text: 'hello from the upload' });

    const sent = up.seen.at(-1)!;
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe('/v1/audio/transcriptions');
    expect(sent.headers['content-type']).toBe(contentType);
    expect(sent.body.length).toBe(body.length);
    expect(sent.body.equals(body)).toBe(true);
    expect(sent.headers.authorization).toBe('Bearer sk-provider-pt');
    expect(JSON.stringify(sent.headers)).not.toContain(g.credentials.workspace_api_key);
  });
});

describe('a binary answer', () => {
  it('audio from /v1/audio/speech reaches the openai SDK byte for byte, with its content type', async () => {
    const bytes = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), crypto.randomBytes(300 * 1024)]);
    up.next((res) => void res.writeHead(200, { 'content-type': 'audio/mpeg' }).end(bytes));

    const speech = await g.openai().audio.speech.create({ model: '@pt/tts-1', voice: 'alloy', input: 'read this aloud' });
    expect(speech.status).toBe(200);
    expect(speech.headers.get('content-type')).toBe('audio/mpeg');
    const got = Buffer.from(await speech.arrayBuffer());
    expect(got.length).toBe(bytes.length);
    expect(got.equals(bytes)).toBe(true);

    const sent = up.seen.at(-1)!;
    expect(sent.url).toBe('/v1/audio/speech');
    expect(JSON.parse(sent.body.toString('utf8'))).toMatchObject({ model: 'tts-1', voice: 'alloy', input: 'read this aloud' });
  });

  it('an image from /v1/images/generations keeps its bytes and type', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(4096)]);
    up.next((res) => void res.writeHead(200, { 'content-type': 'image/png' }).end(png));
    const res = await g.post('/v1/images/generations', { model: '@pt/dall-e-3', prompt: 'a lighthouse', response_format: 'binary' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
  });
});

describe('the query string', () => {
  it.each([
    ['GET', '/v1/files?purpose=fine-tune&limit=2&after=file%2Fabc%20def', undefined],
    ['POST', '/v1/rerank?return_documents=true&top_n=1', { model: '@pt/rerank-1', query: 'q', documents: ['a', 'b'] }],
  ])('%s %s is forwarded with it, as sent', async (method, path, body) => {
    up.next((res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{"object":"list","data":[]}'));
    const res = await fetch(`${g.url}${path}`, {
      method,
      headers: { ...g.workspace, 'x-portkey-provider': '@pt', ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ object: 'list', data: [] });
    const sent = up.seen.at(-1)!;
    expect(sent.method).toBe(method);
    expect(sent.url).toBe(path);
  });
});

describe('who may call', () => {
  it.each([
    ['POST', '/v1/audio/speech', { model: '@pt/tts-1', voice: 'alloy', input: 'x' }],
    ['POST', '/v1/rerank', { model: '@pt/rerank-1', query: 'q', documents: ['a'] }],
    ['POST', '/v1/responses', { model: '@pt/gpt-4o', input: 'x' }],
    ['GET', '/v1/files', undefined],
  ])('an organisation admin key gets 403 on %s %s, and nothing reaches the upstream', async (method, path, body) => {
    const before = up.seen.length;
    const res = await fetch(`${g.url}${path}`, {
      method,
      headers: { ...g.admin, 'x-portkey-provider': '@pt', ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    expect(res.status).toBe(403);
    const error = ((await res.json()) as { error: { message: string; type: string } }).error;
    expect(error.message).toMatch(/organisation admin keys cannot call/);
    expect(up.seen.length).toBe(before);
  });
});
