// How an API key reads in the Admin API (Portkey's key object, spec §2.1), secrets masked.
import { parseJson } from '../../db/rows.ts';
import type { KeyDefaults, RateLimit, UsageLimits } from '../../identity/auth.ts';
import { storedSchedule } from './lifecycle.ts';
import { type UsageLedger, usageSubject } from '../../identity/usage.ts';
import type { ApiKeyRow, ApiKeyViewRow } from './repository.ts';

function rotationPolicyView(row: ApiKeyRow) {
  const schedule = storedSchedule(row);
  if (!schedule) return null;
  return {
    ...schedule,
    next_rotation_at: row.next_rotation_at,
    last_rotated_at: row.last_rotated_at,
    status: row.next_rotation_at ? ('active' as const) : ('inactive' as const),
  };
}

/** `usage`: the limits engine's live counters (current_usage with fractions, next reset, status). */
export function apiKeyView(row: ApiKeyViewRow, usage?: UsageLedger) {
  const usageLimits = parseJson<UsageLimits | null>(row.usage_limits, null);
  const live = usageLimits ? (usage?.live(usageSubject.apiKey(row.id), usageLimits) ?? null) : null;
  const currentUsage = live?.current_usage ?? row.current_usage;
  return {
    id: row.id,
    key: row.masked_key,
    name: row.name,
    description: row.description,
    type: row.type,
    organisation_id: row.organisation_id,
    workspace_id: row.workspace_id,
    user_id: row.user_id,
    status: row.status !== 'expired' && live?.status ? live.status : row.status,
    created_at: row.created_at,
    last_updated_at: row.last_updated_at,
    creation_mode: row.creation_mode,
    rate_limits: parseJson<RateLimit[] | null>(row.rate_limits, null),
    usage_limits: usageLimits
      ? {
          ...usageLimits,
          current_usage: currentUsage,
          next_usage_reset_at: usageLimits.next_usage_reset_at ?? live?.next_usage_reset_at ?? null,
          enforced: usage?.enabled ?? true,
        }
      : null,
    current_usage: currentUsage,
    reset_usage: 0,
    scopes: parseJson<string[]>(row.scopes, []),
    defaults: parseJson<KeyDefaults>(row.defaults, {}),
    alert_emails: parseJson<string[]>(row.alert_emails, []),
    expires_at: row.expires_at,
    last_reset_at: live?.last_reset_at ?? row.last_reset_at,
    rotation_policy: rotationPolicyView(row),
    last_rotated_at: row.last_rotated_at,
    key_transition_expires_at: row.key_transition_expires_at,
    /** A scheduled rotation's secret waits for POST /v1/api-keys/{id}/reveal (ADR 0003). */
    rotated_key_available: row.rotated_key_available === 1,
    object: 'api-key' as const,
  };
}

export type ApiKeyView = ReturnType<typeof apiKeyView>;
