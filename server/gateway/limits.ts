// The gateway's seam to budgets, rate limits and limit policies (issue 14; the engine is
// server/limits): one admission before any provider is called, one check per target just before
// its upstream call (the target's own limits and its concurrency slot), and metering of the answer
// when its log event is written. app.ts hands the engine in as PipelineDeps.limits (pipeline.ts).
import type { AppError } from '../errors.ts';
import type { GatewayContext } from './context.ts';
import type { GatewayCall } from './attempt.ts';

import type { RequestLimits } from './types.ts';
export type { RequestLimits } from './types.ts';

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
