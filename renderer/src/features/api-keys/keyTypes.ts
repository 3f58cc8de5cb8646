// API-key families as the Admin API names them in its create path, the scopes each may hold
// (generated from the server's table) and each workspace role's defaults.
import { SCOPES_BY_KEY_TYPE, WORKSPACE_ROLE_SCOPES } from '../../api/serverTables.gen';

export type KeyType = keyof typeof SCOPES_BY_KEY_TYPE;

export const KEY_TYPES: {
  value: KeyType;
  label: string;
  path: { type: string; subType: string };
  orgOnly?: boolean;
  description: string;
}[] = [
  {
    value: 'workspace-service',
    label: 'Workspace service key',
    path: { type: 'workspace', subType: 'service' },
    description: 'For an application: belongs to the workspace, not to a person.',
  },
  {
    value: 'workspace-user',
    label: 'Workspace user key',
    path: { type: 'workspace', subType: 'user' },
    description: "A person's own key in this workspace; their requests are theirs in the logs.",
  },
  {
    value: 'organisation-service',
    label: 'Organisation admin key',
    path: { type: 'organisation', subType: 'service' },
    orgOnly: true,
    description: 'Manages the whole organisation through the Admin API. Cannot send gateway requests.',
  },
];

export const allowedScopes = (type: KeyType): readonly string[] => SCOPES_BY_KEY_TYPE[type];

export const ROLE_DEFAULTS = WORKSPACE_ROLE_SCOPES;
export type WorkspaceRole = keyof typeof WORKSPACE_ROLE_SCOPES;

/** Scopes grouped by what they act on (`logs.view` -> logs), groups sorted. */
export function groupScopes(scopes: readonly string[]): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const s of scopes) {
    const resource = s.split('.')[0]!;
    groups.set(resource, [...(groups.get(resource) ?? []), s]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

export const typeLabel = (type: string) => KEY_TYPES.find((t) => t.value === type)?.label ?? type;
