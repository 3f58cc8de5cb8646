// /v1/admin/workspaces/{id}/users[/{userId}] (spec §2.4): org membership first, roles
// admin/manager/member, nobody granting above their own role, all-or-nothing batches.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/testApp.ts';
import { addUser, call, countRows, expectAdminError, type Reply, type TestUser, userKey } from '../../../test/kits/peopleTestKit.ts';

let t: TestApp;
let ws: { id: string; slug: string };
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;

beforeEach(async () => {
  t = await startTestApp();
  const res = await call(t, 'POST', '/v1/admin/workspaces', t.admin, { name: 'Team' });
  ws = res.body;
  alice = addUser(t, 'alice@example.com');
  bob = addUser(t, 'bob@example.com');
  carol = addUser(t, 'carol@example.com', 'admin');
});
afterEach(async () => {
  await t.close();
});

const ok = (res: Reply) => {
  expect(res.status, res.text).toBe(200);
  return res.body;
};
const path = (suffix = '') => `/v1/admin/workspaces/${ws.id}/users${suffix}`;

describe('adding and listing members', () => {
  it('adds org users with roles, then lists them with the documented fields', async () => {
    expect(
      ok(
        await call(t, 'POST', path(), t.admin, {
          users: [
            { id: alice.id, role: 'manager' },
            { id: bob.id, role: 'member' },
          ],
          workspaceId: ws.slug,
        }),
      ),
    ).toEqual({});
    const list = ok(await call(t, 'GET', path(), t.admin));
    expect(list).toEqual({
      total: 2,
      object: 'list',
      data: [
        {
          object: 'workspace-user',
          id: alice.id,
          user_id: alice.id,
          workspace_id: ws.id,
          email: 'alice@example.com',
          first_name: 'alice',
          last_name: null,
          org_role: 'member',
          role: 'manager',
          status: 'active',
          created_at: expect.any(String),
          last_updated_at: expect.any(String),
          scopes: [],
          settings: null,
        },
        expect.objectContaining({ id: bob.id, role: 'member' }),
      ],
    });
    expect(ok(await call(t, 'GET', path(`/${alice.id}`), t.admin))).toEqual(list.data[0]);
  });

  it('filters by role and email and pages', async () => {
    ok(
      await call(t, 'POST', path(), t.admin, {
        users: [alice, bob, carol].map((u) => ({ id: u.id, role: u === bob ? 'admin' : 'member' })),
      }),
    );
    const emails = (res: Reply) => ok(res).data.map((m: { email: string }) => m.email);
    expect(emails(await call(t, 'GET', path('?role=admin'), t.admin))).toEqual(['bob@example.com']);
    expect(emails(await call(t, 'GET', path('?email=CAROL@example.com'), t.admin))).toEqual(['carol@example.com']);
    const page = ok(await call(t, 'GET', path('?page_size=2&current_page=1'), t.admin));
    expect([page.total, page.data.length]).toEqual([3, 1]);
  });

  it('needs the user to be an org member first, and refuses a whole batch when one entry is wrong', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expectAdminError(
      await call(t, 'POST', path(), t.admin, {
        users: [
          { id: alice.id, role: 'member' },
          { id: missing, role: 'member' },
        ],
      }),
      404,
      'AB08',
      /is not a member of the organisation: invite them/,
    );
    expect(countRows(t, 'workspace_members', 'workspace_id = ?', ws.id)).toBe(0);
    ok(await call(t, 'POST', path(), t.admin, { users: [{ id: alice.id, role: 'member' }] }));
    expectAdminError(await call(t, 'POST', path(), t.admin, { users: [{ id: alice.id, role: 'admin' }] }), 409, 'AB07', /already a member/);
    expectAdminError(
      await call(t, 'POST', path(), t.admin, {
        users: [
          { id: bob.id, role: 'member' },
          { id: bob.id, role: 'admin' },
        ],
      }),
      400,
      'AB01',
      /listed twice/,
    );
    expectAdminError(
      await call(t, 'POST', path(), t.admin, { users: [{ id: bob.id, role: 'owner' }] }),
      400,
      'AB01',
      /must be one of: "admin", "manager", "member"/,
    );
    expect(countRows(t, 'workspace_members', 'workspace_id = ?', ws.id)).toBe(1);
  });

  it('404s users who are not members', async () => {
    expectAdminError(await call(t, 'GET', path(`/${bob.id}`), t.admin), 404, 'AB08', /is not a member of workspace/);
    expectAdminError(await call(t, 'PUT', path(`/${bob.id}`), t.admin, { role: 'admin' }), 404, 'AB08', /is not a member of workspace/);
  });
});

describe('changing roles and removing members', () => {
  it('changes a role, and removing a member ends their user keys there', async () => {
    ok(await call(t, 'POST', path(), t.admin, { users: [{ id: alice.id, role: 'member' }] }));
    ok(await call(t, 'PUT', path(`/${alice.id}`), t.admin, { role: 'manager', userId: alice.id }));
    expect(ok(await call(t, 'GET', path(`/${alice.id}`), t.admin)).role).toBe('manager');

    const key = await userKey(t, ws.id, alice.id, ['workspaces.read']);
    ok(await call(t, 'GET', `/v1/admin/workspaces/${ws.id}`, key.headers));
    const res = await t.app.inject({
      method: 'DELETE',
      url: path(`/${alice.id}`),
      headers: { ...t.admin, 'content-type': 'application/json' },
      payload: JSON.stringify({ workspaceId: ws.id, userId: alice.id }),
    });
    expect(res.statusCode).toBe(200);
    expect(countRows(t, 'api_keys', 'id = ?', key.id)).toBe(0);
    expect((await call(t, 'GET', `/v1/admin/workspaces/${ws.id}`, key.headers)).status).toBe(401);
    expect(countRows(t, 'users', 'id = ?', alice.id)).toBe(1);
  });

  it('an org admin who leaves a workspace keeps their keys: they are admin everywhere', async () => {
    ok(await call(t, 'POST', path(), t.admin, { users: [{ id: carol.id, role: 'member' }] }));
    const key = await userKey(t, ws.id, carol.id, ['workspaces.read']);
    ok(await call(t, 'DELETE', path(`/${carol.id}`), t.admin));
    ok(await call(t, 'GET', `/v1/admin/workspaces/${ws.id}`, key.headers));
  });
});

describe('who may grant which role', () => {
  it('a manager (through their user key) adds members and managers, not admins, and cannot demote an admin', async () => {
    ok(
      await call(t, 'POST', path(), t.admin, {
        users: [
          { id: alice.id, role: 'manager' },
          { id: carol.id, role: 'admin' },
        ],
      }),
    );
    const manager = (
      await userKey(t, ws.id, alice.id, [
        'workspace_users.create',
        'workspace_users.update',
        'workspace_users.delete',
        'workspace_users.list',
      ])
    ).headers;
    const dave = addUser(t, 'dave@example.com');

    expectAdminError(
      await call(t, 'POST', path(), manager, { users: [{ id: bob.id, role: 'admin' }] }),
      403,
      'AB03',
      /a workspace manager cannot add a workspace admin/,
    );
    expect(countRows(t, 'workspace_members', 'user_id = ?', bob.id)).toBe(0);
    ok(
      await call(t, 'POST', path(), manager, {
        users: [
          { id: bob.id, role: 'manager' },
          { id: dave.id, role: 'member' },
        ],
      }),
    );
    expectAdminError(
      await call(t, 'PUT', path(`/${bob.id}`), manager, { role: 'admin' }),
      403,
      'AB03',
      /cannot grant the role of a workspace admin/,
    );
    expectAdminError(
      await call(t, 'PUT', path(`/${carol.id}`), manager, { role: 'member' }),
      403,
      'AB03',
      /cannot change the role of a workspace admin/,
    );
    expectAdminError(await call(t, 'DELETE', path(`/${carol.id}`), manager), 403, 'AB03', /cannot remove a workspace admin/);
    ok(await call(t, 'DELETE', path(`/${dave.id}`), manager));
  });

  it('service keys are bounded by their scopes; workspace keys reach only their workspace', async () => {
    ok(await call(t, 'POST', path(), t.admin, { users: [{ id: alice.id, role: 'admin' }] }));
    expectAdminError(await call(t, 'GET', path(), t.workspace), 403, 'AB03', /another workspace/);
    const readOnly = (await userKey(t, ws.id, alice.id, ['workspace_users.list'])).headers;
    expect(ok(await call(t, 'GET', path(), readOnly)).total).toBe(1);
    expectAdminError(
      await call(t, 'POST', path(), readOnly, { users: [{ id: bob.id, role: 'member' }] }),
      403,
      'AB03',
      /workspace_users\.create/,
    );
  });

  it('an archived workspace takes no new members', async () => {
    ok(await call(t, 'PUT', `/v1/admin/workspaces/${ws.id}`, t.admin, { status: 'archived' }));
    expectAdminError(await call(t, 'POST', path(), t.admin, { users: [{ id: bob.id, role: 'member' }] }), 400, 'AB01', /is archived/);
  });
});
