// /v1/auth: sign in with a local account, see who you are, change your password, sign out.
// Thin adapters over services.sessions; they set the cookie and record logins in the audit log.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { unauthorized } from '../../errors.ts';
import { requestFacts } from '../../audit/events.ts';
import type { AuditLog } from '../../audit/recorder.ts';
import type { LocalSessions } from '../../identity/sessions/service.ts';
import { requireSession } from '../../identity/auth.ts';
import { SESSION_COOKIE, clearedSessionCookie, readCookie, sessionCookie } from '../../identity/sessions/cookies.ts';
import { LoggedOut, LoginBody, PasswordBody, SelfView } from './schemas.ts';
import { type Client, TooManyAttempts, WRONG_CREDENTIALS } from '../../identity/sessions/service.ts';

const client = (req: FastifyRequest): Client => {
  const ua = req.headers['user-agent'];
  return { ip: req.ip ?? null, userAgent: typeof ua === 'string' ? ua : null };
};

const secure = (req: FastifyRequest) => req.protocol === 'https';

function tooMany(reply: FastifyReply, retryAfterSeconds: number): TooManyAttempts {
  reply.header('retry-after', String(retryAfterSeconds));
  return new TooManyAttempts(retryAfterSeconds);
}

export interface SessionRoutesDeps {
  sessions: LocalSessions;
  audit: AuditLog;
  /** The organisation's id, once it exists (logins are recorded under it). */
  organisationId: () => string | null;
}

export function sessionRoutes({ sessions, audit, organisationId }: SessionRoutesDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    /** Login, failed login and logout are public routes: the audit hook does not see them, so they are recorded here. */
    function record(req: FastifyRequest, status: number, action: string, userId: string | null) {
      const organisation_id = organisationId();
      if (!organisation_id) return;
      audit.record({
        ...requestFacts(req),
        organisation_id,
        actor: userId ? { user_type: 'user', user_id: userId, api_key_id: null, api_key_type: null } : null,
        request_body: req.body,
        response_status_code: status,
        resource_type: 'session',
        resource_id: userId,
        action,
      });
    }

    app.post(
      '/auth/login',
      { config: { auth: 'public' }, schema: { body: LoginBody, response: { 200: SelfView } } },
      async (req, reply) => {
        const outcome = await sessions.login(req.body, client(req));
        switch (outcome.kind) {
          case 'throttled':
            record(req, 429, 'login_failed', null);
            throw tooMany(reply, outcome.retryAfterSeconds);
          case 'failed':
            record(req, 401, 'login_failed', outcome.userId);
            throw unauthorized(WRONG_CREDENTIALS);
          case 'ok':
            record(req, 200, 'login', outcome.userId);
            reply.header('set-cookie', sessionCookie(outcome.token, { secure: secure(req), maxAgeSeconds: outcome.maxAgeSeconds }));
            return outcome.view;
        }
      },
    );

    // Public so that an ended session can still clear its cookie; a live one must show its CSRF token.
    app.post('/auth/logout', { config: { auth: 'public' }, schema: { response: { 200: LoggedOut } } }, async (req, reply) => {
      const found = sessions.requests.current(req);
      if (found) {
        sessions.requests.requireCsrf(req, found.token);
        sessions.end(found.live.id);
        record(req, 200, 'logout', found.live.user_id);
      }
      reply.header('set-cookie', clearedSessionCookie({ secure: secure(req) }));
      return { success: true as const };
    });

    app.get('/auth/self', { config: { sessionSetup: true }, schema: { response: { 200: SelfView } } }, async (req) =>
      sessions.self(requireSession(req.auth), readCookie(req.headers.cookie, SESSION_COOKIE)!),
    );

    app.post(
      '/auth/password',
      {
        config: { sessionSetup: true, audit: { resource_type: 'user', action: 'change_password' } },
        schema: { body: PasswordBody, response: { 200: SelfView } },
      },
      async (req, reply) => {
        const auth = requireSession(req.auth);
        try {
          return await sessions.changePassword(auth, readCookie(req.headers.cookie, SESSION_COOKIE)!, req.body, client(req));
        } catch (err) {
          if (err instanceof TooManyAttempts) throw tooMany(reply, err.retryAfterSeconds);
          throw err;
        }
      },
    );
  };
}
