// How the workspace routes find the workspace a path names: by UUID or slug, in the caller's
// organisation, reachable by the caller (workspace keys reach only their own), and archived ones
// only for organisation-level callers.
import { notFound } from '../../errors.ts';
import { type AuthContext, requireWorkspace } from '../../identity/auth.ts';
import { type RoleFacts, canSeeArchivedWorkspaces } from '../../identity/roles.ts';
import type { WorkspaceRecord, WorkspacesRepository } from './repository.ts';

export function visibleWorkspaces(repo: WorkspacesRepository, facts: RoleFacts) {
  return function visible(auth: AuthContext, ref: string): WorkspaceRecord {
    const ws = repo.get(ref);
    if (!ws || ws.organisation_id !== auth.organisationId) throw notFound(`Workspace "${ref}" was not found`);
    requireWorkspace(auth, ws.id);
    if (ws.status === 'archived' && !canSeeArchivedWorkspaces(auth, facts)) throw notFound(`Workspace "${ref}" was not found`);
    return ws;
  };
}

export type VisibleWorkspace = ReturnType<typeof visibleWorkspaces>;
