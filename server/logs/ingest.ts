// Custom log ingest (POST /v1/logs, spec §2.10; DOCS api-reference/admin-api/data-plane/logs/
// insert-a-log): requests made outside the gateway, logged in the same table as gateway traffic.
// Each entry becomes a LogEvent with its own id, tokens from the response's usage and cost from the
// offline pricing files, written through the journaled LogWriter like any gateway request.
import type { LogEvent } from './events.ts';
import type { AuthContext } from '../identity/auth.ts';
import type { WorkspaceFacts as CachedWorkspace } from '../identity/workspaces.ts';
import { badRequest } from '../errors.ts';
import { newId } from '../ids.ts';
import { NO_UNITS, logUnits, unitsFromUsage } from '../pricing/accounting.ts';
import { MAX_METADATA_VALUE } from './metadata.ts';
import { maskHeaders } from '../security/headerMask.ts';
import { PROVIDER_IDS, providerSpec } from '../provider-specs/registry.ts';
import { emptyUsage } from '../pricing/usage.ts';
import type { UsageUnits } from '../pricing/types.ts';
import { VERSION } from '../version.ts';

export interface CustomLog {
  request: { url: string; method?: string; headers?: Record<string, unknown>; body: unknown; provider?: string };
  response: {
    status?: number;
    headers?: Record<string, unknown>;
    body: unknown;
    response_time?: number;
    /** The docs' older name for response_time. */
    time?: number;
    streamingMode?: boolean;
  };
  metadata?: Record<string, unknown>;
}

export interface IngestContext {
  auth: AuthContext;
  workspace: CachedWorkspace;
  now: number;
  /** Organisation setting `request_logging_mode: metrics-only`: keep no bodies or headers. */
  metricsOnly: boolean;
  /** `x-portkey-trace-id` of the ingest request: the trace of entries that name none. */
  traceId: string | null;
  cost(provider: string, model: string, usage: UsageUnits): { cents: number; priced: boolean };
}

/** Tracing keys taken out of metadata into their own columns, in both spellings the docs use. */
const TRACING: Record<string, 'trace_id' | 'span_id' | 'span_name' | 'parent_span_id'> = {
  trace_id: 'trace_id',
  traceId: 'trace_id',
  span_id: 'span_id',
  spanId: 'span_id',
  span_name: 'span_name',
  spanName: 'span_name',
  parent_span_id: 'parent_span_id',
  parentSpanId: 'parent_span_id',
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The provider a URL belongs to, from the registry's default hosts (api.openai.com -> openai). */
function providerOfUrl(url: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  if (host.endsWith('.openai.azure.com')) return 'azure-openai';
  for (const id of PROVIDER_IDS) {
    const base = providerSpec(id)?.baseUrl;
    if (base && new URL(base).hostname === host) return id;
  }
  return null;
}

function lowerCaseKeys(headers: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = String(v);
  return out;
}

function metadataOf(raw: Json | undefined, index: number) {
  const metadata: Record<string, string> = {};
  const tracing: Partial<Record<'trace_id' | 'span_id' | 'span_name' | 'parent_span_id', string>> = {};
  for (const [k, v] of Object.entries(raw ?? {})) {
    if (v === null || v === undefined) continue;
    if (typeof v === 'object')
      throw badRequest(`logs[${index}].metadata.${k} must be a string (got ${Array.isArray(v) ? 'array' : 'object'})`);
    const value = String(v);
    if (TRACING[k]) {
      tracing[TRACING[k]] = value;
      continue;
    }
    if (value.length > MAX_METADATA_VALUE) throw badRequest(`logs[${index}].metadata.${k} is longer than ${MAX_METADATA_VALUE} characters`);
    metadata[k] = value;
  }
  return { metadata, tracing };
}

export function customLogEvent(log: CustomLog, index: number, ctx: IngestContext): LogEvent {
  const { auth, workspace } = ctx;
  const { metadata: own, tracing } = metadataOf(log.metadata, index);
  // Same precedence as gateway requests (spec §4.3): workspace defaults > key defaults > the log's own.
  const metadata = { ...own, ...auth.key.defaults.metadata, ...workspace.defaults.metadata };
  const requestBody = isObject(log.request.body) ? log.request.body : null;
  const responseBody = isObject(log.response.body) ? log.response.body : null;
  const model =
    (typeof requestBody?.model === 'string' && requestBody.model) ||
    (typeof responseBody?.model === 'string' && responseBody.model) ||
    null;
  const provider =
    (log.request.provider && (providerSpec(log.request.provider)?.id ?? log.request.provider)) || providerOfUrl(log.request.url);
  const usage = isObject(responseBody?.usage) ? unitsFromUsage(responseBody.usage) : null;
  const units = usage ? logUnits(usage) : NO_UNITS;
  const price = provider && model ? ctx.cost(providerSpec(provider)?.pricingId ?? provider, model, usage ?? emptyUsage()) : null;
  const status = log.response.status ?? 200;
  const responseTime = Math.max(0, Math.round(log.response.response_time ?? log.response.time ?? 0));
  const requestHeaders = lowerCaseKeys(log.request.headers);
  const traceId = tracing.trace_id ?? ctx.traceId ?? newId();
  return {
    id: newId(),
    created_at: ctx.now,
    organisation_id: auth.organisationId,
    workspace_id: workspace.id,
    workspace_slug: workspace.slug,
    user_id: auth.userId,
    api_key_id: auth.key.id,
    prompt_id: null,
    prompt_version_id: null,
    prompt_slug: null,
    config_id: null,
    config: null,
    config_version_id: null,
    virtual_key: null,
    ai_org: provider,
    ai_model: model,
    request_model: model,
    is_success: status >= 200 && status < 300,
    req_units: units.req,
    res_units: units.res,
    total_units: units.total,
    cache_read_units: units.cacheRead,
    cache_write_units: units.cacheWrite,
    reasoning_units: units.reasoning,
    cost: price && usage ? price.cents : 0,
    cost_currency: 'USD',
    is_priced: Boolean(price?.priced && usage),
    request_url: log.request.url,
    request_method: (log.request.method ?? 'POST').toUpperCase(),
    endpoint: 'custom',
    response_status_code: status,
    response_time: responseTime,
    upstream_response_time: null,
    ttfb: null,
    ttlt: null,
    is_proxy_call: false,
    cache_status: 'DISABLED',
    cache_type: null,
    stream_mode: log.response.streamingMode === true,
    retry_success_count: 0,
    trace_id: traceId,
    span_id: tracing.span_id ?? null,
    parent_span_id: tracing.parent_span_id ?? null,
    span_name: tracing.span_name ?? null,
    mode: 'single',
    source: 'custom',
    runtime: null,
    runtime_version: null,
    sdk_version: null,
    internal_trace_id: null,
    last_used_option_index: null,
    metadata,
    request_parsing_time: null,
    pre_processing_time: null,
    queue_time: null,
    cache_processing_time: null,
    response_parsing_time: null,
    gateway_processing_time: null,
    error_message:
      status >= 400 && isObject(responseBody?.error) && typeof responseBody.error.message === 'string' ? responseBody.error.message : null,
    log_store_file_path_format: null,
    gateway_version: VERSION,
    hook_results: null,
    guardrails_passed: null,
    guardrails_failed: null,
    bodies: ctx.metricsOnly
      ? null
      : {
          request: log.request.body,
          response: log.response.body,
          request_headers: maskHeaders(requestHeaders),
          response_headers: maskHeaders(lowerCaseKeys(log.response.headers)),
          portkey_headers: { ...maskHeaders(requestHeaders, true), 'x-portkey-trace-id': traceId },
        },
  };
}
