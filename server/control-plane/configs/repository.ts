// Saved configs and their versions in SQLite. Statements are prepared once; reads join the current
// version, which is what every view of a config shows.
import type { Sqlite } from '../../db/sqlite.ts';
import { isUuid } from '../../ids.ts';

export interface ConfigRow {
  id: string;
  organisation_id: string;
  workspace_id: string;
  slug: string;
  name: string;
  is_default: number;
  status: 'active' | 'archived';
  current_version_id: string;
  owner_id: string | null;
  updated_by: string | null;
  created_at: string;
  last_updated_at: string;
}

export interface ConfigVersionRow {
  id: string;
  config_id: string;
  version: number;
  name: string;
  /** The validated config object as JSON text. */
  config: string;
  created_by: string | null;
  created_at: string;
}

/** A config with its current version's number and body. */
export interface CurrentConfigRow extends ConfigRow {
  version: number;
  config: string;
}

const CURRENT = `SELECT c.*, v.version AS version, v.config AS config
  FROM configs c JOIN config_versions v ON v.id = c.current_version_id`;

export function configsRepository(db: Sqlite) {
  const byId = db.prepare<[string], CurrentConfigRow>(`${CURRENT} WHERE c.id = ?`);
  const bySlug = db.prepare<[string], CurrentConfigRow>(`${CURRENT} WHERE c.slug = ?`);
  const slugExists = db.prepare<[string], { n: number }>('SELECT 1 AS n FROM configs WHERE slug = ?');
  const insertConfig = db.prepare(`INSERT INTO configs
    (id, organisation_id, workspace_id, slug, name, is_default, status, current_version_id, owner_id, updated_by, created_at, last_updated_at)
    VALUES (@id, @organisation_id, @workspace_id, @slug, @name, @is_default, @status, @current_version_id, @owner_id, @updated_by, @created_at, @last_updated_at)`);
  const insertVersion = db.prepare(`INSERT INTO config_versions (id, config_id, version, name, config, created_by, created_at)
    VALUES (@id, @config_id, @version, @name, @config, @created_by, @created_at)`);
  const lastVersion = db.prepare<[string], { n: number | null }>('SELECT max(version) AS n FROM config_versions WHERE config_id = ?');
  const clearDefault = db.prepare<[string, string]>(
    'UPDATE configs SET is_default = 0 WHERE workspace_id = ? AND is_default = 1 AND id <> ?',
  );
  const remove = db.prepare<[string]>('DELETE FROM configs WHERE id = ?');
  const versionsOf = db.prepare<[string, number, number], ConfigVersionRow>(
    'SELECT * FROM config_versions WHERE config_id = ? ORDER BY version DESC LIMIT ? OFFSET ?',
  );
  const versionCount = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM config_versions WHERE config_id = ?');

  function list(filter: { organisationId: string; workspaceId: string | null; limit: number; offset: number }) {
    const where = filter.workspaceId ? 'organisation_id = ? AND workspace_id = ?' : 'organisation_id = ?';
    const params = filter.workspaceId ? [filter.organisationId, filter.workspaceId] : [filter.organisationId];
    const total = db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM configs WHERE ${where}`).get(...params)!.n;
    const rows = db
      .prepare<unknown[], ConfigRow>(`SELECT * FROM configs WHERE ${where} ORDER BY created_at DESC, id LIMIT ? OFFSET ?`)
      .all(...params, filter.limit, filter.offset);
    return { total, rows };
  }

  return {
    /** By UUID or slug (slugs are unique across the appliance). */
    get(idOrSlug: string): CurrentConfigRow | null {
      return (isUuid(idOrSlug) ? byId.get(idOrSlug) : undefined) ?? bySlug.get(idOrSlug) ?? null;
    },
    slugTaken(slug: string): boolean {
      return slugExists.get(slug) !== undefined;
    },
    insert(row: ConfigRow): void {
      insertConfig.run(row);
    },
    insertVersion(row: ConfigVersionRow): void {
      insertVersion.run(row);
    },
    nextVersion(configId: string): number {
      return (lastVersion.get(configId)?.n ?? 0) + 1;
    },
    update(id: string, changes: Partial<Omit<ConfigRow, 'id'>>): void {
      const keys = Object.keys(changes);
      if (keys.length === 0) return;
      db.prepare(`UPDATE configs SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run({ ...changes, id });
    },
    /** Makes `id` the only default of its workspace (call before setting is_default on it). */
    clearOtherDefaults(workspaceId: string, id: string): void {
      clearDefault.run(workspaceId, id);
    },
    delete(id: string): void {
      remove.run(id);
    },
    /** Newest first. */
    versions(configId: string, limit: number, offset: number): { total: number; rows: ConfigVersionRow[] } {
      return { total: versionCount.get(configId)!.n, rows: versionsOf.all(configId, limit, offset) };
    },
    list,
    transaction<T>(fn: () => T): T {
      return db.transaction(fn)();
    },
  };
}

export type ConfigsRepository = ReturnType<typeof configsRepository>;
