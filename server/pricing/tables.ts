// Loads the pricing files in layers: bundled, then MODEL_CONFIGS_PRICING_LOCAL_PATH, then the
// data directory's admin drop-ins. A bad override file is skipped with a warning, never fatal.
import fs from 'node:fs';
import path from 'node:path';
import { indexProvider, type ProviderTable } from './lookup.ts';
import { isObject } from './rates.ts';
import type { ModelEntry, ProviderFile } from './types.ts';

export interface WarnLog {
  warn(details: object, message: string): void;
}

/** Folders of `<provider>.json` files, lowest precedence first. Missing folders are skipped. */
export type PricingLayers = ReadonlyArray<{ name: string; dir: string | null | undefined }>;

export class PricingFileError extends Error {
  override name = 'PricingFileError';
}

const PROVIDER_FILE = /^([a-z0-9][a-z0-9._-]*)\.json$/;

/** Reads and checks one `<provider>.json`: a JSON object whose values are model entries. */
export function readProviderFile(file: string): ProviderFile {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new PricingFileError(`not valid JSON (${(err as Error).message})`);
  }
  if (!isObject(data)) throw new PricingFileError('must be a JSON object keyed by model id');
  for (const [model, entry] of Object.entries(data)) {
    if (!isObject(entry)) throw new PricingFileError(`"${model}" must be an object like { "pricing_config": { ... } }`);
    const config = entry.pricing_config;
    if (config !== undefined && config !== null && !isObject(config)) {
      throw new PricingFileError(`"${model}".pricing_config must be an object or null`);
    }
  }
  return data as ProviderFile;
}

function providerFiles(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir)
      .filter((name) => PROVIDER_FILE.test(name.toLowerCase()))
      .sort();
  } catch {
    return [];
  }
}

/**
 * Builds one table per provider. A later layer's file replaces earlier entries model by model
 * (`default` included): a drop-in with one model adds or re-prices that model and leaves the
 * rest of the provider's bundled prices alone. Within an entry nothing is merged, so an
 * override can also remove a price the bundled entry had.
 */
export function loadPricingTables(layers: PricingLayers, log: WarnLog): Map<string, ProviderTable> {
  const merged = new Map<string, Record<string, ModelEntry>>();
  for (const layer of layers) {
    if (!layer.dir) continue;
    for (const name of providerFiles(layer.dir)) {
      const file = path.join(layer.dir, name);
      let data: ProviderFile;
      try {
        data = readProviderFile(file);
      } catch (err) {
        const reason = err instanceof PricingFileError ? err.message : String(err);
        log.warn({ file, layer: layer.name }, `Skipping pricing file ${file}: ${reason}`);
        continue;
      }
      const provider = name.toLowerCase().replace(/\.json$/, '');
      merged.set(provider, { ...merged.get(provider), ...data });
    }
  }
  const tables = new Map<string, ProviderTable>();
  for (const [provider, file] of merged) tables.set(provider, indexProvider(provider, file));
  return tables;
}

/**
 * A cheap fingerprint of every pricing file (name, size, mtime), so a periodic check can tell
 * whether anything changed without reading the files.
 */
export function fingerprint(layers: PricingLayers): string {
  const parts: string[] = [];
  for (const layer of layers) {
    if (!layer.dir) continue;
    for (const name of providerFiles(layer.dir)) {
      try {
        const stat = fs.statSync(path.join(layer.dir, name));
        parts.push(`${layer.name}/${name}:${stat.size}:${stat.mtimeMs}`);
      } catch {
        parts.push(`${layer.name}/${name}:gone`);
      }
    }
  }
  return parts.join('|');
}

export interface PricingFileSource {
  /** The layer's name as the service calls it. */
  layer: string;
  file: string;
  /** Models the file prices (`default` aside); null when the file is skipped as unreadable. */
  models: number | null;
  /** Why the file is skipped, when it is. */
  error: string | null;
}

/** Every pricing file of every layer, by provider, lowest precedence first: where each price comes from. */
export function pricingSources(layers: PricingLayers): Map<string, PricingFileSource[]> {
  const out = new Map<string, PricingFileSource[]>();
  for (const layer of layers) {
    if (!layer.dir) continue;
    for (const name of providerFiles(layer.dir)) {
      const file = path.join(layer.dir, name);
      let source: PricingFileSource;
      try {
        const data = readProviderFile(file);
        source = { layer: layer.name, file, models: Object.keys(data).filter((k) => k !== 'default').length, error: null };
      } catch (err) {
        source = { layer: layer.name, file, models: null, error: err instanceof PricingFileError ? err.message : String(err) };
      }
      const provider = name.toLowerCase().replace(/\.json$/, '');
      out.set(provider, [...(out.get(provider) ?? []), source]);
    }
  }
  return out;
}
