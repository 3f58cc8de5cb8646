// Which keys a caller may act on (issue 12, items 1–3 and a key's own limits from item 5), over real
// HTTP against the running app: keys and signed-in people (session cookie + CSRF token) rotating,
// revealing, changing and deleting keys stronger than themselves, and the positive cases beside them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/testApp.ts';
import { type Browser, addPerson, signIn } from '../../../test/kits/sessionsTestKit.ts';
import { SCOPES_BY_KEY_TYPE } from '../../identity/scopes.ts';
import { DAY, START } from '../../../test/kits/apiKeysTestKit.ts';

let t: TestApp;
const clock = { now: START };
let ws: string;
let defaultKeyId: string;
const people: Record<string, { id: string; email: string }> = {};
/** A fresh sign-in: the reveal tests move the clock past session lifetimes. */
const signedIn = (name: string): Promise<Browser> => signIn(t, people[name]!.email, 'correct horse battery staple');

type Reply = { status: number; body: { [k: string]: unknown; data?: { message: string } } };

async function http(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Reply> {
  const res = await fetch(t.url + path, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}
const as = (key: string) => ({ 'x-portkey-api-key': key });

/** A workspace service key made by the admin key (or `by`), in the default workspace. */
async function serviceKey(scopes: readonly string[], extra: Record<string, unknown> = {}, by = t.admin) {
  const res = await http('POST', '/v1/api-keys/workspace/service', by, { name: 'k', workspace_id: ws, scopes, ...extra });
  if (res.status !== 200) throw new Error(`serviceKey: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id as string, key: res.body.key as string };
}

async function userKeyOf(userId: string) {
  const res = await http('POST', '/v1/api-keys/workspace/user', t.admin, {
    name: 'u',
    workspace_id: ws,
    user_id: userId,
    scopes: ['completions.write'],
  });
  if (res.status !== 200) throw new Error(`userKeyOf: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id as string, key: res.body.key as string };
}

const keyView = async (id: string) => (await http('GET', `/v1/api-keys/${id}`, t.admin)).body;

beforeAll(async () => {
  t = await startTestApp({ listen: true, now: () => clock.now });
  ws = t.credentials.workspace.id;
  const list = await http('GET', '/v1/api-keys', t.admin);
  defaultKeyId = (list.body.data as unknown as { id: string; name: string }[]).find((k) => k.name === 'Default workspace key')!.id;
  for (const [name, orgRole, wsRole] of [
    ['orgadmin', 'admin', null],
    ['wsadmin', 'member', 'admin'],
    ['manager', 'member', 'manager'],
    ['member', 'member', 'member'],
  ] as const) {
    const user = await addPerson(t, `${name}@example.com`, orgRole, wsRole ? [[ws, wsRole]] : []);
    people[name] = { id: user.id, email: user.email };
  }
});
afterAll(async () => {
  await t.close();
});

describe('item 1: a key acts only on keys within its own scopes and type', () => {
  const KEY_MANAGER = [
    'workspace_service_api_keys.create',
    'workspace_service_api_keys.read',
    'workspace_service_api_keys.update',
    'workspace_service_api_keys.list',
    'workspace_service_api_keys.rotate',
    'workspace_service_api_keys.delete',
    'completions.write',
  ];

  it("cannot rotate the workspace's default key and so gain scopes it lacks (configs.create)", async () => {
    const manager = await serviceKey(KEY_MANAGER);
    expect((await http('POST', '/v1/configs', as(manager.key), { name: 'x', config: { retry: { attempts: 1 } } })).status).toBe(403);

    const rotated = await http('POST', `/v1/api-keys/${defaultKeyId}/rotate`, as(manager.key), {});
    expect(rotated.status).toBe(403);
    expect(rotated.body.data!.message).toMatch(/rotate this API key: it holds scopes you do not: .*configs\.create/);
    expect(rotated.body.key).toBeUndefined();
    // Nothing happened to the default key: no rotation, its secret still works.
    expect(await keyView(defaultKeyId)).toMatchObject({ last_rotated_at: null, key_transition_expires_at: null });
    expect((await http('GET', '/v1/configs', t.workspace)).status).toBe(200);
  });

  it('cannot change, reset, reveal or delete it either', async () => {
    const manager = await serviceKey(KEY_MANAGER);
    const headers = as(manager.key);
    expect((await http('PUT', `/v1/api-keys/${defaultKeyId}`, headers, { name: 'mine now' })).status).toBe(403);
    expect((await http('PUT', `/v1/api-keys/${defaultKeyId}`, headers, { reset_usage: true })).status).toBe(403);
    expect((await http('POST', `/v1/api-keys/${defaultKeyId}/reveal`, headers)).status).toBe(403);
    expect((await http('DELETE', `/v1/api-keys/${defaultKeyId}`, headers)).status).toBe(403);
    expect(await keyView(defaultKeyId)).toMatchObject({ name: 'Default workspace key', status: 'active' });
  });

  it('still rotates, changes and deletes keys within its scopes, and itself', async () => {
    const manager = await serviceKey(KEY_MANAGER);
    const app = await serviceKey(['completions.write']);
    const rotated = await http('POST', `/v1/api-keys/${app.id}/rotate`, as(manager.key), {});
    expect(rotated.status).toBe(200);
    expect((await http('GET', '/v1/models', as(rotated.body.key as string))).status).not.toBe(401);
    expect((await http('PUT', `/v1/api-keys/${app.id}`, as(manager.key), { name: 'renamed' })).status).toBe(200);
    expect((await http('POST', `/v1/api-keys/${manager.id}/rotate`, as(manager.key), {})).status).toBe(200);
    expect((await http('DELETE', `/v1/api-keys/${app.id}`, as(manager.key))).status).toBe(200);
  });

  it('cannot widen a key it manages, or mint one, beyond its own scopes', async () => {
    const manager = await serviceKey(KEY_MANAGER);
    const app = await serviceKey(['completions.write']);
    const widened = await http('PUT', `/v1/api-keys/${app.id}`, as(manager.key), { scopes: ['completions.write', 'configs.create'] });
    expect(widened.status).toBe(403);
    expect(widened.body.data!.message).toMatch(/configs\.create/);
    const minted = await http('POST', '/v1/api-keys/workspace/service', as(manager.key), { name: 'x', scopes: ['configs.create'] });
    expect(minted.status).toBe(403);
  });

  it('holds across types: a narrow organisation key cannot rotate a workspace key that can do more than it', async () => {
    const narrow = await http('POST', '/v1/api-keys/organisation/service', t.admin, {
      name: 'narrow',
      scopes: ['workspace_service_api_keys.rotate', 'workspace_service_api_keys.read'],
    });
    const res = await http('POST', `/v1/api-keys/${defaultKeyId}/rotate`, as(narrow.body.key as string), {});
    expect(res.status).toBe(403);
    // The full admin key can: it could have created the default key.
    const gateway = await serviceKey(['completions.write']);
    expect((await http('POST', `/v1/api-keys/${gateway.id}/rotate`, t.admin, {})).status).toBe(200);
  });
  it('an invite cannot promise a key beyond the scopes of whoever invites', async () => {
    const narrow = await http('POST', '/v1/api-keys/organisation/service', t.admin, {
      name: 'inviter',
      scopes: ['organisation_users.create', 'workspace_user_api_keys.create'],
    });
    const invite = (email: string, scopes: string[]) =>
      http('POST', '/v1/admin/users/invites', as(narrow.body.key as string), {
        email,
        role: 'member',
        workspaces: [{ id: ws, role: 'member' }],
        workspace_api_key_details: { scopes },
      });
    const beyond = await invite('beyond@example.com', ['completions.write', 'configs.create']);
    expect(beyond.status).toBe(403);
    expect(beyond.body.data!.message).toMatch(/holds scopes you do not: configs\.create/);
    // Gateway keys are what organisation-level callers make workspace keys for.
    expect((await invite('gateway@example.com', ['completions.write'])).status).toBe(200);
  });
});

describe('item 2: people act on no key of someone who outranks them', () => {
  it("a manager cannot rotate, reveal, change or delete an organisation admin's user key", async () => {
    const adminKey = await userKeyOf(people.orgadmin!.id);
    const manager = await signedIn('manager');
    const rotated = await manager.request('POST', `/v1/api-keys/${adminKey.id}/rotate`, {});
    expect(rotated.status).toBe(403);
    expect(rotated.body.data.message).toMatch(/belongs to an organisation owner or admin, who outranks you/);
    expect(rotated.body.key).toBeUndefined();
    expect((await manager.request('POST', `/v1/api-keys/${adminKey.id}/reveal`)).status).toBe(403);
    expect((await manager.request('PUT', `/v1/api-keys/${adminKey.id}`, { name: 'x' })).status).toBe(403);
    expect((await manager.request('DELETE', `/v1/api-keys/${adminKey.id}`)).status).toBe(403);
    expect(await keyView(adminKey.id)).toMatchObject({ last_rotated_at: null, name: 'u' });
  });

  it("nor a workspace admin's, and a workspace admin none of an organisation admin's", async () => {
    const [manager, wsAdmin] = [await signedIn('manager'), await signedIn('wsadmin')];
    const wsAdminKey = await userKeyOf(people.wsadmin!.id);
    expect((await manager.request('POST', `/v1/api-keys/${wsAdminKey.id}/rotate`, {})).status).toBe(403);
    const adminKey = await userKeyOf(people.orgadmin!.id);
    expect((await wsAdmin.request('POST', `/v1/api-keys/${adminKey.id}/rotate`, {})).status).toBe(403);
    expect((await wsAdmin.request('POST', `/v1/api-keys/${wsAdminKey.id}/rotate`, {})).status).toBe(200);
  });

  it("a manager still rotates a member's key, and a minted service key does not lift a manager above their rank", async () => {
    const manager = await signedIn('manager');
    const memberKey = await userKeyOf(people.member!.id);
    expect((await manager.request('POST', `/v1/api-keys/${memberKey.id}/rotate`, {})).status).toBe(200);
    // A workspace service key stands where a manager does: minted by one, it acts on no admin's key
    // and makes nobody a workspace admin.
    const minted = await manager.request('POST', '/v1/api-keys/workspace/service', {
      name: 'through a key',
      workspace_id: ws,
      scopes: ['workspace_user_api_keys.rotate', 'workspace_user_api_keys.read', 'workspace_users.update', 'workspace_users.read'],
    });
    expect(minted.status).toBe(200);
    const adminKey = await userKeyOf(people.orgadmin!.id);
    expect((await http('POST', `/v1/api-keys/${adminKey.id}/rotate`, as(minted.body.key), {})).status).toBe(403);
    const promote = await http('PUT', `/v1/admin/workspaces/${ws}/users/${people.manager!.id}`, as(minted.body.key), { role: 'admin' });
    expect(promote.status).toBe(403);
    expect(promote.body.data!.message).toMatch(/workspace service key stands where a workspace manager does/);
  });
});

describe('item 3: a scheduled secret is revealed only to a caller that could have created the key', () => {
  const ROTATOR = ['workspace_service_api_keys.create', 'workspace_service_api_keys.read', 'workspace_service_api_keys.rotate'];

  async function rotatedOnSchedule(scopes: readonly string[]) {
    const key = await serviceKey(scopes, { rotation_policy: { rotation_period_days: 2 } });
    clock.now += 2 * DAY;
    expect(t.app.services.keyLifecycle.tick().rotated).toContain(key.id);
    return key;
  }

  it('a helper key that a key minted cannot reveal that key, whatever scopes it was given', async () => {
    const a = await rotatedOnSchedule(ROTATOR);
    const helper = await serviceKey(['workspace_service_api_keys.read', 'workspace_service_api_keys.rotate'], {}, as(a.key));
    const twin = await serviceKey(ROTATOR, {}, as(a.key));
    for (const minted of [helper, twin]) {
      const res = await http('POST', `/v1/api-keys/${a.id}/reveal`, as(minted.key));
      expect(res.status).toBe(403);
      expect(res.body.key).toBeUndefined();
    }
    // Nor the key itself.
    expect((await http('POST', `/v1/api-keys/${a.id}/reveal`, as(a.key))).body.data!.message).toMatch(
      /cannot reveal its own rotated secret/,
    );
    // The secret is still waiting for someone who could have created the key.
    expect(await keyView(a.id)).toMatchObject({ rotated_key_available: true });
    const revealed = await http('POST', `/v1/api-keys/${a.id}/reveal`, t.workspace);
    expect(revealed.status).toBe(200);
    expect(typeof revealed.body.key).toBe('string');
  });

  it('needs the create scope of the key family as well as rotate', async () => {
    const a = await rotatedOnSchedule(['completions.write']);
    const rotateOnly = await serviceKey([
      'workspace_service_api_keys.read',
      'workspace_service_api_keys.rotate',
      'completions.write',
      'configs.read',
    ]);
    const res = await http('POST', `/v1/api-keys/${a.id}/reveal`, as(rotateOnly.key));
    expect(res.status).toBe(403);
    expect(res.body.data!.message).toMatch(/workspace_service_api_keys\.create/);
  });

  it("a manager cannot reveal an organisation admin's scheduled secret; an organisation admin can", async () => {
    const owned = await http('POST', '/v1/api-keys/workspace/user', t.admin, {
      name: 'scheduled',
      workspace_id: ws,
      user_id: people.orgadmin!.id,
      scopes: ['completions.write'],
      rotation_policy: { rotation_period_days: 2 },
    });
    clock.now += 2 * DAY;
    expect(t.app.services.keyLifecycle.tick().rotated).toContain(owned.body.id);
    const [manager, orgAdmin] = [await signedIn('manager'), await signedIn('orgadmin')];
    expect((await manager.request('POST', `/v1/api-keys/${owned.body.id}/reveal`)).status).toBe(403);
    expect((await orgAdmin.request('POST', `/v1/api-keys/${owned.body.id}/reveal`)).status).toBe(200);
  });
});

describe("item 5: a key's own limits are set from above it", () => {
  const LIMITS = { usage_limits: { credit_limit: 10, type: 'cost' }, rate_limits: [{ type: 'requests', unit: 'rpm', value: 60 }] };
  const KEY_ADMIN = [...SCOPES_BY_KEY_TYPE['workspace-service']];

  it('a key cannot lift, reset or extend its own limits, lifetime, rotation or defaults', async () => {
    const self = await serviceKey(KEY_ADMIN, { ...LIMITS, expires_at: new Date(START + 300 * DAY).toISOString() });
    for (const change of [
      { usage_limits: null },
      { rate_limits: null },
      { reset_usage: true },
      { expires_at: null },
      { rotation_policy: { rotation_period: 'monthly' } },
      { defaults: { metadata: { team: 'me' } } },
    ]) {
      const res = await http('PUT', `/v1/api-keys/${self.id}`, as(self.key), change);
      expect([JSON.stringify(change), res.status]).toEqual([JSON.stringify(change), 403]);
    }
    expect(await keyView(self.id)).toMatchObject({
      usage_limits: { credit_limit: 10 },
      rate_limits: [{ value: 60 }],
      expires_at: new Date(START + 300 * DAY).toISOString(),
    });
    // Renaming itself is not a limit.
    expect((await http('PUT', `/v1/api-keys/${self.id}`, as(self.key), { name: 'still me' })).status).toBe(200);
  });

  it('nor through a twin it minted; a stronger key or an admin can', async () => {
    const limited = await serviceKey(KEY_ADMIN, LIMITS);
    const twin = await serviceKey(KEY_ADMIN, {}, as(limited.key));
    const lifted = await http('PUT', `/v1/api-keys/${limited.id}`, as(twin.key), { usage_limits: null, rate_limits: null });
    expect(lifted.status).toBe(403);
    expect(lifted.body.data!.message).toMatch(/as strong as your own key/);
    expect((await keyView(limited.id)).usage_limits).toMatchObject({ credit_limit: 10 });

    const narrow = await serviceKey(['completions.write'], LIMITS);
    expect((await http('PUT', `/v1/api-keys/${narrow.id}`, as(limited.key), { usage_limits: null })).status).toBe(200);
    expect((await http('PUT', `/v1/api-keys/${limited.id}`, t.admin, { usage_limits: null, reset_usage: true })).status).toBe(200);
  });

  it("a member cannot lift their own user key's limits; a workspace admin can", async () => {
    t.stores.db
      .prepare('UPDATE organisations SET settings = ?')
      .run(JSON.stringify({ membersManageUserApiKeys: true, membersViewUserApiKeys: true }));
    t.app.services.settings.invalidate();
    try {
      const own = await http('POST', '/v1/api-keys/workspace/user', t.admin, {
        name: 'own',
        workspace_id: ws,
        user_id: people.member!.id,
        scopes: ['completions.write'],
        ...LIMITS,
      });
      const member = await signedIn('member');
      const lift = await member.request('PUT', `/v1/api-keys/${own.body.id}`, { usage_limits: null });
      expect(lift.status).toBe(403);
      expect(lift.body.data.message).toMatch(/your own keys are set by a workspace admin/);
      expect((await member.request('PUT', `/v1/api-keys/${own.body.id}`, { name: 'mine' })).status).toBe(200);
      const wsAdmin = await signedIn('wsadmin');
      expect((await wsAdmin.request('PUT', `/v1/api-keys/${own.body.id}`, { usage_limits: null })).status).toBe(200);
    } finally {
      t.stores.db.prepare('UPDATE organisations SET settings = ?').run('{}');
      t.app.services.settings.invalidate();
    }
  });
});
