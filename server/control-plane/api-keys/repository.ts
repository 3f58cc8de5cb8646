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
  last_reset_at: string | null;
  created_at: string;
  last_updated_at: string;
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
  limit: number;
  offset: number;
}

const COLUMNS = `id, organisation_id, workspace_id, user_id, type, name, description, masked_key, scopes, status,
  creation_mode, rate_limits, usage_limits, current_usage, defaults, alert_emails, expires_at, rotation_policy,
  last_reset_at, created_at, last_updated_at`;

export function apiKeysRepository(db: Sqlite) {
  const byId = db.prepare<[string], ApiKeyRow>('SELECT * FROM api_keys WHERE id = ?');
  const bySecret = db.prepare<[string], ApiKeyRow & { secret_expires_at: string | null }>(
    `SELECT k.*, s.expires_at AS secret_expires_at FROM api_key_secrets s
     JOIN api_keys k ON k.id = s.api_key_id WHERE s.hash = ?`,
  );
  const insertKey = db.prepare(`INSERT INTO api_keys (${COLUMNS}) VALUES (@id, @organisation_id, @workspace_id,
    @user_id, @type, @name, @description, @masked_key, @scopes, @status, @creation_mode, @rate_limits, @usage_limits,
    @current_usage, @defaults, @alert_emails, @expires_at, @rotation_policy, @last_reset_at, @created_at, @last_updated_at)`);
  const insertSecret = db.prepare(
    'INSERT INTO api_key_secrets (hash, api_key_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
  );
  const remove = db.prepare('DELETE FROM api_keys WHERE id = ?');

  return {
    get(id: string): ApiKeyRow | null {
      return byId.get(id) ?? null;
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
    list(filter: KeyListFilter): { total: number; rows: ApiKeyRow[] } {
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
        .prepare<unknown[], ApiKeyRow>(`SELECT * FROM api_keys WHERE ${clause} ORDER BY created_at DESC, id LIMIT ? OFFSET ?`)
        .all(...params, filter.limit, filter.offset);
      return { total, rows };
    },
  };
}

export type ApiKeysRepository = ReturnType<typeof apiKeysRepository>;
