// Who may do what in the catalog (spec §3.2 scopes): organisation integrations are managed with
// admin keys holding organisation_integrations.*, workspace ones with workspace_integrations.*,
// providers with providers.*, legacy virtual keys with virtual_keys.*. Refusals are 403 AB03 and write nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/testApp.ts';
import {
  addWorkspace,
  adminKey,
  call,
  catalogCounts,
  expectAdminError,
  workspaceKey,
  type Reply,
} from '../../../test/kits/catalogTestKit.ts';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
  ok(
    await call(t, 'POST', '/v1/integrations', t.admin, {
      name: 'Org OpenAI',
      slug: 'org-openai',
      ai_provider_id: 'openai',
      key: 'sk-org-000000000000000',
    }),
  );
  ok(
    await call(t, 'PUT', '/v1/integrations/org-openai/workspaces', t.admin, {
      workspaces: [{ id: t.credentials.workspace.id, enabled: true }],
    }),
  );
  ok(await call(t, 'POST', '/v1/integrations', t.workspace, { name: 'Team', slug: 'team', ai_provider_id: 'openai' }));
});
afterEach(async () => {
  await t.close();
});

function ok(res: Reply) {
  expect(res.status, res.text).toBe(200);
  return res.body;
}

const lacks = (scope: string) => `You do not have enough permissions to execute this request (this API key lacks the "${scope}" scope)`;

describe('workspace keys', () => {
  it('get 403 naming the scope they lack, and the refused write leaves no row', async () => {
    const readOnly = await workspaceKey(t, t.credentials.workspace.id, [
      'providers.list',
      'providers.read',
      'workspace_integrations.list',
      'workspace_integrations.read',
    ]);
    const before = catalogCounts(t);
    expectAdminError(
      await call(t, 'POST', '/v1/providers', readOnly, { name: 'x', integration_id: 'org-openai' }),
      403,
      'AB03',
      lacks('providers.create'),
    );
    expectAdminError(
      await call(t, 'PUT', '/v1/providers/org-openai', readOnly, { name: 'renamed' }),
      403,
      'AB03',
      lacks('providers.update'),
    );
    expectAdminError(await call(t, 'DELETE', '/v1/providers/org-openai', readOnly), 403, 'AB03', lacks('providers.delete'));
    expectAdminError(
      await call(t, 'POST', '/v1/integrations', readOnly, { name: 'x', ai_provider_id: 'openai' }),
      403,
      'AB03',
      lacks('workspace_integrations.create'),
    );
    expectAdminError(
      await call(t, 'PUT', '/v1/integrations/team', readOnly, { name: 'renamed' }),
      403,
      'AB03',
      lacks('workspace_integrations.update'),
    );
    expectAdminError(
      await call(t, 'PUT', '/v1/integrations/team/models', readOnly, { models: [] }),
      403,
      'AB03',
      lacks('workspace_integrations.update'),
    );
    expectAdminError(await call(t, 'DELETE', '/v1/integrations/team', readOnly), 403, 'AB03', lacks('workspace_integrations.delete'));
    expectAdminError(await call(t, 'GET', '/v1/virtual-keys', readOnly), 403, 'AB03', lacks('virtual_keys.list'));
    expectAdminError(
      await call(t, 'POST', '/v1/virtual-keys', readOnly, { provider: 'openai', key: 'sk-x' }),
      403,
      'AB03',
      lacks('virtual_keys.create'),
    );
    expect(catalogCounts(t)).toEqual(before);

    // What the scopes do allow still works, and shows the unchanged rows.
    expect(ok(await call(t, 'GET', '/v1/providers/org-openai', readOnly)).name).toBe('Org OpenAI');
    expect(ok(await call(t, 'GET', '/v1/integrations/team', readOnly)).name).toBe('Team');
    expect(ok(await call(t, 'GET', '/v1/integrations', readOnly)).data.map((i: { slug: string }) => i.slug)).toEqual(['team']);
  });

  it('cannot manage organisation integrations, even with every scope a workspace key may hold', async () => {
    const before = catalogCounts(t);
    expectAdminError(
      await call(t, 'GET', '/v1/integrations/org-openai', t.workspace),
      403,
      'AB03',
      lacks('organisation_integrations.read'),
    );
    expectAdminError(
      await call(t, 'PUT', '/v1/integrations/org-openai', t.workspace, { key: 'sk-stolen' }),
      403,
      'AB03',
      lacks('organisation_integrations.update'),
    );
    expectAdminError(
      await call(t, 'DELETE', '/v1/integrations/org-openai', t.workspace),
      403,
      'AB03',
      lacks('organisation_integrations.delete'),
    );
    expectAdminError(
      await call(t, 'PUT', '/v1/integrations/org-openai/workspaces', t.workspace, { global_workspace_access: { enabled: true } }),
      403,
      'AB03',
      lacks('organisation_integrations.update'),
    );
    expectAdminError(
      await call(t, 'PUT', '/v1/integrations/org-openai/models', t.workspace, { models: [{ slug: 'm', enabled: true }] }),
      403,
      'AB03',
      lacks('organisation_integrations.update'),
    );
    expect(catalogCounts(t)).toEqual(before);
    expect(ok(await call(t, 'GET', '/v1/integrations/org-openai', t.admin)).masked_key).toMatch(/^sk-o\*+0000$/);
    // Listing them is allowed (organisation_integrations.list).
    expect(ok(await call(t, 'GET', '/v1/integrations?type=organisation', t.workspace)).data.map((i: { slug: string }) => i.slug)).toEqual([
      'org-openai',
    ]);
  });

  it('stay inside their workspace', async () => {
    const other = addWorkspace(t, 'ws-other');
    const otherKey = await workspaceKey(t, other.id);
    const before = catalogCounts(t);
    expectAdminError(await call(t, 'GET', '/v1/integrations/team', otherKey), 403, 'AB03', /the resource is in another workspace/);
    expectAdminError(await call(t, 'PUT', '/v1/integrations/team', otherKey, { name: 'mine now' }), 403, 'AB03', /another workspace/);
    expectAdminError(
      await call(t, 'GET', `/v1/providers?workspace_id=${t.credentials.workspace.id}`, otherKey),
      403,
      'AB03',
      /another workspace/,
    );
    expectAdminError(
      await call(t, 'POST', '/v1/integrations', otherKey, {
        name: 'x',
        ai_provider_id: 'openai',
        workspace_id: t.credentials.workspace.slug,
      }),
      403,
      'AB03',
      /another workspace/,
    );
    const provider = ok(await call(t, 'GET', '/v1/providers/team', t.workspace));
    expectAdminError(await call(t, 'GET', `/v1/providers/${provider.id}`, otherKey), 403, 'AB03', /another workspace/);
    expectAdminError(await call(t, 'DELETE', `/v1/virtual-keys/${provider.id}`, otherKey), 403, 'AB03', /another workspace/);
    expect(catalogCounts(t)).toEqual(before);
    // Its own lists show nothing of the default workspace.
    expect(ok(await call(t, 'GET', '/v1/providers', otherKey))).toEqual({ object: 'list', total: 0, data: [] });
    expect(ok(await call(t, 'GET', '/v1/integrations', otherKey)).total).toBe(0);
  });

  it('get 403 listing integrations with neither list scope, and for a type they cannot list', async () => {
    const none = await workspaceKey(t, t.credentials.workspace.id, ['providers.list']);
    expectAdminError(
      await call(t, 'GET', '/v1/integrations', none),
      403,
      'AB03',
      /lacks "organisation_integrations.list" and "workspace_integrations.list"/,
    );
    const wsOnly = await workspaceKey(t, t.credentials.workspace.id, ['workspace_integrations.list']);
    expectAdminError(
      await call(t, 'GET', '/v1/integrations?type=organisation', wsOnly),
      403,
      'AB03',
      lacks('organisation_integrations.list'),
    );
    expect(ok(await call(t, 'GET', '/v1/integrations', wsOnly)).data.map((i: { slug: string }) => i.slug)).toEqual(['team']);
  });
});

describe('organisation admin keys', () => {
  it('manage organisation integrations end to end', async () => {
    const orgAdmin = await adminKey(t, [
      'organisation_integrations.create',
      'organisation_integrations.read',
      'organisation_integrations.update',
      'organisation_integrations.delete',
      'organisation_integrations.list',
    ]);
    const created = ok(
      await call(t, 'POST', '/v1/integrations', orgAdmin, {
        name: 'Anthropic',
        ai_provider_id: 'anthropic',
        key: 'sk-ant-0000000000000000',
      }),
    );
    expect(ok(await call(t, 'GET', `/v1/integrations/${created.slug}`, orgAdmin))).toMatchObject({
      type: 'organisation',
      workspace_id: null,
    });
    ok(await call(t, 'PUT', `/v1/integrations/${created.slug}`, orgAdmin, { description: 'shared' }));
    ok(
      await call(t, 'PUT', `/v1/integrations/${created.slug}/workspaces`, orgAdmin, {
        workspaces: [{ id: t.credentials.workspace.id, enabled: true }],
      }),
    );
    ok(
      await call(t, 'PUT', `/v1/integrations/${created.slug}/models`, orgAdmin, { models: [{ slug: 'claude-3-5-sonnet', enabled: true }] }),
    );
    expect(ok(await call(t, 'GET', '/v1/integrations?type=organisation', orgAdmin)).total).toBe(2);
    // The workspace can now use it through its default provider.
    expect(ok(await call(t, 'GET', `/v1/providers/${created.slug}`, t.workspace)).integration_id).toBe(created.slug);
    ok(await call(t, 'DELETE', `/v1/integrations/${created.slug}`, orgAdmin));
    expectAdminError(await call(t, 'GET', `/v1/providers/${created.slug}`, t.workspace), 404, 'AB08', /was not found/);
  });

  it('need the organisation_integrations scope for each action', async () => {
    const listOnly = await adminKey(t, ['organisation_integrations.list']);
    const before = catalogCounts(t);
    expectAdminError(
      await call(t, 'POST', '/v1/integrations', listOnly, { name: 'x', ai_provider_id: 'openai' }),
      403,
      'AB03',
      lacks('organisation_integrations.create'),
    );
    expectAdminError(
      await call(t, 'PUT', '/v1/integrations/org-openai', listOnly, { name: 'y' }),
      403,
      'AB03',
      lacks('organisation_integrations.update'),
    );
    expectAdminError(
      await call(t, 'DELETE', '/v1/integrations/org-openai', listOnly),
      403,
      'AB03',
      lacks('organisation_integrations.delete'),
    );
    // A workspace integration needs workspace_integrations.*, which this key lacks.
    expectAdminError(await call(t, 'GET', '/v1/integrations/team', listOnly), 403, 'AB03', lacks('workspace_integrations.read'));
    expectAdminError(
      await call(t, 'GET', `/v1/providers?workspace_id=${t.credentials.workspace.id}`, listOnly),
      403,
      'AB03',
      lacks('providers.list'),
    );
    expect(catalogCounts(t)).toEqual(before);
    expect(ok(await call(t, 'GET', '/v1/integrations', listOnly)).data.map((i: { slug: string }) => i.slug)).toEqual(['org-openai']);
  });

  it('may manage a workspace integration and providers by naming the workspace', async () => {
    ok(await call(t, 'PUT', '/v1/integrations/team', t.admin, { description: 'changed by an admin' }));
    expect(ok(await call(t, 'GET', '/v1/integrations/team', t.workspace)).description).toBe('changed by an admin');
    ok(
      await call(t, 'POST', '/v1/providers', t.admin, {
        name: 'Extra',
        slug: 'extra',
        integration_id: 'team',
        workspace_id: t.credentials.workspace.id,
      }),
    );
    expect(ok(await call(t, 'GET', '/v1/providers/extra', t.workspace)).integration_id).toBe('team');
  });
});

it('answers 401 without a key', async () => {
  expectAdminError(await call(t, 'GET', '/v1/integrations', {}), 401, 'AB05', /x-portkey-api-key/);
});
