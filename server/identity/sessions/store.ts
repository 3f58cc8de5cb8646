// Sessions of signed-in people in SQLite (migration 0007), and the few user and workspace reads a
// session needs. Tokens are never stored: only their SHA-256 hash, and the CSRF token is an HMAC of
// the token, so a copy of the database cannot be turned into a working cookie or CSRF header.
import crypto from 'node:crypto';
import type { Sqlite } from '../../db/sqlite.ts';
import type { OrgRole, WorkspaceRole } from '../roles.ts';

export interface SessionRow {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  client_ip: string | null;
  user_agent: string | null;
}

/** A session with the facts about its user that every request checks. */
export interface LiveSession extends SessionRow {
  organisation_id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  role: OrgRole;
  status: 'active' | 'archived';
  must_change_password: number;
}

export interface WorkspaceSummary {
  id: string;
  slug: string;
  name: string;
  status: 'active' | 'archived';
  is_default: number;
  /** The membership role; null where an owner or admin is not a member (they are admins anyway). */
  role: WorkspaceRole | null;
}

/** 256 random bits, as the cookie carries them. */
export const newSessionToken = () => crypto.randomBytes(32).toString('base64url');
export const hashSessionToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
/** Double-submit token tied to the session: only a holder of the cookie can compute it. */
export const csrfTokenFor = (token: string) => crypto.createHmac('sha256', token).update('appliance-csrf-v1').digest('base64url');

export function sessionsStore(db: Sqlite) {
  const insert = db.prepare(`INSERT INTO sessions (id, user_id, token_hash, created_at, last_seen_at, expires_at, client_ip, user_agent)
    VALUES (@id, @user_id, @token_hash, @created_at, @last_seen_at, @expires_at, @client_ip, @user_agent)`);
  const byHash = db.prepare<[string], LiveSession>(`SELECT s.*, u.organisation_id, u.email, u.first_name, u.last_name, u.role,
    u.status, u.must_change_password FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`);
  const touch = db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM sessions WHERE id = ?');
  const removeOthers = db.prepare('DELETE FROM sessions WHERE user_id = ? AND id <> ?');
  const removeExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  const setPassword = db.prepare('UPDATE users SET password_hash = ?, must_change_password = 0, last_updated_at = ? WHERE id = ?');
  const rehash = db.prepare('UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?');
  const userByEmail = db.prepare<[string, string], { id: string; password_hash: string | null; status: 'active' | 'archived' }>(
    'SELECT id, password_hash, status FROM users WHERE organisation_id = ? AND email = ?',
  );
  const firstOwner = db.prepare<[string], { id: string }>(
    "SELECT id FROM users WHERE organisation_id = ? AND role = 'owner' AND status = 'active' ORDER BY created_at, id LIMIT 1",
  );
  const passwordOf = db.prepare<[string], { password_hash: string | null }>('SELECT password_hash FROM users WHERE id = ?');
  const allWorkspaces = db.prepare<[string, string], WorkspaceSummary>(`SELECT w.id, w.slug, w.name, w.status, w.is_default, m.role
    FROM workspaces w LEFT JOIN workspace_members m ON m.workspace_id = w.id AND m.user_id = ?
    WHERE w.organisation_id = ? ORDER BY w.is_default DESC, w.created_at, w.slug`);
  const memberWorkspaces = db.prepare<[string], WorkspaceSummary>(`SELECT w.id, w.slug, w.name, w.status, w.is_default, m.role
    FROM workspace_members m JOIN workspaces w ON w.id = m.workspace_id
    WHERE m.user_id = ? ORDER BY w.is_default DESC, m.created_at, w.slug`);
  const membership = db.prepare<
    [string, string, string, string],
    WorkspaceSummary
  >(`SELECT w.id, w.slug, w.name, w.status, w.is_default, m.role
    FROM workspace_members m JOIN workspaces w ON w.id = m.workspace_id
    WHERE m.user_id = ? AND w.organisation_id = ? AND (w.id = ? OR w.slug = ?)`);

  return {
    insert: (row: SessionRow) => void insert.run(row),
    byToken: (token: string) => byHash.get(hashSessionToken(token)) ?? null,
    touch: (id: string, at: string) => void touch.run(at, id),
    delete: (id: string) => void remove.run(id),
    /** Ends every session of the user but `keepId` (after a password change). */
    deleteOthers: (userId: string, keepId: string) => removeOthers.run(userId, keepId).changes,
    deleteExpired: (nowIso: string) => removeExpired.run(nowIso).changes,

    userByEmail: (organisationId: string, email: string) => userByEmail.get(organisationId, email) ?? null,
    /** The organisation's longest-standing active owner (the desktop shell signs them in). */
    firstOwner: (organisationId: string) => firstOwner.get(organisationId) ?? null,
    passwordOf: (userId: string) => passwordOf.get(userId)?.password_hash ?? null,
    setPassword: (userId: string, hash: string, at: string) => void setPassword.run(hash, at, userId),
    /** Upgrades a hash made with older parameters, unless the password changed meanwhile. */
    rehash: (userId: string, hash: string, previous: string) => void rehash.run(hash, userId, previous),

    /** Every workspace of the organisation, with the user's membership role where there is one. */
    allWorkspaces: (organisationId: string, userId: string) => allWorkspaces.all(userId, organisationId),
    /** The workspaces the user is a member of, the default first, then in the order they joined. */
    memberWorkspaces: (userId: string) => memberWorkspaces.all(userId),
    /** The user's membership in the workspace named by id or slug, or null. */
    membership: (organisationId: string, userId: string, ref: string) => membership.get(userId, organisationId, ref, ref) ?? null,
  };
}

export type SessionsStore = ReturnType<typeof sessionsStore>;
