// The gateway's request path, as named stages in the order they run (DESIGN.md, "The gateway's hot
// path"). A new stage gets its slot here, and a reader sees the whole path in this one function:
//
//   authenticate      identity/authenticate.ts, an onRequest hook: the caller, from memory
//   read              the body as a GatewayCall (JSON, or bytes for pass-through routes)
//   resolve           the request's context (workspace, trace, metadata, timeout) and routing config
//   input guardrails  the organisation's and workspace's defaults and the config's root: a deny is a
//                     446, redaction changes the call (guardrails.ts)
//   limits            budgets, rate limits and limit policies, from memory: 412 or 429 (limits.ts)
//   route / execute   the config's targets in turn (routing/execute.ts); for each, its own input
//                     checks, the response cache, the upstream attempt (attempt.ts: the request
//                     shaped for the upstream's format, the upstream called, the answer transformed
//                     by formats.ts) and its output checks, with retries and fallback around them
//   respond           respond.ts: JSON whole, streams event by event as they arrive
//   account and log   respond.ts: units and cost, the limits settled, the log event journaled
//                     before the last byte goes out
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, badRequest, internalError } from '../errors.ts';
import type { Endpoint } from '../provider-specs/registry.ts';
import { createContext, type ContextOptions, type GatewayContext } from './context.ts';
import type { GatewayCall, Outcome } from './attempt.ts';
import { deliver, deliverError, type DeliverDeps } from './respond.ts';
import { ClientGone, TimeoutAbort } from './upstream.ts';
import { executeRoute, resolveRoutingConfig, type RoutingDeps } from './routing/execute.ts';
import { GuardrailSession, type GatewayGuardrails } from './guardrails.ts';
import type { GatewayLimits } from './limits.ts';

export interface PipelineDeps extends DeliverDeps {
  context: ContextOptions;
  /** Config resolution, targets, the upstream pool, the router's state and the response cache. */
  routing: RoutingDeps;
  /** The guardrails domain; null with GUARDRAILS_ENABLED=OFF, when requests pass unchecked. */
  guardrails: GatewayGuardrails | null;
  /** Budgets, rate limits and limit policies; null and nothing is limited. */
  limits: GatewayLimits | null;
  /** Keep each upstream attempt's timings on the context (for trace spans). */
  traceAttempts?: boolean;
}

type Json = Record<string, unknown>;

/** Stage `read`: the request body as the gateway works with it. */
function readCall(req: FastifyRequest, endpoint: Endpoint, clientFormat: GatewayCall['clientFormat']): GatewayCall {
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

/** Stage `limits`: the answer's rate-limit headers either way; the refusal, if any. */
function admit(ctx: GatewayContext, call: GatewayCall, limits: GatewayLimits | null, reply: FastifyReply): AppError | null {
  if (!limits) return null;
  const admission = limits.admit(ctx, call);
  for (const name in admission.headers) reply.raw.setHeader(name, admission.headers[name]!);
  ctx.limits = admission.request;
  return admission.refused;
}

/** Bounds the request by its timeout and aborts the upstream when the client goes; returns the undo. */
function bound(ctx: GatewayContext, reply: FastifyReply): () => void {
  // Aborting the root aborts whichever attempt is running (routing gives each its own child).
  const root = ctx.abort;
  const timer = setTimeout(() => root.abort(new TimeoutAbort(ctx.timeoutMs, ctx.timeoutFromRequest)), ctx.timeoutMs);
  timer.unref();
  const onClose = () => {
    if (!reply.raw.writableFinished) root.abort(new ClientGone());
  };
  reply.raw.on('close', onClose);
  return () => {
    clearTimeout(timer);
    reply.raw.off('close', onClose);
    for (const done of ctx.onDone) done();
  };
}

export async function runPipeline(
  req: FastifyRequest,
  reply: FastifyReply,
  endpoint: Endpoint,
  clientFormat: GatewayCall['clientFormat'],
  deps: PipelineDeps,
) {
  // The call as the client sent it is what the answer and the log describe; the call that goes on
  // may be redacted by input guardrails (the log then keeps the redacted body: ctx.guardrails).
  const read = readCall(req, endpoint, clientFormat);
  const ctx = createContext(req, endpoint, read.body, deps.context);
  return runFromResolve(reply, ctx, read, deps);
}

/**
 * The stages from `resolve` on, for a request whose context is built: by runPipeline above, or by
 * the console's playground for a signed-in person (consoleCalls.ts). Every logged request takes it.
 */
export async function runFromResolve(reply: FastifyReply, ctx: GatewayContext, read: GatewayCall, deps: PipelineDeps) {
  if (deps.traceAttempts) ctx.attempts = [];
  const release = bound(ctx, reply);
  try {
    let outcome: Outcome;
    try {
      const config = resolveRoutingConfig(ctx, deps.routing);
      const guard = deps.guardrails ? new GuardrailSession(ctx, config?.config ?? null, deps.guardrails) : null;
      const call = guard ? await guard.input(read) : read;
      const refused = admit(ctx, call, deps.limits, reply);
      if (refused) return await deliverError(reply, ctx, read, null, refused, deps);
      outcome = await executeRoute(ctx, call, config, guard, deps.routing);
    } catch (err) {
      const error = err instanceof AppError ? err : internalError(err);
      if (error.status >= 500) reply.log.error({ err }, 'gateway failure');
      return await deliverError(reply, ctx, read, null, error, deps);
    }
    if (ctx.abort.signal.reason instanceof ClientGone) {
      // Nobody is listening; record what happened and stop.
      return await deliverError(reply, ctx, read, outcome.target, AppError.fromStatus(499, 'The client closed the connection'), deps);
    }
    return await deliver(reply, ctx, read, outcome, deps);
  } finally {
    release();
  }
}
