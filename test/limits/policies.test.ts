// Limit policies (issue 14 item 5, spec §2.8) through the portkey-ai SDK, whose generic
// get/post/put/delete reach /v1/policies (it has no typed methods for them), and the gateway:
// conditions, wildcards, excludes, group_by entities with their usage, entity resets, archive on
// delete, the rules on who may change which policy, and POLICY_ENABLED=OFF.
import { afterEach, describe, expect, it } from 'vitest';
import { Portkey } from 'portkey-ai';
import { START, TOKENS_PER_CALL, startLimits, type LimitsFixture } from '../helpers/limits.ts';

let f: LimitsFixture;
afterEach(async () => {
  await f?.close();
});

type Json = Record<string, unknown>;
const sdk = (apiKey: string) => new Portkey({ baseURL: `${f.url}/v1`, apiKey });
const as = <T>(v: unknown) => v as T;
const user = (name: string) => ({ 'x-portkey-metadata': JSON.stringify({ _user: name }) });

describe('usage-limit policies', () => {
  it('give each group_by value its own budget, listed as entities with their usage, reset one at a time', async () => {
    f = await startLimits();
    const admin = sdk(f.credentials.admin_api_key);
    const created = as<{ id: string; object: string }>(
      await admin.post('/policies/usage-limits', {
        name: 'Per-user tokens',
        conditions: [{ key: 'api_key', value: '*' }],
        group_by: [{ key: 'metadata._user' }],
        type: 'tokens',
        credit_limit: 100,
        alert_threshold: 90,
        periodic_reset: 'monthly',
        workspace_id: f.credentials.workspace.id,
      }),
    );
    expect(created.object).toBe('usage_limit_policy');
    const { key } = await f.key();

    for (let i = 0; i < 34; i++) expect((await f.chat(key, { headers: user('alice') })).status).toBe(200);
    const refused = await f.chat(key, { headers: user('alice') });
    expect(refused.status).toBe(412);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /usage limit policy "Per-user tokens" \(metadata\._user:alice\) is exhausted: 102 tokens of 100 tokens used/,
    );
    // Bob has his own budget.
    expect((await f.chat(key, { headers: user('bob') })).status).toBe(200);

    const withUsage = as<Json & { value_key_usage_map: Record<string, Json> }>(
      await admin.get(`/policies/usage-limits/${created.id}?include_usage=true`),
    );
    expect(withUsage).toMatchObject({
      id: created.id,
      type: 'tokens',
      credit_limit: 100,
      status: 'active',
      next_usage_reset_at: '2026-04-01T00:00:00.000Z',
    });
    expect(withUsage.value_key_usage_map['metadata._user:alice']).toMatchObject({
      current_usage: 102,
      status: 'exhausted',
      is_threshold_alerts_sent: true,
      is_exhausted_alerts_sent: true,
    });
    expect(withUsage.value_key_usage_map['metadata._user:bob']).toMatchObject({ current_usage: TOKENS_PER_CALL, status: 'active' });

    const entities = as<{ total: number; data: { id: string; value_key: string; current_usage: number }[] }>(
      await admin.get(`/policies/usage-limits/${created.id}/entities?search=ALI&page_size=10`),
    );
    expect(entities.total).toBe(1);
    expect(entities.data[0]).toMatchObject({ value_key: 'metadata._user:alice', current_usage: 102 });
    const exhausted = as<{ total: number }>(await admin.get(`/policies/usage-limits/${created.id}/entities?status=exhausted`));
    expect(exhausted.total).toBe(1);
    const paged = as<{ total: number; data: unknown[] }>(
      await admin.get(`/policies/usage-limits/${created.id}/entities?page_size=1&current_page=1`),
    );
    expect(paged).toMatchObject({ total: 2, data: [expect.objectContaining({ value_key: 'metadata._user:bob' })] });

    await admin.put(`/policies/usage-limits/${created.id}/entities/${entities.data[0]!.id}/reset`, {});
    expect((await f.chat(key, { headers: user('alice') })).status).toBe(200);

    // The threshold and the exhaustion reached the notifications list, named by value key.
    const listed = (await f.api('GET', '/v1/notifications')).body.data as { type: string; subject_type: string; data: Json }[];
    expect(
      listed
        .filter((n) => n.subject_type === 'usage_limit_policy')
        .map((n) => n.type)
        .sort(),
    ).toEqual(['usage_limit.exhausted', 'usage_limit.threshold_reached']);
    expect(listed[0]!.data).toMatchObject({ value_key: 'metadata._user:alice' });
  });

  it('raise the limit to reactivate every exhausted entity; reset_usage_for_value zeroes one; delete archives', async () => {
    f = await startLimits();
    const admin = sdk(f.credentials.admin_api_key);
    const { id } = as<{ id: string }>(
      await admin.post('/policies/usage-limits', {
        name: 'Requests per key',
        conditions: [{ key: 'model', value: '@priced/*' }],
        group_by: [{ key: 'api_key' }],
        type: 'requests',
        credit_limit: 2,
        workspace_id: f.credentials.workspace.id,
      }),
    );
    const a = await f.key();
    expect([(await f.chat(a.key)).status, (await f.chat(a.key)).status, (await f.chat(a.key)).status]).toEqual([200, 200, 412]);
    // The same provider named by header, with a bare model string: `@priced/*` matches the request's model only.
    expect((await f.chat(a.key, { model: 'm1', headers: { 'x-portkey-provider': '@priced' } })).status).toBe(200);

    await admin.put(`/policies/usage-limits/${id}`, { credit_limit: 3 });
    expect((await f.chat(a.key)).status).toBe(200);
    expect((await f.chat(a.key)).status).toBe(412);
    await admin.put(`/policies/usage-limits/${id}`, { reset_usage_for_value: `api_key:${a.id}` });
    expect((await f.chat(a.key)).status).toBe(200);

    await admin.delete(`/policies/usage-limits/${id}`);
    for (let i = 0; i < 5; i++) expect((await f.chat(a.key)).status).toBe(200);
    const active = as<{ total: number }>(await admin.get('/policies/usage-limits'));
    expect(active.total).toBe(0);
    const archived = as<{ total: number; data: Json[] }>(await admin.get('/policies/usage-limits?status=archived'));
    expect(archived).toMatchObject({ total: 1, data: [expect.objectContaining({ id, status: 'archived' })] });
  });

  it('refuse bad definitions with a 400 naming the field', async () => {
    f = await startLimits();
    const base = { name: 'x', conditions: [{ key: 'api_key', value: '*' }], group_by: [{ key: 'api_key' }], type: 'cost', credit_limit: 5 };
    const cases: [Json, RegExp][] = [
      [{ conditions: [{ key: 'colour', value: 'red' }] }, /"colour" is not a policy key/],
      [{ conditions: [] }, /conditions/],
      [{ credit_limit: 0.5 }, /at least 1 \(USD\)/],
      [{ type: 'tokens', credit_limit: 50 }, /at least 100/],
      [{ alert_threshold: 5 }, /alert_threshold must be below credit_limit/],
      [{ periodic_reset: 'weekly', periodic_reset_days: 3 }, /not both/],
      [{ group_by: [{ key: 'endpoint_type' }] }, /endpoint_type applies to rate-limit policies only/],
    ];
    for (const [patch, message] of cases) {
      const res = await f.api('POST', '/v1/policies/usage-limits', { ...base, ...patch });
      expect(res.status, JSON.stringify(patch)).toBe(400);
      expect((res.body.data as { message: string }).message).toMatch(message);
    }
  });
});

describe('rate-limit policies', () => {
  it('match model wildcards, endpoint types and excludes, per group_by value', async () => {
    f = await startLimits();
    const admin = sdk(f.credentials.admin_api_key);
    const { id } = as<{ id: string }>(
      await admin.post('/policies/rate-limits', {
        name: 'Chat per user',
        conditions: [
          { key: 'model', value: ['@priced/*', '@other/*'] },
          { key: 'endpoint_type', value: 'chatComplete' },
          { key: 'metadata._user', value: '*', excludes: ['ops'] },
        ],
        group_by: [{ key: 'metadata._user' }],
        type: 'requests',
        unit: 'rpm',
        value: 1,
      }),
    );
    const { key } = await f.key();
    expect((await f.chat(key, { headers: user('alice') })).status).toBe(200);
    const second = await f.chat(key, { headers: user('alice') });
    expect(second.status).toBe(429);
    expect(((await second.json()) as { error: { message: string } }).error.message).toMatch(
      /rate limit policy "Chat per user" \(metadata\._user:alice\) reached: 1 requests per minute/,
    );
    expect((await f.chat(key, { headers: user('bob') })).status).toBe(200);
    // Excluded users, and requests without the condition's key, are not limited.
    for (let i = 0; i < 3; i++) expect((await f.chat(key, { headers: user('ops') })).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await f.chat(key)).status).toBe(200);

    // PUT changes the value; the window keeps what it counted.
    await admin.put(`/policies/rate-limits/${id}`, { value: 2 });
    expect((await f.chat(key, { headers: user('alice') })).status).toBe(200);
    expect((await f.chat(key, { headers: user('alice') })).status).toBe(429);
    f.clock.now = START + 61_000;
    expect((await f.chat(key, { headers: user('alice') })).status).toBe(200);
    expect(as<Json>(await admin.get(`/policies/rate-limits/${id}`))).toMatchObject({
      id,
      unit: 'rpm',
      value: 2,
      target: 'llm',
      status: 'active',
    });
  });

  it('with a provider condition apply to the target a request goes to', async () => {
    f = await startLimits();
    await f.addProvider({ slug: 'free' });
    await f.api('POST', '/v1/policies/rate-limits', {
      name: 'Priced provider only',
      conditions: [{ key: 'provider', value: '@priced' }],
      group_by: [{ key: 'workspace_id' }],
      type: 'requests',
      unit: 'rpd',
      value: 1,
    });
    const { key } = await f.key();
    expect((await f.chat(key)).status).toBe(200);
    expect((await f.chat(key)).status).toBe(429);
    expect((await f.chat(key, { model: '@free/m1' })).status).toBe(200);
    // Through a fallback config: the refused target falls back to the next one.
    const config = JSON.stringify({ strategy: { mode: 'fallback' }, targets: [{ provider: '@priced' }, { provider: '@free' }] });
    const res = await f.chat(key, { model: 'm1', headers: { 'x-portkey-config': config } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[1]');
  });
});

describe('who may change a policy', () => {
  it('a key may add limits but not lift one that limits itself; organisation policies are for organisation admins', async () => {
    f = await startLimits();
    const ws = f.credentials.workspace.id;
    const wsKey = await f.key({
      scopes: ['completions.write', 'policies.create', 'policies.read', 'policies.list', 'policies.update', 'policies.delete'],
    });
    const mine = sdk(wsKey.key);
    const own = as<{ id: string }>(
      await mine.post('/policies/usage-limits', {
        name: 'tight',
        conditions: [{ key: 'api_key', value: '*' }],
        group_by: [{ key: 'api_key' }],
        type: 'cost',
        credit_limit: 1,
      }),
    );
    await expect(mine.delete(`/policies/usage-limits/${own.id}`)).rejects.toMatchObject({ status: 403 });
    await expect(mine.put(`/policies/usage-limits/${own.id}`, { credit_limit: 1000 })).rejects.toMatchObject({ status: 403 });
    // A policy on another key does not limit this one: it may manage that.
    const other = await f.key();
    const theirs = as<{ id: string }>(
      await mine.post('/policies/rate-limits', {
        name: 'other',
        conditions: [{ key: 'api_key', value: other.id }],
        group_by: [{ key: 'api_key' }],
        type: 'requests',
        unit: 'rpm',
        value: 5,
      }),
    );
    expect(await mine.put(`/policies/rate-limits/${theirs.id}`, { value: 10 })).toMatchObject({ value: 10 });

    const orgPolicy = await f.api('POST', '/v1/policies/rate-limits', {
      name: 'org wide',
      conditions: [{ key: 'workspace_id', value: '*' }],
      group_by: [{ key: 'workspace_id' }],
      type: 'tokens',
      unit: 'rpd',
      value: 1_000_000,
    });
    expect(orgPolicy.status).toBe(200);
    const orgId = orgPolicy.body.id as string;
    expect((await f.api('GET', `/v1/policies/rate-limits/${orgId}`)).body).toMatchObject({ workspace_id: null });
    // The workspace key sees it (it binds the workspace) but cannot change it.
    expect(as<{ total: number }>(await mine.get('/policies/rate-limits')).total).toBe(2);
    await expect(mine.put(`/policies/rate-limits/${orgId}`, { value: 1 })).rejects.toMatchObject({ status: 403 });
    // Nor can it reach another workspace.
    const elsewhere = await f.api('POST', '/v1/admin/workspaces', { name: 'Elsewhere' });
    await expect(
      mine.post('/policies/usage-limits', {
        name: 'x',
        conditions: [{ key: 'api_key', value: '*' }],
        group_by: [{ key: 'api_key' }],
        type: 'cost',
        credit_limit: 5,
        workspace_id: elsewhere.body.id,
      }),
    ).rejects.toMatchObject({ status: 403 });
    expect(ws).toBeTruthy();
  });
});

describe('POLICY_ENABLED=OFF', () => {
  it('answers the policy routes with 403 and enforces no policy', async () => {
    f = await startLimits({ env: { POLICY_ENABLED: 'OFF' } });
    const res = await f.api('POST', '/v1/policies/rate-limits', {
      name: 'x',
      conditions: [{ key: 'api_key', value: '*' }],
      group_by: [{ key: 'api_key' }],
      type: 'requests',
      unit: 'rpm',
      value: 1,
    });
    expect(res.status).toBe(403);
    expect((res.body.data as { message: string }).message).toMatch(/POLICY_ENABLED=OFF/);
    expect((await f.api('GET', '/v1/policies/usage-limits')).status).toBe(403);
    // A policy stored while they were on is not enforced while they are off.
    f.stores.db
      .prepare(
        `INSERT INTO rate_limit_policies (id, organisation_id, workspace_id, name, conditions, group_by, type, unit, value, created_at, last_updated_at)
         VALUES ('p1', ?, NULL, 'stored', '[{"key":"api_key","value":"*"}]', '[{"key":"api_key"}]', 'requests', 'rpm', 1, '2026-01-01', '2026-01-01')`,
      )
      .run(f.credentials.organisation_id);
    f.app.services.limits.engine.reloadPolicies();
    const { key } = await f.key();
    for (let i = 0; i < 3; i++) expect((await f.chat(key)).status).toBe(200);
  });
});
