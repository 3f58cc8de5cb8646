// The API keys that act for a person. When a user leaves the organisation, or a workspace they
// reach only through membership, their user keys there stop working: the rows go (their secrets
// cascade) and the caller clears them from the auth cache with the returned ids.
import type { Sqlite } from '../../db/sqlite.ts';

export function ownedKeys(db: Sqlite) {
  const allIds = db.prepare<[string], { id: string }>('SELECT id FROM api_keys WHERE user_id = ?');
  const inWorkspaceIds = db.prepare<[string, string], { id: string }>('SELECT id FROM api_keys WHERE user_id = ? AND workspace_id = ?');
  const removeAll = db.prepare('DELETE FROM api_keys WHERE user_id = ?');
  const removeInWorkspace = db.prepare('DELETE FROM api_keys WHERE user_id = ? AND workspace_id = ?');
  return {
    /** Removes the user's keys (in one workspace, or everywhere); returns their ids. */
    remove(userId: string, workspaceId?: string): string[] {
      if (workspaceId === undefined) {
        const ids = allIds.all(userId).map((r) => r.id);
        removeAll.run(userId);
        return ids;
      }
      const ids = inWorkspaceIds.all(userId, workspaceId).map((r) => r.id);
      removeInWorkspace.run(userId, workspaceId);
      return ids;
    },
  };
}

export type OwnedKeys = ReturnType<typeof ownedKeys>;
