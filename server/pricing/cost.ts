// Prices one request: normalised usage × the model's effective rates, in US cents, with one line
// per component so a cost can be explained. Never throws; an unknown model costs 0, unpriced.
import { add, decimal, multiply, toNumber, ZERO, type Decimal } from './decimal.ts';
import { effectiveRates, isObject, priceAt } from './rates.ts';
import type {
  CostComponent,
  CostLine,
  CostOverrides,
  CostResult,
  JsonObject,
  ModelPricing,
  PricingMultiplier,
  UsageUnits,
} from './types.ts';

/**
 * Why equivalent arithmetic rather than evaluating each file's `default.pricing_config.calculate`
 * tree: the trees are incomplete and partly broken. Bedrock's and Vertex's ignore the cache prices
 * their own models list (worked example E8 needs them), Azure's name rates that do not exist
 * (`rates.cache_read_token`), and none covers reasoning, images, per-call units or fixed fees. So
 * every provider is priced with Portkey's general formula, whose terms are zero where a file has
 * no such price:
 *   input × request_token + cache_read × cache_read_input_token + cache_write × cache_write_input_token
 *   + audio_in × request_audio_token + cached_audio_in × cache_read_audio_input_token
 *   + (output − reasoning) × response_token + reasoning × reasoning_token + audio_out × response_audio_token
 *   + images × image[quality][size] + Σ additional_units[k] × count_k + fixed_cost.request + fixed_cost.response
 * A token kind with no price of its own falls back to the plain input or output price (cache
 * read -> request_token, reasoning -> response_token, ...). That overstates rather than hides
 * cost when a file is silent; where the file sets a price, even 0, that price is used.
 */

/** `additional_units` entries that hold default counts for the provider call, not prices. */
const NOT_PRICES = new Set(['default_duration_seconds', 'default_sample_count', 'default_steps']);

export interface CostOptions extends CostOverrides {
  /** Omit the per-component lines (they are included by default). */
  withoutLines?: boolean;
}

function count(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

function factor(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Integration multipliers: a specific key, else `default`, else 1 (null means inherit). */
function multiplierFor(m: PricingMultiplier | null | undefined, ...keys: string[]): number {
  if (!m) return 1;
  for (const key of keys) {
    const value = factor(m[key]);
    if (value !== undefined) return value;
  }
  return factor(m.default) ?? 1;
}

function imagePrice(table: unknown, quality: string | undefined, size: string | undefined): { key: string; price: number } | null {
  if (!isObject(table)) return null;
  const q = quality && isObject(table[quality]) ? quality : 'default';
  const sizes = table[q];
  if (!isObject(sizes)) return null;
  const s = size && priceAt(sizes, size) !== undefined ? size : 'default';
  const price = priceAt(sizes, s);
  return price === undefined ? null : { key: `image.${q}.${s}`, price };
}

class Bill {
  total: Decimal = ZERO;
  readonly lines: CostLine[] = [];
  readonly unpriced: string[] = [];

  charge(component: CostComponent, rateKey: string, units: number, rateCents: number, multiplier: number) {
    if (units <= 0) return;
    const rate = rateOf(rateCents, multiplier);
    const cents = multiply(unitsDecimal(units), rate.decimal);
    this.total = add(this.total, cents);
    this.lines.push({ component, rateKey, units, rateCents: rate.cents, cents: toNumber(cents) });
  }
}

// A file has a few hundred distinct prices and multipliers: their decimal product (the costliest
// part of pricing a request) is kept, by price then multiplier. Bounded, for admin-made files.
const RATE_MEMO_LIMIT = 10_000;
let rateMemo = new Map<number, Map<number, { decimal: Decimal; cents: number }>>();
let rateMemoSize = 0;

function rateOf(rateCents: number, multiplier: number): { decimal: Decimal; cents: number } {
  let byMultiplier = rateMemo.get(rateCents);
  const known = byMultiplier?.get(multiplier);
  if (known) return known;
  const d = multiply(decimal(rateCents), decimal(multiplier));
  const rate = { decimal: d, cents: toNumber(d) };
  if (rateMemoSize >= RATE_MEMO_LIMIT) {
    rateMemo = new Map();
    rateMemoSize = 0;
    byMultiplier = undefined;
  }
  if (!byMultiplier) rateMemo.set(rateCents, (byMultiplier = new Map()));
  byMultiplier.set(multiplier, rate);
  rateMemoSize += 1;
  return rate;
}

/** decimal(units, 15), without the text round trip for whole counts (what token counts are). */
function unitsDecimal(units: number): Decimal {
  return Number.isSafeInteger(units) && units < 1e15 ? { mantissa: BigInt(units), scale: 0 } : decimal(units, 15);
}

function unpricedResult(): CostResult {
  return { cents: 0, currency: 'USD', priced: false };
}

/**
 * Cost of one request in US cents. `pricing` is the model's entry from the pricing files (null
 * when unknown); `options.pricingConfig` is an integration's own price, which prices the request
 * even when the files do not know the model.
 */
export function computeCost(pricing: ModelPricing | null, usage: UsageUnits, options: CostOptions = {}): CostResult {
  try {
    const override = isObject(options.pricingConfig) ? options.pricingConfig : null;
    if (!pricing && !override) return unpricedResult();

    const u = {
      input: count(usage.inputTokens),
      cacheRead: count(usage.cacheReadTokens),
      cacheWrite: count(usage.cacheWriteTokens),
      audioIn: count(usage.audioInputTokens),
      cacheReadAudio: count(usage.cacheReadAudioTokens),
      output: count(usage.outputTokens),
      audioOut: count(usage.audioOutputTokens),
    };
    const reasoning = Math.min(count(usage.reasoningTokens), u.output);
    const promptTokens = u.input + u.cacheRead + u.cacheWrite + u.audioIn + u.cacheReadAudio;
    const rates = effectiveRates(pricing, override, {
      promptTokens,
      executionMode: options.executionMode,
      region: options.region,
    });
    const p = rates.payAsYouGo;
    const m = options.pricingAdjustments?.multiplier ?? null;
    const bill = new Bill();

    const input = priceAt(p, 'request_token') ?? 0;
    const output = priceAt(p, 'response_token') ?? 0;
    const audioIn = priceAt(p, 'request_audio_token') ?? input;
    bill.charge('input', 'request_token', u.input, input, multiplierFor(m, 'request_token'));
    bill.charge(
      'cache_read',
      'cache_read_input_token',
      u.cacheRead,
      priceAt(p, 'cache_read_input_token') ?? input,
      multiplierFor(m, 'cache_read_input_token'),
    );
    bill.charge(
      'cache_write',
      'cache_write_input_token',
      u.cacheWrite,
      priceAt(p, 'cache_write_input_token') ?? input,
      multiplierFor(m, 'cache_write_input_token'),
    );
    bill.charge('audio_input', 'request_audio_token', u.audioIn, audioIn, multiplierFor(m, 'request_audio_token'));
    bill.charge(
      'cache_read_audio',
      'cache_read_audio_input_token',
      u.cacheReadAudio,
      priceAt(p, 'cache_read_audio_input_token') ?? audioIn,
      multiplierFor(m, 'cache_read_audio_input_token'),
    );

    // Reasoning is inside output. Priced on its own only where the file has a reasoning price
    // (Qwen thinking mode); otherwise it is output, and the response multiplier covers it unless
    // the integration set a reasoning multiplier.
    const reasoningPrice = priceAt(p, 'reasoning_token');
    bill.charge('output', 'response_token', u.output - reasoning, output, multiplierFor(m, 'response_token'));
    if (reasoningPrice !== undefined) {
      bill.charge('reasoning', 'reasoning_token', reasoning, reasoningPrice, multiplierFor(m, 'reasoning_token'));
    } else {
      bill.charge('reasoning', 'response_token', reasoning, output, multiplierFor(m, 'reasoning_token', 'response_token'));
    }
    bill.charge(
      'audio_output',
      'response_audio_token',
      u.audioOut,
      priceAt(p, 'response_audio_token') ?? output,
      multiplierFor(m, 'response_audio_token'),
    );

    const images = count(usage.images?.count);
    if (images > 0) {
      const image = imagePrice(p.image, usage.images?.quality, usage.images?.size);
      if (image) bill.charge('images', image.key, images, image.price, factor(m?.image?.default) ?? multiplierFor(m));
      else bill.unpriced.push('images');
    }

    const units = isObject(p.additional_units) ? p.additional_units : {};
    const unitMultipliers: JsonObject = isObject(m?.additional_units) ? m.additional_units : {};
    for (const [unit, n] of Object.entries(usage.additionalUnits ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
      if (count(n) === 0) continue;
      const price = NOT_PRICES.has(unit) ? undefined : priceAt(units, unit);
      if (price === undefined) bill.unpriced.push(`additional_units.${unit}`);
      else bill.charge('additional_unit', `additional_units.${unit}`, count(n), price, factor(unitMultipliers[unit]) ?? multiplierFor(m));
    }

    // A per-request fee is not a token price; the integration's default multiplier (a negotiated
    // discount on the whole bill) still applies to it.
    for (const side of ['request', 'response'] as const) {
      const fee = priceAt(rates.fixedCost, side);
      if (fee) bill.charge('request_fee', `fixed_cost.${side}`, 1, fee, multiplierFor(m));
    }

    const result: CostResult = { cents: toNumber(bill.total), currency: 'USD', priced: true };
    if (pricing) result.model = pricing.model;
    if (!options.withoutLines) result.lines = bill.lines;
    if (bill.unpriced.length > 0) result.unpricedUnits = bill.unpriced;
    return result;
  } catch {
    // Malformed admin data must never fail a request; the cost is then unknown.
    return unpricedResult();
  }
}
