// Who may read analytics and which rows they cover: the analytics.view scope, the organisation's
// membersViewAnalytics / managersViewAnalytics and membersViewAllData / managersViewAllData
// settings (written as JSON, then invalidate()), feedback under those, service keys, archived workspaces.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLogsTestApp, type LogsTestApp } from '../../test/kits/logsTestKit.ts';
import type { LogEvent } from '../logs/events.ts';
import { DAY, DAY_RANGE, addFeedback, at } from '../../test/kits/analyticsTestKit.ts';

let t: LogsTestApp;
type Key = { id: string; headers: Record<string, string> };
const people = {} as Record<'member' | 'manager' | 'wsAdmin' | 'orgAdmin', { userId: string; key: Key }>;
let service: Key;
let noAnalytics: Key;
let logsOnly: Key;
/** The requests below, in order. */
let events: LogEvent[];

const SCOPES = ['analytics.view', 'logs.list', 'logs.view'];

beforeAll(async () => {
  t = await startLogsTestApp();
  const roles = {
    member: ['member', 'member'],
    manager: ['member', 'manager'],
    wsAdmin: ['member', 'admin'],
    orgAdmin: ['admin', 'member'],
  } as const;
  for (const [name, [orgRole, wsRole]] of Object.entries(roles)) {
    const userId = t.addUser(orgRole, wsRole);
    people[name as keyof typeof people] = { userId, key: await t.userKey(userId, SCOPES) };
  }
  service = await t.serviceKey(SCOPES);
  noAnalytics = await t.serviceKey(['logs.list']);
  logsOnly = noAnalytics;
  // Requests made with each person's key (member 1, manager 2, workspace admin 3), with the
  // service key (4), and one by the member's user through another of their keys (user_id only).
  const rows = [
    ...Array.from({ length: 1 }, () => ({ api_key_id: people.member.key.id, user_id: people.member.userId })),
    ...Array.from({ length: 2 }, () => ({ api_key_id: people.manager.key.id, user_id: people.manager.userId })),
    ...Array.from({ length: 3 }, () => ({ api_key_id: people.wsAdmin.key.id, user_id: people.wsAdmin.userId })),
    ...Array.from({ length: 4 }, () => ({ api_key_id: service.id, user_id: null })),
    { api_key_id: 'a-deleted-key', user_id: people.member.userId },
  ];
  events = await t.insert(rows.map((r, i) => t.event({ ...r, created_at: at('10:00') + i, cost: 1 })));
});
afterAll(async () => {
  await t?.close();
});
beforeEach(() => t.setSettings({}));

const requests = async (headers: Record<string, string>, extra = '') => {
  const res = await t.call('GET', `/v1/analytics/graphs/requests?${DAY_RANGE}${extra}`, headers);
  return res.status === 200 ? (res.body.summary.total as number) : res.status;
};

describe('analytics access', () => {
  it('needs the analytics.view scope; log groups also take logs.list', async () => {
    const res = await t.call('GET', `/v1/analytics/graphs/requests?${DAY_RANGE}`, noAnalytics.headers);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ success: false, data: { errorCode: 'AB03' } });
    expect(res.body.data.message).toContain('analytics.view');
    const groups = await t.call('GET', `/v1/logs/groups/model?${DAY_RANGE}`, logsOnly.headers);
    expect(groups.status).toBe(200);
    expect(groups.body.data[0].requests).toBe(11);
  });

  it('membersViewAnalytics=false stops members only', async () => {
    t.setSettings({ membersViewAnalytics: false });
    expect(await requests(people.member.key.headers)).toBe(403);
    expect(await requests(people.manager.key.headers)).toBe(11);
    expect(await requests(people.wsAdmin.key.headers)).toBe(11);
    expect(await requests(people.orgAdmin.key.headers)).toBe(11);
    expect(await requests(service.headers)).toBe(11);
    // Log groups follow the logs' access, not the analytics toggle.
    expect((await t.call('GET', `/v1/logs/groups/model?${DAY_RANGE}`, people.member.key.headers)).status).toBe(200);
  });

  it('managersViewAnalytics=false stops managers only', async () => {
    t.setSettings({ managersViewAnalytics: false });
    expect(await requests(people.manager.key.headers)).toBe(403);
    expect(await requests(people.member.key.headers)).toBe(11);
    expect(await requests(people.wsAdmin.key.headers)).toBe(11);
  });

  it('membersViewAllData=false: a member sees the rows of their own keys and user, the rest see all', async () => {
    t.setSettings({ membersViewAllData: false });
    expect(await requests(people.member.key.headers)).toBe(2);
    expect(await requests(people.manager.key.headers)).toBe(11);
    expect(await requests(people.wsAdmin.key.headers)).toBe(11);
    expect(await requests(people.orgAdmin.key.headers)).toBe(11);
    expect(await requests(service.headers)).toBe(11);
    // Every endpoint applies it: groups, summaries, the log groups.
    const keys = await t.call('GET', `/v1/analytics/groups/api_key?${DAY_RANGE}&columns=cost`, people.member.key.headers);
    expect(keys.body.data.map((d: { api_key: string; requests: number }) => [d.api_key, d.requests]).sort()).toEqual(
      [
        ['a-deleted-key', 1],
        [people.member.key.id, 1],
      ].sort(),
    );
    const cache = await t.call('GET', `/v1/analytics/summary/cache?${DAY_RANGE}`, people.member.key.headers);
    expect(cache.body.summary.total_requests).toBe(2);
    const logGroups = await t.call('GET', `/v1/logs/groups/workspace?${DAY_RANGE}`, people.member.key.headers);
    expect(logGroups.body.data[0].requests).toBe(2);
  });

  it('membersViewAllData=false: a member counts only the feedback on their own requests', async () => {
    // Feedback on the member's request (4, and 2 at weight 0.5), the manager's (-6) and the service key's (10 at 0.5, 1).
    const [mine, managers, services] = [events[0]!, events[1]!, events[6]!];
    await addFeedback(t, mine.trace_id, 4, 1, at('11:00'));
    await addFeedback(t, mine.trace_id, 2, 0.5, at('11:01'));
    await addFeedback(t, managers.trace_id, -6, 1, at('11:02'));
    await addFeedback(t, services.trace_id, 10, 0.5, at('11:03'));
    await addFeedback(t, services.trace_id, 1, 1, at('11:04'));
    t.setSettings({ membersViewAllData: false });
    const feedback = async (headers: Record<string, string>) => {
      const graph = async (name: string) => (await t.call('GET', `/v1/analytics/graphs/${name}?${DAY_RANGE}`, headers)).body;
      return {
        total: (await graph('feedbacks')).summary.total,
        weighted: (await graph('feedbacks/weighted')).summary.avg,
        scores: (await graph('feedbacks/scores')).data_points.map((d: { score: number; total: number }) => [d.score, d.total]),
        models: (await graph('feedbacks/ai-models')).summary.total,
      };
    };
    // Weighted: (4 + 2 × 0.5) / 2.
    expect(await feedback(people.member.key.headers)).toEqual({
      total: 2,
      weighted: 2.5,
      scores: [
        [2, 1],
        [4, 1],
      ],
      models: 2,
    });
    // Weighted: (4 + 1 - 6 + 5 + 1) / 5.
    const all = { total: 5, weighted: 1, scores: [-6, 1, 2, 4, 10].map((v) => [v, 1]), models: 5 };
    expect(await feedback(service.headers)).toEqual(all);
    expect(await feedback(people.manager.key.headers)).toEqual(all);
  });

  it('managersViewAllData=false limits managers the same way', async () => {
    t.setSettings({ managersViewAllData: false });
    expect(await requests(people.manager.key.headers)).toBe(2);
    expect(await requests(people.member.key.headers)).toBe(11);
  });
});

describe('workspaces', () => {
  it('an organisation key reads the default workspace unless it names one, archived ones included', async () => {
    const ws = t.addWorkspace('ws-archived');
    await t.insert([t.event({ created_at: at('12:00'), workspace_id: ws.id, workspace_slug: ws.slug })]);
    t.app.services.repos.workspaces.update(ws.id, { status: 'archived' });
    t.app.services.workspaceCache.invalidate(ws.id);
    expect(await requests(t.admin)).toBe(11);
    expect(await requests(t.admin, '&workspace_slug=ws-archived')).toBe(1);
    expect(await requests(t.admin, `&workspace_id=${ws.id}`)).toBe(1);
    // A workspace key's own workspace always wins over the one it names.
    expect(await requests(service.headers, '&workspace_slug=ws-archived')).toBe(11);
    const unknown = await t.call('GET', `/v1/analytics/graphs/requests?${DAY_RANGE}&workspace_slug=ws-nope`, t.admin);
    expect(unknown.status).toBe(404);
  });

  it('the same day in every graph path: nothing outside the day is counted', async () => {
    const next = `time_of_generation_min=${DAY}T23:59:59.999Z&time_of_generation_max=2026-03-03T01:00:00Z`;
    expect((await t.call('GET', `/v1/analytics/graphs/requests?${next}`, t.admin)).body.summary.total).toBe(0);
  });
});
