// Users of the organisation and their workspace memberships.
import type { Sqlite } from '../../db/sqlite.ts';
import { isUuid } from '../../ids.ts';
import type { OrgRole, RoleFacts, WorkspaceRole } from '../../identity/roles.ts';

export type { OrgRole, WorkspaceRole } from '../../identity/roles.ts';

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

/** A membership joined with its user, as the members routes show it. */
export interface MemberRow {
  workspace_id: string;
  user_id: string;
  role: WorkspaceRole;
  created_at: string;
  last_updated_at: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  org_role: OrgRole;
  status: 'active' | 'archived';
}

export interface UserListFilter {
  organisationId: string;
  role?: OrgRole;
  email?: string;
  limit: number;
  offset: number;
}

export interface MemberListFilter {
  workspaceId: string;
  role?: WorkspaceRole;
  email?: string;
  limit: number;
  offset: number;
}

const MEMBER_COLUMNS = `m.workspace_id, m.user_id, m.role, m.created_at, m.last_updated_at, u.email, u.first_name,
  u.last_name, u.role AS org_role, u.status`;

function filtered(base: string[], params: unknown[], column: string, value: string | undefined) {
  if (value === undefined) return;
  base.push(`${column} = ?`);
  params.push(value);
}

export function usersRepository(db: Sqlite) {
  const byId = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
  const byEmail = db.prepare<[string, string], UserRow>('SELECT * FROM users WHERE organisation_id = ? AND email = ?');
  const insertUser = db.prepare(`INSERT INTO users (id, organisation_id, email, first_name, last_name, role, status,
    password_hash, must_change_password, created_at, last_updated_at) VALUES (@id, @organisation_id, @email, @first_name,
    @last_name, @role, @status, @password_hash, @must_change_password, @created_at, @last_updated_at)`);
  const setRole = db.prepare('UPDATE users SET role = ?, last_updated_at = ? WHERE id = ?');
  const removeUser = db.prepare('DELETE FROM users WHERE id = ?');
  const countOwners = db.prepare<[string], { n: number }>(
    "SELECT count(*) AS n FROM users WHERE organisation_id = ? AND role = 'owner' AND status = 'active'",
  );
  const workspaceIdsOf = db.prepare<[string], { workspace_id: string }>(
    'SELECT workspace_id FROM workspace_members WHERE user_id = ? ORDER BY created_at, workspace_id',
  );

  const membership = db.prepare<[string, string], { role: WorkspaceRole }>(
    'SELECT role FROM workspace_members WHERE workspace_id = ? AND user_id = ?',
  );
  const member = db.prepare<[string, string], MemberRow>(
    `SELECT ${MEMBER_COLUMNS} FROM workspace_members m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = ? AND m.user_id = ?`,
  );
  const insertMember = db.prepare(`INSERT INTO workspace_members (workspace_id, user_id, role, created_at, last_updated_at)
    VALUES (?, ?, ?, ?, ?)`);
  const setMemberRole = db.prepare('UPDATE workspace_members SET role = ?, last_updated_at = ? WHERE workspace_id = ? AND user_id = ?');
  const removeMember = db.prepare('DELETE FROM workspace_members WHERE workspace_id = ? AND user_id = ?');

  return {
    get: (id: string) => byId.get(id) ?? null,
    getByEmail: (organisationId: string, email: string) => byEmail.get(organisationId, email) ?? null,
    /** A user of the organisation named by UUID or email; null when there is none. */
    find(organisationId: string, ref: string): UserRow | null {
      const user = isUuid(ref) ? byId.get(ref) : ref.includes('@') ? byEmail.get(organisationId, ref) : undefined;
      return user && user.organisation_id === organisationId ? user : null;
    },
    insert: (row: UserRow) => void insertUser.run(row),
    setRole: (id: string, role: OrgRole, at: string) => void setRole.run(role, at, id),
    delete: (id: string) => removeUser.run(id).changes > 0,
    ownerCount: (organisationId: string) => countOwners.get(organisationId)!.n,
    workspaceIds: (userId: string) => workspaceIdsOf.all(userId).map((r) => r.workspace_id),
    list(filter: UserListFilter): { total: number; rows: UserRow[] } {
      const where = ['organisation_id = ?'];
      const params: unknown[] = [filter.organisationId];
      filtered(where, params, 'role', filter.role);
      filtered(where, params, 'email', filter.email);
      const clause = where.join(' AND ');
      const total = db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM users WHERE ${clause}`).get(...params)!.n;
      const rows = db
        .prepare<unknown[], UserRow>(`SELECT * FROM users WHERE ${clause} ORDER BY created_at, email LIMIT ? OFFSET ?`)
        .all(...params, filter.limit, filter.offset);
      return { total, rows };
    },

    workspaceRole: (workspaceId: string, userId: string) => membership.get(workspaceId, userId)?.role ?? null,
    member: (workspaceId: string, userId: string) => member.get(workspaceId, userId) ?? null,
    addMember: (workspaceId: string, userId: string, role: WorkspaceRole, at: string) =>
      void insertMember.run(workspaceId, userId, role, at, at),
    setMemberRole: (workspaceId: string, userId: string, role: WorkspaceRole, at: string) =>
      void setMemberRole.run(role, at, workspaceId, userId),
    removeMember: (workspaceId: string, userId: string) => removeMember.run(workspaceId, userId).changes > 0,
    members(filter: MemberListFilter): { total: number; rows: MemberRow[] } {
      const where = ['m.workspace_id = ?'];
      const params: unknown[] = [filter.workspaceId];
      filtered(where, params, 'm.role', filter.role);
      filtered(where, params, 'u.email', filter.email);
      const clause = where.join(' AND ');
      const from = 'FROM workspace_members m JOIN users u ON u.id = m.user_id';
      const total = db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n ${from} WHERE ${clause}`).get(...params)!.n;
      const rows = db
        .prepare<unknown[], MemberRow>(`SELECT ${MEMBER_COLUMNS} ${from} WHERE ${clause} ORDER BY m.created_at, u.email LIMIT ? OFFSET ?`)
        .all(...params, filter.limit, filter.offset);
      return { total, rows };
    },

    transaction<T>(fn: () => T): T {
      return db.transaction(fn)();
    },
  };
}

export type UsersRepository = ReturnType<typeof usersRepository>;

/** The role facts the permission rules read (server/identity/roles.ts). */
export function roleFacts(users: UsersRepository): RoleFacts {
  return {
    orgRole: (userId) => {
      const user = users.get(userId);
      return user && user.status === 'active' ? user.role : null;
    },
    workspaceRole: (workspaceId, userId) => users.workspaceRole(workspaceId, userId),
  };
}
