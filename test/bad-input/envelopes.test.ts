// Which error envelope an answer speaks (issue 12 item 7): a matched route's own surface, and for
// requests no route matched, the path alone. Words such as /models or /chat/completions in an
// admin path or in any query string do not turn an admin answer into the OpenAI shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/testApp.ts';

const adminError = (errorCode: string) => ({ success: false, data: { errorCode, message: expect.any(String) } });
const gatewayError = (type: string) => ({ error: { message: expect.any(String), type, param: null, code: null } });

/** A concrete URL for a route pattern: every parameter and wildcard filled in. */
const concrete = (pattern: string) => pattern.replace(/:[A-Za-z]+/g, 'x').replace(/\*/g, 'x');

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('matched routes answer in their own surface', () => {
  it('GET /v1/configs/models is a config lookup: 404 in the admin envelope', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/configs/models', headers: t.admin });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual(adminError('AB08'));
  });

  it('a bad key on an admin route with /chat/completions in the query string gets the admin envelope', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/v1/admin/workspaces?x=/chat/completions',
      headers: { 'x-portkey-api-key': 'pk-forged' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual(adminError('AB05'));
  });

  it('every registered route answers a bad key in its surface’s envelope, whatever the query string says', async () => {
    const routes = t.app.routeTable.filter((r) => r.method !== 'HEAD' && r.permission.permission.kind !== 'public');
    expect(routes.some((r) => r.surface === 'gateway')).toBe(true);
    const wrong: string[] = [];
    for (const route of routes) {
      // The query string names the other surface's paths, to tempt a guess from the URL.
      const probe = route.surface === 'gateway' ? '?next=/v1/api-keys' : '?next=/v1/chat/completions&also=/models';
      const res = await t.app.inject({
        method: route.method as 'GET',
        url: concrete(route.url) + probe,
        headers: { 'x-portkey-api-key': 'pk-forged' },
      });
      const body = res.json() as Record<string, unknown>;
      const shape = 'success' in body && 'data' in body ? 'admin' : 'error' in body ? 'gateway' : 'other';
      if (res.statusCode !== 401 || shape !== route.surface) wrong.push(`${route.method} ${route.url}: ${res.statusCode} ${shape}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('Anthropic’s Messages API answers in Anthropic’s shape, also before its handler runs', () => {
  const anthropicError = (type: string) => ({ type: 'error', error: { type, message: expect.any(String) } });

  it('a bad key on POST /v1/messages', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/messages',
      headers: { 'x-api-key': 'pk-forged', 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual(anthropicError('authentication_error'));
  });

  it('malformed JSON on POST /v1/messages', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/messages',
      headers: { ...t.workspace, 'content-type': 'application/json' },
      payload: '{"model":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual(anthropicError('invalid_request_error'));
  });

  it('unknown paths below /v1/messages (no route matched) keep the OpenAI shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/messages/nothing/here', headers: t.workspace });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual(gatewayError('not_found_error'));
  });
});

describe('unmatched requests are judged by their path alone', () => {
  it.each([
    ['/v1/not-a-route?x=/chat/completions', 'admin'],
    ['/v1/admin/nothing/models', 'admin'],
    ['/v1/chat/completions/extra', 'gateway'],
    ['/v1/models/extra/path', 'gateway'],
    ['/v1/chat/completions?x=/v1/api-keys', 'gateway'],
  ])('GET %s is a 404 in the %s envelope', async (url, surface) => {
    const res = await t.app.inject({ method: 'GET', url, headers: t.workspace });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual(surface === 'admin' ? adminError('AB08') : gatewayError('not_found_error'));
  });
});

describe('API_ACCESS_ENABLED=OFF holds whatever the URL says', () => {
  let off: TestApp;
  beforeAll(async () => {
    off = await startTestApp({ env: { API_ACCESS_ENABLED: 'OFF' } });
  });
  afterAll(async () => {
    await off.close();
  });

  it.each(['/v1/api-keys', '/v1/api-keys?x=/models', '/v1/configs/models?workspace_id=x', '/v1/audit-logs?q=/chat/completions'])(
    'GET %s with an API key is refused with 403',
    async (url) => {
      const res = await off.app.inject({ method: 'GET', url, headers: off.admin });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual(adminError('AB03'));
    },
  );
});
