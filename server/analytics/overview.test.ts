// The console's one-call dashboard figures (GET /v1/analytics/summary/overview) over known traffic
// (analyticsTestKit.ts): the same numbers the separate graphs give, per hour and over the day, with
// p95 latency; and the unpriced models the pricing page lists (GET /v1/analytics/unpriced-models).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, DAY_RANGE, at, get, startAnalyticsFixture, type AnalyticsFixture } from '../../test/kits/analyticsTestKit.ts';

let f: AnalyticsFixture;
beforeAll(async () => {
  f = await startAnalyticsFixture();
});
afterAll(async () => {
  await f?.t.close();
});

type Point = Record<string, number | string>;

describe('GET /v1/analytics/summary/overview', () => {
  it('gives the range in one answer: requests, cost, tokens, errors, cache hits, users, latency percentiles', async () => {
    const body = await get(f.t, `/v1/analytics/summary/overview?${DAY_RANGE}`);
    expect(body.object).toBe('analytics-overview');
    // Latencies sorted: 20 30 50 100 200 300 400 500 600; errors are the 429 and the 500; hits the HIT and the SEMANTIC HIT.
    expect(body.summary).toEqual({
      requests: 9,
      cost: 9.5,
      tokens: 1450,
      errors: 2,
      error_rate: 22.22,
      cache_hits: 2,
      cache_hit_rate: 22.22,
      users: 4,
      latency_p50: 200,
      latency_p95: 560,
      latency_p99: 592,
    });
    expect(body.data_points).toHaveLength(24);
    expect(body.data_points[0]).toEqual({
      timestamp: `${DAY}T00:00:00.000Z`,
      requests: 2,
      cost: 4,
      tokens: 450,
      errors: 0,
      error_rate: 0,
      cache_hits: 0,
      cache_hit_rate: 0,
      users: 2,
      latency_p50: 150,
      latency_p95: 195,
      latency_p99: 199,
    });
    expect(body.data_points[3]).toMatchObject({ requests: 0, cost: 0, users: 0, latency_p50: 0 });
  });

  it('agrees, bucket by bucket, with the graphs it replaces on the dashboard', async () => {
    const q = `?${DAY_RANGE}&model=gpt-4o,gpt-4o-mini`;
    const [all, requests, cost, tokens, errors, rate, users, latency] = await Promise.all(
      [
        'summary/overview',
        'graphs/requests',
        'graphs/cost',
        'graphs/tokens',
        'graphs/errors',
        'graphs/errors/rate',
        'graphs/users',
        'graphs/latency',
      ].map((path) => get(f.t, `/v1/analytics/${path}${q}`)),
    );
    expect(all.summary).toMatchObject({
      requests: requests.summary.total,
      cost: cost.summary.total,
      tokens: tokens.summary.total,
      errors: errors.summary.total,
      error_rate: rate.summary.rate,
      users: users.summary.total,
      latency_p50: latency.summary.p50,
      latency_p99: latency.summary.p99,
    });
    expect(all.summary.requests).toBe(6);
    all.data_points.forEach((p: Point, i: number) => {
      expect(p.timestamp).toBe(requests.data_points[i].timestamp);
      expect([p.requests, p.cost, p.tokens, p.errors, p.users]).toEqual([
        requests.data_points[i].total,
        cost.data_points[i].total,
        tokens.data_points[i].total,
        errors.data_points[i].total,
        users.data_points[i].total,
      ]);
    });
  });

  it('covers only the workspace asked about, and refuses a key without analytics.view', async () => {
    const other = await get(f.t, `/v1/analytics/summary/overview?${DAY_RANGE}&workspace_id=${f.other.id}`);
    expect(other.summary).toMatchObject({ requests: 1, cost: 7, users: 1 });
    const key = await f.t.serviceKey(['logs.write']);
    const res = await f.t.call('GET', `/v1/analytics/summary/overview?${DAY_RANGE}`, key.headers);
    expect(res.status).toBe(403);
  });
});

describe('GET /v1/analytics/unpriced-models', () => {
  it('lists models that answered without a price, with their requests and tokens, across workspaces', async () => {
    await f.t.insert([
      f.t.event({
        created_at: at('07:00'),
        ai_org: 'vllm',
        ai_model: 'llama-3.1-8b',
        virtual_key: 'lan-vllm',
        is_priced: false,
        total_units: 30,
      }),
      f.t.event({
        created_at: at('08:00'),
        ai_org: 'vllm',
        ai_model: 'llama-3.1-8b',
        virtual_key: 'lan-vllm',
        is_priced: false,
        total_units: 12,
      }),
      f.t.event({
        created_at: at('08:30'),
        workspace_id: f.other.id,
        workspace_slug: f.other.slug,
        ai_org: 'ollama',
        ai_model: 'qwen2.5:7b',
        virtual_key: 'ollama',
        is_priced: false,
        total_units: 5,
      }),
      // A failed request is not a gap in the prices: it had nothing to price.
      f.t.event({ created_at: at('09:00'), ai_model: 'broken-model', is_priced: false, is_success: false, response_status_code: 502 }),
    ]);
    const body = await get(f.t, `/v1/analytics/unpriced-models?${DAY_RANGE}`);
    expect(body.data).toEqual([
      { ai_service: 'vllm', provider: '@lan-vllm', model: 'llama-3.1-8b', requests: 2, tokens: 42, last_seen: `${DAY}T08:00:00.000Z` },
      { ai_service: 'ollama', provider: '@ollama', model: 'qwen2.5:7b', requests: 1, tokens: 5, last_seen: `${DAY}T08:30:00.000Z` },
    ]);
    const one = await get(f.t, `/v1/analytics/unpriced-models?${DAY_RANGE}&workspace_id=${f.other.id}`);
    expect(one.data.map((m: { model: string }) => m.model)).toEqual(['qwen2.5:7b']);
  });
});
