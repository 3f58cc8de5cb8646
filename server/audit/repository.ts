// The audit_logs table (migration 0005): batched inserts and the filtered, paged read behind
// GET /v1/audit-logs. Statements are prepared on first use, so that a missing table is an error
// of that write (logged by the recorder), not of start-up.
import type { Sqlite } from '../db/sqlite.ts';
import type { AuditRow } from './events.ts';

export interface AuditFilter {
  organisationId: string;
  /** Inclusive bounds, ISO 8601 UTC with milliseconds (the stored format). */
  from?: string;
  to?: string;
  /** undefined: any workspace; a string: that workspace only. */
  workspaceId?: string;
  method?: string;
  /** Exact path, or a prefix when it ends in `*`. */
  uri?: string;
  requestId?: string;
  /** The person or the acting key. */
  userId?: string;
  userType?: 'user' | 'api_key';
  apiKeyId?: string;
  statusCode?: number;
  resourceType?: string;
  resourceId?: string;
  action?: string;
  clientIp?: string;
  country?: string;
}

const COLUMNS = [
  'id',
  'timestamp',
  'organisation_id',
  'workspace_id',
  'user_id',
  'user_type',
  'api_key_id',
  'api_key_type',
  'method',
  'uri',
  'request_id',
  'request_body',
  'query_params',
  'request_headers',
  'response_status_code',
  'resource_type',
  'resource_id',
  'action',
  'client_ip',
  'user_agent',
  'country',
] as const satisfies readonly (keyof AuditRow)[];

function whereOf(f: AuditFilter): { sql: string; params: unknown[] } {
  const clauses: string[] = ['organisation_id = ?'];
  const params: unknown[] = [f.organisationId];
  const eq = (column: string, value: unknown) => {
    if (value === undefined) return;
    clauses.push(`${column} = ?`);
    params.push(value);
  };
  if (f.from !== undefined) {
    clauses.push('timestamp >= ?');
    params.push(f.from);
  }
  if (f.to !== undefined) {
    clauses.push('timestamp <= ?');
    params.push(f.to);
  }
  eq('workspace_id', f.workspaceId);
  eq('method', f.method);
  if (f.uri !== undefined) {
    if (f.uri.endsWith('*')) {
      clauses.push("uri LIKE ? ESCAPE '\\'");
      params.push(`${f.uri.slice(0, -1).replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    } else eq('uri', f.uri);
  }
  eq('request_id', f.requestId);
  if (f.userId !== undefined) {
    clauses.push('(user_id = ? OR api_key_id = ?)');
    params.push(f.userId, f.userId);
  }
  eq('user_type', f.userType);
  eq('api_key_id', f.apiKeyId);
  eq('response_status_code', f.statusCode);
  eq('resource_type', f.resourceType);
  eq('resource_id', f.resourceId);
  eq('action', f.action);
  eq('client_ip', f.clientIp);
  eq('country', f.country);
  return { sql: clauses.join(' AND '), params };
}

export function auditRepository(db: Sqlite) {
  let insert: ReturnType<Sqlite['prepare']> | null = null;
  const insertMany = db.transaction((rows: AuditRow[]) => {
    insert ??= db.prepare(`INSERT INTO audit_logs (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`);
    for (const row of rows) insert.run(row);
  });
  return {
    insertMany: (rows: AuditRow[]) => void insertMany(rows),

    list(filter: AuditFilter, page: { limit: number; offset: number }): { total: number; rows: AuditRow[] } {
      const { sql, params } = whereOf(filter);
      const total = db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM audit_logs WHERE ${sql}`).get(...params)!.n;
      const rows =
        page.limit === 0
          ? []
          : db
              .prepare<unknown[], AuditRow>(
                `SELECT ${COLUMNS.join(', ')} FROM audit_logs WHERE ${sql} ORDER BY timestamp DESC, seq DESC LIMIT ? OFFSET ?`,
              )
              .all(...params, page.limit, page.offset);
      return { total, rows };
    },
  };
}

export type AuditRepository = ReturnType<typeof auditRepository>;
