import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../../../test/helpers/dataDir.ts';
import { cacheKey, type CacheKeyInput } from './key.ts';
import { cosineSimilarity, SemanticCache, semanticQuery, unitVector, type Embed } from './semantic.ts';
import { ResponseCache, type CachedResponse } from './store.ts';

const T0 = Date.UTC(2025, 0, 1);
const MIN = 60_000;

const answer = (text: string): CachedResponse => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    object: 'chat.completion',
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
  }),
  provider: 'openai',
  model: 'gpt-4o-mini',
});

const request = (user: string, over: Partial<CacheKeyInput> = {}, system = 'Be brief.'): CacheKeyInput => ({
  workspaceId: 'ws_1',
  provider: 'openai',
  upstream: 'https://api.openai.com/v1',
  endpoint: '/chat/completions',
  body: {
    model: 'gpt-4o-mini',
    temperature: 0,
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: user },
    ],
  },
  ...over,
});

/**
 * Stands in for the embedding provider the gateway would call (no network here): a bag of words
 * over a small vocabulary, so sentences sharing most words land close together.
 */
const VOCAB = ['what', 'is', 'the', 'capital', 'of', 'france', 'germany', 'weather', 'in', 'paris', 'today', 'city'];
const embed: Embed = async (text) => {
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  return VOCAB.map((w) => words.filter((x) => x === w).length);
};

describe('SemanticCache', () => {
  let dir: string;
  let cache: ResponseCache;
  let semantic: SemanticCache;

  beforeEach(() => {
    dir = makeTempDir('semantic');
    cache = ResponseCache.open(path.join(dir, 'cache.db'), { maxBytes: 10_000_000 });
    semantic = new SemanticCache(cache);
  });
  afterEach(() => {
    cache.close();
    removeDir(dir);
  });

  function store(key: string, partition: string, vector: number[], ttlS = 3600, now = T0) {
    cache.set(key, answer(key), ttlS, now);
    expect(semantic.add(partition, vector, key, now)).toBe(true);
  }

  it('finds the most similar entry at or above the threshold, and nothing below it', () => {
    store('east', 'p', [1, 0, 0]);
    store('north-east', 'p', [1, 1, 0]);
    const query = [0.99, 0.1, 0];
    expect(semantic.find('p', query, 0.95, T0)).toMatchObject({ key: 'east' });
    expect(semantic.find('p', query, 0.95, T0)?.similarity).toBeCloseTo(cosineSimilarity(query, [1, 0, 0]), 6);
    expect(semantic.find('p', [0, 0, 1], 0.5, T0)).toBeNull();
    expect(semantic.find('p', [1, 0.9, 0], 0.95, T0)).toMatchObject({ key: 'north-east' });
    expect(semantic.find('p', [1, 0.5, 0], 0.99, T0)).toBeNull(); // 0.95 to either, under 0.99
  });

  it('compares within a partition only, and only vectors of the same dimension', () => {
    store('a', 'p1', [1, 0, 0]);
    expect(semantic.find('p2', [1, 0, 0], 0.5, T0)).toBeNull();
    expect(semantic.find('p1', [1, 0, 0, 0], 0.5, T0)).toBeNull();
  });

  it('ignores vectors whose entry has expired or been deleted', () => {
    store('short', 'p', [1, 0, 0], 60);
    expect(semantic.find('p', [1, 0, 0], 0.9, T0 + 59_000)).not.toBeNull();
    expect(semantic.find('p', [1, 0, 0], 0.9, T0 + 61_000)).toBeNull();
    store('gone', 'q', [0, 1, 0]);
    cache.delete('gone');
    expect(semantic.find('q', [0, 1, 0], 0.9, T0)).toBeNull();
    expect(cache.stats().vectors).toBe(1); // only the expired one, removed on its next sweep
  });

  it('refuses unusable vectors and vectors for missing entries', () => {
    cache.set('k', answer('k'), 60, T0);
    expect(semantic.add('p', [0, 0, 0], 'k', T0)).toBe(false);
    expect(semantic.add('p', [], 'k', T0)).toBe(false);
    expect(semantic.add('p', [1, Number.NaN], 'k', T0)).toBe(false);
    expect(semantic.add('p', [1, 0], 'missing', T0)).toBe(false);
    expect(semantic.find('p', [0, 0], 0.5, T0)).toBeNull();
  });

  it('shares the byte cap and LRU with the entries: vectors count, and eviction takes them along', () => {
    const small = ResponseCache.open(path.join(dir, 'small.db'), { maxBytes: 60_000 });
    const sem = new SemanticCache(small);
    const dims = 1536; // 6 KB per vector
    const v = (i: number) => Array.from({ length: dims }, (_, j) => (j === i ? 1 : 0));
    for (let i = 0; i < 20; i++) {
      small.set(`k${i}`, answer(`k${i}`), 3600, T0 + i * MIN);
      sem.add('p', v(i), `k${i}`, T0 + i * MIN);
    }
    const stats = small.stats();
    expect(stats.bytes).toBeLessThanOrEqual(60_000);
    expect(stats.vectors).toBe(stats.entries);
    expect(stats.entries).toBeLessThan(20);
    expect(sem.find('p', v(0), 0.9, T0 + 30 * MIN)).toBeNull(); // oldest: evicted with its vector
    expect(sem.find('p', v(19), 0.9, T0 + 30 * MIN)).toMatchObject({ key: 'k19' });
    small.close();
  });

  it('keeps vectors across close and reopen', () => {
    store('a', 'p', [0.3, 0.4, 0.5]);
    cache.close();
    cache = ResponseCache.open(path.join(dir, 'cache.db'), { maxBytes: 10_000_000 });
    semantic = new SemanticCache(cache);
    expect(semantic.find('p', [0.3, 0.4, 0.5], 0.999, T0)).toMatchObject({ key: 'a' });
  });

  it('scans at most maxScan vectors, newest first', () => {
    const capped = new SemanticCache(cache, { maxScan: 2 });
    store('oldest', 'p', [1, 0, 0]);
    store('mid', 'p', [0, 1, 0]);
    store('newest', 'p', [0, 0, 1]);
    expect(capped.find('p', [1, 0, 0], 0.9, T0)).toBeNull();
    expect(capped.find('p', [0, 0, 1], 0.9, T0)).toMatchObject({ key: 'newest' });
  });

  it('lookup: embeds the user text, finds a paraphrase, returns the entry; a different system prompt misses', async () => {
    const first = request('What is the capital of France?');
    const miss = await semantic.lookup(first, { embedder: 'bow-v1', embed, threshold: 0.9, nowMs: T0 });
    expect(miss?.hit).toBeNull();
    const key = cacheKey(first);
    cache.set(key, answer('Paris.'), 3600, T0);
    semantic.add(miss?.query.partition as string, miss?.vector as number[], key, T0);

    const paraphrase = await semantic.lookup(request('what is THE capital of france'), {
      embedder: 'bow-v1',
      embed,
      threshold: 0.9,
      nowMs: T0 + MIN,
    });
    expect(paraphrase?.hit).toMatchObject({ key, entry: { body: answer('Paris.').body } });
    expect(paraphrase?.hit?.similarity).toBeGreaterThan(0.99);

    const other = await semantic.lookup(request('What is the capital of Germany?'), {
      embedder: 'bow-v1',
      embed,
      threshold: 0.9,
      nowMs: T0 + MIN,
    });
    expect(other?.hit).toBeNull();
    const otherSystem = await semantic.lookup(request('What is the capital of France?', {}, 'Answer in French.'), {
      embedder: 'bow-v1',
      embed,
      threshold: 0.9,
      nowMs: T0 + MIN,
    });
    expect(otherSystem?.hit).toBeNull();
  });
});

describe('semanticQuery', () => {
  const q = (input: CacheKeyInput, embedder = 'e1') => semanticQuery(input, embedder);

  it('embeds the user turns and partitions on everything else', () => {
    const a = q(request('What is the capital of France?'));
    expect(a?.text).toBe('What is the capital of France?');
    expect(q(request('Something else entirely'))?.partition).toBe(a?.partition);
    expect(q(request('x', { body: { ...(request('x').body as object), stream: true } }))?.partition).toBe(a?.partition);
  });

  it.each<[string, CacheKeyInput]>([
    ['system prompt', request('q', {}, 'Other system prompt')],
    ['model', request('q', { body: { ...(request('q').body as object), model: 'gpt-4o' } })],
    ['temperature', request('q', { body: { ...(request('q').body as object), temperature: 1 } })],
    ['upstream', request('q', { upstream: 'http://10.0.0.5:8000/v1' })],
    ['namespace', request('q', { namespace: 'team-b' })],
    ['workspace', request('q', { workspaceId: 'ws_2' })],
  ])('puts a different %s in a different partition', (_, input) => {
    expect(q(input)?.partition).not.toBe(q(request('q'))?.partition);
  });

  it('puts another embedder in a different partition', () => {
    expect(q(request('q'), 'e2')?.partition).not.toBe(q(request('q'), 'e1')?.partition);
  });

  it('reads text parts and completions prompts', () => {
    const parts = request('', {
      body: {
        model: 'm',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Hello' },
              { type: 'image_url', image_url: { url: 'data:,' } },
              { type: 'text', text: 'there' },
            ],
          },
        ],
      },
    });
    expect(q(parts)?.text).toBe('Hello\nthere');
    expect(q(request('', { endpoint: '/completions', body: { model: 'm', prompt: 'Once upon' } }))?.text).toBe('Once upon');
  });

  it.each<[string, unknown]>([
    ['more than four messages', { model: 'm', messages: Array.from({ length: 5 }, () => ({ role: 'user', content: 'x' })) }],
    ['no user text', { model: 'm', messages: [{ role: 'system', content: 'x' }] }],
    ['no messages or prompt', { model: 'm', input: 'embed me' }],
    ['an oversized text', { model: 'm', messages: [{ role: 'user', content: 'x'.repeat(40_000) }] }],
  ])('is not eligible with %s', (_, body) => {
    expect(q(request('', { body }))).toBeNull();
  });
});

describe('vectors', () => {
  it('unitVector normalises and rejects degenerate input', () => {
    expect(Array.from(unitVector([3, 4]) ?? [])).toEqual([0.6000000238418579, 0.800000011920929]);
    expect(unitVector([0, 0])).toBeNull();
    expect(unitVector([1, Number.POSITIVE_INFINITY])).toBeNull();
  });

  it('cosineSimilarity is 1 for parallel, 0 for orthogonal, -1 for opposite', () => {
    expect(cosineSimilarity([1, 2], [2, 4])).toBeCloseTo(1, 6);
    expect(cosineSimilarity([1, 0], [0, 5])).toBeCloseTo(0, 6);
    expect(cosineSimilarity([1, 1], [-1, -1])).toBeCloseTo(-1, 6);
  });
});
