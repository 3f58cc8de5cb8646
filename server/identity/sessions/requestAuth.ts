// Authenticates a request by its session cookie, when it carries no API key (identity/authenticate.ts
// tries keys first). Refuses ended sessions and archived users (401), cookie-authenticated
// mutations without the session's CSRF token, data-plane routes, and, until the password is
// changed, everything but the /auth routes (403). Then binds a member to the workspace the
// request acts in (principal.ts).
import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from '../../errors.ts';
import { isoNow } from '../../db/rows.ts';
import type { OrganisationSettings } from '../../settings/settings.ts';
import { type SessionAuth, requireApiKey } from '../auth.ts';
import { isOrgAdminRole } from '../roles.ts';
import { isDataPlaneRoute } from '../permissions.ts';
import { CSRF_HEADER, SESSION_COOKIE, readCookie } from './cookies.ts';
import { sessionPrincipal } from './principal.ts';
import { type LiveSession, type SessionsStore, type WorkspaceSummary, csrfTokenFor } from './store.ts';
import { sessionEndsAt } from './ttl.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Reachable by a session that must still change its password or belongs to no workspace yet:
     * the /auth routes that let a person see who they are, change the password and leave.
     */
    sessionSetup?: boolean;
  }
}

export interface SessionAuthDeps {
  store: SessionsStore;
  settings: { get(): OrganisationSettings; forWorkspace(workspaceId: string | null): OrganisationSettings };
  now: () => number;
}

/** A session found by its cookie and still valid. */
export interface CurrentSession {
  live: LiveSession;
  token: string;
  endsAt: number;
}

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** last_seen_at is written at most this often per session. */
const TOUCH_EVERY_MS = 60_000;

function isDataPlane(req: FastifyRequest): boolean {
  return isDataPlaneRoute(req.method, req.routeOptions.url ?? '', req.routeOptions.config?.surface);
}

/** A workspace id or slug the request names in `field`, ignoring empty strings (SDKs send `""`). */
function named(source: unknown, field: string): string | null {
  if (source === null || typeof source !== 'object' || Array.isArray(source)) return null;
  const value = (source as Record<string, unknown>)[field];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export function sessionAuthenticator(deps: SessionAuthDeps) {
  const { store } = deps;
  const settingsFor = (workspaceId: string | null) => deps.settings.forWorkspace(workspaceId);
  /** Member sessions bound to their default workspace, which a body's workspace_id may still change. */
  const rebindable = new WeakMap<FastifyRequest, CurrentSession>();

  /** The valid session the request's cookie names, or null (ended sessions are deleted on sight). */
  function current(req: FastifyRequest): CurrentSession | null {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (!token) return null;
    const live = store.byToken(token);
    if (!live) return null;
    const endsAt = sessionEndsAt(Date.parse(live.created_at), Date.parse(live.expires_at), deps.settings.get());
    if (live.status !== 'active' || deps.now() >= endsAt) {
      store.delete(live.id);
      return null;
    }
    return { live, token, endsAt };
  }

  function requireCsrf(req: FastifyRequest, token: string): void {
    if (!MUTATIONS.has(req.method)) return;
    const given = req.headers[CSRF_HEADER];
    if (typeof given !== 'string' || !sameSecret(given, csrfTokenFor(token))) {
      throw forbidden(`Missing or wrong ${CSRF_HEADER} header: send the csrf_token that /v1/auth/login and /v1/auth/self return`);
    }
  }

  function membership(live: LiveSession, ref: string): WorkspaceSummary {
    const found = store.membership(live.organisation_id, live.user_id, ref);
    if (!found) throw forbidden(`You do not have enough permissions to execute this request (you are not a member of workspace "${ref}")`);
    return found;
  }

  /** The member's workspace when the request names none: the default workspace if theirs, else the first they joined. */
  const defaultWorkspace = (live: LiveSession) => store.memberWorkspaces(live.user_id).find((w) => w.status === 'active') ?? null;

  /** Called by the root onRequest hook when no API key was sent; null when there is no session cookie. */
  function authenticate(req: FastifyRequest): SessionAuth | null {
    if (readCookie(req.headers.cookie, SESSION_COOKIE) === null) return null;
    const found = current(req);
    if (!found) throw unauthorized('Your session has ended or is not valid: sign in again');
    const { live, endsAt } = found;
    requireCsrf(req, found.token);
    const setup = req.routeOptions.config?.sessionSetup === true;
    if (!setup && live.must_change_password) {
      throw forbidden(
        'You must change your password before you do anything else: POST /v1/auth/password with current_password and new_password',
      );
    }
    const now = deps.now();
    if (now - Date.parse(live.last_seen_at) >= TOUCH_EVERY_MS) store.touch(live.id, isoNow(now));

    if (isOrgAdminRole(live.role)) return guardDataPlane(req, sessionPrincipal(live, endsAt, null, settingsFor));
    const ref = named(req.params, 'workspaceId') ?? named(req.query, 'workspace_id');
    const workspace = ref ? membership(live, ref) : defaultWorkspace(live);
    if (!ref) rebindable.set(req, found);
    // Without a workspace a member holds no scope at all; only the /auth routes make sense.
    if (!workspace && !setup) {
      throw forbidden('You are not a member of any workspace yet: ask an organisation admin to add you to one');
    }
    return guardDataPlane(req, sessionPrincipal(live, endsAt, workspace, settingsFor));
  }

  function guardDataPlane(req: FastifyRequest, auth: SessionAuth): SessionAuth {
    if (isDataPlane(req)) requireApiKey(auth);
    return auth;
  }

  /** preValidation: a member's request that named no workspace in its path or query may name one in its body. */
  function bindToBody(req: FastifyRequest): void {
    const found = rebindable.get(req);
    if (!found) return;
    rebindable.delete(req);
    const ref = named(req.body, 'workspace_id');
    if (ref) req.auth = sessionPrincipal(found.live, found.endsAt, membership(found.live, ref), settingsFor);
  }

  return { current, requireCsrf, authenticate, bindToBody };
}

export type SessionAuthenticator = ReturnType<typeof sessionAuthenticator>;
