// Sends an outcome to the client and records it. JSON answers are sent whole; streams are written
// event by event as they arrive. The log event is journaled before the last byte goes out (the
// answer waits for the journal write it shares with the other requests of its event-loop turn), so
// a client that got its answer always has a log row, even if the process dies right after.
import { once } from 'node:events';
import type { FastifyReply } from 'fastify';
import { AppError, gatewayEnvelope } from '../errors.ts';
import type { LogWriter } from '../logs/writer.ts';
import type { LogEvent } from '../logs/events.ts';
import { createSseParser, UnreadableEvent, type SseEvent } from './sse.ts';
import type { GatewayContext } from './context.ts';
import type { GatewayCall, Outcome, Target } from './attempt.ts';
import { buildLogEvent } from './logEvent.ts';
import { NO_UNITS, type LogUnits } from '../pricing/accounting.ts';
import { ClientGone, TimeoutAbort, invalidUpstreamAnswer, originOf, passThroughHeaders, timeoutError, upstreamCutOff } from './upstream.ts';
import { streamCut, type StreamTransform } from './stream.ts';
import { imagesOf, type ImageCount } from './passThroughUsage.ts';
import { anthropicErrorOf } from './translate/errors.ts';
import { HOOKS_DENIED, withHookResults } from './guardrails.ts';

type Json = Record<string, unknown>;

export interface Accounting {
  units: LogUnits;
  cents: number;
  priced: boolean;
}

/** What an answer says about its own size. */
export interface Measured {
  /** Usage as the upstream reported it, in its wire shape. */
  usage: Json | null;
  /** The generated text, counted with the tokenizer when there is no usage. */
  generatedText?: string | null;
  /** Images the answer holds, priced per image. */
  images?: ImageCount | null;
}

export interface Accountant {
  /** Units and cost of an answer; counts tokens itself when the upstream reported no usage. */
  account(target: Target, model: string | null, call: GatewayCall, measured: Measured): Accounting;
}

export interface DeliverDeps {
  logs: LogWriter;
  accountant: Accountant;
  /** 'metrics-only' stores no bodies or headers. */
  loggingMode(ctx: GatewayContext): 'full' | 'metrics-only';
  /** Told every request's log event as it is recorded: Prometheus metrics and OTLP traces (server/observability/). */
  observe?: (event: LogEvent, ctx: GatewayContext) => void;
}

export function portkeyHeaders(ctx: GatewayContext, target: Target | null): Record<string, string> {
  return addPortkeyHeaders({}, ctx, target);
}

/** Sets the gateway's own headers on `h` (they win over an upstream's), in place: no copies per request. */
function addPortkeyHeaders(h: Record<string, string>, ctx: GatewayContext, target: Target | null): Record<string, string> {
  h['x-portkey-trace-id'] = ctx.traceId;
  h['x-portkey-retry-attempt-count'] = String(ctx.routing.retryAttemptCount);
  h['x-portkey-last-used-option-index'] = ctx.routing.lastUsedOptionIndex;
  h['x-portkey-cache-status'] = ctx.routing.cacheStatus;
  if (target) h['x-portkey-provider'] = target.spec.id;
  return h;
}

const NOT_ACCOUNTED: Accounting = { units: NO_UNITS, cents: 0, priced: false };

/** Journals the request's log event; resolves once it is durable. */
function record(
  deps: DeliverDeps,
  ctx: GatewayContext,
  call: GatewayCall | null,
  target: Target | null,
  fields: {
    status: number;
    model: string | null;
    accounting: Accounting;
    responseBody: unknown;
    responseHeaders?: Record<string, string>;
    transformedRequest?: unknown;
    originalResponse?: unknown;
    errorMessage: string | null;
    stream: boolean;
  },
) {
  const event = buildLogEvent({
    ctx,
    call,
    target,
    ...fields,
    units: fields.accounting.units,
    cents: fields.accounting.cents,
    priced: fields.accounting.priced,
    bodies: deps.loggingMode(ctx) === 'full',
  });
  // Limits (issue 14): what the answer used counts against the request's budgets now.
  ctx.limits?.settle(event);
  deps.observe?.(event, ctx);
  return deps.logs.append(event);
}

/** A gateway-side failure (bad header, unknown provider, unreachable upstream…), logged and sent. */
export async function deliverError(
  reply: FastifyReply,
  ctx: GatewayContext,
  call: GatewayCall | null,
  target: Target | null,
  error: AppError,
  deps: DeliverDeps,
  extra: { model?: string | null; transformedRequest?: unknown } = {},
) {
  const envelope = call?.clientFormat === 'anthropic' ? anthropicErrorOf(gatewayEnvelope(error), error.status) : gatewayEnvelope(error);
  // [guardrails] a guardrail's deny carries the verdicts behind it.
  const body = error.status === HOOKS_DENIED && ctx.guardrails ? withHookResults(envelope, ctx) : envelope;
  if (error.status >= 500) reply.log.warn({ trace: ctx.traceId, status: error.status }, error.message);
  await record(deps, ctx, call, target, {
    status: error.status,
    model: extra.model ?? null,
    accounting: NOT_ACCOUNTED,
    responseBody: body,
    transformedRequest: extra.transformedRequest,
    errorMessage: error.message,
    stream: call?.stream ?? false,
  });
  ctx.timings.lastByte = performance.now();
  const headers = error.headers ? { ...error.headers, ...portkeyHeaders(ctx, target) } : portkeyHeaders(ctx, target);
  return reply.code(error.status).headers(headers).type('application/json').serializer(JSON.stringify).send(body);
}

export async function deliver(reply: FastifyReply, ctx: GatewayContext, call: GatewayCall, outcome: Outcome, deps: DeliverDeps) {
  if (outcome.kind === 'error') {
    return deliverError(reply, ctx, call, outcome.target, outcome.error, deps, {
      model: outcome.model,
      transformedRequest: outcome.transformedRequest,
    });
  }
  const headers = passThroughHeaders(outcome.upstreamHeaders);
  addPortkeyHeaders(headers, ctx, outcome.target);
  const ok = outcome.status >= 200 && outcome.status < 300;

  if (outcome.kind === 'stream') return deliverStream(reply, ctx, call, outcome, headers, deps);

  if (outcome.kind === 'cached') {
    // No upstream call was made: the units are the stored answer's, the cost is 0.
    const accounting = { ...deps.accountant.account(outcome.target, outcome.pricingModel, call, { usage: outcome.usage }), cents: 0 };
    await record(deps, ctx, call, outcome.target, {
      status: outcome.status,
      model: outcome.model,
      accounting,
      responseBody: outcome.body,
      responseHeaders: outcome.upstreamHeaders,
      errorMessage: null,
      stream: outcome.sse !== null,
    });
    ctx.timings.lastByte = performance.now();
    const type = outcome.sse !== null ? 'text/event-stream' : 'application/json';
    return reply
      .code(outcome.status)
      .headers(headers)
      .type(type)
      .serializer((x) => x as string)
      .send(outcome.sse ?? outcome.text);
  }

  if (outcome.kind === 'raw') {
    await record(deps, ctx, call, outcome.target, {
      status: outcome.status,
      model: outcome.model,
      accounting: deps.accountant.account(outcome.target, outcome.pricingModel, call, { usage: null }),
      responseBody: `<${outcome.body.length} bytes of ${outcome.contentType}>`,
      responseHeaders: outcome.upstreamHeaders,
      transformedRequest: outcome.transformedRequest,
      errorMessage: null,
      stream: false,
    });
    return reply.code(outcome.status).headers(headers).type(outcome.contentType).send(outcome.body);
  }

  // An answer the gateway did not reshape goes out as the upstream wrote it: no second serialising.
  const text = outcome.text ?? JSON.stringify(outcome.body);
  const images = ok && call.endpoint === 'proxy' ? imagesOf(ctx.path, outcome.body, call.body) : null;
  // [guardrails] an answer an output guardrail denied (446) was still generated, and paid for, upstream.
  const accounting =
    ok || outcome.status === HOOKS_DENIED
      ? deps.accountant.account(outcome.target, outcome.pricingModel, call, { usage: outcome.usage, images })
      : NOT_ACCOUNTED;
  await record(deps, ctx, call, outcome.target, {
    status: outcome.status,
    model: outcome.model,
    accounting,
    responseBody: outcome.body,
    responseHeaders: outcome.upstreamHeaders,
    transformedRequest: outcome.transformedRequest,
    originalResponse: outcome.originalResponse ?? undefined,
    errorMessage: ok ? null : errorMessageOf(outcome.body),
    stream: false,
  });
  ctx.timings.lastByte = performance.now();
  return reply
    .code(outcome.status)
    .headers(headers)
    .type('application/json')
    .serializer((x) => x as string)
    .send(text);
}

/** One upstream event through a transform: an event it cannot follow ends the stream as unreadable. */
function pushEvent(transform: StreamTransform, event: SseEvent): string {
  try {
    return transform.push(event);
  } catch (err) {
    throw err instanceof UnreadableEvent ? err : new UnreadableEvent(event.data, false);
  }
}

function errorMessageOf(body: unknown): string {
  const err = (body as { error?: { message?: unknown } } | null)?.error;
  return typeof err?.message === 'string' ? err.message : 'upstream error';
}

async function deliverStream(
  reply: FastifyReply,
  ctx: GatewayContext,
  call: GatewayCall,
  outcome: Extract<Outcome, { kind: 'stream' }>,
  headers: Record<string, string>,
  deps: DeliverDeps,
) {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(outcome.status, {
    ...headers,
    'content-type': outcome.upstreamHeaders['content-type'] ?? 'text/event-stream',
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
  });
  res.flushHeaders();
  const write = async (data: string | Uint8Array) => {
    if (res.destroyed) return;
    if (ctx.timings.firstByte === undefined) ctx.timings.firstByte = performance.now();
    if (!res.write(data)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
  };

  const { transform, tap } = outcome;
  const { target, upstreamUrl } = outcome;
  let failure: AppError | null = null;
  let raw = '';
  try {
    if (transform) {
      const parser = createSseParser();
      const decoder = new TextDecoder();
      for await (const chunk of outcome.upstream.body) {
        for (const event of parser.push(decoder.decode(chunk as Buffer, { stream: true }))) {
          const out = pushEvent(transform, event);
          if (out) await write(out);
        }
      }
      for (const event of parser.flush()) {
        const out = pushEvent(transform, event);
        if (out) await write(out);
      }
      const tail = transform.end();
      if (tail) await write(tail);
      // [guardrails] output checks on the whole answer: one last event, sent after every chunk.
      const last = transform.finish ? await transform.finish() : '';
      if (last) await write(last);
      failure = transform.failure?.() ?? null;
    } else {
      // Forwarded as bytes: a character split across two chunks must reach the client whole.
      const decoder = new TextDecoder();
      for await (const chunk of outcome.upstream.body) {
        const bytes = chunk as Buffer;
        tap?.push(bytes);
        if (raw.length < 1_000_000) raw += decoder.decode(bytes, { stream: true });
        await write(bytes);
        // The bad event is on its way already (events are not held back); the stream ends after it.
        const bad = tap?.unreadable() ?? null;
        if (bad !== null) throw new UnreadableEvent(bad, true);
      }
      if (tap) {
        tap.end();
        const bad = tap.unreadable();
        if (bad !== null) throw new UnreadableEvent(bad, true);
        if (!tap.complete() && outcome.status >= 200 && outcome.status < 300) {
          failure = streamCut(`${target.label} at ${originOf(upstreamUrl)} closed the stream before the response was complete.`);
          await write(tap.error(failure.message, 'upstream_cut_off'));
        }
      }
    }
  } catch (err) {
    const reason: unknown = ctx.abort.signal.reason;
    failure =
      reason instanceof ClientGone
        ? AppError.fromStatus(499, 'The client closed the connection before the stream finished')
        : reason instanceof TimeoutAbort
          ? timeoutError(reason)
          : err instanceof UnreadableEvent
            ? invalidUpstreamAnswer(
                target.label,
                upstreamUrl,
                err.notJson ? 'sent a stream event that is not JSON' : 'sent a stream event it could not read',
                err.data,
                target.apiKey,
              )
            : upstreamCutOff(err, upstreamUrl, target.label, ctx.abort.signal);
    if (!(reason instanceof ClientGone)) {
      const text = transform
        ? transform.error(failure.message, failure.type)
        : tap
          ? tap.error(failure.message, failure.code ?? failure.type)
          : '';
      if (text) await write(text);
    }
  }
  ctx.timings.lastByte = performance.now();
  const usage = transform?.usage() ?? tap?.usage() ?? null;
  if (!failure && transform && outcome.status >= 200 && outcome.status < 300) ctx.onStreamComplete?.(transform.reassembled());
  await record(deps, ctx, call, outcome.target, {
    status: failure?.status ?? outcome.status,
    model: outcome.model,
    accounting: deps.accountant.account(outcome.target, outcome.pricingModel, call, {
      usage,
      generatedText: transform ? transform.text() : null,
    }),
    responseBody: transform ? (transform as StreamTransform).reassembled() : raw,
    responseHeaders: outcome.upstreamHeaders,
    transformedRequest: outcome.transformedRequest,
    errorMessage: failure?.message ?? null,
    stream: true,
  });
  res.end();
}
