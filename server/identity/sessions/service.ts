// Local accounts: password login, logout, who am I, and password change (issue 5 item 3).
// Unknown emails, users without a password and wrong passwords get the same answer after the same
// work (one scrypt verification each). Failed attempts are throttled per email and per address.
import { AppError, badRequest, forbidden } from '../../errors.ts';
import { isoNow } from '../../db/rows.ts';
import { newId } from '../../ids.ts';
import type { SessionAuth } from '../auth.ts';
import { hashPassword, needsRehash, randomPassword, verifyPassword } from '../passwords.ts';
import { isOrgAdminRole } from '../roles.ts';
import { type SessionAuthDeps, type SessionAuthenticator, sessionAuthenticator } from './requestAuth.ts';
import { type LiveSession, csrfTokenFor, newSessionToken, hashSessionToken } from './store.ts';
import { LoginThrottle, type ThrottleRules } from './throttle.ts';
import { sessionTtlSeconds } from './ttl.ts';

export const MIN_PASSWORD_LENGTH = 12;

export interface LocalSessionsDeps extends SessionAuthDeps {
  /** The appliance's one organisation (null before first start). */
  organisationId: () => string | null;
  throttle?: ThrottleRules;
}

export interface Client {
  ip: string | null;
  userAgent: string | null;
}

/** Too many failed attempts: answered 429 with a Retry-After header. */
export class TooManyAttempts extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('AB06', 429, `Too many failed sign-in attempts: try again in ${retryAfterSeconds} seconds`);
  }
}

export type LoginOutcome =
  | { kind: 'ok'; userId: string; token: string; maxAgeSeconds: number; view: SelfView }
  | { kind: 'failed'; userId: string | null }
  | { kind: 'throttled'; retryAfterSeconds: number };

export interface SelfView {
  object: 'session';
  user: { id: string; email: string; first_name: string | null; last_name: string | null; role: string };
  must_change_password: boolean;
  /** False only for a desktop-window session that must replace a first-run password it never saw. */
  current_password_required: boolean;
  csrf_token: string;
  expires_at: string;
  /** Owners and admins: every workspace, as admin. Members: theirs (active ones), with their role. */
  workspaces: { id: string; slug: string; name: string; status: string; is_default: boolean; role: string }[];
}

export const WRONG_CREDENTIALS = 'Wrong email or password';

export function localSessions(deps: LocalSessionsDeps) {
  const { store, now } = deps;
  const throttle = new LoginThrottle(now, deps.throttle);
  const requests: SessionAuthenticator = sessionAuthenticator(deps);
  // Verified against when there is no real hash, so that unknown emails cost a login what known ones do.
  let decoy: Promise<string> | null = null;
  const decoyHash = () => (decoy ??= hashPassword(randomPassword()));

  /**
   * Sessions the desktop window opened (desktop/routes.ts), in memory: after a restart the window
   * signs in again and gets a new one. Only these may set a first password without the current one.
   */
  const desktopSessions = new Set<string>();

  function view(
    live: Pick<LiveSession, 'organisation_id' | 'user_id' | 'email' | 'first_name' | 'last_name' | 'role'>,
    extra: {
      token: string;
      endsAt: number;
      mustChange: boolean;
      /** The session may set a first password without the current one (opened by the desktop window). */
      sessionId: string;
    },
  ): SelfView {
    const orgWide = isOrgAdminRole(live.role);
    const workspaces = orgWide
      ? store.allWorkspaces(live.organisation_id, live.user_id).map((w) => ({ ...w, role: 'admin' as const }))
      : store.memberWorkspaces(live.user_id).filter((w) => w.status === 'active');
    return {
      object: 'session',
      user: { id: live.user_id, email: live.email, first_name: live.first_name, last_name: live.last_name, role: live.role },
      must_change_password: extra.mustChange,
      current_password_required: !(extra.mustChange && desktopSessions.has(extra.sessionId)),
      csrf_token: csrfTokenFor(extra.token),
      expires_at: isoNow(extra.endsAt),
      workspaces: workspaces.map((w) => ({
        id: w.id,
        slug: w.slug,
        name: w.name,
        status: w.status,
        is_default: w.is_default === 1,
        role: w.role ?? 'admin',
      })),
    };
  }

  async function login(input: { email: string; password: string }, client: Client): Promise<LoginOutcome> {
    const email = input.email.trim();
    const wait = throttle.retryAfterSeconds(email, client.ip);
    if (wait > 0) return { kind: 'throttled', retryAfterSeconds: wait };

    const decoyValue = await decoyHash();
    const organisationId = deps.organisationId();
    const user = organisationId ? store.userByEmail(organisationId, email) : null;
    const stored = user?.password_hash ?? null;
    const matches = await verifyPassword(input.password, stored ?? decoyValue);
    if (!user || stored === null || !matches || user.status !== 'active') {
      throttle.failed(email, client.ip);
      return { kind: 'failed', userId: user?.id ?? null };
    }
    throttle.succeeded(email);

    const opened = open(user.id, client);
    if (needsRehash(stored)) store.rehash(user.id, await hashPassword(input.password), stored);
    return { kind: 'ok', userId: user.id, ...opened };
  }

  /** A new session for a user whose identity is already established. */
  function open(userId: string, client: Client): { token: string; maxAgeSeconds: number; view: SelfView } {
    const at = now();
    const ttl = sessionTtlSeconds(deps.settings.get());
    const token = newSessionToken();
    store.deleteExpired(isoNow(at));
    store.insert({
      id: newId(),
      user_id: userId,
      token_hash: hashSessionToken(token),
      created_at: isoNow(at),
      last_seen_at: isoNow(at),
      expires_at: isoNow(at + ttl * 1000),
      client_ip: client.ip,
      user_agent: client.userAgent?.slice(0, 512) ?? null,
    });
    const live = store.byToken(token)!;
    return {
      token,
      maxAgeSeconds: ttl,
      view: view(live, { token, endsAt: at + ttl * 1000, mustChange: live.must_change_password === 1, sessionId: live.id }),
    };
  }

  /**
   * The desktop window's sign-in (desktop/, docs/adr/0013): an ordinary session for the
   * organisation's first active owner, once the shell's one-time token has been redeemed.
   */
  function signInOwner(client: Client): { userId: string; token: string; maxAgeSeconds: number; view: SelfView } | null {
    const organisationId = deps.organisationId();
    const owner = organisationId ? store.firstOwner(organisationId) : null;
    if (!owner) return null;
    const opened = open(owner.id, client);
    desktopSessions.add(store.byToken(opened.token)!.id);
    // The desktop owner never saw the printed first-run password: this session may replace it without.
    return { userId: owner.id, ...opened, view: { ...opened.view, current_password_required: !opened.view.must_change_password } };
  }

  /** The signed-in person's view of themselves; `token` is their cookie's. */
  function self(auth: SessionAuth, token: string): SelfView {
    const live = store.byToken(token);
    if (!live || live.id !== auth.session.id) throw forbidden('This session has ended: sign in again');
    return view(live, { token, endsAt: auth.session.expiresAt, mustChange: live.must_change_password === 1, sessionId: live.id });
  }

  async function changePassword(
    auth: SessionAuth,
    token: string,
    input: { current_password?: string; new_password: string },
    client: Client,
  ): Promise<SelfView> {
    // A stolen cookie must not become a way to guess the password: wrong current passwords count.
    const wait = throttle.retryAfterSeconds(auth.session.email, client.ip);
    if (wait > 0) throw new TooManyAttempts(wait);
    if (input.current_password === undefined) {
      // Only the desktop window's session, and only for the first-run (or reset) password, which
      // the desktop owner never saw (docs/adr/0013); every other change proves the current one.
      if (!(desktopSessions.has(auth.session.id) && store.byToken(token)?.must_change_password === 1)) {
        throw badRequest('current_password is required', { param: 'current_password' });
      }
    } else {
      const stored = store.passwordOf(auth.userId);
      if (!(await verifyPassword(input.current_password, stored ?? (await decoyHash())))) {
        throttle.failed(auth.session.email, client.ip);
        throw badRequest('current_password is not your current password', { param: 'current_password' });
      }
    }
    if ([...input.new_password].length < MIN_PASSWORD_LENGTH) {
      throw badRequest(`new_password must be at least ${MIN_PASSWORD_LENGTH} characters long`, { param: 'new_password' });
    }
    if (input.new_password === input.current_password) {
      throw badRequest('new_password must differ from current_password', { param: 'new_password' });
    }
    const hash = await hashPassword(input.new_password);
    store.setPassword(auth.userId, hash, isoNow(now()));
    store.deleteOthers(auth.userId, auth.session.id);
    return self(auth, token);
  }

  return {
    login,
    signInOwner,
    self,
    changePassword,
    /** Ends the session (logout). */
    end: (sessionId: string) => store.delete(sessionId),
    requests,
  };
}

export type LocalSessions = ReturnType<typeof localSessions>;
