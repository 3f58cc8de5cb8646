// Budgets on the request path (issue 14 items 1-3, 6): real gateway, real SQLite, the loopback mock
// LLM with a priced model (1 cent per token, 3 tokens per call), the portkey-ai SDK for the Admin
// API where it has methods. An exhausted budget is a 412 in the gateway's envelope, logged, with no
// upstream call; usage shows as USD with its fractions; alerts reach the audit log and the
// notifications list; raising the limit reactivates; resets happen on time.
import { afterEach, describe, expect, it } from 'vitest';
import { Portkey } from 'portkey-ai';
import { START, TOKENS_PER_CALL, startLimits, type LimitsFixture } from '../helpers/limits.ts';

let f: LimitsFixture;
afterEach(async () => {
  await f?.close();
});

const COST = TOKENS_PER_CALL * 0.01; // USD per call

function sdk(apiKey: string) {
  return new Portkey({ baseURL: `${f.url}/v1`, apiKey });
}

async function notifications(): Promise<
  { type: string; subject_type: string; subject_id: string; message: string; data: Record<string, unknown> }[]
> {
  return (await f.api('GET', '/v1/notifications')).body.data as never;
}

describe('API key budgets', () => {
  it('meter each call in USD, alert at the threshold, refuse with 412 once exhausted, and reactivate when raised', async () => {
    f = await startLimits();
    const admin = sdk(f.credentials.admin_api_key);
    const { id, key } = await f.key({ usage_limits: { credit_limit: 2, alert_threshold: 1, type: 'cost' } });
    const before = f.mock.requests.length;

    let served = 0;
    let refused: Response | null = null;
    for (let i = 0; i < 80 && !refused; i++) {
      const res = await f.chat(key, { headers: { 'x-portkey-trace-id': `budget-${i}` } });
      if (res.status === 200) served += 1;
      else refused = res;
      await res.arrayBuffer().catch(() => undefined);
    }
    // $2 at $0.03 a call: the 68th call finds $2.01 spent.
    expect(served).toBe(67);
    expect(refused!.status).toBe(412);
    expect(f.mock.requests.length - before).toBe(67);

    const refusal = await f.chat(key, { headers: { 'x-portkey-trace-id': 'budget-refused' } });
    expect(refusal.status).toBe(412);
    expect(refusal.headers.get('x-portkey-trace-id')).toBe('budget-refused');
    const body = (await refusal.json()) as { error: { message: string; type: string; code: string } };
    expect(body.error.type).toBe('budget_exceeded');
    expect(body.error.code).toBe('budget_exhausted');
    expect(body.error.message).toMatch(/budget of API key "limits \w+" is exhausted: \$2\.01 of \$2\.00 used/);
    expect(body.error.message).toMatch(/raise its usage_limits\.credit_limit or send reset_usage/);
    expect(f.mock.requests.length - before).toBe(67);
    const log = await f.logByTrace('budget-refused');
    expect(log.metrics).toMatchObject({ response_status_code: 412, upstream_response_time: null, cost: 0 });

    // The Admin API (portkey-ai SDK) shows the usage in USD, fractions kept, and the status.
    const view = (await admin.apiKeys.retrieve({ id })) as unknown as Record<string, unknown> & { usage_limits: Record<string, unknown> };
    expect(view.status).toBe('exhausted');
    expect(view.current_usage).toBeCloseTo(67 * COST, 10);
    expect(view.usage_limits).toMatchObject({ credit_limit: 2, alert_threshold: 1, enforced: true });
    expect(view.usage_limits.current_usage).toBeCloseTo(2.01, 10);

    // One threshold alert and one exhaustion, each as an audit event and a notification.
    const alerts = await notifications();
    expect(alerts.map((n) => n.type).sort()).toEqual(['usage_limit.exhausted', 'usage_limit.threshold_reached']);
    expect(alerts.every((n) => n.subject_type === 'api_key' && n.subject_id === id)).toBe(true);
    const exhausted = alerts.find((n) => n.type === 'usage_limit.exhausted')!;
    expect(exhausted.data).toMatchObject({ budget_type: 'cost', credit_limit: 2, unit: 'USD' });
    f.app.services.audit.flush();
    const audit = (await f.api('GET', '/v1/audit-logs?resource_type=api_key')).body as {
      records: { action: string; resource_id: string }[];
    };
    const usageEvents = audit.records.filter((r) => r.resource_id === id && r.action.startsWith('usage_'));
    expect(usageEvents.map((r) => r.action).sort()).toEqual(['usage_exhausted', 'usage_threshold_reached']);

    // Raising the limit reactivates the key at once and re-arms the alerts (changelog v1.7.0, v1.11.0).
    await admin.apiKeys.update({ id, usage_limits: { credit_limit: 3, alert_threshold: 2.5, type: 'cost' } });
    expect((await f.chat(key)).status).toBe(200);
    expect(((await admin.apiKeys.retrieve({ id })) as unknown as { status: string }).status).toBe('active');

    // reset_usage zeroes it.
    await admin.apiKeys.update({ id, reset_usage: true });
    const reset = (await admin.apiKeys.retrieve({ id })) as unknown as { current_usage: number; last_reset_at: string };
    expect(reset.current_usage).toBe(0);
    expect(reset.last_reset_at).toBe(new Date(START).toISOString());
  });

  it('resets weekly on Monday 00:00 UTC (the worker runs the reset once it is due)', async () => {
    f = await startLimits();
    const { id, key } = await f.key({ usage_limits: { credit_limit: 1, type: 'cost', periodic_reset: 'weekly' } });
    for (let i = 0; i < 34; i++) await (await f.chat(key)).arrayBuffer();
    expect((await f.chat(key)).status).toBe(412);
    const view = (await f.api('GET', `/v1/api-keys/${id}`)).body as { usage_limits: { next_usage_reset_at: string } };
    // START is a Wednesday: the next reset is the coming Monday.
    expect(view.usage_limits.next_usage_reset_at).toBe('2026-03-09T00:00:00.000Z');

    f.clock.now = Date.parse('2026-03-08T23:59:59Z');
    f.tick();
    expect((await f.chat(key)).status).toBe(412);
    f.clock.now = Date.parse('2026-03-09T00:00:01Z');
    f.tick();
    expect((await f.chat(key)).status).toBe(200);
    const after = (await f.api('GET', `/v1/api-keys/${id}`)).body as { current_usage: number; last_reset_at: string; status: string };
    expect(after.status).toBe('active');
    expect(after.current_usage).toBeCloseTo(COST, 10);
    expect(after.last_reset_at).toBe('2026-03-09T00:00:01.000Z');
  });

  it('counts a cache hit as a request that costs nothing', async () => {
    f = await startLimits();
    const { id, key } = await f.key({ usage_limits: { credit_limit: 100, type: 'tokens' } });
    const config = JSON.stringify({ provider: '@priced', cache: { mode: 'simple' } });
    for (let i = 0; i < 2; i++) await (await f.chat(key, { headers: { 'x-portkey-config': config } })).arrayBuffer();
    const view = (await f.api('GET', `/v1/api-keys/${id}`)).body as { current_usage: number };
    // Tokens count on the hit too (the stored answer's usage); the mock answered once.
    expect(view.current_usage).toBe(2 * TOKENS_PER_CALL);
    expect(f.mock.requests.length).toBe(1);
  });
});

describe('workspace, provider and allocation budgets', () => {
  it('refuse with 412 naming which budget ran out', async () => {
    f = await startLimits();
    const { key } = await f.key();
    const ws = f.credentials.workspace.id;
    const set = await f.api('PUT', `/v1/admin/workspaces/${ws}`, { usage_limits: [{ credit_limit: 100, type: 'tokens' }] });
    expect(set.body).toMatchObject({ id: ws });
    for (let i = 0; i < 34; i++) expect((await f.chat(key)).status).toBe(200);
    const refusal = await f.chat(key);
    expect(refusal.status).toBe(412);
    expect(((await refusal.json()) as { error: { message: string } }).error.message).toMatch(
      /budget of workspace "ws-default" is exhausted: 102 tokens of 100 tokens used/,
    );
    const wsView = (await f.api('GET', `/v1/admin/workspaces/${ws}`)).body as { usage_limits: { current_usage: number; status: string }[] };
    expect(wsView.usage_limits[0]).toMatchObject({ current_usage: 102, status: 'exhausted' });
    // Workspace reset_usage lifts it.
    await f.api('PUT', `/v1/admin/workspaces/${ws}`, { reset_usage: true });
    expect((await f.chat(key)).status).toBe(200);

    await f.api('PUT', `/v1/admin/workspaces/${ws}`, { usage_limits: [] });
    expect(
      (await f.api('PUT', `/v1/providers/priced?workspace_id=${ws}`, { usage_limits: { credit_limit: 1, type: 'cost' } })).status,
    ).toBe(200);
    for (let i = 0; i < 34; i++) expect((await f.chat(key)).status).toBe(200);
    const byProvider = await f.chat(key);
    expect(byProvider.status).toBe(412);
    expect(((await byProvider.json()) as { error: { message: string } }).error.message).toMatch(/budget of provider @priced is exhausted/);
    const provider = (await f.api('GET', `/v1/providers/priced?workspace_id=${ws}`)).body as { status: string; current_usage: number };
    expect(provider.status).toBe('exhausted');
    expect(provider.current_usage).toBeCloseTo(1.02, 10);
  });

  it('a provider budget that resets serves again, even after the catalog reloaded the provider', async () => {
    f = await startLimits();
    const ws = f.credentials.workspace.id;
    await f.api('PUT', `/v1/providers/priced?workspace_id=${ws}`, {
      usage_limits: { credit_limit: 1, type: 'cost', periodic_reset: 'weekly' },
    });
    const { key } = await f.key();
    for (let i = 0; i < 34; i++) expect((await f.chat(key)).status).toBe(200);
    expect((await f.chat(key)).status).toBe(412);
    f.tick();
    // Any catalog write makes the gateway read the provider again from its row.
    await f.api('PUT', `/v1/providers/priced?workspace_id=${ws}`, { note: 'still here' });
    expect((await f.chat(key)).status).toBe(412);
    f.clock.now = Date.parse('2026-03-09T00:00:01Z');
    f.tick();
    expect((await f.chat(key)).status).toBe(200);
    expect((await f.api('GET', `/v1/providers/priced?workspace_id=${ws}`)).body).toMatchObject({ status: 'active' });
  });

  it("meters an organisation integration's allocation to the workspace", async () => {
    f = await startLimits();
    const ws = f.credentials.workspace.id;
    const org = await f.api('POST', '/v1/integrations', {
      name: 'shared',
      slug: 'shared',
      ai_provider_id: 'openai',
      key: 'sk-shared',
      configurations: { custom_host: `${f.mock.url}/v1` },
    });
    expect(org.status).toBe(200);
    const grant = await f.api('PUT', '/v1/integrations/shared/workspaces', {
      workspaces: [{ id: ws, enabled: true, usage_limits: [{ credit_limit: 100, type: 'tokens' }] }],
    });
    expect(grant.status).toBe(200);
    const { key } = await f.key();
    for (let i = 0; i < 34; i++) expect((await f.chat(key, { model: '@shared/gpt-4o' })).status).toBe(200);
    const refusal = await f.chat(key, { model: '@shared/gpt-4o' });
    expect(refusal.status).toBe(412);
    expect(((await refusal.json()) as { error: { message: string } }).error.message).toMatch(
      /budget of integration "shared" in workspace "ws-default" is exhausted/,
    );
    const list = (await f.api('GET', '/v1/integrations/shared/workspaces')).body as {
      workspaces: { id: string; usage_limits: { current_usage: number }[] }[];
    };
    expect(list.workspaces.find((w) => w.id === ws)!.usage_limits[0]!.current_usage).toBe(102);
  });
});

describe('USAGE_LIMITS_ENABLED=OFF', () => {
  it('lets every request through, counts nothing, and the limit fields say so', async () => {
    f = await startLimits({ env: { USAGE_LIMITS_ENABLED: 'OFF' } });
    const { id, key } = await f.key({
      usage_limits: { credit_limit: 1, type: 'cost' },
      rate_limits: [{ type: 'requests', unit: 'rpm', value: 1 }],
    });
    for (let i = 0; i < 40; i++) expect((await f.chat(key)).status).toBe(200);
    const view = (await f.api('GET', `/v1/api-keys/${id}`)).body as { current_usage: number; usage_limits: { enforced: boolean } };
    expect(view.current_usage).toBe(0);
    expect(view.usage_limits.enforced).toBe(false);
  });
});
