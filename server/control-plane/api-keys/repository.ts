// API keys in SQLite. Raw keys never reach this layer: only SHA-256 hashes of them.
import crypto from 'node:crypto';
import type { Sqlite } from '../../db/sqlite.ts';
import { parseJson } from '../../db/rows.ts';
import type { ApiKeyPrincipal, KeyStatus, KeyType } from '../../identity/auth.ts';

export interface ApiKeyRow {
  id: string;
  organisation_id: string;
  workspace_id: string | null;
  user_id: string | null;
  type: KeyType;
  name: string;
  description: string | null;
  masked_key: string;
  scopes: string;
  status: KeyStatus;
  creation_mode: 'ui' | 'api' | 'auto';
  rate_limits: string | null;
  usage_limits: string | null;
  current_usage: number;
  defaults: string;
  alert_emails: string;
  expires_at: string | null;
  rotation_policy: string | null;
  next_rotation_at: string | null;
  last_rotated_at: string | null;
  last_reset_at: string | null;
  created_at: string;
  last_updated_at: string;
}

/** A key with the state of its secrets, as the Admin API shows it. */
export interface ApiKeyViewRow extends ApiKeyRow {
  /** When the previous secret stops working, while a rotation's transition lasts. */
  key_transition_expires_at: string | null;
  /** 1 when a scheduled rotation's secret waits to be revealed. */
  rotated_key_available: number;
}

export interface SecretRotation {
  keyId: string;
  newHash: string;
  /** Sealed copy of the new secret (scheduled rotations only). */
  sealed: string | null;
  maskedKey: string;
  at: string;
  transitionExpiresAt: string;
  nextRotationAt: string | null;
}

/** Random, high-entropy key: the prefix plus 32 random bytes in base64url (43 characters). */
export function generateRawKey(prefix: string): string {
  return `${prefix}${crypto.randomBytes(32).toString('base64url')}`;
}

export function hashKey(raw: string): string {
  return crypto.createHash('sha256').update(raw, 'utf8').digest('hex');
}

export function maskKey(raw: string): string {
  return `${raw.slice(0, 4)}${'*'.repeat(8)}${raw.slice(-4)}`;
}

export function principalFromRow(row: ApiKeyRow): ApiKeyPrincipal {
  return {
    id: row.id,
    name: row.name,
    organisationId: row.organisation_id,
    workspaceId: row.workspace_id,
    userId: row.user_id,
    type: row.type,
    scopes: new Set(parseJson<string[]>(row.scopes, [])),
    status: row.status,
    expiresAt: row.expires_at ? Date.parse(row.expires_at) : null,
    defaults: parseJson(row.defaults, {}),
    rateLimits: parseJson(row.rate_limits, []),
    usageLimits: parseJson(row.usage_limits, null),
  };
}

export interface KeyListFilter {
  organisationId: string;
  workspaceId?: string;
  types: KeyType[];
  ids?: string[];
  /** Only keys owned by this user (members listing their own keys). */
  userId?: string;
  /** The current time (ISO), for the state of each key's secrets. */
  nowIso: string;
  limit: number;
  offset: number;
}

const COLUMNS = `id, organisation_id, workspace_id, user_id, type, name, description, masked_key, scopes, status,
  creation_mode, rate_limits, usage_limits, current_usage, defaults, alert_emails, expires_at, rotation_policy,
  next_rotation_at, last_rotated_at, last_reset_at, created_at, last_updated_at`;

/** Columns of ApiKeyViewRow beyond the key's own; `?` is the current time (ISO). */
const SECRET_STATE = `(SELECT max(s.expires_at) FROM api_key_secrets s WHERE s.api_key_id = k.id AND s.expires_at > ?)
    AS key_transition_expires_at,
  EXISTS (SELECT 1 FROM api_key_secrets s WHERE s.api_key_id = k.id AND s.expires_at IS NULL AND s.sealed_secret IS NOT NULL)
    AS rotated_key_available`;

export function apiKeysRepository(db: Sqlite) {
  const byId = db.prepare<[string], ApiKeyRow>('SELECT * FROM api_keys WHERE id = ?');
  const bySecret = db.prepare<[string], ApiKeyRow & { secret_expires_at: string | null }>(
    `SELECT k.*, s.expires_at AS secret_expires_at FROM api_key_secrets s
     JOIN api_keys k ON k.id = s.api_key_id WHERE s.hash = ?`,
  );
  const insertKey = db.prepare(`INSERT INTO api_keys (${COLUMNS}) VALUES (@id, @organisation_id, @workspace_id,
    @user_id, @type, @name, @description, @masked_key, @scopes, @status, @creation_mode, @rate_limits, @usage_limits,
    @current_usage, @defaults, @alert_emails, @expires_at, @rotation_policy, @next_rotation_at, @last_rotated_at,
    @last_reset_at, @created_at, @last_updated_at)`);
  const insertSecret = db.prepare('INSERT INTO api_key_secrets (hash, api_key_id, created_at, expires_at) VALUES (?, ?, ?, ?)');
  const remove = db.prepare('DELETE FROM api_keys WHERE id = ?');
  const viewById = db.prepare<[string, string], ApiKeyViewRow>(`SELECT k.*, ${SECRET_STATE} FROM api_keys k WHERE k.id = ?`);

  // Rotation: the older rotated-out secret (if any) ends at once, the current one gets its
  // transition expiry, the new one becomes current: never more than two secrets per key.
  const dropRotatedOut = db.prepare('DELETE FROM api_key_secrets WHERE api_key_id = ? AND expires_at IS NOT NULL');
  const demoteCurrent = db.prepare(
    'UPDATE api_key_secrets SET expires_at = ?, sealed_secret = NULL WHERE api_key_id = ? AND expires_at IS NULL',
  );
  const insertCurrent = db.prepare(
    'INSERT INTO api_key_secrets (hash, api_key_id, created_at, expires_at, sealed_secret) VALUES (?, ?, ?, NULL, ?)',
  );
  const markRotated = db.prepare(
    'UPDATE api_keys SET masked_key = ?, last_rotated_at = ?, last_updated_at = ?, next_rotation_at = ? WHERE id = ?',
  );
  const sealedCurrent = db.prepare<[string], { hash: string; sealed_secret: string }>(
    'SELECT hash, sealed_secret FROM api_key_secrets WHERE api_key_id = ? AND expires_at IS NULL AND sealed_secret IS NOT NULL',
  );
  const clearSealed = db.prepare('UPDATE api_key_secrets SET sealed_secret = NULL WHERE hash = ?');
  const purgeEnded = db.prepare<[string], { api_key_id: string }>(
    'DELETE FROM api_key_secrets WHERE expires_at IS NOT NULL AND expires_at <= ? RETURNING api_key_id',
  );
  const markExpired = db.prepare<[string, string], { id: string }>(
    `UPDATE api_keys SET status = 'expired', last_updated_at = ?
     WHERE expires_at IS NOT NULL AND expires_at <= ? AND status <> 'expired' RETURNING id`,
  );
  const dueForRotation = db.prepare<[string], ApiKeyRow>(
    'SELECT * FROM api_keys WHERE next_rotation_at IS NOT NULL AND next_rotation_at <= ? ORDER BY next_rotation_at, id',
  );
  const liveUserKeys = db.prepare<[string, string, string], { n: number }>(
    `SELECT count(*) AS n FROM api_keys WHERE workspace_id = ? AND user_id = ? AND type = 'workspace-user'
     AND status <> 'expired' AND (expires_at IS NULL OR expires_at > ?)`,
  );

  return {
    get(id: string): ApiKeyRow | null {
      return byId.get(id) ?? null;
    },
    getView(id: string, nowIso: string): ApiKeyViewRow | null {
      return viewById.get(nowIso, id) ?? null;
    },
    rotateSecret(r: SecretRotation): void {
      db.transaction(() => {
        dropRotatedOut.run(r.keyId);
        demoteCurrent.run(r.transitionExpiresAt, r.keyId);
        insertCurrent.run(r.newHash, r.keyId, r.at, r.sealed);
        markRotated.run(r.maskedKey, r.at, r.at, r.nextRotationAt, r.keyId);
      })();
    },
    /** Returns the sealed copy of the key's current secret and forgets it, or null when there is none. */
    takeSealedSecret(keyId: string): string | null {
      return db.transaction(() => {
        const row = sealedCurrent.get(keyId);
        if (!row) return null;
        clearSealed.run(row.hash);
        return row.sealed_secret;
      })();
    },
    /** Deletes secrets whose transition has ended; returns the ids of their keys. */
    purgeEndedSecrets(nowIso: string): string[] {
      return [...new Set(purgeEnded.all(nowIso).map((r) => r.api_key_id))];
    },
    /** Marks keys past expires_at as expired; returns their ids. */
    markExpired(nowIso: string): string[] {
      return markExpired.all(nowIso, nowIso).map((r) => r.id);
    },
    dueForRotation(nowIso: string): ApiKeyRow[] {
      return dueForRotation.all(nowIso);
    },
    countLiveUserKeys(workspaceId: string, userId: string, nowIso: string): number {
      return liveUserKeys.get(workspaceId, userId, nowIso)!.n;
    },
    findBySecretHash(hash: string) {
      return bySecret.get(hash) ?? null;
    },
    insert(row: ApiKeyRow, secretHash: string): void {
      db.transaction(() => {
        insertKey.run(row);
        insertSecret.run(secretHash, row.id, row.created_at, null);
      })();
    },
    update(id: string, changes: Partial<Omit<ApiKeyRow, 'id'>>): void {
      const keys = Object.keys(changes);
      if (keys.length === 0) return;
      db.prepare(`UPDATE api_keys SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run({
        ...changes,
        id,
      });
    },
    delete(id: string): boolean {
      return remove.run(id).changes > 0;
    },
    list(filter: KeyListFilter): { total: number; rows: ApiKeyViewRow[] } {
      if (filter.types.length === 0) return { total: 0, rows: [] };
      const where = ['organisation_id = ?', `type IN (${filter.types.map(() => '?').join(',')})`];
      const params: unknown[] = [filter.organisationId, ...filter.types];
      if (filter.workspaceId) {
        where.push('workspace_id = ?');
        params.push(filter.workspaceId);
      }
      if (filter.userId) {
        where.push('user_id = ?');
        params.push(filter.userId);
      }
      if (filter.ids) {
        where.push(`id IN (${filter.ids.map(() => '?').join(',') || 'NULL'})`);
        params.push(...filter.ids);
      }
      const clause = where.join(' AND ');
      const total = db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM api_keys WHERE ${clause}`).get(...params)!.n;
      const rows = db
        .prepare<unknown[], ApiKeyViewRow>(
          `SELECT k.*, ${SECRET_STATE} FROM api_keys k WHERE ${clause} ORDER BY created_at DESC, id LIMIT ? OFFSET ?`,
        )
        .all(filter.nowIso, ...params, filter.limit, filter.offset);
      return { total, rows };
    },
  };
}

export type ApiKeysRepository = ReturnType<typeof apiKeysRepository>;
