// One admitted request's hold on the limits engine: the budgets and token windows it counts
// against, the concurrency slots of the target it is at, and whether it was metered yet. The
// gateway keeps it on the request's context (ctx.limits) and calls enter() and settle() on it.
import type { AppError } from '../errors.ts';
import type { ConcurrencyGate } from './concurrency.ts';
import type { MatchFacts } from './policyMatch.ts';
import {
  type BudgetUse,
  type LimitsCall,
  type LimitsRequest,
  type LimitsTarget,
  type MeteredEvent,
  type WindowUse,
  matchFacts,
} from './requestFacts.ts';

/** What a ticket asks of the engine that issued it. */
export interface TicketEngine {
  enter(ticket: Ticket, target: LimitsTarget): Promise<AppError | null>;
  meter(ticket: Ticket, event: MeteredEvent): void;
  unmeter(ticket: Ticket): void;
}

export class Ticket {
  budgets: BudgetUse[] = [];
  tokenWindows: WindowUse[] = [];
  private slots: ConcurrencyGate[] = [];
  /** How many of `budgets` / `tokenWindows` belong to the current target (they follow the request-level ones). */
  private targetBudgets = 0;
  private targetWindows = 0;
  targetEntered = false;
  private settled = false;
  private matched: MatchFacts | null = null;

  constructor(
    private readonly engine: TicketEngine,
    readonly req: LimitsRequest,
    private readonly call: LimitsCall,
  ) {}

  /** The request's facts for policy conditions, worked out once. */
  facts(): MatchFacts {
    return (this.matched ??= matchFacts(this.req, this.call));
  }

  enter(target: LimitsTarget): Promise<AppError | null> {
    return this.engine.enter(this, target);
  }

  /** A fallback moves to another target: the last one's slots and limits are let go. */
  leaveTarget(): void {
    for (const g of this.slots) g.release();
    this.slots = [];
    const dropped = this.budgets.splice(this.budgets.length - this.targetBudgets, this.targetBudgets);
    for (const use of dropped) use.budget.inflight = Math.max(0, use.budget.inflight - 1);
    this.tokenWindows.splice(this.tokenWindows.length - this.targetWindows, this.targetWindows);
    this.targetBudgets = 0;
    this.targetWindows = 0;
  }

  enteredTarget(slots: ConcurrencyGate[], budgets: number, windows: WindowUse[]): void {
    this.slots = slots;
    this.targetBudgets = budgets;
    this.targetWindows = windows.filter((w) => w.type === 'tokens').length;
    this.targetEntered = true;
  }

  settle(event: MeteredEvent): void {
    if (this.settled) return;
    this.settled = true;
    this.engine.meter(this, event);
  }

  /** When the request is over (ctx.onDone): slots back, and a request that was never metered lets go. */
  release(): void {
    for (const g of this.slots) g.release();
    this.slots = [];
    if (!this.settled) {
      this.settled = true;
      this.engine.unmeter(this);
    }
  }
}
