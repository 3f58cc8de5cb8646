// What signed-in people may do by role (spec §3.1): owners and admins act for the organisation and
// as admins of every workspace; members act through their workspace roles, one workspace per
// request, with the scopes of identity/roleScopes.ts. Over real HTTP with session cookies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/testApp.ts';
import { addWorkspace } from '../../../test/kits/catalogTestKit.ts';
import type { TestUser } from '../../../test/kits/peopleTestKit.ts';
import { type Browser, addPerson, signIn } from '../../../test/kits/sessionsTestKit.ts';

let t: TestApp;
const people: Record<string, { user: TestUser; browser: Browser }> = {};
const as = (name: string) => people[name]!.browser;
const CONFIG = { retry: { attempts: 2 } };

beforeAll(async () => {
  t = await startTestApp({ listen: true });
  const def = t.credentials.workspace.id;
  const b = addWorkspace(t, 'ws-b').id;
  const cast: [string, 'owner' | 'admin' | 'member', [string, 'admin' | 'manager' | 'member'][]][] = [
    ['olive', 'owner', []],
    ['adam', 'admin', []],
    [
      'mia',
      'member',
      [
        [def, 'manager'],
        [b, 'member'],
      ],
    ],
    ['max', 'member', [[def, 'member']]],
    ['wanda', 'member', [[b, 'admin']]],
    ['nora', 'member', []],
  ];
  for (const [name, role, workspaces] of cast) {
    const user = await addPerson(t, `${name}@example.com`, role, workspaces);
    people[name] = { user, browser: await signIn(t, user.email, 'correct horse battery staple') };
  }
});
afterAll(async () => {
  await t.close();
});

async function status(name: string, method: string, path: string, body?: unknown): Promise<number> {
  return (await as(name).request(method, path, body)).status;
}

describe('organisation routes', () => {
  const NOT_MEMBER = 403;
  it.each([
    ['GET', '/v1/admin/users', undefined, { olive: 200, adam: 200, mia: 403, max: 403, nora: NOT_MEMBER }],
    ['GET', '/v1/audit-logs', undefined, { olive: 200, adam: 200, mia: 403, max: 403, nora: NOT_MEMBER }],
    ['GET', '/v1/admin/users/invites', undefined, { olive: 200, adam: 200, mia: 403, max: 403, nora: NOT_MEMBER }],
    [
      'POST',
      '/v1/api-keys/organisation/service',
      { name: 'k', scopes: ['workspaces.list'] },
      { olive: 200, adam: 200, mia: 403, max: 403 },
    ],
  ] as const)('%s %s', async (method, path, body, expected) => {
    for (const [name, code] of Object.entries(expected)) {
      expect([name, await status(name, method, path, body)]).toEqual([name, code]);
    }
  });

  it('lets owners and admins create workspaces, and nobody else', async () => {
    expect(await status('olive', 'POST', '/v1/admin/workspaces', { name: 'By the owner' })).toBe(200);
    expect(await status('adam', 'POST', '/v1/admin/workspaces', { name: 'By an admin' })).toBe(200);
    const refused = await as('mia').request('POST', '/v1/admin/workspaces', { name: 'By a manager' });
    expect([refused.status, refused.body.data.message]).toEqual([403, expect.stringMatching(/workspace manager.*"workspaces\.create"/)]);
  });

  it('keeps admins off owners', async () => {
    const owner = people.olive!.user.id;
    const res = await as('adam').request('PUT', `/v1/admin/users/${owner}`, { role: 'member' });
    expect(res.status).toBe(403);
  });

  it('tells a member of no workspace so, and still shows them who they are', async () => {
    const res = await as('nora').request('GET', '/v1/configs');
    expect([res.status, res.body.data.message]).toEqual([403, expect.stringMatching(/not a member of any workspace/)]);
    expect((await as('nora').request('GET', '/v1/auth/self')).body).toMatchObject({ user: { role: 'member' }, workspaces: [] });
  });
});

describe('workspace routes', () => {
  it('lists the workspaces with the role in each in /auth/self', async () => {
    const self = (await as('mia').request('GET', '/v1/auth/self')).body;
    expect(self.workspaces.map((w: { slug: string; role: string }) => [w.slug, w.role])).toEqual([
      ['ws-default', 'manager'],
      ['ws-b', 'member'],
    ]);
    const admin = (await as('adam').request('GET', '/v1/auth/self')).body;
    expect(admin.workspaces.every((w: { role: string }) => w.role === 'admin')).toBe(true);
    expect(admin.workspaces.map((w: { slug: string }) => w.slug)).toEqual(expect.arrayContaining(['ws-default', 'ws-b']));
  });

  it('lets managers write and members read, in the workspace the request names', async () => {
    const create = (name: string, workspace: string) =>
      status(name, 'POST', '/v1/configs', { name: `${name} in ${workspace}`, config: CONFIG, workspace_id: workspace });
    expect(await create('olive', 'ws-b')).toBe(200);
    expect(await create('adam', 'ws-default')).toBe(200);
    expect(await create('mia', 'ws-default')).toBe(200);
    expect(await create('max', 'ws-default')).toBe(403);
    // mia manages ws-default but is only a member of ws-b; wanda is ws-b's admin.
    expect(await create('mia', 'ws-b')).toBe(403);
    expect(await create('wanda', 'ws-b')).toBe(200);
    expect(await status('max', 'GET', '/v1/configs?workspace_id=ws-default')).toBe(200);
    const outsider = await as('max').request('GET', '/v1/configs?workspace_id=ws-b');
    expect([outsider.status, outsider.body.data.message]).toEqual([403, expect.stringMatching(/not a member of workspace "ws-b"/)]);
    // Without a workspace_id a member acts in their default workspace and sees only its configs.
    const listed = (await as('mia').request('GET', '/v1/configs')).body.data as { workspace_id: string }[];
    expect(new Set(listed.map((c) => c.workspace_id))).toEqual(new Set([t.credentials.workspace.id]));
  });

  it('lets workspace admins, not managers, edit the workspace itself', async () => {
    expect(await status('mia', 'PUT', '/v1/admin/workspaces/ws-default', { description: 'x' })).toBe(403);
    expect(await status('wanda', 'PUT', '/v1/admin/workspaces/ws-b', { description: 'x' })).toBe(200);
    expect(await status('wanda', 'PUT', '/v1/admin/workspaces/ws-default', { description: 'x' })).toBe(403);
  });

  it('lets managers add members up to their own role', async () => {
    const add = (role: string) =>
      status('mia', 'POST', '/v1/admin/workspaces/ws-default/users', { users: [{ id: people.nora!.user.id, role }] });
    expect(await add('admin')).toBe(403);
    expect(await add('member')).toBe(200);
    expect(await status('max', 'GET', '/v1/admin/workspaces/ws-default/users')).toBe(403);
  });

  it('lets managers mint workspace keys, for members but not for owners; members mint none', async () => {
    const key = (name: string, userId?: string) =>
      as(name).request('POST', `/v1/api-keys/workspace/${userId ? 'user' : 'service'}`, {
        name: 'app key',
        workspace_id: 'ws-default',
        scopes: ['completions.write'],
        ...(userId ? { user_id: userId } : {}),
      });
    expect((await key('mia')).status).toBe(200);
    expect((await key('mia', people.max!.user.id)).status).toBe(200);
    expect((await key('mia', people.olive!.user.id)).status).toBe(403);
    expect((await key('max')).status).toBe(403);
  });

  it('follows a role change at once', async () => {
    const body = { name: 'after promotion', config: CONFIG, workspace_id: 'ws-default' };
    expect(await status('max', 'POST', '/v1/configs', body)).toBe(403);
    t.app.services.repos.users.setMemberRole(t.credentials.workspace.id, people.max!.user.id, 'manager', new Date().toISOString());
    expect(await status('max', 'POST', '/v1/configs', body)).toBe(200);
  });

  it('records the person, not a key, in the audit log', async () => {
    t.app.services.audit.flush();
    const row = t.stores.db
      .prepare<[string], { user_type: string; user_id: string; api_key_id: string | null }>(
        "SELECT user_type, user_id, api_key_id FROM audit_logs WHERE resource_type = 'config' AND user_id = ?",
      )
      .get(people.wanda!.user.id);
    expect(row).toEqual({ user_type: 'user', user_id: people.wanda!.user.id, api_key_id: null });
  });
});

describe('the gateway', () => {
  it.each([
    ['POST', '/v1/chat/completions', { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }],
    ['GET', '/v1/models', undefined],
    ['POST', '/v1/logs', { request: {}, response: {} }],
  ] as const)('refuses sessions on %s %s and says to use an API key', async (method, path, body) => {
    for (const name of ['olive', 'mia']) {
      const res = await as(name).request(method, path, body);
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).toMatch(/API keys only/);
    }
  });
});
