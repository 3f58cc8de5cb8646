// How policies read in the Admin API: the stored definition, whether POLICY_ENABLED lets it be
// enforced, and, for usage-limit policies, the usage of each entity (include_usage=true).
import { isoNow } from '../db/rows.ts';
import type { LimitsEngine } from './engine.ts';
import type { RatePolicy, UsagePolicy } from './policyRepository.ts';

export const POLICY_OBJECT = { usage: 'usage_limit_policy', rate: 'rate_limit_policy' } as const;

export function usageView(engine: LimitsEngine, p: UsagePolicy, includeUsage = false) {
  const entities = engine.policyEntities(p);
  const lastReset = entities.reduce<number | null>(
    (max, e) => (e.budget.lastResetAt !== null && (max === null || e.budget.lastResetAt > max) ? e.budget.lastResetAt : max),
    null,
  );
  const next = entities.find((e) => e.budget.nextResetAt !== null)?.budget.nextResetAt ?? null;
  return {
    id: p.id,
    object: POLICY_OBJECT.usage,
    name: p.name,
    description: p.description,
    organisation_id: p.organisation_id,
    workspace_id: p.workspace_id,
    conditions: p.conditions,
    group_by: p.group_by,
    type: p.type,
    credit_limit: p.credit_limit,
    alert_threshold: p.alert_threshold,
    periodic_reset: p.periodic_reset,
    periodic_reset_days: p.periodic_reset_days,
    next_usage_reset_at: p.next_usage_reset_at ?? (next === null ? null : isoNow(next)),
    last_reset_at: lastReset === null ? null : isoNow(lastReset),
    status: p.status,
    enforced: engine.policiesEnabled,
    created_at: p.created_at,
    last_updated_at: p.last_updated_at,
    ...(includeUsage
      ? {
          value_key_usage_map: Object.fromEntries(
            entities.map(({ entity, budget }) => [
              entity.valueKey,
              {
                id: entity.id,
                current_usage: budget.spent(),
                status: budget.status,
                is_threshold_alerts_sent: budget.thresholdSent,
                is_exhausted_alerts_sent: budget.exhaustedSent,
              },
            ]),
          ),
        }
      : {}),
  };
}

export function rateView(engine: LimitsEngine, p: RatePolicy) {
  return {
    id: p.id,
    object: POLICY_OBJECT.rate,
    name: p.name,
    description: p.description,
    organisation_id: p.organisation_id,
    workspace_id: p.workspace_id,
    target: p.target,
    conditions: p.conditions,
    group_by: p.group_by,
    type: p.type,
    unit: p.unit,
    value: p.value,
    status: p.status,
    enforced: engine.policiesEnabled,
    created_at: p.created_at,
    last_updated_at: p.last_updated_at,
  };
}
