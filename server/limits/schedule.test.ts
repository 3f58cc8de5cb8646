// Reset schedules (ADR 0016): weekly on Mondays 00:00 UTC, monthly on the 1st, every N days at UTC
// midnight from the day the budget started, and a named first reset.
import { describe, expect, it } from 'vitest';
import { DAY_MS, nextResetAfter, startOfUtcDay } from './schedule.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

describe('nextResetAfter', () => {
  it.each([
    ['a Wednesday', '2026-03-04T15:00:00Z', '2026-03-09T00:00:00.000Z'],
    ['a Sunday evening', '2026-03-08T23:59:59Z', '2026-03-09T00:00:00.000Z'],
    ['Monday midnight itself (strictly after)', '2026-03-09T00:00:00Z', '2026-03-16T00:00:00.000Z'],
  ])('weekly from %s is the next Monday', (_, from, next) => {
    expect(iso(nextResetAfter({ periodic_reset: 'weekly' }, at(from), 0))).toBe(next);
  });

  it('monthly is the 1st of the next month, across a year end', () => {
    expect(iso(nextResetAfter({ periodic_reset: 'monthly' }, at('2026-01-31T12:00:00Z'), 0))).toBe('2026-02-01T00:00:00.000Z');
    expect(iso(nextResetAfter({ periodic_reset: 'monthly' }, at('2026-12-15T00:00:00Z'), 0))).toBe('2027-01-01T00:00:00.000Z');
  });

  it('every N days counts from the anchor day, skipping periods that passed', () => {
    const anchor = startOfUtcDay(at('2026-03-01T10:00:00Z'));
    expect(iso(nextResetAfter({ periodic_reset_days: 10 }, at('2026-03-01T10:00:00Z'), anchor))).toBe('2026-03-11T00:00:00.000Z');
    // Stopped for 25 days: the next one is the first still ahead, not three in a row.
    expect(iso(nextResetAfter({ periodic_reset_days: 10 }, at('2026-03-26T00:00:00Z'), anchor))).toBe('2026-03-31T00:00:00.000Z');
  });

  it('a named first reset comes first, then the cadence follows from it', () => {
    const s = { periodic_reset_days: 7, next_usage_reset_at: '2026-05-05T06:00:00.000Z' };
    expect(iso(nextResetAfter(s, at('2026-05-01T00:00:00Z'), 0))).toBe('2026-05-05T06:00:00.000Z');
    expect(iso(nextResetAfter(s, at('2026-05-05T06:00:00Z'), 0))).toBe(iso(at('2026-05-05T06:00:00Z') + 7 * DAY_MS));
  });

  it('never resets without a schedule', () => {
    expect(nextResetAfter({}, at('2026-05-01T00:00:00Z'), 0)).toBeNull();
  });
});
