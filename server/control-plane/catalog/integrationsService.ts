// Integrations (spec §2.2): stored credentials for one AI service, organisation-wide or owned by
// one workspace. The key and secret configuration fields are sealed before they reach SQLite.
import { badRequest, conflict, forbidden, notFound } from '../../errors.ts';
import { isoNow, parseJson, toJson } from '../../db/rows.ts';
import type { Paging } from '../../http/paging.ts';
import { isUuid, newId, randomSlug, slugify } from '../../ids.ts';
import { type AuthContext, hasScope, requireScope } from '../../identity/auth.ts';
import { integrationScope, requireIntegrationAccess } from './access.ts';
import { type SecretMapping, checkConfigurations, checkSecretMappings, checkSlug } from './checks.ts';
import type { CatalogContext } from './context.ts';
import type { IntegrationRow } from './integrationsRepository.ts';
import { addProvider } from './providersService.ts';
import { type Configurations, configurationColumns, keyColumns, openSecrets, patchConfigurations } from './secretFields.ts';
import { integrationDetail, integrationSummary } from './views.ts';

export interface CreateIntegrationInput {
  name: string;
  slug?: string;
  ai_provider_id: string;
  key?: string | null;
  description?: string | null;
  workspace_id?: string | null;
  configurations?: Configurations | null;
  create_default_provider?: boolean;
  default_provider_slug?: string;
  secret_mappings?: SecretMapping[] | null;
  pricing_adjustments?: Record<string, unknown> | null;
  max_concurrent_requests?: number | null;
}

export interface UpdateIntegrationInput {
  name?: string;
  key?: string | null;
  description?: string | null;
  configurations?: Configurations | null;
  secret_mappings?: SecretMapping[] | null;
  pricing_adjustments?: Record<string, unknown> | null;
  max_concurrent_requests?: number | null;
}

export type IntegrationType = 'workspace' | 'organisation' | 'all';

/** Current configurations with the secret part opened, for applying an update to. */
export function currentConfigurations(ctx: CatalogContext, row: IntegrationRow): Configurations {
  return { ...parseJson<Configurations>(row.configurations, {}), ...openSecrets(ctx.secrets, row.secret_configurations) };
}

/** A free slug for a new integration: the name's slug, or that plus a random tail when taken. */
export function freeIntegrationSlug(ctx: CatalogContext, organisationId: string, name: string): string {
  const plain = slugify(name);
  // A name such as a UUID must not become a slug that routes would read as an id.
  if (!isUuid(plain) && !ctx.integrations.slugTaken(organisationId, plain)) return plain;
  for (let i = 0; i < 5; i++) {
    const candidate = randomSlug('', name);
    if (!ctx.integrations.slugTaken(organisationId, candidate)) return candidate;
  }
  throw conflict(`Could not find a free slug for "${name}": pass one in slug`);
}

export function integrationsService(ctx: CatalogContext) {
  function load(auth: AuthContext, ref: string): IntegrationRow {
    const row = ctx.integrations.get(auth.organisationId, ref);
    if (!row) throw notFound(`Integration "${ref}" was not found`);
    return row;
  }

  function create(auth: AuthContext, input: CreateIntegrationInput) {
    // A workspace key always creates in its own workspace; an organisation key creates an
    // organisation integration unless it names a workspace.
    const ws = ctx.ws.named(auth, input.workspace_id ?? undefined);
    requireScope(auth, integrationScope(ws !== null, 'create'));
    if (ws && ws.status !== 'active') throw badRequest(`Workspace "${ws.slug}" is archived`);
    let slug: string;
    if (input.slug) {
      slug = checkSlug(input.slug, 'slug');
      if (ctx.integrations.slugTaken(auth.organisationId, slug)) throw conflict(`Integration "${slug}" already exists`);
    } else {
      slug = freeIntegrationSlug(ctx, auth.organisationId, input.name);
    }
    if (input.default_provider_slug) checkSlug(input.default_provider_slug, 'default_provider_slug');
    const configs = checkConfigurations(patchConfigurations({}, input.configurations ?? {}));
    const at = isoNow(ctx.now());
    const row: IntegrationRow = {
      id: newId(),
      organisation_id: auth.organisationId,
      workspace_id: ws?.id ?? null,
      slug,
      name: input.name,
      description: input.description ?? null,
      ai_provider_id: input.ai_provider_id,
      status: 'active',
      ...keyColumns(ctx.secrets, input.key),
      ...configurationColumns(ctx.secrets, configs),
      allow_all_models: 1,
      global_workspace_access: null,
      pricing_adjustments: toJson(input.pricing_adjustments),
      secret_mappings: JSON.stringify(checkSecretMappings(input.secret_mappings, 'configurations')),
      tags: '[]',
      created_at: at,
      last_updated_at: at,
    };
    ctx.mutate(() => {
      ctx.integrations.insert(row);
      if (input.max_concurrent_requests != null)
        ctx.integrations.update(row.id, { max_concurrent_requests: input.max_concurrent_requests });
      // Only workspace integrations get a default provider here; organisation ones get theirs
      // when a workspace is enabled (PUT /integrations/:slug/workspaces).
      if (ws && input.create_default_provider !== false) {
        addProvider(ctx, {
          workspace: ws,
          integration: row,
          name: row.name,
          slug: input.default_provider_slug ?? row.slug,
          slugSource: input.default_provider_slug ? 'default_provider_slug' : 'integration',
        });
      }
    });
    return { id: row.id, slug: row.slug };
  }

  function list(auth: AuthContext, query: { workspace_id?: string; type?: IntegrationType }, page: Paging) {
    const type = query.type ?? 'all';
    const ws = ctx.ws.named(auth, query.workspace_id);
    const orgScope = integrationScope(false, 'list');
    const wsScope = integrationScope(true, 'list');
    if (type === 'organisation') requireScope(auth, orgScope);
    if (type === 'workspace') requireScope(auth, wsScope);
    const organisationLevel = type !== 'workspace' && hasScope(auth, orgScope);
    const workspaceLevel = type !== 'organisation' && hasScope(auth, wsScope);
    if (!organisationLevel && !workspaceLevel) {
      throw forbidden(`You do not have enough permissions to execute this request (this API key lacks "${orgScope}" and "${wsScope}")`);
    }
    const { total, rows } = ctx.integrations.list({
      organisationId: auth.organisationId,
      organisationLevel,
      workspaceLevel,
      workspaceId: ws?.id,
      limit: page.limit,
      offset: page.offset,
    });
    return { object: 'list' as const, total, data: rows.map(integrationSummary) };
  }

  function get(auth: AuthContext, ref: string) {
    const row = load(auth, ref);
    requireIntegrationAccess(auth, row, 'read');
    return integrationDetail(row, ctx.secrets, ctx.integrations.workspaceCount(row));
  }

  function update(auth: AuthContext, ref: string, input: UpdateIntegrationInput) {
    const row = load(auth, ref);
    requireIntegrationAccess(auth, row, 'update');
    const changes: Partial<IntegrationRow> = { last_updated_at: isoNow(ctx.now()) };
    if (input.name !== undefined) changes.name = input.name;
    if (input.description !== undefined) changes.description = input.description;
    if (input.key !== undefined) Object.assign(changes, keyColumns(ctx.secrets, input.key));
    if (input.configurations !== undefined) {
      const next = checkConfigurations(patchConfigurations(currentConfigurations(ctx, row), input.configurations ?? {}));
      Object.assign(changes, configurationColumns(ctx.secrets, next));
    }
    if (input.secret_mappings !== undefined) {
      changes.secret_mappings = JSON.stringify(checkSecretMappings(input.secret_mappings, 'configurations'));
    }
    if (input.pricing_adjustments !== undefined) changes.pricing_adjustments = toJson(input.pricing_adjustments);
    if (input.max_concurrent_requests !== undefined) changes.max_concurrent_requests = input.max_concurrent_requests;
    ctx.mutate(() => ctx.integrations.update(row.id, changes));
    return {};
  }

  /** Deletes the integration with its workspace access, models and providers. */
  function remove(auth: AuthContext, ref: string) {
    const row = load(auth, ref);
    requireIntegrationAccess(auth, row, 'delete');
    ctx.mutate(() => ctx.integrations.delete(row.id));
    return {};
  }

  return { create, list, get, update, delete: remove, load };
}

export type IntegrationsService = ReturnType<typeof integrationsService>;
