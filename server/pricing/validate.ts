// Checks a pricing file before it can change any price: Portkey's format (spec §6.1), with every
// `price` a finite number of at least 0. A problem is reported with the path of the field, e.g.
// `"gpt-4o".pricing_config.pay_as_you_go.request_token.price must be a number of at least 0 (got "cheap")`.
import { isObject } from './rates.ts';
import type { ProviderFile } from './types.ts';

export class PricingFileError extends Error {
  override name = 'PricingFileError';
}

const MAX_DEPTH = 12;

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** Walks a pricing_config (or custom_pricing) object; `calculate` is documentation and not read. */
function walk(value: unknown, path: string, depth: number): void {
  if (depth > MAX_DEPTH) throw new PricingFileError(`${path} nests deeper than ${MAX_DEPTH} levels`);
  if (!isObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const at = `${path}.${key}`;
    if (key === 'calculate') continue;
    if (key === 'price') {
      if (typeof child !== 'number' || !Number.isFinite(child) || child < 0) {
        throw new PricingFileError(`${at} must be a number of at least 0 (got ${shown(child)})`);
      }
      continue;
    }
    if (key === 'currency' && child !== undefined && child !== 'USD') {
      throw new PricingFileError(`${at} must be "USD" (prices are in US cents; got ${shown(child)})`);
    }
    if (typeof child === 'number' && !Number.isFinite(child)) throw new PricingFileError(`${at} must be a finite number`);
    if (Array.isArray(child)) child.forEach((c, i) => walk(c, `${at}[${i}]`, depth + 1));
    else walk(child, at, depth + 1);
  }
}

/** The parsed file, checked; throws PricingFileError naming the file's first problem. */
export function validatePricingFile(data: unknown): ProviderFile {
  if (!isObject(data)) throw new PricingFileError('must be a JSON object keyed by model id');
  for (const [model, entry] of Object.entries(data)) {
    const at = JSON.stringify(model);
    if (!isObject(entry)) throw new PricingFileError(`${at} must be an object like { "pricing_config": { ... } }`);
    const config = entry.pricing_config;
    if (config !== undefined && config !== null && !isObject(config)) {
      throw new PricingFileError(`${at}.pricing_config must be an object or null`);
    }
    walk(config, `${at}.pricing_config`, 0);
    if (entry.custom_pricing !== undefined) {
      if (!isObject(entry.custom_pricing)) throw new PricingFileError(`${at}.custom_pricing must be an object`);
      walk(entry.custom_pricing, `${at}.custom_pricing`, 0);
    }
  }
  return data as ProviderFile;
}

/** Parses and checks a file's text. */
export function parsePricingFile(text: string): ProviderFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new PricingFileError(`not valid JSON (${(err as Error).message})`);
  }
  return validatePricingFile(data);
}
