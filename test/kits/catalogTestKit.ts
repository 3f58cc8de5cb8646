// Helpers for the catalog tests: JSON calls through app.inject(), extra workspaces and keys, and
// views of the SQLite file as a separate reader would see it (to look for leaked secrets and
// half-written rows). The workspace-create API arrives later, so workspace rows are inserted directly.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import type { TestApp } from '../helpers/testApp.ts';
import { isoNow } from '../../server/db/rows.ts';
import { newId } from '../../server/ids.ts';
import { SCOPES_BY_KEY_TYPE } from '../../server/identity/scopes.ts';
import type { WorkspaceRow } from '../../server/control-plane/workspaces/repository.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type Headers = Record<string, string>;

export interface Reply {
  status: number;
  // Response bodies are whatever JSON the route sent; tests read them field by field.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
}

export async function call(t: TestApp, method: Method, url: string, headers: Headers, payload?: unknown): Promise<Reply> {
  const res = await t.app.inject({ method, url, headers, payload: payload as object | undefined });
  return { status: res.statusCode, body: res.body ? res.json() : undefined, text: res.body };
}

/** A request whose body is sent exactly as given (malformed JSON, odd content types). */
export async function send(
  t: TestApp,
  method: Method,
  url: string,
  headers: Headers,
  body: string,
  contentType = 'application/json',
): Promise<Reply> {
  const res = await t.app.inject({ method, url, headers: { ...headers, 'content-type': contentType }, payload: body });
  return { status: res.statusCode, body: res.body ? res.json() : undefined, text: res.body };
}

/** The Admin API error envelope, exactly: `{ success: false, data: { message, errorCode } }`. */
export function expectAdminError(res: Reply, status: number, errorCode: string, message: RegExp | string): void {
  expect({ status: res.status, body: res.body }).toEqual({
    status,
    body: { success: false, data: { errorCode, message: typeof message === 'string' ? message : expect.stringMatching(message) } },
  });
}

export function addWorkspace(t: TestApp, slug: string, status: WorkspaceRow['status'] = 'active'): WorkspaceRow {
  const at = isoNow();
  const row: WorkspaceRow = {
    id: newId(),
    organisation_id: t.credentials.organisation_id,
    slug,
    name: `Workspace ${slug}`,
    description: null,
    is_default: 0,
    status,
    defaults: '{}',
    usage_limits: '[]',
    rate_limits: '[]',
    created_at: at,
    last_updated_at: at,
  };
  t.app.services.repos.workspaces.insert(row);
  return row;
}

/** A workspace service key; by default with every scope such a key may hold. */
export async function workspaceKey(
  t: TestApp,
  workspaceId: string,
  scopes = [...SCOPES_BY_KEY_TYPE['workspace-service']],
): Promise<Headers> {
  const res = await call(t, 'POST', '/v1/api-keys/workspace/service', t.admin, { name: 'test key', workspace_id: workspaceId, scopes });
  if (res.status !== 200) throw new Error(`could not create a workspace key: ${res.text}`);
  return { 'x-portkey-api-key': res.body.key };
}

/** An organisation (admin) service key with the given scopes. */
export async function adminKey(t: TestApp, scopes: string[]): Promise<Headers> {
  const res = await call(t, 'POST', '/v1/api-keys/organisation/service', t.admin, { name: 'narrow admin key', scopes });
  if (res.status !== 200) throw new Error(`could not create an admin key: ${res.text}`);
  return { 'x-portkey-api-key': res.body.key };
}

export const CATALOG_TABLES = ['integrations', 'integration_workspaces', 'integration_models', 'providers'] as const;

/** Rows per catalog table, to show that a refused request wrote nothing. */
export function catalogCounts(t: TestApp): Record<(typeof CATALOG_TABLES)[number], number> {
  const count = (table: string) => t.stores.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()!.n;
  return Object.fromEntries(CATALOG_TABLES.map((table) => [table, count(table)])) as Record<(typeof CATALOG_TABLES)[number], number>;
}

/**
 * Every column of every table of the metadata database, read through a second, read-only
 * connection to the file (as anyone holding a copy of the data dir could), as one string.
 */
export function sqliteDump(t: TestApp): string {
  const reader = new Database(path.join(t.config.dataDir, 'appliance.db'), { readonly: true, fileMustExist: true });
  try {
    const tables = reader
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining([...CATALOG_TABLES]));
    return tables.map((table) => `${table}: ${JSON.stringify(reader.prepare(`SELECT * FROM "${table}"`).all())}`).join('\n');
  } finally {
    reader.close();
  }
}

/** The raw bytes of the database file and its write-ahead log, as text. */
export function sqliteFileBytes(t: TestApp): string {
  const base = path.join(t.config.dataDir, 'appliance.db');
  return ['', '-wal', '-shm']
    .map((suffix) => base + suffix)
    .filter((file) => fs.existsSync(file))
    .map((file) => fs.readFileSync(file).toString('latin1'))
    .join('\n');
}
