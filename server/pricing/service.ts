// The pricing service the gateway holds: looks up a model's prices across the layered files and
// prices requests. Files are re-read by reload() or a periodic mtime check, never per request.
import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../paths.ts';
import { computeCost } from './cost.ts';
import { findModelKey, type ProviderTable } from './lookup.ts';
import { deepMerge, isObject } from './rates.ts';
import { fingerprint, loadPricingTables, pricingSources, type PricingFileSource, type PricingLayers, type WarnLog } from './tables.ts';
import type { CostOverrides, CostResult, ModelPricing, PricingConfig, UsageUnits } from './types.ts';

export const BUNDLED_PRICING_DIR = path.join(PACKAGE_ROOT, 'bundled-configs', 'pricing');
export const DEFAULT_RELOAD_INTERVAL_MS = 60_000;
const MAX_REMEMBERED_NAMES = 10_000;

export interface PricingServiceOptions {
  /** Defaults to the repository's bundled-configs/pricing. */
  bundledDir?: string;
  /** MODEL_CONFIGS_PRICING_LOCAL_PATH: overrides bundled files. */
  localDir?: string | null;
  /** The appliance data directory; files in `<dataDir>/pricing/` override everything else. */
  dataDir?: string | null;
  /** How often to look for changed files; 0 turns the check off. Default 60 s. */
  reloadIntervalMs?: number;
  log?: WarnLog;
}

export interface PricingService {
  /** Cost of one request in cents; unknown provider/model gives `{ cents: 0, priced: false }`. */
  cost(provider: string, model: string, usage: UsageUnits, overrides?: CostOverrides): CostResult;
  /** The model's `pricing_config` with the provider default merged under it, or null. */
  pricingConfig(provider: string, model: string): PricingConfig | null;
  /** The matched entry (key, merged config, custom pricing), or null. */
  lookup(provider: string, model: string, promptTokens?: number): ModelPricing | null;
  /** The layers (bundled, MODEL_CONFIGS_PRICING_LOCAL_PATH, the data dir) and each provider's files in them. */
  sources(): PricingSources;
  /** Re-reads every layer now. Keeps the previous prices if loading fails outright. */
  reload(): void;
  /** Stops the periodic check. */
  close(): void;
}

export interface PricingSources {
  layers: { name: string; dir: string | null; exists: boolean }[];
  /** Provider -> its files, lowest precedence first; a later file re-prices the models it lists. */
  providers: Map<string, PricingFileSource[]>;
}

const consoleLog: WarnLog = { warn: (details, message) => console.warn(message, details) };

function promptTokensOf(usage: UsageUnits): number {
  return [usage.inputTokens, usage.cacheReadTokens, usage.cacheWriteTokens, usage.audioInputTokens, usage.cacheReadAudioTokens]
    .map((v) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0))
    .reduce((a, b) => a + b, 0);
}

export function createPricingService(options: PricingServiceOptions = {}): PricingService {
  const log = options.log ?? consoleLog;
  const layers: PricingLayers = [
    { name: 'bundled', dir: options.bundledDir ?? BUNDLED_PRICING_DIR },
    { name: 'MODEL_CONFIGS_PRICING_LOCAL_PATH', dir: options.localDir ?? null },
    { name: 'data', dir: options.dataDir ? path.join(options.dataDir, 'pricing') : null },
  ];

  let tables = new Map<string, ProviderTable>();
  /** Merged entries by `provider\u0000key`; bounded by the number of keys in the files. */
  let merged = new Map<string, ModelPricing | null>();
  /** Matched keys by `provider\u0000model` as requested, for models whose key does not depend on the prompt size. */
  let keys = new Map<string, string | null>();
  let stamp = '';

  function reload() {
    try {
      const nextStamp = fingerprint(layers);
      tables = loadPricingTables(layers, log);
      merged = new Map();
      keys = new Map();
      stamp = nextStamp;
    } catch (err) {
      log.warn({ err }, 'Could not reload pricing files; keeping the previous prices');
    }
  }

  function entryFor(table: ProviderTable, key: string): ModelPricing | null {
    const id = `${table.provider}\u0000${key}`;
    const cached = merged.get(id);
    if (cached !== undefined) return cached;
    const entry = table.file[key];
    const base = table.file.default?.pricing_config;
    let result: ModelPricing | null = null;
    // `pricing_config: null` (a few retired models) means "listed but not priced".
    if (entry && isObject(entry.pricing_config)) {
      result = {
        provider: table.provider,
        model: key,
        pricingConfig: isObject(base) ? deepMerge(base, entry.pricing_config) : { ...entry.pricing_config },
        customPricing: isObject(entry.custom_pricing) ? entry.custom_pricing : null,
      };
    }
    merged.set(id, result);
    return result;
  }

  function lookup(provider: string, model: string, promptTokens = 0): ModelPricing | null {
    if (typeof provider !== 'string' || typeof model !== 'string') return null;
    const table = tables.get(provider.trim().toLowerCase());
    if (!table) return null;
    const key = modelKey(table, model, promptTokens);
    return key ? entryFor(table, key) : null;
  }

  /** findModelKey, remembered per requested name (the matching is a dozen string operations per request). */
  function modelKey(table: ProviderTable, model: string, promptTokens: number): string | null {
    const id = `${table.provider}\u0000${model}`;
    const known = keys.get(id);
    if (known !== undefined) return known;
    const key = findModelKey(table, model, promptTokens);
    // Only a tiered key (`-lte-128k` / `-gt-128k`) depends on the prompt size: the smallest and
    // largest prompts agree on every other. Names clients make up are bounded like the files.
    if (key === findModelKey(table, model, promptTokens === 0 ? Infinity : 0) && keys.size < MAX_REMEMBERED_NAMES) keys.set(id, key);
    return key;
  }

  /** With no file entry, an integration's own price still needs the provider's defaults under it. */
  function providerDefault(provider: string): ModelPricing | null {
    const table = tables.get(provider.trim().toLowerCase());
    const base = table?.file.default?.pricing_config;
    if (!table || !isObject(base)) return null;
    return { provider: table.provider, model: 'default', pricingConfig: base, customPricing: null };
  }

  reload();

  /** Read again only when a file changed (the same fingerprint the periodic check uses). */
  let described: { stamp: string; sources: PricingSources } | null = null;
  function sources(): PricingSources {
    const now = fingerprint(layers);
    if (described?.stamp !== now) {
      const exists = (dir: string | null | undefined) => {
        try {
          return dir ? fs.statSync(dir).isDirectory() : false;
        } catch {
          return false;
        }
      };
      described = {
        stamp: now,
        sources: {
          layers: layers.map((l) => ({ name: l.name, dir: l.dir ?? null, exists: exists(l.dir) })),
          providers: pricingSources(layers),
        },
      };
    }
    return described.sources;
  }

  const interval = options.reloadIntervalMs ?? DEFAULT_RELOAD_INTERVAL_MS;
  const timer =
    interval > 0
      ? setInterval(() => {
          if (fingerprint(layers) !== stamp) reload();
        }, interval)
      : null;
  // The check must never keep the process alive on its own.
  timer?.unref();

  return {
    cost(provider, model, usage, overrides = {}) {
      try {
        const found = lookup(provider, model, promptTokensOf(usage));
        if (!found && isObject(overrides.pricingConfig)) {
          const result = computeCost(providerDefault(provider), usage, overrides);
          delete result.model;
          return result;
        }
        return computeCost(found, usage, overrides);
      } catch {
        return { cents: 0, currency: 'USD', priced: false };
      }
    },
    pricingConfig(provider, model) {
      return lookup(provider, model)?.pricingConfig ?? null;
    },
    lookup,
    sources,
    reload,
    close() {
      if (timer) clearInterval(timer);
    },
  };
}
