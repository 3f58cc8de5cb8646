// Saved guardrails, their versions and the organisation's default guardrails in SQLite. Statements
// are prepared once; reads join the current version, which is what every view shows.
import type { Sqlite } from '../../db/sqlite.ts';
import { isUuid } from '../../ids.ts';

export interface GuardrailRow {
  id: string;
  organisation_id: string;
  workspace_id: string | null;
  slug: string;
  name: string;
  status: 'active' | 'archived';
  current_version_id: string;
  owner_id: string | null;
  updated_by: string | null;
  created_at: string;
  last_updated_at: string;
}

export interface GuardrailVersionRow {
  id: string;
  guardrail_id: string;
  version: number;
  name: string;
  checks: string;
  actions: string;
  created_by: string | null;
  created_at: string;
}

/** A guardrail with its current version's number, checks and actions (JSON text). */
export interface CurrentGuardrailRow extends GuardrailRow {
  version: number;
  checks: string;
  actions: string;
}

export interface DefaultsRow {
  organisation_id: string;
  input_guardrails: string;
  output_guardrails: string;
  updated_by: string | null;
  last_updated_at: string;
}

const CURRENT = `SELECT g.*, v.version AS version, v.checks AS checks, v.actions AS actions
  FROM guardrails g JOIN guardrail_versions v ON v.id = g.current_version_id`;

export interface ListFilter {
  organisationId: string;
  /** undefined: every level; null: organisation-level only; a workspace id: that workspace's. */
  workspaceId?: string | null;
  /** Also the organisation-level guardrails (what a workspace may use). */
  withOrganisation?: boolean;
  ids?: string[];
  limit: number;
  offset: number;
}

export function guardrailsRepository(db: Sqlite) {
  const byId = db.prepare<[string], CurrentGuardrailRow>(`${CURRENT} WHERE g.id = ?`);
  const bySlug = db.prepare<[string], CurrentGuardrailRow>(`${CURRENT} WHERE g.slug = ?`);
  const slugExists = db.prepare<[string], { n: number }>('SELECT 1 AS n FROM guardrails WHERE slug = ?');
  const insertRow = db.prepare(`INSERT INTO guardrails
    (id, organisation_id, workspace_id, slug, name, status, current_version_id, owner_id, updated_by, created_at, last_updated_at)
    VALUES (@id, @organisation_id, @workspace_id, @slug, @name, @status, @current_version_id, @owner_id, @updated_by, @created_at, @last_updated_at)`);
  const insertVersionRow =
    db.prepare(`INSERT INTO guardrail_versions (id, guardrail_id, version, name, checks, actions, created_by, created_at)
    VALUES (@id, @guardrail_id, @version, @name, @checks, @actions, @created_by, @created_at)`);
  const lastVersion = db.prepare<[string], { n: number | null }>('SELECT max(version) AS n FROM guardrail_versions WHERE guardrail_id = ?');
  const updateRow = db.prepare(`UPDATE guardrails SET name = @name, status = @status, current_version_id = @current_version_id,
    updated_by = @updated_by, last_updated_at = @last_updated_at WHERE id = @id`);
  const remove = db.prepare<[string]>('DELETE FROM guardrails WHERE id = ?');
  const defaultsOf = db.prepare<[string], DefaultsRow>('SELECT * FROM organisation_defaults WHERE organisation_id = ?');
  const upsertDefaults =
    db.prepare(`INSERT INTO organisation_defaults (organisation_id, input_guardrails, output_guardrails, updated_by, last_updated_at)
    VALUES (@organisation_id, @input_guardrails, @output_guardrails, @updated_by, @last_updated_at)
    ON CONFLICT (organisation_id) DO UPDATE SET input_guardrails = excluded.input_guardrails,
      output_guardrails = excluded.output_guardrails, updated_by = excluded.updated_by, last_updated_at = excluded.last_updated_at`);

  function list(filter: ListFilter) {
    const where = ['organisation_id = ?'];
    const params: unknown[] = [filter.organisationId];
    if (filter.workspaceId === null) where.push('workspace_id IS NULL');
    else if (filter.workspaceId !== undefined) {
      where.push(filter.withOrganisation ? '(workspace_id = ? OR workspace_id IS NULL)' : 'workspace_id = ?');
      params.push(filter.workspaceId);
    }
    if (filter.ids?.length) {
      where.push(`(id IN (${filter.ids.map(() => '?').join(', ')}) OR slug IN (${filter.ids.map(() => '?').join(', ')}))`);
      params.push(...filter.ids, ...filter.ids);
    }
    const sql = where.join(' AND ');
    const total = db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM guardrails WHERE ${sql}`).get(...params)!.n;
    const rows = db
      .prepare<unknown[], GuardrailRow>(`SELECT * FROM guardrails WHERE ${sql} ORDER BY created_at DESC, id LIMIT ? OFFSET ?`)
      .all(...params, filter.limit, filter.offset);
    return { total, rows };
  }

  return {
    /** By UUID or slug (slugs are unique across the appliance). */
    get(idOrSlug: string): CurrentGuardrailRow | null {
      return (isUuid(idOrSlug) ? byId.get(idOrSlug) : undefined) ?? bySlug.get(idOrSlug) ?? null;
    },
    slugTaken: (slug: string) => slugExists.get(slug) !== undefined,
    insert: (row: GuardrailRow) => void insertRow.run(row),
    insertVersion: (row: GuardrailVersionRow) => void insertVersionRow.run(row),
    nextVersion: (id: string) => (lastVersion.get(id)?.n ?? 0) + 1,
    update: (row: Pick<GuardrailRow, 'id' | 'name' | 'status' | 'current_version_id' | 'updated_by' | 'last_updated_at'>) =>
      void updateRow.run(row),
    delete: (id: string) => void remove.run(id),
    list,
    defaults: (organisationId: string) => defaultsOf.get(organisationId) ?? null,
    setDefaults: (row: DefaultsRow) => void upsertDefaults.run(row),
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
  };
}

export type GuardrailsRepository = ReturnType<typeof guardrailsRepository>;
