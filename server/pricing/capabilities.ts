// Model capabilities from Portkey's `general/<provider>.json` files: the bundled ones, under the
// folder MODEL_CONFIGS_CAPABILITIES_LOCAL_PATH names (a file there replaces entries model by
// model). GET /v1/models shows what they say: the type (chat, embedding…), what the model supports
// (tools, images…), its context window and its output limit. Re-read when the files change.
import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../paths.ts';
import { findModelKey, indexProvider, type ProviderTable } from './lookup.ts';
import { isObject } from './rates.ts';
import { fingerprint, type PricingLayers, type WarnLog } from './tables.ts';
import type { JsonObject, ProviderFile } from './types.ts';

export const BUNDLED_CAPABILITIES_DIR = path.join(PACKAGE_ROOT, 'bundled-configs', 'general');

export interface ModelCapabilities {
  /** chat, text, embedding, image… (`type.primary`). */
  type: string | null;
  /** tools, image, pdf… (`type.supported`, less `type.unsupported`). */
  capabilities: string[];
  /** Prompt plus answer tokens the model takes: `context_window` or `max_input_tokens` of the entry. */
  context_window: number | null;
  /** The largest `max_tokens` (or `max_completion_tokens`) the model accepts. */
  max_output_tokens: number | null;
}

export interface CapabilitiesOptions {
  bundledDir?: string;
  /** MODEL_CONFIGS_CAPABILITIES_LOCAL_PATH */
  localDir?: string | null;
  reloadIntervalMs?: number;
  log?: WarnLog;
}

const positive = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : null);

function paramMax(params: unknown, key: string): number | null {
  if (!Array.isArray(params)) return null;
  const p = params.find((x) => isObject(x) && x.key === key) as JsonObject | undefined;
  return positive(p?.maxValue);
}

function typeOf(entry: JsonObject, fallback: JsonObject): { primary: string | null; supported: string[] } {
  const own = isObject(entry.type) ? entry.type : null;
  const base = isObject(fallback.type) ? fallback.type : null;
  const primary = typeof own?.primary === 'string' ? own.primary : typeof base?.primary === 'string' ? base.primary : null;
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const supported = new Set([...list(base?.supported), ...list(own?.supported)]);
  for (const u of [...list(base?.unsupported), ...list(own?.unsupported)]) supported.delete(u);
  return { primary, supported: [...supported].sort() };
}

function read(file: string): ProviderFile {
  const data: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!isObject(data)) throw new Error('must be a JSON object keyed by model id');
  // `name` and `description` sit beside the models at the top level.
  return Object.fromEntries(Object.entries(data).filter(([, v]) => isObject(v))) as ProviderFile;
}

export function createCapabilities(options: CapabilitiesOptions = {}) {
  const log = options.log ?? { warn: (details: object, message: string) => console.warn(message, details) };
  const layers: PricingLayers = [
    { name: 'bundled', dir: options.bundledDir ?? BUNDLED_CAPABILITIES_DIR },
    { name: 'MODEL_CONFIGS_CAPABILITIES_LOCAL_PATH', dir: options.localDir ?? null },
  ];
  let tables = new Map<string, ProviderTable>();
  let stamp = '';
  const known = new Map<string, ProviderFile>();

  function reload() {
    stamp = fingerprint(layers);
    const merged = new Map<string, ProviderFile>();
    for (const layer of layers) {
      if (!layer.dir) continue;
      let names: string[] = [];
      try {
        names = fs.readdirSync(layer.dir).filter((n) => /^[a-z0-9][a-z0-9._-]*\.json$/.test(n.toLowerCase()));
      } catch {
        continue;
      }
      for (const name of names) {
        const file = path.join(layer.dir, name);
        const provider = name.toLowerCase().replace(/\.json$/, '');
        let data: ProviderFile;
        try {
          data = read(file);
          known.set(file, data);
        } catch (err) {
          // A file that does not read keeps what it said before (if anything).
          const before = known.get(file);
          log.warn(
            { file },
            `Refused capability file ${file}: ${(err as Error).message}${before ? '; the previous version stays in use' : ''}`,
          );
          if (!before) continue;
          data = before;
        }
        merged.set(provider, { ...merged.get(provider), ...data });
      }
    }
    tables = new Map([...merged].map(([provider, file]) => [provider, indexProvider(provider, file)]));
  }

  reload();
  const interval = options.reloadIntervalMs ?? 60_000;
  const timer =
    interval > 0
      ? setInterval(() => {
          if (fingerprint(layers) !== stamp) reload();
        }, interval)
      : null;
  timer?.unref();

  return {
    /** What the files say of a provider's model (by its Portkey provider id), or null when they do not list it. */
    lookup(provider: string, model: string): ModelCapabilities | null {
      const table = tables.get(provider.toLowerCase());
      if (!table) return null;
      const key = findModelKey(table, model);
      if (!key) return null;
      const entry = table.file[key] as JsonObject;
      const fallback = (table.file.default as JsonObject | undefined) ?? {};
      const { primary, supported } = typeOf(entry, fallback);
      const maxOut =
        paramMax(entry.params, 'max_tokens') ??
        paramMax(entry.params, 'max_completion_tokens') ??
        paramMax(fallback.params, 'max_tokens') ??
        paramMax(fallback.params, 'max_completion_tokens');
      return {
        type: primary,
        capabilities: supported,
        context_window: positive(entry.context_window) ?? positive(entry.max_input_tokens) ?? positive(entry.contextWindow),
        max_output_tokens: maxOut,
      };
    },
    reload,
    close() {
      if (timer) clearInterval(timer);
    },
  };
}

export type Capabilities = ReturnType<typeof createCapabilities>;
