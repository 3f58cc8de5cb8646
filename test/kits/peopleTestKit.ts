// Helpers for the workspace, member, user and invite tests: people inserted straight into the
// users table (the invite flow that makes them over HTTP has its own end-to-end test), user keys,
// and row counts to show that a refused request wrote nothing.
import type { TestApp } from '../helpers/testApp.ts';
import { isoNow } from '../../server/db/rows.ts';
import { newId } from '../../server/ids.ts';
import type { OrgRole, WorkspaceRole } from '../../server/identity/roles.ts';
import { call, type Headers } from './catalogTestKit.ts';

export { call, expectAdminError, adminKey, workspaceKey, type Headers, type Reply } from './catalogTestKit.ts';

export interface TestUser {
  id: string;
  email: string;
}

/** An active organisation user, optionally a member of some workspaces. */
export function addUser(t: TestApp, email: string, role: OrgRole = 'member', workspaces: [string, WorkspaceRole][] = []): TestUser {
  const at = isoNow();
  const id = newId();
  const users = t.app.services.repos.users;
  users.insert({
    id,
    organisation_id: t.credentials.organisation_id,
    email,
    first_name: email.split('@')[0]!,
    last_name: null,
    role,
    status: 'active',
    password_hash: null,
    must_change_password: 0,
    created_at: at,
    last_updated_at: at,
  });
  for (const [workspaceId, wsRole] of workspaces) users.addMember(workspaceId, id, wsRole, at);
  return { id, email };
}

/** A workspace user key for `userId` (created with the admin key), with the given scopes. */
export async function userKey(
  t: TestApp,
  workspaceId: string,
  userId: string,
  scopes: string[],
): Promise<{ id: string; headers: Headers }> {
  const res = await call(t, 'POST', '/v1/api-keys/workspace/user', t.admin, {
    name: 'user key',
    workspace_id: workspaceId,
    user_id: userId,
    scopes,
  });
  if (res.status !== 200) throw new Error(`could not create a user key: ${res.text}`);
  return { id: res.body.id, headers: { 'x-portkey-api-key': res.body.key } };
}

export function countRows(t: TestApp, table: string, where = '1 = 1', ...params: unknown[]): number {
  return t.stores.db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get(...params)!.n;
}

export function ownerId(t: TestApp): string {
  return t.stores.db.prepare<[], { id: string }>("SELECT id FROM users WHERE role = 'owner'").get()!.id;
}

/** Every row of every table, as one string: to show a secret was stored nowhere. */
export function dumpDatabase(t: TestApp): string {
  const db = t.stores.db;
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
  return tables.map(({ name }) => `${name}: ${JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all())}`).join('\n');
}
