// Graphs over known traffic (analyticsTestKit.ts): exact counts, sums, cents, averages,
// percentiles and rates, hourly buckets for a day, and both path spellings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, DAY_RANGE, byHour, get, startAnalyticsFixture, type AnalyticsFixture } from '../../test/kits/analyticsTestKit.ts';

let f: AnalyticsFixture;
beforeAll(async () => {
  f = await startAnalyticsFixture();
});
afterAll(async () => {
  await f?.t.close();
});

const graph = (path: string, extra = '') => get(f.t, `/v1/analytics/graphs/${path}?${DAY_RANGE}${extra}`);
const nonZero = (v: unknown) => v === 0;

describe('analytics graphs', () => {
  it('requests: a point per hour of the day, with the total over the range', async () => {
    const body = await graph('requests');
    expect(body.object).toBe('analytics-graph');
    expect(body.summary).toEqual({ total: 9 });
    expect(body.data_points).toHaveLength(24);
    expect(body.data_points[0]).toEqual({ timestamp: `${DAY}T00:00:00.000Z`, total: 2 });
    expect(body.data_points[23].timestamp).toBe(`${DAY}T23:00:00.000Z`);
    expect(byHour(body.data_points, (p) => p.total, nonZero)).toEqual({ 0: 2, 1: 2, 2: 2, 5: 1, 6: 1, 23: 1 });
  });

  it('cost: totals and averages in cents', async () => {
    const body = await graph('cost');
    expect(body.summary).toEqual({ total: 9.5, avg: 1.055556 });
    expect(body.data_points[0]).toEqual({ timestamp: `${DAY}T00:00:00.000Z`, total: 4, avg: 2 });
    expect(body.data_points[1]).toMatchObject({ total: 4, avg: 2 });
    expect(body.data_points[3]).toMatchObject({ total: 0, avg: 0 });
  });

  it('latency: mean and interpolated percentiles in ms', async () => {
    const body = await graph('latency');
    // Sorted: 20 30 50 100 200 300 400 500 600.
    expect(body.summary).toEqual({ avg: 244, p50: 200, p90: 520, p99: 592 });
    // 00:10 and 00:40 took 100 and 200 ms.
    expect(body.data_points[0]).toMatchObject({ avg: 150, p50: 150, p90: 190, p99: 199 });
  });

  it('tokens: total and average per request', async () => {
    const body = await graph('tokens');
    expect(body.summary).toEqual({ total: 1450, avg: 161.11 });
    expect(body.data_points[0]).toMatchObject({ total: 450, avg: 225 });
  });

  it('users: distinct _user values, and requests per user', async () => {
    const users = await graph('users');
    expect(users.summary).toEqual({ total: 4 });
    expect(byHour(users.data_points, (p) => p.total, nonZero)).toEqual({ 0: 2, 1: 2, 2: 1, 5: 1, 6: 1, 23: 1 });
    const perUser = await graph('users/requests');
    // Eight requests carry a _user (the 02:45 one does not), from four users.
    expect(perUser.summary).toEqual({ total: 8, unique: 4, avg: 2 });
    expect(perUser.data_points[5]).toEqual({ timestamp: `${DAY}T05:00:00.000Z`, avg: 1 });
  });

  it('errors: count, rate, stacks by status and the status-code breakdown', async () => {
    expect((await graph('errors')).summary).toEqual({ total: 2 });
    const rate = await graph('errors/rate');
    expect(rate.summary).toEqual({ rate: 22.22 });
    expect(rate.data_points[2]).toMatchObject({ rate: 100 });
    expect(rate.data_points[0]).toMatchObject({ rate: 0 });
    const stacks = await graph('errors/stacks');
    expect(stacks.summary).toEqual({ total: 2 });
    expect(stacks.data_points[2]).toEqual({
      timestamp: `${DAY}T02:00:00.000Z`,
      stats: [
        { response_status_code: 429, count: 1 },
        { response_status_code: 500, count: 1 },
      ],
    });
    expect(stacks.data_points[0].stats).toEqual([]);
    const codes = await graph('errors/status-codes');
    expect(codes.summary).toEqual({ total_errors: 2, unique_error_codes: 2 });
    expect(codes.data_points).toEqual([
      { status_code: 429, count: 1 },
      { status_code: 500, count: 1 },
    ]);
  });

  it('requests rescued by a retry (at which attempt) and by a fallback target', async () => {
    const body = await graph('requests/rescued');
    expect(body.summary).toEqual({ retry: 1, fallback: 1 });
    expect(body.data_points[1]).toEqual({ timestamp: `${DAY}T01:00:00.000Z`, retry: [{ retry_success_count: 2, count: 1 }], fallback: 0 });
    expect(body.data_points[5]).toEqual({ timestamp: `${DAY}T05:00:00.000Z`, retry: [], fallback: 1 });
  });

  it('cache: hit rate, cumulative savings in cents, hit latency and the summary', async () => {
    const body = await graph('cache/hit-rate');
    expect(body.summary).toEqual({ total: 2, rate: 22.22 });
    // The 01:05 hit: 300 tokens of gpt-4o at 4 cents per 450 paid tokens. The 05:00 semantic hit:
    // 100 tokens of gpt-4o-mini at 0.5 cents per 100.
    expect(body.data_points[0]).toMatchObject({ simple_hits: 0, semantic_hits: 0, rate: 0, cumulative_simple_cache_savings: 0 });
    expect(body.data_points[1]).toMatchObject({ simple_hits: 1, semantic_hits: 0, rate: 50, cumulative_simple_cache_savings: 2.666667 });
    expect(body.data_points[5]).toMatchObject({ semantic_hits: 1, rate: 100, cumulative_semantic_cache_savings: 0.5 });
    expect(body.data_points[23]).toMatchObject({ cumulative_simple_cache_savings: 2.666667, cumulative_semantic_cache_savings: 0.5 });

    const latency = await graph('cache/latency');
    expect(latency.summary).toEqual({ avg: 25 });
    expect(byHour(latency.data_points, (p) => p.avg, nonZero)).toEqual({ 1: 20, 5: 30 });

    const summary = await get(f.t, `/v1/analytics/summary/cache?${DAY_RANGE}`);
    // The other seven averaged 2150 / 7 = 307.14 ms; a hit took 25.
    expect(summary).toEqual({
      summary: { hits: 2, avg_latency: 25, total_requests: 9, cache_speedup: 91.86 },
      object: 'analytics-summary',
    });
  });

  it('feedback: count, score distribution, weighted average and per model', async () => {
    const count = await graph('feedbacks');
    expect(count.summary).toEqual({ total: 3 });
    expect(byHour(count.data_points, (p) => p.total, nonZero)).toEqual({ 0: 2, 3: 1 });
    const scores = await graph('feedbacks/scores');
    expect(scores.data_points).toEqual([
      { score: -2, total: 1 },
      { score: 5, total: 1 },
      { score: 10, total: 1 },
    ]);
    const weighted = await graph('feedbacks/weighted');
    // 5 x 1, -2 x 0.5 and 10 x 0.2.
    expect(weighted.summary).toEqual({ avg: 2 });
    expect(weighted.data_points[0]).toMatchObject({ avg: 2 });
    expect(weighted.data_points[3]).toMatchObject({ avg: 2 });
    // With a request filter, only feedback on the traces of matching requests counts.
    expect((await graph('feedbacks', '&ai_org_model=openai__gpt-4o')).summary).toEqual({ total: 3 });
    expect((await graph('feedbacks', '&cost_min=2')).summary).toEqual({ total: 2 });
    expect((await graph('feedbacks/weighted', '&cost_min=2')).summary).toEqual({ avg: 0.5 });
    expect((await graph('feedbacks', '&status_code=429')).summary).toEqual({ total: 0 });
    const models = await graph('feedbacks/ai-models');
    expect(models.data_points).toEqual([{ ai_model: 'gpt-4o', total: 3, avg_weighted_feedback: 2 }]);
  });

  it.each([
    ['users/requests', 'users-requests'],
    ['errors/rate', 'errors-rate'],
    ['errors/stacks', 'errors-stack'],
    ['errors/status-codes', 'errors-status-code'],
    ['requests/rescued', 'requests-rescued'],
    ['cache/hit-rate', 'cache-hit-rate'],
    ['cache/latency', 'cache-latency'],
    ['feedbacks/scores', 'feedbacks/score'],
  ])('%s and %s answer the same', async (nested, hyphenated) => {
    expect(await graph(hyphenated)).toEqual(await graph(nested));
  });
});
