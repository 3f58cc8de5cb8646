// What a developer can see of their own limits (issue 14 item 8): GET /v1/usage with the key they
// call the gateway with, no admin scope needed, shows the budget and rate-limit headroom of the key,
// its workspace, its providers and the policies that apply to it; reading counts nothing. And who
// sees the budget notifications (GET /v1/notifications).
import { afterEach, describe, expect, it } from 'vitest';
import { START, TOKENS_PER_CALL, startLimits, type LimitsFixture } from '../helpers/limits.ts';

let f: LimitsFixture;
afterEach(async () => {
  await f?.close();
});

type Json = Record<string, unknown>;
async function usage(key: string): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${f.url}/v1/usage`, { headers: { 'x-portkey-api-key': key } });
  return { status: res.status, body: (await res.json()) as never };
}

describe('GET /v1/usage', () => {
  it("shows the caller's budget and rate-limit headroom, and reading it counts nothing", async () => {
    f = await startLimits();
    const ws = f.credentials.workspace.id;
    await f.api('PUT', `/v1/admin/workspaces/${ws}`, {
      usage_limits: [{ credit_limit: 1000, type: 'tokens', periodic_reset: 'monthly' }],
      rate_limits: [{ type: 'requests', unit: 'rph', value: 100 }],
    });
    await f.api('PUT', `/v1/providers/priced?workspace_id=${ws}`, {
      usage_limits: { credit_limit: 50, type: 'cost' },
      max_concurrent_requests: 8,
    });
    await f.api('POST', '/v1/policies/usage-limits', {
      name: 'per key',
      conditions: [{ key: 'api_key', value: '*' }],
      group_by: [{ key: 'api_key' }],
      type: 'requests',
      credit_limit: 500,
    });
    await f.api('POST', '/v1/policies/rate-limits', {
      name: 'per user',
      conditions: [{ key: 'api_key', value: '*' }],
      group_by: [{ key: 'metadata._user' }],
      type: 'tokens',
      unit: 'rpm',
      value: 1000,
    });
    // A key with completions.write only: no admin scope at all.
    const { id, key } = await f.key({
      usage_limits: { credit_limit: 2, alert_threshold: 1, type: 'cost', periodic_reset: 'weekly' },
      rate_limits: [
        { type: 'requests', unit: 'rpm', value: 10 },
        { type: 'tokens', unit: 'rpd', value: 300 },
      ],
    });
    for (let i = 0; i < 3; i++) expect((await f.chat(key)).status).toBe(200);

    const first = await usage(key);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      object: 'usage',
      usage_limits_enabled: true,
      policies_enabled: true,
      api_key: {
        id,
        budget: { type: 'cost', credit_limit: 2, status: 'active', next_usage_reset_at: '2026-03-09T00:00:00.000Z', enforced: true },
        rate_limits: [
          { type: 'requests', unit: 'rpm', value: 10, used: 3, remaining: 7 },
          { type: 'tokens', unit: 'rpd', value: 300, used: 3 * TOKENS_PER_CALL, remaining: 300 - 3 * TOKENS_PER_CALL },
        ],
      },
      workspace: {
        id: ws,
        budgets: [
          { type: 'tokens', credit_limit: 1000, current_usage: 9, remaining: 991, next_usage_reset_at: '2026-04-01T00:00:00.000Z' },
        ],
        rate_limits: [{ type: 'requests', unit: 'rph', value: 100, used: 3, remaining: 97 }],
      },
      providers: [{ slug: 'priced', max_concurrent_requests: 8, budget: { type: 'cost', credit_limit: 50 } }],
    });
    const budget = (first.body.api_key as unknown as { budget: { current_usage: number; remaining: number } }).budget;
    expect(budget.current_usage).toBeCloseTo(0.09, 9);
    expect(budget.remaining).toBeCloseTo(1.91, 9);
    const policies = first.body.policies as unknown as Json[];
    expect(policies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'usage_limit', name: 'per key', value_key: `api_key:${id}`, current_usage: 3, remaining: 497 }),
        // Grouped by the request's metadata: which counter applies depends on each request.
        expect.objectContaining({ kind: 'rate_limit', name: 'per user', depends_on_request: true, value_key: null }),
      ]),
    );

    // Asking again counted nothing.
    const again = await usage(key);
    expect((again.body.api_key as unknown as { rate_limits: { used: number }[] }).rate_limits[0]!.used).toBe(3);
    expect(START).toBeGreaterThan(0);
  });

  it('is for gateway keys: organisation admin keys and signed-in people are refused', async () => {
    f = await startLimits();
    expect((await usage(f.credentials.admin_api_key)).status).toBe(403);
    expect((await fetch(`${f.url}/v1/usage`)).status).toBe(401);
  });
});

describe('GET /v1/notifications', () => {
  it("shows an organisation admin every workspace's, and a workspace key only its own workspace's", async () => {
    f = await startLimits();
    const other = await f.api('POST', '/v1/admin/workspaces', { name: 'Other' });
    const otherKey = await f.api('POST', '/v1/api-keys/workspace/service', {
      name: 'other',
      workspace_id: other.body.id,
      scopes: ['completions.write', 'workspaces.read'],
      usage_limits: { credit_limit: 100, type: 'tokens' },
    });
    const mine = await f.key({ scopes: ['completions.write', 'workspaces.read'], usage_limits: { credit_limit: 100, type: 'tokens' } });
    for (let i = 0; i < 34; i++) await (await f.chat(mine.key)).arrayBuffer();

    const all = (await f.api('GET', '/v1/notifications')).body as { total: number; data: { subject_id: string; workspace_id: string }[] };
    expect(all.data.map((n) => n.subject_id)).toEqual([mine.id]);
    const own = (await (await fetch(`${f.url}/v1/notifications`, { headers: { 'x-portkey-api-key': mine.key } })).json()) as {
      total: number;
    };
    expect(own.total).toBe(1);
    const theirs = (await (
      await fetch(`${f.url}/v1/notifications`, { headers: { 'x-portkey-api-key': otherKey.body.key as string } })
    ).json()) as {
      total: number;
    };
    expect(theirs.total).toBe(0);
  });
});
