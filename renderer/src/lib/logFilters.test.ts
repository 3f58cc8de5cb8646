// The time window sent with log and analytics queries, in whole seconds of the viewer's zone.
import { describe, expect, it } from 'vitest';
import { timeQuery } from './logFilters';

describe('timeQuery', () => {
  it('keeps a request made earlier in the current second inside the window', () => {
    const sent = Date.parse('2030-01-01T09:00:05.200Z');
    const now = Date.parse('2030-01-01T09:00:05.900Z');
    const q = timeQuery({ min: now - 3600_000, max: now });
    expect(Date.parse(q.time_of_generation_max)).toBeGreaterThanOrEqual(sent);
    expect(Date.parse(q.time_of_generation_max)).toBe(Date.parse('2030-01-01T09:00:06Z'));
    expect(Date.parse(q.time_of_generation_min)).toBe(Date.parse('2030-01-01T08:00:05Z'));
  });
});
