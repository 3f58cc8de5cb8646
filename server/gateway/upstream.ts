// The one place that talks to upstream providers: undici with keep-alive pools, and failures turned
// into errors a person can act on (no HTML wrappers, no "fetch failed").
import { errors, type Dispatcher } from 'undici';
import { AppError } from '../errors.ts';
import { EgressAgent, type EgressDispatchOptions } from '../security/egress/clients.ts';
import { EgressRefused, SELF_CHECK, type EgressGuard, type EgressRequester } from '../security/egress/guard.ts';
import { GatewayAbort, type GatewaySignal } from './abort.ts';

const { InvalidArgumentError } = errors;

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string>;
  body: Dispatcher.ResponseData['body'];
}

export interface UpstreamCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  signal: GatewaySignal;
  /** Who asks, for the egress check's record of a refusal (docs/adr/0023). */
  egress?: EgressRequester;
}

/** Why a request was aborted: set as the AbortSignal's reason by the gateway. */
export class TimeoutAbort extends Error {
  constructor(
    readonly ms: number,
    readonly fromRequest: boolean,
  ) {
    super(`timeout after ${ms} ms`);
  }
}

export class ClientGone extends Error {
  constructor() {
    super('client disconnected');
  }
}

/**
 * The upstream pool: every request and connection passes the egress check first (docs/adr/0023).
 * Our own timeout bounds each request, so undici's header/body timeouts are off. No cap on
 * connections per origin: a hidden cap made the 257th stream to one server wait unseen. An admin
 * caps a provider or an integration with max_concurrent_requests instead (server/limits), and
 * without one the model server's own queue decides.
 */
export function createDispatcher(guard: EgressGuard): Dispatcher {
  const dispatcher = new EgressAgent(
    guard,
    { feature: 'gateway' },
    { keepAliveTimeout: 30_000, headersTimeout: 0, bodyTimeout: 0, connect: { timeout: 10_000 } },
  );
  guard.registerClient({
    name: 'Gateway upstream pool (undici)',
    purpose: 'Requests to LLM servers: catalog providers, inline providers and custom hosts, connection tests',
    probe: (url) =>
      callUpstream(dispatcher, { url, method: 'GET', headers: {}, signal: new GatewayAbort().signal, egress: { feature: SELF_CHECK } }),
  });
  return dispatcher;
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in headers) {
    const v = headers[k];
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

export function timeoutError(t: TimeoutAbort): AppError {
  return t.fromRequest
    ? AppError.fromStatus(408, `Request exceeded the timeout sent in the request: ${t.ms}ms`, { type: 'timeout_error' })
    : AppError.fromStatus(504, `The upstream did not finish answering within ${t.ms} ms (REQUEST_TIMEOUT)`, {
        type: 'timeout_error',
        code: 'upstream_timeout',
      });
}

/** Where an upstream is, for messages: its origin, never the path, query or credentials of its URL. */
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(an invalid URL)';
  }
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is the server running and listening on that port?)',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name could not be resolved',
  ECONNRESET: 'the connection was reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'connecting timed out',
  UND_ERR_SOCKET: 'the connection closed unexpectedly',
  UND_ERR_CLOSED: 'the connection closed unexpectedly',
};

function networkReason(err: unknown): string {
  const e = err as { code?: string; cause?: { code?: string }; message?: string };
  return NETWORK_REASONS[e.code ?? e.cause?.code ?? ''] ?? (e.message || 'unknown network error');
}

/** Maps a network failure to a gateway error naming the upstream and the cause. */
export function upstreamFailure(err: unknown, url: string, provider: string, signal: GatewaySignal): AppError {
  if (err instanceof EgressRefused) {
    return AppError.fromStatus(403, `${provider}: ${err.message}`, { type: 'invalid_request_error', code: 'egress_refused' });
  }
  if (signal.aborted && signal.reason instanceof TimeoutAbort) return timeoutError(signal.reason);
  return AppError.fromStatus(502, `Could not reach ${provider} at ${originOf(url)}: ${networkReason(err)}`, {
    type: 'upstream_error',
    code: 'upstream_unreachable',
  });
}

/** The upstream answered, then the connection failed before the answer was whole. */
export function upstreamCutOff(err: unknown, url: string, provider: string, signal: GatewaySignal): AppError {
  if (signal.aborted && signal.reason instanceof TimeoutAbort) return timeoutError(signal.reason);
  return AppError.fromStatus(
    502,
    `${provider} at ${originOf(url)} closed the connection before its answer was complete (${networkReason(err)})`,
    { type: 'upstream_error', code: 'upstream_cut_off' },
  );
}

/** How much of an upstream's answer a message quotes. */
export const QUOTE_CHARS = 200;

/**
 * The start of what an upstream sent, fit to quote in a message and a log: at most QUOTE_CHARS
 * characters, control and bidirectional-override characters and runs of white space made one
 * space, and the target's own key (should a page echo it) masked.
 */
export function quoteUpstream(text: string, secret: string | null = null): string {
  // Bounded work whatever the body's size: only the head can end up in the quote.
  let s = text.length > QUOTE_CHARS * 2 ? text.slice(0, QUOTE_CHARS * 2) : text;
  if (secret && secret.length >= 8 && s.includes(secret)) s = s.split(secret).join('********');
  // eslint-disable-next-line no-control-regex
  s = s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\s]+/g, ' ').trim();
  if (s.length <= QUOTE_CHARS) return s;
  let cut = s.slice(0, QUOTE_CHARS);
  // Never end on half of a surrogate pair.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/**
 * An upstream answer that is not what the endpoint needs (not JSON, a stream nobody asked for, an
 * event that cannot be read): a 502 naming the upstream and quoting the start of what it sent.
 */
export function invalidUpstreamAnswer(provider: string, url: string, what: string, sample: string | null, secret: string | null): AppError {
  const quote = sample === null ? '' : `: "${quoteUpstream(sample, secret)}"`;
  return AppError.fromStatus(502, `${provider} at ${originOf(url)} ${what}${quote}`, {
    type: 'upstream_error',
    code: 'invalid_upstream_response',
  });
}

export async function callUpstream(dispatcher: Dispatcher, call: UpstreamCall): Promise<UpstreamResponse> {
  const { origin, path } = splitUrl(call.url);
  const options: Dispatcher.RequestOptions & EgressDispatchOptions = {
    origin,
    path,
    method: call.method as Dispatcher.HttpMethod,
    headers: call.headers,
    body: call.body,
    signal: call.signal,
    egress: call.egress,
  };
  const res = await dispatcher.request(options);
  return { status: res.statusCode, headers: flatten(res.headers), body: res.body };
}

/** A URL whose path and query `new URL` leaves as they are: no dot segments, nothing it would escape. */
const PLAIN_URL = /^(https?:\/\/[^/?#\\@]+)(\/[\w\-.~%!$&'()*+,;=:@/]*)?(\?[\w\-.~%!$&()*+,;=:@/?]*)?$/;
const DOT_SEGMENT = /\/(\.|%2e)/i;
/** Origins as `new URL` writes them (lower case, default port dropped), by how the URL spelt them. */
const origins = new Map<string, string>();

/**
 * The origin and path undici's request(url) would take from `new URL(url)`, without parsing URLs
 * that need no normalising (a custom host plus a fixed path, on every request). Any other URL goes
 * through `new URL`, as before.
 */
export function splitUrl(url: string): { origin: string; path: string } {
  const m = PLAIN_URL.exec(url);
  if (m && !DOT_SEGMENT.test(m[2] ?? '')) {
    let origin = origins.get(m[1]!);
    if (origin === undefined) {
      origin = new URL(m[1]!).origin;
      if (origins.size < 1000) origins.set(m[1]!, origin);
    }
    return { origin, path: `${m[2] ?? '/'}${m[3] ?? ''}` };
  }
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InvalidArgumentError('Invalid URL protocol: the URL must start with `http:` or `https:`.');
  }
  return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'content-encoding',
  'upgrade',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'set-cookie',
  'date',
  'server',
]);

/** Upstream headers worth passing to the client (request ids, rate-limit hints…). */
export function passThroughHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in headers) if (!HOP_BY_HOP.has(k) && !k.startsWith('x-portkey-')) out[k] = headers[k]!;
  return out;
}
