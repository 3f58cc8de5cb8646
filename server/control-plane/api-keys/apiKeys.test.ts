import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/testApp.ts';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await t.close();
});

async function call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Record<string, string>, payload?: unknown) {
  const res = await t.app.inject({ method, url, headers, payload: payload as object });
  return { status: res.statusCode, body: res.json() };
}

describe('API keys', () => {
  it('creates a workspace service key whose raw value is shown once and works for auth', async () => {
    const created = await call('POST', '/v1/api-keys/workspace/service', t.admin, {
      name: 'ci bot',
      workspace_id: t.credentials.workspace.slug,
      scopes: ['completions.write', 'workspace_service_api_keys.list'],
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ object: 'api-key', id: expect.any(String) });
    expect(created.body.key).toMatch(/^pk-[A-Za-z0-9_-]{43}$/);

    const got = await call('GET', `/v1/api-keys/${created.body.id}`, t.admin);
    expect(got.status).toBe(200);
    expect(got.body.key).not.toBe(created.body.key);
    expect(got.body.key).toContain('****');
    expect(got.body).toMatchObject({ type: 'workspace-service', workspace_id: t.credentials.workspace.id, status: 'active' });

    // The new key authenticates and sees only what its scopes allow.
    const own = await call('GET', '/v1/api-keys', { 'x-portkey-api-key': created.body.key });
    expect(own.status).toBe(200);
    expect(own.body.data.every((k: { type: string }) => k.type === 'workspace-service')).toBe(true);
  });

  it('stores only a hash of the key', async () => {
    const created = await call('POST', '/v1/api-keys/organisation/service', t.admin, {
      name: 'audit reader',
      scopes: ['audit_logs.list'],
    });
    const rows = t.stores.db.prepare('SELECT * FROM api_key_secrets').all();
    const dump = JSON.stringify(rows) + JSON.stringify(t.stores.db.prepare('SELECT * FROM api_keys').all());
    expect(dump).not.toContain(created.body.key);
    expect(dump).not.toContain(t.credentials.admin_api_key);
  });

  it('refuses scopes the key type cannot hold, naming them', async () => {
    const res = await call('POST', '/v1/api-keys/workspace/service', t.admin, {
      name: 'x',
      workspace_id: t.credentials.workspace.id,
      scopes: ['completions.write', 'audit_logs.list', 'nonsense.scope'],
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      success: false,
      data: { errorCode: 'AB01', message: expect.stringContaining('audit_logs.list, nonsense.scope') },
    });
  });

  it('refuses organisation user keys and unknown key types', async () => {
    const a = await call('POST', '/v1/api-keys/organisation/user', t.admin, { name: 'x', scopes: ['workspaces.list'] });
    expect(a.status).toBe(400);
    expect(a.body.data.message).toMatch(/service keys only/);
    const b = await call('POST', '/v1/api-keys/team/service', t.admin, { name: 'x', scopes: ['workspaces.list'] });
    expect(b.status).toBe(400);
  });

  it('requires a workspace member for user keys', async () => {
    const owner = t.stores.db.prepare<[], { id: string }>("SELECT id FROM users WHERE role = 'owner'").get()!;
    const missing = await call('POST', '/v1/api-keys/workspace/user', t.admin, {
      name: 'x',
      workspace_id: t.credentials.workspace.id,
      scopes: ['completions.write'],
    });
    expect(missing.status).toBe(400);
    expect(missing.body.data.message).toMatch(/user_id is required/);
    const ok = await call('POST', '/v1/api-keys/workspace/user', t.admin, {
      name: 'mine',
      workspace_id: t.credentials.workspace.id,
      user_id: owner.id,
      scopes: ['completions.write'],
    });
    expect(ok.status).toBe(200);
    const got = await call('GET', `/v1/api-keys/${ok.body.id}`, t.admin);
    expect(got.body).toMatchObject({ type: 'workspace-user', user_id: owner.id });
  });

  it('lets an organisation key list every key and a workspace key only its workspace keys', async () => {
    const all = await call('GET', '/v1/api-keys', t.admin);
    expect(all.body.total).toBe(2);
    expect(all.body.data.map((k: { type: string }) => k.type).sort()).toEqual(['organisation-service', 'workspace-service']);
    const ws = await call('GET', '/v1/api-keys', t.workspace);
    expect(ws.body.data.map((k: { type: string }) => k.type)).toEqual(['workspace-service']);
    const adminKeyId = all.body.data.find((k: { type: string }) => k.type === 'organisation-service').id;
    const denied = await call('GET', `/v1/api-keys/${adminKeyId}`, t.workspace);
    expect(denied.status).toBe(403);
    expect(denied.body.data.errorCode).toBe('AB03');
  });

  it('pages lists with current_page and page_size', async () => {
    for (let i = 0; i < 5; i++) {
      await call('POST', '/v1/api-keys/workspace/service', t.admin, {
        name: `k${i}`,
        workspace_id: t.credentials.workspace.id,
        scopes: ['completions.write'],
      });
    }
    const p0 = await call('GET', '/v1/api-keys?page_size=3&current_page=0', t.admin);
    const p2 = await call('GET', '/v1/api-keys?page_size=3&current_page=2', t.admin);
    expect(p0.body.total).toBe(7);
    expect(p0.body.data).toHaveLength(3);
    expect(p2.body.data).toHaveLength(1);
  });

  it('a workspace key cannot grant scopes it does not hold', async () => {
    const narrow = await call('POST', '/v1/api-keys/workspace/service', t.admin, {
      name: 'narrow',
      workspace_id: t.credentials.workspace.id,
      scopes: ['workspace_service_api_keys.create'],
    });
    const res = await call(
      'POST',
      '/v1/api-keys/workspace/service',
      { 'x-portkey-api-key': narrow.body.key },
      {
        name: 'wider',
        scopes: ['completions.write'],
      },
    );
    expect(res.status).toBe(403);
    expect(res.body.data.message).toMatch(/completions.write/);
  });

  it('updates take effect at once, including on the auth cache', async () => {
    const created = await call('POST', '/v1/api-keys/workspace/service', t.admin, {
      name: 'cached',
      workspace_id: t.credentials.workspace.id,
      scopes: ['workspace_service_api_keys.list'],
    });
    const asKey = { 'x-portkey-api-key': created.body.key };
    expect((await call('GET', '/v1/api-keys', asKey)).status).toBe(200);
    const put = await call('PUT', `/v1/api-keys/${created.body.id}`, t.admin, {
      scopes: ['completions.write'],
      name: 'renamed',
      type: 'workspace',
      'sub-type': 'service',
    });
    expect(put.status).toBe(200);
    expect((await call('GET', '/v1/api-keys', asKey)).status).toBe(403);
    expect((await call('GET', `/v1/api-keys/${created.body.id}`, t.admin)).body.name).toBe('renamed');

    const del = await t.app.inject({
      method: 'DELETE',
      url: `/v1/api-keys/${created.body.id}`,
      headers: { ...t.admin, 'content-type': 'application/json' },
      payload: JSON.stringify({ id: created.body.id }),
    });
    expect(del.statusCode).toBe(200);
    const after = await call('GET', '/v1/api-keys', asKey);
    expect(after.status).toBe(401);
    expect((await call('GET', `/v1/api-keys/${created.body.id}`, t.admin)).status).toBe(404);
  });

  it('refuses user_id changes and past expiry dates', async () => {
    const created = await call('POST', '/v1/api-keys/workspace/service', t.admin, {
      name: 'x',
      workspace_id: t.credentials.workspace.id,
      scopes: ['completions.write'],
    });
    const a = await call('PUT', `/v1/api-keys/${created.body.id}`, t.admin, { user_id: 'someone' });
    expect(a.status).toBe(400);
    const b = await call('PUT', `/v1/api-keys/${created.body.id}`, t.admin, { expires_at: '2001-01-01T00:00:00Z' });
    expect(b.status).toBe(400);
    expect(b.body.data.message).toMatch(/future/);
  });
});

describe('key expiry', () => {
  it('answers 401 once expires_at has passed', async () => {
    await t.close();
    let clock = Date.parse('2030-01-01T00:00:00Z');
    t = await startTestApp({ now: () => clock });
    const created = await call('POST', '/v1/api-keys/workspace/service', t.admin, {
      name: 'short-lived',
      workspace_id: t.credentials.workspace.id,
      scopes: ['workspace_service_api_keys.list'],
      expires_at: '2030-01-01T01:00:00Z',
    });
    const asKey = { 'x-portkey-api-key': created.body.key };
    expect((await call('GET', '/v1/api-keys', asKey)).status).toBe(200);
    clock += 2 * 3600_000;
    const res = await call('GET', '/v1/api-keys', asKey);
    expect(res.status).toBe(401);
    expect(res.body.data).toEqual({ errorCode: 'AB05', message: expect.stringMatching(/expired/) });
  });
});
