// Manual and scheduled rotation over the Admin API, on a clock the test moves: both secrets work
// during the transition, the old one stops at its end without a restart, never more than two.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE, START, type KeyTestApp, startKeyTestApp } from '../../../test/kits/apiKeysTestKit.ts';

let t: KeyTestApp;
beforeEach(async () => {
  t = await startKeyTestApp();
});
afterEach(async () => {
  await t.close();
});

const rotate = (id: string, body?: unknown, headers = t.admin) => t.call('POST', `/v1/api-keys/${id}/rotate`, headers, body);
const secretRows = (id: string) =>
  t.stores.db
    .prepare<[string], { hash: string; expires_at: string | null }>('SELECT hash, expires_at FROM api_key_secrets WHERE api_key_id = ?')
    .all(id);

describe('manual rotation', () => {
  it('keeps the id, shows the new secret once, and accepts both secrets until key_transition_expires_at', async () => {
    const { id, key: oldKey } = await t.serviceKey();
    const res = await rotate(id, { key_transition_period_ms: HOUR });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id,
      key: expect.stringMatching(/^pk-[A-Za-z0-9_-]{43}$/),
      key_transition_expires_at: '2030-01-01T01:00:00.000Z',
    });
    const newKey: string = res.body.key;
    expect(newKey).not.toBe(oldKey);

    const got = await t.call('GET', `/v1/api-keys/${id}`, t.admin);
    expect(got.body).toMatchObject({
      id,
      key: expect.stringMatching(new RegExp(`\\*{8}${newKey.slice(-4)}$`)),
      last_rotated_at: '2030-01-01T00:00:00.000Z',
      key_transition_expires_at: '2030-01-01T01:00:00.000Z',
      rotated_key_available: false,
    });

    expect(await t.authStatus(oldKey)).toBe(200);
    expect(await t.authStatus(newKey)).toBe(200);
    t.clock.now = START + HOUR - 1;
    expect(await t.authStatus(oldKey)).toBe(200);
    // The end of the transition is enforced by the request path's cache itself: no worker pass,
    // no restart.
    t.clock.now = START + HOUR;
    expect(await t.authStatus(oldKey)).toBe(401);
    expect(await t.authStatus(newKey)).toBe(200);

    expect(secretRows(id)).toHaveLength(2);
    expect(t.tick().transitionsEnded).toEqual([id]);
    expect(secretRows(id)).toEqual([{ hash: expect.any(String), expires_at: null }]);
    expect((await t.call('GET', `/v1/api-keys/${id}`, t.admin)).body.key_transition_expires_at).toBeNull();

    const dump =
      JSON.stringify(t.stores.db.prepare('SELECT * FROM api_key_secrets').all()) +
      JSON.stringify(t.stores.db.prepare('SELECT * FROM api_keys').all());
    expect(dump).not.toContain(newKey);
    expect(dump).not.toContain(oldKey);
  });

  it('rotating during a transition ends the older secret at once: two live secrets at most', async () => {
    const { id, key: k0 } = await t.serviceKey();
    expect(await t.authStatus(k0)).toBe(200); // cached as valid on the request path
    const k1 = (await rotate(id, { key_transition_period_ms: 2 * HOUR })).body.key as string;
    t.clock.now += 10 * MINUTE;
    const second = await rotate(id);
    expect(second.status).toBe(200);
    const k2 = second.body.key as string;

    expect(await t.authStatus(k0)).toBe(401);
    expect(await t.authStatus(k1)).toBe(200);
    expect(await t.authStatus(k2)).toBe(200);
    expect(second.body.key_transition_expires_at).toBe(new Date(t.clock.now + 30 * MINUTE).toISOString());
    expect(secretRows(id)).toHaveLength(2);

    // The database refuses a third secret whatever the code does.
    expect(() =>
      t.stores.db.prepare('INSERT INTO api_key_secrets (hash, api_key_id, created_at) VALUES (?, ?, ?)').run('x'.repeat(64), id, 'now'),
    ).toThrow(/at most two secrets/);
  });

  it('defaults to 30 minutes and takes no body, or the extra keys SDKs send', async () => {
    const a = await t.serviceKey();
    const none = await t.app.inject({ method: 'POST', url: `/v1/api-keys/${a.id}/rotate`, headers: t.admin });
    expect(none.statusCode).toBe(200);
    expect(none.json().key_transition_expires_at).toBe('2030-01-01T00:30:00.000Z');
    const b = await t.serviceKey();
    const extra = await rotate(b.id, { id: b.id, type: 'workspace', key_transition_period_ms: 1_800_000 });
    expect(extra.status).toBe(200);
  });

  it.each([
    ['below 30 minutes', 1_799_999, /key_transition_period_ms must be >= 1800000/],
    ['zero', 0, /must be >= 1800000/],
    ['a string', '3600000', /must be integer/],
    ['a fraction', 1_800_000.5, /must be integer/],
    ['over a year', 366 * DAY, /at most 31536000000 \(365 days\)/],
  ])('refuses a transition period %s with a 400', async (_, value, pattern) => {
    const { id, key } = await t.serviceKey();
    const res = await rotate(id, { key_transition_period_ms: value });
    expect(res.status).toBe(400);
    expect(res.body.data).toEqual({ errorCode: 'AB01', message: expect.stringMatching(pattern) });
    expect(await t.authStatus(key)).toBe(200);
    expect(secretRows(id)).toHaveLength(1);
  });

  it('refuses a transition as long as the key rotation period', async () => {
    const { id } = await t.serviceKey({ rotation_policy: { rotation_period: 'weekly' } });
    const res = await rotate(id, { key_transition_period_ms: 7 * DAY });
    expect(res.status).toBe(400);
    expect(res.body.data.message).toMatch(/shorter than the rotation period \(7 days\)/);
  });

  it('needs the rotate scope and a key the caller can see; expired keys are not rotated', async () => {
    const narrow = await t.serviceKey({ scopes: ['workspace_service_api_keys.update', 'workspace_service_api_keys.list'] });
    const target = await t.serviceKey();
    const denied = await rotate(target.id, {}, t.as(narrow.key));
    expect(denied.status).toBe(403);
    expect(denied.body.data.message).toMatch(/workspace_service_api_keys\.rotate/);

    const adminKeyId = (await t.call('GET', '/v1/api-keys', t.admin)).body.data.find(
      (k: { type: string }) => k.type === 'organisation-service',
    ).id;
    expect((await rotate(adminKeyId, {}, t.workspace)).status).toBe(403);
    expect((await rotate('no-such-key')).status).toBe(404);

    const shortLived = await t.serviceKey({ expires_at: new Date(START + HOUR).toISOString() });
    t.clock.now += 2 * HOUR;
    const expired = await rotate(shortLived.id);
    expect(expired.status).toBe(400);
    expect(expired.body.data.message).toMatch(/has expired/);
  });

  it('a key with the rotate scope can rotate itself and carry on with the new secret', async () => {
    const self = await t.serviceKey({ scopes: ['workspace_service_api_keys.rotate', 'workspace_service_api_keys.list'] });
    const res = await rotate(self.id, {}, t.as(self.key));
    expect(res.status).toBe(200);
    expect(await t.authStatus(res.body.key)).toBe(200);
  });
});

describe('scheduled rotation', () => {
  it('the worker rotates due keys, moves next_rotation_at on, and keeps the new secret for one reveal', async () => {
    const { id, key: oldKey } = await t.serviceKey({
      rotation_policy: { rotation_period: 'weekly', key_transition_period_ms: 2 * HOUR },
    });
    const before = await t.call('GET', `/v1/api-keys/${id}`, t.admin);
    expect(before.body.rotation_policy).toEqual({
      rotation_period: 'weekly',
      rotation_period_days: null,
      key_transition_period_ms: 2 * HOUR,
      next_rotation_at: '2030-01-07T00:00:00.000Z',
      last_rotated_at: null,
      status: 'active',
    });
    expect(t.tick().rotated).toEqual([]);

    t.clock.now = Date.parse('2030-01-07T00:00:30Z');
    expect(t.tick().rotated).toEqual([id]);
    expect(t.tick().rotated).toEqual([]);
    const after = (await t.call('GET', `/v1/api-keys/${id}`, t.admin)).body;
    expect(after).toMatchObject({
      last_rotated_at: '2030-01-07T00:00:30.000Z',
      key_transition_expires_at: '2030-01-07T02:00:30.000Z',
      rotated_key_available: true,
      rotation_policy: { next_rotation_at: '2030-01-14T00:00:00.000Z', status: 'active' },
    });
    expect(await t.authStatus(oldKey)).toBe(200);

    const revealed = await t.call('POST', `/v1/api-keys/${id}/reveal`, t.admin);
    expect(revealed.status).toBe(200);
    expect(revealed.body).toEqual({
      id,
      key: expect.stringMatching(/^pk-/),
      last_rotated_at: '2030-01-07T00:00:30.000Z',
      key_transition_expires_at: '2030-01-07T02:00:30.000Z',
      object: 'api-key',
    });
    expect(revealed.body.key).not.toBe(oldKey);
    expect(await t.authStatus(revealed.body.key)).toBe(200);
    expect(after.key).toMatch(new RegExp(`${revealed.body.key.slice(-4)}$`));

    // Once only, and nothing readable stays behind.
    const again = await t.call('POST', `/v1/api-keys/${id}/reveal`, t.admin);
    expect(again.status).toBe(404);
    expect(again.body.data.message).toMatch(/shown once/);
    expect((await t.call('GET', `/v1/api-keys/${id}`, t.admin)).body.rotated_key_available).toBe(false);
    expect(JSON.stringify(t.stores.db.prepare('SELECT * FROM api_key_secrets').all())).not.toContain(revealed.body.key);

    t.clock.now = Date.parse('2030-01-07T02:00:30Z');
    expect(await t.authStatus(oldKey)).toBe(401);
    expect(await t.authStatus(revealed.body.key)).toBe(200);
  });

  it('records a scheduled rotation in the audit log, by the appliance, without the secret', async () => {
    const { id } = await t.serviceKey({ rotation_policy: { rotation_period: 'weekly' } });
    t.clock.now = Date.parse('2030-01-07T00:00:30Z');
    expect(t.tick().rotated).toEqual([id]);
    const logged = await t.call('GET', `/v1/audit-logs?resource_id=${id}&action=rotate`, t.admin);
    expect(logged.status).toBe(200);
    expect(logged.body.records).toHaveLength(1);
    const record = logged.body.records[0];
    expect(record).toMatchObject({
      resource_type: 'api_key',
      action: 'rotate',
      response_status_code: 200,
      user_id: null,
      api_key_id: null,
    });
    expect(JSON.parse(record.request_body)).toMatchObject({ rotation_mode: 'auto', key_transition_expires_at: '2030-01-07T00:30:30.000Z' });
    const revealed = await t.call('POST', `/v1/api-keys/${id}/reveal`, t.admin);
    expect(JSON.stringify(logged.body)).not.toContain(revealed.body.key);
  });

  it('the sealed copy is encrypted at rest until revealed', async () => {
    const { id } = await t.serviceKey({ rotation_policy: { rotation_period_days: 1 } });
    t.clock.now = START + DAY;
    t.tick();
    const sealed = t.stores.db
      .prepare<[string], { sealed_secret: string }>('SELECT sealed_secret FROM api_key_secrets WHERE api_key_id = ? AND expires_at IS NULL')
      .get(id)!.sealed_secret;
    expect(sealed).toMatch(/^v1:/);
    const revealed = (await t.call('POST', `/v1/api-keys/${id}/reveal`, t.admin)).body.key as string;
    expect(sealed).not.toContain(revealed.slice(3, 20));
    expect(t.stores.secrets.decrypt(sealed)).toBe(revealed);
  });

  it('a key cannot reveal its own rotated secret, and reveal needs the rotate scope', async () => {
    const self = await t.serviceKey({
      scopes: ['workspace_service_api_keys.rotate', 'workspace_service_api_keys.read', 'workspace_service_api_keys.list'],
      rotation_policy: { rotation_period_days: 3 },
    });
    const reader = await t.serviceKey({ scopes: ['workspace_service_api_keys.read'] });
    t.clock.now = START + 3 * DAY;
    expect(t.tick().rotated).toEqual([self.id]);
    const own = await t.call('POST', `/v1/api-keys/${self.id}/reveal`, t.as(self.key));
    expect(own.status).toBe(403);
    expect(own.body.data.message).toMatch(/cannot reveal its own rotated secret/);
    expect((await t.call('POST', `/v1/api-keys/${self.id}/reveal`, t.as(reader.key))).status).toBe(403);
    expect((await t.call('POST', `/v1/api-keys/${self.id}/reveal`, t.workspace)).status).toBe(200);
  });

  it('a manual rotation supersedes a waiting scheduled secret', async () => {
    const { id } = await t.serviceKey({ rotation_policy: { rotation_period_days: 2 } });
    t.clock.now = START + 2 * DAY;
    t.tick();
    const manual = await rotate(id);
    expect(manual.status).toBe(200);
    expect((await t.call('GET', `/v1/api-keys/${id}`, t.admin)).body).toMatchObject({
      rotated_key_available: false,
      rotation_policy: { next_rotation_at: new Date(START + 4 * DAY).toISOString() },
    });
    expect((await t.call('POST', `/v1/api-keys/${id}/reveal`, t.admin)).status).toBe(404);
  });

  it('a one-off next_rotation_at runs once; policies can be replaced and removed', async () => {
    const { id } = await t.serviceKey({ rotation_policy: { next_rotation_at: '2030-01-03T15:00:00Z' } });
    const policy = async () => (await t.call('GET', `/v1/api-keys/${id}`, t.admin)).body.rotation_policy;
    expect(await policy()).toMatchObject({ next_rotation_at: '2030-01-03T00:00:00.000Z', status: 'active' });
    t.clock.now = Date.parse('2030-01-03T00:00:00Z');
    expect(t.tick().rotated).toEqual([id]);
    expect(await policy()).toMatchObject({ next_rotation_at: null, status: 'inactive', last_rotated_at: '2030-01-03T00:00:00.000Z' });

    expect((await t.call('PUT', `/v1/api-keys/${id}`, t.admin, { rotation_policy: { rotation_period: 'monthly' } })).status).toBe(200);
    expect(await policy()).toMatchObject({
      rotation_period: 'monthly',
      next_rotation_at: '2030-02-01T00:00:00.000Z',
      key_transition_period_ms: 1_800_000,
    });
    expect((await t.call('PUT', `/v1/api-keys/${id}`, t.admin, { rotation_policy: null })).status).toBe(200);
    expect(await policy()).toBeNull();
    t.clock.now = Date.parse('2030-02-02T00:00:00Z');
    expect(t.tick().rotated).toEqual([]);
  });

  it.each([
    ['period and days together', { rotation_period: 'weekly', rotation_period_days: 7 }, /not both/],
    ['no schedule at all', { key_transition_period_ms: 3_600_000 }, /needs rotation_period/],
    ['an unknown period', { rotation_period: 'daily' }, /must be one of/],
    ['days out of range', { rotation_period_days: 0 }, /must be >= 1/],
    ['a transition below 30 minutes', { rotation_period: 'weekly', key_transition_period_ms: 1000 }, /must be >= 1800000/],
    [
      'a transition as long as the period',
      { rotation_period_days: 2, key_transition_period_ms: 2 * DAY },
      /shorter than the rotation period/,
    ],
    ['a past next_rotation_at', { next_rotation_at: '2029-12-31T00:00:00Z' }, /later day than today/],
  ])('refuses a rotation policy with %s, on create and on update', async (_, policy, pattern) => {
    const create = await t.call('POST', '/v1/api-keys/workspace/service', t.admin, {
      name: 'x',
      workspace_id: t.credentials.workspace.id,
      scopes: ['completions.write'],
      rotation_policy: policy,
    });
    expect(create.status).toBe(400);
    expect(create.body.data.message).toMatch(pattern);
    const { id } = await t.serviceKey();
    const update = await t.call('PUT', `/v1/api-keys/${id}`, t.admin, { rotation_policy: policy });
    expect(update.status).toBe(400);
    expect(update.body.data.message).toMatch(pattern);
  });

  it('skips expired keys but moves their schedule on', async () => {
    const { id } = await t.serviceKey({ rotation_policy: { rotation_period_days: 2 }, expires_at: new Date(START + DAY).toISOString() });
    t.clock.now = START + 2 * DAY;
    const pass = t.tick();
    expect(pass.expired).toEqual([id]);
    expect(pass.rotated).toEqual([]);
    expect(pass.skipped).toEqual([{ id, reason: 'expired' }]);
    expect((await t.call('GET', `/v1/api-keys/${id}`, t.admin)).body.rotation_policy.next_rotation_at).toBe(
      new Date(START + 4 * DAY).toISOString(),
    );
  });
});
