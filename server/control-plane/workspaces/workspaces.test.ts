// /v1/admin/workspaces (spec §2.4) through the real app on real SQLite: shapes, filters, paging,
// updates reaching the gateway's cache, archive, and delete with and without force_delete.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/testApp.ts';
import { adminKey, addUser, call, countRows, expectAdminError, type Reply, workspaceKey } from '../../../test/kits/peopleTestKit.ts';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await t.close();
});

const ok = (res: Reply) => {
  expect(res.status, res.text).toBe(200);
  return res.body;
};

const create = async (body: Record<string, unknown>) => ok(await call(t, 'POST', '/v1/admin/workspaces', t.admin, body));

/** An organisation-level guardrail (workspace defaults may only name guardrails that exist), by slug. */
const guardrail = async (name: string): Promise<string> =>
  ok(await call(t, 'POST', '/v1/guardrails', t.admin, { name, checks: [{ id: 'default.wordCount', parameters: { maxWords: 100 } }] })).slug;

describe('creating and reading workspaces', () => {
  it('creates a workspace with defaults, metadata and limits stored as given, readable by id and slug', async () => {
    const member = addUser(t, 'dev@example.com');
    const pii = await guardrail('pii');
    const body = {
      name: 'Research Team',
      description: 'Models under evaluation',
      defaults: { metadata: { env: 'research' }, input_guardrails: [pii], output_guardrails: [], user_api_key_config: null },
      metadata: { cost_centre: '42' },
      usage_limits: [{ credit_limit: 100, type: 'cost', alert_threshold: 80, periodic_reset: 'monthly' }],
      rate_limits: [{ type: 'requests', unit: 'rpm', value: 600 }],
      users: [member.id],
      icon: 'flask',
    };
    const created = await create(body);
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      slug: expect.stringMatching(/^ws-research-team-[0-9a-f]{6}$/),
      name: 'Research Team',
      description: 'Models under evaluation',
      status: 'active',
      created_at: expect.any(String),
      last_updated_at: expect.any(String),
      defaults: { metadata: { env: 'research' }, input_guardrails: [pii], output_guardrails: [], is_default: 0, object: 'workspace' },
      metadata: { cost_centre: '42' },
      // Each budget with its live counter, status, next reset (the 1st, 00:00 UTC) and enforcement.
      usage_limits: [
        {
          ...body.usage_limits[0],
          current_usage: 0,
          status: 'active',
          next_usage_reset_at: expect.stringMatching(/-01T00:00:00\.000Z$/),
          enforced: true,
        },
      ],
      rate_limits: body.rate_limits,
      last_reset_at: null,
      object: 'workspace',
    });

    const byId = ok(await call(t, 'GET', `/v1/admin/workspaces/${created.id}`, t.admin));
    const bySlug = ok(await call(t, 'GET', `/v1/admin/workspaces/${created.slug}`, t.admin));
    expect(bySlug).toEqual(byId);
    expect(byId).toMatchObject({
      ...created,
      users: [
        expect.objectContaining({ object: 'workspace-user', id: member.id, email: 'dev@example.com', role: 'member', org_role: 'member' }),
      ],
    });
  });

  it('shows the default workspace with its members, and 404s unknown ones', async () => {
    const ws = ok(await call(t, 'GET', `/v1/admin/workspaces/${t.credentials.workspace.slug}`, t.admin));
    expect(ws).toMatchObject({
      id: t.credentials.workspace.id,
      defaults: { is_default: 1 },
      users: [expect.objectContaining({ role: 'admin', org_role: 'owner' })],
    });
    expectAdminError(await call(t, 'GET', '/v1/admin/workspaces/ws-nope', t.admin), 404, 'AB08', 'Workspace "ws-nope" was not found');
  });

  it('refuses bad input and writes nothing', async () => {
    const before = countRows(t, 'workspaces');
    expectAdminError(
      await call(t, 'POST', '/v1/admin/workspaces', t.admin, { description: 'no name' }),
      400,
      'AB01',
      'Invalid request: body must have the property "name"',
    );
    expectAdminError(
      await call(t, 'POST', '/v1/admin/workspaces', t.admin, {
        name: 'x',
        usage_limits: [{ credit_limit: 10, periodic_reset: 'weekly', periodic_reset_days: 3 }],
      }),
      400,
      'AB01',
      /periodic_reset or periodic_reset_days/,
    );
    expectAdminError(
      await call(t, 'POST', '/v1/admin/workspaces', t.admin, { name: 'x', users: ['nobody@example.com'] }),
      404,
      'AB08',
      /invite them first/,
    );
    expectAdminError(
      await call(t, 'POST', '/v1/admin/workspaces', t.admin, { name: 'x', defaults: { user_api_key_config: 'pc-none' } }),
      400,
      'AB01',
      /user_api_key_config: config "pc-none" was not found/,
    );
    expect(countRows(t, 'workspaces')).toBe(before);
  });

  it('is for organisation-level callers with the workspaces.create scope', async () => {
    expectAdminError(await call(t, 'POST', '/v1/admin/workspaces', t.workspace, { name: 'x' }), 403, 'AB03', /workspaces\.create/);
    const narrow = await adminKey(t, ['workspaces.list']);
    expectAdminError(await call(t, 'POST', '/v1/admin/workspaces', narrow, { name: 'x' }), 403, 'AB03', /workspaces\.create/);
  });
});

describe('listing workspaces', () => {
  beforeEach(async () => {
    await create({ name: 'Alpha Team' });
    await create({ name: 'alpha lowercase' });
    const beta = await create({ name: 'Beta' });
    ok(await call(t, 'PUT', `/v1/admin/workspaces/${beta.id}`, t.admin, { status: 'archived' }));
  });

  const names = (res: Reply) => ok(res).data.map((w: { name: string }) => w.name);

  it('filters by name (case-sensitive substring), exact_name and status', async () => {
    expect(names(await call(t, 'GET', '/v1/admin/workspaces', t.admin))).toEqual(['Default', 'Alpha Team', 'alpha lowercase']);
    expect(names(await call(t, 'GET', '/v1/admin/workspaces?name=Alpha', t.admin))).toEqual(['Alpha Team']);
    expect(names(await call(t, 'GET', '/v1/admin/workspaces?name=alpha', t.admin))).toEqual(['alpha lowercase']);
    expect(names(await call(t, 'GET', '/v1/admin/workspaces?exact_name=Alpha', t.admin))).toEqual([]);
    expect(names(await call(t, 'GET', '/v1/admin/workspaces?exact_name=Alpha%20Team', t.admin))).toEqual(['Alpha Team']);
    expect(names(await call(t, 'GET', '/v1/admin/workspaces?status=archived', t.admin))).toEqual(['Beta']);
    expect(names(await call(t, 'GET', '/v1/admin/workspaces?status=active,archived', t.admin))).toHaveLength(4);
    expectAdminError(await call(t, 'GET', '/v1/admin/workspaces?status=deleted', t.admin), 400, 'AB01', /querystring\.status/);
  });

  it('pages with current_page and page_size, with the total of all matches', async () => {
    const p0 = ok(await call(t, 'GET', '/v1/admin/workspaces?page_size=2&current_page=0', t.admin));
    const p1 = ok(await call(t, 'GET', '/v1/admin/workspaces?page_size=2&current_page=1', t.admin));
    expect([p0.total, p0.data.length, p1.total, p1.data.length]).toEqual([3, 2, 3, 1]);
    expect(p0.object).toBe('list');
  });

  it('shows a workspace key only its own workspace, and never archived ones', async () => {
    expect(names(await call(t, 'GET', '/v1/admin/workspaces?status=active,archived', t.workspace))).toEqual(['Default']);
    const beta = ok(await call(t, 'GET', '/v1/admin/workspaces?status=archived', t.admin)).data[0];
    expectAdminError(await call(t, 'GET', `/v1/admin/workspaces/${beta.id}`, t.workspace), 403, 'AB03', /another workspace/);
  });
});

describe('updating workspaces', () => {
  it('merges defaults, replaces metadata and limits, and the gateway sees it at once', async () => {
    const [a, b] = [await guardrail('a'), await guardrail('b')];
    const ws = await create({ name: 'Ops', defaults: { metadata: { team: 'ops' }, input_guardrails: [a] } });
    expect(t.app.services.workspaceCache.get(ws.id)!.defaults.metadata).toEqual({ team: 'ops' });

    const updated = ok(
      await call(t, 'PUT', `/v1/admin/workspaces/${ws.slug}`, t.admin, {
        name: 'Operations',
        description: 'on call',
        defaults: { metadata: { team: 'sre' }, output_guardrails: [b] },
        metadata: { tier: 'gold' },
        usage_limits: [{ credit_limit: 5, periodic_reset_days: 10 }],
        rate_limits: null,
        workspaceId: ws.slug,
      }),
    );
    expect(updated).toMatchObject({
      name: 'Operations',
      description: 'on call',
      defaults: { metadata: { team: 'sre' }, input_guardrails: [a], output_guardrails: [b] },
      metadata: { tier: 'gold' },
      usage_limits: [{ credit_limit: 5, periodic_reset_days: 10 }],
      rate_limits: [],
    });
    expect(t.app.services.workspaceCache.get(ws.id)!.defaults.metadata).toEqual({ team: 'sre' });
    expect(ok(await call(t, 'GET', `/v1/admin/workspaces/${ws.id}`, t.admin)).name).toBe('Operations');
  });

  it('sets user_api_key_config to a config of the workspace, and null clears it', async () => {
    const config = ok(await call(t, 'POST', '/v1/configs', t.workspace, { name: 'Keys default', config: { retry: { attempts: 2 } } }));
    const path = `/v1/admin/workspaces/${t.credentials.workspace.id}`;
    ok(await call(t, 'PUT', path, t.admin, { defaults: { user_api_key_config: config.slug } }));
    expect(ok(await call(t, 'GET', path, t.admin)).defaults.user_api_key_config).toBe(config.slug);
    ok(await call(t, 'PUT', path, t.admin, { defaults: { user_api_key_config: null } }));
    expect(ok(await call(t, 'GET', path, t.admin)).defaults).not.toHaveProperty('user_api_key_config');

    const other = await create({ name: 'Other' });
    expectAdminError(
      await call(t, 'PUT', `/v1/admin/workspaces/${other.id}`, t.admin, { defaults: { user_api_key_config: config.slug } }),
      400,
      'AB01',
      /was not found in this workspace/,
    );
  });

  it('reset_usage zeroes the budget counter and records when', async () => {
    const ws = await create({ name: 'Budgeted', usage_limits: [{ credit_limit: 10 }] });
    t.stores.db.prepare('UPDATE workspaces SET current_usage = 7.5 WHERE id = ?').run(ws.id);
    const updated = ok(await call(t, 'PUT', `/v1/admin/workspaces/${ws.id}`, t.admin, { reset_usage: true }));
    expect(updated.last_reset_at).toEqual(expect.any(String));
    expect(
      t.stores.db.prepare<[string], { current_usage: number }>('SELECT current_usage FROM workspaces WHERE id = ?').get(ws.id)!
        .current_usage,
    ).toBe(0);
  });

  it('lets a workspace key update its own workspace, but not archive it or touch another', async () => {
    const path = `/v1/admin/workspaces/${t.credentials.workspace.id}`;
    ok(await call(t, 'PUT', path, t.workspace, { description: 'edited by its own key' }));
    const other = await create({ name: 'Other' });
    expectAdminError(
      await call(t, 'PUT', `/v1/admin/workspaces/${other.id}`, t.workspace, { name: 'mine now' }),
      403,
      'AB03',
      /another workspace/,
    );
    expectAdminError(await call(t, 'PUT', path, t.workspace, { status: 'archived' }), 403, 'AB03', /only organisation admins/);
  });
});

describe('archiving', () => {
  it('hides an archived workspace from its own keys and the gateway, and restores it', async () => {
    const ws = await create({ name: 'Seasonal' });
    const key = await workspaceKey(t, ws.id, ['workspaces.read', 'completions.write']);
    ok(await call(t, 'GET', `/v1/admin/workspaces/${ws.id}`, key));

    ok(await call(t, 'PUT', `/v1/admin/workspaces/${ws.id}`, t.admin, { status: 'archived' }));
    expect(t.app.services.workspaceCache.get(ws.id)!.status).toBe('archived');
    expectAdminError(await call(t, 'GET', `/v1/admin/workspaces/${ws.id}`, key), 404, 'AB08', /was not found/);
    const chat = await call(t, 'POST', '/v1/chat/completions', key, { model: '@x/y', messages: [{ role: 'user', content: 'hi' }] });
    expect(chat.status).toBe(403);
    expect(chat.body.error.message).toMatch(/archived/);
    expect(ok(await call(t, 'GET', `/v1/admin/workspaces/${ws.id}`, t.admin)).status).toBe('archived');

    ok(await call(t, 'PUT', `/v1/admin/workspaces/${ws.id}`, t.admin, { status: 'active' }));
    ok(await call(t, 'GET', `/v1/admin/workspaces/${ws.id}`, key));
  });

  it('never archives the default workspace', async () => {
    expectAdminError(
      await call(t, 'PUT', `/v1/admin/workspaces/${t.credentials.workspace.id}`, t.admin, { status: 'archived' }),
      400,
      'AB01',
      'The default workspace cannot be archived',
    );
  });
});

describe('deleting workspaces', () => {
  const del = (ref: string, body?: unknown, headers = t.admin) =>
    t.app.inject({
      method: 'DELETE',
      url: `/v1/admin/workspaces/${ref}`,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
  const reply = async (p: ReturnType<typeof del>): Promise<Reply> => {
    const res = await p;
    return { status: res.statusCode, body: res.body ? res.json() : undefined, text: res.body };
  };

  /** A workspace holding one of everything a delete must deal with. */
  async function populated() {
    const ws = await create({ name: 'Full' });
    const member = addUser(t, 'member@example.com', 'member', [[ws.id, 'member']]);
    const key = await workspaceKey(t, ws.id, ['workspaces.read', 'configs.create']);
    ok(await call(t, 'POST', '/v1/configs', key, { name: 'cfg', config: { retry: { attempts: 1 } } }));
    ok(
      await call(t, 'POST', '/v1/integrations', t.admin, {
        name: 'Team',
        slug: 'team-int',
        ai_provider_id: 'openai',
        workspace_id: ws.id,
        key: 'sk-team-000000000000',
      }),
    );
    ok(
      await call(t, 'POST', '/v1/integrations', t.admin, {
        name: 'Shared',
        slug: 'shared-int',
        ai_provider_id: 'openai',
        key: 'sk-org-0000000000000',
      }),
    );
    ok(await call(t, 'PUT', '/v1/integrations/shared-int/workspaces', t.admin, { workspaces: [{ id: ws.id, enabled: true }] }));
    return { ws, key, member };
  }

  it('refuses while keys, providers or configs exist (409 AB07), and changes nothing', async () => {
    const { ws, key } = await populated();
    const counts = () => ['api_keys', 'providers', 'integrations', 'configs', 'workspace_members'].map((tbl) => countRows(t, tbl));
    const before = counts();
    const res = await reply(del(ws.id));
    expectAdminError(res, 409, 'AB07', /still has 1 API key, 2 providers, 1 workspace integration, 1 config/);
    expect(counts()).toEqual(before);
    ok(await call(t, 'GET', `/v1/admin/workspaces/${ws.id}`, key));
  });

  it('with force_delete (as Terraform sends it) removes the workspace and everything in it, in one go', async () => {
    const { ws, key, member } = await populated();
    ok(await reply(del(ws.id, { name: 'Full', force_delete: true })));

    expectAdminError(await call(t, 'GET', `/v1/admin/workspaces/${ws.id}`, t.admin), 404, 'AB08', /was not found/);
    for (const table of ['api_keys', 'providers', 'integrations', 'configs', 'workspace_members', 'integration_workspaces']) {
      expect(countRows(t, table, 'workspace_id = ?', ws.id), table).toBe(0);
    }
    expect(countRows(t, 'config_versions', 'config_id NOT IN (SELECT id FROM configs)')).toBe(0);
    // The org integration shared with it survives; so does the member, who only left the workspace.
    expect(countRows(t, 'integrations', "slug = 'shared-int'")).toBe(1);
    expect(countRows(t, 'users', 'id = ?', member.id)).toBe(1);
    // The workspace's key stopped working at once (it was cached by the earlier request).
    expect((await call(t, 'GET', '/v1/admin/workspaces', key)).status).toBe(401);
    expect(t.app.services.workspaceCache.get(ws.id)).toBeNull();
  });

  it('deletes an empty workspace without a body; refuses the default one and a wrong name', async () => {
    const empty = await create({ name: 'Empty' });
    expectAdminError(await reply(del(empty.id, { name: 'Not it' })), 400, 'AB01', /does not match/);
    ok(await reply(del(empty.slug)));
    expect(countRows(t, 'workspaces', 'id = ?', empty.id)).toBe(0);
    expectAdminError(
      await reply(del(t.credentials.workspace.id, { force_delete: true })),
      400,
      'AB01',
      'The default workspace cannot be deleted',
    );
    expectAdminError(await reply(del(empty.id)), 404, 'AB08', /was not found/);
  });

  it('is for organisation-level callers with workspaces.delete', async () => {
    const ws = await create({ name: 'Guarded' });
    expectAdminError(await reply(del(ws.id, undefined, t.workspace)), 403, 'AB03', /workspaces\.delete/);
    const narrow = await adminKey(t, ['workspaces.read']);
    expectAdminError(await reply(del(ws.id, undefined, narrow)), 403, 'AB03', /workspaces\.delete/);
  });
});
