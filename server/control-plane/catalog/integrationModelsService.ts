// Models of an integration (GET/PUT/DELETE /integrations/:slug/models): which are enabled, custom
// and fine-tuned models, per-model custom_host/custom_headers and static pricing.
import { badRequest, notFound } from '../../errors.ts';
import { isoNow, parseJson, toJson } from '../../db/rows.ts';
import type { AuthContext } from '../../identity/auth.ts';
import { requireIntegrationAccess } from './access.ts';
import { checkConfigurations, fieldUnder } from './checks.ts';
import type { CatalogContext } from './context.ts';
import type { IntegrationModelRow, IntegrationRow } from './integrationsRepository.ts';
import { type Configurations, configurationColumns, openSecrets, patchConfigurations } from './secretFields.ts';
import { modelView } from './views.ts';

export interface ModelInput {
  slug: string;
  enabled: boolean;
  is_custom?: boolean | null;
  is_finetune?: boolean | null;
  base_model_slug?: string | null;
  configurations?: Configurations | null;
  pricing_config?: Record<string, unknown> | null;
}

export interface UpdateModelsInput {
  models: ModelInput[];
  allow_all_models?: boolean;
}

export function integrationModelsService(ctx: CatalogContext) {
  function load(auth: AuthContext, ref: string, action: 'read' | 'update'): IntegrationRow {
    const row = ctx.integrations.get(auth.organisationId, ref);
    if (!row) throw notFound(`Integration "${ref}" was not found`);
    requireIntegrationAccess(auth, row, action);
    return row;
  }

  function list(auth: AuthContext, ref: string) {
    const row = load(auth, ref, 'read');
    const models = ctx.integrations.models(row.id).map((m) => modelView(m, ctx.secrets));
    return { total: models.length, allow_all_models: row.allow_all_models === 1, models };
  }

  function update(auth: AuthContext, ref: string, input: UpdateModelsInput) {
    const row = load(auth, ref, 'update');
    const existing = new Map(ctx.integrations.models(row.id).map((m) => [m.slug, m]));
    const seen = new Set<string>();
    const at = isoNow(ctx.now());
    // Build (and check) every row first so that a bad model changes nothing.
    const rows = input.models.map((m, i): IntegrationModelRow => {
      if (seen.has(m.slug)) throw badRequest(`models lists "${m.slug}" more than once`, { param: 'models' });
      seen.add(m.slug);
      const old = existing.get(m.slug);
      let columns = { configurations: old?.configurations ?? null, secret_configurations: old?.secret_configurations ?? null };
      if (m.configurations !== undefined) {
        const current = old
          ? { ...parseJson<Configurations>(old.configurations, {}), ...openSecrets(ctx.secrets, old.secret_configurations) }
          : {};
        const next = checkConfigurations(patchConfigurations(current, m.configurations ?? {}), fieldUnder(`models.${i}.configurations`));
        columns = Object.keys(next).length
          ? configurationColumns(ctx.secrets, next)
          : { configurations: null, secret_configurations: null };
      }
      return {
        integration_id: row.id,
        slug: m.slug,
        enabled: m.enabled ? 1 : 0,
        is_custom: m.is_custom != null ? Number(m.is_custom) : (old?.is_custom ?? 0),
        is_finetune: m.is_finetune != null ? Number(m.is_finetune) : (old?.is_finetune ?? 0),
        base_model_slug: m.base_model_slug !== undefined ? m.base_model_slug : (old?.base_model_slug ?? null),
        ...columns,
        pricing_config: m.pricing_config !== undefined ? toJson(m.pricing_config) : (old?.pricing_config ?? null),
        created_at: old?.created_at ?? at,
        last_updated_at: at,
      };
    });
    ctx.mutate(() => {
      for (const r of rows) ctx.integrations.upsertModel(r);
      if (input.allow_all_models !== undefined) {
        ctx.integrations.update(row.id, { allow_all_models: input.allow_all_models ? 1 : 0, last_updated_at: at });
      }
    });
    return {};
  }

  /** Removes custom models; catalogue models are turned off with PUT instead. */
  function remove(auth: AuthContext, ref: string, slugs: string[]) {
    const row = load(auth, ref, 'update');
    if (slugs.length === 0) throw badRequest('Name the custom models to delete: ?slugs=model-a,model-b', { param: 'slugs' });
    const existing = new Map(ctx.integrations.models(row.id).map((m) => [m.slug, m]));
    for (const slug of slugs) {
      const m = existing.get(slug);
      if (!m) throw notFound(`Model "${slug}" was not found in integration "${row.slug}"`);
      if (m.is_custom !== 1) {
        throw badRequest(`Model "${slug}" is not a custom model: turn it off with PUT /v1/integrations/${row.slug}/models instead`, {
          param: 'slugs',
        });
      }
    }
    ctx.mutate(() => {
      for (const slug of slugs) ctx.integrations.deleteModel(row.id, slug);
    });
    return {};
  }

  return { list, update, delete: remove };
}

export type IntegrationModelsService = ReturnType<typeof integrationModelsService>;
