// Integrations, their workspace access and their models in SQLite. Secrets arrive here already
// sealed: this layer never sees a provider key in the clear.
import type { Sqlite } from '../../db/sqlite.ts';
import { isUuid } from '../../ids.ts';

export interface IntegrationRow {
  id: string;
  organisation_id: string;
  workspace_id: string | null;
  slug: string;
  name: string;
  description: string | null;
  ai_provider_id: string;
  status: 'active' | 'archived';
  key_encrypted: string | null;
  masked_key: string | null;
  configurations: string;
  secret_configurations: string | null;
  allow_all_models: number;
  global_workspace_access: string | null;
  pricing_adjustments: string | null;
  secret_mappings: string;
  tags: string;
  created_at: string;
  last_updated_at: string;
  /** At most this many requests at its upstream at once, across workspaces (issue 14); null: unlimited. */
  max_concurrent_requests?: number | null;
}

export interface IntegrationAccessRow {
  integration_id: string;
  workspace_id: string;
  enabled: number;
  usage_limits: string;
  rate_limits: string;
  status: 'active' | 'exhausted';
  current_usage: number;
  last_reset_at: string | null;
  created_at: string;
  last_updated_at: string;
}

export interface IntegrationModelRow {
  integration_id: string;
  slug: string;
  enabled: number;
  is_custom: number;
  is_finetune: number;
  base_model_slug: string | null;
  configurations: string | null;
  secret_configurations: string | null;
  pricing_config: string | null;
  created_at: string;
  last_updated_at: string;
}

export interface IntegrationListFilter {
  organisationId: string;
  /** Organisation-level integrations are included. */
  organisationLevel: boolean;
  /** Workspace-level integrations are included. */
  workspaceLevel: boolean;
  /** Only what this workspace can use: its own integrations and org ones enabled for it. */
  workspaceId?: string;
  limit: number;
  offset: number;
}

/**
 * An org integration is usable by a workspace with an enabled access row, or with no row at all
 * while global workspace access is on. A row with enabled = 0 opts the workspace out.
 */
const USABLE_ORG_INTEGRATION = `i.workspace_id IS NULL AND (
  EXISTS (SELECT 1 FROM integration_workspaces a WHERE a.integration_id = i.id AND a.workspace_id = @ws AND a.enabled = 1)
  OR (NOT EXISTS (SELECT 1 FROM integration_workspaces a WHERE a.integration_id = i.id AND a.workspace_id = @ws)
      AND json_extract(i.global_workspace_access, '$.enabled') = 1))`;

const INTEGRATION_COLUMNS = `id, organisation_id, workspace_id, slug, name, description, ai_provider_id, status, key_encrypted,
  masked_key, configurations, secret_configurations, allow_all_models, global_workspace_access, pricing_adjustments,
  secret_mappings, tags, created_at, last_updated_at`;
const ACCESS_COLUMNS = `integration_id, workspace_id, enabled, usage_limits, rate_limits, status, current_usage, last_reset_at,
  created_at, last_updated_at`;
const MODEL_COLUMNS = `integration_id, slug, enabled, is_custom, is_finetune, base_model_slug, configurations, secret_configurations,
  pricing_config, created_at, last_updated_at`;
const params = (columns: string) =>
  columns
    .split(',')
    .map((c) => `@${c.trim()}`)
    .join(', ');

export function integrationsRepository(db: Sqlite) {
  const byId = db.prepare<[string], IntegrationRow>('SELECT * FROM integrations WHERE id = ?');
  const bySlug = db.prepare<[string, string], IntegrationRow>('SELECT * FROM integrations WHERE organisation_id = ? AND slug = ?');
  const insertIntegration = db.prepare(`INSERT INTO integrations (${INTEGRATION_COLUMNS}) VALUES (${params(INTEGRATION_COLUMNS)})`);
  const removeIntegration = db.prepare('DELETE FROM integrations WHERE id = ?');
  const usable = db.prepare<{ id: string; ws: string }, { ok: number }>(
    `SELECT 1 AS ok FROM integrations i WHERE i.id = @id AND (i.workspace_id = @ws OR (${USABLE_ORG_INTEGRATION}))`,
  );
  const accessOne = db.prepare<[string, string], IntegrationAccessRow>(
    'SELECT * FROM integration_workspaces WHERE integration_id = ? AND workspace_id = ?',
  );
  const accessAll = db.prepare<[string], IntegrationAccessRow>('SELECT * FROM integration_workspaces WHERE integration_id = ?');
  const upsertAccessRow = db.prepare(`INSERT INTO integration_workspaces (${ACCESS_COLUMNS}) VALUES (${params(ACCESS_COLUMNS)})
    ON CONFLICT (integration_id, workspace_id) DO UPDATE SET enabled = excluded.enabled, usage_limits = excluded.usage_limits,
    rate_limits = excluded.rate_limits, status = excluded.status, current_usage = excluded.current_usage,
    last_reset_at = excluded.last_reset_at, last_updated_at = excluded.last_updated_at`);
  const removeAccess = db.prepare('DELETE FROM integration_workspaces WHERE integration_id = ?');
  const accessCounts = db.prepare<[string], { enabled: number; disabled: number }>(
    `SELECT coalesce(sum(enabled = 1), 0) AS enabled, coalesce(sum(enabled = 0), 0) AS disabled
     FROM integration_workspaces WHERE integration_id = ?`,
  );
  const activeWorkspaces = db.prepare<[string], { n: number }>(
    "SELECT count(*) AS n FROM workspaces WHERE organisation_id = ? AND status = 'active'",
  );
  const modelsOf = db.prepare<[string], IntegrationModelRow>('SELECT * FROM integration_models WHERE integration_id = ? ORDER BY slug');
  const upsertModelRow = db.prepare(`INSERT INTO integration_models (${MODEL_COLUMNS}) VALUES (${params(MODEL_COLUMNS)})
    ON CONFLICT (integration_id, slug) DO UPDATE SET enabled = excluded.enabled, is_custom = excluded.is_custom,
    is_finetune = excluded.is_finetune, base_model_slug = excluded.base_model_slug, configurations = excluded.configurations,
    secret_configurations = excluded.secret_configurations, pricing_config = excluded.pricing_config,
    last_updated_at = excluded.last_updated_at`);
  const removeModel = db.prepare('DELETE FROM integration_models WHERE integration_id = ? AND slug = ?');
  const savedHosts = db.prepare<{ ws: string }, { configurations: string }>(
    `SELECT i.configurations FROM integrations i WHERE i.status = 'active' AND (i.workspace_id = @ws OR (${USABLE_ORG_INTEGRATION}))`,
  );
  const savedModelHosts = db.prepare<{ ws: string }, { configurations: string }>(
    `SELECT m.configurations FROM integration_models m JOIN integrations i ON i.id = m.integration_id
     WHERE m.configurations IS NOT NULL AND i.status = 'active' AND (i.workspace_id = @ws OR (${USABLE_ORG_INTEGRATION}))`,
  );

  return {
    /** By UUID or slug, within the organisation. */
    get(organisationId: string, idOrSlug: string): IntegrationRow | null {
      if (isUuid(idOrSlug)) {
        const row = byId.get(idOrSlug);
        if (row && row.organisation_id === organisationId) return row;
      }
      return bySlug.get(organisationId, idOrSlug) ?? null;
    },
    getById(id: string): IntegrationRow | null {
      return byId.get(id) ?? null;
    },
    slugTaken(organisationId: string, slug: string): boolean {
      return bySlug.get(organisationId, slug) !== undefined;
    },
    insert(row: IntegrationRow): void {
      insertIntegration.run(row);
    },
    update(id: string, changes: Partial<Omit<IntegrationRow, 'id'>>): void {
      const keys = Object.keys(changes);
      if (keys.length === 0) return;
      db.prepare(`UPDATE integrations SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run({ ...changes, id });
    },
    /** Deletes the integration; its access rows, models and providers go with it (ON DELETE CASCADE). */
    delete(id: string): void {
      removeIntegration.run(id);
    },
    list(filter: IntegrationListFilter): { total: number; rows: IntegrationRow[] } {
      const kinds: string[] = [];
      if (filter.workspaceLevel) kinds.push(filter.workspaceId ? 'i.workspace_id = @ws' : 'i.workspace_id IS NOT NULL');
      if (filter.organisationLevel) kinds.push(filter.workspaceId ? `(${USABLE_ORG_INTEGRATION})` : 'i.workspace_id IS NULL');
      if (kinds.length === 0) return { total: 0, rows: [] };
      const where = `i.organisation_id = @org AND (${kinds.join(' OR ')})`;
      const bind = { org: filter.organisationId, ws: filter.workspaceId ?? null };
      const total = db.prepare<typeof bind, { n: number }>(`SELECT count(*) AS n FROM integrations i WHERE ${where}`).get(bind)!.n;
      const rows = db
        .prepare<typeof bind & { limit: number; offset: number }, IntegrationRow>(
          `SELECT i.* FROM integrations i WHERE ${where} ORDER BY i.created_at DESC, i.id LIMIT @limit OFFSET @offset`,
        )
        .all({ ...bind, limit: filter.limit, offset: filter.offset });
      return { total, rows };
    },
    usableBy(integrationId: string, workspaceId: string): boolean {
      return usable.get({ id: integrationId, ws: workspaceId }) !== undefined;
    },
    /** Workspaces that can use the integration (1 for a workspace-level one). */
    workspaceCount(row: IntegrationRow): number {
      if (row.workspace_id) return 1;
      const { enabled, disabled } = accessCounts.get(row.id)!;
      const globalOn = (JSON.parse(row.global_workspace_access ?? 'null') as { enabled?: boolean } | null)?.enabled === true;
      return globalOn ? Math.max(activeWorkspaces.get(row.organisation_id)!.n - disabled, 0) : enabled;
    },
    access(integrationId: string, workspaceId: string): IntegrationAccessRow | null {
      return accessOne.get(integrationId, workspaceId) ?? null;
    },
    accessRows(integrationId: string): IntegrationAccessRow[] {
      return accessAll.all(integrationId);
    },
    upsertAccess(row: IntegrationAccessRow): void {
      upsertAccessRow.run(row);
    },
    clearAccess(integrationId: string): void {
      removeAccess.run(integrationId);
    },
    models(integrationId: string): IntegrationModelRow[] {
      return modelsOf.all(integrationId);
    },
    upsertModel(row: IntegrationModelRow): void {
      upsertModelRow.run(row);
    },
    deleteModel(integrationId: string, slug: string): void {
      removeModel.run(integrationId, slug);
    },
    /** The (non-secret) configurations of every integration and model a workspace can use. */
    configurationsUsableBy(workspaceId: string): string[] {
      return [...savedHosts.all({ ws: workspaceId }), ...savedModelHosts.all({ ws: workspaceId })].map((r) => r.configurations);
    },
    transaction<T>(fn: () => T): T {
      return db.transaction(fn)();
    },
  };
}

export type IntegrationsRepository = ReturnType<typeof integrationsRepository>;
