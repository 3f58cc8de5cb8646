// portkey-ai's `configs` methods against the listening app: proves the field names the SDK sends
// (isDefault -> is_default, slug repeated in update bodies, delete by slug or id) and the shapes
// it reads back (flat fields on create and retrieve) match the Admin API.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Portkey } from 'portkey-ai';
import { startTestApp, type TestApp } from '../../../test/helpers/testApp.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ listen: true });
});
afterAll(async () => {
  await t.close();
});

const sdk = (apiKey: string) => new Portkey({ apiKey, baseURL: `${t.url}/v1` });

describe('portkey-ai SDK: configs', () => {
  it('create, retrieve, update, list and delete with a workspace key', async () => {
    const portkey = sdk(t.credentials.workspace_api_key);
    const config = { retry: { attempts: 3 }, cache: { mode: 'simple' } };
    const created = await portkey.configs.create({ name: 'ConfigName_0909', config, isDefault: 1 });
    expect(created.slug).toMatch(/^pc-config-[0-9a-f]{6}$/);
    expect(created.id).toBeTruthy();
    expect(created.version_id).toBeTruthy();

    const got = await portkey.configs.retrieve({ slug: created.slug });
    expect(got).toMatchObject({
      id: created.id,
      slug: created.slug,
      name: 'ConfigName_0909',
      config,
      is_default: 1,
      version_id: created.version_id,
    });

    const updated = await portkey.configs.update({
      slug: created.slug,
      name: 'Updated Config',
      config: { retry: { attempts: 3 }, cache: { mode: 'semantic' } },
    });
    expect(updated.version_id).toBeTruthy();
    expect(updated.version_id).not.toBe(created.version_id);
    const after = await portkey.configs.retrieve({ slug: created.slug });
    expect(after).toMatchObject({ name: 'Updated Config', config: { cache: { mode: 'semantic' } }, version_id: updated.version_id });

    // Config versions have no SDK method; the generic helper reaches them.
    const versions = (await portkey.get(`/configs/${created.slug}/versions`)) as unknown as { total: number; data: { config: string }[] };
    expect(versions.total).toBe(2);
    expect(JSON.parse(versions.data[1]!.config)).toEqual(config);

    const list = await portkey.configs.list();
    expect(list.data!.map((c) => c.slug)).toContain(created.slug);

    await portkey.configs.delete({ slug: created.slug });
    await expect(portkey.configs.retrieve({ slug: created.slug })).rejects.toMatchObject({ status: 404 });
  });

  it('an admin key passes workspace_id, and validation errors reach the SDK as 400s naming the path', async () => {
    const portkey = sdk(t.credentials.admin_api_key);
    const created = await portkey.configs.create({
      name: 'Admin made',
      config: { strategy: { mode: 'fallback' }, targets: [{ provider: '@a' }, { provider: '@b' }] },
      workspace_id: t.credentials.workspace.slug,
    });
    const listed = await portkey.configs.list({ workspace_id: t.credentials.workspace.id });
    expect(listed.data!.map((c) => c.slug)).toEqual([created.slug]);

    await expect(
      portkey.configs.update({ slug: created.slug, config: { strategy: { mode: 'fallbak' }, targets: [{ provider: '@a' }] } }),
    ).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('config.strategy.mode must be one of single, fallback, loadbalance, conditional'),
    });

    // The SDK's deprecated delete-by-id path still works (it warns on the console, kept quiet here).
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await portkey.configs.delete({ id: created.id });
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
    expect((await portkey.configs.list({ workspace_id: t.credentials.workspace.id })).total).toBe(0);
  });
});
