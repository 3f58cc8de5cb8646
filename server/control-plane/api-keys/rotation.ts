// Rotation schedules and transition periods (spec §2.1): which policies are valid and when a key's
// next scheduled rotation falls. Pure functions over milliseconds since the epoch.
import { badRequest } from '../../errors.ts';

export const MIN_TRANSITION_MS = 30 * 60 * 1000;
/** No documented ceiling; a year keeps every computed date sane and matches rotation_period_days. */
export const MAX_TRANSITION_MS = 365 * 86_400_000;
const DAY_MS = 86_400_000;

/** The policy as the Admin API accepts it. */
export type RotationPolicyInput = {
  rotation_period?: 'weekly' | 'monthly' | null;
  rotation_period_days?: number | null;
  next_rotation_at?: string | null;
  key_transition_period_ms?: number;
};

/** The policy as stored in api_keys.rotation_policy; the next run lives in api_keys.next_rotation_at. */
export interface RotationSchedule {
  rotation_period: 'weekly' | 'monthly' | null;
  rotation_period_days: number | null;
  key_transition_period_ms: number;
}

export function utcMidnight(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

/**
 * The first scheduled run strictly after `after`: weekly runs are Mondays 00:00 UTC, monthly runs
 * the 1st 00:00 UTC, N-day runs the UTC midnight N days on. Null for a one-off schedule.
 */
export function nextRotationAt(schedule: RotationSchedule, after: number): number | null {
  const day = new Date(utcMidnight(after));
  if (schedule.rotation_period === 'weekly') {
    const daysToMonday = (8 - day.getUTCDay()) % 7 || 7;
    return day.getTime() + daysToMonday * DAY_MS;
  }
  if (schedule.rotation_period === 'monthly') {
    return Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 1);
  }
  if (schedule.rotation_period_days) return utcMidnight(after + schedule.rotation_period_days * DAY_MS);
  return null;
}

/** The shortest gap between two scheduled runs (a month counts as 28 days); null for one-off schedules. */
export function periodMs(schedule: Pick<RotationSchedule, 'rotation_period' | 'rotation_period_days'>): number | null {
  if (schedule.rotation_period === 'weekly') return 7 * DAY_MS;
  if (schedule.rotation_period === 'monthly') return 28 * DAY_MS;
  if (schedule.rotation_period_days) return schedule.rotation_period_days * DAY_MS;
  return null;
}

function describeMs(ms: number): string {
  if (ms % DAY_MS === 0) return `${ms / DAY_MS} day${ms === DAY_MS ? '' : 's'}`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} hours`;
  return `${ms / 60_000} minutes`;
}

/**
 * A transition period the old secret may live for: at least 30 minutes, shorter than the key's
 * rotation period when it has one (otherwise the next rotation would cut it short).
 */
export function checkTransitionPeriod(ms: number, schedule: RotationSchedule | null, param = 'key_transition_period_ms'): number {
  if (!Number.isInteger(ms) || ms < MIN_TRANSITION_MS) {
    throw badRequest(`${param} must be a whole number of milliseconds, at least ${MIN_TRANSITION_MS} (30 minutes)`, { param });
  }
  if (ms > MAX_TRANSITION_MS) {
    throw badRequest(`${param} must be at most ${MAX_TRANSITION_MS} (365 days)`, { param });
  }
  const period = schedule ? periodMs(schedule) : null;
  if (period !== null && ms >= period) {
    throw badRequest(
      `${param} (${describeMs(ms)}) must be shorter than the rotation period (${describeMs(period)}${
        schedule?.rotation_period === 'monthly' ? ', the shortest month' : ''
      })`,
      { param },
    );
  }
  return ms;
}

/**
 * Validates a policy from a create or update body. Returns what to store and the first run, or
 * null when the body removes the policy. `next_rotation_at` is normalised to 00:00 UTC of its day
 * and, when given, takes precedence over the period for the first run.
 */
export function checkRotationPolicy(
  input: RotationPolicyInput | null | undefined,
  now: number,
): { schedule: RotationSchedule; nextRotationAt: string | null } | null {
  if (!input) return null;
  const param = 'rotation_policy';
  const period = input.rotation_period ?? null;
  const days = input.rotation_period_days ?? null;
  if (period && days) {
    throw badRequest('rotation_policy takes rotation_period or rotation_period_days, not both', { param });
  }
  if (!period && !days && !input.next_rotation_at) {
    throw badRequest('rotation_policy needs rotation_period, rotation_period_days or next_rotation_at', { param });
  }
  if (days !== null && (!Number.isInteger(days) || days < 1 || days > 365)) {
    throw badRequest('rotation_policy.rotation_period_days must be a whole number from 1 to 365', { param });
  }
  const schedule: RotationSchedule = { rotation_period: period, rotation_period_days: days, key_transition_period_ms: 0 };
  schedule.key_transition_period_ms = checkTransitionPeriod(
    input.key_transition_period_ms ?? MIN_TRANSITION_MS,
    schedule,
    'rotation_policy.key_transition_period_ms',
  );

  let first: number | null;
  if (input.next_rotation_at) {
    const at = Date.parse(input.next_rotation_at);
    if (Number.isNaN(at))
      throw badRequest(`rotation_policy.next_rotation_at "${input.next_rotation_at}" is not an ISO 8601 date-time`, { param });
    first = utcMidnight(at);
    if (first <= now) {
      throw badRequest(
        `rotation_policy.next_rotation_at must fall on a later day than today: it is normalised to 00:00 UTC (${new Date(first).toISOString()})`,
        { param },
      );
    }
  } else {
    first = nextRotationAt(schedule, now);
  }
  return { schedule, nextRotationAt: first === null ? null : new Date(first).toISOString() };
}
