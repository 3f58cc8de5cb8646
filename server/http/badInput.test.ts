// Bad input never crashes the server, never leaves half-written rows, and always answers in the
// documented envelope with a message a person can act on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers/testApp.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { BODY_LIMIT_MB: '1' } });
});
afterAll(async () => {
  await t.close();
});

const keyCount = () => t.stores.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM api_keys').get()!.n;

describe('bad input', () => {
  it('malformed JSON is a 400 that says it is malformed', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys/workspace/service',
      headers: { ...t.admin, 'content-type': 'application/json' },
      payload: '{"name": "x", "scopes": [',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ success: false, data: { errorCode: 'AB01', message: expect.stringMatching(/^Malformed JSON/) } });
  });

  it('wrong types name the field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys/workspace/service',
      headers: t.admin,
      payload: { name: 'x', scopes: 'completions.write' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().data.message).toBe('Invalid request: body.scopes must be array');
  });

  it('enum violations list the allowed values', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys/workspace/service',
      headers: t.admin,
      payload: { name: 'x', scopes: ['completions.write'], rate_limits: [{ type: 'requests', unit: 'per-minute', value: 1 }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().data.message).toMatch(/body\.rate_limits\.0\.unit must be one of: "rps", "rpm"/);
  });

  it('a missing required field is named', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys/workspace/service',
      headers: t.admin,
      payload: { scopes: ['completions.write'] },
    });
    expect(res.json().data.message).toBe('Invalid request: body must have the property "name"');
  });

  it('unknown ids are 404 AB08 naming the id', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/api-keys/00000000-0000-4000-8000-000000000000', headers: t.admin });
    expect(res.statusCode).toBe(404);
    expect(res.json().data).toEqual({ errorCode: 'AB08', message: 'API key "00000000-0000-4000-8000-000000000000" was not found' });
    const ws = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys/workspace/service',
      headers: t.admin,
      payload: { name: 'x', workspace_id: 'ws-nope', scopes: ['completions.write'] },
    });
    expect(ws.statusCode).toBe(404);
    expect(ws.json().data.message).toContain('ws-nope');
  });

  it('unknown routes are 404 in the admin envelope', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/not-a-route', headers: t.admin });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ success: false, data: { errorCode: 'AB08', message: 'No route GET /v1/not-a-route' } });
  });

  it('bodies over the limit are 413 with the limit in the message', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(1_200_000), scopes: ['completions.write'] });
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys/workspace/service',
      headers: { ...t.admin, 'content-type': 'application/json' },
      payload: big,
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().data.message).toMatch(/1 MB limit \(BODY_LIMIT_MB\)/);
  });

  it('non-JSON content types are refused', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys/workspace/service',
      headers: { ...t.admin, 'content-type': 'text/plain' },
      payload: 'name=x',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().data.errorCode).toBe('AB01');
  });

  it('missing and wrong keys are 401 AB05', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/v1/api-keys' });
    expect(none.statusCode).toBe(401);
    expect(none.json().data).toEqual({ errorCode: 'AB05', message: expect.stringMatching(/Missing API key/) });
    const wrong = await t.app.inject({ method: 'GET', url: '/v1/api-keys', headers: { 'x-portkey-api-key': 'pk-forged' } });
    expect(wrong.statusCode).toBe(401);
  });

  it('a refused create writes nothing', async () => {
    const before = keyCount();
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys/workspace/user',
      headers: t.admin,
      payload: { name: 'x', workspace_id: t.credentials.workspace.id, user_id: 'no-such-user', scopes: ['completions.write'] },
    });
    expect(res.statusCode).toBe(404);
    expect(keyCount()).toBe(before);
  });

  it('the server keeps answering after all of that', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/health' });
    expect(res.json()).toMatchObject({ status: 'ok', service: 'airgap-ai-gateway' });
  });
});
