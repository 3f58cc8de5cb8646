// Workspaces in SQLite. Ids are UUIDs; every lookup also accepts the slug.
import type { Sqlite } from '../../db/sqlite.ts';
import { parseJson } from '../../db/rows.ts';
import { isUuid } from '../../ids.ts';

export interface WorkspaceRow {
  id: string;
  organisation_id: string;
  slug: string;
  name: string;
  description: string | null;
  is_default: number;
  status: 'active' | 'archived';
  defaults: string;
  usage_limits: string;
  rate_limits: string;
  created_at: string;
  last_updated_at: string;
}

export function workspacesRepository(db: Sqlite) {
  const byId = db.prepare<[string], WorkspaceRow>('SELECT * FROM workspaces WHERE id = ?');
  const bySlug = db.prepare<[string], WorkspaceRow>('SELECT * FROM workspaces WHERE slug = ?');
  const defaultOf = db.prepare<[string], WorkspaceRow>(
    'SELECT * FROM workspaces WHERE organisation_id = ? AND is_default = 1',
  );
  const insert = db.prepare(`INSERT INTO workspaces
    (id, organisation_id, slug, name, description, is_default, status, defaults, usage_limits, rate_limits, created_at, last_updated_at)
    VALUES (@id, @organisation_id, @slug, @name, @description, @is_default, @status, @defaults, @usage_limits, @rate_limits, @created_at, @last_updated_at)`);
  return {
    get(idOrSlug: string): WorkspaceRow | null {
      return (isUuid(idOrSlug) ? byId.get(idOrSlug) : bySlug.get(idOrSlug)) ?? null;
    },
    defaultWorkspace(organisationId: string): WorkspaceRow | null {
      return defaultOf.get(organisationId) ?? null;
    },
    insert(row: WorkspaceRow): void {
      insert.run(row);
    },
    list(filter: { organisationId: string; ids?: string[]; statuses: string[]; limit: number; offset: number }) {
      const where = ['organisation_id = ?', `status IN (${filter.statuses.map(() => '?').join(',')})`];
      const params: unknown[] = [filter.organisationId, ...filter.statuses];
      if (filter.ids) {
        where.push(`id IN (${filter.ids.map(() => '?').join(',') || 'NULL'})`);
        params.push(...filter.ids);
      }
      const clause = where.join(' AND ');
      const total = db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM workspaces WHERE ${clause}`).get(...params)!.n;
      const rows = db
        .prepare<unknown[], WorkspaceRow>(
          `SELECT * FROM workspaces WHERE ${clause} ORDER BY is_default DESC, created_at, name LIMIT ? OFFSET ?`,
        )
        .all(...params, filter.limit, filter.offset);
      return { total, rows };
    },
  };
}

export type WorkspacesRepository = ReturnType<typeof workspacesRepository>;

export function workspaceView(row: WorkspaceRow) {
  const defaults = parseJson<Record<string, unknown>>(row.defaults, {});
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    status: row.status,
    created_at: row.created_at,
    last_updated_at: row.last_updated_at,
    defaults: { ...defaults, is_default: row.is_default, object: 'workspace' as const },
    usage_limits: parseJson<Record<string, unknown>[]>(row.usage_limits, []),
    rate_limits: parseJson<Record<string, unknown>[]>(row.rate_limits, []),
    object: 'workspace' as const,
  };
}
