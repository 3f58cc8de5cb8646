// Known traffic for the analytics tests: nine requests on 2 March 2026 (UTC) in the default
// workspace, plus rows the queries must leave out (the next day, another workspace), and three
// feedbacks. The expected figures in the tests are worked out by hand from this table.
import { startLogsTestApp, type LogsTestApp } from './logsTestKit.ts';
import { traceKeySql, type LogEvent } from '../../server/logs/events.ts';

export const DAY = '2026-03-02';
export const at = (hhmm: string, seconds = '00.000') => Date.parse(`${DAY}T${hhmm}:${seconds}Z`);

/** The whole day, hourly buckets. */
export const DAY_RANGE = `time_of_generation_min=${DAY}T00:00:00Z&time_of_generation_max=${DAY}T23:59:59.999Z`;

interface Spec {
  time: string;
  org: string;
  model: string;
  status: number;
  cost: number;
  units: [number, number];
  latency: number;
  cache?: string;
  retry?: number;
  fallback?: boolean;
  user?: string;
  team?: string;
  key: 'A' | 'B';
}

//  #   time   service/model                 status cost  in/out    ms    cache         user   team
export const TRAFFIC: Spec[] = [
  {
    time: '00:10',
    org: 'openai',
    model: 'gpt-4o',
    status: 200,
    cost: 1.5,
    units: [100, 50],
    latency: 100,
    cache: 'MISS',
    user: 'alice',
    team: 'search',
    key: 'A',
  },
  {
    time: '00:40',
    org: 'openai',
    model: 'gpt-4o',
    status: 200,
    cost: 2.5,
    units: [200, 100],
    latency: 200,
    cache: 'MISS',
    user: 'bob',
    team: 'search',
    key: 'A',
  },
  {
    time: '01:05',
    org: 'openai',
    model: 'gpt-4o',
    status: 200,
    cost: 0,
    units: [200, 100],
    latency: 20,
    cache: 'HIT',
    user: 'alice',
    team: 'ads',
    key: 'A',
  },
  {
    time: '01:30',
    org: 'anthropic',
    model: 'claude-3-5-sonnet',
    status: 200,
    cost: 4,
    units: [300, 100],
    latency: 400,
    retry: 2,
    user: 'carol',
    team: 'ads',
    key: 'A',
  },
  {
    time: '02:15',
    org: 'anthropic',
    model: 'claude-3-5-sonnet',
    status: 429,
    cost: 0,
    units: [0, 0],
    latency: 50,
    retry: -1,
    user: 'carol',
    key: 'B',
  },
  { time: '02:45', org: 'openai', model: 'gpt-4o-mini', status: 500, cost: 0, units: [0, 0], latency: 300, team: 'search', key: 'B' },
  {
    time: '05:00',
    org: 'openai',
    model: 'gpt-4o-mini',
    status: 200,
    cost: 0,
    units: [60, 40],
    latency: 30,
    cache: 'SEMANTIC HIT',
    fallback: true,
    user: 'dave',
    key: 'B',
  },
  {
    time: '06:00',
    org: 'openai',
    model: 'gpt-4o-mini',
    status: 200,
    cost: 0.5,
    units: [60, 40],
    latency: 500,
    cache: 'MISS',
    user: 'dave',
    key: 'B',
  },
  {
    time: '23:59',
    org: 'anthropic',
    model: 'claude-3-5-sonnet',
    status: 200,
    cost: 1,
    units: [100, 0],
    latency: 600,
    cache: 'MISS',
    user: 'alice',
    team: 'search',
    key: 'B',
  },
];

export interface AnalyticsFixture {
  t: LogsTestApp;
  events: LogEvent[];
  keyIds: { A: string; B: string };
  /** A second workspace holding one request of the same day. */
  other: { id: string; slug: string };
}

export function trafficEvent(t: LogsTestApp, s: Spec, keyIds: { A: string; B: string }): LogEvent {
  const metadata: Record<string, string> = {};
  if (s.user) metadata._user = s.user;
  if (s.team) metadata.team = s.team;
  return t.event({
    created_at: at(s.time),
    ai_org: s.org,
    ai_model: s.model,
    virtual_key: `${s.org}-prod`,
    response_status_code: s.status,
    is_success: s.status < 400,
    cost: s.cost,
    req_units: s.units[0],
    res_units: s.units[1],
    total_units: s.units[0] + s.units[1],
    response_time: s.latency,
    cache_status: s.cache ?? 'DISABLED',
    retry_success_count: s.retry ?? 0,
    mode: s.fallback ? 'fallback' : 'single',
    last_used_option_index: s.fallback ? 'config.targets[1]' : 'config',
    config: s.fallback ? 'pc-fallback' : null,
    api_key_id: keyIds[s.key],
    metadata,
  });
}

/** Feedback straight into the log database, at chosen times (the feedback API is tested elsewhere). */
export async function addFeedback(t: LogsTestApp, traceId: string, value: number, weight: number, time: number) {
  await t.stores.logs.writer.run(
    `INSERT INTO feedback (id, created_at, last_updated_at, organisation_id, workspace_id, trace_id, value, weight, trace_key)
     VALUES ($1, make_timestamp($2::BIGINT), make_timestamp($2::BIGINT), $3, $4, $5, $6, $7, ${traceKeySql('$4', '$5')})`,
    [`fb-${time}-${value}`, BigInt(time) * 1000n, t.credentials.organisation_id, t.credentials.workspace.id, traceId, value, weight],
  );
}

export async function startAnalyticsFixture(): Promise<AnalyticsFixture> {
  const t = await startLogsTestApp();
  const keyIds = { A: 'key-a', B: 'key-b' };
  const events = TRAFFIC.map((s) => trafficEvent(t, s, keyIds));
  const ws = t.addWorkspace('ws-other');
  const outside = [
    // The first moment after the range, and the same day in another workspace.
    t.event({ created_at: Date.parse('2026-03-03T00:00:00.000Z'), metadata: { _user: 'zed' } }),
    t.event({ created_at: at('03:00'), workspace_id: ws.id, workspace_slug: ws.slug, cost: 7, metadata: { _user: 'yan' } }),
  ];
  await t.insert([...events, ...outside]);
  // Feedback: 5 x 1 on the first request's trace; -2 x 0.5 and 10 x 0.2 on the second's.
  await addFeedback(t, events[0]!.trace_id, 5, 1, at('00:15'));
  await addFeedback(t, events[1]!.trace_id, -2, 0.5, at('00:45'));
  await addFeedback(t, events[1]!.trace_id, 10, 0.2, at('03:00'));
  return { t, events, keyIds, other: { id: ws.id, slug: ws.slug } };
}

/** GET a URL as `headers`, expecting 200; the parsed body. */
export async function get(t: LogsTestApp, url: string, headers: Record<string, string> = t.admin) {
  const res = await t.call('GET', url, headers);
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${res.text}`);
  return res.body;
}

/** The points of a graph that have data, keyed by hour of the day. */
export function byHour(points: { timestamp: string }[], pick: (p: Record<string, unknown>) => unknown, skip: (v: unknown) => boolean) {
  const out: Record<number, unknown> = {};
  for (const p of points) {
    const v = pick(p as Record<string, unknown>);
    if (!skip(v)) out[new Date(p.timestamp).getUTCHours()] = v;
  }
  return out;
}
