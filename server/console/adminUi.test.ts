// The admin UI's file serving over a small build in a temp dir: the SPA fallback for client routes
// (never for API paths or missing files), cache headers, the CSP with a fresh nonce, gzip, ETags,
// paths that try to leave the build folder, and a clear page when the UI is not built.
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../../test/helpers/dataDir.ts';
import { registerErrorHandling } from '../http/errors.ts';
import { NONCE_PLACEHOLDER, isClientRoute, registerAdminUi } from './adminUi.ts';

const INDEX = `<!doctype html><html><head><meta name="csp-nonce" content="${NONCE_PLACEHOLDER}"><script type="module" src="/assets/app-abc123.js"></script></head><body><div id="root"></div></body></html>`;
const BIG_JS = `console.log(${JSON.stringify('x'.repeat(5000))});`;

let dir: string;
let app: FastifyInstance;
let bare: FastifyInstance;

async function build(distDir: string): Promise<FastifyInstance> {
  const a = Fastify();
  registerErrorHandling(a, 1024 * 1024).fallBackTo(registerAdminUi(a, { distDir }));
  a.get('/v1/health', async () => ({ status: 'ok' }));
  await a.ready();
  return a;
}

beforeAll(async () => {
  dir = makeTempDir('ui');
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), INDEX);
  fs.writeFileSync(path.join(dir, 'assets', 'app-abc123.js'), BIG_JS);
  fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  fs.writeFileSync(path.join(path.dirname(dir), 'outside-file.txt'), 'TOPSECRET-CONTENT');
  app = await build(dir);
  bare = await build(path.join(dir, 'missing-build'));
});
afterAll(async () => {
  await app.close();
  await bare.close();
  fs.rmSync(path.join(path.dirname(dir), 'outside-file.txt'), { force: true });
  removeDir(dir);
});

const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1];

describe('the admin UI files', () => {
  it('serves index.html at / and for every client route, with a fresh style nonce and no cache', async () => {
    const pages = await Promise.all(['/', '/logs', '/logs/abc-123?status=500', '/settings/security/'].map((url) => app.inject({ url })));
    const nonces = new Set<string>();
    for (const res of pages) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-cache, no-store, must-revalidate');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      const nonce = nonceOf(csp)!;
      expect(res.body).toContain(`content="${nonce}"`);
      expect(res.body).not.toContain(NONCE_PLACEHOLDER);
      nonces.add(nonce);
    }
    expect(nonces.size).toBe(4);
  });

  it('caches hashed assets for a year, gzips them and answers 304 to a matching ETag', async () => {
    const res = await app.inject({ url: '/assets/app-abc123.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.rawPayload.length).toBeLessThan(BIG_JS.length / 10);
    const again = await app.inject({ url: '/assets/app-abc123.js', headers: { 'if-none-match': String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);
    const plain = await app.inject({ url: '/favicon.svg' });
    expect(plain.headers['cache-control']).toBe('no-cache');
    expect(plain.body).toContain('<svg');
  });

  it('answers the API 404 for missing assets and API paths instead of the UI', async () => {
    for (const url of ['/assets/app-zzz.js', '/v1/no-such-route', '/v1', '/scim/v2/Users', '/auth/oidc/callback', '/robots.txt']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toMatchObject({ success: false, data: { errorCode: 'AB08' } });
    }
    expect((await app.inject({ url: '/v1/health' })).json()).toEqual({ status: 'ok' });
  });

  it('never serves a file outside the build folder', async () => {
    for (const url of ['/../outside-file.txt', '/%2e%2e/outside-file.txt', '/assets/..%2f..%2foutside-file.txt', '/%E0%A4%A']) {
      const res = await app.inject({ url });
      expect(res.body, url).not.toContain('TOPSECRET');
      expect([200, 400, 404], url).toContain(res.statusCode);
    }
  });

  it('says how to build the UI when renderer/dist is missing, and the API still works', async () => {
    const res = await bare.inject({ url: '/' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build');
    expect((await bare.inject({ url: '/v1/health' })).statusCode).toBe(200);
  });

  it.each([
    ['/dashboard', true],
    ['/logs/123', true],
    ['/docs', true],
    ['/v1/logs', false],
    ['/assets/x', false],
    ['/favicon.ico', false],
  ])('treats %s as a client route: %s', (url, expected) => expect(isClientRoute(url)).toBe(expected));
});
