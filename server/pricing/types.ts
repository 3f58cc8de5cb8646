// Types shared by the pricing modules: the Portkey pricing-file shapes (read defensively, since
// admins can drop in their own files), normalised usage, integration overrides and cost results.

export type JsonObject = { [key: string]: unknown };

/** One price: US cents per unit (token, image, request, second, ...). */
export interface PriceEntry {
  price: number;
}

/**
 * A Portkey `pricing_config` (spec §6.1). Known keys are listed for readers; everything is
 * read through guarded accessors because the files are untrusted input.
 */
export interface PricingConfig {
  type?: string;
  pay_as_you_go?: JsonObject;
  batch_config?: JsonObject;
  fixed_cost?: { request?: PriceEntry; response?: PriceEntry };
  finetune_config?: JsonObject;
  calculate?: unknown;
  currency?: string;
  [key: string]: unknown;
}

/** One model's entry in a provider file: `{ pricing_config, custom_pricing? }`. */
export interface ModelEntry {
  pricing_config?: PricingConfig | null;
  custom_pricing?: JsonObject;
  [key: string]: unknown;
}

/** A provider file: model id -> entry, plus `default` (provider-wide base prices). */
export type ProviderFile = Record<string, ModelEntry>;

/** The model a lookup settled on, with `default` already deep-merged under it. */
export interface ModelPricing {
  provider: string;
  /** The key that matched in the provider file (may differ from the requested name). */
  model: string;
  pricingConfig: PricingConfig;
  customPricing: JsonObject | null;
}

export type ExecutionMode = 'standard' | 'batch' | 'flex' | 'priority' | 'fast';

/**
 * Usage split into disjoint, separately priced parts. Input parts add up to the whole prompt;
 * output parts add up to the whole completion.
 */
export interface UsageUnits {
  /** Prompt tokens not read from or written to a cache, audio excluded. */
  inputTokens: number;
  /** Completion tokens, reasoning included, audio excluded. */
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /** The part of outputTokens spent on reasoning/thinking (already inside outputTokens). */
  reasoningTokens: number;
  /** Uncached audio prompt tokens (not inside inputTokens). */
  audioInputTokens: number;
  /** Audio completion tokens (not inside outputTokens). */
  audioOutputTokens: number;
  /** Audio prompt tokens read from a cache (OpenAI realtime). */
  cacheReadAudioTokens?: number;
  /** Generated images, priced per image by quality and size. */
  images?: { count: number; quality?: string; size?: string };
  /** Counts for `additional_units` prices: web_search calls, video seconds, cache_write_1h tokens, ... */
  additionalUnits?: Record<string, number>;
}

/** Integration `pricing_adjustments.multiplier` (OAS `PricingMultiplier`): null means inherit. */
export interface PricingMultiplier {
  default?: number | null;
  request_token?: number | null;
  response_token?: number | null;
  cache_read_input_token?: number | null;
  cache_write_input_token?: number | null;
  cache_read_audio_input_token?: number | null;
  request_audio_token?: number | null;
  response_audio_token?: number | null;
  reasoning_token?: number | null;
  image?: { default?: number | null } | null;
  additional_units?: Record<string, number | null> | null;
  [key: string]: unknown;
}

export interface PricingAdjustments {
  multiplier?: PricingMultiplier | null;
}

/** What an integration and the request add on top of the bundled prices. */
export interface CostOverrides {
  /** The integration's per-model price (Portkey `{type:'static', pay_as_you_go:{...}}`); wins over files. */
  pricingConfig?: PricingConfig | null;
  pricingAdjustments?: PricingAdjustments | null;
  executionMode?: ExecutionMode;
  /** Cloud region of the deployment (Bedrock, Vertex), for regional prices. */
  region?: string;
}

export type CostComponent =
  | 'input'
  | 'cache_read'
  | 'cache_write'
  | 'audio_input'
  | 'cache_read_audio'
  | 'output'
  | 'reasoning'
  | 'audio_output'
  | 'images'
  | 'additional_unit'
  | 'request_fee';

export interface CostLine {
  component: CostComponent;
  /** The pricing key used: `request_token`, `image.hd.1792x1024`, `additional_units.web_search`, ... */
  rateKey: string;
  units: number;
  /** Cents per unit after any multiplier. */
  rateCents: number;
  cents: number;
}

export interface CostResult {
  cents: number;
  currency: 'USD';
  /** False when no price was found: cents is then 0, and that 0 means "unknown", not "free". */
  priced: boolean;
  /** The pricing-file key that matched, when priced from a file. */
  model?: string;
  lines?: CostLine[];
  /** Usage that had no price in the data (counted as 0). */
  unpricedUnits?: string[];
}
