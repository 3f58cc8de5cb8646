// What the gateway asks of the catalog on the request path: "@slug in this workspace: which
// upstream, with which credentials, and may it serve this model?". Answers come from memory; a miss
// reads SQLite once. Every catalog write clears the cache (CatalogContext.mutate): writes are rare
// and a full clear cannot leave a stale credential behind.
import { parseJson } from '../../db/rows.ts';
import type { RateLimit, UsageLimits } from '../../identity/auth.ts';
import type { SecretBox } from '../../secrets/cipher.ts';
import { checkSavedCustomHost } from '../../security/customHost.ts';
import type { SecretMapping } from './checks.ts';
import type { IntegrationModelRow, IntegrationRow, IntegrationsRepository } from './integrationsRepository.ts';
import type { ProviderWithIntegration, ProvidersRepository } from './providersRepository.ts';
import { type Configurations, openSecrets } from './secretFields.ts';

export interface ResolvedModel {
  slug: string;
  enabled: boolean;
  isCustom: boolean;
  isFinetune: boolean;
  baseModelSlug: string | null;
  /** Per-model custom_host, which wins over the integration's. */
  customHost: string | null;
  /** Per-model configurations, secrets opened. */
  configurations: Configurations;
  pricingConfig: Record<string, unknown> | null;
}

export interface ResolvedProvider {
  provider: {
    id: string;
    slug: string;
    name: string;
    workspaceId: string;
    status: 'active' | 'exhausted' | 'expired';
    usageLimits: UsageLimits | null;
    rateLimits: RateLimit[] | null;
    currentUsage: number;
    expiresAt: string | null;
    /** At most this many requests at its upstream at once; null: unlimited. */
    maxConcurrentRequests: number | null;
  };
  integration: {
    id: string;
    slug: string;
    /** `openai`, `azure-openai`, `bedrock`, … */
    aiProviderId: string;
    /** The provider key, decrypted; null when the integration has none (e.g. a local vLLM). */
    key: string | null;
    /** Plain and secret configuration fields merged, secrets decrypted. */
    configurations: Configurations;
    customHost: string | null;
    /** configurations.custom_headers, decrypted: sent upstream with every request. */
    customHeaders: Record<string, string>;
    allowAllModels: boolean;
    secretMappings: SecretMapping[];
    pricingAdjustments: Record<string, unknown> | null;
    /** At most this many requests at its upstream at once, from every workspace; null: unlimited. */
    maxConcurrentRequests: number | null;
    /** This workspace's allocation of an organisation integration; null for workspace integrations. */
    workspaceAllocation: { usageLimits: UsageLimits[]; rateLimits: RateLimit[]; status: string; currentUsage: number } | null;
  };
  models: ReadonlyMap<string, ResolvedModel>;
  /** Listed models follow their own `enabled`; unlisted ones are allowed only with allow_all_models. */
  isModelAllowed(model: string): boolean;
}

/** One entry of GET /v1/models: a model a workspace can call, as `@provider/model`. */
export interface CatalogModel {
  id: string;
  provider: string;
  model: string;
  aiProviderId: string;
  integration: string;
  isCustom: boolean;
  isFinetune: boolean;
}

/** Beyond this many cached answers (including misses) the cache starts over: random slugs must not grow memory. */
const MAX_ENTRIES = 10_000;

export class CatalogResolver {
  private readonly byProvider = new Map<string, ResolvedProvider | null>();
  private readonly hostsByWorkspace = new Map<string, ReadonlySet<string>>();

  constructor(private readonly deps: { integrations: IntegrationsRepository; providers: ProvidersRepository; secrets: SecretBox }) {}

  /** `slug` may carry the `@` of the model string (`@openai-prod`). */
  resolveProvider(workspaceId: string, slug: string): ResolvedProvider | null {
    const bare = slug.startsWith('@') ? slug.slice(1) : slug;
    const key = `${workspaceId}\u0000${bare}`;
    if (this.byProvider.has(key)) return this.byProvider.get(key)!;
    const resolved = this.load(workspaceId, bare);
    if (this.byProvider.size >= MAX_ENTRIES) this.byProvider.clear();
    this.byProvider.set(key, resolved);
    return resolved;
  }

  /**
   * Enabled models of every active provider in the workspace. With allow_all_models an
   * integration contributes only the models it lists explicitly: no upstream model list is
   * fetched (the appliance makes no calls its configuration did not name).
   */
  listModels(workspaceId: string): CatalogModel[] {
    const out: CatalogModel[] = [];
    for (const p of this.deps.providers.allInWorkspace(workspaceId)) {
      const r = this.resolveProvider(workspaceId, p.slug);
      if (!r || r.provider.status !== 'active') continue;
      for (const m of r.models.values()) {
        if (!m.enabled) continue;
        out.push({
          id: `@${r.provider.slug}/${m.slug}`,
          provider: r.provider.slug,
          model: m.slug,
          aiProviderId: r.integration.aiProviderId,
          integration: r.integration.slug,
          isCustom: m.isCustom,
          isFinetune: m.isFinetune,
        });
      }
    }
    return out.sort((a, b) => a.id.localeCompare(b.id));
  }

  /**
   * Hosts of every custom_host saved in integrations (and their models) the workspace can use:
   * inline custom hosts naming them are trusted (security/customHost.ts).
   */
  savedHosts(workspaceId: string): ReadonlySet<string> {
    const cached = this.hostsByWorkspace.get(workspaceId);
    if (cached) return cached;
    const hosts = new Set<string>();
    for (const text of this.deps.integrations.configurationsUsableBy(workspaceId)) {
      const host = parseJson<Configurations>(text, {}).custom_host;
      if (typeof host !== 'string') continue;
      const check = checkSavedCustomHost(host);
      if (check.ok) hosts.add(check.host);
    }
    if (this.hostsByWorkspace.size >= MAX_ENTRIES) this.hostsByWorkspace.clear();
    this.hostsByWorkspace.set(workspaceId, hosts);
    return hosts;
  }

  clear(): void {
    this.byProvider.clear();
    this.hostsByWorkspace.clear();
  }

  private load(workspaceId: string, slug: string): ResolvedProvider | null {
    const { integrations, providers } = this.deps;
    const p = providers.get(workspaceId, slug);
    if (!p || p.workspace_id !== workspaceId) return null;
    const integration = integrations.getById(p.integration_id);
    // A provider whose workspace lost access to its integration stays listed but cannot serve.
    if (!integration || integration.status !== 'active' || !integrations.usableBy(integration.id, workspaceId)) return null;
    return this.build(p, integration, integrations.models(integration.id));
  }

  private build(p: ProviderWithIntegration, i: IntegrationRow, modelRows: IntegrationModelRow[]): ResolvedProvider {
    const { secrets, integrations } = this.deps;
    const configurations = { ...parseJson<Configurations>(i.configurations, {}), ...openSecrets(secrets, i.secret_configurations) };
    const models = new Map<string, ResolvedModel>();
    for (const m of modelRows) {
      const mc = { ...parseJson<Configurations>(m.configurations, {}), ...openSecrets(secrets, m.secret_configurations) };
      models.set(m.slug, {
        slug: m.slug,
        enabled: m.enabled === 1,
        isCustom: m.is_custom === 1,
        isFinetune: m.is_finetune === 1,
        baseModelSlug: m.base_model_slug,
        customHost: typeof mc.custom_host === 'string' ? mc.custom_host : null,
        configurations: mc,
        pricingConfig: parseJson<Record<string, unknown> | null>(m.pricing_config, null),
      });
    }
    const allowAllModels = i.allow_all_models === 1;
    const access = i.workspace_id ? null : integrations.access(i.id, p.workspace_id);
    const global = parseJson<{ usage_limits?: UsageLimits[] | null; rate_limits?: RateLimit[] | null } | null>(
      i.global_workspace_access,
      null,
    );
    return {
      provider: {
        id: p.id,
        slug: p.slug,
        name: p.name,
        workspaceId: p.workspace_id,
        status: p.status,
        usageLimits: parseJson<UsageLimits | null>(p.usage_limits, null),
        rateLimits: parseJson<RateLimit[] | null>(p.rate_limits, null),
        currentUsage: p.current_usage,
        expiresAt: p.expires_at,
        maxConcurrentRequests: p.max_concurrent_requests ?? null,
      },
      integration: {
        id: i.id,
        slug: i.slug,
        aiProviderId: i.ai_provider_id,
        key: i.key_encrypted ? secrets.decrypt(i.key_encrypted) : null,
        configurations,
        customHost: typeof configurations.custom_host === 'string' ? configurations.custom_host : null,
        customHeaders: (configurations.custom_headers as Record<string, string> | undefined) ?? {},
        allowAllModels,
        secretMappings: parseJson<SecretMapping[]>(i.secret_mappings, []),
        pricingAdjustments: parseJson<Record<string, unknown> | null>(i.pricing_adjustments, null),
        maxConcurrentRequests: i.max_concurrent_requests ?? null,
        workspaceAllocation: i.workspace_id
          ? null
          : access
            ? {
                usageLimits: parseJson<UsageLimits[]>(access.usage_limits, []),
                rateLimits: parseJson<RateLimit[]>(access.rate_limits, []),
                status: access.status,
                currentUsage: access.current_usage,
              }
            : { usageLimits: global?.usage_limits ?? [], rateLimits: global?.rate_limits ?? [], status: 'active', currentUsage: 0 },
      },
      models,
      isModelAllowed: (model: string) => models.get(model)?.enabled ?? allowAllModels,
    };
  }
}
