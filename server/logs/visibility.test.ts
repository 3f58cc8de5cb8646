// Data visibility (spec §3.3): with membersViewAllData / managersViewAllData off, a member's or
// manager's user key sees only the rows made by that user's keys, in the list, in a single log and
// in exports; workspace admins, organisation owners/admins and service keys always see everything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEvent } from './events.ts';
import { allPages, newestFirst, startLogsTestApp, type LogsTestApp } from '../../test/kits/logsTestKit.ts';

const SCOPES = ['logs.list', 'logs.view', 'logs.export', 'logs.write', 'completions.write'];

let t: LogsTestApp;
type Person = { userId: string; key: { id: string; headers: Record<string, string> } };
let member: Person & { second: { id: string; headers: Record<string, string> } };
let manager: Person;
let wsAdmin: Person;
let orgAdmin: Person;
let service: { id: string; headers: Record<string, string> };
let rows: { member: LogEvent[]; manager: LogEvent[]; wsAdmin: LogEvent[]; service: LogEvent[] };
let all: LogEvent[];

async function person(role: 'admin' | 'member', workspaceRole?: 'admin' | 'manager' | 'member'): Promise<Person> {
  const userId = t.addUser(role, workspaceRole);
  return { userId, key: await t.userKey(userId, SCOPES) };
}

beforeAll(async () => {
  t = await startLogsTestApp();
  const m = await person('member', 'member');
  member = { ...m, second: await t.userKey(m.userId, SCOPES) };
  manager = await person('member', 'manager');
  wsAdmin = await person('member', 'admin');
  orgAdmin = await person('admin');
  service = await t.serviceKey(SCOPES);
  const by = (p: { userId: string | null; keyId: string }, n: number, start: number) =>
    Array.from({ length: n }, (_, i) =>
      t.event({ api_key_id: p.keyId, user_id: p.userId, created_at: Date.parse('2030-06-01T00:00:00Z') + (start + i) * 1000 }),
    );
  rows = {
    member: [
      ...by({ userId: member.userId, keyId: member.key.id }, 3, 0),
      ...by({ userId: member.userId, keyId: member.second.id }, 2, 10),
      // Made by a key of theirs that has since been deleted: still theirs, through the user id.
      ...by({ userId: member.userId, keyId: 'deleted-key' }, 1, 20),
    ],
    manager: by({ userId: manager.userId, keyId: manager.key.id }, 4, 30),
    wsAdmin: by({ userId: wsAdmin.userId, keyId: wsAdmin.key.id }, 2, 40),
    service: by({ userId: null, keyId: service.id }, 5, 50),
  };
  all = [...rows.member, ...rows.manager, ...rows.wsAdmin, ...rows.service];
  await t.insert(all);
});
afterAll(async () => {
  await t.close();
});

const everyone = () => newestFirst(all);
const seenBy = (headers: Record<string, string>) => allPages(t, '', headers);

describe('with the defaults (both settings true), everyone sees every row of the workspace', () => {
  it.each(['member', 'manager', 'wsAdmin', 'orgAdmin', 'service'] as const)('%s', async (who) => {
    const headers = who === 'service' ? service.headers : { member, manager, wsAdmin, orgAdmin }[who].key.headers;
    expect(await seenBy(headers)).toEqual(everyone());
  });
});

describe('membersViewAllData: false', () => {
  beforeAll(() => t.setSettings({ membersViewAllData: false }));
  afterAll(() => t.setSettings({}));

  it("a member's keys see only rows made by that member's keys", async () => {
    expect(await seenBy(member.key.headers)).toEqual(newestFirst(rows.member));
    expect(await seenBy(member.second.headers)).toEqual(newestFirst(rows.member));
    const total = await t.call('GET', '/v1/logs?page_size=1', member.key.headers);
    expect(total.body.total).toBe(6);
  });

  it('a single log of someone else is a 404 to the member; their own is not', async () => {
    expect((await t.call('GET', `/v1/logs/${rows.manager[0]!.id}`, member.key.headers)).status).toBe(404);
    expect((await t.call('GET', `/v1/logs/${rows.service[0]!.id}`, member.key.headers)).status).toBe(404);
    expect((await t.call('GET', `/v1/logs/${rows.member[3]!.id}`, member.key.headers)).status).toBe(200);
  });

  it('managers, workspace admins, organisation admins and service keys still see everything', async () => {
    for (const headers of [manager.key.headers, wsAdmin.key.headers, orgAdmin.key.headers, service.headers, t.workspace, t.admin]) {
      expect(await seenBy(headers)).toEqual(everyone());
    }
  });

  it('filters narrow further within what the member may see', async () => {
    const own = rows.member[0]!;
    expect(await allPages(t, `trace_id=${own.trace_id}`, member.key.headers)).toEqual([own.id]);
    expect(await allPages(t, `trace_id=${rows.manager[0]!.trace_id}`, member.key.headers)).toEqual([]);
    expect(await allPages(t, `api_key_ids=${manager.key.id}`, member.key.headers)).toEqual([]);
  });
});

describe('managersViewAllData: false', () => {
  beforeAll(() => t.setSettings({ managersViewAllData: false }));
  afterAll(() => t.setSettings({}));

  it('a manager sees only their own rows; members (still allowed) see everything', async () => {
    expect(await seenBy(manager.key.headers)).toEqual(newestFirst(rows.manager));
    expect(await seenBy(member.key.headers)).toEqual(everyone());
  });
});

describe('both off', () => {
  beforeAll(() => t.setSettings({ membersViewAllData: false, managersViewAllData: false }));
  afterAll(() => t.setSettings({}));

  it('workspace admins and organisation admins are not limited', async () => {
    expect(await seenBy(wsAdmin.key.headers)).toEqual(everyone());
    expect(await seenBy(orgAdmin.key.headers)).toEqual(everyone());
    expect(await seenBy(manager.key.headers)).toEqual(newestFirst(rows.manager));
  });

  it("a member's export holds only their rows, whoever starts or downloads it; user keys list only their own exports", async () => {
    const mine = await t.call('POST', '/v1/logs/exports', member.key.headers, { filters: {}, requested_data: ['id'] });
    expect(mine.body.total).toBe(6);
    const theirs = await t.call('POST', '/v1/logs/exports', service.headers, { filters: {}, requested_data: ['id'] });
    expect(theirs.body.total).toBe(all.length);

    // The service key starts the member's export; it still holds the member's rows only.
    expect((await t.call('POST', `/v1/logs/exports/${mine.body.id}/start`, service.headers)).status).toBe(200);
    await t.app.logsRuntime.exportRunner.idle();
    const file = await t.call('GET', `/v1/logs/exports/${mine.body.id}/file`, member.key.headers);
    expect(file.status).toBe(200);
    expect(
      file.text
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as { id: string }).id),
    ).toEqual(newestFirst(rows.member));

    const listed = await t.call('GET', '/v1/logs/exports', member.key.headers);
    expect(listed.body.data.map((e: { id: string }) => e.id)).toEqual([mine.body.id]);
    expect((await t.call('GET', `/v1/logs/exports/${theirs.body.id}`, member.key.headers)).status).toBe(404);
    expect((await t.call('GET', `/v1/logs/exports/${mine.body.id}`, manager.key.headers)).status).toBe(404);
    const serviceList = await t.call('GET', '/v1/logs/exports', service.headers);
    expect(serviceList.body.data.map((e: { id: string }) => e.id).sort()).toEqual([mine.body.id, theirs.body.id].sort());
  });

  it('a member may change only the feedback they gave', async () => {
    const trace = rows.member[0]!.trace_id;
    const given = await t.call('POST', '/v1/feedback', service.headers, { trace_id: trace, value: 3 });
    const own = await t.call('POST', '/v1/feedback', member.key.headers, { trace_id: trace, value: 1 });
    expect((await t.call('PUT', `/v1/feedback/${given.body.feedback_ids[0]}`, member.key.headers, { value: -5 })).status).toBe(404);
    expect((await t.call('PUT', `/v1/feedback/${own.body.feedback_ids[0]}`, member.key.headers, { value: -5 })).status).toBe(200);
  });
});

describe("a workspace's own data-visibility values, through the settings API", () => {
  const put = (url: string, body: unknown) => t.call('PUT', url, t.admin, body);
  const wsSettings = () => `/v1/admin/workspaces/${t.credentials.workspace.id}/settings`;
  afterAll(() => t.setSettings({}));

  it('count only while the organisation lets workspaces set data_visibility', async () => {
    // Closed section: the workspace cannot hold its own value.
    const refused = await put(wsSettings(), { membersViewAllData: false });
    expect(refused.status).toBe(403);
    expect(refused.body.data.message).toMatch(/"data_visibility" settings \(membersViewAllData\)/);
    expect(await seenBy(member.key.headers)).toEqual(everyone());

    expect((await put('/v1/admin/organisation/settings', { workspace_overrides: { data_visibility: true } })).status).toBe(200);
    const own = await put(wsSettings(), { membersViewAllData: false });
    expect(own.status).toBe(200);
    expect(own.body.effective.membersViewAllData).toBe(false);
    // The workspace's value holds there; the organisation's own value is unchanged.
    expect(await seenBy(member.key.headers)).toEqual(newestFirst(rows.member));
    expect((await t.call('GET', '/v1/admin/organisation/settings', t.admin)).body.settings.membersViewAllData).toBe(true);

    // Closing the section again makes the stored workspace value stop counting.
    expect((await put('/v1/admin/organisation/settings', { workspace_overrides: { data_visibility: false } })).status).toBe(200);
    expect(await seenBy(member.key.headers)).toEqual(everyone());
  });
});
