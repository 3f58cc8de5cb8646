// Local accounts over real HTTP (issue 5 item 3): login, logout, /auth/self, the first-run owner's
// forced password change, throttling, CSRF, session lifetime from the organisation settings, and
// archived users. Role-based access for sessions is in sessionRoles.test.ts.
import crypto from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/testApp.ts';
import { dumpDatabase } from '../../../test/kits/peopleTestKit.ts';
import { Browser, PASSWORD, TestClock, addPerson, setOrganisationSettings, signIn } from '../../../test/kits/sessionsTestKit.ts';

let t: TestApp;
let clock: TestClock;

async function start() {
  clock = new TestClock();
  t = await startTestApp({ listen: true, now: clock.now });
}

afterEach(async () => {
  await t?.close();
});

const owner = () => t.credentials.owner;
const NEW_PASSWORD = 'a much longer new password';

function auditRows(action: string) {
  t.app.services.audit.flush();
  return t.stores.db
    .prepare<[string], { user_id: string | null; response_status_code: number; request_body: string | null }>(
      'SELECT user_id, response_status_code, request_body FROM audit_logs WHERE action = ? ORDER BY timestamp',
    )
    .all(action);
}

describe('the first-run owner', () => {
  it('signs in with the password from the first-run file and gets a cookie, a CSRF token and who they are', async () => {
    await start();
    const browser = new Browser(t.url);
    const res = await browser.login(owner().email, owner().password);
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^appliance_session=[A-Za-z0-9_-]{43}; /);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).toContain(`Max-Age=${8 * 3600}`);
    expect(setCookie).not.toContain('Secure'); // plain HTTP on loopback
    expect(res.body).toEqual({
      object: 'session',
      user: { id: expect.any(String), email: owner().email, first_name: 'Owner', last_name: null, role: 'owner' },
      must_change_password: true,
      current_password_required: true,
      csrf_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expires_at: new Date(clock.ms + 8 * 3600_000).toISOString(),
      workspaces: [
        { id: t.credentials.workspace.id, slug: 'ws-default', name: 'Default', status: 'active', is_default: true, role: 'admin' },
      ],
    });
    // Only the token's hash is stored; neither the token nor the CSRF token appear anywhere.
    const dump = dumpDatabase(t);
    expect(dump).not.toContain(browser.cookie!);
    expect(dump).not.toContain(browser.csrf!);
    expect(dump).toContain(crypto.createHash('sha256').update(browser.cookie!).digest('hex'));
    expect(auditRows('login')).toEqual([expect.objectContaining({ user_id: res.body.user.id, response_status_code: 200 })]);
    expect(auditRows('login')[0]!.request_body).not.toContain(owner().password);
  });

  it('must change the password before anything else, which ends their other sessions', async () => {
    await start();
    const browser = await signIn(t, owner().email, owner().password);
    const other = await signIn(t, owner().email, owner().password);

    const blocked = await browser.request('GET', '/v1/admin/workspaces');
    expect(blocked.status).toBe(403);
    expect(blocked.body.data).toEqual({
      errorCode: 'AB03',
      message: expect.stringMatching(/must change your password.*\/v1\/auth\/password/),
    });
    expect((await browser.request('GET', '/v1/auth/self')).body.must_change_password).toBe(true);

    const change = (current_password: string, new_password: string) =>
      browser.request('POST', '/v1/auth/password', { current_password, new_password });
    expect((await change('not it', NEW_PASSWORD)).body.data).toEqual({
      errorCode: 'AB01',
      message: expect.stringMatching(/current_password/),
    });
    expect((await change(owner().password, 'too short')).body.data.message).toMatch(/at least 12 characters/);
    expect((await change(owner().password, owner().password)).body.data.message).toMatch(/must differ/);
    const changed = await change(owner().password, NEW_PASSWORD);
    expect(changed.status).toBe(200);
    expect(changed.body.must_change_password).toBe(false);

    expect((await browser.request('GET', '/v1/admin/workspaces')).status).toBe(200);
    expect((await other.request('GET', '/v1/auth/self')).status).toBe(401);
    expect((await new Browser(t.url).login(owner().email, owner().password)).status).toBe(401);
    expect((await new Browser(t.url).login(owner().email, NEW_PASSWORD)).status).toBe(200);
    const row = t.stores.db
      .prepare<[], { must_change_password: number; password_hash: string }>("SELECT * FROM users WHERE role = 'owner'")
      .get()!;
    expect(row.must_change_password).toBe(0);
    expect(row.password_hash).not.toContain(NEW_PASSWORD);
    const audited = auditRows('change_password');
    expect(audited.map((r) => r.response_status_code)).toEqual([400, 400, 400, 200]);
    expect(audited.map((r) => r.request_body).join()).not.toMatch(/not it|too short|much longer/);
  });
});

describe('signing in and out', () => {
  it('answers a wrong password, an unknown email and a user without a password alike', async () => {
    await start();
    await addPerson(t, 'ada@example.com');
    const noPassword = await addPerson(t, 'sso@example.com');
    t.stores.db.prepare('UPDATE users SET password_hash = NULL WHERE id = ?').run(noPassword.id);

    const attempt = async (email: string, password: string) => {
      const started = performance.now();
      const res = await new Browser(t.url).login(email, password);
      return { reply: { status: res.status, body: res.body, cookie: res.headers.get('set-cookie') }, ms: performance.now() - started };
    };
    const wrong = await attempt('ada@example.com', 'wrong password');
    const unknown = await attempt('nobody@example.com', 'wrong password');
    const none = await attempt('sso@example.com', 'wrong password');
    const expected = {
      status: 401,
      body: { success: false, data: { errorCode: 'AB05', message: 'Wrong email or password' } },
      cookie: null,
    };
    expect([wrong.reply, unknown.reply, none.reply]).toEqual([expected, expected, expected]);

    // Each does one scrypt verification: an unknown email is not answered noticeably faster.
    const times = { wrong: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < 3; i++) {
      times.wrong.push((await attempt('ada@example.com', `wrong ${i}`)).ms);
      times.unknown.push((await attempt(`nobody${i}@example.com`, 'wrong')).ms);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
    expect(median(times.unknown)).toBeGreaterThan(median(times.wrong) * 0.5);

    const failed = auditRows('login_failed');
    expect(failed).toHaveLength(9);
    expect(failed[1]).toMatchObject({ user_id: null, response_status_code: 401 });
    expect(failed.map((r) => r.request_body).join()).not.toContain('wrong password');
  });

  it('accepts the email in any case and logs out with the CSRF token', async () => {
    await start();
    await addPerson(t, 'grace@example.com', 'admin');
    const browser = await signIn(t, 'GRACE@Example.com', PASSWORD);
    const self = await browser.request('GET', '/v1/auth/self');
    expect(self.body).toMatchObject({
      user: { email: 'grace@example.com', role: 'admin' },
      must_change_password: false,
      csrf_token: browser.csrf,
    });

    const refused = await browser.request('POST', '/v1/auth/logout', undefined, { csrf: false });
    expect([refused.status, refused.body.data.message]).toEqual([403, expect.stringMatching(/x-csrf-token/)]);
    const cookie = browser.cookie;
    const out = await browser.request('POST', '/v1/auth/logout');
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/^appliance_session=; .*Max-Age=0/);
    expect(browser.cookie).toBeNull();
    browser.cookie = cookie; // the old cookie, replayed, no longer works
    expect((await browser.request('GET', '/v1/auth/self')).status).toBe(401);
    // Logging out again, with an ended session, just clears the cookie.
    expect((await browser.request('POST', '/v1/auth/logout', undefined, { csrf: false })).status).toBe(200);
    expect(auditRows('logout')).toHaveLength(1);
  });

  it('keeps /auth/self and /auth/password for people, not API keys', async () => {
    await start();
    const res = await fetch(`${t.url}/v1/auth/self`, { headers: t.admin });
    expect(res.status).toBe(403);
    expect((await fetch(`${t.url}/v1/auth/self`)).status).toBe(401);
  });
});

describe('login throttling', () => {
  it('refuses a sixth attempt within 15 minutes, even with the right password, and lets it in later', async () => {
    await start();
    await addPerson(t, 'ada@example.com');
    const browser = new Browser(t.url);
    for (let i = 0; i < 5; i++) expect((await browser.login('ada@example.com', `guess ${i}`)).status).toBe(401);
    const refused = await browser.login('Ada@example.com', PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.body.data).toEqual({ errorCode: 'AB06', message: expect.stringMatching(/Too many failed sign-in attempts/) });
    expect(Number(refused.headers.get('retry-after'))).toBe(15 * 60);
    clock.advance(10 * 60);
    expect(Number((await browser.login('ada@example.com', PASSWORD)).headers.get('retry-after'))).toBe(5 * 60);
    clock.advance(5 * 60);
    expect((await browser.login('ada@example.com', PASSWORD)).status).toBe(200);
  });

  it('starts counting again after a successful login', async () => {
    await start();
    await addPerson(t, 'ada@example.com');
    const browser = new Browser(t.url);
    for (let i = 0; i < 4; i++) expect((await browser.login('ada@example.com', 'guess')).status).toBe(401);
    expect((await browser.login('ada@example.com', PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await browser.login('ada@example.com', 'guess')).status).toBe(401);
    expect((await browser.login('ada@example.com', 'guess')).status).toBe(401);
    expect((await browser.login('ada@example.com', 'guess')).status).toBe(429);
  });

  it('throttles one address guessing across many emails', async () => {
    await start();
    const browser = new Browser(t.url);
    for (let i = 0; i < 20; i++) expect((await browser.login(`user${i}@example.com`, 'guess')).status).toBe(401);
    expect((await browser.login('someone-else@example.com', 'guess')).status).toBe(429);
  });

  it('counts wrong current passwords on a password change', async () => {
    await start();
    await addPerson(t, 'ada@example.com');
    const browser = await signIn(t, 'ada@example.com', PASSWORD);
    for (let i = 0; i < 5; i++) {
      expect((await browser.request('POST', '/v1/auth/password', { current_password: 'guess', new_password: NEW_PASSWORD })).status).toBe(
        400,
      );
    }
    const res = await browser.request('POST', '/v1/auth/password', { current_password: PASSWORD, new_password: NEW_PASSWORD });
    expect([res.status, res.headers.get('retry-after')]).toEqual([429, String(15 * 60)]);
  });
});

describe('CSRF', () => {
  it('refuses cookie-authenticated mutations without the session token, and API keys need none', async () => {
    await start();
    await addPerson(t, 'grace@example.com', 'admin');
    const browser = await signIn(t, 'grace@example.com', PASSWORD);
    const create = (options: { csrf?: boolean | string }) =>
      browser.request('POST', '/v1/configs', { name: 'c', config: { retry: { attempts: 1 } }, workspace_id: 'ws-default' }, options);

    for (const csrf of [false, 'forged', ''] as const) {
      const res = await create({ csrf });
      expect([res.status, res.body.data.message]).toEqual([403, expect.stringMatching(/x-csrf-token/)]);
    }
    // Another session's token is not this session's.
    const other = await signIn(t, 'grace@example.com', PASSWORD);
    expect((await create({ csrf: other.csrf! })).status).toBe(403);
    expect((await create({})).status).toBe(200);
    // Reads need no token.
    expect((await browser.request('GET', '/v1/configs?workspace_id=ws-default')).status).toBe(200);

    const res = await fetch(`${t.url}/v1/configs`, {
      method: 'POST',
      headers: { ...t.admin, 'content-type': 'application/json', cookie: 'appliance_session=garbage' },
      body: JSON.stringify({ name: 'by key', config: { retry: { attempts: 1 } }, workspace_id: 'ws-default' }),
    });
    expect(res.status).toBe(200);
  });
});

describe('session lifetime', () => {
  it('ends a session after eight hours by default', async () => {
    await start();
    const browser = await signIn(t, owner().email, owner().password);
    clock.advance(8 * 3600 - 1);
    expect((await browser.request('GET', '/v1/auth/self')).status).toBe(200);
    clock.advance(1);
    const res = await browser.request('GET', '/v1/auth/self');
    expect([res.status, res.body.data]).toEqual([401, { errorCode: 'AB05', message: expect.stringMatching(/session has ended/) }]);
    expect(t.stores.db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 0 });
  });

  it('follows session_settings.max_session_ttl, never below 900 seconds, and a lowered setting ends longer sessions', async () => {
    await start();
    setOrganisationSettings(t, { session_settings: { max_session_ttl: 1800 } });
    const browser = new Browser(t.url);
    const res = await browser.login(owner().email, owner().password);
    expect(res.headers.get('set-cookie')).toContain('Max-Age=1800');
    expect(res.body.expires_at).toBe(new Date(clock.ms + 1800_000).toISOString());

    setOrganisationSettings(t, { session_settings: { max_session_ttl: 60 } });
    clock.advance(899);
    expect((await browser.request('GET', '/v1/auth/self')).status).toBe(200);
    clock.advance(1);
    expect((await browser.request('GET', '/v1/auth/self')).status).toBe(401);
  });
});

describe('archived users', () => {
  it('are locked out at once, including their live sessions', async () => {
    await start();
    const grace = await addPerson(t, 'grace@example.com', 'admin');
    const browser = await signIn(t, 'grace@example.com', PASSWORD);
    expect((await browser.request('GET', '/v1/admin/users')).status).toBe(200);
    t.stores.db.prepare("UPDATE users SET status = 'archived' WHERE id = ?").run(grace.id);
    expect((await browser.request('GET', '/v1/admin/users')).status).toBe(401);
    const again = await new Browser(t.url).login('grace@example.com', PASSWORD);
    expect([again.status, again.body.data.message]).toEqual([401, 'Wrong email or password']);
  });
});
