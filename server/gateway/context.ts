// Per-request gateway context: who is calling, the trace and span, the merged metadata, the
// timeout, and the clock readings the request log needs. Header problems are 400s here, before any
// upstream is called.
import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError, badRequest, forbidden } from '../errors.ts';
import { type ApiKeyAuth, type AuthContext, requireApiKey } from '../identity/auth.ts';
import type { CachedWorkspace } from '../control-plane/workspaces/cache.ts';
import type { Endpoint } from './providers/registry.ts';
import { GatewayAbort } from './abort.ts';
import type { GuardrailTrace } from './guardrails.ts';

export const MAX_METADATA_VALUE = 128;

export interface GatewayContext {
  id: string;
  traceId: string;
  spanId: string | null;
  parentSpanId: string | null;
  spanName: string | null;
  auth: ApiKeyAuth;
  workspace: CachedWorkspace;
  endpoint: Endpoint;
  /** The client's path after /v1, e.g. /chat/completions. */
  path: string;
  search: string;
  method: string;
  metadata: Record<string, string>;
  /** Whole-response bound in ms, and whether the caller asked for it (408) or the appliance did (504). */
  timeoutMs: number;
  timeoutFromRequest: boolean;
  createdAt: number;
  started: number;
  timings: { upstreamStart?: number; upstreamHeaders?: number; upstreamDone?: number; firstByte?: number; lastByte?: number };
  client: { runtime: string | null; runtimeVersion: string | null; sdkVersion: string | null };
  clientHeaders: FastifyRequest['headers'];
  /** Filled by the router: what was tried and how it ended. */
  routing: RoutingInfo;
  /** Aborts the current upstream attempt; routing swaps in a child per attempt. */
  abort: GatewayAbort;
  /** Run when the request is over (timers that bound a stream body). */
  onDone: (() => void)[];
  /** Told the reassembled answer of a stream that finished well (the response cache stores it). */
  onStreamComplete?: (reassembled: unknown) => void;
  /** [guardrails] Set once a guardrail ran: the verdicts and the request as it went upstream (gateway/guardrails.ts). */
  guardrails?: GuardrailTrace;
}

export interface RoutingInfo {
  mode: string;
  configId: string | null;
  configSlug: string | null;
  configVersionId: string | null;
  retryAttemptCount: number;
  lastUsedOptionIndex: string;
  cacheStatus: 'HIT' | 'MISS' | 'REFRESH' | 'DISABLED' | 'SEMANTIC HIT' | 'SEMANTIC MISS';
  cacheType: string | null;
}

export interface ContextOptions {
  headersToMetadata: readonly string[];
  defaultTimeoutMs: number;
  workspace: (id: string) => CachedWorkspace | null;
}

function header(req: FastifyRequest, name: string): string | null {
  const v = req.headers[name];
  if (Array.isArray(v)) return v[0] ?? null;
  return v && v.trim() ? v.trim() : null;
}

/** `x-portkey-metadata`: a JSON object of strings, each at most 128 characters. */
export function parseMetadataHeader(raw: string | null): Record<string, string> {
  if (raw === null) return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw badRequest('x-portkey-metadata must be a JSON object, e.g. {"_user":"alice","team":"search"}', { param: 'x-portkey-metadata' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('x-portkey-metadata must be a JSON object of strings', { param: 'x-portkey-metadata' });
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') {
      throw badRequest(`x-portkey-metadata.${k} must be a string (got ${v === null ? 'null' : typeof v})`, { param: 'x-portkey-metadata' });
    }
    if (v.length > MAX_METADATA_VALUE) {
      throw badRequest(`x-portkey-metadata.${k} is longer than ${MAX_METADATA_VALUE} characters`, { param: 'x-portkey-metadata' });
    }
    out[k] = v;
  }
  return out;
}

export function requireCompletionsAccess(caller: AuthContext | null): ApiKeyAuth {
  if (!caller) throw new AppError('AB05', 401, 'Missing API key. Send it in the x-portkey-api-key header.');
  const auth = requireApiKey(caller);
  if (auth.workspaceId === null) {
    throw forbidden('Gateway requests need a workspace API key; organisation admin keys cannot call completions');
  }
  if (!auth.key.scopes.has('completions.write')) {
    throw forbidden('This API key lacks the "completions.write" scope needed to call the gateway');
  }
  return auth;
}

/** The client's `x-portkey-trace-id`, or a fresh UUID when it sent none. */
export function traceIdOf(req: FastifyRequest): string {
  return header(req, 'x-portkey-trace-id') ?? crypto.randomUUID();
}

export function createContext(
  req: FastifyRequest,
  endpoint: Endpoint,
  body: Record<string, unknown> | null,
  options: ContextOptions,
  traceId: string = traceIdOf(req),
): GatewayContext {
  const auth = requireCompletionsAccess(req.auth);
  const workspace = options.workspace(auth.workspaceId!);
  if (!workspace || workspace.status !== 'active') throw forbidden('This API key belongs to a workspace that is archived or gone');

  // Precedence (spec §4.3): workspace defaults > API key defaults > request.
  const requestMeta = parseMetadataHeader(header(req, 'x-portkey-metadata'));
  for (const name of options.headersToMetadata) {
    const v = header(req, name);
    if (v !== null) requestMeta[name.toLowerCase()] = v.slice(0, MAX_METADATA_VALUE);
  }
  if (requestMeta._user === undefined && body && typeof body.user === 'string') requestMeta._user = body.user.slice(0, MAX_METADATA_VALUE);
  const metadata = { ...requestMeta, ...auth.key.defaults.metadata, ...workspace.defaults.metadata };

  const rawTimeout = header(req, 'x-portkey-request-timeout');
  let timeoutMs = options.defaultTimeoutMs;
  if (rawTimeout !== null) {
    if (!/^\d+$/.test(rawTimeout) || Number(rawTimeout) < 1) {
      throw badRequest('x-portkey-request-timeout must be a whole number of milliseconds', { param: 'x-portkey-request-timeout' });
    }
    timeoutMs = Number(rawTimeout);
  }

  const url = req.url;
  const q = url.indexOf('?');
  const fullPath = q === -1 ? url : url.slice(0, q);
  return {
    id: crypto.randomUUID(),
    traceId,
    spanId: header(req, 'x-portkey-span-id'),
    parentSpanId: header(req, 'x-portkey-parent-span-id'),
    spanName: header(req, 'x-portkey-span-name'),
    auth,
    workspace,
    endpoint,
    path: fullPath.replace(/^\/v1/, ''),
    search: q === -1 ? '' : url.slice(q),
    method: req.method,
    metadata,
    timeoutMs,
    timeoutFromRequest: rawTimeout !== null,
    createdAt: Date.now(),
    started: performance.now(),
    timings: {},
    client: {
      runtime: header(req, 'x-portkey-runtime'),
      runtimeVersion: header(req, 'x-portkey-runtime-version'),
      sdkVersion: header(req, 'x-portkey-package-version'),
    },
    clientHeaders: req.headers,
    routing: {
      mode: 'single',
      configId: null,
      configSlug: null,
      configVersionId: null,
      retryAttemptCount: 0,
      lastUsedOptionIndex: 'config',
      cacheStatus: 'DISABLED',
      cacheType: null,
    },
    abort: new GatewayAbort(),
    onDone: [],
  };
}

export const elapsed = (ctx: GatewayContext, at: number = performance.now()) => at - ctx.started;
