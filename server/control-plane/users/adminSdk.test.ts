// portkey-ai's admin methods against the listening app: proves the field names the SDK sends
// (workspaceId/userId/inviteId repeated in bodies and query strings, camelCase paging for users and
// invites, JSON bodies on DELETE) and the shapes it reads back match the Admin API.
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Portkey } from 'portkey-ai';
import { startTestApp, type TestApp } from '../../../test/helpers/testApp.ts';
import { addUser, countRows } from '../../../test/kits/peopleTestKit.ts';

let t: TestApp;
let portkey: Portkey;
/** What reached the server: method, URL and body length, to show what the SDK really sent. */
const seen: { method: string; url: string; bodyBytes: number }[] = [];
beforeAll(async () => {
  t = await startTestApp({ listen: true });
  t.app.server.on('request', (req: IncomingMessage) =>
    seen.push({ method: req.method!, url: req.url!, bodyBytes: Number(req.headers['content-length'] ?? 0) }),
  );
  portkey = new Portkey({ apiKey: t.credentials.admin_api_key, baseURL: `${t.url}/v1` });
});
const lastRequest = (method: string) => seen.filter((r) => r.method === method).at(-1)!;
afterAll(async () => {
  await t.close();
});

describe('portkey-ai SDK: admin', () => {
  it('admin.workspaces: create, list, retrieve, update, delete', async () => {
    const created = await portkey.admin.workspaces.create({
      name: 'SDK Workspace',
      description: 'made by the SDK',
      defaults: { metadata: { env: 'sdk' } },
    });
    expect(created).toMatchObject({
      name: 'SDK Workspace',
      description: 'made by the SDK',
      object: 'workspace',
      defaults: { metadata: { env: 'sdk' }, is_default: 0 },
    });
    expect(created.slug).toMatch(/^ws-sdk-workspace-/);

    const listed = await portkey.admin.workspaces.list({ name: 'SDK', page_size: 10, current_page: 0 });
    expect(listed.total).toBe(1);
    expect(listed.data!.map((w) => w.id)).toEqual([created.id]);

    const updated = await portkey.admin.workspaces.update({ workspaceId: created.slug, name: 'SDK Workspace 2', defaults: { x: 'y' } });
    expect(updated).toMatchObject({ name: 'SDK Workspace 2', defaults: { metadata: { env: 'sdk' }, x: 'y' } });

    const got = await portkey.admin.workspaces.retrieve({ workspaceId: created.id! });
    expect(got).toMatchObject({ id: created.id, name: 'SDK Workspace 2', users: [] });

    // The SDK sends {workspaceId, name} as the DELETE body.
    await portkey.admin.workspaces.delete({ workspaceId: created.id, name: 'SDK Workspace 2' });
    expect(lastRequest('DELETE')).toMatchObject({ url: `/v1/admin/workspaces/${created.id}` });
    expect(lastRequest('DELETE').bodyBytes).toBeGreaterThan(0);
    await expect(portkey.admin.workspaces.retrieve({ workspaceId: created.id! })).rejects.toMatchObject({ status: 404 });
  });

  it('admin.workspaces.users: create, list, retrieve, update, delete', async () => {
    const ws = await portkey.admin.workspaces.create({ name: 'Members' });
    const user = addUser(t, 'sdk-member@example.com');

    // The body carries workspaceId next to users.
    await portkey.admin.workspaces.users.create({ workspaceId: ws.id, users: [{ id: user.id, role: 'member' }] });
    expect(lastRequest('POST').bodyBytes).toBeGreaterThan(JSON.stringify({ users: [{ id: user.id, role: 'member' }] }).length);
    const list = await portkey.admin.workspaces.users.list({ workspaceId: ws.slug, role: 'member', page_size: 5, current_page: 0 });
    expect(lastRequest('GET').url).toContain(`workspaceId=${ws.slug}`);
    expect(list.total).toBe(1);
    expect(list.data![0]).toMatchObject({
      object: 'workspace-user',
      id: user.id,
      email: 'sdk-member@example.com',
      role: 'member',
      workspace_id: ws.id,
    });

    await portkey.admin.workspaces.users.update({ workspaceId: ws.id, userId: user.id, role: 'manager' });
    expect(await portkey.admin.workspaces.users.retrieve({ workspaceId: ws.id, userId: user.id })).toMatchObject({
      role: 'manager',
      org_role: 'member',
    });

    await portkey.admin.workspaces.users.delete({ workspaceId: ws.id, userId: user.id });
    await expect(portkey.admin.workspaces.users.retrieve({ workspaceId: ws.id, userId: user.id })).rejects.toMatchObject({ status: 404 });
  });

  it('admin.users: list with camelCase paging, retrieve, update, delete', async () => {
    const user = addUser(t, 'sdk-user@example.com');
    const list = await portkey.admin.users.list({ pageSize: 100, currentPage: 0, email: 'sdk-user@example.com' });
    expect(lastRequest('GET').url).toMatch(/pageSize=100&currentPage=0/);
    expect(list).toMatchObject({ total: 1, object: 'list', data: [{ object: 'user', id: user.id, role: 'member', workspace_ids: [] }] });

    const got = await portkey.admin.users.retrieve({ userId: user.id });
    expect(got).toMatchObject({ id: user.id, email: 'sdk-user@example.com' });

    await portkey.admin.users.update({ userId: user.id, role: 'admin' });
    expect((await portkey.admin.users.retrieve({ userId: user.id })).role).toBe('admin');
    await expect(portkey.admin.users.update({ userId: user.id, role: 'admin' })).rejects.toMatchObject({ status: 400 });

    await portkey.admin.users.delete({ userId: user.id });
    expect(lastRequest('DELETE').bodyBytes).toBeGreaterThan(0);
    expect(countRows(t, 'users', 'id = ?', user.id)).toBe(0);
  });

  it('admin.users.invites: create, list, retrieve, resend, delete', async () => {
    const invite = await portkey.admin.users.invites.create({
      email: 'sdk-invitee@example.com',
      role: 'member',
      workspaces: [{ id: t.credentials.workspace.slug, role: 'admin' }],
      workspace_api_key_details: { scopes: ['workspaces.list', 'logs.export', 'logs.list', 'logs.view'] },
    });
    expect(invite.id).toBeTruthy();
    expect(invite.invite_link).toContain(`${t.url}/invite/`);

    const list = await portkey.admin.users.invites.list({
      email: 'sdk-invitee@example.com',
      status: 'pending',
      pageSize: 10,
      currentPage: 0,
    });
    expect(list).toMatchObject({ object: 'list', total: 1, data: [{ object: 'invite', id: invite.id, status: 'pending' }] });

    const got = await portkey.admin.users.invites.retrieve({ inviteId: invite.id });
    expect(got).toMatchObject({
      email: 'sdk-invitee@example.com',
      role: 'member',
      accepted_at: null,
      workspaces: [{ workspace_id: t.credentials.workspace.id, role: 'admin' }],
    });

    const resent = await portkey.admin.users.invites.resend({ inviteId: invite.id });
    expect(resent.inviteLink).toContain('/invite/');
    expect(resent.inviteLink).not.toBe(invite.invite_link);

    await portkey.admin.users.invites.delete({ inviteId: invite.id });
    expect((await portkey.admin.users.invites.retrieve({ inviteId: invite.id })).status).toBe('cancelled');
  });
});
