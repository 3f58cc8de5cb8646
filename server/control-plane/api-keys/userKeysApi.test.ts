// Workspace user keys over the Admin API: whose keys they may be, and the organisation's limits on
// them (count per user per workspace, default and longest lifetime) read from organisations.settings.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isoNow } from '../../db/rows.ts';
import { newId } from '../../ids.ts';
import { DAY, START, type KeyTestApp, startKeyTestApp } from '../../../test/kits/apiKeysTestKit.ts';

let t: KeyTestApp;
beforeEach(async () => {
  t = await startKeyTestApp();
});
afterEach(async () => {
  await t.close();
});

/** A user of the organisation, written straight to the database (the users API is not under test). */
function addUser(
  role: 'owner' | 'admin' | 'member',
  options: { workspaceRole?: 'admin' | 'manager' | 'member'; status?: 'active' | 'archived' } = {},
) {
  const id = newId();
  const at = isoNow(START);
  t.stores.db
    .prepare(`INSERT INTO users (id, organisation_id, email, role, status, created_at, last_updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
    .run(id, t.credentials.organisation_id, `${id}@example.test`, role, options.status ?? 'active', at, at);
  if (options.workspaceRole) {
    t.stores.db
      .prepare('INSERT INTO workspace_members (workspace_id, user_id, role, created_at, last_updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(t.credentials.workspace.id, id, options.workspaceRole, at, at);
  }
  return id;
}

function setSettings(settings: Record<string, unknown>) {
  t.stores.db.prepare('UPDATE organisations SET settings = ? WHERE id = ?').run(JSON.stringify(settings), t.credentials.organisation_id);
  t.app.services.settings.invalidate();
}

const createUserKey = (userId: string, extra: Record<string, unknown> = {}, headers = t.admin) =>
  t.call('POST', '/v1/api-keys/workspace/user', headers, {
    name: 'personal',
    workspace_id: t.credentials.workspace.id,
    user_id: userId,
    scopes: ['completions.write'],
    ...extra,
  });

describe('who a user key may belong to', () => {
  it('a workspace member, or an org owner/admin; not an outsider, an archived user or an unknown id', async () => {
    const member = addUser('member', { workspaceRole: 'member' });
    const orgAdmin = addUser('admin');
    const outsider = addUser('member');
    const archived = addUser('member', { workspaceRole: 'member', status: 'archived' });

    const ok = await createUserKey(member);
    expect(ok.status).toBe(200);
    expect((await t.call('GET', `/v1/api-keys/${ok.body.id}`, t.admin)).body).toMatchObject({ type: 'workspace-user', user_id: member });
    expect((await createUserKey(orgAdmin)).status).toBe(200);

    const out = await createUserKey(outsider);
    expect(out.status).toBe(400);
    expect(out.body.data.message).toMatch(/not a member of this workspace/);
    const gone = await createUserKey(archived);
    expect(gone.status).toBe(400);
    expect(gone.body.data.message).toMatch(/not active/);
    expect((await createUserKey('no-such-user')).status).toBe(404);
  });

  it('a workspace service key with workspace_user_api_keys.create creates keys for members', async () => {
    const member = addUser('member', { workspaceRole: 'manager' });
    const res = await createUserKey(member, {}, t.workspace);
    expect(res.status).toBe(200);
  });
});

describe('organisation limits on user keys', () => {
  it('applies the default lifetime, refuses expiry beyond the maximum, and names the setting', async () => {
    setSettings({ user_api_key_ttl: 7 * 86_400, user_api_key_max_ttl: 30 * 86_400 });
    const member = addUser('member', { workspaceRole: 'member' });

    const plain = await createUserKey(member);
    expect(plain.status).toBe(200);
    expect((await t.call('GET', `/v1/api-keys/${plain.body.id}`, t.admin)).body.expires_at).toBe(new Date(START + 7 * DAY).toISOString());

    const explicit = await createUserKey(member, { expires_at: new Date(START + 20 * DAY).toISOString() });
    expect((await t.call('GET', `/v1/api-keys/${explicit.body.id}`, t.admin)).body.expires_at).toBe(
      new Date(START + 20 * DAY).toISOString(),
    );

    const tooLong = await createUserKey(member, { expires_at: new Date(START + 31 * DAY).toISOString() });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.data).toEqual({
      errorCode: 'AB01',
      message: `expires_at is beyond the longest lifetime allowed for user API keys (user_api_key_max_ttl: 30 days, so no later than ${new Date(START + 30 * DAY).toISOString()})`,
    });

    // Updates are held to the same maximum, and a user key cannot be made to never expire.
    const never = await t.call('PUT', `/v1/api-keys/${plain.body.id}`, t.admin, { expires_at: null });
    expect(never.status).toBe(400);
    expect(never.body.data.message).toMatch(/must expire.*user_api_key_max_ttl: 30 days/);
    const later = await t.call('PUT', `/v1/api-keys/${plain.body.id}`, t.admin, { expires_at: new Date(START + 40 * DAY).toISOString() });
    expect(later.status).toBe(400);

    // Service keys are not user keys: no lifetime is imposed on them.
    const svc = await t.serviceKey();
    expect((await t.call('GET', `/v1/api-keys/${svc.id}`, t.admin)).body.expires_at).toBeNull();
  });

  it('limits live keys per user per workspace; expired keys do not count', async () => {
    setSettings({ user_api_key_max_per_workspace: 2, user_api_key_ttl: 86_400 });
    const alice = addUser('member', { workspaceRole: 'member' });
    const bob = addUser('member', { workspaceRole: 'member' });
    expect((await createUserKey(alice)).status).toBe(200);
    expect((await createUserKey(alice)).status).toBe(200);

    const third = await createUserKey(alice);
    expect(third.status).toBe(409);
    expect(third.body.data).toEqual({
      errorCode: 'AB07',
      message:
        'This user already holds 2 user API keys in this workspace, the most the organisation allows ' +
        '(user_api_key_max_per_workspace: 2). Delete one, or ask an organisation admin to raise the limit.',
    });
    expect((await createUserKey(bob)).status).toBe(200);

    // Once the first two have expired (even before the worker marks them), there is room again.
    t.clock.now = START + 2 * DAY;
    expect((await createUserKey(alice)).status).toBe(200);
  });

  it('reads changed settings after invalidate(), and ignores values that are not positive whole numbers', async () => {
    const member = addUser('member', { workspaceRole: 'member' });
    setSettings({ user_api_key_max_per_workspace: 1 });
    expect((await createUserKey(member)).status).toBe(200);
    expect((await createUserKey(member)).status).toBe(409);
    setSettings({ user_api_key_max_per_workspace: 'one', user_api_key_max_ttl: -1 });
    const res = await createUserKey(member);
    expect(res.status).toBe(200);
    expect((await t.call('GET', `/v1/api-keys/${res.body.id}`, t.admin)).body.expires_at).toBeNull();
  });

  it('a maximum alone gives new keys the maximum lifetime', async () => {
    setSettings({ user_api_key_max_ttl: 3600 });
    const member = addUser('member', { workspaceRole: 'member' });
    const res = await createUserKey(member);
    expect((await t.call('GET', `/v1/api-keys/${res.body.id}`, t.admin)).body.expires_at).toBe(new Date(START + 3_600_000).toISOString());
  });
});
