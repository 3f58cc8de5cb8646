// The appliance's human face, registered in one call before any route: the OpenAPI document of
// every route registered after it (GET /docs/openapi.json), and the admin UI at `/` (its client
// route /docs is the offline API explorer over that document).
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { PACKAGE_ROOT } from '../paths.ts';
import { VERSION } from '../version.ts';
import { registerAdminUi, type UiFallback } from './adminUi.ts';
import { OpenApiCollector } from './openapi.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false leaves the route out of the OpenAPI document (the UI's own file routes). */
    openapi?: false;
  }
}

export const UI_DIST_DIR = path.join(PACKAGE_ROOT, 'renderer', 'dist');

const DESCRIPTION = [
  'The Admin API (Portkey-compatible `/v1`), the gateway routes and the session routes of this appliance.',
  'Send an API key in `x-portkey-api-key` (or `Authorization: Bearer` on gateway routes).',
  'A signed-in browser sends its session cookie, and `x-csrf-token` on writes.',
  '`x-required-scopes` lists the scopes a route checks (any one of them, or the one its resource needs).',
].join(' ');

/** The OpenAPI collector, and the UI's answer for paths no route matched (the error handler's 404 falls back to it). */
export function registerConsole(
  app: FastifyInstance,
  options: { distDir?: string } = {},
): { openapi: OpenApiCollector; uiFallback: UiFallback } {
  const openapi = new OpenApiCollector({ title: 'AirGap AI Gateway', version: VERSION, description: DESCRIPTION });
  openapi.attach(app);
  app.get('/docs/openapi.json', { config: { auth: 'public', openapi: false } }, async (_req, reply) => {
    reply.header('cache-control', 'no-cache');
    return openapi.document();
  });
  const uiFallback = registerAdminUi(app, { distDir: options.distDir ?? UI_DIST_DIR });
  return { openapi, uiFallback };
}
