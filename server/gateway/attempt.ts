// One attempt against one target: shape the body for the upstream's wire format, call it, and turn
// what comes back into an Outcome in the client's format. Failures come back as values (never
// thrown) so a router can decide to retry or fall back.
import type { Dispatcher } from 'undici';
import { AppError, badRequest } from '../errors.ts';
import type { GatewayContext } from './context.ts';
import type { Endpoint } from '../provider-specs/registry.ts';
import { upstreamHeaders, upstreamUrl, type UpstreamTarget } from '../provider-specs/request.ts';
import {
  callUpstream,
  invalidUpstreamAnswer,
  originOf,
  quoteUpstream,
  upstreamCutOff,
  upstreamFailure,
  type UpstreamResponse,
} from './upstream.ts';
import { anthropicPassthrough, openaiPassthrough, type StreamTransform } from './stream.ts';
import { passThroughTap, type StreamTap } from './passThroughUsage.ts';
import { chatUsageOf } from './translate/mappings.ts';
import { messagesToChatTransform, chatToMessagesTransform } from './streamTranslate.ts';
import { chatToMessagesRequest } from './translate/chatToMessagesRequest.ts';
import { messagesResponseToChat } from './translate/messagesToChatResponse.ts';
import { messagesRequestToChat } from './translate/messagesToChatRequest.ts';
import { chatResponseToMessages } from './translate/chatToMessagesResponse.ts';
import { anthropicErrorOf, chatErrorOf } from './translate/errors.ts';
import type { ChatRequest, ChatCompletion } from './translate/openaiTypes.ts';
import type { MessagesRequest, MessagesResponse } from './translate/anthropicTypes.ts';

type Json = Record<string, unknown>;

export const DEFAULT_ANTHROPIC_MAX_TOKENS = 4096;

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

interface OutcomeBase {
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

function prepareBody(target: Target, call: GatewayCall, model: string | null): Prepared {
  const { spec } = target;
  if (!call.body) return { body: call.raw ?? undefined, contentType: call.contentType, transformed: null, stripUsageChunk: false };
  const body: Json = model !== null ? { ...call.body, model } : { ...call.body };
  let stripUsageChunk = false;
  const askUsage = (b: Json) => {
    const opts = b.stream_options as Json | undefined;
    if (call.stream && spec.streamUsage && opts?.include_usage !== true) {
      b.stream_options = { ...opts, include_usage: true };
      stripUsageChunk = true;
    }
    return b;
  };
  let out: unknown;
  if (call.endpoint === 'chatComplete' && spec.format === 'anthropic') {
    out = chatToMessagesRequest(body as ChatRequest, { defaultMaxTokens: DEFAULT_ANTHROPIC_MAX_TOKENS });
  } else if (call.endpoint === 'messages' && spec.format === 'openai') {
    out = askUsage(messagesRequestToChat(body as MessagesRequest) as unknown as Json);
  } else if (call.endpoint === 'chatComplete' || call.endpoint === 'complete') {
    out = askUsage(body);
  } else {
    out = body;
  }
  return { body: JSON.stringify(out), contentType: 'application/json', transformed: out, stripUsageChunk };
}

function streamTransform(target: Target, call: GatewayCall, prepared: Prepared): StreamTransform | null {
  const upstream = target.spec.format;
  const clientAskedUsage = (call.body?.stream_options as Json | undefined)?.include_usage === true;
  switch (call.endpoint) {
    case 'chatComplete':
    case 'complete':
      return upstream === 'anthropic'
        ? messagesToChatTransform({
            includeUsage: clientAskedUsage,
            model: typeof call.body?.model === 'string' ? call.body.model : undefined,
          })
        : openaiPassthrough({ stripUsageChunk: prepared.stripUsageChunk });
    case 'messages':
      return upstream === 'anthropic'
        ? anthropicPassthrough()
        : chatToMessagesTransform({ model: typeof call.body?.model === 'string' ? call.body.model : undefined });
    default:
      return null;
  }
}

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

function successBody(call: GatewayCall, target: Target, parsed: unknown): { body: unknown; usage: Json | null } {
  const upstream = target.spec.format;
  const requestedModel = typeof call.body?.model === 'string' ? call.body.model : undefined;
  if (call.endpoint === 'chatComplete' && upstream === 'anthropic') {
    const chat = messagesResponseToChat(parsed as MessagesResponse) as unknown as Json;
    if (requestedModel) chat.model = requestedModel;
    return { body: chat, usage: (chat.usage as Json | undefined) ?? null };
  }
  if (call.endpoint === 'messages' && upstream === 'openai') {
    const usage = ((parsed as Json).usage as Json | undefined) ?? null;
    const message = chatResponseToMessages(parsed as ChatCompletion) as unknown as Json;
    if (requestedModel) message.model = requestedModel;
    return { body: message, usage };
  }
  if (call.endpoint === 'messages') {
    const usage = (parsed as MessagesResponse).usage;
    return { body: parsed, usage: usage ? (chatUsageOf(usage) as unknown as Json) : null };
  }
  return { body: parsed, usage: ((parsed as Json | null)?.usage as Json | undefined) ?? null };
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

  let prepared: Prepared;
  let line: { url: string; pricingModel: string | undefined };
  let headers: Record<string, string>;
  try {
    prepared = prepareBody(target, call, model);
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
  let res: UpstreamResponse;
  try {
    res = await callUpstream(dispatcher, {
      url: line.url,
      method: ctx.method,
      headers,
      body: ctx.method === 'GET' || ctx.method === 'HEAD' ? undefined : prepared.body,
      signal: ctx.abort.signal,
    });
  } catch (err) {
    return fail(upstreamFailure(err, line.url, target.label, ctx.abort.signal), line.url, prepared.transformed);
  }
  ctx.timings.upstreamHeaders = performance.now();

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
    const transform = streamTransform(target, call, prepared);
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
  if (call.endpoint === 'proxy') return jsonOutcome(base, parsed, text, usageOf(parsed), null);
  const { body, usage } = successBody(call, target, parsed);
  const same = body === parsed;
  return jsonOutcome(base, body, same ? text : null, usage, same ? null : parsed);
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

/** A pass-through answer's `usage`, in whichever shape its route reports it. */
function usageOf(parsed: unknown): Json | null {
  const usage = (parsed as Json).usage;
  return typeof usage === 'object' && usage !== null && !Array.isArray(usage) ? (usage as Json) : null;
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
