// Legacy /virtual-keys (spec §2.2), served as a view over integrations and providers: a virtual key
// is a provider, and creating one creates a workspace integration plus a provider of the same slug.
import { badRequest, conflict } from '../../errors.ts';
import { isoNow } from '../../db/rows.ts';
import type { Paging } from '../../http/paging.ts';
import { isUuid, newId, randomSlug } from '../../ids.ts';
import { type AuthContext, requireScope } from '../../identity/auth.ts';
import { given } from '../../identity/workspaces.ts';
import { type SecretMapping, checkConfigurations, checkSecretMappings } from './checks.ts';
import type { CatalogContext } from './context.ts';
import type { IntegrationRow } from './integrationsRepository.ts';
import { currentConfigurations } from './integrationsService.ts';
import { LEGACY_FIELDS, configurationsFromLegacy, integrationTarget, legacyName } from './legacyModelConfig.ts';
import { type ProviderLimitsInput, addProvider, providerChanges, providersService } from './providersService.ts';
import { configurationColumns, keyColumns, patchConfigurations } from './secretFields.ts';
import { virtualKeyView } from './views.ts';

export interface VirtualKeyFields extends ProviderLimitsInput {
  name?: string;
  key?: string | null;
  workspace_id?: string | null;
  secret_mappings?: SecretMapping[] | null;
  model_config?: Record<string, unknown> | null;
  /** Legacy provider settings (resourceName, deploymentConfig, awsRegion, …) at the top level. */
  [legacyField: string]: unknown;
}

export interface CreateVirtualKeyInput extends VirtualKeyFields {
  provider: string;
}

export interface UpdateVirtualKeyInput extends VirtualKeyFields {
  reset_usage?: boolean;
}

/** model_config plus the legacy fields given at the top level, the latter winning. */
function legacySettings(input: VirtualKeyFields): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(input.model_config ?? {}) };
  for (const field of LEGACY_FIELDS) if (input[field] !== undefined) out[field] = input[field];
  return out;
}

function mappings(input: VirtualKeyFields): string {
  const checked = checkSecretMappings(input.secret_mappings, 'model_config');
  return JSON.stringify(checked.map((m) => ({ ...m, target_field: integrationTarget(m.target_field) })));
}

export function virtualKeysService(ctx: CatalogContext) {
  const providers = providersService(ctx);

  function create(auth: AuthContext, input: CreateVirtualKeyInput) {
    requireScope(auth, 'virtual_keys.create');
    const ws = ctx.ws.orDefault(auth, input.workspace_id ?? undefined);
    if (ws.status !== 'active') throw badRequest(`Workspace "${ws.slug}" is archived`);
    const name = input.name ?? input.provider;
    const configs = checkConfigurations(patchConfigurations({}, configurationsFromLegacy(legacySettings(input))), legacyName);
    // One slug names both rows: integrations are unique per organisation, providers per workspace.
    let slug = '';
    for (let i = 0; i < 5 && !slug; i++) {
      const candidate = randomSlug('', name);
      if (!ctx.integrations.slugTaken(auth.organisationId, candidate) && !ctx.providers.slugTaken(ws.id, candidate)) slug = candidate;
    }
    if (!slug) throw conflict(`Could not find a free slug for "${name}"`);
    const at = isoNow(ctx.now());
    const integration: IntegrationRow = {
      id: newId(),
      organisation_id: auth.organisationId,
      workspace_id: ws.id,
      slug,
      name,
      description: null,
      ai_provider_id: input.provider,
      status: 'active',
      ...keyColumns(ctx.secrets, input.key),
      ...configurationColumns(ctx.secrets, configs),
      allow_all_models: 1,
      global_workspace_access: null,
      pricing_adjustments: null,
      secret_mappings: mappings(input),
      tags: '[]',
      created_at: at,
      last_updated_at: at,
    };
    ctx.mutate(() => {
      ctx.integrations.insert(integration);
      addProvider(ctx, { ...input, workspace: ws, integration, name, slug, slugSource: 'slug' });
    });
    return { success: true as const, data: { slug } };
  }

  function list(auth: AuthContext, query: { workspace_id?: string }, page: Paging) {
    requireScope(auth, 'virtual_keys.list');
    const ws = ctx.ws.orDefault(auth, query.workspace_id);
    const { total, rows } = ctx.providers.list(ws.id, page.limit, page.offset);
    return {
      object: 'list' as const,
      total,
      data: rows.map((p) => virtualKeyView(p, ctx.integrations.getById(p.integration_id)!, ctx.secrets, ctx.usage)),
    };
  }

  /** Legacy callers may omit the workspace even with an organisation key: the default workspace is meant. */
  function load(auth: AuthContext, ref: string, workspaceRef: string | undefined) {
    const implied = auth.workspaceId !== null || isUuid(ref) ? undefined : ctx.ws.orDefault(auth, undefined).id;
    const ws = given(workspaceRef) ?? implied;
    return providers.load(auth, ref, ws, 'Virtual key');
  }

  function get(auth: AuthContext, ref: string, workspaceRef: string | undefined) {
    requireScope(auth, 'virtual_keys.read');
    const row = load(auth, ref, workspaceRef);
    return virtualKeyView(row, ctx.integrations.getById(row.integration_id)!, ctx.secrets, ctx.usage);
  }

  function update(auth: AuthContext, ref: string, workspaceRef: string | undefined, input: UpdateVirtualKeyInput) {
    requireScope(auth, 'virtual_keys.update');
    const row = load(auth, ref, given(workspaceRef) ?? given(input.workspace_id ?? undefined));
    const integration = ctx.integrations.getById(row.integration_id)!;
    const settings = legacySettings(input);
    const touchesIntegration = input.key !== undefined || input.secret_mappings !== undefined || Object.keys(settings).length > 0;
    const integrationChanges: Partial<IntegrationRow> = {};
    if (touchesIntegration) {
      // The credentials of an organisation integration are shared by other workspaces' providers.
      if (integration.workspace_id !== row.workspace_id) {
        throw badRequest(
          `Virtual key "${row.slug}" uses organisation integration "${integration.slug}": change its key or settings with PUT /v1/integrations/${integration.slug}`,
        );
      }
      if (input.key !== undefined) Object.assign(integrationChanges, keyColumns(ctx.secrets, input.key));
      if (Object.keys(settings).length > 0) {
        const current = currentConfigurations(ctx, integration);
        const next = patchConfigurations(current, configurationsFromLegacy(settings, current));
        Object.assign(integrationChanges, configurationColumns(ctx.secrets, checkConfigurations(next, legacyName)));
      }
      if (input.secret_mappings !== undefined) integrationChanges.secret_mappings = mappings(input);
      integrationChanges.last_updated_at = isoNow(ctx.now());
    }
    const changes = providerChanges(ctx, row, input);
    ctx.mutate(() => {
      ctx.providers.update(row.id, changes);
      ctx.integrations.update(integration.id, integrationChanges);
    });
    return { id: row.id, slug: row.slug };
  }

  /** Deletes the provider, and its workspace integration when nothing else uses it (the key goes with the virtual key). */
  function remove(auth: AuthContext, ref: string, workspaceRef: string | undefined) {
    requireScope(auth, 'virtual_keys.delete');
    const row = load(auth, ref, workspaceRef);
    const integration = ctx.integrations.getById(row.integration_id)!;
    ctx.mutate(() => {
      ctx.providers.delete(row.id);
      if (integration.workspace_id === row.workspace_id && ctx.providers.ofIntegration(integration.id).length === 0) {
        ctx.integrations.delete(integration.id);
      }
    });
    return {};
  }

  return { create, list, get, update, delete: remove };
}

export type VirtualKeysService = ReturnType<typeof virtualKeysService>;
