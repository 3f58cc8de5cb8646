// A live session as the AuthContext the access checks read (identity/auth.ts SessionAuth).
// Owners and admins look like an organisation admin key; a member looks like a workspace user key
// of theirs in the one workspace the request acts in, with their role's scopes there, as the
// security settings that hold in that workspace shape them (organisation/roleSettings.ts).
import type { OrganisationSettings } from '../../settings/settings.ts';
import { scopesUnderSettings } from '../roleSettings.ts';
import type { SessionAuth } from '../auth.ts';
import { orgRoleScopes, workspaceRoleScopes } from '../roleScopes.ts';
import { type OrgRole, type WorkspaceRole, isOrgAdminRole } from '../roles.ts';
import type { LiveSession, WorkspaceSummary } from './store.ts';

const NO_SCOPES: ReadonlySet<string> = new Set();
const LOG_SCOPES = ['logs.list', 'logs.view', 'logs.export'];
/** An organisation admin's scopes with organisationAdminsViewLogs off (owners always see logs). */
const ADMIN_WITHOUT_LOGS: ReadonlySet<string> = new Set([...orgRoleScopes('admin')].filter((s) => !LOG_SCOPES.includes(s)));

function orgScopes(role: OrgRole, settings: OrganisationSettings): ReadonlySet<string> {
  return role === 'admin' && settings.organisationAdminsViewLogs === false ? ADMIN_WITHOUT_LOGS : orgRoleScopes(role);
}

function workspaceScopes(role: WorkspaceRole, settings: OrganisationSettings): ReadonlySet<string> {
  return scopesUnderSettings(role, workspaceRoleScopes(role), workspaceRoleScopes('admin'), settings);
}

/**
 * `workspace` is the member's workspace for this request (their membership there), or null for
 * owners and admins, and for a member who belongs to no workspace (who then holds no scope).
 * `settingsFor` gives the settings that hold in a workspace (the organisation's for null).
 */
export function sessionPrincipal(
  live: LiveSession,
  endsAt: number,
  workspace: WorkspaceSummary | null,
  settingsFor: (workspaceId: string | null) => OrganisationSettings,
): SessionAuth {
  const orgWide = isOrgAdminRole(live.role);
  const bound = orgWide ? null : workspace;
  const workspaceRole = bound?.role ?? null;
  const scopes = orgWide
    ? orgScopes(live.role, settingsFor(null))
    : workspaceRole
      ? workspaceScopes(workspaceRole, settingsFor(bound!.id))
      : NO_SCOPES;
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
