// One attempt against one target: shape the body for the upstream's wire format, call it, and turn
// what comes back into an Outcome in the client's format. Failures come back as values (never
// thrown) so a router can decide to retry or fall back.
import type { Dispatcher } from 'undici';
import { AppError, badRequest } from '../errors.ts';
import type { GatewayContext } from './context.ts';
import type { EgressCaller } from '../security/egress/guard.ts';
import { upstreamHeaders, upstreamUrl } from '../provider-specs/request.ts';
import {
  callUpstream,
  invalidUpstreamAnswer,
  originOf,
  quoteUpstream,
  upstreamCutOff,
  upstreamFailure,
  type UpstreamResponse,
} from './upstream.ts';
import { passThroughTap } from './passThroughUsage.ts';
import { anthropicErrorOf, chatErrorOf } from './translate/errors.ts';
import { formatPair, type FormatPair } from './formats.ts';

type Json = Record<string, unknown>;

export { DEFAULT_ANTHROPIC_MAX_TOKENS } from './formats.ts';

import type { GatewayCall, Outcome, OutcomeBase, Target } from './types.ts';
export type { GatewayCall, Outcome, OutcomeBase, Target } from './types.ts';

/** Strips `@slug/` from a model name: the upstream only knows its own model names. */
export function upstreamModelOf(target: Target, bodyModel: unknown): string | null {
  if (target.model) return target.model;
  if (typeof bodyModel !== 'string') return null;
  if (bodyModel.startsWith('@')) {
    const i = bodyModel.indexOf('/');
    return i === -1 ? null : bodyModel.slice(i + 1);
  }
  return bodyModel;
}

interface Prepared {
  body: string | Buffer | undefined;
  contentType: string | null;
  transformed: unknown;
  stripUsageChunk: boolean;
}

/** The request as the upstream receives it: the client's body, shaped for its wire format, with its model. */
function prepareBody(pair: FormatPair, target: Target, call: GatewayCall, model: string | null): Prepared {
  if (!call.body) return { body: call.raw ?? undefined, contentType: call.contentType, transformed: null, stripUsageChunk: false };
  const body: Json = model !== null ? { ...call.body, model } : { ...call.body };
  const shaped = pair.request(body, { stream: call.stream, streamUsage: target.spec.streamUsage });
  return {
    body: JSON.stringify(shaped.body),
    contentType: 'application/json',
    transformed: shaped.body,
    stripUsageChunk: shaped.stripUsageChunk,
  };
}

/** The model name the client used, echoed in answers translated from another format. */
const requestedModel = (call: GatewayCall) => (typeof call.body?.model === 'string' ? call.body.model : undefined);

const isJson = (contentType: string | undefined) => Boolean(contentType && /[/+]json/i.test(contentType));

function describeNonJsonError(target: Target, url: string, status: number, text: string): string {
  // An error page's text says more than its markup: "502 Bad Gateway nginx".
  const snippet = quoteUpstream(text.slice(0, 4096).replace(/<[^>]*>/g, ' '), target.apiKey);
  return `${target.label} at ${originOf(url)} answered ${status} without a JSON error body${snippet ? `: ${snippet}` : ''}`;
}

/** The client sees provider errors in its own format, whatever the upstream speaks. */
function errorBody(call: GatewayCall, target: Target, url: string, status: number, parsed: unknown, text: string): unknown {
  const body = parsed ?? { error: { message: describeNonJsonError(target, url, status, text), type: 'upstream_error' } };
  return call.clientFormat === 'anthropic' ? anthropicErrorOf(body, status) : chatErrorOf(body, status);
}

export async function attempt(target: Target, call: GatewayCall, ctx: GatewayContext, dispatcher: Dispatcher): Promise<Outcome> {
  const model = upstreamModelOf(target, call.body?.model);
  const fail = (error: AppError, url: string | null = null, transformed: unknown = null): Outcome => ({
    kind: 'error',
    target,
    status: error.status,
    error,
    upstreamUrl: url,
    model,
    transformedRequest: transformed,
  });

  if (!target.spec.endpoints.has(call.endpoint)) {
    return fail(badRequest(`${target.spec.name} does not support ${ctx.path}`, { code: 'unsupported_endpoint' }));
  }
  if (model !== null && target.modelAllowed && !target.modelAllowed(model)) {
    return fail(badRequest(`Model "${model}" is not enabled for provider ${target.label}`, { param: 'model', code: 'model_not_enabled' }));
  }

  const pair = formatPair(call.endpoint, target.spec.format);
  let prepared: Prepared;
  let line: { url: string; pricingModel: string | undefined };
  let headers: Record<string, string>;
  try {
    prepared = prepareBody(pair, target, call, model);
    line = upstreamUrl(target, call.endpoint, ctx.path, model ?? undefined, call.endpoint === 'proxy' ? ctx.search : '');
    headers = upstreamHeaders(target, ctx.clientHeaders);
  } catch (err) {
    return fail(err instanceof AppError ? err : badRequest(String(err)));
  }
  if (prepared.contentType) headers['content-type'] = prepared.contentType;
  if (call.stream) headers.accept = 'text/event-stream';

  // Limits (issue 14): this target's own budgets and rate limits, and its concurrency slot.
  const refused = ctx.limits ? await ctx.limits.enter(target) : null;
  if (refused) return fail(refused, null, prepared.transformed);

  ctx.timings.upstreamStart = performance.now();
  const timing = ctx.attempts ? { provider: target.label, origin: originOf(line.url), start: ctx.timings.upstreamStart } : null;
  if (timing) ctx.attempts!.push(timing);
  let res: UpstreamResponse;
  try {
    res = await callUpstream(dispatcher, {
      url: line.url,
      method: ctx.method,
      headers,
      body: ctx.method === 'GET' || ctx.method === 'HEAD' ? undefined : prepared.body,
      signal: ctx.abort.signal,
      egress: { feature: 'gateway', caller: () => callerOf(ctx) },
    });
  } catch (err) {
    const error = upstreamFailure(err, line.url, target.label, ctx.abort.signal);
    if (timing) Object.assign(timing, { end: performance.now(), error: error.message });
    return fail(error, line.url, prepared.transformed);
  }
  ctx.timings.upstreamHeaders = performance.now();
  if (timing) Object.assign(timing, { headers: ctx.timings.upstreamHeaders, status: res.status });

  const base: OutcomeBase = {
    target,
    status: res.status,
    upstreamHeaders: res.headers,
    upstreamUrl: line.url,
    model,
    pricingModel: line.pricingModel ?? model,
    transformedRequest: prepared.transformed,
  };
  const contentType = res.headers['content-type'] ?? '';
  const ok = res.status >= 200 && res.status < 300;
  // Unified endpoints (chat, completions, embeddings, messages) answer JSON, or SSE when asked to
  // stream; pass-through routes may answer anything (audio, images, streams of their own shape).
  const unified = call.endpoint !== 'proxy';
  const invalid = (what: string, sample: string | null) =>
    fail(invalidUpstreamAnswer(target.label, line.url, what, sample, target.apiKey), line.url, prepared.transformed);

  if (ok && contentType.includes('text/event-stream')) {
    if (unified && !call.stream) {
      return invalid('answered with an event stream (text/event-stream) to a request that did not ask for one', await firstChunk(res));
    }
    const transform = pair.stream({
      includeUsage: (call.body?.stream_options as Json | undefined)?.include_usage === true,
      model: requestedModel(call),
      stripUsageChunk: prepared.stripUsageChunk,
    });
    const tap = transform === null && call.endpoint === 'proxy' ? passThroughTap(ctx.path) : null;
    return { ...base, kind: 'stream', upstream: res, transform, tap };
  }

  let bytes: Buffer;
  try {
    bytes = Buffer.from(await res.body.arrayBuffer());
  } catch (err) {
    return fail(upstreamCutOff(err, line.url, target.label, ctx.abort.signal), line.url, prepared.transformed);
  }
  ctx.timings.upstreamDone = performance.now();
  if (timing) Object.assign(timing, { end: ctx.timings.upstreamDone });

  const json = isJson(contentType);
  if (ok && !unified && !json) return { ...base, kind: 'raw', body: bytes, contentType: contentType || 'application/octet-stream' };

  // A server that echoes the key it was sent in an error must not hand a catalog provider's key to
  // the caller, nor put it in the request log: only error bodies pay for the search.
  const text = ok ? bytes.toString('utf8') : withoutKey(bytes.toString('utf8'), target.apiKey);
  if (ok && unified && call.stream && call.endpoint !== 'embed') {
    return invalid(`answered a streaming request with ${contentType || 'no content type'} instead of an event stream`, text);
  }
  // The one parse of the answer. A unified endpoint's answer must be a JSON object, whatever
  // content type it came with (some LAN servers label JSON text/plain, and a proxy in front of
  // them may answer with an HTML page and a 200).
  let parsed: unknown = NOT_JSON;
  if (json || unified || text.startsWith('{')) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = NOT_JSON;
    }
  }
  if (!ok) {
    const body = parsed === NOT_JSON ? null : parsed;
    return {
      ...base,
      kind: 'json',
      body: errorBody(call, target, line.url, res.status, body, text),
      text: null,
      usage: null,
      originalResponse: body ?? text,
    };
  }
  if (parsed === NOT_JSON || (unified && !isObject(parsed))) {
    const what = parsed === NOT_JSON ? 'not JSON' : 'JSON but not an object';
    return invalid(
      `answered ${res.status} with ${text === '' ? 'an empty body' : `a body that is ${what}`} (${contentType || 'no content type'})`,
      text === '' ? null : text,
    );
  }
  const upstream = parsed as Json;
  const body = pair.response(upstream, requestedModel(call));
  const same = body === parsed;
  return jsonOutcome(base, body, same ? text : null, pair.usage(upstream, body), same ? null : parsed);
}

/** The caller an egress refusal records: the gateway key, its workspace, the trace. */
function callerOf(ctx: GatewayContext): EgressCaller {
  const { auth } = ctx;
  return { type: 'api_key', id: auth.key.id, name: auth.key.name, workspaceId: ctx.workspace.id, traceId: ctx.traceId };
}

function withoutKey(text: string, key: string | null): string {
  return key && key.length >= 8 && text.includes(key) ? text.split(key).join('********') : text;
}

/** Stands for "did not parse": `null` is a JSON value. */
const NOT_JSON = Symbol('not JSON');

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first piece of an answer that will not be used, for quoting; the rest is not read. */
async function firstChunk(res: UpstreamResponse): Promise<string | null> {
  try {
    for await (const chunk of res.body) return (chunk as Buffer).toString('utf8');
  } catch {
    // Quoting is a courtesy: an answer that breaks off is refused all the same.
  } finally {
    res.body.destroy();
  }
  return null;
}

/**
 * A successful JSON outcome, written out field by field: `{ ...base, kind: 'json', … }` took V8's
 * slow path and cost more CPU than parsing the answer.
 */
function jsonOutcome(base: OutcomeBase, body: unknown, text: string | null, usage: Json | null, originalResponse: unknown): Outcome {
  return {
    target: base.target,
    status: base.status,
    upstreamHeaders: base.upstreamHeaders,
    upstreamUrl: base.upstreamUrl,
    model: base.model,
    pricingModel: base.pricingModel,
    transformedRequest: base.transformedRequest,
    kind: 'json',
    body,
    text,
    usage,
    originalResponse,
  };
}
