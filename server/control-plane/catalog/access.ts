// Who may touch which catalog entry (spec §3.2 scopes), and how a request names its workspace.
// Organisation-level integrations are guarded by `organisation_integrations.*`, workspace-level
// ones by `workspace_integrations.*`; workspace keys only ever list org integrations.
import { forbidden } from '../../errors.ts';
import { type AuthContext, requireScope, requireWorkspace } from '../../identity/auth.ts';
import type { WorkspaceAccess as IdentityWorkspaceAccess } from '../../identity/workspaces.ts';
import type { WorkspaceRecord } from '../workspaces/repository.ts';
import type { IntegrationRow } from './integrationsRepository.ts';

export type Action = 'create' | 'read' | 'update' | 'delete' | 'list';

export const integrationScope = (workspaceLevel: boolean, action: Action) =>
  `${workspaceLevel ? 'workspace' : 'organisation'}_integrations.${action}`;

export type WorkspaceAccess = IdentityWorkspaceAccess<WorkspaceRecord>;

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
