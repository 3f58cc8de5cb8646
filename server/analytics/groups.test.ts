// Groups over known traffic (analyticsTestKit.ts): the named groups, the generic groupBy with every
// column, orderings, paging, strict validation of order_by and columns, and the filters; groupBy
// prompt over traffic of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLogsTestApp, type LogsTestApp } from '../../test/kits/logsTestKit.ts';
import { DAY, DAY_RANGE, at, get, startAnalyticsFixture, type AnalyticsFixture } from '../../test/kits/analyticsTestKit.ts';

let f: AnalyticsFixture;
beforeAll(async () => {
  f = await startAnalyticsFixture();
});
afterAll(async () => {
  await f?.t.close();
});

const group = (path: string, extra = '') => get(f.t, `/v1/analytics/groups/${path}?${DAY_RANGE}${extra}`);
const pick = (data: Record<string, unknown>[], ...keys: string[]) => data.map((d) => keys.map((k) => d[k]));
const ALL_COLUMNS =
  'cost,total_tokens,avg_tokens,avg_input_tokens,avg_output_tokens,avg_latency,p95_latency,p99_latency,success_rate,error_count,cache_hit_rate,last_seen,first_seen';

describe('named groups', () => {
  it('users: requests and cost per _user, most requests first (as the strings OAS documents)', async () => {
    const body = await group('users');
    expect(body.total).toBe(4);
    expect(body.data).toEqual([
      { user: 'alice', requests: '3', cost: '2.5', object: 'analytics-group' },
      { user: 'carol', requests: '2', cost: '4', object: 'analytics-group' },
      { user: 'dave', requests: '2', cost: '0.5', object: 'analytics-group' },
      { user: 'bob', requests: '1', cost: '2.5', object: 'analytics-group' },
    ]);
    const byCost = await group('users', '&order_by=cost');
    expect(byCost.data.map((d: { user: string }) => d.user)).toEqual(['carol', 'alice', 'bob', 'dave']);
    const ascending = await group('users', '&order_by=user&order_by_type=asc');
    expect(ascending.data.map((d: { user: string }) => d.user)).toEqual(['alice', 'bob', 'carol', 'dave']);
  });

  it('users: pages keep the total', async () => {
    const second = await group('users', '&page_size=3&current_page=1');
    expect(second.total).toBe(4);
    expect(second.data.map((d: { user: string }) => d.user)).toEqual(['bob']);
    const beyond = await group('users', '&page_size=3&current_page=5');
    expect(beyond).toEqual({ object: 'list', total: 4, data: [] });
  });

  it('ai-models: ties break on the model name', async () => {
    const body = await group('ai-models');
    expect(body.total).toBe(3);
    expect(pick(body.data, 'ai_model', 'requests')).toEqual([
      ['claude-3-5-sonnet', '3'],
      ['gpt-4o', '3'],
      ['gpt-4o-mini', '3'],
    ]);
  });

  it('metadata/{key}: per value, with feedback averaged per trace', async () => {
    const body = await group('metadata/team');
    expect(body.total).toBe(2);
    expect(body.data).toEqual([
      {
        metadata_value: 'search',
        requests: 4,
        cost: 5,
        avg_tokens: 137.5,
        // Trace 1: 5; trace 2: (-1 + 2) / 2 = 0.5.
        avg_weighted_feedback: 2.75,
        requests_with_feedback: 2,
        last_seen: `${DAY}T23:59:00.000Z`,
        object: 'analytics-group',
      },
      {
        metadata_value: 'ads',
        requests: 2,
        cost: 4,
        avg_tokens: 350,
        avg_weighted_feedback: null,
        requests_with_feedback: 0,
        last_seen: `${DAY}T01:30:00.000Z`,
        object: 'analytics-group',
      },
    ]);
    // Ordered by a feedback figure, the feedback is joined in the grouping itself: same numbers.
    const byFeedback = await group('metadata/team', '&order_by=requests_with_feedback&order_by_type=asc');
    expect(byFeedback.data).toEqual([body.data[1], body.data[0]]);
    const users = await group('metadata/_user', '&order_by=metadata_value&order_by_type=asc');
    expect(pick(users.data, 'metadata_value', 'requests')).toEqual([
      ['alice', 3],
      ['bob', 1],
      ['carol', 2],
      ['dave', 2],
    ]);
  });

  it('workspaces: every workspace of the organisation for an organisation key', async () => {
    const body = await group('workspaces');
    expect(pick(body.data, 'workspace_slug', 'requests', 'cost')).toEqual([
      ['ws-default', 9, 9.5],
      [f.other.slug, 1, 7],
    ]);
    // A workspace key sees its own workspace only.
    const own = await get(f.t, `/v1/analytics/groups/workspaces?${DAY_RANGE}`, f.t.workspace);
    expect(pick(own.data, 'workspace_slug', 'requests')).toEqual([['ws-default', 9]]);
  });
});

describe('generic groupBy', () => {
  it('returns only the request count unless columns are asked for', async () => {
    const body = await group('model');
    expect(body.data[0]).toEqual({ model: 'claude-3-5-sonnet', requests: 3, object: 'analytics-group' });
    expect(pick((await group('status_code')).data, 'status_code', 'requests')).toEqual([
      [200, 7],
      [429, 1],
      [500, 1],
    ]);
    expect(pick((await group('ai_service')).data, 'ai_service', 'requests')).toEqual([
      ['openai', 6],
      ['anthropic', 3],
    ]);
    expect(pick((await group('provider')).data, 'provider', 'requests')).toEqual([
      ['openai-prod', 6],
      ['anthropic-prod', 3],
    ]);
    expect(pick((await group('api_key')).data, 'api_key', 'requests')).toEqual([
      ['key-b', 5],
      ['key-a', 4],
    ]);
    // Requests without a config group under null.
    expect(pick((await group('config')).data, 'config', 'requests')).toEqual([
      [null, 8],
      ['pc-fallback', 1],
    ]);
  });

  it('computes every column exactly', async () => {
    const body = await group('model', `&columns=${ALL_COLUMNS}&order_by=cost`);
    expect(body.total).toBe(3);
    expect(body.data).toEqual([
      {
        model: 'claude-3-5-sonnet',
        requests: 3,
        cost: 5,
        total_tokens: 500,
        avg_tokens: 166.67,
        avg_input_tokens: 133.33,
        avg_output_tokens: 33.33,
        avg_latency: 350,
        p95_latency: 580,
        p99_latency: 596,
        success_rate: 66.67,
        error_count: 1,
        cache_hit_rate: 0,
        last_seen: `${DAY}T23:59:00.000Z`,
        first_seen: `${DAY}T01:30:00.000Z`,
        object: 'analytics-group',
      },
      {
        model: 'gpt-4o',
        requests: 3,
        cost: 4,
        total_tokens: 750,
        avg_tokens: 250,
        avg_input_tokens: 166.67,
        avg_output_tokens: 83.33,
        avg_latency: 107,
        p95_latency: 190,
        p99_latency: 198,
        success_rate: 100,
        error_count: 0,
        cache_hit_rate: 33.33,
        last_seen: `${DAY}T01:05:00.000Z`,
        first_seen: `${DAY}T00:10:00.000Z`,
        object: 'analytics-group',
      },
      {
        model: 'gpt-4o-mini',
        requests: 3,
        cost: 0.5,
        total_tokens: 200,
        avg_tokens: 66.67,
        avg_input_tokens: 40,
        avg_output_tokens: 26.67,
        avg_latency: 277,
        p95_latency: 480,
        p99_latency: 496,
        success_rate: 66.67,
        error_count: 1,
        cache_hit_rate: 33.33,
        last_seen: `${DAY}T06:00:00.000Z`,
        first_seen: `${DAY}T02:45:00.000Z`,
        object: 'analytics-group',
      },
    ]);
  });

  it('orders by any column it returns, and adds the totals on request', async () => {
    const byLatency = await group('model', '&columns=p95_latency&order_by=p95_latency&order_by_type=asc');
    expect(pick(byLatency.data, 'model', 'p95_latency')).toEqual([
      ['gpt-4o', 190],
      ['gpt-4o-mini', 480],
      ['claude-3-5-sonnet', 580],
    ]);
    const withTotal = await group('ai_service', '&columns=cost,error_count&include_total=true');
    expect(withTotal.summary).toEqual({ requests: 9, cost: 9.5, error_count: 2 });
  });

  it('is served as /logs/groups/:groupBy too', async () => {
    const analytics = await group('model', '&columns=cost');
    expect(await get(f.t, `/v1/logs/groups/model?${DAY_RANGE}&columns=cost`)).toEqual(analytics);
  });

  it.each([
    ['order_by=latency', 'order_by must be one of: model, requests, cost'],
    ['order_by=p95_latency', 'order_by must be one of: model, requests, cost'],
    ['order_by=cost&order_by_type=up', 'order_by_type must be one of: asc, desc'],
    ['columns=speed', 'columns may only name: requests, cost, total_tokens'],
    ['include_total=maybe', 'include_total must be true or false'],
  ])('refuses %s', async (query, message) => {
    const columns = query.startsWith('columns=') ? '' : '&columns=cost';
    const res = await f.t.call('GET', `/v1/analytics/groups/model?${DAY_RANGE}${columns}&${query}`, f.t.admin);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ success: false, data: { errorCode: 'AB01' } });
    expect(res.body.data.message).toContain(message);
  });

  it('refuses an unknown groupBy and a named group order_by it does not have', async () => {
    const res = await f.t.call('GET', `/v1/analytics/groups/colour?${DAY_RANGE}`, f.t.admin);
    expect(res.status).toBe(400);
    expect(res.body.data.message).toContain(
      'groupBy must be one of: ai_service, model, status_code, api_key, config, workspace, provider, prompt',
    );
    const users = await f.t.call('GET', `/v1/analytics/groups/users?${DAY_RANGE}&order_by=avg_tokens`, f.t.admin);
    expect(users.status).toBe(400);
    expect(users.body.data.message).toContain('order_by must be one of: user, requests, cost');
  });
});

describe('groupBy prompt', () => {
  // Its own traffic, so the shared fixture's figures stay as they are: requests run from saved
  // prompts (by slug, or by id alone on older rows) and requests that used none.
  let p: LogsTestApp;
  beforeAll(async () => {
    p = await startLogsTestApp();
    const rows = [
      { prompt_slug: 'pp-welcome', prompt_id: 'p-welcome', cost: 1 },
      { prompt_slug: 'pp-welcome', prompt_id: 'p-welcome', cost: 1 },
      { prompt_slug: 'pp-welcome', prompt_id: 'p-welcome', cost: 2, response_status_code: 500, is_success: false },
      { prompt_slug: 'pp-summary', prompt_id: 'p-summary', cost: 0.5 },
      { prompt_slug: 'pp-summary', prompt_id: 'p-summary', cost: 0.5 },
      { prompt_slug: null, prompt_id: 'p-legacy', cost: 3 },
      { prompt_slug: null, prompt_id: null, cost: 1 },
      { prompt_slug: null, prompt_id: null, cost: 1 },
    ];
    await p.insert(rows.map((r, i) => p.event({ ...r, created_at: at('09:00') + i * 1000 })));
  });
  afterAll(async () => {
    await p?.close();
  });

  const prompts = (surface: 'analytics' | 'logs', extra = '') =>
    get(p, `/v1/${surface}/groups/prompt?${DAY_RANGE}&columns=cost,error_count${extra}`, p.workspace);

  it('groups by prompt slug, else prompt id, with requests that used none under null', async () => {
    const body = await prompts('analytics');
    expect(body.total).toBe(4);
    expect(body.data).toEqual([
      { prompt: 'pp-welcome', requests: 3, cost: 4, error_count: 1, object: 'analytics-group' },
      { prompt: 'pp-summary', requests: 2, cost: 1, error_count: 0, object: 'analytics-group' },
      { prompt: null, requests: 2, cost: 2, error_count: 0, object: 'analytics-group' },
      { prompt: 'p-legacy', requests: 1, cost: 3, error_count: 0, object: 'analytics-group' },
    ]);
    expect(pick((await prompts('analytics', '&order_by=cost')).data, 'prompt', 'cost')).toEqual([
      ['pp-welcome', 4],
      ['p-legacy', 3],
      [null, 2],
      ['pp-summary', 1],
    ]);
  });

  it('answers the same under /logs/groups/prompt', async () => {
    expect(await prompts('logs')).toEqual(await prompts('analytics'));
    expect((await prompts('logs')).total).toBe(4);
  });
});

describe('filters', () => {
  const total = async (extra: string) => (await get(f.t, `/v1/analytics/graphs/requests?${DAY_RANGE}${extra}`)).summary.total;

  it.each([
    ['status codes', '&status_code=429,500', 2],
    ['status class', '&status_code=5xx', 1],
    ['provider__model pairs', '&ai_org_model=openai__gpt-4o,anthropic__claude-3-5-sonnet', 6],
    ['metadata', `&metadata=${encodeURIComponent('{"team":"search"}')}`, 4],
    ['two metadata keys', `&metadata=${encodeURIComponent('{"team":"search","_user":"alice"}')}`, 2],
    ['cost range in cents', '&cost_min=1&cost_max=2.5', 3],
    ['total tokens', '&total_units_min=300', 3],
    ['prompt tokens', '&prompt_token_max=100', 6],
    ['completion tokens', '&completion_token_min=100', 3],
    ['API keys', '&api_key_ids=key-a', 4],
    ['configs', '&configs=pc-fallback', 1],
    ['providers (virtual keys)', '&virtual_keys=anthropic-prod', 3],
    ['cache status', '&cache_status=HIT,SEMANTIC%20HIT', 2],
    ['weighted feedback at least 1', '&weighted_feedback_min=1', 1],
    ['weighted feedback at most 1', '&weighted_feedback_max=1', 1],
  ])('%s', async (_, extra, expected) => {
    expect(await total(extra)).toBe(expected);
  });

  it('trace ids', async () => {
    expect(await total(`&trace_id=${f.events[3]!.trace_id}`)).toBe(1);
  });

  it('a narrower range: 5-minute buckets, bounds inclusive', async () => {
    const body = await get(
      f.t,
      `/v1/analytics/graphs/requests?time_of_generation_min=${DAY}T01:05:00Z&time_of_generation_max=${DAY}T02:15:00Z`,
    );
    expect(body.summary.total).toBe(3);
    expect(body.data_points).toHaveLength(15);
    expect(body.data_points[0]).toEqual({ timestamp: `${DAY}T01:05:00.000Z`, total: 1 });
    expect(body.data_points[5]).toEqual({ timestamp: `${DAY}T01:30:00.000Z`, total: 1 });
    expect(body.data_points[14]).toEqual({ timestamp: `${DAY}T02:15:00.000Z`, total: 1 });
  });

  it('workspace_slug picks a workspace for an organisation key, and is ignored for a workspace key', async () => {
    expect(await total(`&workspace_slug=${f.other.slug}`)).toBe(1);
    const own = await get(f.t, `/v1/analytics/graphs/requests?${DAY_RANGE}&workspace_slug=${f.other.slug}`, f.t.workspace);
    expect(own.summary.total).toBe(9);
  });

  it.each([
    ['no time range', '', 'time_of_generation_min'],
    ['a range that ends before it starts', `time_of_generation_min=${DAY}T10:00:00Z&time_of_generation_max=${DAY}T09:00:00Z`, 'is after'],
    ['a bad date', `time_of_generation_min=yesterday&time_of_generation_max=${DAY}T09:00:00Z`, 'ISO 8601'],
    ['an unknown filter', `${DAY_RANGE}&colour=red`, 'Unknown filter "colour"'],
    ['bad metadata', `${DAY_RANGE}&metadata=team`, 'JSON object'],
    ['a non-numeric cost', `${DAY_RANGE}&cost_min=cheap`, 'cost_min must be a number'],
  ])('400 for %s', async (_, query, message) => {
    const res = await f.t.call('GET', `/v1/analytics/graphs/cost?${query}`, f.t.admin);
    expect(res.status).toBe(400);
    expect(res.body.data.message).toContain(message);
  });
});
