// Invites (spec §2.5): the Admin API over app.inject(), expiry on an injected clock, and the whole
// flow over real HTTP: invite, open the link's page, accept, use the new user's key.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/testApp.ts';
import { verifyPassword } from '../../identity/passwords.ts';
import { addUser, call, countRows, dumpDatabase, expectAdminError, type Reply, workspaceKey } from '../../../test/kits/peopleTestKit.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const ok = (res: Reply) => {
  expect(res.status, res.text).toBe(200);
  return res.body;
};

const DAY = 24 * 3600 * 1000;
const tokenOf = (link: string) => link.split('/invite/')[1]!;
const accept = (token: string, password = 'a long enough password') =>
  call(t, 'POST', '/v1/auth/invites/accept', {}, { token, password, first_name: 'Ada', last_name: 'Lovelace' });

describe('invites through the Admin API', () => {
  it('creates an invite with a one-time link; only a hash of its token is stored', async () => {
    t = await startTestApp();
    const created = ok(
      await call(t, 'POST', '/v1/admin/users/invites', t.admin, {
        email: 'Ada@Example.com',
        role: 'member',
        workspaces: [{ id: t.credentials.workspace.slug, role: 'manager' }],
        workspace_api_key_details: { scopes: ['workspaces.read', 'completions.write'] },
      }),
    );
    expect(created).toEqual({
      object: 'invite',
      id: expect.any(String),
      invite_link: expect.stringMatching(/^http:\/\/localhost(:\d+)?\/invite\/[A-Za-z0-9_-]{43}$/),
      email: 'ada@example.com',
      role: 'member',
      status: 'pending',
      created_at: expect.any(String),
      expires_at: expect.any(String),
      accepted_at: null,
      invited_by: null,
      workspaces: [{ id: t.credentials.workspace.id, workspace_id: t.credentials.workspace.id, slug: 'ws-default', role: 'manager' }],
      workspace_api_key_details: { scopes: ['workspaces.read', 'completions.write'] },
    });
    expect(Date.parse(created.expires_at) - Date.parse(created.created_at)).toBe(7 * DAY);
    const rows = JSON.stringify(t.stores.db.prepare('SELECT * FROM invites').all());
    expect(rows).not.toContain(tokenOf(created.invite_link));

    const { invite_link: _link, ...invite } = created;
    expect(ok(await call(t, 'GET', `/v1/admin/users/invites/${created.id}`, t.admin))).toEqual(invite);
  });

  it('refuses invites it cannot honour, writing nothing', async () => {
    t = await startTestApp();
    addUser(t, 'taken@example.com');
    ok(await call(t, 'POST', '/v1/admin/users/invites', t.admin, { email: 'pending@example.com', role: 'member', workspaces: [] }));
    const before = [countRows(t, 'invites'), countRows(t, 'invite_workspaces')];
    const invite = (body: Record<string, unknown>, headers = t.admin) =>
      call(t, 'POST', '/v1/admin/users/invites', headers, { email: 'new@example.com', role: 'member', workspaces: [], ...body });

    expectAdminError(await invite({ email: 'TAKEN@example.com' }), 409, 'AB07', /already a member of the organisation/);
    expectAdminError(await invite({ email: 'pending@example.com' }), 409, 'AB07', /already has a pending invite/);
    expectAdminError(await invite({ workspaces: [{ id: 'ws-nope', role: 'member' }] }), 404, 'AB08', /workspace "ws-nope" was not found/);
    expectAdminError(
      await invite({ workspaces: [{ id: 'ws-default', role: 'member' }], workspace_api_key_details: { scopes: ['audit_logs.list'] } }),
      400,
      'AB01',
      /cannot hold these scopes: audit_logs\.list/,
    );
    expectAdminError(
      await invite({ workspace_api_key_details: { scopes: ['completions.write'] } }),
      400,
      'AB01',
      /needs at least one workspace/,
    );
    expectAdminError(await invite({ role: 'owner' }), 400, 'AB01', /body\.role must be one of: "admin", "member"/);
    expectAdminError(await invite({ email: 'not-an-email' }), 400, 'AB01', /body\.email must match format "email"/);
    expectAdminError(await invite({}, t.workspace), 403, 'AB03', /organisation_users\.create/);
    expect([countRows(t, 'invites'), countRows(t, 'invite_workspaces')]).toEqual(before);
  });

  it('lists with camelCase paging and status, role and email filters; cancels and resends', async () => {
    t = await startTestApp();
    const ids: string[] = [];
    for (const [email, role] of [
      ['a@example.com', 'member'],
      ['b@example.com', 'admin'],
      ['c@example.com', 'member'],
    ] as const) {
      ids.push(ok(await call(t, 'POST', '/v1/admin/users/invites', t.admin, { email, role, workspaces: [] })).id);
    }
    const emails = (res: Reply) => ok(res).data.map((i: { email: string }) => i.email);
    expect(emails(await call(t, 'GET', '/v1/admin/users/invites?role=admin', t.admin))).toEqual(['b@example.com']);
    expect(emails(await call(t, 'GET', '/v1/admin/users/invites?email=c@example.com', t.admin))).toEqual(['c@example.com']);
    const page = ok(await call(t, 'GET', '/v1/admin/users/invites?pageSize=2&currentPage=1', t.admin));
    expect([page.total, page.data.length, page.object]).toEqual([3, 1, 'list']);

    // Cancel: the row stays, marked cancelled; cancelling again is harmless; it cannot be resent.
    const cancel = await t.app.inject({
      method: 'DELETE',
      url: `/v1/admin/users/invites/${ids[0]}`,
      headers: { ...t.admin, 'content-type': 'application/json' },
      payload: JSON.stringify({ inviteId: ids[0] }),
    });
    expect([cancel.statusCode, cancel.json()]).toEqual([200, {}]);
    ok(await call(t, 'DELETE', `/v1/admin/users/invites/${ids[0]}`, t.admin));
    expect(emails(await call(t, 'GET', '/v1/admin/users/invites?status=cancelled', t.admin))).toEqual(['a@example.com']);
    expect(emails(await call(t, 'GET', '/v1/admin/users/invites?status=pending', t.admin))).toEqual(['c@example.com', 'b@example.com']);
    expectAdminError(
      await call(t, 'POST', `/v1/admin/users/invites/${ids[0]}/resend`, t.admin),
      409,
      'AB07',
      /is cancelled and cannot be resent/,
    );

    // Resend: a new link; the old one stops working.
    const first = (await call(t, 'GET', `/v1/admin/users/invites/${ids[2]}`, t.admin)).body;
    expect(first.status).toBe('pending');
    const resent = ok(await call(t, 'POST', `/v1/admin/users/invites/${ids[2]}/resend`, t.admin));
    expect(resent).toEqual({
      id: ids[2],
      inviteLink: expect.stringContaining('/invite/'),
      invite_link: resent.inviteLink,
      expires_at: expect.any(String),
    });
    expectAdminError(await call(t, 'GET', '/v1/admin/users/invites/nope', t.admin), 404, 'AB08', 'Invite "nope" was not found');
  });

  it('an invite expires after 7 days; resending revives it with a new link', async () => {
    let clock = Date.parse('2030-03-01T12:00:00Z');
    t = await startTestApp({ now: () => clock });
    const created = ok(
      await call(t, 'POST', '/v1/admin/users/invites', t.admin, { email: 'late@example.com', role: 'member', workspaces: [] }),
    );
    clock += 7 * DAY + 1;
    expect(ok(await call(t, 'GET', `/v1/admin/users/invites/${created.id}`, t.admin)).status).toBe('expired');
    expect(ok(await call(t, 'GET', '/v1/admin/users/invites?status=expired', t.admin)).total).toBe(1);
    expect(ok(await call(t, 'GET', '/v1/admin/users/invites?status=pending', t.admin)).total).toBe(0);
    expectAdminError(await accept(tokenOf(created.invite_link)), 410, 'AB01', /This invite expired on 2030-03-08T12:00:00.000Z/);
    const page = await t.app.inject({ method: 'GET', url: `/invite/${tokenOf(created.invite_link)}` });
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('This invite has expired');

    // A new invite for the same email is allowed once the old one expired; resending revives the old.
    const resent = ok(await call(t, 'POST', `/v1/admin/users/invites/${created.id}/resend`, t.admin));
    expect(ok(await accept(tokenOf(resent.inviteLink))).user.email).toBe('late@example.com');
    expect(countRows(t, 'users', "email = 'late@example.com'")).toBe(1);
  });

  it('refuses unknown, cancelled and reused tokens, and weak passwords', async () => {
    t = await startTestApp();
    const a = ok(await call(t, 'POST', '/v1/admin/users/invites', t.admin, { email: 'a@example.com', role: 'member', workspaces: [] }));
    const b = ok(await call(t, 'POST', '/v1/admin/users/invites', t.admin, { email: 'b@example.com', role: 'member', workspaces: [] }));
    expectAdminError(await accept('x'.repeat(43)), 404, 'AB08', /This invite link is not valid/);
    expectAdminError(await accept(tokenOf(a.invite_link), 'short'), 400, 'AB01', /body\.password must NOT have fewer than 8 characters/);
    ok(await call(t, 'DELETE', `/v1/admin/users/invites/${b.id}`, t.admin));
    expectAdminError(await accept(tokenOf(b.invite_link)), 410, 'AB01', /cancelled/);
    ok(await accept(tokenOf(a.invite_link)));
    expectAdminError(await accept(tokenOf(a.invite_link)), 409, 'AB07', /already been used/);
    expectAdminError(await call(t, 'DELETE', `/v1/admin/users/invites/${a.id}`, t.admin), 409, 'AB07', /has been accepted/);
    expect(countRows(t, 'users', "email IN ('a@example.com', 'b@example.com')")).toBe(1);
  });

  it('a refused acceptance leaves no user, membership or key behind', async () => {
    t = await startTestApp();
    const created = ok(
      await call(t, 'POST', '/v1/admin/users/invites', t.admin, {
        email: 'racer@example.com',
        role: 'member',
        workspaces: [{ id: 'ws-default', role: 'member' }],
        workspace_api_key_details: { scopes: ['completions.write'] },
      }),
    );
    // Someone with the same email joined another way after the invite was sent.
    addUser(t, 'racer@example.com');
    const before = [countRows(t, 'users'), countRows(t, 'workspace_members'), countRows(t, 'api_keys')];
    expectAdminError(await accept(tokenOf(created.invite_link)), 409, 'AB07', /already exists/);
    expect([countRows(t, 'users'), countRows(t, 'workspace_members'), countRows(t, 'api_keys')]).toEqual(before);
    expect(ok(await call(t, 'GET', `/v1/admin/users/invites/${created.id}`, t.admin)).status).toBe('pending');
  });
});

describe('the invite link, end to end over HTTP', () => {
  it('opens a self-contained page, accepts, and the new user key works', async () => {
    t = await startTestApp({ listen: true });
    const team = ok(await call(t, 'POST', '/v1/admin/workspaces', t.admin, { name: 'Team' }));
    const invite = await fetch(`${t.url}/v1/admin/users/invites`, {
      method: 'POST',
      headers: { ...t.admin, 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'grace@example.com',
        role: 'member',
        workspaces: [
          { id: team.slug, role: 'manager' },
          { id: 'ws-default', role: 'member' },
        ],
        workspace_api_key_details: { scopes: ['workspaces.read', 'workspace_users.list'], name: 'grace laptop' },
      }),
    });
    expect(invite.status).toBe(200);
    const { id, invite_link: link } = (await invite.json()) as { id: string; invite_link: string };
    expect(link.startsWith(`${t.url}/invite/`)).toBe(true);

    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('grace@example.com');
    expect(html).toContain('<form id="accept">');
    expect(html).toContain(team.slug);
    // Self-contained: nothing is loaded from anywhere else.
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/<link\b/);

    // What the page's script sends.
    const token = decodeURIComponent(new URL(link).pathname.replace(/^\/invite\//, ''));
    const body = JSON.stringify({ token, password: 'correct horse battery staple', first_name: 'Grace', last_name: 'Hopper' });
    const post = () => fetch(`${t.url}/v1/auth/invites/accept`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    // Two submits at once (a double click): exactly one wins.
    const [r1, r2] = await Promise.all([post(), post()]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    const accepted = (await (r1.status === 200 ? r1 : r2).json()) as {
      user: { id: string; email: string; role: string; workspace_ids: string[] };
      api_keys: { id: string; key: string; workspace_id: string; workspace_slug: string }[];
    };
    expect(accepted.user).toMatchObject({ email: 'grace@example.com', role: 'member', first_name: 'Grace', last_name: 'Hopper' });
    expect(accepted.user.workspace_ids.sort()).toEqual([team.id, t.credentials.workspace.id].sort());
    expect(accepted.api_keys.map((k) => k.workspace_slug).sort()).toEqual([team.slug, 'ws-default'].sort());

    // The password is stored as a scrypt hash that verifies, never as text.
    const row = t.stores.db
      .prepare<[string], { password_hash: string }>('SELECT password_hash FROM users WHERE id = ?')
      .get(accepted.user.id)!;
    expect(row.password_hash).toMatch(/^scrypt\$\d+\$8\$1\$/);
    expect(await verifyPassword('correct horse battery staple', row.password_hash)).toBe(true);

    // The new user's key works, as that user, in the workspace it was made for.
    const teamKey = accepted.api_keys.find((k) => k.workspace_id === team.id)!;
    const headers = { 'x-portkey-api-key': teamKey.key };
    const members = await fetch(`${t.url}/v1/admin/workspaces/${team.id}/users`, { headers });
    expect(members.status).toBe(200);
    expect(((await members.json()) as { data: { email: string; role: string }[] }).data).toEqual([
      expect.objectContaining({ email: 'grace@example.com', role: 'manager' }),
    ]);
    const keyRow = (await call(t, 'GET', `/v1/api-keys/${teamKey.id}`, t.admin)).body;
    expect(keyRow).toMatchObject({ type: 'workspace-user', user_id: accepted.user.id, name: 'grace laptop', workspace_id: team.id });

    // The invite is used up: the admin sees it accepted, and the link's page says so.
    const got = ok(await call(t, 'GET', `/v1/admin/users/invites/${id}`, t.admin));
    expect(got).toMatchObject({ status: 'accepted', accepted_at: expect.any(String) });
    const again = await fetch(link);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('already been used');

    // Neither the password, nor the link's token, nor the raw keys are stored anywhere (audit log included).
    const dump = dumpDatabase(t);
    for (const secret of ['correct horse battery staple', token, ...accepted.api_keys.map((k) => k.key)])
      expect(dump).not.toContain(secret);
  });

  it('a workspace key cannot manage invites', async () => {
    t = await startTestApp();
    const key = await workspaceKey(t, t.credentials.workspace.id, ['workspaces.read']);
    expectAdminError(await call(t, 'GET', '/v1/admin/users/invites', key), 403, 'AB03', /organisation_users\.list/);
  });
});
