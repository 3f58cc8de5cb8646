// Who may touch which catalog entry (spec §3.2 scopes), and how a request names its workspace.
// Organisation-level integrations are guarded by `organisation_integrations.*`, workspace-level
// ones by `workspace_integrations.*`; workspace keys only ever list org integrations.
import { badRequest, forbidden, notFound } from '../../errors.ts';
import { type AuthContext, requireScope, requireWorkspace } from '../../identity/auth.ts';
import type { WorkspaceRow, WorkspacesRepository } from '../workspaces/repository.ts';
import type { IntegrationRow } from './integrationsRepository.ts';

export type Action = 'create' | 'read' | 'update' | 'delete' | 'list';

export const integrationScope = (workspaceLevel: boolean, action: Action) =>
  `${workspaceLevel ? 'workspace' : 'organisation'}_integrations.${action}`;

/** Empty strings count as absent: the SDK examples send `workspace_id: ""`. */
export function given(value: string | undefined | null): string | undefined {
  return value === undefined || value === null || value.trim() === '' ? undefined : value.trim();
}

export function workspaceAccess(workspaces: WorkspacesRepository) {
  /** The workspace a request names, checked against the caller; null when none is named or implied. */
  function named(auth: AuthContext, ref: string | undefined): WorkspaceRow | null {
    const wanted = given(ref) ?? auth.workspaceId ?? undefined;
    if (!wanted) return null;
    const ws = workspaces.get(wanted);
    if (!ws || ws.organisation_id !== auth.organisationId) throw notFound(`Workspace "${wanted}" was not found`);
    requireWorkspace(auth, ws.id);
    return ws;
  }

  /** Like `named`, but organisation keys must say which workspace they mean. */
  function required(auth: AuthContext, ref: string | undefined, what: string): WorkspaceRow {
    const ws = named(auth, ref);
    if (!ws) {
      throw badRequest(`workspace_id is required when an organisation admin key manages ${what}: pass the workspace id or slug`, {
        param: 'workspace_id',
      });
    }
    if (ws.status !== 'active') throw badRequest(`Workspace "${ws.slug}" is archived`);
    return ws;
  }

  /** Legacy virtual-key routes predate workspaces: organisation keys default to the default workspace. */
  function orDefault(auth: AuthContext, ref: string | undefined): WorkspaceRow {
    const ws = named(auth, ref) ?? workspaces.defaultWorkspace(auth.organisationId);
    if (!ws) throw notFound('The organisation has no default workspace');
    return ws;
  }

  return { named, required, orDefault };
}

export type WorkspaceAccess = ReturnType<typeof workspaceAccess>;

/** Scope and workspace checks for one integration and one action on it. */
export function requireIntegrationAccess(auth: AuthContext, row: IntegrationRow, action: Action): void {
  requireScope(auth, integrationScope(row.workspace_id !== null, action));
  if (row.workspace_id !== null) {
    requireWorkspace(auth, row.workspace_id);
  } else if (auth.workspaceId !== null) {
    throw forbidden(
      `You do not have enough permissions to execute this request (organisation integration "${row.slug}" is managed with an organisation admin key)`,
    );
  }
}
