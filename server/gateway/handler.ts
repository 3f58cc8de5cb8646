// The gateway's request pipeline: context (auth, trace, metadata, timeout) -> where to send it ->
// attempt -> deliver and log. Routing configs (fallback, retries, cache) plug in at execute().
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Dispatcher } from 'undici';
import { AppError, badRequest, internalError } from '../errors.ts';
import { createContext, traceIdOf, type ContextOptions, type GatewayContext } from './context.ts';
import { attempt, type GatewayCall, type Outcome } from './attempt.ts';
import { deliver, deliverError, type DeliverDeps } from './respond.ts';
import { resolveTarget, type TargetOptions, type TargetResolver } from './target.ts';
import { ClientGone, TimeoutAbort } from './upstream.ts';
import type { Endpoint } from '../provider-specs/registry.ts';

export interface GatewayDeps extends DeliverDeps {
  context: ContextOptions;
  targets: TargetResolver;
  targetOptions: TargetOptions;
  dispatcher: Dispatcher;
  /** Replaces single-target execution (routing configs); receives the default executor. */
  execute?: (ctx: GatewayContext, call: GatewayCall, single: () => Promise<Outcome>) => Promise<Outcome>;
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
  // Named by the routes' onRequest hook, so errors raised before this point carry it too.
  const named = reply.getHeader('x-portkey-trace-id');
  const traceId = typeof named === 'string' ? named : traceIdOf(req);
  const call = callOf(req, endpoint, clientFormat);
  const ctx = createContext(req, endpoint, call.body, deps.context, traceId);
  return runGateway(reply, ctx, call, deps);
}

/**
 * Runs a request whose context is built (by the routes above, or by the console's playground for
 * a signed-in person) through routing, the attempt and delivery: the one pipeline every logged
 * request takes.
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
    const single = async () => attempt(resolveTarget(ctx, call.body, deps.targets, deps.targetOptions), call, ctx, deps.dispatcher);
    let outcome: Outcome;
    try {
      outcome = deps.execute ? await deps.execute(ctx, call, single) : await single();
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
