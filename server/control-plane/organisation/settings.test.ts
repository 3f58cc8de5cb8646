// The security settings API (spec §3.3) over real HTTP with real sessions and keys: reading with
// defaults, partial writes, refusals that change nothing, who may read and write, workspace
// overrides of opened sections, and the role toggles taking effect on the next request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/testApp.ts';
import { addWorkspace, adminKey, workspaceKey } from '../../../test/kits/catalogTestKit.ts';
import { type Browser, addPerson, signIn } from '../../../test/kits/sessionsTestKit.ts';

let t: TestApp;
let wsB: string;
const people: Record<string, Browser> = {};
const as = (name: string) => people[name]!;
const CONFIG = { retry: { attempts: 2 } };

async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = t.admin) {
  const res = await fetch(t.url + path, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as any };
}
const stored = () => t.stores.db.prepare<[], { settings: string }>('SELECT settings FROM organisations').get()!.settings;
const storedWorkspace = (id: string) =>
  t.stores.db.prepare<[string], { settings: string }>('SELECT settings FROM workspaces WHERE id = ?').get(id)!.settings;

beforeAll(async () => {
  t = await startTestApp({ listen: true });
  const def = t.credentials.workspace.id;
  wsB = addWorkspace(t, 'ws-b').id;
  const cast: [string, 'owner' | 'admin' | 'member', [string, 'admin' | 'manager' | 'member'][]][] = [
    ['olive', 'owner', []],
    ['adam', 'admin', []],
    ['mia', 'member', [[def, 'manager']]],
    ['max', 'member', [[def, 'member']]],
    ['wanda', 'member', [[wsB, 'admin']]],
  ];
  for (const [name, role, workspaces] of cast) {
    const user = await addPerson(t, `${name}@example.com`, role, workspaces);
    people[name] = await signIn(t, user.email, 'correct horse battery staple');
  }
});
afterAll(async () => {
  await t.close();
});

describe('GET /v1/admin/organisation/settings', () => {
  it('shows every setting with its default, and no section opened to workspaces', async () => {
    const res = await api('GET', '/v1/admin/organisation/settings');
    expect(res.status).toBe(200);
    expect(res.body.object).toBe('organisation_settings');
    expect(res.body.settings).toMatchObject({
      managersWriteConfigs: true,
      membersWriteConfigs: false,
      membersViewAllData: true,
      request_logging_mode: 'full',
      user_api_key_max_ttl: null,
      export_settings: { deniedFields: [] },
    });
    expect(Object.values(res.body.workspace_overrides).every((open) => open === false)).toBe(true);
    expect(res.body.workspace_overrides).not.toHaveProperty('session_settings');
    expect(res.body.sections.data_visibility).toEqual(['membersViewAllData', 'managersViewAllData']);
  });

  it('answers under the American spelling too', async () => {
    const res = await api('GET', '/v1/admin/organization/settings');
    expect(res.status).toBe(200);
    expect(res.body.settings.managersWriteConfigs).toBe(true);
  });
});

describe('PUT /v1/admin/organisation/settings', () => {
  afterAll(async () => {
    await api('PUT', '/v1/admin/organisation/settings', { user_api_key_max_ttl: null, membersViewAnalytics: null });
  });

  it('changes only the settings it names, and null puts one back to its default', async () => {
    const res = await api('PUT', '/v1/admin/organisation/settings', { user_api_key_max_ttl: 86_400, membersViewAnalytics: false });
    expect(res.status).toBe(200);
    expect(res.body.settings).toMatchObject({ user_api_key_max_ttl: 86_400, membersViewAnalytics: false, managersViewAnalytics: true });
    expect(JSON.parse(stored())).toEqual({ user_api_key_max_ttl: 86_400, membersViewAnalytics: false });

    const reset = await api('PUT', '/v1/admin/organization/settings', { membersViewAnalytics: null });
    expect(reset.body.settings.membersViewAnalytics).toBe(true);
    expect(JSON.parse(stored())).toEqual({ user_api_key_max_ttl: 86_400 });
  });

  it.each([
    [{ managersWriteConfig: false }, /Unknown setting "managersWriteConfig": did you mean "managersWriteConfigs"\?/],
    [{ membersViewAllData: 'no' }, /Setting "membersViewAllData" must be true or false \(got "no"\)/],
    [{ user_api_key_max_ttl: -5 }, /Setting "user_api_key_max_ttl" must be a whole number above 0/],
    [{ request_logging_mode: 'none' }, /"full" or "metrics-only"/],
    [{ session_settings: { max_session_ttl: 60 } }, /max_session_ttl" must be a whole number of seconds, at least 900/],
    [
      { workspace_overrides: { session_settings: true } },
      /"workspace_overrides.session_settings" is not a section workspaces can override/,
    ],
    [{ export_settings: { deniedFields: 'request' } }, /deniedFields: a list of field names/],
  ])('refuses %j with a 400 that names the setting, and stores nothing of the body', async (bad, message) => {
    const before = stored();
    // A valid setting first in the same body: the whole change is refused, not half applied.
    const res = await api('PUT', '/v1/admin/organisation/settings', { managersViewLogs: false, ...bad });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ success: false, data: { errorCode: 'AB01', message: expect.stringMatching(message) } });
    expect(stored()).toBe(before);
  });

  it('refuses a body that is not a JSON object', async () => {
    const before = stored();
    expect((await api('PUT', '/v1/admin/organisation/settings', '{"managersViewLogs": fal')).status).toBe(400);
    expect((await api('PUT', '/v1/admin/organisation/settings', [{ managersViewLogs: false }])).status).toBe(400);
    expect(stored()).toBe(before);
  });
});

describe('who may read and write the organisation settings', () => {
  it('owners and admins by session; not managers, members, or workspace keys', async () => {
    for (const [name, code] of [
      ['olive', 200],
      ['adam', 200],
      ['mia', 403],
      ['max', 403],
      ['wanda', 403],
    ] as const) {
      expect([name, (await as(name).request('GET', '/v1/admin/organisation/settings')).status]).toEqual([name, code]);
      expect([name, (await as(name).request('PUT', '/v1/admin/organisation/settings', { managersViewLogs: true })).status]).toEqual([
        name,
        code,
      ]);
    }
    const ws = await workspaceKey(t, t.credentials.workspace.id);
    expect((await api('GET', '/v1/admin/organisation/settings', undefined, ws)).status).toBe(403);
  });

  it('admin keys by their exact scopes: read does not imply update', async () => {
    const reader = await adminKey(t, ['organisation_settings.read']);
    expect((await api('GET', '/v1/admin/organisation/settings', undefined, reader)).status).toBe(200);
    const res = await api('PUT', '/v1/admin/organisation/settings', { managersViewLogs: false }, reader);
    expect([res.status, res.body.data.message]).toEqual([403, expect.stringMatching(/organisation_settings\.update/)]);
  });
});

describe('workspace settings', () => {
  afterAll(async () => {
    await api('PUT', '/v1/admin/organisation/settings', { workspace_overrides: { configs: false } });
  });

  it("refuses a workspace's own value for a section the organisation has not opened, naming it", async () => {
    const res = await as('wanda').request('PUT', '/v1/admin/workspaces/ws-b/settings', { managersWriteConfigs: false });
    expect(res.status).toBe(403);
    expect(res.body.data.message).toMatch(/does not let workspaces set their own "configs" settings.*workspace_overrides\.configs: true/);
    expect(storedWorkspace(wsB)).toBe('{}');
  });

  it('lets a workspace admin set values for an opened section, for that workspace only', async () => {
    expect((await api('PUT', '/v1/admin/organisation/settings', { workspace_overrides: { configs: true } })).status).toBe(200);
    const res = await as('wanda').request('PUT', '/v1/admin/workspaces/ws-b/settings', { membersWriteConfigs: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      object: 'workspace_settings',
      workspace_id: wsB,
      overridable: ['configs'],
      settings: { membersWriteConfigs: true },
      effective: { membersWriteConfigs: true, managersWriteConfigs: true },
    });
    // Still closed: data_visibility. Not at all a workspace's: workspace_overrides.
    expect((await as('wanda').request('PUT', '/v1/admin/workspaces/ws-b/settings', { membersViewAllData: false })).status).toBe(403);
    expect(
      (await as('wanda').request('PUT', '/v1/admin/workspaces/ws-b/settings', { workspace_overrides: { configs: true } })).status,
    ).toBe(403);
    // Another workspace's settings are not hers; a manager cannot edit even his own workspace's.
    expect((await as('wanda').request('PUT', '/v1/admin/workspaces/ws-default/settings', { membersWriteConfigs: true })).status).toBe(403);
    expect((await as('mia').request('PUT', '/v1/admin/workspaces/ws-default/settings', { membersWriteConfigs: true })).status).toBe(403);
    expect((await as('mia').request('GET', '/v1/admin/workspaces/ws-default/settings')).body.effective.membersWriteConfigs).toBe(false);
    expect((await api('GET', '/v1/admin/workspaces/no-such-workspace/settings')).status).toBe(404);
  });
});

describe('the role toggles take effect on the next request', () => {
  const config = (name: string, workspace = 'ws-default') =>
    as(name).request('POST', '/v1/configs', { name: `${name} ${Math.random()}`, config: CONFIG, workspace_id: workspace });
  afterAll(async () => {
    await api('PUT', '/v1/admin/organisation/settings', {
      managersWriteConfigs: null,
      membersWriteConfigs: null,
      organisationAdminsViewLogs: null,
    });
  });

  it('managersWriteConfigs: false stops managers writing configs, not workspace admins', async () => {
    expect((await config('mia')).status).toBe(200);
    expect((await api('PUT', '/v1/admin/organisation/settings', { managersWriteConfigs: false })).status).toBe(200);
    const refused = await config('mia');
    expect([refused.status, refused.body.data.message]).toEqual([403, expect.stringMatching(/configs\.create/)]);
    expect((await as('mia').request('GET', '/v1/configs')).status).toBe(200);
    expect((await config('wanda', 'ws-b')).status).toBe(200);
  });

  it('membersWriteConfigs: true lets members write configs', async () => {
    expect((await config('max')).status).toBe(403);
    expect((await api('PUT', '/v1/admin/organisation/settings', { membersWriteConfigs: true })).status).toBe(200);
    expect((await config('max')).status).toBe(200);
  });

  it('organisationAdminsViewLogs: false hides logs from admins, never from owners', async () => {
    expect((await as('adam').request('GET', '/v1/logs')).status).toBe(200);
    expect((await api('PUT', '/v1/admin/organisation/settings', { organisationAdminsViewLogs: false })).status).toBe(200);
    expect((await as('adam').request('GET', '/v1/logs')).status).toBe(403);
    expect((await as('olive').request('GET', '/v1/logs')).status).toBe(200);
  });
});

describe('audit log', () => {
  it('records settings writes as organisation and workspace updates, with who made them', async () => {
    t.app.services.audit.flush();
    const rows = t.stores.db
      .prepare<[], { resource_type: string; action: string; path: string; response_status_code: number }>(
        "SELECT resource_type, action, uri AS path, response_status_code FROM audit_logs WHERE uri LIKE '%/settings' ORDER BY seq",
      )
      .all();
    expect(rows.length).toBeGreaterThan(5);
    expect(rows).toContainEqual(
      expect.objectContaining({
        resource_type: 'organisation',
        action: 'update',
        path: '/v1/admin/organisation/settings',
        response_status_code: 200,
      }),
    );
    expect(rows).toContainEqual(expect.objectContaining({ path: '/v1/admin/workspaces/ws-b/settings', response_status_code: 200 }));
    expect(rows).toContainEqual(expect.objectContaining({ path: '/v1/admin/workspaces/ws-b/settings', response_status_code: 403 }));
  });
});

describe('export settings', () => {
  afterAll(async () => {
    await api('PUT', '/v1/admin/organisation/settings', { export_settings: null });
  });

  it('keeps denied fields out of exports, from the draft and from a draft saved before the change', async () => {
    const ws = await workspaceKey(t, t.credentials.workspace.id);
    const before = await api('POST', '/v1/logs/exports', { filters: {}, requested_data: ['id', 'request'] }, ws);
    expect(before.status).toBe(200);

    const unknown = await api('PUT', '/v1/admin/organisation/settings', { export_settings: { deniedFields: ['requests'] } });
    expect([unknown.status, unknown.body.data.message]).toEqual([
      400,
      expect.stringMatching(/export_settings.deniedFields" must be a list of export fields/),
    ]);
    expect(
      (await api('PUT', '/v1/admin/organisation/settings', { export_settings: { deniedFields: ['request', 'response'] } })).status,
    ).toBe(200);

    const refused = await api('POST', '/v1/logs/exports', { filters: {}, requested_data: ['id', 'request'] }, ws);
    expect([refused.status, refused.body.data.message]).toEqual([400, expect.stringMatching(/do not allow exporting "request"/)]);
    expect((await api('POST', '/v1/logs/exports', { filters: {}, requested_data: ['id', 'cost'] }, ws)).status).toBe(200);
    // An owner's export names the owner, not the session.
    const byOwner = await as('olive').request('POST', '/v1/logs/exports', {
      workspace_id: 'ws-default',
      filters: {},
      requested_data: ['id'],
    });
    expect(byOwner.status).toBe(200);
    const self = (await as('olive').request('GET', '/v1/auth/self')).body;
    expect((await api('GET', `/v1/logs/exports/${byOwner.body.id}`)).body.created_by).toBe(self.user.id);
    const start = await api('POST', `/v1/logs/exports/${before.body.id}/start`, undefined, ws);
    expect([start.status, start.body.data.message]).toEqual([403, expect.stringMatching(/do not allow exporting "request"/)]);
  });
});

describe("members' own user keys", () => {
  const newKey = (name: string, userId: string) =>
    as(name).request('POST', '/v1/api-keys/workspace/user', {
      name: `${name}'s key`,
      workspace_id: 'ws-default',
      user_id: userId,
      scopes: ['completions.write'],
    });
  const idOf = async (email: string) =>
    ((await api('GET', '/v1/admin/users?pageSize=100')).body.data as { id: string; email: string }[]).find((u) => u.email === email)!.id;
  afterAll(async () => {
    await api('PUT', '/v1/admin/organisation/settings', { membersViewUserApiKeys: null, membersManageUserApiKeys: null });
  });

  it('are out of reach by default, and with the settings on members see and manage only their own', async () => {
    const max = await idOf('max@example.com');
    const mia = await idOf('mia@example.com');
    expect((await newKey('max', max)).status).toBe(403);
    expect((await as('max').request('GET', '/v1/api-keys')).status).toBe(403);
    const theirs = await newKey('mia', mia);
    expect(theirs.status).toBe(200);

    const on = await api('PUT', '/v1/admin/organisation/settings', { membersViewUserApiKeys: true, membersManageUserApiKeys: true });
    expect(on.status).toBe(200);
    const mine = await newKey('max', max);
    expect(mine.status).toBe(200);
    const forSomeoneElse = await newKey('max', mia);
    expect([forSomeoneElse.status, forSomeoneElse.body.data.message]).toEqual([403, expect.stringMatching(/only for themselves/)]);

    const listed = await as('max').request('GET', '/v1/api-keys');
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((k: { id: string }) => k.id)).toEqual([mine.body.id]);
    expect((await as('max').request('GET', `/v1/api-keys/${theirs.body.id}`)).status).toBe(404);
    expect((await as('max').request('DELETE', `/v1/api-keys/${theirs.body.id}`)).status).toBe(404);
    expect((await as('max').request('POST', `/v1/api-keys/${mine.body.id}/rotate`, {})).status).toBe(200);
    // Service keys stay out of reach: members hold no workspace_service_api_keys scope.
    expect(
      (await as('max').request('POST', '/v1/api-keys/workspace/service', { name: 's', workspace_id: 'ws-default', scopes: [] })).status,
    ).toBe(403);
  });
});

describe('metadata schemas', () => {
  const TEAM = { type: 'object', required: ['team'], properties: { team: { type: 'string', enum: ['ml', 'web'] } } };
  afterAll(async () => {
    await api('PUT', '/v1/admin/organisation/settings', { api_key_metadata_schema: null, workspace_metadata_schema: null });
  });

  it('refuses a schema that cannot be used, and stores nothing', async () => {
    const before = stored();
    const bad = await api('PUT', '/v1/admin/organisation/settings', {
      api_key_metadata_schema: { type: 'object', properties: { a: { type: 'text' } } },
    });
    expect([bad.status, bad.body.data.message]).toEqual([
      400,
      expect.stringMatching(/api_key_metadata_schema" is not a usable JSON schema/),
    ]);
    expect(stored()).toBe(before);
  });

  it("hold new and changed API keys' defaults.metadata and workspaces' metadata to the schemas", async () => {
    expect(
      (await api('PUT', '/v1/admin/organisation/settings', { api_key_metadata_schema: TEAM, workspace_metadata_schema: TEAM })).status,
    ).toBe(200);
    const key = (metadata?: Record<string, string>) =>
      api('POST', '/v1/api-keys/workspace/service', {
        name: 'k',
        workspace_id: 'ws-default',
        scopes: ['completions.write'],
        ...(metadata ? { defaults: { metadata } } : {}),
      });
    const missing = await key();
    expect([missing.status, missing.body.data.message]).toEqual([
      400,
      expect.stringMatching(/defaults.metadata must have required property 'team'.*api_key_metadata_schema/),
    ]);
    const wrong = await key({ team: 'finance' });
    expect([wrong.status, wrong.body.data.message]).toEqual([
      400,
      expect.stringMatching(/defaults.metadata.team must be equal to one of the allowed values/),
    ]);
    const ok = await key({ team: 'ml' });
    expect(ok.status).toBe(200);
    expect((await api('PUT', `/v1/api-keys/${ok.body.id}`, { defaults: { metadata: {} } })).status).toBe(400);
    expect((await api('PUT', `/v1/api-keys/${ok.body.id}`, { name: 'renamed' })).status).toBe(200);

    expect((await api('POST', '/v1/admin/workspaces', { name: 'No team' })).status).toBe(400);
    const ws = await api('POST', '/v1/admin/workspaces', { name: 'Team web', metadata: { team: 'web' } });
    expect(ws.status).toBe(200);
    expect((await api('PUT', `/v1/admin/workspaces/${ws.body.id}`, { metadata: { team: 'ops' } })).status).toBe(400);
    expect((await api('GET', `/v1/admin/workspaces/${ws.body.id}`)).body.metadata).toEqual({ team: 'web' });
  });
});
