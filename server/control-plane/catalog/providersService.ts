// Providers (spec §2.2): a workspace's instance of an integration, addressed as @slug. A provider
// may only point at an integration its workspace can use.
import { badRequest, conflict, notFound } from '../../errors.ts';
import { isoNow, toJson } from '../../db/rows.ts';
import type { Paging } from '../../http/paging.ts';
import { isUuid, newId, randomSlug } from '../../ids.ts';
import { type AuthContext, type RateLimit, type UsageLimits, requireScope, requireWorkspace } from '../../identity/auth.ts';
import type { WorkspaceRow } from '../workspaces/repository.ts';
import { given } from '../../identity/workspaces.ts';
import { checkExpiry, checkRateLimits, checkSlug, checkUsageLimits } from './checks.ts';
import type { CatalogContext } from './context.ts';
import type { IntegrationRow } from './integrationsRepository.ts';
import type { ProviderRow, ProviderWithIntegration } from './providersRepository.ts';
import { providerView } from './views.ts';
import { usageSubject } from '../../identity/usage.ts';

export interface ProviderLimitsInput {
  note?: string | null;
  max_concurrent_requests?: number | null;
  usage_limits?: UsageLimits | null;
  rate_limits?: RateLimit[] | null;
  expires_at?: string | null;
}

export interface CreateProviderInput extends ProviderLimitsInput {
  name: string;
  integration_id: string;
  workspace_id?: string | null;
  slug?: string;
}

export interface UpdateProviderInput extends ProviderLimitsInput {
  name?: string;
  reset_usage?: boolean;
  workspace_id?: string | null;
}

export interface NewProvider extends ProviderLimitsInput {
  workspace: WorkspaceRow;
  integration: IntegrationRow;
  name: string;
  slug: string;
  /** How the slug was chosen, for the message when it is taken. */
  slugSource: 'slug' | 'default_provider_slug' | 'integration';
}

/** Inserts a provider row; callers run it inside ctx.mutate. */
export function addProvider(ctx: CatalogContext, p: NewProvider): ProviderRow {
  if (ctx.providers.slugTaken(p.workspace.id, p.slug)) {
    const hint =
      p.slugSource === 'integration'
        ? ': pass default_provider_slug to choose another slug, or create_default_provider: false'
        : p.slugSource === 'default_provider_slug'
          ? ': choose another default_provider_slug'
          : '';
    throw conflict(`Provider "${p.slug}" already exists in workspace "${p.workspace.slug}"${hint}`);
  }
  const at = isoNow(ctx.now());
  const row: ProviderRow = {
    id: newId(),
    workspace_id: p.workspace.id,
    integration_id: p.integration.id,
    slug: p.slug,
    name: p.name,
    note: p.note ?? null,
    status: 'active',
    usage_limits: toJson(checkUsageLimits(p.usage_limits)),
    rate_limits: toJson(checkRateLimits(p.rate_limits)),
    current_usage: 0,
    expires_at: checkExpiry(p.expires_at, ctx.now()),
    last_reset_at: null,
    created_at: at,
    last_updated_at: at,
  };
  ctx.providers.insert(row);
  if (p.max_concurrent_requests != null) ctx.providers.update(row.id, { max_concurrent_requests: p.max_concurrent_requests });
  return row;
}

/** Limit, note and expiry changes shared by /providers and /virtual-keys updates. */
export function providerChanges(ctx: CatalogContext, row: ProviderRow, input: UpdateProviderInput): Partial<ProviderRow> {
  const now = ctx.now();
  const changes: Partial<ProviderRow> = { last_updated_at: isoNow(now) };
  if (input.name !== undefined) changes.name = input.name;
  if (input.note !== undefined) changes.note = input.note;
  if (input.usage_limits !== undefined) {
    changes.usage_limits = toJson(checkUsageLimits(input.usage_limits));
    // A higher (or no) limit reactivates an exhausted provider, as budgets do elsewhere (spec §2.4).
    const limit = input.usage_limits?.credit_limit;
    if (row.status === 'exhausted' && (limit == null || limit > row.current_usage)) changes.status = 'active';
  }
  if (input.rate_limits !== undefined) changes.rate_limits = toJson(checkRateLimits(input.rate_limits));
  if (input.max_concurrent_requests !== undefined) changes.max_concurrent_requests = input.max_concurrent_requests;
  if (input.expires_at !== undefined) {
    changes.expires_at = checkExpiry(input.expires_at, now);
    if (row.status === 'expired') changes.status = 'active';
  }
  if (input.reset_usage) {
    changes.current_usage = 0;
    changes.last_reset_at = isoNow(now);
    if (row.status === 'exhausted') changes.status = 'active';
    ctx.usage?.reset(usageSubject.provider(row.id));
  }
  return changes;
}

export function providersService(ctx: CatalogContext) {
  /**
   * A provider by slug in the named workspace, or by UUID anywhere in the organisation (then the
   * workspace may be left out, even with an organisation key).
   */
  function load(auth: AuthContext, ref: string, workspaceRef: string | undefined, what = 'Provider'): ProviderWithIntegration {
    const wsGiven = given(workspaceRef);
    if (!wsGiven && auth.workspaceId === null) {
      const byId = ctx.providers.getById(ref);
      const ws = byId ? ctx.workspaces.get(byId.workspace_id) : null;
      if (byId && ws && ws.organisation_id === auth.organisationId) return byId;
      if (isUuid(ref)) throw notFound(`${what} "${ref}" was not found`);
    }
    const ws = ctx.ws.required(auth, workspaceRef, `${what.toLowerCase()}s`);
    const row = ctx.providers.get(ws.id, ref);
    if (row) return row;
    // A UUID of another workspace's provider: say it is not yours rather than that it is missing.
    const elsewhere = ctx.providers.getById(ref);
    if (elsewhere && ctx.workspaces.get(elsewhere.workspace_id)?.organisation_id === auth.organisationId) {
      requireWorkspace(auth, elsewhere.workspace_id);
    }
    throw notFound(`${what} "${ref}" was not found in workspace "${ws.slug}"`);
  }

  /** The integration a new provider points at, which the workspace must be able to use. */
  function usableIntegration(auth: AuthContext, ref: string, ws: WorkspaceRow): IntegrationRow {
    const integration = ctx.integrations.get(auth.organisationId, ref);
    // Another workspace's integration is reported as missing, not as forbidden: it is not the caller's to know.
    if (!integration || (integration.workspace_id !== null && integration.workspace_id !== ws.id)) {
      throw notFound(`Integration "${ref}" was not found`);
    }
    if (integration.status !== 'active') throw badRequest(`Integration "${integration.slug}" is archived`);
    if (!ctx.integrations.usableBy(integration.id, ws.id)) {
      throw badRequest(
        `Integration "${integration.slug}" is not enabled for workspace "${ws.slug}": enable it with PUT /v1/integrations/${integration.slug}/workspaces`,
        { param: 'integration_id' },
      );
    }
    return integration;
  }

  function create(auth: AuthContext, input: CreateProviderInput) {
    requireScope(auth, 'providers.create');
    const ws = ctx.ws.required(auth, input.workspace_id ?? undefined, 'providers');
    const integration = usableIntegration(auth, input.integration_id, ws);
    const slug = input.slug ? checkSlug(input.slug, 'slug') : randomSlug('', input.name);
    const row = ctx.mutate(() => addProvider(ctx, { ...input, workspace: ws, integration, name: input.name, slug, slugSource: 'slug' }));
    return { id: row.id, slug: row.slug, object: 'provider' as const };
  }

  function list(auth: AuthContext, query: { workspace_id?: string }, page: Paging) {
    requireScope(auth, 'providers.list');
    const ws = ctx.ws.required(auth, query.workspace_id, 'providers');
    const { total, rows } = ctx.providers.list(ws.id, page.limit, page.offset);
    return { object: 'list' as const, total, data: rows.map((r) => providerView(r, ctx.usage)) };
  }

  function get(auth: AuthContext, ref: string, workspaceRef: string | undefined) {
    requireScope(auth, 'providers.read');
    return providerView(load(auth, ref, workspaceRef), ctx.usage);
  }

  function update(auth: AuthContext, ref: string, workspaceRef: string | undefined, input: UpdateProviderInput) {
    requireScope(auth, 'providers.update');
    const row = load(auth, ref, given(workspaceRef) ?? given(input.workspace_id));
    ctx.mutate(() => ctx.providers.update(row.id, providerChanges(ctx, row, input)));
    return { id: row.id, slug: row.slug };
  }

  function remove(auth: AuthContext, ref: string, workspaceRef: string | undefined) {
    requireScope(auth, 'providers.delete');
    const row = load(auth, ref, workspaceRef);
    ctx.mutate(() => ctx.providers.delete(row.id));
    return {};
  }

  return { create, list, get, update, delete: remove, load };
}

export type ProvidersService = ReturnType<typeof providersService>;
