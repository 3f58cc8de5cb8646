// Resolves the caller of every non-public route from `x-portkey-api-key` (or, for clients such as
// the OpenAI SDK that can only send `Authorization: Bearer`, from that header).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, forbidden, unauthorized } from '../errors.ts';
import type { ApiKeyCache } from '../control-plane/api-keys/cache.ts';
import type { AuthContext } from '../identity/auth.ts';
import { surfaceOf } from './errors.ts';

export function presentedKey(req: FastifyRequest): string | null {
  const header = req.headers['x-portkey-api-key'];
  if (typeof header === 'string' && header.trim()) return header.trim();
  const authz = req.headers.authorization;
  if (typeof authz === 'string' && /^Bearer\s+/i.test(authz)) return authz.replace(/^Bearer\s+/i, '').trim() || null;
  return null;
}

export function registerAuthentication(app: FastifyInstance, keys: ApiKeyCache, options: { apiAccessEnabled: boolean }) {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (req) => {
    if (req.is404 || req.routeOptions.config?.auth === 'public') return;
    const raw = presentedKey(req);
    if (!raw) throw unauthorized('Missing API key. Send it in the x-portkey-api-key header.');
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
}
