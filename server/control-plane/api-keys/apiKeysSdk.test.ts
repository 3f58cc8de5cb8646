// portkey-ai's `apiKeys` methods against the listening app, over real HTTP: the extra keys the SDK
// puts in bodies (`type`, `sub-type`, `id`), DELETE with a body, and rotation, which the SDK has no
// method for (spec §7), through its generic `post`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('portkey-ai SDK: apiKeys', () => {
  it('create, retrieve, update, list, rotate and delete with the admin key', async () => {
    const portkey = sdk(t.credentials.admin_api_key);
    expect((portkey.apiKeys as unknown as Record<string, unknown>).rotate).toBeUndefined();

    const created = await portkey.apiKeys.create({
      type: 'workspace',
      'sub-type': 'service',
      name: 'sdk key',
      workspace_id: t.credentials.workspace.slug,
      scopes: ['workspace_service_api_keys.list', 'completions.write'],
      rotation_policy: { rotation_period: 'monthly', key_transition_period_ms: 3_600_000 },
    });
    expect(created).toMatchObject({ id: expect.any(String), key: expect.stringMatching(/^pk-/), object: 'api-key' });
    const id = created.id!;

    const got = await portkey.apiKeys.retrieve({ id });
    expect(got).toMatchObject({
      id,
      name: 'sdk key',
      type: 'workspace-service',
      workspace_id: t.credentials.workspace.id,
      status: 'active',
      rotation_policy: { rotation_period: 'monthly', key_transition_period_ms: 3_600_000, status: 'active' },
    });

    await portkey.apiKeys.update({ id, name: 'renamed', rate_limits: [{ type: 'requests', unit: 'rpm', value: 100 }], reset_usage: true });
    expect(await portkey.apiKeys.retrieve({ id })).toMatchObject({
      name: 'renamed',
      rate_limits: [{ type: 'requests', unit: 'rpm', value: 100 }],
    });

    const listed = await portkey.apiKeys.list({ workspace_id: t.credentials.workspace.id });
    expect(listed.data!.map((k) => k.id)).toContain(id);

    const rotated = (await portkey.post(`/api-keys/${id}/rotate`, { key_transition_period_ms: 1_800_000 })) as unknown as {
      id: string;
      key: string;
      key_transition_expires_at: string;
    };
    expect(rotated).toMatchObject({ id, key: expect.stringMatching(/^pk-/), key_transition_expires_at: expect.any(String) });
    expect(rotated.key).not.toBe(created.key);
    // Both secrets work through the SDK during the transition.
    expect((await sdk(rotated.key).apiKeys.list({})).total).toBeGreaterThan(0);
    expect((await sdk(created.key!).apiKeys.list({})).total).toBeGreaterThan(0);

    await expect(portkey.post(`/api-keys/${id}/rotate`, { key_transition_period_ms: 60_000 })).rejects.toMatchObject({ status: 400 });
    await expect(portkey.post(`/api-keys/${id}/reveal`, {})).rejects.toMatchObject({ status: 404 });

    await portkey.apiKeys.delete({ id });
    await expect(portkey.apiKeys.retrieve({ id })).rejects.toMatchObject({ status: 404 });
    await expect(sdk(rotated.key).apiKeys.list({})).rejects.toMatchObject({ status: 401 });
  });

  it('creates a user key for a workspace member with user_id', async () => {
    const portkey = sdk(t.credentials.admin_api_key);
    const owner = t.stores.db.prepare<[], { id: string }>("SELECT id FROM users WHERE role = 'owner'").get()!;
    const created = await portkey.apiKeys.create({
      type: 'workspace',
      'sub-type': 'user',
      name: 'mine',
      workspace_id: t.credentials.workspace.id,
      user_id: owner.id,
      scopes: ['completions.write'],
    });
    expect(await portkey.apiKeys.retrieve({ id: created.id! })).toMatchObject({ type: 'workspace-user', user_id: owner.id });
    await expect(
      portkey.apiKeys.create({
        type: 'workspace',
        'sub-type': 'user',
        name: 'x',
        workspace_id: t.credentials.workspace.id,
        user_id: 'nobody',
        scopes: ['completions.write'],
      }),
    ).rejects.toMatchObject({ status: 404 });
  });
});
