// Helpers for the session tests: a small cookie-keeping HTTP client (like a browser on the admin
// UI, which sends the CSRF token it was given on every mutation), people with passwords, and a
// clock the tests move.
import type { TestApp } from '../helpers/testApp.ts';
import type { OrgRole, WorkspaceRole } from '../../server/identity/roles.ts';
import { hashPassword } from '../../server/identity/passwords.ts';
import { addUser, type TestUser } from './peopleTestKit.ts';
import { SESSION_COOKIE } from '../../server/identity/sessions/cookies.ts';

export interface HttpReply {
  status: number;
  headers: Headers;
  // Response bodies are whatever JSON the route sent; tests read them field by field.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export class Browser {
  /** The session cookie's value, as the browser holds it. */
  cookie: string | null = null;
  csrf: string | null = null;

  constructor(private readonly base: string) {}

  /** Sends the session cookie, and the CSRF token on mutations unless `csrf: false`. */
  async request(method: string, path: string, body?: unknown, options: { csrf?: boolean | string; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie) headers.cookie = `theme=dark; ${SESSION_COOKIE}=${this.cookie}`;
    const sendCsrf = options.csrf ?? true;
    if (method !== 'GET' && sendCsrf !== false) {
      const token = typeof sendCsrf === 'string' ? sendCsrf : this.csrf;
      if (token) headers['x-csrf-token'] = token;
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=');
      if (name === SESSION_COOKIE) this.cookie = value ? value : null;
    }
    const text = await res.text();
    const reply: HttpReply = { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
    if (reply.status === 200 && typeof reply.body?.csrf_token === 'string') this.csrf = reply.body.csrf_token;
    return reply;
  }

  login(email: string, password: string) {
    return this.request('POST', '/v1/auth/login', { email, password });
  }
}

/** A browser signed in as `email`; throws when the login is refused. */
export async function signIn(t: TestApp, email: string, password: string): Promise<Browser> {
  const browser = new Browser(t.url);
  const res = await browser.login(email, password);
  if (res.status !== 200) throw new Error(`login as ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return browser;
}

export const PASSWORD = 'correct horse battery staple';

/** An active user with a password, optionally a member of some workspaces. */
export async function addPerson(
  t: TestApp,
  email: string,
  role: OrgRole = 'member',
  workspaces: [string, WorkspaceRole][] = [],
  password = PASSWORD,
): Promise<TestUser> {
  const user = addUser(t, email, role, workspaces);
  t.stores.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(await hashPassword(password), user.id);
  return user;
}

/** Organisation settings written as the settings API will write them, and the cache told. */
export function setOrganisationSettings(t: TestApp, settings: Record<string, unknown>): void {
  t.stores.db.prepare('UPDATE organisations SET settings = ?').run(JSON.stringify(settings));
  t.app.services.settings.invalidate();
}

export class TestClock {
  constructor(public ms = Date.parse('2030-01-01T09:00:00Z')) {}
  readonly now = () => this.ms;
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}
