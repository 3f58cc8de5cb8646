// Invites in SQLite. Raw invite tokens never reach this layer: only SHA-256 hashes of them.
// `expired` is derived: a pending invite whose expires_at has passed.
import crypto from 'node:crypto';
import type { Sqlite } from '../../db/sqlite.ts';
import type { WorkspaceRole } from '../../identity/roles.ts';

export type StoredInviteStatus = 'pending' | 'accepted' | 'cancelled' | 'expired';
export type InviteStatus = StoredInviteStatus;

export interface InviteRow {
  id: string;
  organisation_id: string;
  email: string;
  role: 'admin' | 'member';
  token_hash: string;
  status: StoredInviteStatus;
  workspace_api_key_details: string | null;
  invited_by: string | null;
  invited_by_api_key_id: string | null;
  accepted_user_id: string | null;
  expires_at: string;
  accepted_at: string | null;
  cancelled_at: string | null;
  created_at: string;
  last_updated_at: string;
}

export interface InviteWorkspaceRow {
  workspace_id: string;
  role: WorkspaceRole;
  slug: string;
  status: 'active' | 'archived';
}

export interface InviteListFilter {
  organisationId: string;
  nowIso: string;
  status?: InviteStatus;
  role?: 'admin' | 'member';
  email?: string;
  limit: number;
  offset: number;
}

/** Invite tokens are 256-bit random values, so a plain SHA-256 is the right index for them. */
export const hashInviteToken = (token: string) => crypto.createHash('sha256').update(token, 'utf8').digest('hex');

export const newInviteToken = () => crypto.randomBytes(32).toString('base64url');

export function effectiveStatus(row: Pick<InviteRow, 'status' | 'expires_at'>, nowIso: string): InviteStatus {
  return row.status === 'pending' && row.expires_at <= nowIso ? 'expired' : row.status;
}

const COLUMNS = `id, organisation_id, email, role, token_hash, status, workspace_api_key_details, invited_by,
  invited_by_api_key_id, accepted_user_id, expires_at, accepted_at, cancelled_at, created_at, last_updated_at`;

export function invitesRepository(db: Sqlite) {
  const byId = db.prepare<[string], InviteRow>('SELECT * FROM invites WHERE id = ?');
  const byToken = db.prepare<[string], InviteRow>('SELECT * FROM invites WHERE token_hash = ?');
  const insert = db.prepare(`INSERT INTO invites (${COLUMNS}) VALUES (@id, @organisation_id, @email, @role, @token_hash,
    @status, @workspace_api_key_details, @invited_by, @invited_by_api_key_id, @accepted_user_id, @expires_at, @accepted_at,
    @cancelled_at, @created_at, @last_updated_at)`);
  const insertWorkspace = db.prepare('INSERT INTO invite_workspaces (invite_id, workspace_id, role) VALUES (?, ?, ?)');
  const workspacesOf = db.prepare<[string], InviteWorkspaceRow>(
    `SELECT iw.workspace_id, iw.role, w.slug, w.status FROM invite_workspaces iw JOIN workspaces w ON w.id = iw.workspace_id
     WHERE iw.invite_id = ? ORDER BY w.is_default DESC, w.created_at, w.slug`,
  );
  const livePending = db.prepare<[string, string, string], InviteRow>(
    "SELECT * FROM invites WHERE organisation_id = ? AND email = ? AND status = 'pending' AND expires_at > ?",
  );
  const cancel = db.prepare("UPDATE invites SET status = 'cancelled', cancelled_at = ?, last_updated_at = ? WHERE id = ?");
  const renew = db.prepare("UPDATE invites SET token_hash = ?, status = 'pending', expires_at = ?, last_updated_at = ? WHERE id = ?");
  // Only a pending, unexpired invite can be accepted, and only once: the WHERE clause is the guard.
  const accept = db.prepare(`UPDATE invites SET status = 'accepted', accepted_at = ?, accepted_user_id = ?, last_updated_at = ?
    WHERE id = ? AND status = 'pending' AND expires_at > ?`);

  return {
    get: (id: string) => byId.get(id) ?? null,
    getByTokenHash: (hash: string) => byToken.get(hash) ?? null,
    pendingFor: (organisationId: string, email: string, nowIso: string) => livePending.get(organisationId, email, nowIso) ?? null,
    workspaces: (inviteId: string) => workspacesOf.all(inviteId),
    insert(row: InviteRow, workspaces: { workspaceId: string; role: WorkspaceRole }[]): void {
      db.transaction(() => {
        insert.run(row);
        for (const w of workspaces) insertWorkspace.run(row.id, w.workspaceId, w.role);
      })();
    },
    cancel: (id: string, at: string) => void cancel.run(at, at, id),
    renew: (id: string, tokenHash: string, expiresAt: string, at: string) => void renew.run(tokenHash, expiresAt, at, id),
    /** False when the invite was no longer pending and unexpired (a concurrent accept, a cancel). */
    markAccepted: (id: string, userId: string, at: string) => accept.run(at, userId, at, id, at).changes === 1,
    list(filter: InviteListFilter): { total: number; rows: InviteRow[] } {
      const where = ['organisation_id = ?'];
      const params: unknown[] = [filter.organisationId];
      if (filter.status === 'pending') {
        where.push("status = 'pending' AND expires_at > ?");
        params.push(filter.nowIso);
      } else if (filter.status === 'expired') {
        where.push("(status = 'expired' OR (status = 'pending' AND expires_at <= ?))");
        params.push(filter.nowIso);
      } else if (filter.status) {
        where.push('status = ?');
        params.push(filter.status);
      }
      if (filter.role) {
        where.push('role = ?');
        params.push(filter.role);
      }
      if (filter.email) {
        where.push('email = ?');
        params.push(filter.email);
      }
      const clause = where.join(' AND ');
      const total = db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM invites WHERE ${clause}`).get(...params)!.n;
      const rows = db
        .prepare<unknown[], InviteRow>(`SELECT * FROM invites WHERE ${clause} ORDER BY created_at DESC, id LIMIT ? OFFSET ?`)
        .all(...params, filter.limit, filter.offset);
      return { total, rows };
    },
    transaction<T>(fn: () => T): T {
      return db.transaction(fn)();
    },
  };
}

export type InvitesRepository = ReturnType<typeof invitesRepository>;
