// The fields of a log the list and the drawer read, typed from the loose log object the API
// returns (GET /v1/logs answers Portkey's log shape, `metrics` holding the request-log row).
export interface LogMetrics {
  id: string;
  created_at: string;
  trace_id: string | null;
  span_id: string | null;
  workspace_slug: string | null;
  api_key_id: string | null;
  virtual_key: string | null;
  ai_org: string | null;
  ai_model: string | null;
  request_model: string | null;
  is_success: boolean | null;
  req_units: number | null;
  res_units: number | null;
  total_units: number | null;
  cost: number | null;
  cost_currency: string | null;
  is_priced: boolean | null;
  request_url: string | null;
  request_method: string | null;
  response_status_code: number | null;
  response_time: number | null;
  upstream_response_time: number | null;
  ttfb: number | null;
  ttlt: number | null;
  cache_status: string | null;
  cache_type: string | null;
  stream_mode: boolean | null;
  retry_success_count: number | null;
  config: string | null;
  config_id: string | null;
  config_version_id: string | null;
  prompt_slug: string | null;
  mode: string | null;
  last_used_option_index: string | null;
  error_message: string | null;
  gateway_processing_time: number | null;
  metadata: Record<string, string>;
  feedback_count: number;
  avg_weighted_feedback: number | null;
}

/** One check's verdict in a guardrail's result (Portkey's `hook_results` shape plus `explanation`). */
export interface CheckVerdict {
  id: string;
  verdict: boolean;
  explanation: string;
  error: string | null;
  /** Milliseconds. */
  execution_time: number;
  transformed: boolean;
  skipped: boolean;
}

export interface HookResult {
  id: string;
  name: string | null;
  /** null: an async guardrail whose verdict had not arrived. */
  verdict: boolean | null;
  deny: boolean;
  async: boolean;
  transformed: boolean;
  checks: CheckVerdict[];
  feedback: { value: number; weight: number } | null;
  execution_time: number;
  /** Where it was attached: organisation defaults, workspace defaults, or a config's path. */
  source: string;
}

export interface HookResults {
  before_request_hooks: HookResult[];
  after_request_hooks: HookResult[];
}

export interface LogEntry {
  id: string;
  created_at: string;
  request: { url?: string; method?: string; headers?: Record<string, unknown>; body?: unknown; portkeyHeaders?: Record<string, unknown> };
  response: {
    status?: number;
    headers?: Record<string, unknown>;
    body?: unknown;
    responseTime?: number;
    lastUsedOptionJsonPath?: string | null;
  };
  metrics: LogMetrics;
  transformedRequest?: { body: unknown };
  originalResponse?: { body: unknown };
  feedback?: { id?: string; value?: number; weight?: number; metadata?: Record<string, unknown>; created_at?: string }[];
  /** Guardrail verdicts; null when no guardrail ran. */
  hook_results?: HookResults | null;
}

export const asLog = (value: unknown) => value as LogEntry;

export function statusColor(status: number | null | undefined): string {
  if (!status) return 'gray';
  // 246: answered, but a guardrail check failed.
  if (status === 246) return 'yellow';
  if (status < 300) return 'green';
  if (status < 500) return 'yellow';
  return 'red';
}
