// The request-log event: one per gateway request, written by the batch writer into the
// `request_logs` table (metrics) and `request_log_bodies` (bodies). The column list below drives
// both the DuckDB appender and the row reader, so the two cannot drift apart.

export interface LogEvent {
  id: string;
  created_at: number; // epoch ms
  organisation_id: string | null;
  workspace_id: string | null;
  workspace_slug: string | null;
  user_id: string | null;
  api_key_id: string | null;
  prompt_id: string | null;
  prompt_version_id: string | null;
  prompt_slug: string | null;
  config_id: string | null;
  config: string | null;
  config_version_id: string | null;
  virtual_key: string | null;
  ai_org: string | null;
  ai_model: string | null;
  request_model: string | null;
  is_success: boolean;
  req_units: number;
  res_units: number;
  total_units: number;
  cache_read_units: number;
  cache_write_units: number;
  reasoning_units: number;
  cost: number; // cents
  cost_currency: string;
  is_priced: boolean;
  request_url: string;
  request_method: string;
  endpoint: string;
  response_status_code: number;
  response_time: number; // ms, whole request
  upstream_response_time: number | null; // ms until upstream headers
  ttfb: number | null; // ms until the first byte went to the client
  ttlt: number | null; // ms until the last byte went to the client
  is_proxy_call: boolean;
  cache_status: string;
  cache_type: string | null;
  stream_mode: boolean;
  retry_success_count: number;
  trace_id: string;
  span_id: string | null;
  parent_span_id: string | null;
  span_name: string | null;
  mode: string | null;
  source: string | null;
  runtime: string | null;
  runtime_version: string | null;
  sdk_version: string | null;
  internal_trace_id: string | null;
  last_used_option_index: string | null;
  metadata: Record<string, string>;
  request_parsing_time: number | null;
  pre_processing_time: number | null;
  /** ms the request waited for a concurrency slot (max_concurrent_requests); null when it did not queue. */
  queue_time: number | null;
  cache_processing_time: number | null;
  response_parsing_time: number | null;
  gateway_processing_time: number | null;
  error_message: string | null;
  log_store_file_path_format: string | null;
  gateway_version: string | null;
  /** Guardrail verdicts as the client saw them (`hook_results`, JSON text); null when none ran. */
  hook_results: string | null;
  /** Ids (slugs) of the guardrails that passed and that failed; null when none ran. */
  guardrails_passed: string[] | null;
  guardrails_failed: string[] | null;
  /** Bodies and headers; absent in metrics-only logging mode. */
  bodies: LogBodies | null;
}

export interface LogBodies {
  request: unknown;
  response: unknown;
  request_headers?: Record<string, string>;
  response_headers?: Record<string, string>;
  portkey_headers?: Record<string, string>;
  transformed_request?: unknown;
  original_response?: unknown;
}

export type ColumnType = 'varchar' | 'boolean' | 'integer' | 'smallint' | 'double' | 'timestamp' | 'varchar[]';

export interface Column {
  name: string;
  type: ColumnType;
  get(e: LogEvent): unknown;
}

const col = (name: keyof LogEvent & string, type: ColumnType): Column => ({
  name,
  type,
  get: (e) => e[name],
});

/** In the table's column order (server/db/log-migrations). */
export const LOG_COLUMNS: readonly Column[] = [
  col('id', 'varchar'),
  col('created_at', 'timestamp'),
  col('organisation_id', 'varchar'),
  col('workspace_id', 'varchar'),
  col('workspace_slug', 'varchar'),
  col('user_id', 'varchar'),
  col('api_key_id', 'varchar'),
  col('prompt_id', 'varchar'),
  col('prompt_version_id', 'varchar'),
  col('prompt_slug', 'varchar'),
  col('config_id', 'varchar'),
  col('config', 'varchar'),
  col('config_version_id', 'varchar'),
  col('virtual_key', 'varchar'),
  col('ai_org', 'varchar'),
  col('ai_model', 'varchar'),
  col('request_model', 'varchar'),
  col('is_success', 'boolean'),
  col('req_units', 'integer'),
  col('res_units', 'integer'),
  col('total_units', 'integer'),
  col('cache_read_units', 'integer'),
  col('cache_write_units', 'integer'),
  col('reasoning_units', 'integer'),
  col('cost', 'double'),
  col('cost_currency', 'varchar'),
  col('is_priced', 'boolean'),
  col('request_url', 'varchar'),
  col('request_method', 'varchar'),
  col('endpoint', 'varchar'),
  col('response_status_code', 'smallint'),
  col('response_time', 'integer'),
  col('upstream_response_time', 'integer'),
  col('ttfb', 'integer'),
  col('ttlt', 'integer'),
  col('is_proxy_call', 'boolean'),
  col('cache_status', 'varchar'),
  col('cache_type', 'varchar'),
  col('stream_mode', 'boolean'),
  col('retry_success_count', 'smallint'),
  col('trace_id', 'varchar'),
  col('span_id', 'varchar'),
  col('parent_span_id', 'varchar'),
  col('span_name', 'varchar'),
  col('mode', 'varchar'),
  col('source', 'varchar'),
  col('runtime', 'varchar'),
  col('runtime_version', 'varchar'),
  col('sdk_version', 'varchar'),
  col('internal_trace_id', 'varchar'),
  col('last_used_option_index', 'varchar'),
  { name: 'metadata_key', type: 'varchar[]', get: (e) => Object.keys(e.metadata) },
  { name: 'metadata_value', type: 'varchar[]', get: (e) => Object.values(e.metadata) },
  col('request_parsing_time', 'double'),
  col('pre_processing_time', 'double'),
  col('cache_processing_time', 'double'),
  col('response_parsing_time', 'double'),
  col('gateway_processing_time', 'double'),
  col('error_message', 'varchar'),
  { name: 'has_bodies', type: 'boolean', get: (e) => e.bodies !== null },
  col('log_store_file_path_format', 'varchar'),
  col('gateway_version', 'varchar'),
  // Analytics' end user (log migration 0003): the `_user` metadata value.
  { name: 'metadata_user', type: 'varchar', get: (e) => e.metadata._user ?? null },
  // The other metadata as one string (log migration 0004), for filters, search and groups.
  { name: 'metadata_text', type: 'varchar', get: (e) => metadataText(e.metadata) },
  // Time waited for a concurrency slot (log migration 0006).
  col('queue_time', 'double'),
  // Guardrail verdicts (log migration 0006).
  col('hook_results', 'varchar'),
  col('guardrails_passed', 'varchar[]'),
  col('guardrails_failed', 'varchar[]'),
];

// ---- trace key (log migration 0005) ----

/**
 * SQL for the number analytics match feedback to requests on: the low 64 bits of md5(workspace id,
 * chr(31), trace id), NULL without a trace id. Joining on it instead of the trace id text saves
 * ~0.3 s per 10 million requests; see the migration for the (tiny) chance of two traces sharing one.
 */
export function traceKeySql(workspaceId: string, traceId: string): string {
  return `md5_number_lower(coalesce(${workspaceId}, '') || chr(31) || ${traceId})`;
}

// ---- metadata as text (log migration 0004) ----
// Reading the metadata_key / metadata_value lists costs ~0.3 s per 10 million rows before any work;
// a VARCHAR that holds the same pairs is read and searched with plain string functions. Each pair is
// PAIR + key + VALUE + value, and the text ends with PAIR, so `PAIR key VALUE value PAIR` occurs in
// it exactly when the row has that pair. The four characters U+001C to U+001F are escaped (ESC then
// U+0010 to U+0013), so the separators never occur inside a key or value. `_user` is left out: it
// has its own column (metadata_user), and without it the text has few distinct values per row group,
// which DuckDB stores as a dictionary. The migration's SQL encodes exactly the same way.

export const METADATA_PAIR = '\x1f';
export const METADATA_VALUE = '\x1e';
const ESC = '\x1c';

// eslint-disable-next-line no-control-regex -- the separators are control characters on purpose
const RESERVED = /[\x1c-\x1f]/;
// eslint-disable-next-line no-control-regex -- the separators are control characters on purpose
const RESERVED_ALL = /[\x1c-\x1f]/g;

/** A key or value with the separator characters (and the escape character) escaped. */
export function escapeMetadata(s: string): string {
  // Run per request: the test spares a replace (and its callback) for text with nothing to escape.
  return RESERVED.test(s) ? s.replace(RESERVED_ALL, (c) => ESC + String.fromCharCode(c.charCodeAt(0) - 0x0c)) : s;
}

/** The metadata (but `_user`) as the text stored in `metadata_text`; a pair with no value has no VALUE separator. */
export function metadataText(metadata: Record<string, string | null | undefined>): string {
  let out = '';
  for (const key in metadata) {
    if (key === '_user' || !Object.hasOwn(metadata, key)) continue;
    const value = metadata[key];
    out += METADATA_PAIR + escapeMetadata(key);
    if (value !== null && value !== undefined) out += METADATA_VALUE + escapeMetadata(String(value));
  }
  return out + METADATA_PAIR;
}

/** Stored bodies are capped so one huge request cannot bloat the log database. */
export const MAX_STORED_BODY_CHARS = 1_000_000;

/**
 * One body as stored: the value itself, or, when its JSON is over the cap, a marker with its head.
 * Each body is capped on its own, so a large request still leaves its headers, and the answer, in
 * the log.
 */
export function capBody(value: unknown): unknown {
  if (value === undefined || value === null) return value;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_STORED_BODY_CHARS
    ? { truncated: true, original_length: text.length, head: text.slice(0, MAX_STORED_BODY_CHARS) }
    : value;
}

export function serialiseBody(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
