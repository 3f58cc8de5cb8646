// A routing config as the gateway uses it: the wire format (snake_case, Portkey's config object),
// after strict validation (validate.ts). Any node is either a group (strategy + targets) or a
// leaf target; settings on a group are inherited by its children (router.ts).

export type StrategyMode = 'single' | 'fallback' | 'loadbalance' | 'conditional';

/** A conditional query: `{ "metadata.tier": { "$eq": "pro" } }`, `{ "$or": [query, …] }`, … */
export type ConditionQuery = { [field: string]: unknown };

export interface Strategy {
  mode: StrategyMode;
  /** fallback: fall through only on these statuses (default: any non-2xx). */
  on_status_codes?: number[];
  /** conditional: first matching query wins; `then` names a target by `name`. */
  conditions?: { query: ConditionQuery; then: string }[];
  /** conditional: the target name used when no condition matches. */
  default?: string;
  /** loadbalance: pin a hash of these request fields to one target for `ttl` seconds. */
  sticky?: { enabled: boolean; hash_fields?: string[]; ttl?: number };
}

export interface RetrySettings {
  /** Retries after the first attempt, 0–5. */
  attempts: number;
  on_status_codes?: number[];
  use_retry_after_headers?: boolean;
}

export interface CacheSettings {
  mode: 'simple' | 'semantic';
  /** Seconds. */
  max_age?: number;
}

export interface CircuitBreakerSettings {
  failure_threshold: number;
  /** Milliseconds an open target stays skipped (≥ 30000). */
  cooldown_interval: number;
  failure_status_codes?: number[];
}

/** `"x-request-id"` forwards a header as it is; `{from, to}` renames it. */
export type ForwardHeader = string | { from: string; to: string };

export interface ConfigNode {
  name?: string;
  strategy?: Strategy;
  targets?: ConfigNode[];

  /** `@slug` (catalog provider) or a base provider id such as `openai`. */
  provider?: string;
  api_key?: string;
  /** Legacy: a catalog provider slug. */
  virtual_key?: string;
  custom_host?: string;
  /** Resolve the provider from the request itself (headers / model), not from the config. */
  passthrough?: boolean;
  weight?: number;

  override_params?: Record<string, unknown>;
  default_params?: Record<string, unknown>;
  drop_params?: string[];
  forward_headers?: ForwardHeader[];

  retry?: RetrySettings;
  cache?: CacheSettings;
  /** Milliseconds; bounds the whole response, stream body included. */
  request_timeout?: number;
  circuit_breaker?: CircuitBreakerSettings;

  /** Guardrail ids / hook objects, kept for the guardrails issue. */
  input_guardrails?: unknown[];
  output_guardrails?: unknown[];
  before_request_hooks?: unknown[];
  after_request_hooks?: unknown[];
  /** Mutator ids / shorthand objects (Portkey's engine expands them into hooks), kept likewise. */
  input_mutators?: unknown[];
  output_mutators?: unknown[];

  /** Provider settings given in the config (azure_resource_name, openai_project, aws_region, …). */
  [providerOption: string]: unknown;
}

/** Provider settings a target may carry besides the routing fields above. */
export const PROVIDER_OPTION_KEYS = [
  'azure_resource_name',
  'azure_deployment_id',
  'azure_api_version',
  'azure_model_name',
  'azure_auth_mode',
  'openai_organization',
  'openai_project',
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'aws_region',
  'vertex_project_id',
  'vertex_region',
  'vertex_service_account_json',
  'anthropic_version',
  'anthropic_beta',
  'strict_open_ai_compliance',
] as const;

/** Default statuses a retry answers to. */
export const DEFAULT_RETRY_STATUS_CODES = [429, 500, 502, 503, 504];
export const MAX_RETRY_ATTEMPTS = 5;
export const MIN_CIRCUIT_COOLDOWN_MS = 30_000;
/** Portkey's hosted default cache age: 7 days, in seconds. */
export const DEFAULT_CACHE_MAX_AGE_S = 7 * 24 * 3600;
export const MIN_CACHE_MAX_AGE_S = 60;
export const DEFAULT_STICKY_TTL_S = 3600;
