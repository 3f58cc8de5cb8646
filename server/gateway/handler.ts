// The gateway's request pipeline: context (auth, trace, metadata, timeout) -> where to send it ->
// attempt -> deliver and log. Routing configs (fallback, retries, cache) plug in at execute().
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Dispatcher } from 'undici';
import { AppError, badRequest, internalError } from '../errors.ts';
import { createContext, type ContextOptions, type GatewayContext } from './context.ts';
import { attempt, type GatewayCall, type Outcome } from './attempt.ts';
import { deliver, deliverError, type DeliverDeps } from './respond.ts';
import { resolveTarget, type TargetOptions, type TargetResolver } from './target.ts';
import { ClientGone, TimeoutAbort } from './upstream.ts';
import type { Endpoint } from '../provider-specs/registry.ts';
import type { GatewayLimits } from './limits.ts';

export interface GatewayDeps extends DeliverDeps {
  context: ContextOptions;
  targets: TargetResolver;
  targetOptions: TargetOptions;
  dispatcher: Dispatcher;
  /** Replaces single-target execution (routing configs); receives the default executor. */
  execute?: (ctx: GatewayContext, call: GatewayCall, single: (call: GatewayCall) => Promise<Outcome>) => Promise<Outcome>;
  /** Budgets, rate limits and limit policies (issue 14): absent, nothing is limited. */
  limits?: GatewayLimits;
}

type Json = Record<string, unknown>;

function callOf(req: FastifyRequest, endpoint: Endpoint, clientFormat: GatewayCall['clientFormat']): GatewayCall {
  const body = req.body;
  const contentType = (req.headers['content-type'] ?? null) as string | null;
  if (Buffer.isBuffer(body)) return { endpoint, clientFormat, body: null, raw: body, contentType, stream: false };
  if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
    throw badRequest('The request body must be a JSON object');
  }
  const json = (body ?? null) as Json | null;
  if (endpoint !== 'proxy' && !json) throw badRequest('This endpoint needs a JSON body with at least "model"');
  return { endpoint, clientFormat, body: json, raw: null, contentType, stream: json?.stream === true };
}

export async function handleGateway(
  req: FastifyRequest,
  reply: FastifyReply,
  endpoint: Endpoint,
  clientFormat: GatewayCall['clientFormat'],
  deps: GatewayDeps,
) {
  const call = callOf(req, endpoint, clientFormat);
  const ctx = createContext(req, endpoint, call.body, deps.context);
  return runGateway(reply, ctx, call, deps);
}

/**
 * Runs a request whose context is built (by the routes above, or by the console's playground for
 * a signed-in person) through limits, routing, the attempt and delivery: the one pipeline every
 * logged request takes.
 */
export async function runGateway(reply: FastifyReply, ctx: GatewayContext, call: GatewayCall, deps: GatewayDeps) {
  // Aborting the root aborts whichever attempt is running (routing gives each its own child).
  const root = ctx.abort;
  const timer = setTimeout(() => root.abort(new TimeoutAbort(ctx.timeoutMs, ctx.timeoutFromRequest)), ctx.timeoutMs);
  timer.unref();
  const onClose = () => {
    if (!reply.raw.writableFinished) root.abort(new ClientGone());
  };
  reply.raw.on('close', onClose);
  try {
    // ---- limits stage (issue 14): refused from memory before any provider is called ----
    if (deps.limits) {
      const admission = deps.limits.admit(ctx, call);
      for (const name in admission.headers) reply.raw.setHeader(name, admission.headers[name]!);
      if (admission.refused) return await deliverError(reply, ctx, call, null, admission.refused, deps);
      ctx.limits = admission.request;
    }
    // ---- end of the limits stage ----
    // The executor hands back the call as it goes on (guardrails may have redacted it).
    const single = async (c: GatewayCall) => attempt(resolveTarget(ctx, c.body, deps.targets, deps.targetOptions), c, ctx, deps.dispatcher);
    let outcome: Outcome;
    try {
      outcome = deps.execute ? await deps.execute(ctx, call, single) : await single(call);
    } catch (err) {
      const error = err instanceof AppError ? err : internalError(err);
      if (error.status >= 500) reply.log.error({ err }, 'gateway failure');
      return await deliverError(reply, ctx, call, null, error, deps);
    }
    if (ctx.abort.signal.reason instanceof ClientGone) {
      // Nobody is listening; record what happened and stop.
      return await deliverError(reply, ctx, call, outcome.target, AppError.fromStatus(499, 'The client closed the connection'), deps);
    }
    return await deliver(reply, ctx, call, outcome, deps);
  } finally {
    clearTimeout(timer);
    reply.raw.off('close', onClose);
    for (const done of ctx.onDone) done();
  }
}
