// Per-request gateway context: who is calling, the trace and span, the merged metadata, the
// timeout, and the clock readings the request log needs. Header problems are 400s here, before any
// upstream is called.
import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { badRequest, forbidden } from '../errors.ts';
import { type ApiKeyAuth, requireCompletionsAccess } from '../identity/auth.ts';
import type { WorkspaceFacts as CachedWorkspace } from '../identity/workspaces.ts';
import type { Endpoint } from '../provider-specs/registry.ts';
import { GatewayAbort } from './abort.ts';
import { MASK, isSecretName } from '../security/secretMask.ts';
import { MAX_METADATA_VALUE, parseMetadataHeader } from '../logs/metadata.ts';
import type { RequestLimits } from './limits.ts';
import type { GuardrailTrace } from './guardrails.ts';

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
  timings: {
    upstreamStart?: number;
    upstreamHeaders?: number;
    upstreamDone?: number;
    firstByte?: number;
    lastByte?: number;
    /** ms the request waited for a provider's or integration's concurrency slot (max_concurrent_requests). */
    queued?: number;
  };
  client: { runtime: string | null; runtimeVersion: string | null; sdkVersion: string | null };
  clientHeaders: FastifyRequest['headers'];
  /** Filled by the router: what was tried and how it ended. */
  routing: RoutingInfo;
  /** Aborts the current upstream attempt; routing swaps in a child per attempt. */
  abort: GatewayAbort;
  /** Run when the request is over (timers that bound a stream body). */
  onDone: (() => void)[];
  /** The request's budgets, rate limits and concurrency slots once admitted (issue 14; gateway/limits.ts). */
  limits: RequestLimits | null;
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

export function createContext(
  req: FastifyRequest,
  endpoint: Endpoint,
  body: Record<string, unknown> | null,
  options: ContextOptions,
): GatewayContext {
  const auth = requireCompletionsAccess(req.auth);
  const workspace = options.workspace(auth.workspaceId!);
  if (!workspace || workspace.status !== 'active') throw forbidden('This API key belongs to a workspace that is archived or gone');

  // Precedence (spec §4.3): workspace defaults > API key defaults > request.
  const requestMeta = parseMetadataHeader(header(req, 'x-portkey-metadata'));
  for (const name of options.headersToMetadata) {
    const v = header(req, name);
    // Metadata is shown and exported as it is: a credential header named there is kept masked.
    if (v !== null) requestMeta[name.toLowerCase()] = isSecretName(name) ? MASK : v.slice(0, MAX_METADATA_VALUE);
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
    traceId: req.traceId,
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
    limits: null,
  };
}

export const elapsed = (ctx: GatewayContext, at: number = performance.now()) => at - ctx.started;
