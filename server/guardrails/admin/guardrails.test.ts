// The guardrails Admin API on a real app: create, list, read (by slug or id), update (a new
// version each time), delete; organisation vs workspace level and who may touch which; the
// organisation defaults; bad definitions refused with the JSON path; webhook headers never shown;
// the security settings that gate managers and members; the portkey-ai SDK as a client; and
// GUARDRAILS_ENABLED=OFF.
import { Portkey } from 'portkey-ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/testApp.ts';
import { addWorkspace, call, expectAdminError, workspaceKey, type Reply } from '../../../test/kits/catalogTestKit.ts';
import { addPerson, setOrganisationSettings, signIn } from '../../../test/kits/sessionsTestKit.ts';

let t: TestApp;
let wsId: string;

beforeAll(async () => {
  t = await startTestApp({ listen: true });
  wsId = t.credentials.workspace.id;
});
afterAll(() => t.close());

const ok = (res: Reply) => {
  expect(res.status, res.text).toBe(200);
  return res.body;
};
const words = (maxWords: number) => [{ id: 'default.wordCount', parameters: { maxWords } }];

describe('create, read, update, delete', () => {
  it('creates a workspace guardrail and reads it back by id and by slug', async () => {
    const created = ok(
      await call(t, 'POST', '/v1/guardrails', t.workspace, { name: 'Short prompts', checks: words(50), actions: { deny: true } }),
    );
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      slug: expect.stringMatching(/^guard_short-prompts-[0-9a-f]{6}$/),
      version_id: expect.any(String),
      object: 'guardrail',
    });
    const byId = ok(await call(t, 'GET', `/v1/guardrails/${created.id}`, t.workspace));
    expect(ok(await call(t, 'GET', `/v1/guardrails/${created.slug}`, t.workspace))).toEqual(byId);
    expect(byId).toMatchObject({
      name: 'Short prompts',
      workspace_id: wsId,
      status: 'active',
      checks: [{ id: 'default.wordCount', parameters: { maxWords: 50 } }],
      actions: { deny: true, async: false, on_success: { feedback: null }, on_fail: { feedback: null } },
      version_id: created.version_id,
      version: 1,
    });
  });

  it('each update is a new version; the slug stays', async () => {
    const g = ok(await call(t, 'POST', '/v1/guardrails', t.admin, { name: 'v', workspace_id: wsId, checks: words(5) }));
    const u1 = ok(await call(t, 'PUT', `/v1/guardrails/${g.slug}`, t.admin, { checks: words(6) }));
    const u2 = ok(await call(t, 'PUT', `/v1/guardrails/${g.id}`, t.admin, { name: 'renamed', actions: { deny: true } }));
    expect(new Set([g.version_id, u1.version_id, u2.version_id]).size).toBe(3);
    expect(u2.slug).toBe(g.slug);
    expect(ok(await call(t, 'GET', `/v1/guardrails/${g.id}`, t.admin))).toMatchObject({
      name: 'renamed',
      version: 3,
      version_id: u2.version_id,
      checks: words(6),
      actions: { deny: true },
    });
    expectAdminError(await call(t, 'PUT', `/v1/guardrails/${g.id}`, t.admin, {}), 400, 'AB01', /Nothing to update/);
  });

  it('deletes; a deleted guardrail is gone', async () => {
    const g = ok(await call(t, 'POST', '/v1/guardrails', t.workspace, { name: 'temp', checks: words(5) }));
    ok(await call(t, 'DELETE', `/v1/guardrails/${g.slug}`, t.workspace, { guardrail_id: g.slug }));
    expectAdminError(await call(t, 'GET', `/v1/guardrails/${g.id}`, t.workspace), 404, 'AB08', /not found/);
  });

  it('refuses bad definitions with the path at fault', async () => {
    const post = (body: Record<string, unknown>) => call(t, 'POST', '/v1/guardrails', t.workspace, { name: 'bad', ...body });
    expectAdminError(await post({ checks: [] }), 400, 'AB01', /checks must be a list of at least one check/);
    expectAdminError(await post({ checks: [{ id: 'default.nope' }] }), 400, 'AB01', /default.nope is not a check this appliance knows/);
    expectAdminError(await post({ checks: [{ id: 'portkey.moderateContent' }] }), 400, 'AB01', /cannot reach: use default.llmJudge/);
    expectAdminError(
      await post({ checks: [{ id: 'default.regexMatch', parameters: { rule: '(a+)+' } }] }),
      400,
      'AB01',
      /checks\[0\]\.parameters\.rule/,
    );
    expectAdminError(await post({ checks: words(5), actions: { deny: 'yes' } }), 400, 'AB01', /actions.deny must be true or false/);
    expectAdminError(await post({ checks: words(5), actions: { onFail: 'block' } }), 400, 'AB01', /unknown key "onFail"/);
    const res = await post({ checks: [{ id: 'default.webhook', parameters: { webhookURL: 'http://169.254.169.254/' } }] });
    expect(res.status).toBe(400);
    expect(res.body.data.message).toMatch(/metadata/i);
  });

  it('never shows webhook header values, and keeps them when they come back masked', async () => {
    const g = ok(
      await call(t, 'POST', '/v1/guardrails', t.workspace, {
        name: 'hook',
        checks: [
          { id: 'default.webhook', parameters: { webhookURL: 'http://127.0.0.1:9/check', headers: { authorization: 'Bearer s3cret' } } },
        ],
      }),
    );
    const shown = ok(await call(t, 'GET', `/v1/guardrails/${g.id}`, t.workspace));
    expect(JSON.stringify(shown)).not.toContain('s3cret');
    ok(await call(t, 'PUT', `/v1/guardrails/${g.id}`, t.workspace, { name: 'hook 2', checks: shown.checks }));
    const row = t.stores.db
      .prepare('SELECT checks FROM guardrail_versions WHERE guardrail_id = ? ORDER BY version DESC LIMIT 1')
      .get(g.id) as { checks: string };
    expect(row.checks).toContain('Bearer s3cret');
  });
});

describe('levels and reach', () => {
  it('organisation guardrails need organisation_guardrails.*; workspaces read them but cannot change them', async () => {
    const org = ok(await call(t, 'POST', '/v1/guardrails', t.admin, { name: 'org wide', checks: words(100) }));
    expect(ok(await call(t, 'GET', `/v1/guardrails/${org.id}`, t.admin)).workspace_id).toBeNull();
    expect(ok(await call(t, 'GET', `/v1/guardrails/${org.id}`, t.workspace)).name).toBe('org wide');
    expectAdminError(
      await call(t, 'PUT', `/v1/guardrails/${org.id}`, t.workspace, { name: 'x' }),
      403,
      'AB03',
      /organisation_guardrails.update|organisation level/,
    );
    expectAdminError(await call(t, 'DELETE', `/v1/guardrails/${org.id}`, t.workspace), 403, 'AB03', /organisation/);
    const listed = ok(await call(t, 'GET', '/v1/guardrails', t.workspace));
    expect(listed.data.map((g: { id: string }) => g.id)).toContain(org.id);
    const orgId = t.credentials.organisation_id;
    expectAdminError(
      await call(t, 'POST', '/v1/guardrails', t.workspace, { name: 'x', organisation_id: orgId, checks: words(5) }),
      403,
      'AB03',
      /organisation level/,
    );
  });

  it("a workspace key cannot reach another workspace's guardrail", async () => {
    const other = addWorkspace(t, 'ws-guard-other');
    const theirs = ok(await call(t, 'POST', '/v1/guardrails', t.admin, { name: 'theirs', workspace_id: other.id, checks: words(5) }));
    expectAdminError(await call(t, 'GET', `/v1/guardrails/${theirs.id}`, t.workspace), 403, 'AB03', /another workspace/);
    expectAdminError(
      await call(t, 'POST', '/v1/guardrails', t.workspace, { name: 'x', workspace_id: other.id, checks: words(5) }),
      403,
      'AB03',
      /another workspace/,
    );
    const mine = ok(await call(t, 'GET', '/v1/guardrails', t.workspace));
    expect(mine.data.map((g: { id: string }) => g.id)).not.toContain(theirs.id);
    const onlyOther = ok(await call(t, 'GET', `/v1/guardrails?workspace_id=${other.slug}`, t.admin));
    expect(onlyOther.data.map((g: { id: string }) => g.id)).toEqual([theirs.id]);
  });

  it('a key without the scope is refused', async () => {
    const readOnly = await workspaceKey(t, wsId, ['guardrails.list', 'guardrails.read']);
    expectAdminError(await call(t, 'POST', '/v1/guardrails', readOnly, { name: 'x', checks: words(5) }), 403, 'AB03', /guardrails.create/);
    ok(await call(t, 'GET', '/v1/guardrails', readOnly));
  });
});

describe('organisation defaults', () => {
  it('reads and writes input and output guardrails, under both spellings', async () => {
    const g = ok(await call(t, 'POST', '/v1/guardrails', t.admin, { name: 'default me', checks: words(100) }));
    const put = ok(await call(t, 'PUT', '/v1/admin/organization/defaults', t.admin, { input_guardrails: [g.id] }));
    expect(put).toMatchObject({ object: 'organisation_defaults', input_guardrails: [g.slug], output_guardrails: [] });
    expect(ok(await call(t, 'GET', '/v1/admin/organisation/defaults', t.admin))).toMatchObject({ input_guardrails: [g.slug] });
    expectAdminError(
      await call(t, 'PUT', '/v1/admin/organisation/defaults', t.workspace, { input_guardrails: [] }),
      403,
      'AB03',
      /organisation_settings.update/,
    );
    ok(await call(t, 'PUT', '/v1/admin/organisation/defaults', t.admin, { input_guardrails: [] }));
  });
});

describe('saved configs', () => {
  it('are checked when saved: inline guardrails compile, named ones exist in the workspace', async () => {
    const post = (config: unknown) => call(t, 'POST', '/v1/configs', t.workspace, { name: 'guarded', config });
    const g = ok(await call(t, 'POST', '/v1/guardrails', t.workspace, { name: 'for configs', checks: words(5) }));
    ok(await post({ provider: '@x', input_guardrails: [g.slug, { 'default.wordCount': { maxWords: 3 } }] }));
    expectAdminError(
      await post({
        strategy: { mode: 'single' },
        targets: [{ provider: '@x', output_guardrails: [{ 'default.jsonKeys': { keys: [] } }] }],
      }),
      400,
      'AB01',
      /config.targets\[0\].output_guardrails\[0\].checks\[0\].parameters/,
    );
    expectAdminError(
      await post({ provider: '@x', input_guardrails: ['guard_missing-000000'] }),
      400,
      'AB01',
      /config.input_guardrails\[0\]: guardrail "guard_missing-000000" was not found/,
    );
    expectAdminError(
      await post({ provider: '@x', output_guardrails: [{ 'default.modelWhitelist': { models: ['x'] } }] }),
      400,
      'AB01',
      /runs only on requests/,
    );
  });
});

describe('security settings', () => {
  it('managersWriteGuardrails off takes creating away from managers; managersViewGuardrails off, reading', async () => {
    const manager = await addPerson(t, 'guard-manager@example.com', 'member', [[wsId, 'manager']]);
    const browser = await signIn(t, manager.email, 'correct horse battery staple');
    const body = { name: 'by a manager', workspace_id: wsId, checks: words(5) };
    expect((await browser.request('POST', '/v1/guardrails', body)).status).toBe(200);
    setOrganisationSettings(t, { managersWriteGuardrails: false });
    expect((await browser.request('POST', '/v1/guardrails', body)).status).toBe(403);
    expect((await browser.request('GET', '/v1/guardrails')).status).toBe(200);
    setOrganisationSettings(t, { managersViewGuardrails: false, managersWriteGuardrails: false });
    expect((await browser.request('GET', '/v1/guardrails')).status).toBe(403);
    setOrganisationSettings(t, {});
  });

  it('membersViewGuardrails off hides guardrails from members', async () => {
    const member = await addPerson(t, 'guard-member@example.com', 'member', [[wsId, 'member']]);
    const browser = await signIn(t, member.email, 'correct horse battery staple');
    expect((await browser.request('GET', '/v1/guardrails')).status).toBe(200);
    expect((await browser.request('POST', '/v1/guardrails', { name: 'x', workspace_id: wsId, checks: words(5) })).status).toBe(403);
    setOrganisationSettings(t, { membersViewGuardrails: false });
    expect((await browser.request('GET', '/v1/guardrails')).status).toBe(403);
    setOrganisationSettings(t, {});
  });
});

describe('the portkey-ai SDK', () => {
  it('creates, lists, retrieves, updates and deletes', async () => {
    const portkey = new Portkey({ baseURL: `${t.url}/v1`, apiKey: t.credentials.workspace_api_key });
    const created = await portkey.guardrails.create({
      name: 'sdk guardrail',
      checks: [{ id: 'default.regexMatch', parameters: { rule: 'hello' } }],
      actions: {
        deny: true,
        async: false,
        on_success: { feedback: { value: 5, weight: 1, metadata: '' } },
        on_fail: { feedback: { value: -5, weight: 1, metadata: '' } },
      },
    });
    expect(created.slug).toMatch(/^guard_sdk-guardrail-/);
    const list = await portkey.guardrails.list({ workspace_id: wsId });
    expect(list.data.map((g) => g.slug)).toContain(created.slug);
    const got = await portkey.guardrails.retrieve({ guardrail_id: created.slug });
    expect(got.actions.on_fail.feedback).toEqual({ value: -5, weight: 1, metadata: '' });
    const updated = await portkey.guardrails.update({ guardrail_id: created.id, name: 'sdk renamed' });
    expect(updated.version_id).not.toBe(created.version_id);
    await portkey.guardrails.delete({ guardrail_id: created.id });
    const gone = await call(t, 'GET', `/v1/guardrails/${created.id}`, t.workspace);
    expect(gone.status).toBe(404);
  });
});

describe('GUARDRAILS_ENABLED=OFF', () => {
  it('answers the guardrail routes with 403', async () => {
    const off = await startTestApp({ env: { GUARDRAILS_ENABLED: 'OFF' } });
    try {
      expectAdminError(await call(off, 'GET', '/v1/guardrails', off.admin), 403, 'AB03', /GUARDRAILS_ENABLED=OFF/);
      expectAdminError(await call(off, 'POST', '/v1/guardrails', off.admin, { name: 'x', checks: words(1) }), 403, 'AB03', /turned off/);
      expectAdminError(await call(off, 'GET', '/v1/admin/organisation/defaults', off.admin), 403, 'AB03', /turned off/);
    } finally {
      await off.close();
    }
  });
});
