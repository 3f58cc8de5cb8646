// Helpers for the audit tests: the stored rows as the table holds them, the actors of the
// bootstrap keys, and the records the API returns.
import { expect } from 'vitest';
import type { TestApp } from '../helpers/testApp.ts';
import { call, type Headers } from './catalogTestKit.ts';
import type { AuditRow } from '../../server/audit/events.ts';

/** Every stored row, oldest first, after the recorder has written what it queued. */
export function auditRows(t: TestApp): AuditRow[] {
  t.app.services.audit.flush();
  return t.stores.db.prepare<[], AuditRow>('SELECT * FROM audit_logs ORDER BY seq').all();
}

/** The whole audit table as one string, to search for leaked secrets. */
export function auditDump(t: TestApp): string {
  return JSON.stringify(auditRows(t));
}

/** The id of the API key a set of headers authenticates with. */
export function keyIdOf(t: TestApp, headers: Headers): string {
  const raw = headers['x-portkey-api-key']!;
  const found = t.app.services.keyCache.lookup(raw);
  if (!found.ok) throw new Error('unknown test key');
  return found.principal.id;
}

export interface AuditRecordView {
  timestamp: string;
  method: string;
  uri: string;
  request_id: string;
  request_body: string | null;
  query_params: string | null;
  request_headers: string | null;
  user_id: string | null;
  user_type: 'user' | 'api_key' | null;
  organisation_id: string;
  workspace_id: string | null;
  response_status_code: number;
  resource_type: string;
  action: string;
  client_ip: string | null;
  country: string | null;
  resource_id: string | null;
  api_key_id: string | null;
  api_key_type: string | null;
  user_agent: string | null;
  status: 'success' | 'failure';
}

/** GET /v1/audit-logs with a query; expects a 200 and returns the body. */
export async function auditLogs(
  t: TestApp,
  query: Record<string, string | number> = {},
  headers: Headers = t.admin,
): Promise<{ records: AuditRecordView[]; total: number; object: string }> {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
  const res = await call(t, 'GET', `/v1/audit-logs${qs ? `?${qs}` : ''}`, headers);
  expect(res.status, res.text).toBe(200);
  return res.body;
}
