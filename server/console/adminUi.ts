// Serves the admin UI (the static build of renderer/, in renderer/dist) at `/`: hashed assets with
// a year-long immutable cache, index.html never cached and answered for every client route (SPA
// fallback), a strict Content-Security-Policy with a fresh style nonce per page. API paths (/v1,
// /scim, /auth) and missing files keep the API's own 404.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Placeholder in renderer/index.html replaced by each page's nonce (read by the UI for its style tags). */
export const NONCE_PLACEHOLDER = '__CSP_NONCE__';

/** Paths that belong to APIs: never answered with the UI, whatever the method. */
const API_PATH = /^\/(v1|v2|scim|auth|model-configs)(\/|$)/;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.map']);

/** The policy of every UI response: nothing but this origin; inline styles only with the page's nonce. */
export function contentSecurityPolicy(nonce: string | null): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self'${nonce ? ` 'nonce-${nonce}'` : ''}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

interface CachedFile {
  mtimeMs: number;
  body: Buffer;
  gzip: Buffer | null;
  etag: string;
}

export interface AdminUiOptions {
  /** The built UI (renderer/dist). */
  distDir: string;
}

/** Whether a request path is a client-side route of the UI (no file extension, not an API path). */
export function isClientRoute(urlPath: string): boolean {
  if (API_PATH.test(urlPath) || urlPath.startsWith('/assets/')) return false;
  const last = urlPath.split('/').pop() ?? '';
  return !last.includes('.');
}

function setCommonHeaders(reply: FastifyReply, nonce: string | null) {
  reply.header('content-security-policy', contentSecurityPolicy(nonce));
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-frame-options', 'DENY');
}

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Admin UI not built</title></head>
<body><h1>The admin UI is not built</h1><p>Run <code>npm run build</code> (or <code>npm start</code>, which builds it when
renderer/dist is missing or stale) and reload. The API under /v1 works without it.</p></body></html>`;

/** Answers a request no route matched when it is a UI path; false leaves the 404 to the API. */
export type UiFallback = (req: FastifyRequest, reply: FastifyReply) => boolean;

export function registerAdminUi(app: FastifyInstance, options: AdminUiOptions): UiFallback {
  const root = path.resolve(options.distDir);
  const cache = new Map<string, CachedFile>();

  /** A file of the build by its path under the root, or null; re-read when it changed on disk. */
  function load(rel: string): CachedFile | null {
    const full = path.resolve(root, `.${rel}`);
    if (full !== root && !full.startsWith(root + path.sep)) return null;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      return null;
    }
    if (!stat.isFile()) return null;
    const hit = cache.get(full);
    if (hit && hit.mtimeMs === stat.mtimeMs) return hit;
    const body = fs.readFileSync(full);
    const ext = path.extname(full);
    const gzip = COMPRESSIBLE.has(ext) && body.length > 1024 ? zlib.gzipSync(body, { level: 9 }) : null;
    const file = { mtimeMs: stat.mtimeMs, body, gzip, etag: `"${crypto.createHash('sha1').update(body).digest('base64url')}"` };
    cache.set(full, file);
    return file;
  }

  function send(req: FastifyRequest, reply: FastifyReply, file: CachedFile, ext: string, cacheControl: string) {
    reply.header('cache-control', cacheControl);
    reply.header('etag', file.etag);
    reply.header('vary', 'accept-encoding');
    reply.type(TYPES[ext] ?? 'application/octet-stream');
    if (req.headers['if-none-match'] === file.etag) return reply.code(304).send();
    const gzip = file.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (gzip) reply.header('content-encoding', 'gzip');
    return reply.send(gzip ? file.gzip : file.body);
  }

  /** index.html with this response's nonce; never cached, so a new build shows on the next load. */
  function sendIndex(reply: FastifyReply) {
    const nonce = crypto.randomBytes(16).toString('base64');
    setCommonHeaders(reply, nonce);
    reply.header('cache-control', 'no-cache, no-store, must-revalidate');
    const index = load('/index.html');
    if (!index) return reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT);
    return reply.type('text/html; charset=utf-8').send(index.body.toString('utf8').replaceAll(NONCE_PLACEHOLDER, nonce));
  }

  /**
   * Serves a file of the build, or index.html for a client route; false when the path is neither
   * (an API path, a missing file), so the caller answers its 404 in the API's envelope.
   */
  function serve(req: FastifyRequest, reply: FastifyReply): boolean {
    let urlPath: string;
    try {
      urlPath = decodeURIComponent((req.url.split('?')[0] ?? '/').replace(/\/+$/, '') || '/');
    } catch {
      return false;
    }
    if (urlPath === '/' || urlPath === '/index.html') {
      sendIndex(reply);
      return true;
    }
    if (API_PATH.test(urlPath)) return false;
    const file = urlPath.includes('\0') ? null : load(urlPath);
    if (file) {
      setCommonHeaders(reply, null);
      const immutable = urlPath.startsWith('/assets/');
      send(req, reply, file, path.extname(urlPath), immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      return true;
    }
    if (!isClientRoute(urlPath)) return false;
    sendIndex(reply);
    return true;
  }

  const config = { auth: 'public' as const, surface: 'admin' as const, openapi: false as const };
  app.get('/', { config }, async (req, reply) => {
    serve(req, reply);
    return reply;
  });
  // Every other UI path (assets, client routes) is served where no route matched: a wildcard route
  // would also catch API paths the router refuses (a 101-character id, broken percent-encoding) and
  // hide their 414 and 400 behind a 404.
  return (req, reply) => (req.method === 'GET' || req.method === 'HEAD') && serve(req, reply);
}
