// The limits engine (ADR 0016): budgets and rate limits of API keys, workspaces, providers and
// integration allocations, and the counters of limit policies, all in memory. admit() decides a
// request before any provider is called, enter() decides each target before its upstream call and
// holds its concurrency slot, settle() counts what the answer used. Nothing here runs SQL: the
// counters reach SQLite in batches (flush(), every second and at shutdown), so after a SIGKILL at
// most the last second of counting is lost.
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { isoNow } from '../db/rows.ts';
import type { ApiKeyAuth, RateLimit, UsageLimits } from '../identity/auth.ts';
import type { LiveUsage, UsageLedger, UsageSubject } from '../identity/usage.ts';
import { usageSubject } from '../identity/usage.ts';
import { Budget, type BudgetEvent, type BudgetInput } from './budget.ts';
import { ConcurrencyGate } from './concurrency.ts';
import { type CompiledPolicy, type MatchFacts, compilePolicy, endpointType } from './policyMatch.ts';
import type { PolicyRepository, RatePolicy, UsagePolicy } from './policyRepository.ts';
import { type LimitsStore, recordOf } from './store.ts';
import { Alerts, type AuditSink, type Owner } from './alerts.ts';
import { hasSchedule, nextResetAfter, startOfUtcDay } from './schedule.ts';
import { SlidingWindow, WINDOW_MS, type RateUnit, type WindowState, openAiDuration } from './windows.ts';

// ---- what the engine reads from the request path (structural: the gateway's types fit) ----

export interface LimitsRequest {
  id: string;
  traceId: string;
  path: string;
  endpoint: string;
  auth: ApiKeyAuth;
  workspace: { id: string; slug: string; usageLimits?: readonly UsageLimits[]; rateLimits?: readonly RateLimit[] };
  metadata: Record<string, string>;
  clientHeaders: Record<string, string | string[] | undefined>;
  timings: { queued?: number };
  abort: { signal: { aborted: boolean; addEventListener(t: 'abort', l: () => void, o?: { once?: boolean }): void; removeEventListener(t: 'abort', l: () => void): void } };
  onDone: (() => void)[];
}

export interface LimitsCall {
  body: Record<string, unknown> | null;
}

export interface LimitsTarget {
  providerSlug: string | null;
  label: string;
  spec: { id: string };
}

/** The request-log event fields that metering reads. */
export interface MeteredEvent {
  cost: number; // cents
  total_units: number;
  response_status_code: number;
  upstream_response_time: number | null;
  cache_status: string;
  virtual_key: string | null;
}

/** A catalog provider as the catalog resolves it (control-plane/catalog/resolver.ts ResolvedProvider). */
export interface ProviderFacts {
  provider: { id: string; slug: string; usageLimits: UsageLimits | null; rateLimits: RateLimit[] | null; maxConcurrentRequests?: number | null };
  integration: {
    id: string;
    slug: string;
    maxConcurrentRequests?: number | null;
    workspaceAllocation: { usageLimits: UsageLimits[]; rateLimits: RateLimit[] } | null;
  };
}

export interface LimitsDeps {
  store: LimitsStore;
  policies: PolicyRepository;
  now: () => number;
  features: { usageLimits: boolean; policy: boolean };
  /** `@slug` in a workspace, from the catalog's cache. */
  providers: (workspaceId: string, slug: string) => ProviderFacts | null;
  audit: AuditSink;
  /** How long a request waits for a concurrency slot before its 429. */
  queueTimeoutMs: number;
  /** Monotonic milliseconds, for the time a request waited in a queue. */
  monotonic?: () => number;
}

interface BudgetUse {
  budget: Budget;
  owner: Owner;
}

interface WindowUse {
  key: string;
  window: SlidingWindow;
  owner: Owner;
  type: 'requests' | 'tokens';
  unit: RateUnit;
}

export interface Decision {
  refused: AppError | null;
  headers: Record<string, string>;
}

interface PolicyEntity {
  id: string;
  valueKey: string;
  workspaceId: string | null;
}

const UNIT_WORDS: Record<RateUnit, string> = { rps: 'second', rpm: 'minute', rph: 'hour', rpd: 'day', rpw: 'week' };
const NO_HEADERS: Record<string, string> = {};

export class LimitsEngine implements UsageLedger {
  private readonly budgets = new Map<string, Budget>();
  private readonly windows = new Map<string, SlidingWindow>();
  private readonly savedWindows = new Map<string, WindowState>();
  private readonly gates = new Map<string, ConcurrencyGate>();
  private readonly dirtyBudgets = new Set<Budget>();
  private readonly dirtyWindows = new Map<string, SlidingWindow>();
  /** policy id -> value key -> entity (usage-limit policies; their counters are `policy:<entity id>`). */
  private readonly entities = new Map<string, Map<string, PolicyEntity>>();
  private newEntities: { id: string; policy_id: string; value_key: string; workspace_id: string | null; created_at: string }[] = [];
  private usagePolicies: CompiledPolicy<UsagePolicy>[] = [];
  private ratePolicies: CompiledPolicy<RatePolicy>[] = [];
  private earliestReset = Infinity;
  readonly alerts: Alerts;
  private readonly monotonic: () => number;

  constructor(private readonly deps: LimitsDeps) {
    this.alerts = new Alerts(deps.audit, deps.now);
    this.monotonic = deps.monotonic ?? (() => performance.now());
  }

  get enabled(): boolean {
    return this.deps.features.usageLimits;
  }

  get policiesEnabled(): boolean {
    return this.deps.features.policy;
  }

  // ---- start, reset, flush ----

  /** Loads the durable counters, windows, policies and entities; resets that fell due while stopped happen now. */
  load(): void {
    const now = this.deps.now();
    for (const row of this.deps.store.counters()) {
      const budget = new Budget(row.counter_key, now, recordOf(row));
      this.budgets.set(row.counter_key, budget);
    }
    for (const row of this.deps.store.windows()) this.savedWindows.set(row.window_key, JSON.parse(row.state) as WindowState);
    for (const e of this.deps.policies.allEntities()) this.entityMap(e.policy_id).set(e.value_key, { id: e.id, valueKey: e.value_key, workspaceId: e.workspace_id });
    this.reloadPolicies();
    this.earliestReset = -Infinity;
    this.runResets(now);
    this.flush();
  }

  /** Every second: periodic resets that are due, then the batch to SQLite. */
  tick(): void {
    this.refreshGates();
    this.runResets(this.deps.now());
    this.flush();
  }

  private runResets(now: number): void {
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

  private noteSchedule(budget: Budget): void {
    if (budget.nextResetAt !== null && budget.nextResetAt < this.earliestReset) this.earliestReset = budget.nextResetAt;
  }

  /** Writes what changed since the last batch, in one transaction. */
  flush(): void {
    const notifications = this.alerts.take();
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
      this.alerts.putBack(notifications);
      throw err;
    }
  }

  // ---- policies ----

  /** After a policy write: recompile the active policies (entities and counters are kept). */
  reloadPolicies(): void {
    this.usagePolicies = this.deps.policies.usage.active().map((p) => compilePolicy(p, p.conditions, p.group_by));
    this.ratePolicies = this.deps.policies.rate
      .active()
      .filter((p) => p.target === 'llm')
      .map((p) => compilePolicy(p, p.conditions, p.group_by));
  }

  private hasPolicies(): boolean {
    return this.deps.features.policy && (this.usagePolicies.length > 0 || this.ratePolicies.length > 0);
  }

  private entityMap(policyId: string): Map<string, PolicyEntity> {
    let map = this.entities.get(policyId);
    if (!map) this.entities.set(policyId, (map = new Map()));
    return map;
  }

  private entityOf(policy: UsagePolicy, valueKey: string, workspaceId: string): PolicyEntity {
    const map = this.entityMap(policy.id);
    let entity = map.get(valueKey);
    if (!entity) {
      entity = { id: newId(), valueKey, workspaceId };
      map.set(valueKey, entity);
      this.newEntities.push({ id: entity.id, policy_id: policy.id, value_key: valueKey, workspace_id: workspaceId, created_at: isoNow(this.deps.now()) });
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

  // ---- counters ----

  private budget(key: string, now: number): Budget {
    let budget = this.budgets.get(key);
    if (!budget) {
      budget = new Budget(key, now);
      this.budgets.set(key, budget);
    }
    return budget;
  }

  private useBudget(out: BudgetUse[], key: string, source: unknown, input: BudgetInput, owner: Owner, now: number): void {
    const budget = this.budget(key, now);
    const before = budget.nextResetAt;
    budget.reconcile(source, input, now);
    if (budget.dirty) this.dirtyBudgets.add(budget);
    if (budget.nextResetAt !== before) this.noteSchedule(budget);
    out.push({ budget, owner });
  }

  private window(key: string, unit: RateUnit, limit: number, now: number): SlidingWindow {
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

  private useRateLimits(out: WindowUse[], prefix: string, limits: readonly RateLimit[] | null | undefined, owner: Owner, now: number): void {
    if (!limits) return;
    for (const l of limits) {
      const unit = l.unit as RateUnit;
      if (!(unit in WINDOW_MS)) continue;
      const key = `${prefix}:${l.type}:${unit}`;
      out.push({ key, window: this.window(key, unit, l.value, now), owner, type: l.type, unit });
    }
  }

  // ---- the request path ----

  /** Once per request, before routing: the key's, the workspace's and the request-level policies' limits. */
  admit(req: LimitsRequest, call: LimitsCall): { decision: Decision; ticket: Ticket } {
    const now = this.deps.now();
    const budgets: BudgetUse[] = [];
    const windows: WindowUse[] = [];
    const org = req.auth.organisationId;
    if (this.deps.features.usageLimits) {
      const key = req.auth.key;
      const keyOwner: Owner = { kind: 'api_key', id: key.id, name: `API key "${key.name}"`, organisationId: org, workspaceId: req.workspace.id };
      if (key.usageLimits) this.useBudget(budgets, usageSubject.apiKey(key.id), key.usageLimits, key.usageLimits, keyOwner, now);
      this.useRateLimits(windows, `api_key:${key.id}`, key.rateLimits, keyOwner, now);
      const ws = req.workspace;
      const wsOwner: Owner = { kind: 'workspace', id: ws.id, name: `workspace "${ws.slug}"`, organisationId: org, workspaceId: ws.id };
      ws.usageLimits?.forEach((u, i) => this.useBudget(budgets, usageSubject.workspace(ws.id, i), u, u, wsOwner, now));
      this.useRateLimits(windows, `workspace:${ws.id}`, ws.rateLimits, wsOwner, now);
    }
    const ticket = new Ticket(this, req, call);
    if (this.hasPolicies()) this.usePolicies(budgets, windows, ticket.facts(), req, false, now);
    const decision = this.decide(budgets, windows, now, ticket);
    return { decision, ticket };
  }

  /** Policies of the request's organisation and workspace whose conditions match. */
  private usePolicies(budgets: BudgetUse[], windows: WindowUse[], facts: MatchFacts, req: LimitsRequest, targetLevel: boolean, now: number): void {
    const org = req.auth.organisationId;
    const wsId = req.workspace.id;
    for (const c of this.usagePolicies) {
      const p = c.policy;
      if (c.targetLevel !== targetLevel || p.organisation_id !== org || (p.workspace_id !== null && p.workspace_id !== wsId)) continue;
      if (!c.matches(facts)) continue;
      const entity = this.entityOf(p, c.valueKey(facts), wsId);
      const owner: Owner = { kind: 'policy', id: p.id, name: `usage limit policy "${p.name}" (${entity.valueKey})`, organisationId: org, workspaceId: wsId, valueKey: entity.valueKey, entityId: entity.id };
      this.useBudget(budgets, `policy:${entity.id}`, p, policyBudget(p), owner, now);
    }
    for (const c of this.ratePolicies) {
      const p = c.policy;
      if (c.targetLevel !== targetLevel || p.organisation_id !== org || (p.workspace_id !== null && p.workspace_id !== wsId)) continue;
      if (!c.matches(facts)) continue;
      const valueKey = c.valueKey(facts);
      const owner: Owner = { kind: 'rate_policy', id: p.id, name: `rate limit policy "${p.name}" (${valueKey})`, organisationId: org, workspaceId: wsId, valueKey };
      const key = `rate_policy:${p.id}:${valueKey}:${p.type}:${p.unit}`;
      windows.push({ key, window: this.window(key, p.unit, p.value, now), owner, type: p.type, unit: p.unit });
    }
  }

  /** Checks everything first, then counts the request in every window and budget: a refusal counts nowhere. */
  private decide(budgets: BudgetUse[], windows: WindowUse[], now: number, ticket: Ticket): Decision {
    for (const use of budgets) {
      if (use.budget.exhausted()) return { refused: budgetRefusal(use), headers: NO_HEADERS };
    }
    let worst: { use: WindowUse; wait: number } | null = null;
    for (const use of windows) {
      const wait = use.window.waitFor(now, 1);
      if (wait > 0 && (!worst || wait > worst.wait)) worst = { use, wait };
    }
    if (worst) return rateRefusal(worst.use, worst.wait, now);
    for (const use of windows) {
      if (use.type === 'requests') use.window.add(now, 1);
      else ticket.tokenWindows.push(use);
      this.dirtyWindows.set(use.key, use.window);
    }
    for (const use of budgets) {
      use.budget.inflight += 1;
      ticket.budgets.push(use);
    }
    return { refused: null, headers: windows.length ? rateHeaders(windows, now) : NO_HEADERS };
  }

  /** Before each upstream call: the provider's and allocation's limits and target-level policies, then concurrency. */
  async enter(ticket: Ticket, target: LimitsTarget): Promise<AppError | null> {
    ticket.leaveTarget();
    const req = ticket.req;
    const facts = target.providerSlug ? this.deps.providers(req.workspace.id, target.providerSlug) : null;
    const gates: ConcurrencyGate[] = [];
    if (facts) {
      const ws = req.workspace.id;
      const slug = facts.provider.slug;
      const p = this.gate(`provider:${facts.provider.id}`, facts.provider.maxConcurrentRequests ?? null, () => this.deps.providers(ws, slug)?.provider.maxConcurrentRequests ?? null);
      const i = this.gate(`integration:${facts.integration.id}`, facts.integration.maxConcurrentRequests ?? null, () => this.deps.providers(ws, slug)?.integration.maxConcurrentRequests ?? null);
      for (const [gate, what] of [
        [p, `provider @${facts.provider.slug}`],
        [i, `integration "${facts.integration.slug}"`],
      ] as const) {
        if (!gate) continue;
        if (!gate.tryEnter()) {
          const entry = await gate.enter(this.deps.queueTimeoutMs, req.abort.signal, this.monotonic);
          req.timings.queued = (req.timings.queued ?? 0) + entry.waitedMs;
          if (!entry.ok) {
            gates.forEach((g) => g.release());
            return entry.why === 'aborted'
              ? AppError.fromStatus(499, 'The client closed the connection while the request waited for a concurrency slot')
              : AppError.fromStatus(
                  429,
                  `Portkey Error: ${what} is at its max_concurrent_requests (${gate.limit}) and the request waited ${Math.round(entry.waitedMs)} ms for a slot without getting one`,
                  { type: 'rate_limit_error', code: 'concurrency_limit_exceeded' },
                );
          }
        }
        gates.push(gate);
      }
    }
    const now = this.deps.now();
    const budgets: BudgetUse[] = [];
    const windows: WindowUse[] = [];
    this.targetLimits(budgets, windows, ticket, target, facts, now);
    const decision = this.decide(budgets, windows, now, ticket);
    if (decision.refused) {
      gates.forEach((g) => g.release());
      return decision.refused;
    }
    ticket.enteredTarget(target.providerSlug, gates, budgets.length, windows);
    return null;
  }

  private targetLimits(budgets: BudgetUse[], windows: WindowUse[], ticket: Ticket, target: LimitsTarget, facts: ProviderFacts | null, now: number): void {
    const req = ticket.req;
    const org = req.auth.organisationId;
    const wsId = req.workspace.id;
    if (facts && this.deps.features.usageLimits) {
      const p = facts.provider;
      const owner: Owner = { kind: 'provider', id: p.id, name: `provider @${p.slug}`, organisationId: org, workspaceId: wsId };
      if (p.usageLimits) this.useBudget(budgets, usageSubject.provider(p.id), p.usageLimits, p.usageLimits, owner, now);
      this.useRateLimits(windows, `provider:${p.id}`, p.rateLimits, owner, now);
      const allocation = facts.integration.workspaceAllocation;
      if (allocation) {
        const i = facts.integration;
        const aOwner: Owner = { kind: 'allocation', id: `${i.id}:${wsId}`, name: `integration "${i.slug}" in workspace "${req.workspace.slug}"`, organisationId: org, workspaceId: wsId };
        const first = allocation.usageLimits[0];
        if (first) this.useBudget(budgets, usageSubject.allocation(i.id, wsId), first, first, aOwner, now);
        this.useRateLimits(windows, `allocation:${i.id}:${wsId}`, allocation.rateLimits, aOwner, now);
      }
    }
    if (this.hasPolicies()) {
      this.usePolicies(budgets, windows, { ...ticket.facts(), virtual_key: target.providerSlug, ai_provider: target.spec.id || null }, req, true, now);
    }
  }

  private gate(key: string, limit: number | null, current: () => number | null): ConcurrencyGate | null {
    let gate = this.gates.get(key);
    if (!gate) {
      if (limit === null) return null;
      gate = new ConcurrencyGate(limit);
      this.gates.set(key, gate);
    }
    gate.current = current;
    if (gate.limit !== limit) {
      gate.limit = limit;
      gate.drain();
    }
    return gate;
  }

  /** A limit raised (or removed) while requests wait lets them in without waiting for a new request. */
  private refreshGates(): void {
    for (const gate of this.gates.values()) {
      if (gate.queued === 0 || !gate.current) continue;
      const limit = gate.current();
      if (limit !== gate.limit) {
        gate.limit = limit;
        gate.drain();
      }
    }
  }

  /** What one finished request used, added to every budget and token window it was admitted against. */
  meter(ticket: Ticket, event: MeteredEvent): void {
    const counted = event.upstream_response_time !== null || event.cache_status === 'HIT' || event.cache_status === 'SEMANTIC HIT';
    const now = this.deps.now();
    // A cache hit never entered a target: its provider's budgets count it too.
    if (counted && !ticket.targetEntered && event.virtual_key) {
      const budgets: BudgetUse[] = [];
      const windows: WindowUse[] = [];
      const facts = this.deps.providers(ticket.req.workspace.id, event.virtual_key);
      this.targetLimits(budgets, windows, ticket, { providerSlug: event.virtual_key, label: `@${event.virtual_key}`, spec: { id: '' } }, facts, now);
      for (const b of budgets) {
        b.budget.inflight += 1;
        ticket.budgets.push(b);
      }
      for (const w of windows) if (w.type === 'tokens') ticket.tokenWindows.push(w);
    }
    const cost = counted ? event.cost / 100 : 0;
    const tokens = counted ? event.total_units : 0;
    const events: BudgetEvent[] = [];
    for (const use of ticket.budgets) {
      const b = use.budget;
      b.inflight = Math.max(0, b.inflight - 1);
      if (counted) {
        b.record(cost, tokens, 1, events);
        this.dirtyBudgets.add(b);
      }
    }
    if (tokens > 0) {
      for (const use of ticket.tokenWindows) {
        use.window.add(now, tokens);
        this.dirtyWindows.set(use.key, use.window);
      }
    }
    for (const e of events) {
      const owner = ticket.budgets.find((u) => u.budget === e.budget)!.owner;
      this.alerts.crossed(e, owner, ticket.req, event.response_status_code);
    }
  }

  /** The request ended without being metered (it failed before its log event): release what it held. */
  unmeter(ticket: Ticket): void {
    for (const use of ticket.budgets) use.budget.inflight = Math.max(0, use.budget.inflight - 1);
  }

  // ---- the control plane's view (UsageLedger) ----

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

/** One admitted request's hold on the engine: its budgets, its token windows, its target's slots. */
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
    private readonly engine: LimitsEngine,
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

  enteredTarget(_slug: string | null, slots: ConcurrencyGate[], budgets: number, windows: WindowUse[]): void {
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

function policyBudget(p: UsagePolicy): BudgetInput {
  return {
    type: p.type,
    credit_limit: p.credit_limit,
    alert_threshold: p.alert_threshold,
    periodic_reset: p.periodic_reset,
    periodic_reset_days: p.periodic_reset_days,
    next_usage_reset_at: p.next_usage_reset_at,
  };
}

function liveOf(b: Budget): LiveUsage & { current_usage: number; status: 'active' | 'exhausted' } {
  const type = b.def?.type ?? 'cost';
  return {
    current_usage: b.spent(),
    status: b.status,
    last_reset_at: b.lastResetAt === null ? null : isoNow(b.lastResetAt),
    next_usage_reset_at: b.nextResetAt === null ? null : isoNow(b.nextResetAt),
  };
}

/** The request's facts for policy conditions (spec §2.8). */
function matchFacts(req: LimitsRequest, call: LimitsCall): MatchFacts {
  const header = req.clientHeaders['x-portkey-config'];
  const named = typeof header === 'string' && header.trim() && !header.trim().startsWith('{') ? header.trim() : null;
  const model = call.body?.model;
  return {
    api_key: req.auth.key.id,
    workspace_id: req.workspace.id,
    workspace_slug: req.workspace.slug,
    metadata: req.metadata,
    model: typeof model === 'string' ? model : null,
    endpoint_type: endpointType(req.endpoint, req.path),
    config: named ?? req.auth.key.defaults.config_id ?? null,
    prompt: null,
  };
}

function money(usd: number): string {
  return `$${usd < 10 ? usd.toFixed(4).replace(/0{1,2}$/, '') : usd.toFixed(2)}`;
}

export function amount(type: string, value: number): string {
  return type === 'cost' ? money(value) : `${Math.round(value)} ${type}`;
}

function budgetRefusal({ budget, owner }: BudgetUse): AppError {
  const def = budget.def!;
  const used = amount(def.type, budget.spent());
  const resets = budget.nextResetAt === null ? 'It does not reset by itself' : `It resets at ${isoNow(budget.nextResetAt)}`;
  const how =
    owner.kind === 'policy'
      ? 'an admin can raise the policy\'s credit_limit or reset this entity (PUT /v1/policies/usage-limits/{id}/entities/{entityId}/reset)'
      : 'an admin can raise its usage_limits.credit_limit or send reset_usage: true';
  return AppError.fromStatus(412, `Portkey Error: budget of ${owner.name} is exhausted: ${used} of ${amount(def.type, def.limit!)} used. ${resets}; ${how}.`, {
    type: 'budget_exceeded',
    code: 'budget_exhausted',
  });
}

function rateRefusal(use: WindowUse, waitMs: number, now: number): Decision {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const what = use.type === 'requests' ? 'requests' : 'tokens';
  const error = AppError.fromStatus(
    429,
    `Portkey Error: rate limit of ${use.owner.name} reached: ${use.window.limit} ${what} per ${UNIT_WORDS[use.unit]}. Retry after ${seconds} s.`,
    { type: 'rate_limit_error', code: 'rate_limit_exceeded' },
  );
  const used = use.window.used(now);
  return {
    refused: error,
    headers: {
      'retry-after': String(seconds),
      'retry-after-ms': String(Math.ceil(waitMs)),
      [`x-ratelimit-limit-${what}`]: String(use.window.limit),
      [`x-ratelimit-remaining-${what}`]: String(Math.max(0, Math.floor(use.window.limit - used))),
      [`x-ratelimit-reset-${what}`]: openAiDuration(waitMs),
    },
  };
}

/** OpenAI's x-ratelimit-* headers for the tightest request and token windows that apply. */
function rateHeaders(windows: WindowUse[], now: number): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const type of ['requests', 'tokens'] as const) {
    let tightest: { use: WindowUse; remaining: number } | null = null;
    for (const use of windows) {
      if (use.type !== type) continue;
      const remaining = Math.max(0, use.window.limit - use.window.used(now));
      if (!tightest || remaining < tightest.remaining) tightest = { use, remaining };
    }
    if (!tightest) continue;
    headers[`x-ratelimit-limit-${type}`] = String(tightest.use.window.limit);
    headers[`x-ratelimit-remaining-${type}`] = String(Math.floor(tightest.remaining));
    headers[`x-ratelimit-reset-${type}`] = openAiDuration(tightest.use.window.resetIn(now));
  }
  return headers;
}
