// Who may read analytics, and which rows they cover (spec §2.9, §3.3):
// - the `analytics.view` scope (log groups also accept `logs.list` / `logs.view`);
// - `membersViewAnalytics` / `managersViewAnalytics` (default true) for a workspace user's key;
// - the workspace: a workspace key's own (workspace_slug is ignored), else the one named by
//   workspace_slug (archived ones too: only organisation-level callers get here), else the default
//   workspace, or every workspace for the groupings by workspace;
// - data visibility (`membersViewAllData` / `managersViewAllData`) through the logs' own rule, so
//   analytics and logs always cover the same rows.
import { forbidden, notFound } from '../errors.ts';
import { hasScope, type AuthContext } from '../identity/auth.ts';
import { effectiveWorkspaceRole, type RoleFacts } from '../identity/roles.ts';
import type { OrganisationSettingsCache } from '../settings/settings.ts';
import { type WorkspaceDirectory, type WorkspaceRef, visibleWorkspaces } from '../identity/workspaces.ts';
import type { DataVisibility } from '../logs/visibility.ts';
import type { RowScope } from '../logs/filters.ts';

export type Surface = 'analytics' | 'logs';

export interface AccessDeps {
  workspaces: WorkspaceDirectory<WorkspaceRef>;
  facts: RoleFacts;
  settings: OrganisationSettingsCache;
  visibility: DataVisibility;
}

export interface ScopeRequest {
  surface: Surface;
  /** workspace_slug / workspace_id as the caller sent it. */
  workspace?: string;
  /** Groupings by workspace cover the whole organisation unless a workspace is named. */
  acrossWorkspaces?: boolean;
}

const SCOPES: Record<Surface, readonly string[]> = {
  analytics: ['analytics.view'],
  logs: ['analytics.view', 'logs.list', 'logs.view'],
};

export function analyticsAccess(deps: AccessDeps) {
  const visible = visibleWorkspaces(deps.workspaces, deps.facts);

  function workspaceOf(auth: AuthContext, req: ScopeRequest): string | null {
    if (auth.workspaceId !== null) return auth.workspaceId;
    if (req.workspace) return visible(auth, req.workspace).id;
    if (req.acrossWorkspaces) return null;
    const fallback = deps.workspaces.defaultWorkspace(auth.organisationId);
    if (!fallback) throw notFound('The organisation has no default workspace: name one with workspace_slug');
    return fallback.id;
  }

  /** Analytics settings bind people (workspace user keys), never service keys. */
  function mayViewAnalytics(auth: AuthContext, workspaceId: string | null): boolean {
    if (auth.key.type !== 'workspace-user' || auth.userId === null || workspaceId === null) return true;
    const role = effectiveWorkspaceRole(deps.facts, workspaceId, auth.userId);
    if (role === 'admin') return true;
    const settings = deps.settings.forWorkspace(workspaceId);
    return role === 'manager' ? settings.managersViewAnalytics !== false : settings.membersViewAnalytics !== false;
  }

  return {
    /** The rows `auth` may read for this request; throws 403/404 otherwise. */
    scope(auth: AuthContext, req: ScopeRequest): RowScope {
      const scopes = SCOPES[req.surface];
      if (!scopes.some((s) => hasScope(auth, s))) {
        throw forbidden(
          `You do not have enough permissions to execute this request (this API key needs the "${scopes.join('" or "')}" scope)`,
        );
      }
      const workspaceId = workspaceOf(auth, req);
      if (req.surface === 'analytics' && !mayViewAnalytics(auth, workspaceId)) {
        throw forbidden(
          'You do not have enough permissions to execute this request (analytics are turned off for your workspace role in the organisation settings)',
        );
      }
      return deps.visibility.scopeFor(auth, workspaceId);
    },
  };
}

export type AnalyticsAccess = ReturnType<typeof analyticsAccess>;
