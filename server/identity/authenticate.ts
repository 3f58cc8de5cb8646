// Resolves the caller of every non-public route from `x-portkey-api-key` (or, for clients that can
// only send their own auth header, from `Authorization: Bearer` (OpenAI SDK) or `x-api-key`
// (Anthropic SDK), in that order), else from a session cookie.
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, forbidden, unauthorized } from '../errors.ts';
import type { AuthContext, KeyResolver } from './auth.ts';
import type { SessionAuthenticator } from './sessions/requestAuth.ts';
import { surfaceOf } from '../http/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling, once authentication ran; null on public routes and before the hook. */
    auth: AuthContext | null;
    /**
     * The caller of a route that needs one, narrowed once: every non-public route has one after the
     * authentication hook, so handlers read this instead of `auth`. Reading it on a public route is
     * a 401, never a null.
     */
    readonly caller: AuthContext;
  }
  interface FastifyContextConfig {
    /** 'public' routes skip authentication. */
    auth?: 'public' | 'required';
  }
}

/** The header that carries the gateway key; the others are free to carry a provider key. */
export function gatewayKeyHeader(headers: IncomingHttpHeaders): 'x-portkey-api-key' | 'authorization' | 'x-api-key' | null {
  const present = (v: string | string[] | undefined) => typeof v === 'string' && v.trim() !== '';
  if (present(headers['x-portkey-api-key'])) return 'x-portkey-api-key';
  const authz = headers.authorization;
  if (typeof authz === 'string' && /^Bearer\s+\S/i.test(authz)) return 'authorization';
  if (present(headers['x-api-key'])) return 'x-api-key';
  return null;
}

export function presentedKey(req: FastifyRequest): string | null {
  const header = gatewayKeyHeader(req.headers);
  if (header === null) return null;
  const value = (req.headers[header] as string).trim();
  return header === 'authorization' ? value.replace(/^Bearer\s+/i, '').trim() : value;
}

export function registerAuthentication(
  app: FastifyInstance,
  keys: KeyResolver,
  options: { apiAccessEnabled: boolean; sessions?: SessionAuthenticator },
) {
  app.decorateRequest('auth', null);
  app.decorateRequest('caller', {
    getter(this: FastifyRequest): AuthContext {
      if (!this.auth) throw unauthorized('Missing API key. Send it in the x-portkey-api-key header.');
      return this.auth;
    },
  });
  app.addHook('onRequest', async (req) => {
    if (req.is404 || req.routeOptions.config?.auth === 'public') return;
    const raw = presentedKey(req);
    if (!raw) {
      // No key: a signed-in person's session cookie, if any (identity/sessions/requestAuth.ts).
      const session = options.sessions?.authenticate(req) ?? null;
      if (session) {
        req.auth = session;
        return;
      }
      throw unauthorized('Missing API key. Send it in the x-portkey-api-key header.');
    }
    const found = keys.lookup(raw);
    if (!found.ok) {
      throw found.reason === 'expired'
        ? new AppError('AB05', 401, 'This API key has expired. Ask an administrator for a new key.')
        : unauthorized();
    }
    const { principal } = found;
    if (!options.apiAccessEnabled && surfaceOf(req) === 'admin') {
      throw forbidden('The Admin API is turned off for API keys on this appliance (API_ACCESS_ENABLED=OFF)');
    }
    const auth: AuthContext = {
      kind: 'api_key',
      organisationId: principal.organisationId,
      workspaceId: principal.workspaceId,
      userId: principal.userId,
      key: principal,
    };
    req.auth = auth;
  });
  // A member's session acts in the workspace a request names; a body can name it only once parsed.
  const sessions = options.sessions;
  if (sessions) app.addHook('preValidation', async (req) => sessions.bindToBody(req));
}
