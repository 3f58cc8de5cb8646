// The one typed client every page uses (pages never call fetch): openapi-fetch over the types
// generated from the server's OpenAPI document (schema.d.ts), so a path, parameter or body the
// server does not have is a type error. Adds the session's CSRF token to writes and reports an
// ended session (401) once, so the app can send the person back to sign in.
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError, apiErrorFrom } from './errors';

let csrfToken: string | null = null;
const expiredListeners = new Set<() => void>();

/** Set from /v1/auth/login and /v1/auth/self; sent as x-csrf-token on every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request that needed the session got 401: the session ended or was revoked. */
export function onSessionExpired(listener: () => void): () => void {
  expiredListeners.add(listener);
  return () => expiredListeners.delete(listener);
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Answers where 401 means "wrong password", not "session over". */
const NOT_SESSION = /^\/v1\/auth\/(login|password)$/;

const session: Middleware = {
  onRequest({ request }) {
    if (csrfToken && WRITES.has(request.method)) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && !NOT_SESSION.test(new URL(request.url).pathname)) expiredListeners.forEach((l) => l());
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(session);

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful answer; an ApiError with the server's words otherwise. */
export async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch (err) {
    throw new ApiError(
      `The appliance could not be reached (${err instanceof Error ? err.message : String(err)}). Check the connection and retry.`,
      0,
    );
  }
  if (answer.response.ok) return answer.data as T;
  throw apiErrorFrom(answer.response.status, answer.error);
}

/** The OpenAPI document the client's types come from (GET /docs/openapi.json), for the API explorer. */
export async function fetchOpenApiDocument(): Promise<unknown> {
  const res = await fetch('/docs/openapi.json', { credentials: 'same-origin' });
  if (!res.ok) throw apiErrorFrom(res.status, await res.json().catch(() => null));
  return res.json();
}

export interface RawAnswer {
  status: number;
  ms: number;
  headers: [string, string][];
  body: unknown;
}

/**
 * Any request, as the API explorer's "Try it" sends it: with an API key when one is given, else
 * with this browser's session (and its CSRF token on writes). Typed pages use `api` instead.
 */
export async function rawRequest(method: string, url: string, body: string | null, apiKey: string): Promise<RawAnswer> {
  const headers = new Headers();
  if (apiKey) headers.set('x-portkey-api-key', apiKey);
  else if (csrfToken && WRITES.has(method)) headers.set('x-csrf-token', csrfToken);
  if (body !== null) headers.set('content-type', 'application/json');
  const started = performance.now();
  const res = await fetch(url, { method, headers, body, credentials: apiKey ? 'omit' : 'same-origin' });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: shown as text.
  }
  return { status: res.status, ms: Math.round(performance.now() - started), headers: [...res.headers.entries()], body: parsed };
}

export interface StreamAnswer {
  /** The gateway's headers (trace id, the target that answered, cache status). */
  headers: Headers;
}

/**
 * POSTs a JSON body with this browser's session and reads the answer as it arrives: each SSE
 * `data:` event's JSON goes to `onEvent` (a JSON answer, when the server sends one, arrives as a
 * single event). Errors are thrown as ApiError in the server's words. Used by the playground, whose
 * route is in the OpenAPI document but whose stream openapi-fetch cannot read incrementally.
 */
export async function streamPost(
  path: '/v1/playground/chat/completions',
  query: Record<string, string>,
  body: unknown,
  onEvent: (event: unknown) => void,
  signal?: AbortSignal,
): Promise<StreamAnswer> {
  const headers = new Headers({ 'content-type': 'application/json' });
  if (csrfToken) headers.set('x-csrf-token', csrfToken);
  let res: Response;
  try {
    res = await fetch(`${path}?${new URLSearchParams(query).toString()}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError(
      `The appliance could not be reached (${err instanceof Error ? err.message : String(err)}). Check the connection and retry.`,
      0,
    );
  }
  if (res.status === 401) expiredListeners.forEach((l) => l());
  if (!res.ok) throw apiErrorFrom(res.status, await res.json().catch(() => null));
  if (!(res.headers.get('content-type') ?? '').includes('text/event-stream')) {
    onEvent(await res.json());
    return { headers: res.headers };
  }
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = event
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n');
      if (!data || data === '[DONE]') continue;
      try {
        onEvent(JSON.parse(data));
      } catch {
        // A line that is not JSON (a comment, a keep-alive) carries nothing to show.
      }
    }
  }
  return { headers: res.headers };
}
