// GET /v1/logs: known rows in, exact filtered lists out, for every filter of the list; cursor pages
// with no duplicates or gaps (also while new rows arrive); text search; person-readable 400s.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEvent } from './events.ts';
import { allPages, newestFirst, startLogsTestApp, type LogsTestApp } from '../../test/kits/logsTestKit.ts';

const BASE = Date.parse('2030-03-01T00:00:00Z');
const MIN = 60_000;
const MODELS: [string, string][] = [
  ['openai', 'gpt-4o'],
  ['openai', 'gpt-4o-mini'],
  ['anthropic', 'claude-3-5-sonnet-latest'],
  ['ollama', 'llama3'],
];
const CACHE = ['MISS', 'HIT', 'DISABLED'];
const TEAMS = ['search', 'billing', 'ads'];

let t: LogsTestApp;
let events: LogEvent[];
let other: { id: string; slug: string };
const KEY_A = 'key-aaaa';
const KEY_B = 'key-bbbb';

/** 60 rows whose every property is a function of their index; three rows share each timestamp. */
function dataset(): LogEvent[] {
  return Array.from({ length: 60 }, (_, i) => {
    const [org, model] = MODELS[i % 4]!;
    const status = i % 10 === 0 ? 500 : i % 7 === 0 ? 429 : 200;
    const inOther = i % 11 === 5;
    return t.event({
      created_at: BASE + Math.floor(i / 3) * MIN,
      ...(inOther ? { workspace_id: other.id, workspace_slug: other.slug } : {}),
      api_key_id: i % 2 === 0 ? KEY_A : KEY_B,
      ai_org: org,
      ai_model: model,
      request_model: `@${org}-main/${model}`,
      virtual_key: `${org}-main`,
      response_status_code: status,
      is_success: status === 200,
      cost: i * 0.5,
      req_units: i * 10,
      res_units: i * 3,
      total_units: i * 13,
      response_time: 100 + i * 20,
      cache_status: CACHE[i % 3]!,
      config: i % 5 === 0 ? 'pc-alpha' : i % 5 === 1 ? 'pc-beta' : null,
      config_id: i % 5 === 0 ? 'cfg-uuid-alpha' : null,
      prompt_slug: i % 6 === 0 ? 'pp-greeting' : null,
      trace_id: `trace-${Math.floor(i / 2)}`,
      span_id: `span-${i}`,
      stream_mode: i % 4 === 1,
      metadata: {
        team: TEAMS[(i >> 1) % 3]!,
        env: i % 2 ? 'prod' : 'dev',
        _user: `user-${i % 4}`,
        ...(i === 17 ? { note: 'Find the NEEDLE in here' } : {}),
      },
    });
  });
}

beforeAll(async () => {
  t = await startLogsTestApp();
  other = t.addWorkspace('ws-other');
  events = await t.insert(dataset());
});
afterAll(async () => {
  await t.close();
});

const inDefault = (e: LogEvent) => e.workspace_id === t.credentials.workspace.id;
const at = (minutes: number) => new Date(BASE + minutes * MIN).toISOString();

describe('filters: exact rows for each, through a workspace key (its workspace only)', () => {
  const cases: [string, () => string, (e: LogEvent, i: number) => boolean][] = [
    ['no filter', () => '', () => true],
    [
      'time range (both ends inclusive)',
      () => `time_of_generation_min=${at(5)}&time_of_generation_max=${at(10)}`,
      (e) => e.created_at >= BASE + 5 * MIN && e.created_at <= BASE + 10 * MIN,
    ],
    ['a date-time without a zone is UTC', () => `time_of_generation_max=2030-03-01T00:03:00`, (e) => e.created_at <= BASE + 3 * MIN],
    ['api key', () => `api_key_ids=${KEY_A}`, (e) => e.api_key_id === KEY_A],
    ['ai_service', () => 'ai_service=anthropic', (e) => e.ai_org === 'anthropic'],
    ['provider (several)', () => 'provider=ollama,anthropic', (e) => e.ai_org === 'ollama' || e.ai_org === 'anthropic'],
    ['model (exact, not a prefix)', () => 'ai_model=gpt-4o', (e) => e.ai_model === 'gpt-4o'],
    [
      'provider__model pairs',
      () => 'ai_org_model=openai__gpt-4o-mini,ollama__llama3',
      (e) => e.ai_model === 'gpt-4o-mini' || e.ai_model === 'llama3',
    ],
    ['one status code', () => 'status_code=500', (e) => e.response_status_code === 500],
    ['a status class', () => 'status_code=4xx', (e) => e.response_status_code >= 400 && e.response_status_code < 500],
    ['status codes', () => 'status_code=200,429', (e) => e.response_status_code === 200 || e.response_status_code === 429],
    ['cost range (cents)', () => 'cost_min=10&cost_max=20', (e) => e.cost >= 10 && e.cost <= 20],
    ['total units', () => 'total_units_min=300&total_units_max=520', (e) => e.total_units >= 300 && e.total_units <= 520],
    ['prompt tokens', () => 'prompt_token_min=450', (e) => e.req_units >= 450],
    ['completion tokens', () => 'completion_token_max=30', (e) => e.res_units <= 30],
    ['latency', () => 'response_time_min=500&response_time_max=900', (e) => e.response_time >= 500 && e.response_time <= 900],
    ['cache status, any case', () => 'cache_status=hit', (e) => e.cache_status === 'HIT'],
    ['config by slug', () => 'configs=pc-alpha', (e) => e.config === 'pc-alpha'],
    ['config by id', () => 'configs=cfg-uuid-alpha,pc-beta', (e) => e.config === 'pc-alpha' || e.config === 'pc-beta'],
    ['prompt', () => 'prompt_slug=pp-greeting', (e) => e.prompt_slug === 'pp-greeting'],
    ['trace id', () => 'trace_id=trace-3', (e) => e.trace_id === 'trace-3'],
    ['span id', () => 'span_id=span-7', (e) => e.span_id === 'span-7'],
    [
      'metadata key=value pairs (all must match)',
      () => `metadata=${encodeURIComponent('{"team":"search","env":"prod"}')}`,
      (e) => e.metadata.team === 'search' && e.metadata.env === 'prod',
    ],
    ['virtual key', () => 'virtual_keys=anthropic-main', (e) => e.virtual_key === 'anthropic-main'],
    ['stream', () => 'stream=true', (e) => e.stream_mode],
    ['not stream', () => 'stream=false', (e) => !e.stream_mode],
    ['search in metadata values, any case', () => 'search=needle', (e) => e.metadata.note !== undefined],
    ['search in model names', () => 'search=LLAMA', (e) => e.ai_model === 'llama3'],
    ['search in metadata values (several hits)', () => 'search=billing', (e) => e.metadata.team === 'billing'],
    [
      'several filters together',
      () => 'ai_service=openai&status_code=200&cost_min=5',
      (e) => e.ai_org === 'openai' && e.response_status_code === 200 && e.cost >= 5,
    ],
  ];

  it.each(cases)('%s', async (_, query, match) => {
    const expected = newestFirst(events.filter((e, i) => inDefault(e) && match(e, i)));
    expect(expected.length).toBeGreaterThan(0);
    const first = await t.call('GET', `/v1/logs?${query()}`, t.workspace);
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(expected.length);
    expect(await allPages(t, query(), t.workspace)).toEqual(expected);
  });

  it('a filter nothing matches gives an empty page, not an error', async () => {
    const res = await t.call('GET', '/v1/logs?ai_model=gpt-5&search=zzz', t.workspace);
    expect(res.body).toMatchObject({ object: 'list', total: 0, data: [], has_more: false, next_cursor: null });
  });

  it('rows carry their metrics in the list, without bodies', async () => {
    const res = await t.call('GET', '/v1/logs?span_id=span-17', t.workspace);
    const [log] = res.body.data;
    expect(log.metrics).toMatchObject({
      ai_model: 'gpt-4o-mini',
      cost: 8.5,
      req_units: 170,
      metadata: { note: 'Find the NEEDLE in here', team: 'ads', env: 'prod' },
    });
    expect(log.request.body).toBeUndefined();
    expect(log.response.body).toBeUndefined();
    // Columns kept for analytics only are not part of the log's shape.
    for (const internal of ['metadata_user', 'metadata_text', 'trace_key', 'metadata_key', 'metadata_value']) {
      expect(log.metrics).not.toHaveProperty(internal);
    }
  });
});

describe('workspaces', () => {
  it('an organisation key sees every workspace, or the one it names (by slug or id)', async () => {
    expect(await allPages(t, '', t.admin)).toEqual(newestFirst(events));
    const inOther = newestFirst(events.filter((e) => !inDefault(e)));
    expect(inOther.length).toBe(5);
    expect(await allPages(t, `workspace_slug=${other.slug}`, t.admin)).toEqual(inOther);
    expect(await allPages(t, `workspace_id=${other.id}&status_code=200`, t.admin)).toEqual(
      newestFirst(events.filter((e) => !inDefault(e) && e.response_status_code === 200)),
    );
  });

  it('a workspace key naming another workspace is refused; naming its own is fine', async () => {
    const res = await t.call('GET', `/v1/logs?workspace_slug=${other.slug}`, t.workspace);
    expect(res.status).toBe(403);
    const own = await t.call('GET', `/v1/logs?workspace_slug=${t.credentials.workspace.slug}&page_size=1`, t.workspace);
    expect(own.body.total).toBe(events.filter(inDefault).length);
  });
});

describe('cursor pages', () => {
  it('page through every row exactly once, newest first, ties broken by id, for any page size', async () => {
    const expected = newestFirst(events.filter(inDefault));
    for (const size of [1, 7, 54, 100]) {
      const ids = await allPages(t, '', t.workspace, size);
      expect(ids).toEqual(expected);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('rows logged while a client pages do not shift later pages', async () => {
    const first = await t.call('GET', '/v1/logs?page_size=10', t.workspace);
    const newer = await t.insert([t.event({ created_at: BASE + 999 * MIN }), t.event({ created_at: BASE + 999 * MIN })]);
    try {
      const rest = [];
      let cursor = first.body.next_cursor as string | null;
      while (cursor) {
        const page = await t.call('GET', `/v1/logs?page_size=10&cursor=${cursor}`, t.workspace);
        rest.push(...page.body.data.map((d: { id: string }) => d.id));
        cursor = page.body.next_cursor;
      }
      const ids = [...first.body.data.map((d: { id: string }) => d.id), ...rest];
      expect(ids).toEqual(newestFirst(events.filter(inDefault)));
      // A fresh first page starts with them.
      const again = await t.call('GET', '/v1/logs?page_size=2', t.workspace);
      expect(again.body.data.map((d: { id: string }) => d.id)).toEqual(newestFirst(newer));
    } finally {
      const ids = newer.map((e) => `'${e.id}'`).join(',');
      await t.stores.logs.writer.run(`DELETE FROM request_logs WHERE id IN (${ids})`);
    }
  });

  it('has_more and next_cursor say whether another page exists', async () => {
    const n = events.filter(inDefault).length;
    const all = await t.call('GET', `/v1/logs?page_size=${n}`, t.workspace);
    expect(all.body).toMatchObject({ has_more: false, next_cursor: null, total: n });
    const short = await t.call('GET', `/v1/logs?page_size=${n - 1}`, t.workspace);
    expect(short.body.has_more).toBe(true);
    expect(typeof short.body.next_cursor).toBe('string');
  });
});

describe('bad filters are a 400 that says what is wrong', () => {
  it.each([
    ['modle=gpt-4o', /Unknown filter "modle"\. Known filters: .*ai_model/],
    ['cost_min=abc', /Filter cost_min must be a number \(got "abc"\)/],
    ['time_of_generation_min=yesterday', /Filter time_of_generation_min must be an ISO 8601 date/],
    ['status_code=20', /Filter status_code must be a comma-separated list of HTTP status codes/],
    ['stream=maybe', /Filter stream must be true or false/],
    ['metadata={bad', /Filter metadata must be a JSON object of strings/],
    ['metadata=["a"]', /Filter metadata must be a JSON object of strings/],
    ['ai_org_model=openai-gpt-4o', /provider__model pairs/],
    ['cost_min=5&cost_max=1', /cost_min \(5\) is after cost_max \(1\): no row can match/],
    ['time_of_generation_min=2030-02-01&time_of_generation_max=2030-01-01', /time_of_generation_min \(2030-02-01T00:00:00.000Z\) is after/],
    ['page_size=101', /page_size must be <= 100/],
    ['page_size=0', /page_size must be >= 1/],
    ['cursor=not-a-cursor', /cursor is not one this server handed out/],
    ['current_page=2', /Unknown filter "current_page"/],
  ])('%s', async (query, message) => {
    const res = await t.call('GET', `/v1/logs?${query}`, t.workspace);
    expect(res.status).toBe(400);
    expect(res.body.success).toBe(false);
    expect(res.body.data).toMatchObject({ errorCode: 'AB01' });
    expect(res.body.data.message).toMatch(message);
  });
});

describe('scopes', () => {
  it('listing needs logs.list; reading one log needs logs.view (or another read scope)', async () => {
    const viewOnly = await t.serviceKey(['logs.view']);
    const listOnly = await t.serviceKey(['logs.list']);
    const id = events.find(inDefault)!.id;
    expect((await t.call('GET', '/v1/logs', viewOnly.headers)).status).toBe(403);
    expect((await t.call('GET', '/v1/logs', listOnly.headers)).status).toBe(200);
    expect((await t.call('GET', `/v1/logs/${id}`, listOnly.headers)).status).toBe(403);
    expect((await t.call('GET', `/v1/logs/${id}`, viewOnly.headers)).status).toBe(200);
  });
});
