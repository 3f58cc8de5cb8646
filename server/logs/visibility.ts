// Which request-log rows a caller may see (spec §3.3 data visibility): workspace keys see their
// workspace; with `membersViewAllData` / `managersViewAllData` turned off in the settings that hold
// in the workspace (the organisation's, or the workspace's own where the organisation lets it set
// them), a workspace member's or manager's user key sees only the rows made by that user's own
// keys. Service keys, workspace admins and organisation owners/admins are never limited. The same
// rule serves the log list, a single log and exports.
import type { Sqlite } from '../db/sqlite.ts';
import type { AuthContext } from '../identity/auth.ts';
import { effectiveWorkspaceRole, isOrgAdminRole, type RoleFacts } from '../identity/roles.ts';
import type { OrganisationSettingsCache } from '../settings/settings.ts';
import type { RowScope } from './filters.ts';

export interface VisibilityDeps {
  db: Sqlite;
  facts: RoleFacts;
  settings: OrganisationSettingsCache;
}

export function dataVisibility(deps: VisibilityDeps) {
  const keysOfUser = deps.db.prepare<[string], { id: string }>('SELECT id FROM api_keys WHERE user_id = ?');

  /** True when `userId`, working in `workspaceId`, may only see rows made by their own keys. */
  function limitedToOwnRows(userId: string, workspaceId: string | null): boolean {
    // Owners and admins act as workspace admins everywhere (spec §3.1).
    const role = workspaceId
      ? effectiveWorkspaceRole(deps.facts, workspaceId, userId)
      : isOrgAdminRole(deps.facts.orgRole(userId))
        ? 'admin'
        : null;
    if (role === 'admin') return false;
    const settings = deps.settings.forWorkspace(workspaceId);
    // The settings default to true (spec §3.3); only an explicit false limits anyone.
    if (role === 'manager') return settings.managersViewAllData === false;
    return settings.membersViewAllData === false;
  }

  /** The owner restriction for rows seen on behalf of `userId` in `workspaceId`, or null. */
  function ownerOf(userId: string | null, workspaceId: string | null): RowScope['owner'] {
    if (!userId || !limitedToOwnRows(userId, workspaceId)) return null;
    return { userId, apiKeyIds: keysOfUser.all(userId).map((r) => r.id) };
  }

  return {
    limitedToOwnRows,
    ownerOf,
    /** The rows `auth` may see in `workspaceId` (null: all of the organisation, for organisation keys). */
    scopeFor(auth: AuthContext, workspaceId: string | null): RowScope {
      const ws = auth.workspaceId ?? workspaceId;
      return { workspaceId: ws, owner: auth.key.type === 'workspace-user' ? ownerOf(auth.userId, ws) : null };
    },
    /** Whether a row (its workspace, key and user) is visible to `auth`. */
    canSee(auth: AuthContext, row: Record<string, unknown>): boolean {
      if (auth.workspaceId !== null && row.workspace_id !== auth.workspaceId) return false;
      if (auth.key.type !== 'workspace-user') return true;
      const owner = ownerOf(auth.userId, auth.workspaceId);
      if (!owner) return true;
      return row.user_id === owner.userId || owner.apiKeyIds.includes(String(row.api_key_id));
    },
  };
}

export type DataVisibility = ReturnType<typeof dataVisibility>;
