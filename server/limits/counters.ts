// The counters behind every limit, in memory: budgets by counter key, rate windows by window key,
// the entities of usage-limit policies, what changed since the last batch, and when the next
// periodic reset is due. load() reads them back at start; flush() writes a batch to SQLite.
import { newId } from '../ids.ts';
import { isoNow } from '../db/rows.ts';
import type { RateLimit, UsageLimits } from '../identity/auth.ts';
import type { LiveUsage, UsageSubject } from '../identity/usage.ts';
import { Budget, type BudgetInput } from './budget.ts';
import type { Alerts, Owner } from './alerts.ts';
import type { EntityRow, UsagePolicy } from './policyRepository.ts';
import type { BudgetUse, WindowUse } from './requestFacts.ts';
import { hasSchedule, nextResetAfter, startOfUtcDay } from './schedule.ts';
import { type LimitsStore, recordOf } from './store.ts';
import { SlidingWindow, WINDOW_MS, type RateUnit, type WindowState } from './windows.ts';

export interface PolicyEntity {
  id: string;
  valueKey: string;
  workspaceId: string | null;
}

export interface CountersDeps {
  store: LimitsStore;
  /** Every policy entity stored, read once at start. */
  entities: () => EntityRow[];
  alerts: Alerts;
  now: () => number;
}

export class Counters {
  private readonly budgets = new Map<string, Budget>();
  private readonly windows = new Map<string, SlidingWindow>();
  private readonly savedWindows = new Map<string, WindowState>();
  private readonly dirtyBudgets = new Set<Budget>();
  readonly dirtyWindows = new Map<string, SlidingWindow>();
  /** policy id -> value key -> entity (usage-limit policies; their counters are `policy:<entity id>`). */
  private readonly entities = new Map<string, Map<string, PolicyEntity>>();
  private newEntities: { id: string; policy_id: string; value_key: string; workspace_id: string | null; created_at: string }[] = [];
  private earliestReset = Infinity;

  constructor(private readonly deps: CountersDeps) {}

  /** A budget that changed: it goes into the next batch. */
  touched(budget: Budget): void {
    this.dirtyBudgets.add(budget);
  }

  /** Loads the durable counters, windows, policies and entities; resets that fell due while stopped happen now. */
  load(): void {
    const now = this.deps.now();
    for (const row of this.deps.store.counters()) {
      const budget = new Budget(row.counter_key, now, recordOf(row));
      this.budgets.set(row.counter_key, budget);
    }
    for (const row of this.deps.store.windows()) this.savedWindows.set(row.window_key, JSON.parse(row.state) as WindowState);
    for (const e of this.deps.entities())
      this.entityMap(e.policy_id).set(e.value_key, { id: e.id, valueKey: e.value_key, workspaceId: e.workspace_id });
    this.earliestReset = -Infinity;
    this.runResets(now);
    this.flush();
  }

  runResets(now: number): void {
    if (now < this.earliestReset) return;
    let earliest = Infinity;
    for (const budget of this.budgets.values()) {
      if (budget.nextResetAt === null) continue;
      if (budget.nextResetAt <= now) {
        budget.reset(now);
        this.dirtyBudgets.add(budget);
      }
      if (budget.nextResetAt !== null && budget.nextResetAt < earliest) earliest = budget.nextResetAt;
    }
    this.earliestReset = earliest;
  }

  noteSchedule(budget: Budget): void {
    if (budget.nextResetAt !== null && budget.nextResetAt < this.earliestReset) this.earliestReset = budget.nextResetAt;
  }

  /** Writes what changed since the last batch, in one transaction. */
  flush(): void {
    const notifications = this.deps.alerts.take();
    if (this.dirtyBudgets.size === 0 && this.dirtyWindows.size === 0 && this.newEntities.length === 0 && notifications.length === 0) return;
    const counters = [...this.dirtyBudgets].map((b) => ({ key: b.key, record: b.saved(), mirror: b.spent() }));
    const windows = [...this.dirtyWindows].map(([key, w]) => ({ key, state: w.state() }));
    const entities = this.newEntities;
    this.dirtyBudgets.clear();
    this.dirtyWindows.clear();
    this.newEntities = [];
    for (const b of counters) this.budgets.get(b.key)!.dirty = false;
    try {
      this.deps.store.write({ counters, windows, entities, notifications });
    } catch (err) {
      // Kept for the next batch: nothing counted is dropped because one write failed.
      for (const c of counters) this.dirtyBudgets.add(this.budgets.get(c.key)!);
      for (const w of windows) this.dirtyWindows.set(w.key, this.windows.get(w.key)!);
      this.newEntities.push(...entities);
      this.deps.alerts.putBack(notifications);
      throw err;
    }
  }

  private entityMap(policyId: string): Map<string, PolicyEntity> {
    let map = this.entities.get(policyId);
    if (!map) this.entities.set(policyId, (map = new Map()));
    return map;
  }

  entityOf(policy: UsagePolicy, valueKey: string, workspaceId: string): PolicyEntity {
    const map = this.entityMap(policy.id);
    let entity = map.get(valueKey);
    if (!entity) {
      entity = { id: newId(), valueKey, workspaceId };
      map.set(valueKey, entity);
      this.newEntities.push({
        id: entity.id,
        policy_id: policy.id,
        value_key: valueKey,
        workspace_id: workspaceId,
        created_at: isoNow(this.deps.now()),
      });
    }
    return entity;
  }

  /** A usage policy's entities with their counters (the entities route and include_usage). */
  policyEntities(policy: UsagePolicy): { entity: PolicyEntity; budget: Budget }[] {
    const out: { entity: PolicyEntity; budget: Budget }[] = [];
    const now = this.deps.now();
    for (const entity of this.entities.get(policy.id)?.values() ?? []) {
      const budget = this.budget(`policy:${entity.id}`, now);
      budget.reconcile(policy, policyBudget(policy), now);
      out.push({ entity, budget });
    }
    return out;
  }

  /** Zeroes one entity of a usage policy (PUT …/entities/{id}/reset, reset_usage_for_value). */
  resetEntity(policy: UsagePolicy, entityId: string): boolean {
    for (const entity of this.entities.get(policy.id)?.values() ?? []) {
      if (entity.id !== entityId && entity.valueKey !== entityId) continue;
      const budget = this.budget(`policy:${entity.id}`, this.deps.now());
      budget.reconcile(policy, policyBudget(policy), this.deps.now());
      budget.reset(this.deps.now());
      this.dirtyBudgets.add(budget);
      return true;
    }
    return false;
  }

  budget(key: string, now: number): Budget {
    let budget = this.budgets.get(key);
    if (!budget) {
      budget = new Budget(key, now);
      this.budgets.set(key, budget);
    }
    return budget;
  }

  useBudget(out: BudgetUse[], key: string, source: unknown, input: BudgetInput, owner: Owner, now: number): void {
    const budget = this.budget(key, now);
    const before = budget.nextResetAt;
    budget.reconcile(source, input, now);
    if (budget.dirty) this.dirtyBudgets.add(budget);
    if (budget.nextResetAt !== before) this.noteSchedule(budget);
    out.push({ budget, owner });
  }

  window(key: string, unit: RateUnit, limit: number, now: number): SlidingWindow {
    let window = this.windows.get(key);
    if (!window) {
      const saved = this.savedWindows.get(key);
      this.savedWindows.delete(key);
      window = new SlidingWindow(WINDOW_MS[unit], limit, now, saved);
      this.windows.set(key, window);
    }
    window.limit = limit;
    return window;
  }

  useRateLimits(out: WindowUse[], prefix: string, limits: readonly RateLimit[] | null | undefined, owner: Owner, now: number): void {
    if (!limits) return;
    for (const l of limits) {
      const unit = l.unit as RateUnit;
      if (!(unit in WINDOW_MS)) continue;
      const key = `${prefix}:${l.type}:${unit}`;
      out.push({ key, window: this.window(key, unit, l.value, now), owner, type: l.type, unit });
    }
  }

  live(subject: UsageSubject, limits: UsageLimits | null): LiveUsage | null {
    if (!limits) return null;
    const now = this.deps.now();
    const budget = this.budgets.get(subject);
    if (!budget) {
      // Nothing counted against it yet: the row says how much was used; the schedule says when it resets.
      const next = hasSchedule(limits) ? nextResetAfter(limits, now, startOfUtcDay(now)) : null;
      return { current_usage: null, status: null, last_reset_at: null, next_usage_reset_at: next === null ? null : isoNow(next) };
    }
    budget.reconcile(limits, limits, now);
    if (budget.dirty) this.dirtyBudgets.add(budget);
    this.noteSchedule(budget);
    return liveOf(budget);
  }

  reset(subject: UsageSubject): void {
    const budget = this.budgets.get(subject);
    if (!budget) return;
    budget.reset(this.deps.now());
    this.dirtyBudgets.add(budget);
  }

  /** Headroom of a budget the caller is bound by (GET /v1/usage). */
  headroom(key: string, source: unknown, input: BudgetInput) {
    const now = this.deps.now();
    const budget = this.budget(key, now);
    budget.reconcile(source, input, now);
    const def = budget.def!;
    const spent = budget.spent();
    return {
      type: def.type,
      credit_limit: def.limit,
      alert_threshold: def.alertThreshold,
      ...liveOf(budget),
      remaining: def.limit === null ? null : Math.max(0, def.limit - spent),
      in_flight: budget.inflight,
    };
  }

  /** A rate limit's state without counting anything (GET /v1/usage). */
  rateState(prefix: string, limit: RateLimit): { used: number; remaining: number; reset_in_ms: number } {
    const unit = limit.unit as RateUnit;
    const now = this.deps.now();
    const window = this.window(`${prefix}:${limit.type}:${unit}`, unit, limit.value, now);
    const used = window.used(now);
    return { used, remaining: Math.max(0, limit.value - used), reset_in_ms: window.resetIn(now) };
  }
}

export function policyBudget(p: UsagePolicy): BudgetInput {
  return {
    type: p.type,
    credit_limit: p.credit_limit,
    alert_threshold: p.alert_threshold,
    periodic_reset: p.periodic_reset,
    periodic_reset_days: p.periodic_reset_days,
    next_usage_reset_at: p.next_usage_reset_at,
  };
}

export function liveOf(b: Budget): LiveUsage & { current_usage: number; status: 'active' | 'exhausted' } {
  return {
    current_usage: b.spent(),
    status: b.status,
    last_reset_at: b.lastResetAt === null ? null : isoNow(b.lastResetAt),
    next_usage_reset_at: b.nextResetAt === null ? null : isoNow(b.nextResetAt),
  };
}
