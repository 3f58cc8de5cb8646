// /v1/configs against the real app on real SQLite: the shapes Portkey clients read, versions,
// validation errors that name the JSON path, scopes and workspaces, all-or-nothing writes, and the
// request path's cache following every write.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/testApp.ts';
import { addWorkspace, adminKey, call, expectAdminError, workspaceKey, type Headers } from '../../../test/kits/catalogTestKit.ts';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await t.close();
});

const fallback = {
  strategy: { mode: 'fallback', on_status_codes: [429, 503] },
  targets: [{ provider: '@primary' }, { provider: 'openai', virtual_key: 'backup-1' }],
};

async function create(headers: Headers, body: Record<string, unknown> = {}) {
  const res = await call(t, 'POST', '/v1/configs', headers, { name: 'Fallback Primary', config: fallback, ...body });
  expect(res.status, res.text).toBe(200);
  return res.body as { id: string; slug: string; version_id: string };
}

const count = (table: string) => t.stores.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()!.n;

describe('create and read', () => {
  it('answers create in the wrapped and the flat shape, with a Portkey-style slug', async () => {
    const res = await call(t, 'POST', '/v1/configs', t.workspace, { name: 'Pplx Cache Test', config: { retry: { attempts: 3 } } });
    expect(res.status).toBe(200);
    const { id, slug, version_id } = res.body;
    expect(res.body).toEqual({ success: true, data: { id, slug, version_id }, id, slug, version_id, object: 'config' });
    expect(slug).toMatch(/^pc-pplx-c-[0-9a-f]{6}$/);
    expect(id).not.toBe(version_id);
  });

  it('reads a config by slug or by id, wrapped and flat, with the config as an object', async () => {
    const created = await create(t.workspace);
    for (const ref of [created.slug, created.id]) {
      const res = await call(t, 'GET', `/v1/configs/${ref}`, t.workspace);
      expect(res.status).toBe(200);
      const expected = {
        id: created.id,
        slug: created.slug,
        name: 'Fallback Primary',
        organisation_id: t.credentials.organisation_id,
        workspace_id: t.credentials.workspace.id,
        is_default: 0,
        status: 'active',
        owner_id: expect.any(String),
        updated_by: expect.any(String),
        created_at: expect.any(String),
        last_updated_at: expect.any(String),
        config: fallback,
        format: 'json',
        type: 'ORG_CONFIG',
        version_id: created.version_id,
        version: 1,
        object: 'config',
      };
      expect(res.body).toEqual({ success: true, data: expected, ...expected });
    }
  });

  it('accepts the config as a JSON string and stores the object', async () => {
    const created = await create(t.workspace, { config: JSON.stringify({ retry: { attempts: 2 } }) });
    const res = await call(t, 'GET', `/v1/configs/${created.slug}`, t.workspace);
    expect(res.body.config).toEqual({ retry: { attempts: 2 } });
  });

  it('lists configs of the workspace, newest first, without their bodies', async () => {
    const a = await create(t.workspace, { name: 'a' });
    const b = await create(t.workspace, { name: 'b' });
    const res = await call(t, 'GET', '/v1/configs', t.workspace);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, object: 'list', total: 2 });
    expect(res.body.data.map((c: { slug: string }) => c.slug).sort()).toEqual([a.slug, b.slug].sort());
    expect(res.body.data[0]).not.toHaveProperty('config');
    expect(res.body.data[0]).toMatchObject({ workspace_id: t.credentials.workspace.id, is_default: 0, status: 'active', object: 'config' });
    const page = await call(t, 'GET', '/v1/configs?page_size=1&current_page=1', t.workspace);
    expect(page.body.total).toBe(2);
    expect(page.body.data).toHaveLength(1);
  });

  it('keeps one default per workspace, from isDefault or is_default', async () => {
    const a = await create(t.workspace, { name: 'a', isDefault: 1 });
    const b = await create(t.workspace, { name: 'b', is_default: true });
    const get = async (slug: string) => (await call(t, 'GET', `/v1/configs/${slug}`, t.workspace)).body.is_default;
    expect([await get(a.slug), await get(b.slug)]).toEqual([0, 1]);
    await call(t, 'PUT', `/v1/configs/${a.slug}`, t.workspace, { is_default: 1 });
    expect([await get(a.slug), await get(b.slug)]).toEqual([1, 0]);
  });
});

describe('updates and versions', () => {
  it('makes every PUT a new version and lists versions newest first with the config serialised', async () => {
    const created = await create(t.workspace);
    const next = { provider: '@primary', retry: { attempts: 1 } };
    const put = await call(t, 'PUT', `/v1/configs/${created.slug}`, t.workspace, { slug: created.slug, name: 'Renamed', config: next });
    expect(put.status).toBe(200);
    const v2 = put.body.version_id;
    expect(put.body).toEqual({
      success: true,
      data: { id: created.id, slug: created.slug, version_id: v2 },
      id: created.id,
      slug: created.slug,
      version_id: v2,
      object: 'config',
    });
    expect(v2).not.toBe(created.version_id);

    // A name-only update is a version too, carrying the config on.
    const v3 = (await call(t, 'PUT', `/v1/configs/${created.slug}`, t.workspace, { name: 'Renamed again' })).body.version_id;

    const got = await call(t, 'GET', `/v1/configs/${created.slug}`, t.workspace);
    expect(got.body).toMatchObject({ name: 'Renamed again', config: next, version_id: v3, version: 3 });

    const versions = await call(t, 'GET', `/v1/configs/${created.slug}/versions`, t.workspace);
    expect(versions.status).toBe(200);
    expect(versions.body.object).toBe('list');
    expect(versions.body.total).toBe(3);
    expect(versions.body.data.map((v: { version_id: string }) => v.version_id)).toEqual([v3, v2, created.version_id]);
    const [third, second, first] = versions.body.data;
    expect(first).toMatchObject({
      id: created.id,
      slug: created.slug,
      name: 'Fallback Primary',
      format: 'json',
      type: 'ORG_CONFIG',
      version: 1,
      object: 'config',
    });
    expect(typeof first.config).toBe('string');
    expect(JSON.parse(first.config)).toEqual(fallback);
    expect(JSON.parse(second.config)).toEqual(next);
    expect(third).toMatchObject({ name: 'Renamed again', config: JSON.stringify(next) });
  });

  it('archives with status and refuses an empty update', async () => {
    const created = await create(t.workspace);
    const put = await call(t, 'PUT', `/v1/configs/${created.slug}`, t.workspace, { status: 'archived' });
    expect(put.status).toBe(200);
    expect((await call(t, 'GET', `/v1/configs/${created.slug}`, t.workspace)).body.status).toBe('archived');
    const empty = await call(t, 'PUT', `/v1/configs/${created.slug}`, t.workspace, { slug: created.slug });
    expectAdminError(empty, 400, 'AB01', /Nothing to update/);
    const bad = await call(t, 'PUT', `/v1/configs/${created.slug}`, t.workspace, { status: 'deleted' });
    expect(bad.status).toBe(400);
  });

  it('deletes a config with its versions; then it is a 404 naming it', async () => {
    const created = await create(t.workspace);
    await call(t, 'PUT', `/v1/configs/${created.slug}`, t.workspace, { name: 'x' });
    const del = await call(t, 'DELETE', `/v1/configs/${created.slug}`, t.workspace, { id: created.slug });
    expect(del).toMatchObject({ status: 200, body: {} });
    expect([count('configs'), count('config_versions')]).toEqual([0, 0]);
    expectAdminError(
      await call(t, 'GET', `/v1/configs/${created.slug}`, t.workspace),
      404,
      'AB08',
      `Config "${created.slug}" was not found`,
    );
  });

  it('says which config is unknown on every route', async () => {
    for (const [method, url] of [
      ['GET', '/v1/configs/pc-nope-123456'],
      ['PUT', '/v1/configs/pc-nope-123456'],
      ['DELETE', '/v1/configs/pc-nope-123456'],
      ['GET', '/v1/configs/pc-nope-123456/versions'],
    ] as const) {
      const res = await call(t, method, url, t.workspace, method === 'PUT' ? { name: 'x' } : undefined);
      expectAdminError(res, 404, 'AB08', 'Config "pc-nope-123456" was not found');
    }
  });
});

describe('validation', () => {
  it.each([
    ['a typo in a key', { retries: { attempts: 3 } }, /^config has an unknown key "retries" \(did you mean "retry"\?\); allowed keys: /],
    [
      'an unknown mode deep in the tree',
      { strategy: { mode: 'fallback' }, targets: [{ provider: '@a' }, { strategy: { mode: 'fallbak' }, targets: [{ provider: '@b' }] }] },
      /^config\.targets\[1\]\.strategy\.mode must be one of single, fallback, loadbalance, conditional \(got "fallbak"\)$/,
    ],
    ['too many retries', { retry: { attempts: 9 } }, /^config\.retry\.attempts must be an integer from 0 to 5 \(got 9\)$/],
    [
      'a target with no provider',
      { strategy: { mode: 'fallback' }, targets: [{ provider: '@a' }, { weight: 1 }] },
      /^config\.targets\[1\] names no provider/,
    ],
    ['not JSON', '{"retry": ', /^config is not valid JSON/],
    ['not an object', 42, /^config must be an object \(got 42\)$/],
  ])('refuses %s with a 400 naming the path, writing nothing', async (_, config, message) => {
    const res = await call(t, 'POST', '/v1/configs', t.workspace, { name: 'bad', config });
    expectAdminError(res, 400, 'AB01', message);
    expect(count('configs')).toBe(0);
  });

  it('requires name and config', async () => {
    expectAdminError(await call(t, 'POST', '/v1/configs', t.workspace, { config: { retry: { attempts: 1 } } }), 400, 'AB01', /name/);
    expectAdminError(await call(t, 'POST', '/v1/configs', t.workspace, { name: 'x' }), 400, 'AB01', /config/);
  });

  it('refuses an invalid update and keeps the current version', async () => {
    const created = await create(t.workspace);
    const res = await call(t, 'PUT', `/v1/configs/${created.slug}`, t.workspace, {
      name: 'new name',
      config: { cache: { mode: 'simple', max_age: -1 } },
    });
    expectAdminError(res, 400, 'AB01', 'config.cache.max_age must be a positive number of seconds (got -1)');
    const got = await call(t, 'GET', `/v1/configs/${created.slug}`, t.workspace);
    expect(got.body).toMatchObject({ name: 'Fallback Primary', version_id: created.version_id, config: fallback });
    expect(count('config_versions')).toBe(1);
  });
});

describe('scopes and workspaces', () => {
  it('checks each scope exactly (list does not imply read)', async () => {
    const created = await create(t.workspace);
    const readOnly = await workspaceKey(t, t.credentials.workspace.id, ['configs.read']);
    const listOnly = await workspaceKey(t, t.credentials.workspace.id, ['configs.list']);
    const denied = /lacks the "configs\.(create|list|update|delete|read)" scope/;
    expectAdminError(
      await call(t, 'POST', '/v1/configs', readOnly, { name: 'x', config: { retry: { attempts: 1 } } }),
      403,
      'AB03',
      denied,
    );
    expectAdminError(await call(t, 'GET', '/v1/configs', readOnly), 403, 'AB03', /configs\.list/);
    expectAdminError(await call(t, 'PUT', `/v1/configs/${created.slug}`, readOnly, { name: 'x' }), 403, 'AB03', /configs\.update/);
    expectAdminError(await call(t, 'DELETE', `/v1/configs/${created.slug}`, readOnly), 403, 'AB03', /configs\.delete/);
    expect((await call(t, 'GET', `/v1/configs/${created.slug}`, readOnly)).status).toBe(200);
    expect((await call(t, 'GET', `/v1/configs/${created.slug}/versions`, readOnly)).status).toBe(200);
    expectAdminError(await call(t, 'GET', `/v1/configs/${created.slug}`, listOnly), 403, 'AB03', /configs\.read/);
    expect((await call(t, 'GET', '/v1/configs', listOnly)).body.total).toBe(1);
    expect(count('config_versions')).toBe(1);
  });

  it('keeps workspace keys inside their workspace', async () => {
    const created = await create(t.workspace);
    const other = addWorkspace(t, 'ws-other');
    const otherKey = await workspaceKey(t, other.id);
    expectAdminError(await call(t, 'GET', `/v1/configs/${created.slug}`, otherKey), 403, 'AB03', /another workspace/);
    expectAdminError(await call(t, 'PUT', `/v1/configs/${created.slug}`, otherKey, { name: 'mine now' }), 403, 'AB03', /another workspace/);
    expect((await call(t, 'GET', '/v1/configs', otherKey)).body).toMatchObject({ total: 0, data: [] });
    // Naming the other workspace does not help.
    const res = await call(t, 'POST', '/v1/configs', otherKey, {
      name: 'x',
      config: { retry: { attempts: 1 } },
      workspace_id: t.credentials.workspace.slug,
    });
    expectAdminError(res, 403, 'AB03', /another workspace/);
    // And the gateway does not resolve another workspace's config.
    expect(t.app.services.configs.resolveConfig(other.id, created.slug)).toBeNull();
  });

  it('lets organisation keys work in any workspace by passing workspace_id', async () => {
    const other = addWorkspace(t, 'ws-other');
    const missing = await call(t, 'POST', '/v1/configs', t.admin, { name: 'x', config: { retry: { attempts: 1 } } });
    expectAdminError(missing, 400, 'AB01', /workspace_id is required/);
    const inDefault = await create(t.admin, { workspace_id: t.credentials.workspace.id });
    const inOther = await create(t.admin, { workspace_id: 'ws-other' });
    expect((await call(t, 'GET', `/v1/configs/${inOther.slug}`, t.admin)).body.workspace_id).toBe(other.id);

    // Without workspace_id an organisation key lists the whole organisation.
    expect((await call(t, 'GET', '/v1/configs', t.admin)).body.total).toBe(2);
    const onlyOther = await call(t, 'GET', '/v1/configs?workspace_id=ws-other', t.admin);
    expect(onlyOther.body.data.map((c: { slug: string }) => c.slug)).toEqual([inOther.slug]);

    // A slug named with the wrong workspace is not found there.
    expectAdminError(
      await call(t, 'GET', `/v1/configs/${inDefault.slug}?workspace_id=ws-other`, t.admin),
      404,
      'AB08',
      /not found in workspace "ws-other"/,
    );
    expect((await call(t, 'PUT', `/v1/configs/${inOther.slug}`, t.admin, { name: 'y', workspace_id: 'ws-other' })).status).toBe(200);

    const narrow = await adminKey(t, ['configs.list']);
    expectAdminError(
      await call(t, 'POST', '/v1/configs', narrow, { name: 'x', config: { retry: { attempts: 1 } }, workspace_id: other.id }),
      403,
      'AB03',
      /configs\.create/,
    );
  });
});

describe('all or nothing', () => {
  /** Makes SQLite refuse the next version row, as a full disk or a crash in the middle would. */
  const breakVersions = () =>
    t.stores.db.exec("CREATE TRIGGER refuse_versions BEFORE INSERT ON config_versions BEGIN SELECT RAISE(ABORT, 'disk full'); END");

  it('leaves no config row behind when its first version cannot be written', async () => {
    breakVersions();
    const res = await call(t, 'POST', '/v1/configs', t.workspace, { name: 'x', config: { retry: { attempts: 1 } } });
    expectAdminError(res, 500, 'AB04', /Something went wrong/);
    expect(res.text).not.toContain('disk full');
    expect([count('configs'), count('config_versions')]).toEqual([0, 0]);
  });

  it('leaves the config as it was when an update cannot write its version', async () => {
    const created = await create(t.workspace, { isDefault: 1 });
    const before = t.app.services.configs.resolveConfig(t.credentials.workspace.id, created.slug);
    const second = await create(t.workspace, { name: 'second' });
    breakVersions();
    const res = await call(t, 'PUT', `/v1/configs/${second.slug}`, t.workspace, {
      name: 'new',
      is_default: 1,
      config: { retry: { attempts: 1 } },
    });
    expect(res.status).toBe(500);
    const row = t.stores.db.prepare<[string], { name: string; current_version_id: string; is_default: number }>(
      'SELECT * FROM configs WHERE id = ?',
    );
    expect(row.get(second.id)).toMatchObject({ name: 'second', current_version_id: second.version_id, is_default: 0 });
    // The other config's default flag was cleared inside the failed transaction, so it is back.
    expect(row.get(created.id)).toMatchObject({ is_default: 1 });
    expect(t.app.services.configs.resolveConfig(t.credentials.workspace.id, created.slug)).toEqual(before);
  });
});

describe('resolveConfig, the request path', () => {
  it('serves from memory and follows every write', async () => {
    const ws = t.credentials.workspace.id;
    const { resolveConfig } = t.app.services.configs;
    // An unknown slug is remembered as unknown until a write.
    expect(resolveConfig(ws, 'pc-later-000000')).toBeNull();
    const created = await create(t.workspace);
    const first = resolveConfig(ws, created.slug);
    expect(first).toEqual({ id: created.id, slug: created.slug, versionId: created.version_id, config: fallback });
    expect(resolveConfig(ws, created.id)).toEqual(first);

    // Proof it is memory: rows changed behind the service's back do not show until a write.
    t.stores.db.prepare("UPDATE configs SET status = 'archived' WHERE id = ?").run(created.id);
    expect(resolveConfig(ws, created.slug)).toEqual(first);
    t.stores.db.prepare("UPDATE configs SET status = 'active' WHERE id = ?").run(created.id);

    const put = await call(t, 'PUT', `/v1/configs/${created.slug}`, t.workspace, { config: { provider: '@primary' } });
    expect(resolveConfig(ws, created.slug)).toEqual({
      id: created.id,
      slug: created.slug,
      versionId: put.body.version_id,
      config: { provider: '@primary' },
    });

    await call(t, 'PUT', `/v1/configs/${created.slug}`, t.workspace, { status: 'archived' });
    expect(resolveConfig(ws, created.slug)).toBeNull();
    await call(t, 'PUT', `/v1/configs/${created.slug}`, t.workspace, { status: 'active' });
    expect(resolveConfig(ws, created.slug)).not.toBeNull();

    await call(t, 'DELETE', `/v1/configs/${created.slug}`, t.workspace);
    expect(resolveConfig(ws, created.slug)).toBeNull();
    expect(resolveConfig(ws, created.id)).toBeNull();
  });

  it('refuses a stored config that no longer validates, naming the config', async () => {
    const created = await create(t.workspace);
    t.stores.db.prepare('UPDATE config_versions SET config = \'{"retries":1}\' WHERE config_id = ?').run(created.id);
    expect(() => t.app.services.configs.resolveConfig(t.credentials.workspace.id, created.slug)).toThrowError(
      new RegExp(`Saved config "${created.slug}" \\(version 1\\) is not valid: config has an unknown key "retries"`),
    );
  });
});
