// The shapes every stage of the gateway's pipeline passes along (pipeline.ts): the request's
// context, the call as the client made it, a target, an attempt's outcome, and what the limits and
// guardrails stages leave on the context. Types only, so the stages can import each other's shapes
// without importing each other.
import type { FastifyRequest } from 'fastify';
import type { AppError } from '../errors.ts';
import type { ApiKeyAuth } from '../identity/auth.ts';
import type { WorkspaceFacts } from '../identity/workspaces.ts';
import type { LogEvent } from '../logs/events.ts';
import type { Endpoint } from '../provider-specs/registry.ts';
import type { UpstreamTarget } from '../provider-specs/request.ts';
import type { GatewayAbort } from './abort.ts';
import type { StreamTap } from './passThroughUsage.ts';
import type { StreamTransform } from './stream.ts';
import type { UpstreamResponse } from './upstream.ts';

type Json = Record<string, unknown>;

/** One upstream attempt, as a trace span shows it (performance.now() readings). */
export interface AttemptTiming {
  provider: string;
  /** The upstream's origin: no path, no credentials. */
  origin: string;
  start: number;
  headers?: number;
  end?: number;
  status?: number;
  error?: string;
}

export interface GatewayContext {
  id: string;
  traceId: string;
  spanId: string | null;
  parentSpanId: string | null;
  spanName: string | null;
  auth: ApiKeyAuth;
  workspace: WorkspaceFacts;
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
  /** Each upstream attempt's clock readings, kept only when traces are exported (DeliverDeps.traceAttempts). */
  attempts?: AttemptTiming[];
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

export interface Target extends UpstreamTarget {
  /** How the target is named in messages: `@slug` for catalog providers, else the provider id. */
  label: string;
  /** Catalog provider slug (logged as virtual_key). */
  providerSlug: string | null;
  /** Upstream model that replaces the body's (from `@slug/model`). */
  model: string | null;
  modelAllowed: ((model: string) => boolean) | null;
  /** The integration's price adjustments and per-model prices, handed to the cost engine as they are. */
  pricingOverrides?: (model: string) => { pricingAdjustments: unknown; pricingConfig: unknown };
}

export interface GatewayCall {
  endpoint: Endpoint;
  /** The client's wire format (`/v1/messages` speaks Anthropic's). */
  clientFormat: 'openai' | 'anthropic';
  body: Json | null;
  raw: Buffer | null;
  contentType: string | null;
  stream: boolean;
}

export interface OutcomeBase {
  target: Target;
  status: number;
  upstreamHeaders: Record<string, string>;
  upstreamUrl: string;
  model: string | null;
  pricingModel: string | null;
  transformedRequest: unknown;
}

export type Outcome =
  | (OutcomeBase & {
      kind: 'json';
      body: unknown;
      /** The upstream's bytes as text when `body` is exactly what they parse to: sent as they came. */
      text: string | null;
      usage: Json | null;
      originalResponse: unknown;
    })
  | (OutcomeBase & { kind: 'raw'; body: Buffer; contentType: string })
  | (OutcomeBase & {
      kind: 'stream';
      upstream: UpstreamResponse;
      /** Reshapes the events (unified endpoints); null forwards the bytes as they come. */
      transform: StreamTransform | null;
      /** Reads usage from forwarded bytes (pass-through routes that report it). */
      tap: StreamTap | null;
    })
  /** A cache hit: the stored answer (client format), and its SSE form when the client streams. */
  | (OutcomeBase & { kind: 'cached'; body: unknown; text: string; sse: string | null; usage: Json | null })
  | {
      kind: 'error';
      target: Target;
      status: number;
      error: AppError;
      upstreamUrl: string | null;
      model: string | null;
      transformedRequest: unknown;
    };

/** One admitted request's limits, kept on its context (ctx.limits). */
export interface RequestLimits {
  /** Before an upstream call to `target`: null to go ahead, or the 412/429 that refuses this attempt. */
  enter(target: Target): Promise<AppError | null>;
  /** The request's log event, as it is journaled: what it used is counted now. */
  settle(event: LogEvent): void;
}

/** What the gateway reads of one guardrail's verdict; the rest goes to the client and the log as it is. */
export interface GuardrailResult {
  id: string;
  verdict: boolean | null;
  async: boolean;
}

/** What the guardrails did to one request: what the response body and the log show. */
export interface GuardrailTrace {
  /** The request's own input stage (defaults, config root). */
  before: GuardrailResult[];
  /** The answering attempt's input checks (its target's levels) and the output checks. */
  attemptBefore: GuardrailResult[];
  after: GuardrailResult[];
  /** The request body as the guardrails changed it: what went upstream, and what the log keeps. */
  requestBody: Json | null;
}
