// The gateway's seam to budgets, rate limits and limit policies (issue 14; the engine is
// server/limits): one admission before any provider is called, one check per target just before
// its upstream call (the target's own limits and its concurrency slot), and metering of the answer
// when its log event is written. app.ts hands the engine in as GatewayDeps.limits.
import type { AppError } from '../errors.ts';
import type { LogEvent } from '../logs/events.ts';
import type { GatewayContext } from './context.ts';
import type { GatewayCall, Target } from './attempt.ts';

/** One admitted request's limits, kept on its context (ctx.limits). */
export interface RequestLimits {
  /** Before an upstream call to `target`: null to go ahead, or the 412/429 that refuses this attempt. */
  enter(target: Target): Promise<AppError | null>;
  /** The request's log event, as it is journaled: what it used is counted now. */
  settle(event: LogEvent): void;
}

export interface Admission {
  /** A 412 (budget) or 429 (rate limit) to answer instead of calling any provider. */
  refused: AppError | null;
  /** x-ratelimit-* (and Retry-After on a 429), set on the answer either way. */
  headers: Record<string, string>;
  request: RequestLimits | null;
}

export interface GatewayLimits {
  /** Runs once per request, before routing; releases what it holds when the request ends (ctx.onDone). */
  admit(ctx: GatewayContext, call: GatewayCall): Admission;
}
