// Rows as the API shows them (OAS IntegrationList, IntegrationDetailResponse, Providers,
// VirtualKeys). Secrets appear only masked: the sealed values are opened here just to mask them.
import { parseJson } from '../../db/rows.ts';
import type { RateLimit, UsageLimits } from '../../identity/auth.ts';
import type { SecretBox } from '../../secrets/cipher.ts';
import { type UsageLedger, type UsageSubject, usageSubject } from '../../identity/usage.ts';
import type { SecretMapping } from './checks.ts';
import type { IntegrationModelRow, IntegrationRow } from './integrationsRepository.ts';
import { legacyTarget, modelConfigFrom } from './legacyModelConfig.ts';
import type { ProviderWithIntegration } from './providersRepository.ts';
import { type Configurations, maskedConfigurations, openSecrets } from './secretFields.ts';

// A type alias, not an interface, so that it fits the schemas' Record<string, unknown>.
export type GlobalWorkspaceAccess = {
  enabled: boolean;
  usage_limits?: UsageLimits[] | null;
  rate_limits?: RateLimit[] | null;
};

export function integrationSummary(row: IntegrationRow) {
  return {
    id: row.id,
    organisation_id: row.organisation_id,
    workspace_id: row.workspace_id,
    type: row.workspace_id ? ('workspace' as const) : ('organisation' as const),
    ai_provider_id: row.ai_provider_id,
    name: row.name,
    slug: row.slug,
    description: row.description,
    status: row.status,
    created_at: row.created_at,
    last_updated_at: row.last_updated_at,
    object: 'integration' as const,
  };
}

export function integrationDetail(row: IntegrationRow, secrets: SecretBox, workspaceCount: number) {
  return {
    ...integrationSummary(row),
    masked_key: row.masked_key,
    configurations: maskedConfigurations(
      parseJson<Configurations>(row.configurations, {}),
      openSecrets(secrets, row.secret_configurations),
    ),
    global_workspace_access_settings: parseJson<GlobalWorkspaceAccess | null>(row.global_workspace_access, null),
    allow_all_models: row.allow_all_models === 1,
    workspace_count: workspaceCount,
    secret_mappings: parseJson<SecretMapping[]>(row.secret_mappings, []),
    pricing_adjustments: parseJson<Record<string, unknown> | null>(row.pricing_adjustments, null),
    max_concurrent_requests: row.max_concurrent_requests ?? null,
  };
}

export function modelView(row: IntegrationModelRow, secrets: SecretBox) {
  const plain = parseJson<Configurations | null>(row.configurations, null);
  const secret = openSecrets(secrets, row.secret_configurations);
  return {
    slug: row.slug,
    // No model registry ships offline to name models from: the slug is the name.
    name: row.slug,
    enabled: row.enabled === 1,
    is_custom: row.is_custom === 1,
    is_finetune: row.is_finetune === 1,
    base_model_slug: row.base_model_slug,
    configurations: plain || Object.keys(secret).length ? maskedConfigurations(plain ?? {}, secret) : null,
    pricing_config: parseJson<Record<string, unknown> | null>(row.pricing_config, null),
    created_at: row.created_at,
    last_updated_at: row.last_updated_at,
  };
}

/**
 * A budget as shown: what was set plus the live counter (in USD with its fractions for cost
 * budgets), when it next resets, and whether USAGE_LIMITS_ENABLED lets it be enforced at all.
 */
export function budgetView(limits: UsageLimits | null, currentUsage: number, subject: UsageSubject, usage: UsageLedger | undefined) {
  if (!limits) return null;
  const live = usage?.live(subject, limits) ?? null;
  return {
    ...limits,
    current_usage: live?.current_usage ?? currentUsage,
    next_usage_reset_at: limits.next_usage_reset_at ?? live?.next_usage_reset_at ?? null,
    enforced: usage?.enabled ?? true,
  };
}

export function providerView(row: ProviderWithIntegration, usage?: UsageLedger) {
  const limits = budgetView(parseJson<UsageLimits | null>(row.usage_limits, null), row.current_usage, usageSubject.provider(row.id), usage);
  const live = limits && usage?.live(usageSubject.provider(row.id), parseJson<UsageLimits | null>(row.usage_limits, null));
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    note: row.note,
    // The OAS create body names the integration by slug under `integration_id`; reads echo the same.
    integration_id: row.integration_slug,
    ai_provider_name: row.ai_provider_id,
    workspace_id: row.workspace_id,
    status: row.status !== 'expired' && live?.status ? live.status : row.status,
    usage_limits: limits,
    current_usage: limits?.current_usage ?? row.current_usage,
    reset_usage: 0,
    rate_limits: parseJson<RateLimit[] | null>(row.rate_limits, null),
    max_concurrent_requests: row.max_concurrent_requests ?? null,
    expires_at: row.expires_at,
    created_at: row.created_at,
    last_updated_at: row.last_updated_at,
    object: 'provider' as const,
  };
}

export function virtualKeyView(row: ProviderWithIntegration, integration: IntegrationRow, secrets: SecretBox, usage?: UsageLedger) {
  const plain = parseJson<Configurations>(integration.configurations, {});
  const secret = openSecrets(secrets, integration.secret_configurations);
  return {
    ...providerView(row, usage),
    model_config: modelConfigFrom(plain, secret),
    secret_mappings: parseJson<SecretMapping[]>(integration.secret_mappings, []).map((m) => ({
      ...m,
      target_field: legacyTarget(m.target_field),
    })),
    masked_api_key: integration.masked_key,
    object: 'virtual-key' as const,
  };
}
