// A workspace membership as the Admin API shows it (OAS WorkspaceMember, object "workspace-user").
import type { MemberRow } from '../users/repository.ts';

export function memberView(row: MemberRow) {
  return {
    object: 'workspace-user' as const,
    id: row.user_id,
    user_id: row.user_id,
    workspace_id: row.workspace_id,
    email: row.email,
    first_name: row.first_name,
    last_name: row.last_name,
    org_role: row.org_role,
    role: row.role,
    status: row.status,
    created_at: row.created_at,
    last_updated_at: row.last_updated_at,
    // What each role may do is decided by the RBAC rules, not stored per member; Portkey's list of
    // effective scopes arrives with them. Until then the field is present and empty.
    scopes: [] as string[],
    settings: null,
  };
}

export type MemberView = ReturnType<typeof memberView>;
