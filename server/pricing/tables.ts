// Loads the pricing files in layers: bundled, then MODEL_CONFIGS_PRICING_LOCAL_PATH, then the data
// directory's drop-ins. Every file is checked before it can change a price (validate.ts): a file
// that fails keeps the version last accepted (from memory, or the store across restarts) and is
// reported with the field at fault. Each accepted file's checksum and models are kept, so the UI
// can say which file a price came from, and changes are reported as events for the audit log.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { indexProvider, type ProviderTable } from './lookup.ts';
import { PricingFileError, parsePricingFile } from './validate.ts';
import type { ModelEntry, ProviderFile } from './types.ts';

export { PricingFileError } from './validate.ts';

export interface WarnLog {
  warn(details: object, message: string): void;
}

/** Folders of `<provider>.json` files, lowest precedence first. Missing folders are skipped. */
export type PricingLayers = ReadonlyArray<{ name: string; dir: string | null | undefined; admin?: boolean }>;

/** A file as accepted: kept so that a bad replacement cannot take its prices away, even across restarts. */
export interface AcceptedFile {
  layer: string;
  name: string;
  sha256: string;
  content: string;
  accepted_at: string;
  /** The checksum of a later version that was refused, so it is reported once. */
  refused_sha256: string | null;
}

/** Where admin layers' accepted files are kept (SQLite in the appliance; acceptedFiles.ts). */
export interface AcceptedFileStore {
  all(): AcceptedFile[];
  put(file: AcceptedFile): void;
  remove(layer: string, name: string): void;
}

export interface FileState {
  layer: string;
  dir: string;
  name: string;
  provider: string;
  /** Checksum of the bytes on disk now (null when the file could not be read). */
  sha256: string | null;
  /** Checksum of the version whose prices are in use (differs from sha256 when the file on disk was refused). */
  active_sha256: string | null;
  status: 'active' | 'refused';
  error: string | null;
  models: number;
  size: number;
  modified_at: string | null;
  accepted_at: string | null;
}

export interface PricingFileEvent {
  action: 'create' | 'update' | 'delete' | 'reject';
  layer: string;
  file: string;
  sha256: string | null;
  previous_sha256: string | null;
  models: number;
  error: string | null;
}

export interface LoadedTables {
  tables: Map<string, ProviderTable>;
  /** `provider\u0000model` -> the file (layer/name) and checksum that priced it. */
  sources: Map<string, { layer: string; file: string; sha256: string }>;
  files: FileState[];
  events: PricingFileEvent[];
}

const PROVIDER_FILE = /^([a-z0-9][a-z0-9._-]*)\.json$/;
const sha256 = (bytes: Buffer | string) => crypto.createHash('sha256').update(bytes).digest('hex');

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

/** What the loader remembers between loads: the content in use for each file. */
export interface LoaderMemory {
  accepted: Map<string, { sha256: string; content: ProviderFile; text: string; acceptedAt: string; refusedSha: string | null }>;
}

export function newLoaderMemory(store: AcceptedFileStore | null, log: WarnLog): LoaderMemory {
  const accepted: LoaderMemory['accepted'] = new Map();
  for (const f of store?.all() ?? []) {
    try {
      accepted.set(`${f.layer}/${f.name}`, {
        sha256: f.sha256,
        content: parsePricingFile(f.content),
        text: f.content,
        acceptedAt: f.accepted_at,
        refusedSha: f.refused_sha256,
      });
    } catch (err) {
      log.warn({ file: f.name, layer: f.layer }, `Ignoring a stored pricing file that no longer reads: ${String(err)}`);
    }
  }
  return { accepted };
}

/**
 * Builds one table per provider. A later layer's file replaces earlier entries model by model
 * (`default` included): a drop-in with one model adds or re-prices that model and leaves the
 * rest of the provider's bundled prices alone. Within an entry nothing is merged, so an
 * override can also remove a price the bundled entry had.
 */
export function loadPricingTables(
  layers: PricingLayers,
  memory: LoaderMemory,
  store: AcceptedFileStore | null,
  log: WarnLog,
  now: () => string = () => new Date().toISOString(),
): LoadedTables {
  const merged = new Map<string, Record<string, ModelEntry>>();
  const sources = new Map<string, { layer: string; file: string; sha256: string }>();
  const files: FileState[] = [];
  const events: PricingFileEvent[] = [];
  const seen = new Set<string>();

  for (const layer of layers) {
    if (!layer.dir) continue;
    for (const name of providerFiles(layer.dir)) {
      const file = path.join(layer.dir, name);
      const key = `${layer.name}/${name}`;
      seen.add(key);
      const provider = name.toLowerCase().replace(/\.json$/, '');
      const prior = memory.accepted.get(key);
      let text: string | null = null;
      let stat: fs.Stats | null = null;
      let problem: string | null = null;
      try {
        const bytes = fs.readFileSync(file);
        stat = fs.statSync(file);
        text = bytes.toString('utf8');
      } catch (err) {
        problem = `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`;
      }
      const onDisk = text === null ? null : sha256(text);
      let content: ProviderFile | null = null;
      let activeSha: string | null = null;
      let acceptedAt: string | null = null;
      if (prior && onDisk === prior.sha256) {
        content = prior.content;
        activeSha = prior.sha256;
        acceptedAt = prior.acceptedAt;
      } else if (text !== null) {
        try {
          content = parsePricingFile(text);
          activeSha = onDisk;
          acceptedAt = now();
          memory.accepted.set(key, { sha256: onDisk!, content, text, acceptedAt, refusedSha: null });
          if (layer.admin) {
            store?.put({ layer: layer.name, name, sha256: onDisk!, content: text, accepted_at: acceptedAt, refused_sha256: null });
            events.push({
              action: prior ? 'update' : 'create',
              layer: layer.name,
              file,
              sha256: onDisk,
              previous_sha256: prior?.sha256 ?? null,
              models: Object.keys(content).length,
              error: null,
            });
          }
        } catch (err) {
          problem = err instanceof PricingFileError ? err.message : String(err);
        }
      }
      if (problem !== null) {
        const kept = prior ? ` The version accepted at ${prior.acceptedAt} (sha256 ${prior.sha256.slice(0, 12)}…) stays in use.` : '';
        if (prior) {
          content = prior.content;
          activeSha = prior.sha256;
          acceptedAt = prior.acceptedAt;
        }
        // Reported once per refused version, not at every reload while it stays.
        if (!prior || prior.refusedSha !== onDisk) {
          log.warn({ file, layer: layer.name }, `Refused pricing file ${file}: ${problem}.${kept}`);
          if (layer.admin) {
            events.push({
              action: 'reject',
              layer: layer.name,
              file,
              sha256: onDisk,
              previous_sha256: prior?.sha256 ?? null,
              models: 0,
              error: problem,
            });
          }
          if (prior) {
            prior.refusedSha = onDisk;
            if (layer.admin) {
              store?.put({
                layer: layer.name,
                name,
                sha256: prior.sha256,
                content: prior.text,
                accepted_at: prior.acceptedAt,
                refused_sha256: onDisk,
              });
            }
          }
        }
      }
      files.push({
        layer: layer.name,
        dir: layer.dir,
        name,
        provider,
        sha256: onDisk,
        active_sha256: activeSha,
        status: problem === null ? 'active' : 'refused',
        error: problem,
        models: content ? Object.keys(content).filter((m) => m !== 'default').length : 0,
        size: stat?.size ?? 0,
        modified_at: stat ? stat.mtime.toISOString() : null,
        accepted_at: acceptedAt,
      });
      if (content) {
        merged.set(provider, { ...merged.get(provider), ...content });
        for (const model of Object.keys(content))
          sources.set(`${provider}\u0000${model}`, { layer: layer.name, file: name, sha256: activeSha! });
      }
    }
  }

  // Files that were accepted and are gone: their prices go, and an admin layer's removal is reported.
  for (const [key, prior] of memory.accepted) {
    if (seen.has(key)) continue;
    memory.accepted.delete(key);
    const [layerName, ...rest] = key.split('/');
    const name = rest.join('/');
    const layer = layers.find((l) => l.name === layerName);
    if (!layer?.admin) continue;
    store?.remove(layerName!, name);
    events.push({
      action: 'delete',
      layer: layerName!,
      file: layer.dir ? path.join(layer.dir, name) : name,
      sha256: null,
      previous_sha256: prior.sha256,
      models: 0,
      error: null,
    });
  }

  const tables = new Map<string, ProviderTable>();
  for (const [provider, file] of merged) tables.set(provider, indexProvider(provider, file));
  return { tables, sources, files, events };
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
