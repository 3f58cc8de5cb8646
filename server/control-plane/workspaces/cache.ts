// Workspace facts the request path needs (slug, default metadata), cached in memory. The control
// plane calls invalidate() whenever it changes a workspace.
import { parseJson } from '../../db/rows.ts';
import type { WorkspaceFacts } from '../../identity/workspaces.ts';
import type { WorkspacesRepository } from './repository.ts';
import type { RateLimit, UsageLimits } from '../../identity/auth.ts';

export type CachedWorkspace = WorkspaceFacts;

export class WorkspaceCache {
  private readonly byId = new Map<string, CachedWorkspace>();

  constructor(private readonly repo: WorkspacesRepository) {}

  get(id: string): CachedWorkspace | null {
    let entry = this.byId.get(id);
    if (!entry) {
      const row = this.repo.get(id);
      if (!row) return null;
      entry = {
        id: row.id,
        slug: row.slug,
        status: row.status,
        defaults: parseJson(row.defaults, {}),
        settings: parseJson(row.settings, {}),
        usageLimits: parseJson<UsageLimits[]>(row.usage_limits, []),
        rateLimits: parseJson<RateLimit[]>(row.rate_limits, []),
      };
      this.byId.set(id, entry);
    }
    return entry;
  }

  invalidate(id?: string): void {
    if (id === undefined) this.byId.clear();
    else this.byId.delete(id);
  }
}
