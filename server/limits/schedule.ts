// When a budget resets (ADR 0016): weekly on Mondays 00:00 UTC, monthly on the 1st 00:00 UTC, or
// every `periodic_reset_days` days at UTC midnight counted from the day the budget started; a
// `next_usage_reset_at` in the future names the first reset and the cadence follows from it.

export const DAY_MS = 86_400_000;

export interface ResetSchedule {
  periodic_reset?: 'weekly' | 'monthly' | null;
  periodic_reset_days?: number | null;
  next_usage_reset_at?: string | null;
}

export const startOfUtcDay = (t: number) => Math.floor(t / DAY_MS) * DAY_MS;

/** Whether the budget resets at all. */
export function hasSchedule(s: ResetSchedule): boolean {
  return Boolean(s.periodic_reset || s.periodic_reset_days || s.next_usage_reset_at);
}

/**
 * The first reset strictly after `after`, or null for a budget that never resets. `anchor` is the
 * UTC midnight the every-N-days cadence counts from (the day the budget was first counted).
 */
export function nextResetAfter(s: ResetSchedule, after: number, anchor: number): number | null {
  const named = s.next_usage_reset_at ? Date.parse(s.next_usage_reset_at) : NaN;
  if (Number.isFinite(named) && named > after) return named;
  const days = s.periodic_reset_days ?? null;
  if (days) {
    const period = days * DAY_MS;
    // A named first reset that has passed becomes the anchor of the cadence that follows it.
    const from = Number.isFinite(named) ? named : anchor;
    const steps = Math.floor((after - from) / period) + 1;
    return from + Math.max(1, steps) * period;
  }
  if (s.periodic_reset === 'weekly') {
    const day = startOfUtcDay(after);
    // getUTCDay: 0 is Sunday, 1 Monday. Days to the next Monday, never 0 (strictly after).
    const toMonday = (8 - new Date(day).getUTCDay()) % 7 || 7;
    return day + toMonday * DAY_MS;
  }
  if (s.periodic_reset === 'monthly') {
    const d = new Date(after);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  return null;
}

/** A stable text for the schedule, to notice that an admin changed it. */
export function scheduleSignature(s: ResetSchedule): string {
  return `${s.periodic_reset ?? ''}|${s.periodic_reset_days ?? ''}|${s.next_usage_reset_at ?? ''}`;
}
