// Which workspaces may use an organisation integration (GET/PUT /integrations/:slug/workspaces),
// with each workspace's allocation, and default providers for workspaces that gain access.
import { badRequest, notFound } from '../../errors.ts';
import { isoNow, parseJson } from '../../db/rows.ts';
import type { AuthContext, RateLimit, UsageLimits } from '../../identity/auth.ts';
import type { WorkspaceRow } from '../workspaces/repository.ts';
import { requireIntegrationAccess } from './access.ts';
import { checkRateLimits, checkSlug, checkUsageLimits } from './checks.ts';
import type { CatalogContext } from './context.ts';
import type { IntegrationAccessRow, IntegrationRow } from './integrationsRepository.ts';
import { addProvider } from './providersService.ts';
import { type GlobalWorkspaceAccess, budgetView } from './views.ts';
import { usageSubject } from '../../identity/usage.ts';

export interface WorkspaceAccessInput {
  id: string;
  enabled: boolean;
  usage_limits?: UsageLimits[] | null;
  rate_limits?: RateLimit[] | null;
  reset_usage?: boolean;
  create_default_provider?: boolean;
  default_provider_slug?: string;
}

export interface UpdateWorkspaceAccessInput {
  workspaces?: WorkspaceAccessInput[];
  global_workspace_access?: GlobalWorkspaceAccess | null;
  override_existing_workspace_access?: boolean;
  /** The portkey-ai SDK's spelling of the same flag. */
  override_existing_workspaces_access?: boolean;
  create_default_provider?: boolean;
  default_provider_slug?: string;
}

const ALL_WORKSPACES = { limit: 100_000, offset: 0 };

function checkAllocation(usage: UsageLimits[] | null | undefined, rate: RateLimit[] | null | undefined, where: string) {
  for (const u of usage ?? []) checkUsageLimits(u, `${where}.usage_limits`);
  checkRateLimits(rate ?? null, `${where}.rate_limits`);
}

export function integrationWorkspacesService(ctx: CatalogContext) {
  function load(auth: AuthContext, ref: string): IntegrationRow {
    const row = ctx.integrations.get(auth.organisationId, ref);
    if (!row) throw notFound(`Integration "${ref}" was not found`);
    return row;
  }

  function orgWorkspaces(organisationId: string): WorkspaceRow[] {
    return ctx.workspaces.list({ organisationId, statuses: ['active'], ...ALL_WORKSPACES }).rows;
  }

  function list(auth: AuthContext, ref: string) {
    const row = load(auth, ref);
    requireIntegrationAccess(auth, row, 'read');
    if (row.workspace_id) {
      const ws = ctx.workspaces.get(row.workspace_id)!;
      return { total: 1, workspaces: [{ id: ws.id, slug: ws.slug, name: ws.name, enabled: true, usage_limits: [], rate_limits: [] }] };
    }
    const global = parseJson<GlobalWorkspaceAccess | null>(row.global_workspace_access, null);
    const rows = new Map(ctx.integrations.accessRows(row.id).map((a) => [a.workspace_id, a]));
    const workspaces = orgWorkspaces(auth.organisationId).map((ws) => {
      const a = rows.get(ws.id);
      const inherit = !a && global?.enabled === true;
      const usage: UsageLimits[] = a ? parseJson<UsageLimits[]>(a.usage_limits, []) : inherit ? (global.usage_limits ?? []) : [];
      const subject = usageSubject.allocation(row.id, ws.id);
      return {
        id: ws.id,
        slug: ws.slug,
        name: ws.name,
        enabled: a ? a.enabled === 1 : inherit,
        // Each allocation shows its live counter, as API keys and providers do.
        usage_limits: usage.map((u, i) => (i === 0 ? budgetView(u, a?.current_usage ?? 0, subject, ctx.usage)! : u)),
        rate_limits: a ? parseJson<RateLimit[]>(a.rate_limits, []) : inherit ? (global.rate_limits ?? []) : [],
      };
    });
    return { total: workspaces.length, workspaces };
  }

  function update(auth: AuthContext, ref: string, input: UpdateWorkspaceAccessInput) {
    const row = load(auth, ref);
    requireIntegrationAccess(auth, row, 'update');
    if (row.workspace_id) {
      throw badRequest(`Integration "${row.slug}" belongs to one workspace; workspace access applies to organisation integrations only`);
    }
    if (input.default_provider_slug) checkSlug(input.default_provider_slug, 'default_provider_slug');
    const global = input.global_workspace_access;
    if (global) checkAllocation(global.usage_limits, global.rate_limits, 'global_workspace_access');
    // Resolve and check every named workspace before writing anything.
    const targets = (input.workspaces ?? []).map((w, i) => {
      const ws = ctx.workspaces.get(w.id);
      if (!ws || ws.organisation_id !== auth.organisationId) throw notFound(`Workspace "${w.id}" was not found`);
      checkAllocation(w.usage_limits, w.rate_limits, `workspaces.${i}`);
      if (w.default_provider_slug) checkSlug(w.default_provider_slug, `workspaces.${i}.default_provider_slug`);
      return { input: w, ws };
    });
    const everyone = orgWorkspaces(auth.organisationId);
    const before = new Set(everyone.filter((ws) => ctx.integrations.usableBy(row.id, ws.id)).map((ws) => ws.id));
    const at = isoNow(ctx.now());

    ctx.mutate(() => {
      if (global !== undefined) {
        ctx.integrations.update(row.id, { global_workspace_access: global ? JSON.stringify(global) : null, last_updated_at: at });
      }
      if (input.override_existing_workspace_access ?? input.override_existing_workspaces_access) ctx.integrations.clearAccess(row.id);
      for (const { input: w, ws } of targets) {
        const old = ctx.integrations.access(row.id, ws.id);
        const next: IntegrationAccessRow = {
          integration_id: row.id,
          workspace_id: ws.id,
          enabled: w.enabled ? 1 : 0,
          usage_limits: w.usage_limits !== undefined ? JSON.stringify(w.usage_limits ?? []) : (old?.usage_limits ?? '[]'),
          rate_limits: w.rate_limits !== undefined ? JSON.stringify(w.rate_limits ?? []) : (old?.rate_limits ?? '[]'),
          status: w.reset_usage ? 'active' : (old?.status ?? 'active'),
          current_usage: w.reset_usage ? 0 : (old?.current_usage ?? 0),
          last_reset_at: w.reset_usage ? at : (old?.last_reset_at ?? null),
          created_at: old?.created_at ?? at,
          last_updated_at: at,
        };
        ctx.integrations.upsertAccess(next);
        if (w.reset_usage) ctx.usage?.reset(usageSubject.allocation(row.id, ws.id));
      }
      // Workspaces that gained access get a default provider unless the request says otherwise.
      const perWorkspace = new Map(targets.map((t) => [t.ws.id, t.input]));
      for (const ws of everyone) {
        if (before.has(ws.id) || !ctx.integrations.usableBy(row.id, ws.id)) continue;
        const own = perWorkspace.get(ws.id);
        if ((own?.create_default_provider ?? input.create_default_provider ?? true) === false) continue;
        if (ctx.providers.ofIntegration(row.id, ws.id).length > 0) continue; // kept from an earlier grant
        const explicit = own?.default_provider_slug ?? input.default_provider_slug;
        addProvider(ctx, {
          workspace: ws,
          integration: row,
          name: row.name,
          slug: explicit ?? row.slug,
          slugSource: explicit ? 'default_provider_slug' : 'integration',
        });
      }
    });
    return {};
  }

  return { list, update };
}

export type IntegrationWorkspacesService = ReturnType<typeof integrationWorkspacesService>;
