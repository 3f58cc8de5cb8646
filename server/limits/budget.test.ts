// A budget counter against its changing definition (changelog v1.7.0, v1.11.0): raising the limit
// reactivates it and re-arms both alerts, raising or clearing the threshold re-arms that alert,
// lowering the limit under the usage exhausts it, and a reset starts a new period.
import { describe, expect, it } from 'vitest';
import { Budget, type BudgetEvent } from './budget.ts';

const T0 = Date.parse('2026-03-04T12:00:00Z');

function spend(b: Budget, usd: number): BudgetEvent['kind'][] {
  const events: BudgetEvent[] = [];
  b.record(usd, 0, 1, events);
  return events.map((e) => e.kind);
}

describe('Budget', () => {
  it('alerts once at the threshold and once at the limit, then refuses', () => {
    const b = new Budget('api_key:k', T0);
    b.reconcile({}, { credit_limit: 10, alert_threshold: 8, type: 'cost' }, T0);
    expect(spend(b, 7)).toEqual([]);
    expect(spend(b, 1.5)).toEqual(['threshold']);
    expect(spend(b, 0.1)).toEqual([]);
    expect(b.exhausted()).toBe(false);
    expect(spend(b, 2)).toEqual(['exhausted']);
    expect(spend(b, 1)).toEqual([]);
    expect(b.exhausted()).toBe(true);
    expect(b.status).toBe('exhausted');
  });

  it('reactivates and re-arms both alerts when the limit is raised above the usage', () => {
    const b = new Budget('api_key:k', T0);
    b.reconcile({}, { credit_limit: 10, alert_threshold: 8, type: 'cost' }, T0);
    spend(b, 11);
    expect(b.exhausted()).toBe(true);
    b.reconcile({}, { credit_limit: 20, alert_threshold: 8, type: 'cost' }, T0);
    expect(b.exhausted()).toBe(false);
    expect(b.status).toBe('active');
    // Both alerts fire again in the new range.
    expect(spend(b, 0)).toEqual(['threshold']);
    expect(spend(b, 9)).toEqual(['exhausted']);
  });

  it('keeps refusing when the raise is still under the usage', () => {
    const b = new Budget('api_key:k', T0);
    b.reconcile({}, { credit_limit: 10, type: 'cost' }, T0);
    spend(b, 15);
    b.reconcile({}, { credit_limit: 12, type: 'cost' }, T0);
    expect(b.exhausted()).toBe(true);
  });

  it('re-arms only the threshold alert when the threshold is raised or cleared', () => {
    const b = new Budget('api_key:k', T0);
    b.reconcile({}, { credit_limit: 100, alert_threshold: 10, type: 'cost' }, T0);
    expect(spend(b, 15)).toEqual(['threshold']);
    b.reconcile({}, { credit_limit: 100, alert_threshold: 20, type: 'cost' }, T0);
    expect(spend(b, 10)).toEqual(['threshold']);
    b.reconcile({}, { credit_limit: 100, alert_threshold: 20, type: 'cost' }, T0);
    expect(spend(b, 1)).toEqual([]);
  });

  it('is exhausted at once when the limit is lowered under the usage', () => {
    const b = new Budget('api_key:k', T0);
    b.reconcile({}, { credit_limit: 100, type: 'tokens' }, T0);
    const events: BudgetEvent[] = [];
    b.record(0, 500, 1, events);
    b.reconcile({}, { credit_limit: 400, type: 'tokens' }, T0);
    expect(b.exhausted()).toBe(true);
  });

  it('a requests budget counts the requests still running, so concurrent callers cannot overshoot it', () => {
    const b = new Budget('policy:e', T0);
    b.reconcile({}, { credit_limit: 2, type: 'requests' }, T0);
    b.inflight = 2;
    expect(b.exhausted()).toBe(true);
    expect(b.spent()).toBe(0);
  });

  it('a reset zeroes the period, lifts the status and schedules the next one', () => {
    const b = new Budget('api_key:k', T0);
    b.reconcile({}, { credit_limit: 1, type: 'cost', periodic_reset: 'monthly' }, T0);
    expect(new Date(b.nextResetAt!).toISOString()).toBe('2026-04-01T00:00:00.000Z');
    spend(b, 2);
    const at = Date.parse('2026-04-01T00:00:05Z');
    b.reset(at);
    expect([b.spent(), b.status, b.lastResetAt]).toEqual([0, 'active', at]);
    expect(new Date(b.nextResetAt!).toISOString()).toBe('2026-05-01T00:00:00.000Z');
  });
});
