// A user as the Admin API shows it (OAS User).
import type { UserRow } from './repository.ts';

export function userView(row: UserRow, workspaceIds: string[]) {
  return {
    object: 'user' as const,
    id: row.id,
    email: row.email,
    first_name: row.first_name,
    last_name: row.last_name,
    role: row.role,
    status: row.status,
    created_at: row.created_at,
    last_updated_at: row.last_updated_at,
    workspace_ids: workspaceIds,
  };
}

export type UserView = ReturnType<typeof userView>;
