import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { type RotationSchedule, checkRotationPolicy, checkTransitionPeriod, nextRotationAt } from './rotation.ts';

const at = (iso: string) => Date.parse(iso);
const schedule = (s: Partial<RotationSchedule>): RotationSchedule => ({
  rotation_period: null,
  rotation_period_days: null,
  key_transition_period_ms: 1_800_000,
  ...s,
});
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('next scheduled rotation', () => {
  it.each([
    ['weekly from a Tuesday: the next Monday', { rotation_period: 'weekly' }, '2030-01-01T10:00:00Z', '2030-01-07T00:00:00.000Z'],
    ['weekly from Sunday night', { rotation_period: 'weekly' }, '2030-01-06T23:59:59Z', '2030-01-07T00:00:00.000Z'],
    ['weekly exactly at Monday 00:00: a week later', { rotation_period: 'weekly' }, '2030-01-07T00:00:00Z', '2030-01-14T00:00:00.000Z'],
    ['monthly: the 1st of next month', { rotation_period: 'monthly' }, '2030-01-31T12:00:00Z', '2030-02-01T00:00:00.000Z'],
    ['monthly across a year end', { rotation_period: 'monthly' }, '2030-12-01T00:00:00Z', '2031-01-01T00:00:00.000Z'],
    ['every 10 days, at UTC midnight', { rotation_period_days: 10 }, '2030-01-01T15:30:00Z', '2030-01-11T00:00:00.000Z'],
    ['every day', { rotation_period_days: 1 }, '2030-01-01T00:00:00Z', '2030-01-02T00:00:00.000Z'],
    ['one-off schedules have no next run', {}, '2030-01-01T00:00:00Z', null],
  ] as const)('%s', (_, s, from, expected) => {
    expect(iso(nextRotationAt(schedule(s), at(from)))).toBe(expected);
  });
});

describe('rotation policy validation', () => {
  const now = at('2030-01-01T10:00:00Z');
  const message = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(400);
      return (err as AppError).message;
    }
    throw new Error('expected a 400');
  };

  it.each([
    ['period and days together', { rotation_period: 'weekly', rotation_period_days: 7 }, /not both/],
    ['nothing to schedule', { key_transition_period_ms: 3_600_000 }, /needs rotation_period, rotation_period_days or next_rotation_at/],
    ['days out of range', { rotation_period_days: 366 }, /1 to 365/],
    ['transition below 30 minutes', { rotation_period: 'weekly', key_transition_period_ms: 60_000 }, /at least 1800000/],
    [
      'transition as long as the period',
      { rotation_period_days: 1, key_transition_period_ms: 86_400_000 },
      /shorter than the rotation period \(1 day\)/,
    ],
    [
      'transition longer than the shortest month',
      { rotation_period: 'monthly', key_transition_period_ms: 29 * 86_400_000 },
      /28 days, the shortest month/,
    ],
    ['next_rotation_at not a date', { next_rotation_at: 'next tuesday' }, /not an ISO 8601 date-time/],
    ['next_rotation_at today (normalised to midnight, so past)', { next_rotation_at: '2030-01-01T23:00:00Z' }, /later day than today/],
  ] as const)('refuses %s', (_, policy, pattern) => {
    expect(message(() => checkRotationPolicy(policy, now))).toMatch(pattern);
  });

  it('fills the default transition and computes the first run; next_rotation_at wins for the first run', () => {
    expect(checkRotationPolicy({ rotation_period: 'weekly' }, now)).toEqual({
      schedule: { rotation_period: 'weekly', rotation_period_days: null, key_transition_period_ms: 1_800_000 },
      nextRotationAt: '2030-01-07T00:00:00.000Z',
    });
    expect(checkRotationPolicy({ rotation_period: 'monthly', next_rotation_at: '2030-01-03T17:45:00Z' }, now)?.nextRotationAt).toBe(
      '2030-01-03T00:00:00.000Z',
    );
    expect(checkRotationPolicy(null, now)).toBeNull();
  });

  it('bounds manual transition periods by the schedule', () => {
    expect(checkTransitionPeriod(3_600_000, null)).toBe(3_600_000);
    expect(() => checkTransitionPeriod(1_799_999, null)).toThrow(/at least 1800000/);
    expect(() => checkTransitionPeriod(400 * 86_400_000, null)).toThrow(/at most/);
    expect(() => checkTransitionPeriod(7 * 86_400_000, schedule({ rotation_period: 'weekly' }))).toThrow(
      /shorter than the rotation period \(7 days\)/,
    );
  });
});
