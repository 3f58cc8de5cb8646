// Metadata read through metadata_text and metadata_user (log migrations 0003, 0004) instead of the
// key/value lists: metadata filters on the log list and on graphs, text search, and groups by a
// metadata key, over keys and values holding the separators, escapes, regex characters and more.
// The expected rows are worked out in JavaScript from the events themselves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEvent } from '../logs/events.ts';
import { allPages, newestFirst, startLogsTestApp, type LogsTestApp } from '../../test/kits/logsTestKit.ts';
import { get } from '../../test/kits/analyticsTestKit.ts';

const DAY = '2026-04-07';
const RANGE = `time_of_generation_min=${DAY}T00:00:00Z&time_of_generation_max=${DAY}T23:59:59.999Z`;

const METADATA: Record<string, string>[] = [
  { team: 'search', env: 'prod', _user: 'alice' },
  { team: 'research', env: 'prod', _user: 'bob' },
  { team: 'search-2', team2: 'search', _user: 'Search-Carol' },
  { 'a\x1fb': 'x\x1ey', 'k\x1c': '\x1c\x10', '\x1d': '\x1d\x1d', team: 'a\x1fb' },
  { note: 'Regex a.b*c (x) [y] \\ $ ^', env: '' },
  { search: 'nope', env: 'prod' },
  {},
  { ünï: 'ÜBER', team: 'search' },
  { team: 'search', env: 'staging', _user: 'alice' },
];

let t: LogsTestApp;
let events: LogEvent[];

beforeAll(async () => {
  t = await startLogsTestApp();
  events = await t.insert(
    METADATA.map((metadata, i) =>
      t.event({ created_at: Date.parse(`${DAY}T0${i}:00:00Z`), cost: i + 0.5, total_units: 10 * (i + 1), metadata }),
    ),
  );
});
afterAll(async () => {
  await t?.close();
});

const q = (filters: Record<string, string>) =>
  Object.entries(filters)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');

describe('metadata filters', () => {
  it.each<[string, Record<string, string>]>([
    ['one pair, not a value that contains it or another key with it', { team: 'search' }],
    ['a key that another key starts with', { team2: 'search' }],
    ['separators in key and value', { 'a\x1fb': 'x\x1ey' }],
    ['the escape character, and a value that looks like an escape', { 'k\x1c': '\x1c\x10' }],
    ['a value that is a key of the row', { team: 'a\x1fb' }],
    ['an empty value', { env: '' }],
    ['_user (its own column)', { _user: 'alice' }],
    ['_user and another key', { _user: 'alice', env: 'staging' }],
    ['two keys', { team: 'search', env: 'prod' }],
    ['a pair no row has', { team: 'prod' }],
    ['a key no row has', { nothing: 'search' }],
  ])('%s', async (_, metadata) => {
    const expected = events.filter((e) => Object.entries(metadata).every(([k, v]) => e.metadata[k] === v));
    const filter = q({ metadata: JSON.stringify(metadata) });
    expect(await allPages(t, filter, t.workspace)).toEqual(newestFirst(expected));
    const graph = await get(t, `/v1/analytics/graphs/requests?${RANGE}&${filter}`);
    expect(graph.summary.total).toBe(expected.length);
  });
});

describe('text search', () => {
  const matches = (e: LogEvent, s: string) =>
    [e.ai_model, e.request_model, ...Object.values(e.metadata)].some((v) => v !== null && v.toLowerCase().includes(s.toLowerCase()));

  it.each([
    ['search'], // values (search, research, search-2, Search-Carol), not the key `search` alone
    ['carol'], // _user
    ['ünï'], // a key only
    ['übe'], // a value, any case
    ['a.b*c (x) [y] \\ $ ^'], // regex characters are literal
    ['a?b'],
    ['team'], // keys are not searched
    ['x\x1ey'], // separator characters: searched in the lists
    ['\x1c\x10'],
    ['gpt'], // the model names
  ])('%j', async (s) => {
    const expected = events.filter((e) => matches(e, s));
    expect(await allPages(t, q({ search: s }), t.workspace)).toEqual(newestFirst(expected));
  });
});

describe('groups by a metadata key', () => {
  const byKey = (key: string) => {
    const groups = new Map<string, { requests: number; cost: number; tokens: number; last: number }>();
    for (const e of events) {
      const v = e.metadata[key];
      if (v === undefined) continue;
      const g = groups.get(v) ?? { requests: 0, cost: 0, tokens: 0, last: 0 };
      groups.set(v, {
        requests: g.requests + 1,
        cost: g.cost + e.cost,
        tokens: g.tokens + e.total_units,
        last: Math.max(g.last, e.created_at),
      });
    }
    return [...groups]
      .sort(([a, x], [b, y]) => y.requests - x.requests || (a < b ? -1 : 1))
      .map(([value, g]) => ({
        metadata_value: value,
        requests: g.requests,
        cost: g.cost,
        avg_tokens: Math.round((g.tokens / g.requests) * 100) / 100,
        avg_weighted_feedback: null,
        requests_with_feedback: 0,
        last_seen: new Date(g.last).toISOString(),
        object: 'analytics-group',
      }));
  };

  it.each([['team'], ['env'], ['a\x1fb'], ['k\x1c'], ['\x1d'], ['ünï'], ['_user'], ['nothing']])('%j', async (key) => {
    const body = await get(t, `/v1/analytics/groups/metadata/${encodeURIComponent(key)}?${RANGE}`);
    const expected = byKey(key);
    expect(body.total).toBe(expected.length);
    expect(body.data).toEqual(expected);
  });

  it('counts the groups on a page past the end, rows without the key not among them', async () => {
    const body = await get(t, `/v1/analytics/groups/metadata/env?${RANGE}&page_size=2&current_page=9`);
    expect(body).toEqual({ object: 'list', total: byKey('env').length, data: [] });
  });

  it('orders by the value itself', async () => {
    const body = await get(t, `/v1/analytics/groups/metadata/team?${RANGE}&order_by=metadata_value&order_by_type=asc`);
    expect(body.data.map((d: { metadata_value: string }) => d.metadata_value)).toEqual(['a\x1fb', 'research', 'search', 'search-2']);
  });
});
