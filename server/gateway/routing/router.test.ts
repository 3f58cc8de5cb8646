// The router as tables: config trees × scripted upstream outcomes → the attempts made, the path
// of the target that answered, the retry count and the waits between retries.
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../errors.ts';
import { MemoryCircuits, MemorySticky, matches, route, type AttemptResult, type EffectiveTarget, type RouteRequest } from './router.ts';
import type { ConfigNode } from '../../routing-configs/types.ts';

interface Result extends AttemptResult {
  from: string;
}

/** Outcomes per target name (or path when unnamed), consumed in order; the last one repeats. */
type Script = Record<string, (number | { status: number; retryAfterMs: number })[]>;

function harness(
  script: Script,
  options: { random?: number[]; now?: () => number; circuits?: MemoryCircuits; sticky?: MemorySticky } = {},
) {
  const sleeps: number[] = [];
  const seen: string[] = [];
  const randoms = [...(options.random ?? [])];
  const deps = {
    attempt: async (t: EffectiveTarget): Promise<Result> => {
      const id = t.name ?? t.path;
      seen.push(id);
      const queue = script[id] ?? [200];
      const next = queue.length > 1 ? queue.shift()! : queue[0]!;
      return typeof next === 'number' ? { status: next, from: id } : { ...next, from: id };
    },
    refuse: (e: AppError): Result => ({ status: e.status, from: `refused: ${e.message}` }),
    random: () => randoms.shift() ?? 0.5,
    sleep: async (ms: number) => void sleeps.push(ms),
    now: options.now ?? (() => 1_000_000),
    circuits: options.circuits ?? new MemoryCircuits(),
    sticky: options.sticky ?? new MemorySticky(),
    backoffBaseMs: 1000,
    scope: 'test',
    cancelled: () => false,
  };
  return { deps, sleeps, seen };
}

const req = (metadata: Record<string, string> = {}, params: Record<string, unknown> = {}): RouteRequest => ({
  metadata,
  params,
  pathname: '/v1/chat/completions',
});

const t = (name: string, extra: Partial<ConfigNode> = {}): ConfigNode => ({ name, provider: `@${name}`, ...extra });

describe('strategies', () => {
  const cases: { name: string; config: ConfigNode; script: Script; seen: string[]; path: string; status: number; random?: number[] }[] = [
    {
      name: 'a root leaf answers at path "config"',
      config: { provider: '@a' },
      script: { config: [200] },
      seen: ['config'],
      path: 'config',
      status: 200,
    },
    {
      name: 'single uses the first target',
      config: { strategy: { mode: 'single' }, targets: [t('a'), t('b')] },
      script: {},
      seen: ['a'],
      path: 'config.targets[0]',
      status: 200,
    },
    {
      name: 'fallback moves on after a failure',
      config: { strategy: { mode: 'fallback' }, targets: [t('a'), t('b')] },
      script: { a: [503], b: [200] },
      seen: ['a', 'b'],
      path: 'config.targets[1]',
      status: 200,
    },
    {
      name: 'fallback stops at the first success',
      config: { strategy: { mode: 'fallback' }, targets: [t('a'), t('b')] },
      script: { a: [200] },
      seen: ['a'],
      path: 'config.targets[0]',
      status: 200,
    },
    {
      name: 'fallback with on_status_codes stops on statuses not listed',
      config: { strategy: { mode: 'fallback', on_status_codes: [429] }, targets: [t('a'), t('b')] },
      script: { a: [400] },
      seen: ['a'],
      path: 'config.targets[0]',
      status: 400,
    },
    {
      name: 'fallback with on_status_codes falls through on the listed ones',
      config: { strategy: { mode: 'fallback', on_status_codes: [429] }, targets: [t('a'), t('b')] },
      script: { a: [429], b: [201] },
      seen: ['a', 'b'],
      path: 'config.targets[1]',
      status: 201,
    },
    {
      name: 'every fallback target failing returns the last answer',
      config: { strategy: { mode: 'fallback' }, targets: [t('a'), t('b'), t('c')] },
      script: { a: [500], b: [502], c: [504] },
      seen: ['a', 'b', 'c'],
      path: 'config.targets[2]',
      status: 504,
    },
    {
      name: 'nested: fallback over a load balance group',
      config: {
        strategy: { mode: 'fallback' },
        targets: [{ strategy: { mode: 'loadbalance' }, targets: [t('a'), t('b')] }, t('c')],
      },
      script: { a: [500], c: [200] },
      random: [0.1],
      seen: ['a', 'c'],
      path: 'config.targets[1]',
      status: 200,
    },
    {
      name: 'load balance honours weights',
      config: { strategy: { mode: 'loadbalance' }, targets: [t('a', { weight: 1 }), t('b', { weight: 3 })] },
      script: {},
      random: [0.3],
      seen: ['b'],
      path: 'config.targets[1]',
      status: 200,
    },
    {
      name: 'load balance never picks a zero weight',
      config: { strategy: { mode: 'loadbalance' }, targets: [t('a', { weight: 0 }), t('b', { weight: 1 })] },
      script: {},
      random: [0],
      seen: ['b'],
      path: 'config.targets[1]',
      status: 200,
    },
    {
      name: 'load balance does not fall over to another target',
      config: { strategy: { mode: 'loadbalance' }, targets: [t('a'), t('b')] },
      script: { a: [500] },
      random: [0.1],
      seen: ['a'],
      path: 'config.targets[0]',
      status: 500,
    },
    {
      name: 'conditional picks the target named by the first matching condition',
      config: {
        strategy: {
          mode: 'conditional',
          conditions: [
            { query: { 'metadata.tier': { $eq: 'free' } }, then: 'a' },
            { query: { 'metadata.tier': { $eq: 'pro' } }, then: 'b' },
          ],
          default: 'a',
        },
        targets: [t('a'), t('b')],
      },
      script: {},
      seen: ['b'],
      path: 'config.targets[1]',
      status: 200,
    },
    {
      name: 'deep paths name every level',
      config: {
        strategy: { mode: 'fallback' },
        targets: [t('a'), { strategy: { mode: 'fallback' }, targets: [t('b'), { strategy: { mode: 'single' }, targets: [t('c')] }] }],
      },
      script: { a: [500], b: [500] },
      seen: ['a', 'b', 'c'],
      path: 'config.targets[1].targets[1].targets[0]',
      status: 200,
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const h = harness(c.script, { random: c.random });
      const r = await route(c.config, req({ tier: 'pro' }), h.deps);
      expect(h.seen).toEqual(c.seen);
      expect(r.path).toBe(c.path);
      expect(r.result.status).toBe(c.status);
    });
  }

  it('conditional with no match and no default is a 400 that says so', async () => {
    const h = harness({});
    const config: ConfigNode = {
      strategy: { mode: 'conditional', conditions: [{ query: { 'metadata.tier': 'gold' }, then: 'a' }] },
      targets: [t('a')],
    };
    const r = await route(config, req({ tier: 'pro' }), h.deps);
    expect(r.result.status).toBe(400);
    expect(r.result.from).toMatch(/No condition of config matched/);
    expect(h.seen).toEqual([]);
  });
});

describe('conditions', () => {
  const r = req({ tier: 'pro', region: 'eu', score: '7' }, { model: 'gpt-4o-mini', temperature: 0.2, nested: { k: 'v' } });
  const table: [string, Record<string, unknown>, boolean][] = [
    ['$eq on metadata', { 'metadata.tier': { $eq: 'pro' } }, true],
    ['bare value means $eq', { 'metadata.tier': 'pro' }, true],
    ['$ne', { 'metadata.tier': { $ne: 'pro' } }, false],
    ['$gt compares numbers held in strings', { 'metadata.score': { $gt: 5 } }, true],
    ['$gte', { 'params.temperature': { $gte: 0.2 } }, true],
    ['$lt', { 'params.temperature': { $lt: 0.2 } }, false],
    ['$lte', { 'metadata.score': { $lte: 7 } }, true],
    ['$gt on a missing field is false', { 'metadata.missing': { $gt: 1 } }, false],
    ['$in', { 'metadata.region': { $in: ['us', 'eu'] } }, true],
    ['$nin', { 'metadata.region': { $nin: ['us', 'eu'] } }, false],
    ['$regex', { 'params.model': { $regex: '^gpt-4o' } }, true],
    ['$and', { $and: [{ 'metadata.tier': 'pro' }, { 'metadata.region': 'us' }] }, false],
    ['$or', { $or: [{ 'metadata.tier': 'free' }, { 'metadata.region': 'eu' }] }, true],
    ['url.pathname', { 'url.pathname': { $eq: '/v1/chat/completions' } }, true],
    ['nested params', { 'params.nested.k': 'v' }, true],
    ['two operators on one field must both hold', { 'metadata.score': { $gt: 1, $lt: 5 } }, false],
  ];
  for (const [name, query, expected] of table) it(name, () => expect(matches(query, r)).toBe(expected));
});

describe('retries', () => {
  it('retries the listed statuses with growing, jittered waits and counts the retries', async () => {
    const h = harness({ a: [503, 503, 200] }, { random: [0, 1] });
    const r = await route(t('a', { retry: { attempts: 3 } }), req(), h.deps);
    expect(h.seen).toEqual(['a', 'a', 'a']);
    expect(r.result.status).toBe(200);
    expect(r.retryAttemptCount).toBe(2);
    // base 1000 ms doubling, each wait between half and all of its step
    expect(h.sleeps).toEqual([500, 2000]);
  });

  it('reports -1 when retries are exhausted, after attempts + 1 calls', async () => {
    const h = harness({ a: [500] });
    const r = await route(t('a', { retry: { attempts: 2 } }), req(), h.deps);
    expect(h.seen).toHaveLength(3);
    expect(r.result.status).toBe(500);
    expect(r.retryAttemptCount).toBe(-1);
  });

  it('does not retry a status outside on_status_codes', async () => {
    const h = harness({ a: [400] });
    const r = await route(t('a', { retry: { attempts: 3 } }), req(), h.deps);
    expect(h.seen).toHaveLength(1);
    expect(r.retryAttemptCount).toBe(0);
  });

  it('honours custom on_status_codes', async () => {
    const h = harness({ a: [409, 200] });
    const r = await route(t('a', { retry: { attempts: 3, on_status_codes: [409] } }), req(), h.deps);
    expect(h.seen).toHaveLength(2);
    expect(r.retryAttemptCount).toBe(1);
  });

  it('never makes more than 6 calls', async () => {
    const h = harness({ a: [503] });
    await route(t('a', { retry: { attempts: 50 } }), req(), h.deps);
    expect(h.seen).toHaveLength(6);
  });

  it('waits as long as Retry-After says when asked to, and gives up on waits over a minute', async () => {
    const h = harness({ a: [{ status: 429, retryAfterMs: 1500 }, 200] });
    const r = await route(t('a', { retry: { attempts: 2, use_retry_after_headers: true } }), req(), h.deps);
    expect(h.sleeps).toEqual([1500]);
    expect(r.retryAttemptCount).toBe(1);

    const long = harness({ a: [{ status: 429, retryAfterMs: 120_000 }, 200] });
    const r2 = await route(t('a', { retry: { attempts: 2, use_retry_after_headers: true } }), req(), long.deps);
    expect(long.seen).toHaveLength(1);
    expect(r2.retryAttemptCount).toBe(-1);
  });

  it('retries inside each fallback target before falling back', async () => {
    const h = harness({ a: [503], b: [200] });
    const config: ConfigNode = { strategy: { mode: 'fallback' }, retry: { attempts: 1 }, targets: [t('a'), t('b')] };
    const r = await route(config, req(), h.deps);
    expect(h.seen).toEqual(['a', 'a', 'b']);
    expect(r.path).toBe('config.targets[1]');
    expect(r.retryAttemptCount).toBe(0);
  });
});

describe('inheritance', () => {
  it('merges override_params parent then child, replaces retry wholesale, inherits timeout and host', async () => {
    const got: EffectiveTarget[] = [];
    const h = harness({});
    h.deps.attempt = async (target) => {
      got.push(target);
      return { status: 200, from: 'x' };
    };
    const config: ConfigNode = {
      strategy: { mode: 'single' },
      override_params: { model: 'gpt-4o', max_tokens: 10 },
      retry: { attempts: 3, on_status_codes: [429] },
      request_timeout: 5000,
      custom_host: 'http://10.0.0.5/v1',
      targets: [{ provider: 'openai', override_params: { max_tokens: 99 }, retry: { attempts: 1 } }],
    };
    await route(config, req(), h.deps);
    expect(got[0]).toMatchObject({
      overrideParams: { model: 'gpt-4o', max_tokens: 99 },
      retry: { attempts: 1 },
      requestTimeout: 5000,
      customHost: 'http://10.0.0.5/v1',
      provider: 'openai',
    });
  });
});

describe('circuit breaker', () => {
  it('opens after the threshold, is skipped by fallback during the cooldown, and gets a trial after it', async () => {
    let now = 1_000_000;
    const circuits = new MemoryCircuits();
    const config: ConfigNode = {
      strategy: { mode: 'fallback' },
      circuit_breaker: { failure_threshold: 2, cooldown_interval: 30_000 },
      targets: [t('a'), t('b')],
    };
    const run = async (script: Script) => {
      const h = harness(script, { now: () => now, circuits });
      const r = await route(config, req(), h.deps);
      return { seen: h.seen, r };
    };
    expect((await run({ a: [500], b: [200] })).seen).toEqual(['a', 'b']);
    expect((await run({ a: [500], b: [200] })).seen).toEqual(['a', 'b']);
    // open now: a is skipped
    expect((await run({ a: [200], b: [200] })).seen).toEqual(['b']);
    now += 31_000;
    expect((await run({ a: [200], b: [200] })).seen).toEqual(['a']);
  });

  it('skips open targets in load balance, and refuses with 503 when all are open', async () => {
    const circuits = new MemoryCircuits();
    const config: ConfigNode = {
      strategy: { mode: 'loadbalance' },
      circuit_breaker: { failure_threshold: 1, cooldown_interval: 30_000, failure_status_codes: [500] },
      targets: [t('a'), t('b')],
    };
    const h1 = harness({ a: [500] }, { random: [0.1], circuits });
    await route(config, req(), h1.deps);
    const h2 = harness({}, { random: [0.1], circuits });
    expect((await route(config, req(), h2.deps)).path).toBe('config.targets[1]');
    const h3 = harness({ b: [500] }, { random: [0.1], circuits });
    await route(config, req(), h3.deps);
    const h4 = harness({}, { circuits });
    const r = await route(config, req(), h4.deps);
    expect(r.result.status).toBe(503);
    expect(h4.seen).toEqual([]);
  });
});

describe('sticky load balancing', () => {
  it('pins the same hash fields to the same target for the ttl', async () => {
    let now = 0;
    const sticky = new MemorySticky();
    const config: ConfigNode = {
      strategy: { mode: 'loadbalance', sticky: { enabled: true, hash_fields: ['metadata.user_id'], ttl: 60 } },
      targets: [t('a'), t('b')],
    };
    const pick = async (user: string, random: number) => {
      const h = harness({}, { random: [random], sticky, now: () => now });
      return (await route(config, req({ user_id: user }), h.deps)).path;
    };
    expect(await pick('u1', 0.9)).toBe('config.targets[1]');
    expect(await pick('u1', 0.1)).toBe('config.targets[1]');
    expect(await pick('u2', 0.1)).toBe('config.targets[0]');
    now += 61_000;
    expect(await pick('u1', 0.1)).toBe('config.targets[0]');
  });
});
