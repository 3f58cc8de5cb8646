// What a signed-in person may do, as API-key scopes (spec §3.1, §3.2), so that the same checks
// (requireScope, requireWorkspace) decide for sessions and for keys. This file is the one place
// where a role becomes scopes. The security settings' role toggles (spec §3.3) then narrow a
// manager's or member's defaults, or widen a member's up to an admin's at most
// (control-plane/organisation/roleSettings.ts).
import { SCOPES_BY_KEY_TYPE } from './scopes.ts';
import type { OrgRole, WorkspaceRole } from './roles.ts';

const crud = (resource: string, actions: readonly string[]) => actions.map((a) => `${resource}.${a}`);
const READ = ['list', 'read'] as const;
const WRITE = ['create', 'read', 'update', 'delete', 'list'] as const;

/**
 * Gateway scopes. A session never uses them itself (data-plane routes take API keys only); they
 * say what the keys a person mints may hold, since nobody grants a scope they lack
 * (identity/authority.ts). Organisation-level callers hold none of them, yet grant them all: making
 * gateway keys is what they make workspace keys for.
 */
export const DATA_PLANE_SCOPES: readonly string[] = [
  'completions.write',
  'prompts.render',
  'logs.write',
  'guardrails.invoke',
  'mcp.invoke',
  'agents.invoke',
];

/** Read-only access to what a workspace holds. */
const WORKSPACE_READ = [
  'workspaces.read',
  'workspaces.list',
  ...crud('configs', READ),
  ...crud('prompts', READ),
  ...crud('guardrails', READ),
  ...crud('providers', READ),
  ...crud('virtual_keys', READ),
  ...crud('policies', READ),
  ...crud('workspace_integrations', READ),
  'organisation_integrations.list',
  ...crud('workspace_mcp_integrations', READ),
  'organisation_mcp_integrations.list',
  ...crud('mcp_servers', READ),
  ...crud('workspace_agent_integrations', READ),
  'organisation_agent_integrations.list',
  ...crud('agent_servers', READ),
  'analytics.view',
  'logs.list',
  'logs.view',
];

/** Creating, changing and deleting what a workspace holds, its API keys and its members. */
const WORKSPACE_MANAGE = [
  ...crud('configs', WRITE),
  ...crud('prompts', [...WRITE, 'publish']),
  ...crud('guardrails', WRITE),
  ...crud('providers', WRITE),
  ...crud('virtual_keys', [...WRITE, 'duplicate', 'copy']),
  ...crud('policies', WRITE),
  ...crud('workspace_integrations', WRITE),
  ...crud('workspace_mcp_integrations', WRITE),
  ...crud('mcp_servers', WRITE),
  ...crud('workspace_agent_integrations', WRITE),
  ...crud('agent_servers', WRITE),
  ...crud('workspace_service_api_keys', [...WRITE, 'rotate']),
  ...crud('workspace_user_api_keys', [...WRITE, 'rotate']),
  // Which roles a person may hand out is bounded by their own (roles.ts workspaceGrantCeiling).
  ...crud('workspace_users', WRITE),
  'logs.export',
];

export const WORKSPACE_ROLE_SCOPES: Readonly<Record<WorkspaceRole, readonly string[]>> = {
  // Read-only on workspace resources: logs, analytics, prompts, configs, providers, guardrails
  // (spec §3.1). No API keys and no member list; their own user keys arrive through invites and
  // the user-key settings, not through these scopes.
  member: [...WORKSPACE_READ, ...DATA_PLANE_SCOPES],
  // Runs the workspace day to day: resources, API keys (for others too, within identity/authority.ts rules)
  // and members up to their own role. "By default Workspace Admins and Managers have the same
  // permissions" (spec §3.1), except the workspace's own settings below.
  manager: [...WORKSPACE_READ, ...WORKSPACE_MANAGE, ...DATA_PLANE_SCOPES],
  // A manager who also edits the workspace itself (name, defaults, limits).
  admin: [...WORKSPACE_READ, ...WORKSPACE_MANAGE, ...DATA_PLANE_SCOPES, 'workspaces.update'],
};

export const ORG_ROLE_SCOPES: Readonly<Record<OrgRole, readonly string[]>> = {
  // Everything an organisation admin key may do; owners alone may change owners (roles.ts).
  owner: SCOPES_BY_KEY_TYPE['organisation-service'],
  // Everything but billing, which the appliance does not have (spec §3.1).
  admin: SCOPES_BY_KEY_TYPE['organisation-service'],
  // Nothing at organisation level: a member acts through a workspace role.
  member: [],
};

const WORKSPACE_SETS: Record<WorkspaceRole, ReadonlySet<string>> = {
  member: new Set(WORKSPACE_ROLE_SCOPES.member),
  manager: new Set(WORKSPACE_ROLE_SCOPES.manager),
  admin: new Set(WORKSPACE_ROLE_SCOPES.admin),
};
const ORG_SETS: Record<OrgRole, ReadonlySet<string>> = {
  owner: new Set(ORG_ROLE_SCOPES.owner),
  admin: new Set(ORG_ROLE_SCOPES.admin),
  member: new Set(ORG_ROLE_SCOPES.member),
};

export const workspaceRoleScopes = (role: WorkspaceRole): ReadonlySet<string> => WORKSPACE_SETS[role];
export const orgRoleScopes = (role: OrgRole): ReadonlySet<string> => ORG_SETS[role];
