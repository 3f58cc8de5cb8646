// A live session as the AuthContext the access checks read (identity/auth.ts SessionAuth).
// Owners and admins look like an organisation admin key; a member looks like a workspace user key
// of theirs in the one workspace the request acts in, with their role's scopes there.
import type { SessionAuth } from '../auth.ts';
import { orgRoleScopes, workspaceRoleScopes } from '../roleScopes.ts';
import { isOrgAdminRole } from '../roles.ts';
import type { LiveSession, WorkspaceSummary } from './store.ts';

const NO_SCOPES: ReadonlySet<string> = new Set();

/**
 * `workspace` is the member's workspace for this request (their membership there), or null for
 * owners and admins, and for a member who belongs to no workspace (who then holds no scope).
 */
export function sessionPrincipal(live: LiveSession, endsAt: number, workspace: WorkspaceSummary | null): SessionAuth {
  const orgWide = isOrgAdminRole(live.role);
  const bound = orgWide ? null : workspace;
  const workspaceRole = bound?.role ?? null;
  const scopes = orgWide ? orgRoleScopes(live.role) : workspaceRole ? workspaceRoleScopes(workspaceRole) : NO_SCOPES;
  const workspaceId = bound?.id ?? null;
  return {
    kind: 'session',
    organisationId: live.organisation_id,
    workspaceId,
    userId: live.user_id,
    key: {
      id: `session:${live.id}`,
      name: `Session of ${live.email}`,
      organisationId: live.organisation_id,
      workspaceId,
      userId: live.user_id,
      type: orgWide ? 'organisation-service' : 'workspace-user',
      scopes,
      status: 'active',
      expiresAt: endsAt,
      defaults: {},
      rateLimits: [],
      usageLimits: null,
    },
    session: { id: live.id, email: live.email, orgRole: live.role, workspaceRole, expiresAt: endsAt },
  };
}
