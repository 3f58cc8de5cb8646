// Turns a finished gateway request into its request-log event (spec §2.10's metrics row plus
// bodies). Secrets in headers are masked before anything is stored.
import type { LogEvent } from '../logs/events.ts';
import { maskHeaders } from '../security/headerMask.ts';
import type { LogUnits } from '../pricing/accounting.ts';
import { VERSION } from '../version.ts';
import { elapsed, type GatewayContext } from './context.ts';
import type { GatewayCall, Target } from './attempt.ts';
import { hookResultsOf, type GuardrailTrace } from './guardrails.ts';

export interface Finished {
  ctx: GatewayContext;
  call: GatewayCall | null;
  target: Target | null;
  status: number;
  model: string | null;
  units: LogUnits;
  cents: number;
  priced: boolean;
  responseBody: unknown;
  responseHeaders?: Record<string, string>;
  transformedRequest?: unknown;
  originalResponse?: unknown;
  errorMessage: string | null;
  stream: boolean;
  bodies: boolean;
}

const round = (ms: number | undefined) => (ms === undefined ? null : Math.round(ms));

/** [guardrails] The verdicts as the client saw them, and which guardrails passed and failed (async ones once they finish). */
function guardrailColumns(trace: GuardrailTrace | undefined) {
  if (!trace) return { hook_results: null, guardrails_passed: null, guardrails_failed: null };
  const hooks = hookResultsOf(trace);
  const all = [...hooks.before_request_hooks, ...hooks.after_request_hooks];
  return {
    hook_results: JSON.stringify(hooks),
    guardrails_passed: all.filter((r) => r.verdict === true).map((r) => r.id),
    guardrails_failed: all.filter((r) => r.verdict === false).map((r) => r.id),
  };
}

export function buildLogEvent(f: Finished): LogEvent {
  const { ctx, call, target } = f;
  const now = performance.now();
  const t = ctx.timings;
  const upstreamMs = t.upstreamStart !== undefined && t.upstreamHeaders !== undefined ? t.upstreamHeaders - t.upstreamStart : undefined;
  const upstreamBusy = t.upstreamStart !== undefined ? (t.upstreamDone ?? t.lastByte ?? t.upstreamHeaders ?? now) - t.upstreamStart : 0;
  const requestModel = typeof call?.body?.model === 'string' ? call.body.model : null;
  return {
    id: ctx.id,
    created_at: ctx.createdAt,
    organisation_id: ctx.auth.organisationId,
    workspace_id: ctx.workspace.id,
    workspace_slug: ctx.workspace.slug,
    user_id: ctx.auth.userId,
    api_key_id: ctx.auth.key.id,
    prompt_id: null,
    prompt_version_id: null,
    prompt_slug: null,
    config_id: ctx.routing.configId,
    config: ctx.routing.configSlug,
    config_version_id: ctx.routing.configVersionId,
    virtual_key: target?.providerSlug ?? null,
    ai_org: target?.spec.id ?? null,
    ai_model: f.model,
    request_model: requestModel,
    is_success: f.status >= 200 && f.status < 300 && f.errorMessage === null,
    req_units: f.units.req,
    res_units: f.units.res,
    total_units: f.units.total,
    cache_read_units: f.units.cacheRead,
    cache_write_units: f.units.cacheWrite,
    reasoning_units: f.units.reasoning,
    cost: f.cents,
    cost_currency: 'USD',
    is_priced: f.priced,
    request_url: `/v1${ctx.path}`,
    request_method: ctx.method,
    endpoint: call?.endpoint ?? 'unknown',
    response_status_code: f.status,
    response_time: Math.round(elapsed(ctx, now)),
    upstream_response_time: round(upstreamMs),
    ttfb: round(t.firstByte !== undefined ? t.firstByte - ctx.started : undefined),
    ttlt: round(t.lastByte !== undefined ? t.lastByte - ctx.started : undefined),
    is_proxy_call: call?.endpoint === 'proxy',
    cache_status: ctx.routing.cacheStatus,
    cache_type: ctx.routing.cacheType,
    stream_mode: f.stream,
    retry_success_count: ctx.routing.retryAttemptCount,
    trace_id: ctx.traceId,
    span_id: ctx.spanId,
    parent_span_id: ctx.parentSpanId,
    span_name: ctx.spanName,
    mode: ctx.routing.mode,
    source: null,
    runtime: ctx.client.runtime,
    runtime_version: ctx.client.runtimeVersion,
    sdk_version: ctx.client.sdkVersion,
    internal_trace_id: ctx.id,
    last_used_option_index: ctx.routing.lastUsedOptionIndex,
    metadata: ctx.metadata,
    request_parsing_time: null,
    pre_processing_time: t.upstreamStart !== undefined ? t.upstreamStart - ctx.started : null,
    queue_time: t.queued ?? null,
    cache_processing_time: null,
    response_parsing_time: null,
    gateway_processing_time: Math.max(0, elapsed(ctx, now) - upstreamBusy),
    error_message: f.errorMessage,
    log_store_file_path_format: null,
    gateway_version: VERSION,
    ...guardrailColumns(ctx.guardrails),
    bodies: f.bodies
      ? {
          // [guardrails] redacted text is what the log keeps, as it is what went upstream.
          request:
            ctx.guardrails?.requestBody ??
            call?.body ??
            (call?.raw ? `<${call.raw.length} bytes of ${call.contentType ?? 'binary'}>` : null),
          response: f.responseBody,
          request_headers: maskHeaders(ctx.clientHeaders),
          // An upstream's set-cookie or echoed credential is no more loggable than the client's.
          response_headers: f.responseHeaders && maskHeaders(f.responseHeaders),
          portkey_headers: maskHeaders(ctx.clientHeaders, true),
          transformed_request: f.transformedRequest,
          original_response: f.originalResponse,
        }
      : null,
  };
}
