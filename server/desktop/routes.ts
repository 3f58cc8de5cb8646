// POST /v1/auth/desktop: the desktop window trades its one-time token (signInTokens.ts) for an
// ordinary session of the organisation's owner. Only on loopback: a LAN client never gets here.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { requestFacts } from '../audit/events.ts';
import type { AuditLog } from '../audit/recorder.ts';
import type { LocalSessions } from '../identity/sessions/service.ts';
import { forbidden, notFound, unauthorized } from '../errors.ts';
import { sessionCookie } from '../identity/sessions/cookies.ts';
import { SelfView } from '../control-plane/sessions/schemas.ts';
import { isLoopbackHost } from '../network/ipAddress.ts';
import type { DesktopSignInTokens } from './signInTokens.ts';

const Body = Type.Object({ token: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false });

/**
 * The plain-HTTP loopback listener, reached from this machine: both ends on loopback and no TLS
 * (every TLS listener, the LAN's included, is refused even when dialled on 127.0.0.1).
 */
const overLoopback = (req: FastifyRequest) =>
  req.protocol === 'http' && isLoopbackHost(req.socket.localAddress ?? '') && isLoopbackHost(req.socket.remoteAddress ?? '');

export interface DesktopSignInDeps {
  tokens: DesktopSignInTokens;
  sessions: LocalSessions;
  audit: AuditLog;
  organisationId: () => string | null;
}

export function desktopSignInRoutes({ tokens, sessions, audit, organisationId }: DesktopSignInDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/v1/auth/desktop',
      { config: { auth: 'public' }, schema: { body: Body, response: { 200: SelfView } } },
      async (req, reply) => {
        if (!overLoopback(req)) throw forbidden('Desktop sign-in is only accepted on the loopback address');
        if (!tokens.redeem(req.body.token)) throw unauthorized('This desktop sign-in token is unknown, already used or expired');
        const ua = req.headers['user-agent'];
        const opened = sessions.signInOwner({ ip: req.ip ?? null, userAgent: typeof ua === 'string' ? ua : null });
        if (!opened) throw notFound('The organisation has no active owner to sign in');
        const organisation_id = organisationId();
        if (organisation_id) {
          audit.record({
            ...requestFacts(req),
            organisation_id,
            actor: { user_type: 'user', user_id: opened.userId, api_key_id: null, api_key_type: null },
            // Never the token: it is a credential, even spent.
            request_body: { method: 'desktop' },
            response_status_code: 200,
            resource_type: 'session',
            resource_id: opened.userId,
            action: 'login',
          });
        }
        reply.header('set-cookie', sessionCookie(opened.token, { secure: req.protocol === 'https', maxAgeSeconds: opened.maxAgeSeconds }));
        return opened.view;
      },
    );
  };
}
