// Answers for requests that never reach a route, in the appliance's envelopes instead of Node's or
// fastify's defaults: bytes Node's HTTP parser refuses, URLs the router cannot read, and sockets
// over the per-address connection cap (docs/adr/0011).
import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, adminEnvelope, badRequest } from '../errors.ts';
import { sendError } from './errors.ts';

/** How long a refused or broken connection may linger once its answer is written. */
const CLOSE_GRACE_MS = 1000;

export interface ClientTimeouts {
  headersMs: number;
  requestMs: number;
}

/** Node's parser errors (llhttp codes) and what a person should do about them. */
const PARSE_ADVICE: Record<string, string> = {
  HPE_INVALID_METHOD: 'use one of GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS',
  HPE_INVALID_HEADER_TOKEN:
    'header names and values may not hold NUL bytes, line breaks or other control characters; check how the client builds its headers',
  HPE_UNEXPECTED_CONTENT_LENGTH: 'send exactly one Content-Length header',
  HPE_INVALID_CONTENT_LENGTH: 'Content-Length must be one whole number of bytes',
  HPE_INVALID_TRANSFER_ENCODING: 'send either Content-Length or Transfer-Encoding: chunked, not both',
  HPE_INVALID_CHUNK_SIZE: 'the chunked body is malformed: each chunk starts with its size in hexadecimal and a CRLF',
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 'the chunked body is malformed: chunk extensions are too long',
  HPE_INVALID_EOF_STATE: 'the connection closed before the body was complete',
  HPE_INVALID_VERSION: 'the request line must end in HTTP/1.1 (or HTTP/1.0)',
  HPE_INVALID_CONSTANT: 'the request line must read METHOD /path HTTP/1.1, with no spaces in the path',
  HPE_INVALID_URL: 'the path must be percent-encoded, with no spaces or control characters',
  HPE_PAUSED_H2_UPGRADE: 'this appliance speaks HTTP/1.1; send HTTP/1.1 requests (HTTP/2 with prior knowledge is not supported)',
  HPE_CR_EXPECTED: 'lines must end in CRLF',
  HPE_LF_EXPECTED: 'lines must end in CRLF',
};

type ParseError = Error & { code?: string; reason?: string };

/** The status and message for an error Node raised on a connection before any route ran. */
export function describeConnectionError(err: ParseError, timeouts: ClientTimeouts): AppError {
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return AppError.fromStatus(
      408,
      `The request did not arrive in time: headers must arrive within ${seconds(timeouts.headersMs)} and the whole request within ${seconds(timeouts.requestMs)} (CLIENT_HEADERS_TIMEOUT_MS, CLIENT_REQUEST_TIMEOUT_MS); the connection is closed`,
    );
  }
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    return AppError.fromStatus(
      431,
      `The request headers are larger than the ${http.maxHeaderSize / 1024} KB this appliance accepts; send fewer or shorter headers`,
    );
  }
  const reason = (err.reason ?? err.message.replace(/^Parse Error:\s*/, '')).replace(/\.$/, '');
  const advice = (err.code && PARSE_ADVICE[err.code]) ?? 'check the client: this is not a request HTTP/1.1 allows';
  return badRequest(`Malformed HTTP request (${reason}): ${advice}`);
}

const seconds = (ms: number) => `${ms / 1000} s`;

/** A whole HTTP/1.1 answer, in the Admin API envelope, that closes the connection. */
function rawAnswer(error: AppError): string {
  const body = JSON.stringify(adminEnvelope(error));
  return (
    `HTTP/1.1 ${error.status} ${http.STATUS_CODES[error.status] ?? 'Error'}\r\n` +
    'Content-Type: application/json; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Connection: close\r\n\r\n' +
    body
  );
}

/** Writes the answer and ends the connection; a peer that does not close its side is cut later. */
function answerAndClose(socket: Duplex, answer: string | null) {
  if (answer !== null) socket.end(answer);
  else socket.end();
  const timer = setTimeout(() => socket.destroy(), CLOSE_GRACE_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}

/**
 * The server's `clientError` listener: Node's parser refused the bytes (or a client timed out),
 * so there is no request to route, and the Admin API envelope is the one that applies. When an
 * earlier request on the connection is still being answered (pipelining), the error answer
 * follows it; when the broken request is the one in hand and its answer has already begun, the
 * connection just closes (a second status line cannot go into the middle of an answer).
 */
export function connectionErrorHandler(timeouts: ClientTimeouts) {
  return (err: ParseError, socket: Duplex): void => {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    // Once the socket is ending (a second error while the first answer drains), only close it.
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const answer = rawAnswer(describeConnectionError(err, timeouts));
    const pending = (socket as Duplex & { _httpMessage?: http.ServerResponse | null })._httpMessage;
    if (!pending || pending.writableFinished) return answerAndClose(socket, answer);
    // A timeout or a broken body belongs to the request in hand, not to one after it.
    if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT' || pending.req.complete === false) {
      if (pending.headersSent) return answerAndClose(socket, null);
      return answerAndClose(socket, answer);
    }
    pending.once('finish', () => answerAndClose(socket, answer));
    pending.once('close', () => {
      if (!socket.destroyed && socket.writable) answerAndClose(socket, null);
    });
  };
}

/**
 * fastify's `frameworkErrors`: the router could not read the URL (a percent-encoding that is not
 * UTF-8, a path parameter over the router's length limit). No route matched, so the path chooses
 * the envelope (http/errors.ts surfaceOf).
 */
export function routerErrorHandler(maxParamLength: number) {
  return (error: FastifyError, req: FastifyRequest, reply: FastifyReply): void => {
    const path = shorten(req.url.split('?')[0] ?? '');
    const appError =
      error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? AppError.fromStatus(
            414,
            `A segment of the path ${path} is longer than ${maxParamLength} characters; no id or slug on this appliance is that long`,
            { type: 'invalid_request_error' },
          )
        : error.code === 'FST_ERR_BAD_URL'
          ? badRequest(`The path ${path} is not valid: a percent-encoded part of it does not decode as UTF-8`)
          : AppError.fromStatus(error.statusCode && error.statusCode < 500 ? error.statusCode : 400, error.message);
    void sendError(req, reply, appError);
  };
}

const shorten = (text: string) => JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text);

/**
 * CONNECT asks for a tunnel. Node closes such a connection without a word unless someone listens
 * for it; the appliance is not a proxy and says so.
 */
export function refuseTunnels(server: http.Server): void {
  server.on('connect', (_req: http.IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    answerAndClose(socket, rawAnswer(badRequest('CONNECT is not supported: this appliance is not a proxy')));
  });
}

/** IPv4 clients reach a dual-stack listener as ::ffff:a.b.c.d; count them as a.b.c.d. */
const addressOf = (socket: Socket) => (socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');

/**
 * Caps the connections one client address may hold open at once. A socket over the cap gets a 429
 * and is closed before Node's HTTP parser is attached to it, so nothing it sends is parsed or
 * routed. Node's own connection listener is wrapped for that: it is the only place a socket can
 * be refused before the HTTP server sees it.
 */
export function capConnectionsPerAddress(server: http.Server, max: number): void {
  if (max <= 0) return;
  const open = new Map<string, number>();
  const httpListeners = server.listeners('connection') as ((socket: Socket) => void)[];
  server.removeAllListeners('connection');
  server.on('connection', (socket: Socket) => {
    const address = addressOf(socket);
    const count = open.get(address) ?? 0;
    if (count >= max) {
      // Read and drop whatever the client sends, so closing does not reset the connection under
      // the answer.
      socket.resume();
      socket.on('error', () => socket.destroy());
      answerAndClose(
        socket,
        rawAnswer(
          AppError.fromStatus(
            429,
            `Too many open connections from ${address}: at most ${max} at once (MAX_CONNECTIONS_PER_IP); reuse or close idle connections`,
          ),
        ),
      );
      return;
    }
    open.set(address, count + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
    for (const listener of httpListeners) listener.call(server, socket);
  });
}

/**
 * onRequest: an HTTP/1.1 request must name its Host (RFC 9112 §3.2). Node can refuse it itself,
 * but with an empty body; the server is built with requireHostHeader off and this answers instead.
 */
export function requireHost(req: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void): void {
  if (req.headers.host === undefined && req.raw.httpVersion === '1.1') {
    done(badRequest('HTTP/1.1 requests must carry a Host header'));
    return;
  }
  done();
}
