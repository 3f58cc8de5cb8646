// Semantic cache: a request whose user text means nearly the same as a cached one's, with every
// other field identical, is answered from that entry. Vectors live in cache.db next to the entries
// they point at and share their lifetime and byte cap. The embedding is the caller's (an injected
// `embed`), so nothing here touches the network.
import { canonicalJson, cacheKey, sha256, withoutDeliveryFields, type CacheKeyInput } from './key.ts';
import type { CacheEntry, ResponseCache } from './store.ts';

export type Embed = (text: string) => Promise<number[]>;

export interface SemanticQuery {
  /** Hash of the request with the user text taken out, plus the embedder: only these compare. */
  partition: string;
  /** The user text to embed. */
  text: string;
}

export interface SemanticMatch {
  key: string;
  similarity: number;
}

export interface SemanticOptions {
  /** Newest vectors compared per lookup in one partition; by default `MAX_SCAN_FLOATS / dims`. */
  maxScan?: number;
}

/**
 * The scan cap, in floats read per lookup (4 MiB): 682 vectors of 1,536 dimensions, 1,365 of 768,
 * 2,730 of 384. The scan is synchronous, so it blocks the event loop: about 10 µs per 1,536-float
 * vector was measured (read plus dot product, scripts/bench-cache.ts), so a lookup stays under
 * about 7 ms. Older vectors in the partition are not compared.
 */
export const MAX_SCAN_FLOATS = 1 << 20;
/** Portkey's hosted semantic cache takes conversations of at most four messages. */
export const MAX_SEMANTIC_MESSAGES = 4;
/** About 8,191 tokens, Portkey's limit, at four characters a token. */
export const MAX_SEMANTIC_TEXT_CHARS = 32_000;

/**
 * Splits a request into the text to embed (the user turns' text) and the partition (everything
 * else: provider, upstream, endpoint, namespace, model, parameters, system prompt, assistant turns,
 * non-text parts, hashed the same way as the exact key, plus the embedder id since vectors from two
 * models do not compare). Null when the request is not eligible: no messages or prompt, more than
 * four messages, no user text, or too much of it.
 */
export function semanticQuery(input: CacheKeyInput, embedder: string): SemanticQuery | null {
  const body = withoutDeliveryFields(input.body);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const obj = body as Record<string, unknown>;
  let text: string;
  let rest: Record<string, unknown>;
  if (Array.isArray(obj.messages)) {
    if (obj.messages.length === 0 || obj.messages.length > MAX_SEMANTIC_MESSAGES) return null;
    const texts: string[] = [];
    const messages = obj.messages.map((m: unknown) => {
      if (typeof m !== 'object' || m === null || (m as { role?: unknown }).role !== 'user') return m;
      const { content, ...others } = m as { content?: unknown };
      if (typeof content === 'string') {
        texts.push(content);
        return { ...others, content: '' };
      }
      if (!Array.isArray(content)) return m;
      const parts = content.map((p: unknown) => {
        if (
          typeof p === 'object' &&
          p !== null &&
          (p as { type?: unknown }).type === 'text' &&
          typeof (p as { text?: unknown }).text === 'string'
        ) {
          texts.push((p as { text: string }).text);
          return { ...p, text: '' };
        }
        return p;
      });
      return { ...others, content: parts };
    });
    text = texts.join('\n');
    rest = { ...obj, messages };
  } else if (typeof obj.prompt === 'string') {
    text = obj.prompt;
    rest = { ...obj, prompt: '' };
  } else {
    return null;
  }
  if (text.trim() === '' || text.length > MAX_SEMANTIC_TEXT_CHARS) return null;
  const partition = sha256(canonicalJson(['semantic/1', embedder, cacheKey({ ...input, body: rest })]));
  return { partition, text };
}

/** Unit-length float32 copy of `v`, or null for an empty, non-finite or all-zero vector. */
export function unitVector(v: ArrayLike<number>): Float32Array | null {
  if (v.length === 0) return null;
  let sum = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i] as number;
    if (!Number.isFinite(x)) return null;
    sum += x * x;
  }
  if (sum === 0) return null;
  const norm = Math.sqrt(sum);
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = (v[i] as number) / norm;
  return out;
}

export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ua = unitVector(a);
  const ub = unitVector(b);
  if (!ua || !ub || ua.length !== ub.length) return 0;
  return dot(ua, ub);
}

function dot(a: Float32Array, b: Float32Array): number {
  // Four accumulators: measured about 1.3x faster than one on 1,536 dimensions.
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const n = a.length;
  const m = n - (n % 4);
  let i = 0;
  for (; i < m; i += 4) {
    s0 += (a[i] as number) * (b[i] as number);
    s1 += (a[i + 1] as number) * (b[i + 1] as number);
    s2 += (a[i + 2] as number) * (b[i + 2] as number);
    s3 += (a[i + 3] as number) * (b[i + 3] as number);
  }
  for (; i < n; i++) s0 += (a[i] as number) * (b[i] as number);
  return s0 + s1 + (s2 + s3);
}

/** The stored blob as float32s; copied when SQLite's buffer is not 4-byte aligned. */
function floatsOf(blob: Buffer): Float32Array {
  if (blob.byteOffset % 4 === 0) return new Float32Array(blob.buffer, blob.byteOffset, blob.byteLength / 4);
  return new Float32Array(new Uint8Array(blob).buffer);
}

export class SemanticCache {
  private readonly maxScan: number | undefined;

  constructor(
    private readonly store: ResponseCache,
    options: SemanticOptions = {},
  ) {
    this.maxScan = options.maxScan;
  }

  /**
   * Records `vector` for the entry stored under `key` (set it first). Vectors are stored unit
   * length, so a lookup is one dot product per row. False when the vector is unusable or the
   * entry is gone.
   */
  add(partition: string, vector: ArrayLike<number>, key: string, nowMs: number): boolean {
    const unit = unitVector(vector);
    return unit !== null && this.store.putVector(key, partition, unit, nowMs);
  }

  /**
   * The live entry in `partition` most similar to `vector`, if its cosine similarity is at least
   * `threshold`. Compares the newest vectors of the same dimension, up to the scan cap.
   */
  find(partition: string, vector: ArrayLike<number>, threshold: number, nowMs: number): SemanticMatch | null {
    const query = unitVector(vector);
    if (query === null) return null;
    let best: SemanticMatch | null = null;
    const limit = this.maxScan ?? Math.max(1, Math.floor(MAX_SCAN_FLOATS / query.length));
    for (const row of this.store.vectorsIn(partition, query.length, nowMs, limit)) {
      const similarity = dot(query, floatsOf(row.embedding));
      if (similarity >= threshold && (best === null || similarity > best.similarity)) best = { key: row.key, similarity };
    }
    return best;
  }

  /**
   * The whole lookup for a request: eligibility, embedding, search, then the entry itself. The
   * vector is returned on a miss too, so the caller can `add` it after storing the response
   * without embedding twice.
   */
  async lookup(
    input: CacheKeyInput,
    opts: { embedder: string; embed: Embed; threshold: number; nowMs: number },
  ): Promise<{ query: SemanticQuery; vector: number[]; hit: (SemanticMatch & { entry: CacheEntry }) | null } | null> {
    const query = semanticQuery(input, opts.embedder);
    if (query === null) return null;
    const vector = await opts.embed(query.text);
    const match = this.find(query.partition, vector, opts.threshold, opts.nowMs);
    const entry = match ? this.store.get(match.key, opts.nowMs) : null;
    return { query, vector, hit: match && entry ? { ...match, entry } : null };
  }
}
