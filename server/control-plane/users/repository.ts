// Users of the organisation and their workspace memberships.
import type { Sqlite } from '../../db/sqlite.ts';

export type OrgRole = 'owner' | 'admin' | 'member';
export type WorkspaceRole = 'admin' | 'manager' | 'member';

export interface UserRow {
  id: string;
  organisation_id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  role: OrgRole;
  status: 'active' | 'archived';
  password_hash: string | null;
  must_change_password: number;
  created_at: string;
  last_updated_at: string;
}

export function usersRepository(db: Sqlite) {
  const byId = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
  const byEmail = db.prepare<[string, string], UserRow>('SELECT * FROM users WHERE organisation_id = ? AND email = ?');
  const insertUser = db.prepare(`INSERT INTO users (id, organisation_id, email, first_name, last_name, role, status,
    password_hash, must_change_password, created_at, last_updated_at) VALUES (@id, @organisation_id, @email, @first_name,
    @last_name, @role, @status, @password_hash, @must_change_password, @created_at, @last_updated_at)`);
  const membership = db.prepare<[string, string], { role: WorkspaceRole }>(
    'SELECT role FROM workspace_members WHERE workspace_id = ? AND user_id = ?',
  );
  const insertMember = db.prepare(`INSERT INTO workspace_members (workspace_id, user_id, role, created_at, last_updated_at)
    VALUES (?, ?, ?, ?, ?)`);
  return {
    get: (id: string) => byId.get(id) ?? null,
    getByEmail: (organisationId: string, email: string) => byEmail.get(organisationId, email) ?? null,
    insert: (row: UserRow) => void insertUser.run(row),
    workspaceRole: (workspaceId: string, userId: string) => membership.get(workspaceId, userId)?.role ?? null,
    addMember: (workspaceId: string, userId: string, role: WorkspaceRole, at: string) =>
      void insertMember.run(workspaceId, userId, role, at, at),
  };
}

export type UsersRepository = ReturnType<typeof usersRepository>;
