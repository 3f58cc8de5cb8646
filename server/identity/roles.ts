// Role rules for people (spec §3.1): organisation roles owner/admin/member, workspace roles
// admin/manager/member. Each decision is one small function of the caller and the role facts, so
// the same rule holds for API keys today and for signed-in users once sessions exist. Scopes still
// gate every route (requireScope); these rules narrow what a scope allows a person to do.
import type { AuthContext, OrgRole, WorkspaceRole } from './auth.ts';

export type { OrgRole, WorkspaceRole };

export const ORG_ROLES: readonly OrgRole[] = ['owner', 'admin', 'member'];
export const WORKSPACE_ROLES: readonly WorkspaceRole[] = ['admin', 'manager', 'member'];

const ORG_RANK: Record<OrgRole, number> = { member: 1, admin: 2, owner: 3 };
const WORKSPACE_RANK: Record<WorkspaceRole, number> = { member: 1, manager: 2, admin: 3 };

/** What the rules need to know about people; backed by the users repository. */
export interface RoleFacts {
  orgRole(userId: string): OrgRole | null;
  workspaceRole(workspaceId: string, userId: string): WorkspaceRole | null;
}

/**
 * The person behind a request, or null for service callers (organisation and workspace service
 * keys), whose reach is set by their scopes alone. Workspace user keys act for their user.
 */
export function actingUserId(auth: AuthContext): string | null {
  return auth.userId;
}

export const isOrgAdminRole = (role: OrgRole | null): boolean => role === 'owner' || role === 'admin';

/** Owners and admins act as workspace admins everywhere; others have the role they were given. */
export function effectiveWorkspaceRole(facts: RoleFacts, workspaceId: string, userId: string): WorkspaceRole | null {
  if (isOrgAdminRole(facts.orgRole(userId))) return 'admin';
  return facts.workspaceRole(workspaceId, userId);
}

/**
 * Organisation-level callers (organisation service keys, owners, admins) create, archive and
 * delete workspaces and are the only ones who see archived workspaces (CL-BE v1.11.2).
 */
export function actsForOrganisation(auth: AuthContext, facts: RoleFacts): boolean {
  if (auth.workspaceId !== null) return false;
  const userId = actingUserId(auth);
  return userId === null || isOrgAdminRole(facts.orgRole(userId));
}

export const canSeeArchivedWorkspaces = actsForOrganisation;

/**
 * The highest workspace role the caller may hand out (or take away) in a workspace, or null when
 * it may hand out none. A person is bounded by their own effective role there, so a manager cannot
 * make anyone an admin (CL-BE v1.6.1). Service keys stand where the people who can mint them stand
 * (identity/authority.ts): an organisation key as an admin, a workspace service key as a manager,
 * or a manager could promote themselves through a key they minted.
 */
export function workspaceGrantCeiling(auth: AuthContext, facts: RoleFacts, workspaceId: string): WorkspaceRole | null {
  const userId = actingUserId(auth);
  if (userId === null) return auth.key.type === 'organisation-service' ? 'admin' : 'manager';
  return effectiveWorkspaceRole(facts, workspaceId, userId);
}

export function workspaceRoleWithin(role: WorkspaceRole, ceiling: WorkspaceRole | null): boolean {
  return ceiling !== null && WORKSPACE_RANK[role] <= WORKSPACE_RANK[ceiling];
}

/**
 * May the caller give someone organisation role `role` (invite, promote)? Service keys: yes (the
 * `organisation_users.*` scopes gate them). People: owners and admins, up to their own role.
 */
export function canGrantOrgRole(auth: AuthContext, facts: RoleFacts, role: OrgRole): boolean {
  const userId = actingUserId(auth);
  if (userId === null) return true;
  const own = facts.orgRole(userId);
  return isOrgAdminRole(own) && ORG_RANK[role] <= ORG_RANK[own!];
}

/** May the caller change or remove a user who holds `targetRole`? Admins cannot touch owners. */
export function canManageOrgUser(auth: AuthContext, facts: RoleFacts, targetRole: OrgRole): boolean {
  return canGrantOrgRole(auth, facts, targetRole);
}
