// Log exports in SQLite: prepared once, bound parameters, typed rows.
import type { Sqlite } from '../../db/sqlite.ts';

export type ExportStatus = 'draft' | 'in_progress' | 'success' | 'failed' | 'stopped';

export interface ExportRow {
  id: string;
  organisation_id: string;
  workspace_id: string | null;
  description: string | null;
  filters: string;
  requested_data: string;
  status: ExportStatus;
  total_rows: number | null;
  exported_rows: number;
  error_message: string | null;
  file_bytes: number | null;
  created_by: string;
  created_by_user_id: string | null;
  created_by_api_key_id: string;
  started_at: string | null;
  finished_at: string | null;
  created_at: string;
  last_updated_at: string;
}

export interface ExportListFilter {
  organisationId: string;
  workspaceId: string | null;
  createdByUserId: string | null;
}

const COLUMNS = `id, organisation_id, workspace_id, description, filters, requested_data, status, total_rows, exported_rows,
  error_message, file_bytes, created_by, created_by_user_id, created_by_api_key_id, started_at, finished_at, created_at, last_updated_at`;

export function exportsRepository(db: Sqlite) {
  const byId = db.prepare<[string], ExportRow>('SELECT * FROM log_exports WHERE id = ?');
  const insert = db.prepare(`INSERT INTO log_exports (${COLUMNS}) VALUES (@id, @organisation_id, @workspace_id, @description,
    @filters, @requested_data, @status, @total_rows, @exported_rows, @error_message, @file_bytes, @created_by, @created_by_user_id,
    @created_by_api_key_id, @started_at, @finished_at, @created_at, @last_updated_at)`);
  const progress = db.prepare<[number, string, string]>(
    "UPDATE log_exports SET exported_rows = ?, last_updated_at = ? WHERE id = ? AND status = 'in_progress'",
  );
  const running = db.prepare<[], ExportRow>("SELECT * FROM log_exports WHERE status = 'in_progress'");

  return {
    get: (id: string) => byId.get(id) ?? null,
    insert: (row: ExportRow) => void insert.run(row),
    /** Writes the given columns; with `onlyIf`, only while the export still has that status. */
    update(id: string, patch: Partial<Omit<ExportRow, 'id'>>, onlyIf?: ExportStatus): boolean {
      const keys = Object.keys(patch);
      const sql = `UPDATE log_exports SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id${onlyIf ? ' AND status = @onlyIf' : ''}`;
      return db.prepare(sql).run({ ...patch, id, ...(onlyIf ? { onlyIf } : {}) }).changes > 0;
    },
    progress: (id: string, exported: number, at: string) => progress.run(exported, at, id).changes > 0,
    running: () => running.all(),
    list(filter: ExportListFilter, limit: number, offset: number) {
      const where = ['organisation_id = ?'];
      const params: unknown[] = [filter.organisationId];
      if (filter.workspaceId !== null) {
        where.push('workspace_id = ?');
        params.push(filter.workspaceId);
      }
      if (filter.createdByUserId !== null) {
        where.push('created_by_user_id = ?');
        params.push(filter.createdByUserId);
      }
      const clause = where.join(' AND ');
      const total = db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM log_exports WHERE ${clause}`).get(...params)!.n;
      const rows = db
        .prepare<unknown[], ExportRow>(`SELECT * FROM log_exports WHERE ${clause} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`)
        .all(...params, limit, offset);
      return { total, rows };
    },
  };
}

export type ExportsRepository = ReturnType<typeof exportsRepository>;
