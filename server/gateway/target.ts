// Resolves where a request goes, Portkey's way: `model: "@slug/model"`, `x-portkey-provider:
// @slug` or a base provider with its key inline, `x-portkey-virtual-key`, `x-portkey-custom-host`.
import { AppError, badRequest, forbidden } from '../errors.ts';
import { checkInlineCustomHost } from '../security/customHost.ts';
import { gatewayKeyHeader } from '../identity/authenticate.ts';
import type { Target } from './attempt.ts';
import { PROVIDER_IDS, UNSUPPORTED_PROVIDERS, providerSpec, type ProviderSpec } from '../provider-specs/registry.ts';
import type { GatewayContext } from './context.ts';

/** What the catalog gives the gateway for `@slug` in a workspace (decrypted, cached). */
export interface CatalogProvider {
  provider: { slug: string; status: string };
  integration: {
    aiProviderId: string;
    key: string | null;
    configurations: Record<string, unknown>;
    customHost: string | null;
    customHeaders?: Record<string, string>;
    pricingAdjustments?: Record<string, unknown> | null;
  };
  /** Per-model settings: `pricingConfig` is the admin's price for that model, `customHost` its own server. */
  models?: ReadonlyMap<string, { pricingConfig: Record<string, unknown> | null; customHost?: string | null }>;
  isModelAllowed(model: string): boolean;
}

export interface TargetResolver {
  resolveProvider(workspaceId: string, slug: string): CatalogProvider | null;
  /** Hosts of custom_hosts saved in the workspace's integrations: trusted inline too. */
  savedHosts?(workspaceId: string): ReadonlySet<string>;
}

export interface TargetOptions {
  trustedHosts: readonly string[];
}

export function headerOf(ctx: GatewayContext, name: string): string | null {
  const v = ctx.clientHeaders[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s && s.trim() ? s.trim() : null;
}

export function specOrError(id: string): ProviderSpec {
  const spec = providerSpec(id);
  if (spec) return spec;
  if (UNSUPPORTED_PROVIDERS.has(id)) {
    throw badRequest(`Provider "${id}" is not supported by this appliance yet; use an OpenAI-compatible endpoint or another provider`, {
      param: 'provider',
    });
  }
  throw badRequest(`Unknown provider "${id}". Use @provider-slug for a catalog provider, or one of: ${PROVIDER_IDS.join(', ')}`, {
    param: 'provider',
  });
}

function inlineHost(ctx: GatewayContext, resolver: TargetResolver, options: TargetOptions): string | null {
  const host = headerOf(ctx, 'x-portkey-custom-host');
  return host ? checkedHost(host, 'x-portkey-custom-host', ctx, resolver, options) : null;
}

/** A custom host from a request (header or config) must pass the inline rules (docs/custom-hosts.md). */
export function checkedHost(host: string, param: string, ctx: GatewayContext, resolver: TargetResolver, options: TargetOptions): string {
  const saved = resolver.savedHosts?.(ctx.workspace.id) ?? new Set<string>();
  const check = checkInlineCustomHost(host, options.trustedHosts, saved);
  if (!check.ok) throw badRequest(check.message, { param, code: 'invalid_custom_host' });
  return host;
}

/** Provider settings sent inline as headers (Azure, OpenAI organisation/project). */
function inlineConfigurations(ctx: GatewayContext): Record<string, unknown> {
  const pick: Record<string, string> = {
    'x-portkey-azure-resource-name': 'azure_resource_name',
    'x-portkey-azure-deployment-id': 'azure_deployment_id',
    'x-portkey-azure-api-version': 'azure_api_version',
    'x-portkey-openai-organization': 'openai_organization',
    'x-portkey-openai-project': 'openai_project',
  };
  const out: Record<string, unknown> = {};
  for (const [h, key] of Object.entries(pick)) {
    const v = headerOf(ctx, h);
    if (v) out[key] = v;
  }
  return out;
}

/** `model`, when known, picks that model's own custom_host over the integration's. */
export function catalogTarget(slug: string, found: CatalogProvider | null, workspaceSlug: string, model: string | null = null): Target {
  if (!found) {
    throw new AppError('AB08', 404, `Provider "@${slug}" was not found in workspace ${workspaceSlug}`, {
      param: 'model',
      code: 'provider_not_found',
    });
  }
  if (found.provider.status === 'exhausted') {
    throw AppError.fromStatus(412, `Portkey Error: budget of provider @${slug} is exhausted`, { type: 'budget_exceeded' });
  }
  if (found.provider.status === 'expired') throw forbidden(`Provider @${slug} has expired`);
  const spec = specOrError(found.integration.aiProviderId);
  return {
    spec,
    label: `@${slug}`,
    providerSlug: slug,
    apiKey: found.integration.key,
    customHost: (model !== null ? found.models?.get(model)?.customHost : null) || found.integration.customHost,
    configurations: found.integration.configurations,
    customHeaders: found.integration.customHeaders ?? {},
    model: null,
    modelAllowed: (m) => found.isModelAllowed(m),
    pricingOverrides: (model) => ({
      pricingAdjustments: found.integration.pricingAdjustments ?? null,
      pricingConfig: found.models?.get(model)?.pricingConfig ?? null,
    }),
  };
}

/** `@slug/model` -> ['slug', 'model']; anything else -> null. */
export function splitModelSlug(model: unknown): [string, string] | null {
  if (typeof model !== 'string' || !model.startsWith('@')) return null;
  const i = model.indexOf('/');
  if (i < 2 || i === model.length - 1) {
    throw badRequest(`model "${model}" must look like @provider-slug/model-name`, { param: 'model' });
  }
  return [model.slice(1, i), model.slice(i + 1)];
}

export function resolveTarget(
  ctx: GatewayContext,
  body: Record<string, unknown> | null,
  resolver: TargetResolver,
  options: TargetOptions,
): Target {
  const fromModel = splitModelSlug(body?.model);
  const providerHeader = headerOf(ctx, 'x-portkey-provider');
  const slug =
    fromModel?.[0] ??
    (providerHeader?.startsWith('@') ? providerHeader.slice(1) : null) ??
    (providerHeader ? null : headerOf(ctx, 'x-portkey-virtual-key'));

  if (slug) {
    const model = fromModel?.[1] ?? (typeof body?.model === 'string' ? body.model : null);
    const target = catalogTarget(slug, resolver.resolveProvider(ctx.workspace.id, slug), ctx.workspace.slug, model);
    const host = inlineHost(ctx, resolver, options);
    return { ...target, model: fromModel?.[1] ?? null, customHost: host ?? target.customHost };
  }

  if (providerHeader) {
    const spec = specOrError(providerHeader);
    // A provider key rides only in a header that did not carry the gateway key.
    const gatewayKeyIn = gatewayKeyHeader(ctx.clientHeaders);
    const bearer = gatewayKeyIn === 'x-portkey-api-key' ? headerOf(ctx, 'authorization') : null;
    const xApiKey = gatewayKeyIn === 'x-api-key' ? null : headerOf(ctx, 'x-api-key');
    const apiKey = bearer?.replace(/^Bearer\s+/i, '') || headerOf(ctx, 'api-key') || xApiKey;
    return {
      spec,
      label: spec.id,
      providerSlug: null,
      apiKey: apiKey || null,
      customHost: inlineHost(ctx, resolver, options),
      configurations: inlineConfigurations(ctx),
      customHeaders: {},
      model: null,
      modelAllowed: null,
    };
  }

  throw badRequest(
    'No provider given. Use model "@provider-slug/model", the x-portkey-provider header (@provider-slug, or a provider such as openai with its key in Authorization), or x-portkey-config',
    { param: 'model', code: 'provider_missing' },
  );
}
