// The desktop window's sign-in, server side: a token issued by the process (over the shell's
// private channel in real use; main/serverProcess.test.ts drives that channel) is redeemed once, on
// loopback, for an ordinary owner session. Real app, real SQLite, real HTTP.
import https from 'node:https';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers/testApp.ts';
import { SESSION_COOKIE } from '../identity/sessions/cookies.ts';
import { DesktopSignInTokens } from './signInTokens.ts';

const apps: TestApp[] = [];
afterEach(async () => {
  while (apps.length) await apps.pop()!.close();
});

async function start(env: Record<string, string> = {}) {
  const t = await startTestApp({ listen: true, env });
  apps.push(t);
  return t;
}

const redeem = (t: TestApp, token: unknown) =>
  fetch(`${t.url}/v1/auth/desktop`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });

describe('desktop sign-in', () => {
  it('trades a one-time token for an ordinary session of the owner', async () => {
    const t = await start();
    const { token } = t.app.desktopSignIn.issue();
    const res = await redeem(t, token);
    expect(res.status).toBe(200);
    const view = (await res.json()) as { user: { email: string; role: string }; csrf_token: string; must_change_password: boolean };
    expect(view.user).toMatchObject({ email: t.credentials.owner.email, role: 'owner' });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(cookie).toMatch(/HttpOnly; SameSite=Lax/);

    // The session is one like a password login gives, rules included: the first-start owner must
    // replace the printed password before using the Admin API, then everything is open to them.
    const headers = { cookie: cookie.split(';')[0]! };
    expect(view.must_change_password).toBe(true);
    expect((await fetch(`${t.url}/v1/auth/self`, { headers })).status).toBe(200);
    expect((await fetch(`${t.url}/v1/admin/workspaces`, { headers })).status).toBe(403);
    const changed = await fetch(`${t.url}/v1/auth/password`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'x-csrf-token': view.csrf_token },
      body: JSON.stringify({ current_password: t.credentials.owner.password, new_password: 'a desktop owner password' }),
    });
    expect(changed.status).toBe(200);
    expect((await fetch(`${t.url}/v1/admin/workspaces`, { headers })).status).toBe(200);
    expect((await fetch(`${t.url}/v1/admin/lan-exposure`, { headers })).status).toBe(200);

    // The audit log records the sign-in, never the token.
    const audit = await fetch(`${t.url}/v1/audit-logs?action=login`, { headers: t.admin });
    const text = await audit.text();
    expect(text).toContain('"action":"login"');
    expect(text).toContain('desktop');
    expect(text).not.toContain(token);
  });

  it('lets the desktop owner replace the first-run password they never saw, and nobody else skip the current one', async () => {
    const t = await start();
    const password = (cookieHeader: string, csrf: string, body: Record<string, string>) =>
      fetch(`${t.url}/v1/auth/password`, {
        method: 'POST',
        headers: { cookie: cookieHeader, 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify(body),
      });

    // A password login of the same owner must prove the current password, first run or not.
    const login = await fetch(`${t.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: t.credentials.owner.email, password: t.credentials.owner.password }),
    });
    const loginView = (await login.json()) as { csrf_token: string; current_password_required: boolean };
    expect(loginView.current_password_required).toBe(true);
    const loginCookie = login.headers
      .getSetCookie()
      .find((c) => c.startsWith(`${SESSION_COOKIE}=`))!
      .split(';')[0]!;
    const refused = await password(loginCookie, loginView.csrf_token, { new_password: 'no current password given' });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain('current_password is required');

    // The desktop window's session may, while the first-run password is still to be replaced.
    const res = await redeem(t, t.app.desktopSignIn.issue().token);
    const view = (await res.json()) as { csrf_token: string; must_change_password: boolean; current_password_required: boolean };
    expect(view).toMatchObject({ must_change_password: true, current_password_required: false });
    const desktopCookie = res.headers
      .getSetCookie()
      .find((c) => c.startsWith(`${SESSION_COOKIE}=`))!
      .split(';')[0]!;
    const changed = await password(desktopCookie, view.csrf_token, { new_password: 'the desktop owner chose this' });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { current_password_required: boolean }).current_password_required).toBe(true);
    expect((await fetch(`${t.url}/v1/admin/workspaces`, { headers: { cookie: desktopCookie } })).status).toBe(200);

    // Once it is their own, even the desktop session must give it to change it again.
    const again = await password(desktopCookie, view.csrf_token, { new_password: 'yet another password here' });
    expect(again.status).toBe(400);
    const withCurrent = await password(desktopCookie, view.csrf_token, {
      current_password: 'the desktop owner chose this',
      new_password: 'yet another password here',
    });
    expect(withCurrent.status).toBe(200);
  });

  it('refuses a token twice, an unknown one, and a malformed body', async () => {
    const t = await start();
    const { token } = t.app.desktopSignIn.issue();
    expect((await redeem(t, token)).status).toBe(200);
    const again = await redeem(t, token);
    expect(again.status).toBe(401);
    expect(await again.json()).toEqual({
      success: false,
      data: { errorCode: 'AB05', message: 'This desktop sign-in token is unknown, already used or expired' },
    });
    expect((await redeem(t, 'A'.repeat(43))).status).toBe(401);
    expect((await redeem(t, 42)).status).toBe(400);
    expect(again.headers.getSetCookie()).toEqual([]);
  });

  it('is refused on the LAN listener, even with a live token (which stays usable on loopback)', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', resolve));
    const lanPort = (blocker.address() as net.AddressInfo).port;
    await new Promise((resolve) => blocker.close(resolve));
    const t = await start({ LAN_PORT: String(lanPort) });
    await t.app.lan.set(true);
    const caPem = await (await fetch(`${t.url}/tls/ca.crt`)).text();
    const { token } = t.app.desktopSignIn.issue();
    const status = await new Promise<number>((resolve, reject) => {
      const req = https.request(
        { host: '127.0.0.1', port: lanPort, path: '/v1/auth/desktop', method: 'POST', ca: caPem, agent: false },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on('error', reject);
      req.setHeader('content-type', 'application/json');
      req.end(JSON.stringify({ token }));
    });
    // 127.0.0.1 on the LAN port is still the LAN listener: TLS, and not the desktop's way in.
    expect(status).toBe(403);
    expect((await redeem(t, token)).status).toBe(200);
  });

  it('tokens end after a minute, and only the last few stay redeemable', () => {
    let now = 1_000_000;
    const tokens = new DesktopSignInTokens(() => now);
    const first = tokens.issue();
    now += 60_001;
    expect(tokens.redeem(first.token)).toBe(false);
    const issued = Array.from({ length: 9 }, () => tokens.issue().token);
    expect(tokens.redeem(issued[0]!)).toBe(false);
    expect(issued.slice(1).every((t) => tokens.redeem(t))).toBe(true);
  });
});
