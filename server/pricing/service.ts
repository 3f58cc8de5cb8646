// The pricing service the gateway holds: looks up a model's prices across the layered files and
// prices requests. Files are re-read by reload(), when a watched folder changes (a file dropped
// into <data dir>/pricing/ or MODEL_CONFIGS_PRICING_LOCAL_PATH) or at a periodic mtime check,
// never per request; a file is checked before it can change a price (tables.ts, validate.ts).
import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../paths.ts';
import { computeCost } from './cost.ts';
import { findModelKey, type ProviderTable } from './lookup.ts';
import { deepMerge, isObject } from './rates.ts';
import {
  type AcceptedFileStore,
  type FileState,
  type PricingFileEvent,
  type PricingLayers,
  type WarnLog,
  fingerprint,
  loadPricingTables,
  newLoaderMemory,
} from './tables.ts';
import type { CostOverrides, CostResult, ModelPricing, PricingConfig, UsageUnits } from './types.ts';

export const BUNDLED_PRICING_DIR = path.join(PACKAGE_ROOT, 'bundled-configs', 'pricing');
export const DEFAULT_RELOAD_INTERVAL_MS = 60_000;
const WATCH_SETTLE_MS = 750;
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
  /** Watch the admin folders and reload within a second of a change (default: on when the check is). */
  watch?: boolean;
  log?: WarnLog;
  /** Keeps admin files as accepted, so a bad replacement cannot take their prices away across restarts. */
  store?: AcceptedFileStore | null;
  /** Told what changed in the admin folders (created, updated, deleted, rejected files): the audit log. */
  onChange?: (events: PricingFileEvent[]) => void;
}

/** One priced model of the files, and which file its price comes from. */
export interface PriceSource {
  provider: string;
  model: string;
  layer: string;
  file: string;
  sha256: string;
  pricingConfig: PricingConfig | null;
}

export interface PricingService {
  /** Cost of one request in cents; unknown provider/model gives `{ cents: 0, priced: false }`. */
  cost(provider: string, model: string, usage: UsageUnits, overrides?: CostOverrides): CostResult;
  /** The model's `pricing_config` with the provider default merged under it, or null. */
  pricingConfig(provider: string, model: string): PricingConfig | null;
  /** The matched entry (key, merged config, custom pricing), or null. */
  lookup(provider: string, model: string, promptTokens?: number): ModelPricing | null;
  /** The folders read, lowest precedence first (bundled, MODEL_CONFIGS_PRICING_LOCAL_PATH, the data dir): where files go. */
  folders(): PricingFolder[];
  /** Re-reads every layer now. Keeps the previous prices if loading fails outright. */
  reload(): void;
  /** Every pricing file, with its checksum and whether it is in use or was refused (and why). */
  files(): FileState[];
  /** Priced models with the file each price comes from; filtered by provider and a text in the model id. */
  prices(filter?: { provider?: string; search?: string }): PriceSource[];
  /** Stops the periodic check. */
  close(): void;
}

export interface PricingFolder {
  layer: string;
  dir: string | null;
  exists: boolean;
}

const consoleLog: WarnLog = { warn: (details, message) => console.warn(message, details) };

function promptTokensOf(usage: UsageUnits): number {
  return [usage.inputTokens, usage.cacheReadTokens, usage.cacheWriteTokens, usage.audioInputTokens, usage.cacheReadAudioTokens]
    .map((v) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0))
    .reduce((a, b) => a + b, 0);
}

export function createPricingService(options: PricingServiceOptions = {}): PricingService {
  const log = options.log ?? consoleLog;
  const dataPricing = options.dataDir ? path.join(options.dataDir, 'pricing') : null;
  // The drop-in folder exists from the start, so that admins find where files go.
  if (dataPricing) fs.mkdirSync(dataPricing, { recursive: true, mode: 0o700 });
  const layers: PricingLayers = [
    { name: 'bundled', dir: options.bundledDir ?? BUNDLED_PRICING_DIR },
    { name: 'MODEL_CONFIGS_PRICING_LOCAL_PATH', dir: options.localDir ?? null, admin: true },
    { name: 'data', dir: dataPricing, admin: true },
  ];
  const store = options.store ?? null;
  const memory = newLoaderMemory(store, log);

  let tables = new Map<string, ProviderTable>();
  let priceSources = new Map<string, { layer: string; file: string; sha256: string }>();
  let files: FileState[] = [];
  /** Merged entries by `provider\u0000key`; bounded by the number of keys in the files. */
  let merged = new Map<string, ModelPricing | null>();
  /** Matched keys by `provider\u0000model` as requested, for models whose key does not depend on the prompt size. */
  let keys = new Map<string, string | null>();
  let stamp = '';

  function reload() {
    let events: PricingFileEvent[] = [];
    try {
      const nextStamp = fingerprint(layers);
      const loaded = loadPricingTables(layers, memory, store, log);
      tables = loaded.tables;
      priceSources = loaded.sources;
      files = loaded.files;
      events = loaded.events;
      merged = new Map();
      keys = new Map();
      stamp = nextStamp;
    } catch (err) {
      log.warn({ err }, 'Could not reload pricing files; keeping the previous prices');
    }
    if (events.length > 0) {
      try {
        options.onChange?.(events);
      } catch (err) {
        log.warn({ err }, 'Could not report pricing file changes');
      }
    }
  }

  const checkForChanges = () => {
    if (fingerprint(layers) !== stamp) reload();
  };

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

  function folders(): PricingFolder[] {
    const exists = (dir: string | null | undefined) => {
      try {
        return dir ? fs.statSync(dir).isDirectory() : false;
      } catch {
        return false;
      }
    };
    return layers.map((l) => ({ layer: l.name, dir: l.dir ?? null, exists: exists(l.dir) }));
  }

  const interval = options.reloadIntervalMs ?? DEFAULT_RELOAD_INTERVAL_MS;
  const timer = interval > 0 ? setInterval(checkForChanges, interval) : null;
  // The check must never keep the process alive on its own.
  timer?.unref();
  // A dropped file is picked up within a second; the periodic check covers file systems without notifications.
  const watchers: fs.FSWatcher[] = [];
  let debounce: NodeJS.Timeout | null = null;
  if (options.watch ?? interval > 0) {
    for (const layer of layers) {
      if (!layer.admin || !layer.dir) continue;
      try {
        const watcher = fs.watch(layer.dir, () => {
          if (debounce) clearTimeout(debounce);
          // Wait for a copy in progress to finish before the file is read and checked.
          debounce = setTimeout(checkForChanges, WATCH_SETTLE_MS);
          debounce.unref();
        });
        watcher.on('error', () => watcher.close());
        watcher.unref();
        watchers.push(watcher);
      } catch (err) {
        log.warn({ err, dir: layer.dir }, `Cannot watch ${layer.dir} for pricing files; changes are picked up within ${interval / 1000} s`);
      }
    }
  }

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
    folders,
    reload,
    files: () => files,
    prices(filter = {}) {
      const out: PriceSource[] = [];
      const wanted = filter.provider?.trim().toLowerCase();
      const text = filter.search?.trim().toLowerCase();
      for (const [provider, table] of tables) {
        if (wanted && provider !== wanted) continue;
        for (const model of Object.keys(table.file)) {
          if (model === 'default' || (text && !model.toLowerCase().includes(text))) continue;
          const source = priceSources.get(`${provider}\u0000${model}`);
          if (!source) continue;
          out.push({ provider, model, ...source, pricingConfig: entryFor(table, model)?.pricingConfig ?? null });
        }
      }
      return out.sort((a, b) => a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model));
    },
    close() {
      if (timer) clearInterval(timer);
      if (debounce) clearTimeout(debounce);
      for (const w of watchers) w.close();
    },
  };
}
