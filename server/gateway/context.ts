// Per-request gateway context: who is calling, the trace and span, the merged metadata, the
// timeout, and the clock readings the request log needs. Header problems are 400s here, before any
// upstream is called.
import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { badRequest, forbidden } from '../errors.ts';
import { requireCompletionsAccess } from '../identity/auth.ts';
import type { WorkspaceFacts as CachedWorkspace } from '../identity/workspaces.ts';
import type { Endpoint } from '../provider-specs/registry.ts';
import { GatewayAbort } from './abort.ts';
import { MASK, isSecretName } from '../security/secretMask.ts';
import { MAX_METADATA_VALUE, parseMetadataHeader } from '../logs/metadata.ts';

import type { GatewayContext } from './types.ts';
export type { AttemptTiming, GatewayContext, RoutingInfo } from './types.ts';

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
