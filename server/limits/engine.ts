// The limits engine (ADR 0016): budgets and rate limits of API keys, workspaces, providers and
// integration allocations, and the counters of limit policies, all in memory. admit() decides a
// request before any provider is called, enter() decides each target before its upstream call and
// holds its concurrency slot, settle() counts what the answer used. Nothing here runs SQL: the
// counters reach SQLite in batches (flush(), every second and at shutdown), so after a SIGKILL at
// most the last second of counting is lost.
import { AppError } from '../errors.ts';
import type { RateLimit, UsageLimits } from '../identity/auth.ts';
import type { LiveUsage, UsageLedger, UsageSubject } from '../identity/usage.ts';
import { usageSubject } from '../identity/usage.ts';
import type { BudgetEvent, BudgetInput } from './budget.ts';
import { ConcurrencyGate } from './concurrency.ts';
import { Counters, type PolicyEntity, policyBudget } from './counters.ts';
import { type CompiledPolicy, type MatchFacts, compilePolicy } from './policyMatch.ts';
import type { PolicyRepository, RatePolicy, UsagePolicy } from './policyRepository.ts';
import type { LimitsStore } from './store.ts';
import { Alerts, type AuditSink, type Owner } from './alerts.ts';
import { NO_HEADERS, budgetRefusal, rateHeaders, rateRefusal } from './refusals.ts';
import type {
  BudgetUse,
  Decision,
  LimitsCall,
  LimitsRequest,
  LimitsTarget,
  MeteredEvent,
  ProviderFacts,
  WindowUse,
} from './requestFacts.ts';
import { Ticket, type TicketEngine } from './ticket.ts';
import type { Budget } from './budget.ts';

export type { Decision, LimitsCall, LimitsRequest, LimitsTarget, MeteredEvent, ProviderFacts } from './requestFacts.ts';
export { Ticket } from './ticket.ts';

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

export class LimitsEngine implements UsageLedger, TicketEngine {
  private readonly counters: Counters;
  private readonly gates = new Map<string, ConcurrencyGate>();
  private usagePolicies: CompiledPolicy<UsagePolicy>[] = [];
  private ratePolicies: CompiledPolicy<RatePolicy>[] = [];
  private requestLevelPolicies = false;
  private targetLevelPolicies = false;
  readonly alerts: Alerts;
  private readonly monotonic: () => number;

  constructor(private readonly deps: LimitsDeps) {
    this.alerts = new Alerts(deps.audit, deps.now);
    this.monotonic = deps.monotonic ?? (() => performance.now());
    this.counters = new Counters({ store: deps.store, entities: () => deps.policies.allEntities(), alerts: this.alerts, now: deps.now });
  }

  get enabled(): boolean {
    return this.deps.features.usageLimits;
  }

  get policiesEnabled(): boolean {
    return this.deps.features.policy;
  }

  // ---- start, reset, flush ----

  /** Loads the durable counters and the policies; resets that fell due while stopped happen now. */
  load(): void {
    this.reloadPolicies();
    this.counters.load();
  }

  /** Every second: waiting requests see raised concurrency limits, due resets run, then the batch to SQLite. */
  tick(): void {
    this.refreshGates();
    this.counters.runResets(this.deps.now());
    this.counters.flush();
  }

  /** Writes what changed since the last batch, in one transaction. */
  flush(): void {
    this.counters.flush();
  }

  // ---- policies ----

  /** After a policy write: recompile the active policies (entities and counters are kept). */
  reloadPolicies(): void {
    this.usagePolicies = this.deps.policies.usage.active().map((p) => compilePolicy(p, p.conditions, p.group_by));
    this.ratePolicies = this.deps.policies.rate
      .active()
      .filter((p) => p.target === 'llm')
      .map((p) => compilePolicy(p, p.conditions, p.group_by));
    const all = [...this.usagePolicies, ...this.ratePolicies];
    this.requestLevelPolicies = all.some((c) => !c.targetLevel);
    this.targetLevelPolicies = all.some((c) => c.targetLevel);
  }

  /** Whether any active policy is matched before routing (`false`) or per target (`true`). */
  private hasPolicies(targetLevel: boolean): boolean {
    return this.deps.features.policy && (targetLevel ? this.targetLevelPolicies : this.requestLevelPolicies);
  }

  /** A usage policy's entities with their counters (the entities route and include_usage). */
  policyEntities(policy: UsagePolicy): { entity: PolicyEntity; budget: Budget }[] {
    return this.counters.policyEntities(policy);
  }

  /** Zeroes one entity of a usage policy (PUT …/entities/{id}/reset, reset_usage_for_value). */
  resetEntity(policy: UsagePolicy, entityId: string): boolean {
    return this.counters.resetEntity(policy, entityId);
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
      const keyOwner: Owner = {
        kind: 'api_key',
        id: key.id,
        name: `API key "${key.name}"`,
        organisationId: org,
        workspaceId: req.workspace.id,
      };
      if (key.usageLimits) this.counters.useBudget(budgets, usageSubject.apiKey(key.id), key.usageLimits, key.usageLimits, keyOwner, now);
      this.counters.useRateLimits(windows, `api_key:${key.id}`, key.rateLimits, keyOwner, now);
      const ws = req.workspace;
      const wsOwner: Owner = { kind: 'workspace', id: ws.id, name: `workspace "${ws.slug}"`, organisationId: org, workspaceId: ws.id };
      ws.usageLimits?.forEach((u, i) => this.counters.useBudget(budgets, usageSubject.workspace(ws.id, i), u, u, wsOwner, now));
      this.counters.useRateLimits(windows, `workspace:${ws.id}`, ws.rateLimits, wsOwner, now);
    }
    const ticket = new Ticket(this, req, call);
    if (this.hasPolicies(false)) this.usePolicies(budgets, windows, ticket.facts(), req, false, now);
    const decision = this.decide(budgets, windows, now, ticket);
    return { decision, ticket };
  }

  /** Policies of the request's organisation and workspace whose conditions match. */
  private usePolicies(
    budgets: BudgetUse[],
    windows: WindowUse[],
    facts: MatchFacts,
    req: LimitsRequest,
    targetLevel: boolean,
    now: number,
  ): void {
    const org = req.auth.organisationId;
    const wsId = req.workspace.id;
    for (const c of this.usagePolicies) {
      const p = c.policy;
      if (c.targetLevel !== targetLevel || p.organisation_id !== org || (p.workspace_id !== null && p.workspace_id !== wsId)) continue;
      if (!c.matches(facts)) continue;
      const entity = this.counters.entityOf(p, c.valueKey(facts), wsId);
      const owner: Owner = {
        kind: 'policy',
        id: p.id,
        name: `usage limit policy "${p.name}" (${entity.valueKey})`,
        organisationId: org,
        workspaceId: wsId,
        valueKey: entity.valueKey,
        entityId: entity.id,
      };
      this.counters.useBudget(budgets, `policy:${entity.id}`, p, policyBudget(p), owner, now);
    }
    for (const c of this.ratePolicies) {
      const p = c.policy;
      if (c.targetLevel !== targetLevel || p.organisation_id !== org || (p.workspace_id !== null && p.workspace_id !== wsId)) continue;
      if (!c.matches(facts)) continue;
      const valueKey = c.valueKey(facts);
      const owner: Owner = {
        kind: 'rate_policy',
        id: p.id,
        name: `rate limit policy "${p.name}" (${valueKey})`,
        organisationId: org,
        workspaceId: wsId,
        valueKey,
      };
      const key = `rate_policy:${p.id}:${valueKey}:${p.type}:${p.unit}`;
      windows.push({ key, window: this.counters.window(key, p.unit, p.value, now), owner, type: p.type, unit: p.unit });
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
      this.counters.dirtyWindows.set(use.key, use.window);
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
      const p = this.gate(
        `provider:${facts.provider.id}`,
        facts.provider.maxConcurrentRequests ?? null,
        () => this.deps.providers(ws, slug)?.provider.maxConcurrentRequests ?? null,
      );
      const i = this.gate(
        `integration:${facts.integration.id}`,
        facts.integration.maxConcurrentRequests ?? null,
        () => this.deps.providers(ws, slug)?.integration.maxConcurrentRequests ?? null,
      );
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
    ticket.enteredTarget(gates, budgets.length, windows);
    return null;
  }

  private targetLimits(
    budgets: BudgetUse[],
    windows: WindowUse[],
    ticket: Ticket,
    target: LimitsTarget,
    facts: ProviderFacts | null,
    now: number,
  ): void {
    const req = ticket.req;
    const org = req.auth.organisationId;
    const wsId = req.workspace.id;
    if (facts && this.deps.features.usageLimits) {
      const p = facts.provider;
      const owner: Owner = { kind: 'provider', id: p.id, name: `provider @${p.slug}`, organisationId: org, workspaceId: wsId };
      if (p.usageLimits) this.counters.useBudget(budgets, usageSubject.provider(p.id), p.usageLimits, p.usageLimits, owner, now);
      this.counters.useRateLimits(windows, `provider:${p.id}`, p.rateLimits, owner, now);
      const allocation = facts.integration.workspaceAllocation;
      if (allocation) {
        const i = facts.integration;
        const aOwner: Owner = {
          kind: 'allocation',
          id: `${i.id}:${wsId}`,
          name: `integration "${i.slug}" in workspace "${req.workspace.slug}"`,
          organisationId: org,
          workspaceId: wsId,
        };
        const first = allocation.usageLimits[0];
        if (first) this.counters.useBudget(budgets, usageSubject.allocation(i.id, wsId), first, first, aOwner, now);
        this.counters.useRateLimits(windows, `allocation:${i.id}:${wsId}`, allocation.rateLimits, aOwner, now);
      }
    }
    if (this.hasPolicies(true)) {
      this.usePolicies(
        budgets,
        windows,
        { ...ticket.facts(), virtual_key: target.providerSlug, ai_provider: target.spec.id || null },
        req,
        true,
        now,
      );
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
      this.targetLimits(
        budgets,
        windows,
        ticket,
        { providerSlug: event.virtual_key, label: `@${event.virtual_key}`, spec: { id: '' } },
        facts,
        now,
      );
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
        this.counters.touched(b);
      }
    }
    if (tokens > 0) {
      for (const use of ticket.tokenWindows) {
        use.window.add(now, tokens);
        this.counters.dirtyWindows.set(use.key, use.window);
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

  // ---- the control plane's view (UsageLedger) and GET /v1/usage ----

  live(subject: UsageSubject, limits: UsageLimits | null): LiveUsage | null {
    return this.counters.live(subject, limits);
  }

  reset(subject: UsageSubject): void {
    this.counters.reset(subject);
  }

  headroom(key: string, source: unknown, input: BudgetInput) {
    return this.counters.headroom(key, source, input);
  }

  rateState(prefix: string, limit: RateLimit): { used: number; remaining: number; reset_in_ms: number } {
    return this.counters.rateState(prefix, limit);
  }
}
