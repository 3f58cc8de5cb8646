// Who sets what binds a workspace (issue 12, items 4 and 5), over real HTTP: its limits are set from
// above it, never by its own keys; a security setting it may not override cannot be smuggled in
// through `defaults` on create or update, only set through its settings where the organisation
// opened the section. The gateway side of block_inline_config is in test/gateway/configs.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/testApp.ts';
import { addPerson, signIn } from '../../../test/kits/sessionsTestKit.ts';
import { SCOPES_BY_KEY_TYPE } from '../../identity/scopes.ts';

let t: TestApp;
let ws: string;
let wsKey: Record<string, string>;

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

const LIMITS = {
  usage_limits: [{ credit_limit: 100, type: 'cost', periodic_reset: 'monthly' }],
  rate_limits: [{ type: 'requests', unit: 'rpm', value: 600 }],
};
const usage = () =>
  t.stores.db.prepare<[string], { current_usage: number }>('SELECT current_usage FROM workspaces WHERE id = ?').get(ws)!.current_usage;

beforeAll(async () => {
  t = await startTestApp({ listen: true });
  ws = t.credentials.workspace.id;
  // A workspace key that may edit its own workspace (workspaces.update), as the default key may.
  const res = await http('POST', '/v1/api-keys/workspace/service', t.admin, {
    name: 'editor',
    workspace_id: ws,
    scopes: [...SCOPES_BY_KEY_TYPE['workspace-service']],
  });
  wsKey = { 'x-portkey-api-key': res.body.key as string };
});
afterAll(async () => {
  await t.close();
});

describe('item 5: a workspace does not lift its own limits', () => {
  it.each([
    ['usage_limits', { usage_limits: null }],
    ['rate_limits', { rate_limits: null }],
    ['reset_usage', { reset_usage: true }],
    ['higher limits', { usage_limits: [{ credit_limit: 1_000_000 }], rate_limits: [{ type: 'requests', unit: 'rpm', value: 1e6 }] }],
  ])('its own key with workspaces.update cannot change %s', async (_, change) => {
    expect((await http('PUT', `/v1/admin/workspaces/${ws}`, t.admin, LIMITS)).status).toBe(200);
    t.stores.db.prepare('UPDATE workspaces SET current_usage = 42 WHERE id = ?').run(ws);
    for (const headers of [wsKey, t.workspace]) {
      const res = await http('PUT', `/v1/admin/workspaces/${ws}`, headers, { name: 'Default', ...change });
      expect(res.status).toBe(403);
      expect(res.body.data!.message).toMatch(/own keys cannot change its limits or reset its usage/);
    }
    const after = await http('GET', `/v1/admin/workspaces/${ws}`, t.admin);
    expect(after.body).toMatchObject(LIMITS);
    expect(usage()).toBe(42);
  });

  it('its key still edits the rest of the workspace', async () => {
    const res = await http('PUT', `/v1/admin/workspaces/${ws}`, wsKey, { description: 'edited by its key', metadata: { team: 'a' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ description: 'edited by its key', ...LIMITS });
  });

  it('organisation keys, owners and admins, and the workspace admin set the limits; a manager does not', async () => {
    const admin = await signIn(t, (await addPerson(t, 'oa@example.com', 'admin')).email, 'correct horse battery staple');
    const wsAdmin = await signIn(
      t,
      (await addPerson(t, 'wa@example.com', 'member', [[ws, 'admin']])).email,
      'correct horse battery staple',
    );
    const manager = await signIn(
      t,
      (await addPerson(t, 'mg@example.com', 'member', [[ws, 'manager']])).email,
      'correct horse battery staple',
    );
    expect((await http('PUT', `/v1/admin/workspaces/${ws}`, t.admin, { reset_usage: true })).status).toBe(200);
    expect((await admin.request('PUT', `/v1/admin/workspaces/${ws}`, { rate_limits: [] })).status).toBe(200);
    expect((await wsAdmin.request('PUT', `/v1/admin/workspaces/${ws}`, { usage_limits: [{ credit_limit: 5 }] })).status).toBe(200);
    expect((await manager.request('PUT', `/v1/admin/workspaces/${ws}`, { usage_limits: null })).status).toBe(403);
    expect((await http('GET', `/v1/admin/workspaces/${ws}`, t.admin)).body).toMatchObject({ usage_limits: [{ credit_limit: 5 }] });
  });
});

describe('item 4: a setting the organisation keeps cannot be overridden through defaults', () => {
  const setOrganisation = (change: Record<string, unknown>) => http('PUT', '/v1/admin/organisation/settings', t.admin, change);

  it('refuses block_inline_config in defaults while the section is closed, on update and on create', async () => {
    expect((await setOrganisation({ block_inline_config: true })).status).toBe(200);
    for (const headers of [wsKey, t.admin]) {
      const res = await http('PUT', `/v1/admin/workspaces/${ws}`, headers, { defaults: { block_inline_config: false } });
      expect(res.status).toBe(403);
      expect(res.body.data!.message).toMatch(/does not let workspaces set their own "data_plane_security_settings" settings/);
    }
    const created = await http('POST', '/v1/admin/workspaces', t.admin, { name: 'Sneaky', defaults: { block_inline_config: false } });
    expect(created.status).toBe(403);
    // The same holds for the settings route, and for the overrides table itself.
    expect((await http('PUT', `/v1/admin/workspaces/${ws}/settings`, wsKey, { block_inline_config: false })).status).toBe(403);
    expect(
      (
        await http('PUT', `/v1/admin/workspaces/${ws}`, wsKey, {
          defaults: { workspace_overrides: { data_plane_security_settings: true } },
        })
      ).status,
    ).toBe(403);
    const view = await http('GET', `/v1/admin/workspaces/${ws}`, t.admin);
    expect(view.body.defaults).not.toHaveProperty('block_inline_config');
    expect((await http('GET', `/v1/admin/workspaces/${ws}/settings`, t.admin)).body).toMatchObject({
      effective: { block_inline_config: true },
    });
  });

  it('refuses any security setting in defaults, open section or not, and says where it goes', async () => {
    expect((await setOrganisation({ workspace_overrides: { data_plane_security_settings: true, request_logging: true } })).status).toBe(
      200,
    );
    try {
      for (const name of ['block_inline_config', 'request_logging_mode']) {
        const value = name === 'block_inline_config' ? false : 'metrics-only';
        const res = await http('PUT', `/v1/admin/workspaces/${ws}`, wsKey, { defaults: { [name]: value } });
        expect(res.status).toBe(400);
        expect(res.body.data!.message).toBe(
          `defaults.${name} is a security setting, not a request default: set it with PUT /v1/admin/workspaces/ws-default/settings`,
        );
      }
      // Where the section is open, the settings route is the way, and it counts.
      expect((await http('PUT', `/v1/admin/workspaces/${ws}/settings`, wsKey, { block_inline_config: false })).status).toBe(200);
      expect((await http('GET', `/v1/admin/workspaces/${ws}/settings`, t.admin)).body).toMatchObject({
        effective: { block_inline_config: false },
      });
    } finally {
      await http('PUT', `/v1/admin/workspaces/${ws}/settings`, t.admin, { block_inline_config: null });
      await setOrganisation({
        workspace_overrides: { data_plane_security_settings: false, request_logging: false },
        block_inline_config: null,
      });
    }
  });

  it('still takes request defaults, and null clears a setting stored in defaults before this rule', async () => {
    t.stores.db.prepare('UPDATE workspaces SET defaults = ? WHERE id = ?').run(JSON.stringify({ block_inline_config: false }), ws);
    t.app.services.workspaceCache.invalidate(ws);
    const res = await http('PUT', `/v1/admin/workspaces/${ws}`, wsKey, {
      defaults: { block_inline_config: null, metadata: { team: 'b' } },
    });
    expect(res.status).toBe(200);
    expect(res.body.defaults).toEqual({ metadata: { team: 'b' }, is_default: 1, object: 'workspace' });
  });
});
