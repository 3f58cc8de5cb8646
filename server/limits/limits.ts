// The limits domain put together: the durable store, the policies, the engine (loaded, with the
// resets that fell due while the appliance was stopped done at once), the gateway's limits stage,
// the Admin API's policy and self-service parts, and the once-a-second worker.
import type { Sqlite } from '../db/sqlite.ts';
import type { UsageLimits, RateLimit } from '../identity/auth.ts';
import { type AuditSink } from './alerts.ts';
import { LimitsEngine, type LimitsCall, type LimitsRequest, type ProviderFacts, type Decision } from './engine.ts';
import { policyRepository } from './policyRepository.ts';
import { policyService, type WorkspaceLookup } from './policyService.ts';
import { selfService } from './selfService.ts';
import { limitsStore } from './store.ts';

export interface LimitsDomainDeps {
  db: Sqlite;
  now: () => number;
  features: { usageLimits: boolean; policy: boolean };
  /** CONCURRENCY_QUEUE_TIMEOUT_MS: how long a request waits for a concurrency slot. */
  queueTimeoutMs: number;
  /** `@slug` in a workspace, resolved by the catalog (from its cache). */
  providers: (workspaceId: string, slug: string) => ProviderFacts | null;
  providerSlugs: (workspaceId: string) => string[];
  /** The gateway's workspace cache. */
  workspace: (id: string) => {
    id: string;
    slug: string;
    usageLimits: UsageLimits[];
    rateLimits: RateLimit[];
    defaults: { metadata?: Record<string, string> };
  } | null;
  workspaces: WorkspaceLookup;
  audit: AuditSink;
}

/** The gateway's limits stage (gateway/limits.ts GatewayLimits): admit, and hand the ticket over. */
function gatewayStage(engine: LimitsEngine) {
  return {
    admit(req: LimitsRequest, call: LimitsCall): Decision & { request: ReturnType<LimitsEngine['admit']>['ticket'] | null } {
      const { decision, ticket } = engine.admit(req, call);
      if (decision.refused) return { ...decision, request: null };
      req.onDone.push(() => ticket.release());
      return { ...decision, request: ticket };
    },
  };
}

export function limitsDomain(deps: LimitsDomainDeps) {
  const store = limitsStore(deps.db, deps.now);
  const policies = policyRepository(deps.db);
  const engine = new LimitsEngine({
    store,
    policies,
    now: deps.now,
    features: deps.features,
    providers: deps.providers,
    audit: deps.audit,
    queueTimeoutMs: deps.queueTimeoutMs,
  });
  engine.load();
  return {
    engine,
    gateway: gatewayStage(engine),
    policies: policyService({ repo: policies, engine, workspaces: deps.workspaces, now: deps.now }),
    self: selfService({
      engine,
      store,
      policies,
      workspace: deps.workspace,
      providerSlugs: deps.providerSlugs,
      providers: deps.providers,
    }),
  };
}

export type LimitsDomain = ReturnType<typeof limitsDomain>;

export const LIMITS_TICK_MS = 1000;

/**
 * Once a second: due resets, then the batch to SQLite. stop() writes the last batch, so a clean
 * shutdown loses nothing; a SIGKILL loses at most what was counted since the last tick.
 */
export function startLimitsWorker(
  engine: LimitsEngine,
  options: { intervalMs?: number; log: { error(details: object, message: string): void } },
) {
  const tick = () => {
    try {
      engine.tick();
    } catch (err) {
      options.log.error({ err }, 'writing usage counters failed; they stay in memory for the next batch');
    }
  };
  const timer = setInterval(tick, options.intervalMs ?? LIMITS_TICK_MS);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      tick();
    },
  };
}
