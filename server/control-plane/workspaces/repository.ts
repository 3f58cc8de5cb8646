// Workspaces in SQLite. Ids are UUIDs; every lookup also accepts the slug.
import type { Sqlite } from '../../db/sqlite.ts';
import { parseJson } from '../../db/rows.ts';
import { isUuid } from '../../ids.ts';
import type { UsageLimits } from '../../identity/auth.ts';
import { type UsageLedger, usageSubject } from '../../identity/usage.ts';

/** The columns every workspace is created with. */
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

/** A stored workspace: the row plus the columns migrations 0003 and 0008 added (defaulted on insert). */
export interface WorkspaceRecord extends WorkspaceRow {
  metadata: string;
  /** Its own security settings (JSON), for the sections the organisation opened to workspaces. */
  settings: string;
  current_usage: number;
  last_reset_at: string | null;
}

export type WorkspaceChanges = Partial<
  Pick<
    WorkspaceRecord,
    | 'name'
    | 'description'
    | 'status'
    | 'defaults'
    | 'metadata'
    | 'settings'
    | 'usage_limits'
    | 'rate_limits'
    | 'current_usage'
    | 'last_reset_at'
    | 'last_updated_at'
  >
>;

export interface WorkspaceListFilter {
  organisationId: string;
  ids?: string[];
  statuses: string[];
  /** Case-sensitive substring of the name. */
  name?: string;
  exactName?: string;
  limit: number;
  offset: number;
}

export function workspacesRepository(db: Sqlite) {
  const byId = db.prepare<[string], WorkspaceRecord>('SELECT * FROM workspaces WHERE id = ?');
  const bySlug = db.prepare<[string], WorkspaceRecord>('SELECT * FROM workspaces WHERE slug = ?');
  const defaultOf = db.prepare<[string], WorkspaceRecord>('SELECT * FROM workspaces WHERE organisation_id = ? AND is_default = 1');
  const insert = db.prepare(`INSERT INTO workspaces
    (id, organisation_id, slug, name, description, is_default, status, defaults, usage_limits, rate_limits, metadata,
     created_at, last_updated_at)
    VALUES (@id, @organisation_id, @slug, @name, @description, @is_default, @status, @defaults, @usage_limits,
     @rate_limits, @metadata, @created_at, @last_updated_at)`);
  const remove = db.prepare('DELETE FROM workspaces WHERE id = ?');
  return {
    get(idOrSlug: string): WorkspaceRecord | null {
      return (isUuid(idOrSlug) ? byId.get(idOrSlug) : bySlug.get(idOrSlug)) ?? null;
    },
    defaultWorkspace(organisationId: string): WorkspaceRecord | null {
      return defaultOf.get(organisationId) ?? null;
    },
    insert(row: WorkspaceRow & { metadata?: string }): void {
      insert.run({ ...row, metadata: row.metadata ?? '{}' });
    },
    update(id: string, changes: WorkspaceChanges): void {
      const keys = Object.keys(changes);
      if (keys.length === 0) return;
      db.prepare(`UPDATE workspaces SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run({ ...changes, id });
    },
    delete(id: string): boolean {
      return remove.run(id).changes > 0;
    },
    list(filter: WorkspaceListFilter): { total: number; rows: WorkspaceRecord[] } {
      const where = ['organisation_id = ?', `status IN (${filter.statuses.map(() => '?').join(',') || 'NULL'})`];
      const params: unknown[] = [filter.organisationId, ...filter.statuses];
      if (filter.ids) {
        where.push(`id IN (${filter.ids.map(() => '?').join(',') || 'NULL'})`);
        params.push(...filter.ids);
      }
      // instr() is case-sensitive where LIKE is not.
      if (filter.name !== undefined) {
        where.push('instr(name, ?) > 0');
        params.push(filter.name);
      }
      if (filter.exactName !== undefined) {
        where.push('name = ?');
        params.push(filter.exactName);
      }
      const clause = where.join(' AND ');
      const total = db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM workspaces WHERE ${clause}`).get(...params)!.n;
      const rows = db
        .prepare<unknown[], WorkspaceRecord>(
          `SELECT * FROM workspaces WHERE ${clause} ORDER BY is_default DESC, created_at, name LIMIT ? OFFSET ?`,
        )
        .all(...params, filter.limit, filter.offset);
      return { total, rows };
    },
    transaction<T>(fn: () => T): T {
      return db.transaction(fn)();
    },
  };
}

export type WorkspacesRepository = ReturnType<typeof workspacesRepository>;

/** `usage`: the limits engine's live counters, one per budget of the list. */
export function workspaceView(row: WorkspaceRow & Partial<WorkspaceRecord>, usage?: UsageLedger) {
  const defaults = parseJson<Record<string, unknown>>(row.defaults, {});
  const budgets = parseJson<UsageLimits[]>(row.usage_limits, []).map((limits, i) => {
    const live = usage?.live(usageSubject.workspace(row.id, i), limits) ?? null;
    return {
      ...limits,
      current_usage: live?.current_usage ?? (i === 0 ? (row.current_usage ?? 0) : 0),
      status: live?.status ?? 'active',
      next_usage_reset_at: limits.next_usage_reset_at ?? live?.next_usage_reset_at ?? null,
      enforced: usage?.enabled ?? true,
    };
  });
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    status: row.status,
    created_at: row.created_at,
    last_updated_at: row.last_updated_at,
    defaults: { ...defaults, is_default: row.is_default, object: 'workspace' as const },
    metadata: parseJson<Record<string, unknown>>(row.metadata, {}),
    usage_limits: budgets,
    rate_limits: parseJson<Record<string, unknown>[]>(row.rate_limits, []),
    last_reset_at: row.last_reset_at ?? null,
    object: 'workspace' as const,
  };
}

export type WorkspaceView = ReturnType<typeof workspaceView>;
