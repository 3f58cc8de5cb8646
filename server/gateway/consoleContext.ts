// The gateway context of a request the console makes on someone's behalf (a connection test, a
// config's "try it", a playground chat): the same shape createContext() builds from a client's
// HTTP request, but from explicit parts, so no browser header (cookie, CSRF token) reaches the
// upstream or the request log.
import crypto from 'node:crypto';
import type { ApiKeyAuth } from '../identity/auth.ts';
import type { WorkspaceFacts } from '../identity/workspaces.ts';
import type { Endpoint } from '../provider-specs/registry.ts';
import { GatewayAbort } from './abort.ts';
import type { GatewayContext } from './context.ts';

export interface ConsoleRequest {
  auth: ApiKeyAuth;
  workspace: WorkspaceFacts;
  endpoint: Endpoint;
  /** After /v1: `/chat/completions`, `/models`. */
  path: string;
  method: string;
  timeoutMs: number;
  metadata?: Record<string, string>;
  /** The only client headers the pipeline sees (`x-portkey-config`). */
  headers?: Record<string, string>;
}

export function consoleContext(r: ConsoleRequest): GatewayContext {
  return {
    id: crypto.randomUUID(),
    traceId: crypto.randomUUID(),
    spanId: null,
    parentSpanId: null,
    spanName: null,
    auth: r.auth,
    workspace: r.workspace,
    endpoint: r.endpoint,
    path: r.path,
    search: '',
    method: r.method,
    metadata: r.metadata ?? {},
    timeoutMs: r.timeoutMs,
    timeoutFromRequest: false,
    createdAt: Date.now(),
    started: performance.now(),
    timings: {},
    client: { runtime: null, runtimeVersion: null, sdkVersion: null },
    clientHeaders: { ...r.headers },
    routing: {
      mode: 'single',
      configId: null,
      configSlug: null,
      configVersionId: null,
      retryAttemptCount: 0,
      lastUsedOptionIndex: '',
      cacheStatus: 'DISABLED',
      cacheType: null,
    },
    abort: new GatewayAbort(),
    // Admitted by the pipeline's limits stage for a playground chat; tests and "try it" are not traffic.
    limits: null,
    onDone: [],
  };
}
