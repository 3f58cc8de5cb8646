// Time buckets: the width a range gets, where buckets start (UTC, the caller's offset, Mondays,
// calendar months), and that the SQL puts rows on either side of a boundary where the chart says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketStart, chooseBuckets, offsetOf } from './buckets.ts';
import { startLogsTestApp, type LogsTestApp } from '../../test/kits/logsTestKit.ts';
import { get } from '../../test/kits/analyticsTestKit.ts';

const ms = (iso: string) => Date.parse(iso);
const isoStarts = (b: { starts: number[] }) => b.starts.map((s) => new Date(s).toISOString());

describe('chooseBuckets', () => {
  it.each([
    ['30 minutes', '2026-03-02T10:00:00Z', '2026-03-02T10:30:00Z', 'minute', 31],
    ['3 hours', '2026-03-02T10:00:00Z', '2026-03-02T13:00:00Z', '5-minutes', 37],
    ['a day', '2026-03-02T00:00:00Z', '2026-03-02T23:59:59.999Z', 'hour', 24],
    ['two days', '2026-03-02T00:00:00Z', '2026-03-04T00:00:00Z', 'hour', 49],
    ['30 days', '2026-03-01T00:00:00Z', '2026-03-30T23:59:59.999Z', 'day', 30],
    ['a year', '2025-03-02T00:00:00Z', '2026-03-01T23:59:59.999Z', 'week', 53],
    ['three years', '2023-03-01T00:00:00Z', '2026-02-28T23:59:59.999Z', 'month', 36],
  ])('%s -> %s buckets', (_, from, to, unit, count) => {
    const b = chooseBuckets(ms(from), ms(to));
    expect(b.unit).toBe(unit);
    expect(b.starts).toHaveLength(count);
  });

  it('starts at the bucket holding the range start, so the first bucket may begin before it', () => {
    const b = chooseBuckets(ms('2026-03-02T10:17:00Z'), ms('2026-03-02T13:00:00Z'));
    expect(isoStarts(b).slice(0, 2)).toEqual(['2026-03-02T10:15:00.000Z', '2026-03-02T10:20:00.000Z']);
  });

  it('days start at the local midnight of the offset the range was written in', () => {
    const offset = offsetOf('2026-03-02T00:00:00+05:30');
    expect(offset).toBe(5.5 * 3_600_000);
    const b = chooseBuckets(ms('2026-03-02T00:00:00+05:30'), ms('2026-03-04T23:59:59+05:30'), offset);
    expect(b.unit).toBe('day');
    expect(isoStarts(b)).toEqual(['2026-03-01T18:30:00.000Z', '2026-03-02T18:30:00.000Z', '2026-03-03T18:30:00.000Z']);
  });

  it('weeks start on Monday; months on the first', () => {
    const week = { unit: 'week' as const, widthMs: 7 * 86_400_000, offsetMs: 0 };
    // Sunday 8 March 2026 belongs to the week of Monday 2 March.
    expect(new Date(bucketStart(ms('2026-03-08T23:59:59Z'), week)).toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(new Date(bucketStart(ms('2026-03-09T00:00:00Z'), week)).toISOString()).toBe('2026-03-09T00:00:00.000Z');
    const month = { unit: 'month' as const, widthMs: 0, offsetMs: -5 * 3_600_000 };
    // 1 March 03:00 UTC is still February in UTC-05:00.
    expect(new Date(bucketStart(ms('2026-03-01T03:00:00Z'), month)).toISOString()).toBe('2026-02-01T05:00:00.000Z');
  });

  it.each([
    ['2026-03-02T00:00:00Z', 0],
    ['2026-03-02T00:00:00', 0],
    ['2026-03-02T00:00:00-0800', -8 * 3_600_000],
    ['2026-03-02T00:00:00+05:45', 5.75 * 3_600_000],
  ])('offsetOf(%s)', (text, offset) => expect(offsetOf(text)).toBe(offset));
});

describe('buckets in SQL', () => {
  let t: LogsTestApp;
  beforeAll(async () => {
    t = await startLogsTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const totals = (body: { data_points: { timestamp: string; total: number }[] }) =>
    Object.fromEntries(body.data_points.filter((p) => p.total > 0).map((p) => [p.timestamp, p.total]));

  it('puts rows either side of a boundary in the right bucket, in every unit', async () => {
    await t.insert(
      [
        '2026-03-02T00:59:59.999Z',
        '2026-03-02T01:00:00.000Z',
        // Local midnight in +05:30 is 18:30 UTC.
        '2026-03-02T18:29:59.999Z',
        '2026-03-02T18:30:00.000Z',
        // A Sunday night and the Monday after; the last day of February and the first of March.
        '2026-03-08T23:59:59.999Z',
        '2026-03-09T00:00:00.000Z',
        '2026-02-28T23:59:59.999Z',
      ].map((iso) => t.event({ created_at: ms(iso) })),
    );
    const graph = (query: string) => get(t, `/v1/analytics/graphs/requests?${query}`);

    const hours = await graph('time_of_generation_min=2026-03-02T00:00:00Z&time_of_generation_max=2026-03-02T23:59:59Z');
    expect(totals(hours)).toEqual({
      '2026-03-02T00:00:00.000Z': 1,
      '2026-03-02T01:00:00.000Z': 1,
      '2026-03-02T18:00:00.000Z': 2,
    });

    const localDays = await graph(
      `time_of_generation_min=${encodeURIComponent('2026-03-02T00:00:00+05:30')}&time_of_generation_max=${encodeURIComponent('2026-03-05T00:00:00+05:30')}`,
    );
    expect(localDays.data_points).toHaveLength(4);
    expect(totals(localDays)).toEqual({ '2026-03-01T18:30:00.000Z': 3, '2026-03-02T18:30:00.000Z': 1 });
    // An unencoded + arrives as a space and still reads as the offset.
    const unencoded = await graph('time_of_generation_min=2026-03-02T00:00:00+05:30&time_of_generation_max=2026-03-05T00:00:00+05:30');
    expect(unencoded).toEqual(localDays);

    const weeks = await graph('time_of_generation_min=2026-01-01T00:00:00Z&time_of_generation_max=2026-06-30T00:00:00Z');
    expect(totals(weeks)).toEqual({ '2026-02-23T00:00:00.000Z': 1, '2026-03-02T00:00:00.000Z': 5, '2026-03-09T00:00:00.000Z': 1 });

    const months = await graph('time_of_generation_min=2024-01-01T00:00:00Z&time_of_generation_max=2026-12-31T00:00:00Z');
    expect(totals(months)).toEqual({ '2026-02-01T00:00:00.000Z': 1, '2026-03-01T00:00:00.000Z': 6 });
    expect(months.data_points).toHaveLength(36);
  });
});
