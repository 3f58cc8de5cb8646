// What lives inside a workspace and must go before the workspace can: API keys, providers,
// workspace-level integrations and saved configs. Counting and removing them here, in SQL, keeps a
// forced delete one transaction. Memberships, integration access rows and invite entries go with
// the workspace by ON DELETE CASCADE.
import type { Sqlite } from '../../db/sqlite.ts';

export interface DependentCounts {
  api_keys: number;
  providers: number;
  integrations: number;
  configs: number;
}

const LABELS: Record<keyof DependentCounts, [string, string]> = {
  api_keys: ['API key', 'API keys'],
  providers: ['provider', 'providers'],
  integrations: ['workspace integration', 'workspace integrations'],
  configs: ['config', 'configs'],
};

export function describeDependents(counts: DependentCounts): string {
  return (Object.keys(LABELS) as (keyof DependentCounts)[])
    .filter((k) => counts[k] > 0)
    .map((k) => `${counts[k]} ${LABELS[k][counts[k] === 1 ? 0 : 1]}`)
    .join(', ');
}

export const hasDependents = (counts: DependentCounts) => Object.values(counts).some((n) => n > 0);

export function workspaceDependents(db: Sqlite) {
  const count = (table: string) => db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM ${table} WHERE workspace_id = ?`);
  const counts = {
    api_keys: count('api_keys'),
    providers: count('providers'),
    integrations: count('integrations'),
    configs: count('configs'),
  };
  const keyIds = db.prepare<[string], { id: string }>('SELECT id FROM api_keys WHERE workspace_id = ?');
  // Providers first: they reference both the workspace and (possibly this workspace's) integrations.
  const deletes = [
    'DELETE FROM providers WHERE workspace_id = ?',
    'DELETE FROM integrations WHERE workspace_id = ?',
    'DELETE FROM config_versions WHERE config_id IN (SELECT id FROM configs WHERE workspace_id = ?)',
    'DELETE FROM configs WHERE workspace_id = ?',
    'DELETE FROM api_keys WHERE workspace_id = ?',
  ].map((sql) => db.prepare(sql));

  return {
    count(workspaceId: string): DependentCounts {
      return {
        api_keys: counts.api_keys.get(workspaceId)!.n,
        providers: counts.providers.get(workspaceId)!.n,
        integrations: counts.integrations.get(workspaceId)!.n,
        configs: counts.configs.get(workspaceId)!.n,
      };
    },
    /** Removes everything in the workspace; call inside the transaction that deletes it. Returns the removed key ids. */
    removeAll(workspaceId: string): { apiKeyIds: string[] } {
      const apiKeyIds = keyIds.all(workspaceId).map((r) => r.id);
      for (const stmt of deletes) stmt.run(workspaceId);
      return { apiKeyIds };
    },
  };
}

export type WorkspaceDependents = ReturnType<typeof workspaceDependents>;
