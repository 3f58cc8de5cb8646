// Turns a model's pricing entry into the flat rate table one request is billed at: provider
// default under model prices, then execution mode (batch), region and context tier.
import type { ExecutionMode, JsonObject, ModelPricing, PricingConfig } from './types.ts';

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; anything else (numbers, arrays, null) in `over` replaces `base`. */
export function deepMerge(base: JsonObject, over: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prior = out[key];
    out[key] = isObject(prior) && isObject(value) ? deepMerge(prior, value) : value;
  }
  return out;
}

/** `{ price: n }` -> n, for a finite non-negative n; anything else is "no price". */
export function priceAt(container: unknown, key: string): number | undefined {
  if (!isObject(container)) return undefined;
  const entry = container[key];
  if (!isObject(entry)) return undefined;
  const price = entry.price;
  return typeof price === 'number' && Number.isFinite(price) && price >= 0 ? price : undefined;
}

/** The rate table of one request, and where it came from (for logs and tests). */
export interface EffectiveRates {
  /** A `pay_as_you_go` object: `request_token`, `response_token`, `image`, `additional_units`, ... */
  payAsYouGo: JsonObject;
  fixedCost: JsonObject | null;
  /** e.g. `pay_as_you_go`, `batch_config`, `custom_pricing:default/standard/gt-200k`. */
  source: string;
}

export interface RateContext {
  /** Every prompt token, cached or not: decides context tiers. */
  promptTokens: number;
  executionMode?: ExecutionMode;
  region?: string;
}

/**
 * Batch prices: `batch_config.<key>` where present, otherwise half the pay-as-you-go token
 * price (Portkey's rule). Only `*_token` keys are halved: per-call fees (web search) and image
 * prices keep their price unless batch_config names them.
 */
function batchRates(payAsYouGo: JsonObject, batchConfig: unknown): JsonObject {
  const out: JsonObject = { ...payAsYouGo };
  for (const [key, value] of Object.entries(payAsYouGo)) {
    const price = priceAt(payAsYouGo, key);
    if (key.endsWith('_token') && price !== undefined && isObject(value)) out[key] = { ...value, price: price / 2 };
  }
  return isObject(batchConfig) ? deepMerge(out, batchConfig) : out;
}

/** The largest threshold below the prompt size wins; with none below, the smallest tier. */
export function pickContextTier(tierMap: JsonObject, promptTokens: number): string | null {
  const tiers = Object.entries(tierMap)
    .map(([threshold, label]) => ({ threshold: Number(threshold), label }))
    .filter((t): t is { threshold: number; label: string } => Number.isFinite(t.threshold) && typeof t.label === 'string')
    .sort((a, b) => a.threshold - b.threshold);
  if (tiers.length === 0) return null;
  let chosen = tiers[0]!;
  for (const tier of tiers) if (tier.threshold < promptTokens) chosen = tier;
  return chosen.label;
}

/** Region keys are `default` or comma-separated region lists (`ap-northeast-1,us-gov-west-1`). */
function regionEntry(regions: JsonObject, region: string | undefined): { name: string; entry: JsonObject } | null {
  if (region) {
    const wanted = region.trim().toLowerCase();
    for (const [name, entry] of Object.entries(regions)) {
      if (name === 'default' || !isObject(entry)) continue;
      if (name.split(',').some((r) => r.trim().toLowerCase() === wanted)) return { name, entry };
    }
  }
  const fallback = regions.default;
  return isObject(fallback) ? { name: 'default', entry: fallback } : null;
}

/**
 * `custom_pricing.regions.<region>.execution_modes.<mode>[.context_tiers.<tier>].pricing_config`.
 * Used only when it says something the flat `pricing_config` cannot: a context tier map, a
 * specific region, or a non-standard mode. For a plain standard request the flat price (the one
 * GET /model-configs/pricing shows) applies; the two disagree for a few models in the data.
 */
function customRates(custom: JsonObject, ctx: RateContext): { payAsYouGo: JsonObject; source: string } | null {
  const mode = ctx.executionMode ?? 'standard';
  const tierMap = isObject(custom.context_tier_map) ? custom.context_tier_map : null;
  if (!tierMap && !ctx.region && mode === 'standard') return null;
  if (!isObject(custom.regions)) return null;
  const region = regionEntry(custom.regions, ctx.region);
  if (!region || !isObject(region.entry.execution_modes)) return null;
  const modes = region.entry.execution_modes;
  const modeEntry = modes[mode];
  if (!isObject(modeEntry)) return null;
  let holder: JsonObject = modeEntry;
  let source = `custom_pricing:${region.name}/${mode}`;
  if (tierMap && isObject(modeEntry.context_tiers)) {
    const label = pickContextTier(tierMap, ctx.promptTokens);
    const tier = label ? modeEntry.context_tiers[label] : undefined;
    if (isObject(tier)) {
      holder = tier;
      source += `/${label}`;
    }
  }
  const config = holder.pricing_config;
  if (!isObject(config) || !isObject(config.pay_as_you_go)) return null;
  return { payAsYouGo: config.pay_as_you_go, source };
}

/**
 * The rates for one request. `override` is an integration's own per-model price: it is the
 * admin's price, so it replaces file keys it names and custom_pricing tiers are not applied.
 */
export function effectiveRates(pricing: ModelPricing | null, override: PricingConfig | null, ctx: RateContext): EffectiveRates {
  let config: JsonObject = pricing?.pricingConfig ?? {};
  if (override) config = deepMerge(config, override);
  const flat = isObject(config.pay_as_you_go) ? config.pay_as_you_go : {};
  const mode = ctx.executionMode ?? 'standard';
  let payAsYouGo = mode === 'batch' ? batchRates(flat, config.batch_config) : flat;
  let source = mode === 'batch' ? 'batch_config' : 'pay_as_you_go';
  const custom = !override && pricing?.customPricing ? customRates(pricing.customPricing, ctx) : null;
  if (custom) {
    // Keys the tier leaves out (often cache prices) keep the flat or batch price.
    payAsYouGo = deepMerge(payAsYouGo, custom.payAsYouGo);
    source = custom.source;
  }
  return { payAsYouGo, fixedCost: isObject(config.fixed_cost) ? config.fixed_cost : null, source };
}
