// Cache keys: a SHA-256 over everything that decides the answer (workspace, provider, upstream,
// endpoint, namespace, the normalised request body) and nothing that carries a secret. The peer
// hashed the body alone, so two upstreams with the same body shared one entry.
import crypto from 'node:crypto';

export interface CacheKeyInput {
  /** Entries never cross workspaces. */
  workspaceId: string;
  /** Provider id, e.g. `openai`, `anthropic`. */
  provider: string;
  /** Base URL or custom host the request goes to; credentials and the query string are dropped. */
  upstream: string;
  /** The endpoint path, e.g. `/chat/completions`. */
  endpoint: string;
  /**
   * The parsed JSON body as it will be sent to this target (after override/default/drop params),
   * in the client's format. Top-level `stream` and `stream_options` do not count.
   */
  body: unknown;
  /** `x-portkey-cache-namespace`: partitions keys. */
  namespace?: string | null;
  /** `x-portkey-metadata`: Portkey's simple cache requires it to match when it is sent. */
  metadata?: Record<string, string> | null;
  /**
   * The request's headers. Only `VARY_HEADERS` are read from it (they change the answer and carry
   * no secret), so passing every client header is safe.
   */
  headers?: Record<string, string | string[] | undefined> | null;
}

/** Bumped when the key layout changes, so old entries simply stop matching. */
const KEY_VERSION = 'cache-key/1';

/** Request headers that change what the upstream answers. Never a credential. */
export const VARY_HEADERS: readonly string[] = [
  'anthropic-version',
  'anthropic-beta',
  'openai-beta',
  'x-portkey-strict-open-ai-compliance',
];

/** Top-level body fields that change how the answer is delivered, not what it is. */
const DELIVERY_FIELDS: ReadonlySet<string> = new Set(['stream', 'stream_options']);

export function cacheKey(input: CacheKeyInput): string {
  return sha256(
    canonicalJson([
      KEY_VERSION,
      input.workspaceId,
      input.provider,
      normaliseUpstream(input.upstream),
      normaliseEndpoint(input.endpoint),
      input.namespace ?? '',
      input.metadata ?? {},
      varyHeaders(input.headers),
      withoutDeliveryFields(input.body),
    ]),
  );
}

export function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

/** The body minus top-level `stream`/`stream_options`; nested fields of those names are content. */
export function withoutDeliveryFields(body: unknown): unknown {
  if (!isPlainObject(body)) return body;
  let copy: Record<string, unknown> | null = null;
  for (const field of DELIVERY_FIELDS) {
    if (field in body) {
      copy ??= { ...body };
      delete copy[field];
    }
  }
  return copy ?? body;
}

/**
 * Scheme, host, port and path: `https://user:key@Api.Example.com:443/v1/?key=…` becomes
 * `https://api.example.com/v1`. Userinfo and the query string can carry credentials, so they never
 * reach the key. A value that is not a URL is used trimmed and lower-cased.
 */
export function normaliseUpstream(upstream: string): string {
  const raw = upstream.trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw.toLowerCase();
  }
  const pathname = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${pathname}`;
}

function normaliseEndpoint(endpoint: string): string {
  const bare = endpoint.trim().split('?')[0] ?? '';
  const withSlash = bare.startsWith('/') ? bare : `/${bare}`;
  return withSlash.length > 1 ? withSlash.replace(/\/+$/, '') : withSlash;
}

function varyHeaders(headers: CacheKeyInput['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (value === undefined || !VARY_HEADERS.includes(lower)) continue;
    // Comma lists (anthropic-beta) in any order and spacing are the same request.
    const parts = (Array.isArray(value) ? value : [value])
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
    if (parts.length > 0) out[lower] = parts.sort().join(',');
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * JSON with object keys sorted at every depth, so `{"a":1,"b":2}` and `{"b":2,"a":1}` hash the
 * same. Array order is kept (it is meaningful: messages, content parts). Follows JSON.stringify
 * for undefined (dropped in objects, null in arrays) and non-finite numbers (null).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    return `[${value.map((v) => (v === undefined || typeof v === 'function' ? 'null' : canonicalJson(v))).join(',')}]`;
  }
  const obj = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of Object.keys(obj).sort()) {
    const v = obj[k];
    if (v === undefined || typeof v === 'function') continue;
    parts.push(`${JSON.stringify(k)}:${canonicalJson(v)}`);
  }
  return `{${parts.join(',')}}`;
}
