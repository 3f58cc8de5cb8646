// One budget's counter: cost (USD), tokens and requests since its last reset, its status, the alert
// flags, and its reset schedule. The engine reconciles it with the definition the control plane
// holds now (a raised limit reactivates it and re-arms the alerts) and records what requests used.
import { type ResetSchedule, hasSchedule, nextResetAfter, scheduleSignature, startOfUtcDay } from './schedule.ts';

export type BudgetType = 'cost' | 'tokens' | 'requests';

export interface BudgetDef {
  type: BudgetType;
  /** null: no limit (the budget only counts). */
  limit: number | null;
  alertThreshold: number | null;
  schedule: ResetSchedule;
}

/** What the control plane stores (api keys, workspaces, providers, allocations, policies). */
export interface BudgetInput extends ResetSchedule {
  credit_limit?: number | null;
  type?: string | null;
  alert_threshold?: number | null;
}

export function budgetDef(input: BudgetInput): BudgetDef {
  return {
    type: input.type === 'tokens' ? 'tokens' : input.type === 'requests' ? 'requests' : 'cost',
    limit: input.credit_limit ?? null,
    alertThreshold: input.alert_threshold ?? null,
    schedule: {
      periodic_reset: input.periodic_reset ?? null,
      periodic_reset_days: input.periodic_reset_days ?? null,
      next_usage_reset_at: input.next_usage_reset_at ?? null,
    },
  };
}

function sameDef(a: BudgetDef, b: BudgetDef): boolean {
  return (
    a.type === b.type &&
    a.limit === b.limit &&
    a.alertThreshold === b.alertThreshold &&
    scheduleSignature(a.schedule) === scheduleSignature(b.schedule)
  );
}

export interface BudgetEvent {
  kind: 'threshold' | 'exhausted';
  budget: Budget;
  usage: number;
  /** The limit for `exhausted`, the alert threshold for `threshold`. */
  at: number;
}

/** The stored form of a counter (store.ts). */
export interface BudgetRecord {
  cost: number;
  tokens: number;
  requests: number;
  status: 'active' | 'exhausted';
  thresholdSent: boolean;
  exhaustedSent: boolean;
  lastResetAt: number | null;
  nextResetAt: number | null;
  anchor: number;
  def: BudgetDef | null;
}

export class Budget {
  cost = 0;
  tokens = 0;
  requests = 0;
  /** Requests admitted against this budget that have not finished yet (they count as requests). */
  inflight = 0;
  status: 'active' | 'exhausted' = 'active';
  thresholdSent = false;
  exhaustedSent = false;
  lastResetAt: number | null = null;
  nextResetAt: number | null = null;
  /** UTC midnight the every-N-days cadence counts from. */
  anchor: number;
  def: BudgetDef | null = null;
  /** The control plane's object last reconciled: the same object means nothing changed. */
  private source: unknown = null;
  /** Changed since it was last saved. */
  dirty = true;

  constructor(
    /** Counter key (identity/usage.ts subjects, or `policy:<entity id>`). */
    readonly key: string,
    now: number,
    saved?: BudgetRecord,
  ) {
    this.anchor = startOfUtcDay(now);
    if (saved) {
      Object.assign(this, saved);
      this.dirty = false;
    }
  }

  /** Usage in the budget's own unit. */
  usage(type: BudgetType = this.def?.type ?? 'cost'): number {
    return type === 'cost' ? this.cost : type === 'tokens' ? this.tokens : this.requests + this.inflight;
  }

  /** Follows the definition the control plane holds now; `source` is its cached object. */
  reconcile(source: unknown, input: BudgetInput, now: number): void {
    if (source === this.source && this.def) return;
    this.source = source;
    const def = budgetDef(input);
    const old = this.def;
    if (old && sameDef(old, def)) return;
    this.def = def;
    this.dirty = true;
    if (!old || scheduleSignature(old.schedule) !== scheduleSignature(def.schedule)) {
      this.nextResetAt = hasSchedule(def.schedule) ? nextResetAfter(def.schedule, now, this.anchor) : null;
    }
    if (!old) {
      this.settleStatus();
      return;
    }
    // Raising (or removing) the limit re-arms both alerts; raising or clearing the threshold re-arms
    // its own (changelog v1.11.0). A raised limit above the usage reactivates the budget (v1.7.0).
    const raised = def.limit === null || (old.limit !== null && def.limit > old.limit) || def.type !== old.type;
    if (raised) {
      this.thresholdSent = false;
      this.exhaustedSent = false;
    }
    if (def.alertThreshold === null || (old.alertThreshold !== null && def.alertThreshold > old.alertThreshold)) {
      this.thresholdSent = false;
    }
    this.settleStatus();
  }

  /** exhausted exactly when the usage has reached the limit. */
  private settleStatus(): void {
    const limit = this.def?.limit ?? null;
    const next = limit !== null && this.usage() >= limit ? 'exhausted' : 'active';
    if (next !== this.status) {
      this.status = next;
      this.dirty = true;
    }
  }

  /** What finished requests used, in the budget's unit (requests still running left out). */
  spent(): number {
    const type = this.def?.type ?? 'cost';
    return type === 'cost' ? this.cost : type === 'tokens' ? this.tokens : this.requests;
  }

  /** Whether a new request must be refused. */
  exhausted(): boolean {
    const limit = this.def?.limit ?? null;
    return limit !== null && (this.status === 'exhausted' || this.usage() >= limit);
  }

  /** Adds what one finished request used; returns the alerts it crossed. */
  record(cost: number, tokens: number, requests: number, out: BudgetEvent[]): void {
    this.cost += cost;
    this.tokens += tokens;
    this.requests += requests;
    this.dirty = true;
    const def = this.def;
    if (!def) return;
    const usage = this.usage();
    if (def.alertThreshold !== null && !this.thresholdSent && usage >= def.alertThreshold) {
      this.thresholdSent = true;
      out.push({ kind: 'threshold', budget: this, usage, at: def.alertThreshold });
    }
    if (def.limit !== null && usage >= def.limit && this.status !== 'exhausted') {
      this.status = 'exhausted';
      if (!this.exhaustedSent) {
        this.exhaustedSent = true;
        out.push({ kind: 'exhausted', budget: this, usage, at: def.limit });
      }
    }
  }

  /** A new period (or reset_usage): zero, active, alerts re-armed, next reset scheduled. */
  reset(now: number): void {
    this.cost = 0;
    this.tokens = 0;
    this.requests = 0;
    this.status = 'active';
    this.thresholdSent = false;
    this.exhaustedSent = false;
    this.lastResetAt = now;
    if (this.def && hasSchedule(this.def.schedule)) this.nextResetAt = nextResetAfter(this.def.schedule, now, this.anchor);
    this.dirty = true;
  }

  saved(): BudgetRecord {
    return {
      cost: this.cost,
      tokens: this.tokens,
      requests: this.requests,
      status: this.status,
      thresholdSent: this.thresholdSent,
      exhaustedSent: this.exhaustedSent,
      lastResetAt: this.lastResetAt,
      nextResetAt: this.nextResetAt,
      anchor: this.anchor,
      def: this.def,
    };
  }
}
