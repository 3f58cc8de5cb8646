// /v1/admin/users[/{userId}] (spec §2.5): camelCase paging, role and email filters, role changes,
// removal, and the organisation never losing its last owner.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/testApp.ts';
import { adminKey, addUser, call, countRows, expectAdminError, ownerId, type Reply, userKey } from '../../../test/kits/peopleTestKit.ts';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await t.close();
});

const ok = (res: Reply) => {
  expect(res.status, res.text).toBe(200);
  return res.body;
};

describe('listing and reading users', () => {
  it('lists the owner made on first run with the documented fields', async () => {
    const list = ok(await call(t, 'GET', '/v1/admin/users', t.admin));
    expect(list).toEqual({
      total: 1,
      object: 'list',
      data: [
        {
          object: 'user',
          id: ownerId(t),
          email: t.credentials.owner.email,
          first_name: 'Owner',
          last_name: null,
          role: 'owner',
          status: 'active',
          created_at: expect.any(String),
          last_updated_at: expect.any(String),
          workspace_ids: [t.credentials.workspace.id],
        },
      ],
    });
    expect(ok(await call(t, 'GET', `/v1/admin/users/${ownerId(t)}`, t.admin))).toEqual(list.data[0]);
  });

  it('pages with camelCase pageSize/currentPage and filters by role and email', async () => {
    for (let i = 0; i < 4; i++) addUser(t, `user${i}@example.com`, i % 2 ? 'admin' : 'member');
    const page = ok(await call(t, 'GET', '/v1/admin/users?pageSize=2&currentPage=2', t.admin));
    expect([page.total, page.data.length]).toEqual([5, 1]);
    const admins = ok(await call(t, 'GET', '/v1/admin/users?role=admin', t.admin));
    expect(admins.data.map((u: { email: string }) => u.email)).toEqual(['user1@example.com', 'user3@example.com']);
    expect(ok(await call(t, 'GET', '/v1/admin/users?email=USER2@example.com', t.admin)).data).toHaveLength(1);
    expectAdminError(await call(t, 'GET', '/v1/admin/users?role=superuser', t.admin), 400, 'AB01', /querystring\.role/);
  });

  it('404s unknown users and needs organisation_users scopes', async () => {
    expectAdminError(await call(t, 'GET', '/v1/admin/users/00000000-0000-4000-8000-000000000000', t.admin), 404, 'AB08', /was not found/);
    expectAdminError(await call(t, 'GET', '/v1/admin/users', t.workspace), 403, 'AB03', /organisation_users\.list/);
    const reader = await adminKey(t, ['organisation_users.list']);
    ok(await call(t, 'GET', '/v1/admin/users', reader));
    expectAdminError(await call(t, 'GET', `/v1/admin/users/${ownerId(t)}`, reader), 403, 'AB03', /organisation_users\.read/);
  });
});

describe('changing roles', () => {
  it('promotes and demotes, answering with the user, and refuses a same-role update', async () => {
    const u = addUser(t, 'pat@example.com');
    const updated = ok(await call(t, 'PUT', `/v1/admin/users/${u.id}`, t.admin, { role: 'admin', userId: u.id }));
    expect(updated).toMatchObject({ object: 'user', id: u.id, role: 'admin' });
    expectAdminError(
      await call(t, 'PUT', `/v1/admin/users/${u.id}`, t.admin, { role: 'admin' }),
      400,
      'AB01',
      /already has the role "admin"/,
    );
    expectAdminError(
      await call(t, 'PUT', `/v1/admin/users/${u.id}`, t.admin, { role: 'owner' }),
      400,
      'AB01',
      /body\.role must be one of: "admin", "member"/,
    );
  });

  it('never demotes the last owner, but does once there is another', async () => {
    const owner = ownerId(t);
    expectAdminError(
      await call(t, 'PUT', `/v1/admin/users/${owner}`, t.admin, { role: 'admin' }),
      409,
      'AB07',
      /last owner and cannot be demoted/,
    );
    addUser(t, 'second-owner@example.com', 'owner');
    expect(ok(await call(t, 'PUT', `/v1/admin/users/${owner}`, t.admin, { role: 'admin' })).role).toBe('admin');
  });
});

describe('removing users', () => {
  it('removes the user, their memberships and their API keys', async () => {
    const u = addUser(t, 'leaver@example.com', 'member', [[t.credentials.workspace.id, 'member']]);
    const key = await userKey(t, t.credentials.workspace.id, u.id, ['workspaces.read']);
    ok(await call(t, 'GET', `/v1/admin/workspaces/${t.credentials.workspace.id}`, key.headers));
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/v1/admin/users/${u.id}`,
      headers: { ...t.admin, 'content-type': 'application/json' },
      payload: JSON.stringify({ userId: u.id }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({});
    expect([
      countRows(t, 'users', 'id = ?', u.id),
      countRows(t, 'workspace_members', 'user_id = ?', u.id),
      countRows(t, 'api_keys', 'user_id = ?', u.id),
    ]).toEqual([0, 0, 0]);
    expect((await call(t, 'GET', `/v1/admin/workspaces/${t.credentials.workspace.id}`, key.headers)).status).toBe(401);
    expectAdminError(await call(t, 'GET', `/v1/admin/users/${u.id}`, t.admin), 404, 'AB08', /was not found/);
  });

  it('never removes the last owner', async () => {
    expectAdminError(await call(t, 'DELETE', `/v1/admin/users/${ownerId(t)}`, t.admin), 409, 'AB07', /last owner and cannot be removed/);
    expect(countRows(t, 'users', "role = 'owner'")).toBe(1);
  });
});
