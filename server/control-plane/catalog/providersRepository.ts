// Providers (a workspace's instances of integrations, addressed as @slug) in SQLite. Reads join
// the integration's slug and provider id, which every view of a provider shows.
import type { Sqlite } from '../../db/sqlite.ts';
import { isUuid } from '../../ids.ts';

export interface ProviderRow {
  id: string;
  workspace_id: string;
  integration_id: string;
  slug: string;
  name: string;
  note: string | null;
  status: 'active' | 'exhausted' | 'expired';
  usage_limits: string | null;
  rate_limits: string | null;
  current_usage: number;
  expires_at: string | null;
  last_reset_at: string | null;
  created_at: string;
  last_updated_at: string;
  /** At most this many requests at its upstream at once (issue 14); null: unlimited. Set after insert. */
  max_concurrent_requests?: number | null;
}

export interface ProviderWithIntegration extends ProviderRow {
  integration_slug: string;
  ai_provider_id: string;
}

const COLUMNS = `id, workspace_id, integration_id, slug, name, note, status, usage_limits, rate_limits, current_usage, expires_at,
  last_reset_at, created_at, last_updated_at`;
const JOINED = `SELECT p.*, i.slug AS integration_slug, i.ai_provider_id AS ai_provider_id
  FROM providers p JOIN integrations i ON i.id = p.integration_id`;

export function providersRepository(db: Sqlite) {
  const byId = db.prepare<[string], ProviderWithIntegration>(`${JOINED} WHERE p.id = ?`);
  const bySlug = db.prepare<[string, string], ProviderWithIntegration>(`${JOINED} WHERE p.workspace_id = ? AND p.slug = ?`);
  const insertRow = db.prepare(
    `INSERT INTO providers (${COLUMNS}) VALUES (${COLUMNS.split(',')
      .map((c) => `@${c.trim()}`)
      .join(', ')})`,
  );
  const remove = db.prepare('DELETE FROM providers WHERE id = ?');
  const count = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM providers WHERE workspace_id = ?');
  const page = db.prepare<[string, number, number], ProviderWithIntegration>(
    `${JOINED} WHERE p.workspace_id = ? ORDER BY p.created_at DESC, p.id LIMIT ? OFFSET ?`,
  );
  const ofIntegration = db.prepare<[string], ProviderRow>('SELECT * FROM providers WHERE integration_id = ?');
  const ofIntegrationIn = db.prepare<[string, string], ProviderRow>(
    'SELECT * FROM providers WHERE integration_id = ? AND workspace_id = ?',
  );
  const allIn = db.prepare<[string], ProviderWithIntegration>(`${JOINED} WHERE p.workspace_id = ? ORDER BY p.slug`);

  return {
    /** By UUID or slug, within the workspace. */
    get(workspaceId: string, idOrSlug: string): ProviderWithIntegration | null {
      if (isUuid(idOrSlug)) {
        const row = byId.get(idOrSlug);
        if (row && row.workspace_id === workspaceId) return row;
      }
      return bySlug.get(workspaceId, idOrSlug) ?? null;
    },
    getById(id: string): ProviderWithIntegration | null {
      return byId.get(id) ?? null;
    },
    slugTaken(workspaceId: string, slug: string): boolean {
      return bySlug.get(workspaceId, slug) !== undefined;
    },
    insert(row: ProviderRow): void {
      insertRow.run(row);
    },
    update(id: string, changes: Partial<Omit<ProviderRow, 'id'>>): void {
      const keys = Object.keys(changes);
      if (keys.length === 0) return;
      db.prepare(`UPDATE providers SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run({ ...changes, id });
    },
    delete(id: string): void {
      remove.run(id);
    },
    list(workspaceId: string, limit: number, offset: number): { total: number; rows: ProviderWithIntegration[] } {
      return { total: count.get(workspaceId)!.n, rows: page.all(workspaceId, limit, offset) };
    },
    allInWorkspace(workspaceId: string): ProviderWithIntegration[] {
      return allIn.all(workspaceId);
    },
    ofIntegration(integrationId: string, workspaceId?: string): ProviderRow[] {
      return workspaceId ? ofIntegrationIn.all(integrationId, workspaceId) : ofIntegration.all(integrationId);
    },
  };
}

export type ProvidersRepository = ReturnType<typeof providersRepository>;
