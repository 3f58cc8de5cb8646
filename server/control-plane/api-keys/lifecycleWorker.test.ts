// The background worker (expired keys become visible as `expired`), its timer inside the server
// process, and reset_usage.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../env.ts';
import { createServices } from '../../services.ts';
import { openStores } from '../../stores.ts';
import { bootstrap } from '../bootstrap.ts';
import { makeTempDir, removeDir } from '../../../test/helpers/dataDir.ts';
import { DAY, HOUR, START, type KeyTestApp, startKeyTestApp } from '../../../test/kits/apiKeysTestKit.ts';

let t: KeyTestApp | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('expiry worker', () => {
  it('marks keys past expires_at as expired, so lists show it; a later expires_at reactivates them', async () => {
    t = await startKeyTestApp();
    const k = await t.serviceKey({ expires_at: new Date(START + HOUR).toISOString() });
    const status = async () => (await t!.call('GET', `/v1/api-keys/${k.id}`, t!.admin)).body.status;
    expect(await status()).toBe('active');

    t.clock.now = START + 2 * HOUR;
    expect(await t.authStatus(k.key)).toBe(401); // the request path refuses it at once...
    expect(await status()).toBe('active'); // ...and the worker makes that visible
    expect(t.tick().expired).toEqual([k.id]);
    expect(t.tick().expired).toEqual([]);
    expect(await status()).toBe('expired');
    const listed = (await t.call('GET', '/v1/api-keys', t.admin)).body.data.find((x: { id: string }) => x.id === k.id);
    expect(listed.status).toBe('expired');
    const refused = await t.call('GET', '/v1/api-keys', t.as(k.key));
    expect(refused.body.data.message).toMatch(/expired/);

    const put = await t.call('PUT', `/v1/api-keys/${k.id}`, t.admin, { expires_at: new Date(START + DAY).toISOString() });
    expect(put.status).toBe(200);
    expect(await status()).toBe('active');
    expect(await t.authStatus(k.key)).toBe(200);
  });

  it('runs on its own timer in the server process and stops when the app closes', async () => {
    // Built by hand rather than with startTestApp, to set the worker's interval.
    const dataDir = makeTempDir('key-worker');
    const config = loadConfig({ LOG_LEVEL: 'silent', APPLIANCE_DATA_DIR: dataDir, PORT: '0' });
    const stores = await openStores(config.dataDir);
    let clock = START;
    const deps = { config, ...stores, now: () => clock, keyWorkerIntervalMs: 20 };
    const credentials = bootstrap({ ...createServices(deps), db: stores.db, config })!;
    const app = await buildApp(deps);
    const create = async (expiresAt: number) =>
      (
        await app.inject({
          method: 'POST',
          url: '/v1/api-keys/workspace/service',
          headers: { 'x-portkey-api-key': credentials.admin_api_key },
          payload: {
            name: 'short',
            workspace_id: credentials.workspace.id,
            scopes: ['completions.write'],
            expires_at: new Date(expiresAt).toISOString(),
          },
        })
      ).json().id as string;
    const status = (id: string) =>
      stores.db.prepare<[string], { status: string }>('SELECT status FROM api_keys WHERE id = ?').get(id)!.status;
    try {
      const first = await create(START + HOUR);
      const second = await create(START + 3 * HOUR);
      clock = START + 2 * HOUR;
      await vi.waitFor(() => expect(status(first)).toBe('expired'), { timeout: 2000, interval: 10 });
      expect(status(second)).toBe('active');

      await app.close();
      clock = START + 4 * HOUR;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(status(second)).toBe('active');
    } finally {
      await app.close();
      stores.close();
      removeDir(dataDir);
    }
  });
});

describe('reset_usage', () => {
  it('sets usage to zero and turns an exhausted key active again, on the request path too', async () => {
    t = await startKeyTestApp();
    const k = await t.serviceKey({ usage_limits: { credit_limit: 10, type: 'cost' } });
    // What the budget enforcement does when the limit is reached.
    t.stores.db.prepare("UPDATE api_keys SET current_usage = 12.5, status = 'exhausted' WHERE id = ?").run(k.id);
    t.app.services.keyCache.invalidate(k.id);
    const cached = t.app.services.keyCache.lookup(k.key);
    expect(cached.ok && cached.principal.status).toBe('exhausted');

    expect((await t.call('PUT', `/v1/api-keys/${k.id}`, t.admin, { reset_usage: false, name: 'renamed' })).status).toBe(200);
    expect((await t.call('GET', `/v1/api-keys/${k.id}`, t.admin)).body).toMatchObject({ status: 'exhausted', current_usage: 12.5 });

    t.clock.now = START + HOUR;
    const put = await t.call('PUT', `/v1/api-keys/${k.id}`, t.admin, { reset_usage: true });
    expect(put.status).toBe(200);
    expect((await t.call('GET', `/v1/api-keys/${k.id}`, t.admin)).body).toMatchObject({
      status: 'active',
      current_usage: 0,
      usage_limits: { credit_limit: 10, current_usage: 0 },
      last_reset_at: new Date(START + HOUR).toISOString(),
    });
    const after = t.app.services.keyCache.lookup(k.key);
    expect(after.ok && after.principal.status).toBe('active');
  });

  it('does not revive an expired key', async () => {
    t = await startKeyTestApp();
    const k = await t.serviceKey({ expires_at: new Date(START + HOUR).toISOString() });
    t.clock.now = START + 2 * HOUR;
    t.tick();
    await t.call('PUT', `/v1/api-keys/${k.id}`, t.admin, { reset_usage: true });
    expect((await t.call('GET', `/v1/api-keys/${k.id}`, t.admin)).body.status).toBe('expired');
    expect(await t.authStatus(k.key)).toBe(401);
  });
});
