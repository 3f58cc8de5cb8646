import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../../../test/helpers/dataDir.ts';
import { ResponseCache, replayableHeaders, type CachedResponse } from './store.ts';

const MIN = 60_000;
const T0 = Date.UTC(2025, 0, 1);

function response(body: string, extra: Partial<CachedResponse> = {}): CachedResponse {
  return { status: 200, headers: { 'content-type': 'application/json' }, body, provider: 'openai', model: 'gpt-4o-mini', ...extra };
}

/** A body that makes every entry the same size, so caps can be stated in entries. */
const body = (tag: string) => JSON.stringify({ tag, pad: 'x'.repeat(1000) });

describe('ResponseCache', () => {
  let dir: string;
  let file: string;
  let cache: ResponseCache;

  beforeEach(() => {
    dir = makeTempDir('cache');
    file = path.join(dir, 'cache.db');
    cache = ResponseCache.open(file, { maxBytes: 10_000_000 });
  });
  afterEach(() => {
    cache.close();
    removeDir(dir);
  });

  it('keeps an entry for max_age seconds, then misses and deletes it', () => {
    cache.set('k', response('{"a":1}'), 60, T0);
    expect(cache.get('k', T0 + 59_999)).toMatchObject({ status: 200, body: '{"a":1}', createdAt: T0, expiresAt: T0 + 60_000 });
    expect(cache.get('k', T0 + 60_000)).toBeNull();
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0, hits: 1, misses: 1, expired: 1 });
    // Not a millisecond budget (the peer's bug): 60 means a minute.
    cache.set('k', response('{"a":1}'), 60, T0);
    expect(cache.get('k', T0 + 1_000)).not.toBeNull();
  });

  it('returns what was stored: status, replayable headers, body, provider and model', () => {
    cache.set('k', response('{"id":"x"}', { status: 201, provider: 'anthropic', model: 'claude-sonnet-4-5' }), 3600, T0);
    expect(cache.get('k', T0)).toEqual({
      status: 201,
      headers: { 'content-type': 'application/json' },
      body: '{"id":"x"}',
      provider: 'anthropic',
      model: 'claude-sonnet-4-5',
      createdAt: T0,
      expiresAt: T0 + 3_600_000,
    });
    expect(cache.get('other', T0)).toBeNull();
  });

  it.each([[199], [301], [400], [429], [500], [503]])('refuses to store a %i (throws, stores nothing)', (status) => {
    expect(() => cache.set('k', response('{"error":{}}', { status }), 60, T0)).toThrow(RangeError);
    expect(cache.get('k', T0)).toBeNull();
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it('stores any 2xx', () => {
    for (const status of [200, 201, 204, 299]) expect(cache.set(`k${status}`, response('{}', { status }), 60, T0)).toBe(true);
    expect(cache.stats().entries).toBe(4);
  });

  it.each([[0], [-1], [Number.NaN], [Number.POSITIVE_INFINITY]])('refuses a max age of %s', (maxAge) => {
    expect(() => cache.set('k', response('{}'), maxAge, T0)).toThrow(RangeError);
  });

  it('never stores credentials, cookies or rate-limit headers', () => {
    const upstream: Record<string, string> = {
      'Content-Type': 'application/json',
      'x-request-id': 'req_123',
      authorization: 'Bearer sk-live-secret',
      'x-api-key': 'sk-ant-secret',
      'api-key': 'azure-secret',
      'set-cookie': 'session=abc, other=def',
      cookie: 'session=abc',
      'proxy-authorization': 'Basic abc',
      'x-ratelimit-remaining-requests': '99',
      'openai-organization': 'org-secret',
    };
    cache.set('k', response('{}', { headers: upstream }), 60, T0);
    const hit = cache.get('k', T0);
    expect(hit?.headers).toEqual({ 'content-type': 'application/json', 'x-request-id': 'req_123' });
    cache.close();
    const raw =
      fs.readFileSync(file).toString('latin1') + (fs.existsSync(`${file}-wal`) ? fs.readFileSync(`${file}-wal`).toString('latin1') : '');
    for (const secret of ['sk-live-secret', 'sk-ant-secret', 'azure-secret', 'session=abc', 'org-secret'])
      expect(raw).not.toContain(secret);
    cache = ResponseCache.open(file, { maxBytes: 10_000_000 });
  });

  it('replayableHeaders joins repeated values and lower-cases names', () => {
    expect(replayableHeaders({ 'Content-Language': ['en', 'de'], Authorization: 'x' })).toEqual({ 'content-language': 'en, de' });
  });

  it('replacing a key does not count it twice', () => {
    cache.set('k', response(body('a')), 60, T0);
    const once = cache.stats().bytes;
    cache.set('k', response(body('b')), 60, T0 + 1);
    expect(cache.stats()).toMatchObject({ entries: 1, bytes: once });
    expect(cache.get('k', T0 + 2)?.body).toContain('"b"');
  });

  it('delete removes an entry and its bytes', () => {
    cache.set('k', response('{}'), 60, T0);
    expect(cache.delete('k')).toBe(true);
    expect(cache.delete('k')).toBe(false);
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it('purgeExpired sweeps expired entries only', () => {
    cache.set('short', response('{}'), 60, T0);
    cache.set('long', response('{}'), 3600, T0);
    expect(cache.purgeExpired(T0 + 2 * MIN)).toBe(1);
    expect(cache.get('long', T0 + 2 * MIN)).not.toBeNull();
    expect(cache.stats().entries).toBe(1);
  });

  it('survives close and reopen, with the same running total', () => {
    cache.set('a', response(body('a')), 3600, T0);
    cache.set('b', response(body('b')), 3600, T0);
    const before = cache.stats().bytes;
    cache.close();
    cache = ResponseCache.open(file, { maxBytes: 10_000_000 });
    expect(cache.get('a', T0 + MIN)?.body).toContain('"a"');
    expect(cache.stats()).toMatchObject({ entries: 2, bytes: before });
  });

  it('starts afresh when the file is not a database', () => {
    cache.close();
    fs.writeFileSync(file, 'this is not a sqlite file'.repeat(100));
    fs.rmSync(`${file}-wal`, { force: true });
    fs.rmSync(`${file}-shm`, { force: true });
    cache = ResponseCache.open(file, { maxBytes: 10_000_000 });
    expect(cache.stats().entries).toBe(0);
    expect(cache.set('k', response('{}'), 60, T0)).toBe(true);
  });
});

describe('ResponseCache eviction', () => {
  let dir: string;
  let cache: ResponseCache;
  const file = () => path.join(dir, 'cache.db');
  /** Room for three of the `body()` entries, not four. */
  const cap = (perEntry: number) => perEntry * 3 + perEntry / 2;

  beforeEach(() => {
    dir = makeTempDir('cache-evict');
  });
  afterEach(() => {
    cache.close();
    removeDir(dir);
  });

  function entrySize(): number {
    const probe = ResponseCache.open(path.join(dir, 'probe.db'), { maxBytes: 1e9 });
    probe.set('a', response(body('a')), 3600, T0);
    const size = probe.stats().bytes;
    probe.close();
    return size;
  }

  it('evicts the least recently used entries until under the cap', () => {
    const size = entrySize();
    cache = ResponseCache.open(file(), { maxBytes: cap(size) });
    cache.set('a', response(body('a')), 3600, T0);
    cache.set('b', response(body('b')), 3600, T0 + 1 * MIN);
    cache.set('c', response(body('c')), 3600, T0 + 2 * MIN);
    expect(cache.get('a', T0 + 3 * MIN)).not.toBeNull(); // a is now the most recently used
    cache.set('d', response(body('d')), 3600, T0 + 4 * MIN);
    expect(cache.get('b', T0 + 5 * MIN)).toBeNull();
    cache.set('e', response(body('e')), 3600, T0 + 6 * MIN);
    expect(cache.get('c', T0 + 7 * MIN)).toBeNull();
    for (const k of ['a', 'd', 'e']) expect(cache.get(k, T0 + 8 * MIN), k).not.toBeNull();
    expect(cache.stats()).toMatchObject({ entries: 3, bytes: size * 3, evictions: 2 });
    expect(cache.stats().bytes).toBeLessThanOrEqual(cap(size));
  });

  it('evicts expired entries before live ones, however recently used', () => {
    const size = entrySize();
    cache = ResponseCache.open(file(), { maxBytes: cap(size) });
    cache.set('old-but-live', response(body('a')), 3600, T0);
    cache.set('b', response(body('b')), 3600, T0 + 1 * MIN);
    cache.set('fresh-but-expired', response(body('c')), 60, T0 + 2 * MIN);
    cache.set('d', response(body('d')), 3600, T0 + 4 * MIN);
    expect(cache.get('old-but-live', T0 + 5 * MIN)).not.toBeNull();
    expect(cache.stats()).toMatchObject({ entries: 3, evictions: 0, expired: 1 });
  });

  it('coarsens last-access writes to the resolution: a hit within it does not reorder', () => {
    const size = entrySize();
    cache = ResponseCache.open(file(), { maxBytes: cap(size), accessResolutionMs: MIN });
    cache.set('a', response(body('a')), 3600, T0);
    cache.set('b', response(body('b')), 3600, T0 + 10_000);
    cache.set('c', response(body('c')), 3600, T0 + 20_000);
    cache.get('a', T0 + 30_000); // less than a minute after a's last access: not written
    cache.set('d', response(body('d')), 3600, T0 + 40_000);
    expect(cache.get('a', T0 + 50_000)).toBeNull();
    expect(cache.get('b', T0 + 50_000)).not.toBeNull();
  });

  it('with resolution 0 every hit counts', () => {
    const size = entrySize();
    cache = ResponseCache.open(file(), { maxBytes: cap(size), accessResolutionMs: 0 });
    cache.set('a', response(body('a')), 3600, T0);
    cache.set('b', response(body('b')), 3600, T0 + 10_000);
    cache.set('c', response(body('c')), 3600, T0 + 20_000);
    cache.get('a', T0 + 30_000);
    cache.set('d', response(body('d')), 3600, T0 + 40_000);
    expect(cache.get('a', T0 + 50_000)).not.toBeNull();
    expect(cache.get('b', T0 + 50_000)).toBeNull();
  });

  it('does not store an entry larger than the whole cap, and keeps the others', () => {
    cache = ResponseCache.open(file(), { maxBytes: 5_000 });
    cache.set('small', response('{}'), 3600, T0);
    expect(cache.set('huge', response('x'.repeat(10_000)), 3600, T0)).toBe(false);
    expect(cache.get('small', T0)).not.toBeNull();
    expect(cache.stats()).toMatchObject({ entries: 1, tooLarge: 1 });
  });

  it('applies a lowered cap when reopened, oldest first', () => {
    const size = entrySize();
    cache = ResponseCache.open(file(), { maxBytes: 1e9 });
    for (let i = 0; i < 6; i++) cache.set(`k${i}`, response(body(`k${i}`)), 3600, Date.now() + i * MIN);
    cache.close();
    cache = ResponseCache.open(file(), { maxBytes: cap(size) });
    expect(cache.stats().entries).toBe(3);
    expect(cache.stats().bytes).toBeLessThanOrEqual(cap(size));
    for (const k of ['k3', 'k4', 'k5']) expect(cache.get(k, Date.now() + 10 * MIN), k).not.toBeNull();
  });
});
