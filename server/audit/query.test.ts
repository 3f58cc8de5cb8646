// GET /v1/audit-logs against the real app on real SQLite: the documented filters and paging return
// exactly the matching records, newest first, in the documented `{records, total, object}` shape;
// the scope is checked exactly; a caller bound to a workspace sees only that workspace.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers/testApp.ts';
import { addWorkspace, adminKey, call, expectAdminError, workspaceKey, type Headers } from '../../test/kits/catalogTestKit.ts';
import type { WorkspaceRow } from '../control-plane/workspaces/repository.ts';
import { auditLogs, keyIdOf, type AuditRecordView } from '../../test/kits/auditTestKit.ts';

const T0 = Date.parse('2025-03-01T10:00:00.000Z');
const MINUTE = 60_000;
const at = (i: number) => new Date(T0 + i * MINUTE).toISOString();

let t: TestApp;
let clock: number;
let wsB: WorkspaceRow;
let keyB: Headers;
let all: AuditRecordView[];
let configA: string;

beforeEach(async () => {
  clock = T0 - MINUTE;
  t = await startTestApp({ now: () => clock });
  wsB = addWorkspace(t, 'ws-b');
  keyB = await workspaceKey(t, wsB.id); // recorded at -1: an api_key create in workspace B
  const step = (i: number) => (clock = T0 + i * MINUTE);
  const wsA = t.credentials.workspace.id;
  const retry = { retry: { attempts: 1 } };

  step(0);
  expect((await call(t, 'POST', '/v1/configs', t.admin, { name: 'by admin', workspace_id: wsA, config: retry })).status).toBe(200);
  step(1);
  configA = (await call(t, 'POST', '/v1/configs', t.workspace, { name: 'a', config: retry })).body.slug;
  step(2);
  const fromB = await t.app.inject({
    method: 'POST',
    url: '/v1/configs',
    headers: keyB,
    payload: { name: 'b', config: retry },
    remoteAddress: '10.1.2.3',
  });
  expect(fromB.statusCode).toBe(200);
  step(3);
  expect((await call(t, 'PUT', `/v1/configs/${configA}?note=1`, t.workspace, { name: 'a2' })).status).toBe(200);
  step(4);
  expect((await call(t, 'DELETE', `/v1/configs/${fromB.json().slug}`, keyB)).status).toBe(200);
  step(5);
  expect((await call(t, 'DELETE', '/v1/configs/pc-missing-000000', t.admin)).status).toBe(404);
  step(6);
  expect((await call(t, 'POST', '/v1/integrations', t.admin, { name: 'OpenAI', slug: 'openai', ai_provider_id: 'openai' })).status).toBe(
    200,
  );
  step(7);

  const everything = await auditLogs(t, { page_size: 100 });
  all = everything.records;
  expect(everything.total).toBe(8);
});
afterEach(async () => {
  await t.close();
});

const uris = (records: AuditRecordView[]) => records.map((r) => `${r.method} ${r.uri}`);

describe('GET /v1/audit-logs', () => {
  it('answers {records, total, object}, newest first, with the documented fields', async () => {
    const body = await auditLogs(t);
    expect(Object.keys(body).sort()).toEqual(['object', 'records', 'total']);
    expect(body.object).toBe('analytics-graph');
    expect(body.records.map((r) => r.timestamp)).toEqual([at(6), at(5), at(4), at(3), at(2), at(1), at(0), at(-1)]);
    expect(uris(body.records)).toEqual([
      'POST /v1/integrations',
      'DELETE /v1/configs/pc-missing-000000',
      expect.stringMatching(/^DELETE \/v1\/configs\/pc-b-/),
      `PUT /v1/configs/${configA}`,
      'POST /v1/configs',
      'POST /v1/configs',
      'POST /v1/configs',
      'POST /v1/api-keys/workspace/service',
    ]);
    const put = body.records[3]!;
    expect(Object.keys(put).sort()).toEqual(
      [
        'timestamp',
        'method',
        'uri',
        'request_id',
        'request_body',
        'query_params',
        'request_headers',
        'user_id',
        'user_type',
        'organisation_id',
        'workspace_id',
        'response_status_code',
        'resource_type',
        'action',
        'client_ip',
        'country',
        'resource_id',
        'api_key_id',
        'api_key_type',
        'user_agent',
        'status',
      ].sort(),
    );
    expect(put).toMatchObject({
      method: 'PUT',
      request_id: expect.any(String),
      user_id: keyIdOf(t, t.workspace),
      user_type: 'api_key',
      organisation_id: t.credentials.organisation_id,
      workspace_id: t.credentials.workspace.id,
      response_status_code: 200,
      resource_type: 'config',
      resource_id: configA,
      action: 'update',
      client_ip: '127.0.0.1',
      country: null,
      api_key_id: keyIdOf(t, t.workspace),
      api_key_type: 'workspace-service',
      status: 'success',
    });
    // Bodies, query strings and headers are JSON strings, headers with the key masked.
    expect(JSON.parse(put.request_body!)).toEqual({ name: 'a2' });
    expect(JSON.parse(put.query_params!)).toEqual({ note: '1' });
    expect(JSON.parse(put.request_headers!)['x-portkey-api-key']).toBe('********');
  });

  it('filters by time range, inclusive at both ends', async () => {
    const res = await auditLogs(t, { start_time: at(2), end_time: at(4) });
    expect(res.records.map((r) => r.timestamp)).toEqual([at(4), at(3), at(2)]);
    expect(res.total).toBe(3);
    // Any ISO 8601 spelling of the same instant works.
    const offset = await auditLogs(t, { start_time: '2025-03-01T11:05:00+01:00' });
    expect(offset.records.map((r) => r.timestamp)).toEqual([at(6), at(5)]);
  });

  it.each<
    [
      string,
      (ctx: { adminId: string; wsKeyId: string; keyBId: string }) => [Record<string, string | number>, (r: AuditRecordView) => boolean],
    ]
  >([
    ['method', () => [{ method: 'DELETE' }, (r) => r.method === 'DELETE']],
    ['uri (exact)', () => [{ uri: '/v1/configs' }, (r) => r.uri === '/v1/configs']],
    ['uri (prefix with *)', () => [{ uri: '/v1/configs*' }, (r) => r.uri.startsWith('/v1/configs')]],
    ['user_id (a service key is its own actor)', ({ keyBId }) => [{ user_id: keyBId }, (r) => r.api_key_id === keyBId]],
    ['api_key_id', ({ adminId }) => [{ api_key_id: adminId }, (r) => r.api_key_id === adminId]],
    ['user_type api_key', () => [{ user_type: 'api_key' }, () => true]],
    ['user_type user', () => [{ user_type: 'user' }, () => false]],
    ['workspace_id (id)', () => [{ workspace_id: wsB.id }, (r) => r.workspace_id === wsB.id]],
    ['workspace_id (slug)', () => [{ workspace_id: 'ws-b' }, (r) => r.workspace_id === wsB.id]],
    ['response_status_code', () => [{ response_status_code: 404 }, (r) => r.response_status_code === 404]],
    ['resource_type', () => [{ resource_type: 'integration' }, (r) => r.resource_type === 'integration']],
    ['action', () => [{ action: 'delete' }, (r) => r.action === 'delete']],
    ['resource_id', () => [{ resource_id: configA }, (r) => r.resource_id === configA]],
    ['client_ip', () => [{ client_ip: '10.1.2.3' }, (r) => r.client_ip === '10.1.2.3']],
    ['organisation_id (ours)', () => [{ organisation_id: t.credentials.organisation_id }, () => true]],
    ['organisation_id (another)', () => [{ organisation_id: '00000000-0000-4000-8000-000000000000' }, () => false]],
    // There is no IP-to-country database offline: no record has a country.
    ['country', () => [{ country: 'US' }, () => false]],
    [
      'several at once',
      ({ wsKeyId }) => [
        { method: 'POST', api_key_id: wsKeyId, resource_type: 'config' },
        (r) => r.method === 'POST' && r.api_key_id === wsKeyId,
      ],
    ],
  ])('filters by %s', async (_, make) => {
    const [query, keep] = make({ adminId: keyIdOf(t, t.admin), wsKeyId: keyIdOf(t, t.workspace), keyBId: keyIdOf(t, keyB) });
    const expected = all.filter(keep);
    const res = await auditLogs(t, { ...query, page_size: 100 });
    expect(res.records).toEqual(expected);
    expect(res.total).toBe(expected.length);
  });

  it('finds one request by its request_id', async () => {
    const one = all[4]!;
    expect((await auditLogs(t, { request_id: one.request_id })).records).toEqual([one]);
  });

  it('pages with current_page and page_size, total counting every match', async () => {
    const pages = [];
    for (const current_page of [0, 1, 2, 3]) pages.push(await auditLogs(t, { page_size: 3, current_page }));
    expect(pages.map((p) => p.total)).toEqual([8, 8, 8, 8]);
    expect(pages.map((p) => p.records)).toEqual([all.slice(0, 3), all.slice(3, 6), all.slice(6, 8), []]);
    expect(await auditLogs(t, { page_size: 0 })).toEqual({ records: [], total: 8, object: 'analytics-graph' });
  });

  it('refuses malformed filters with 400 AB01', async () => {
    for (const query of [
      'start_time=yesterday',
      'end_time=2025-13-45',
      `start_time=${at(5)}&end_time=${at(1)}`,
      'method=GET',
      'page_size=101',
      'user_type=robot',
    ]) {
      const res = await call(t, 'GET', `/v1/audit-logs?${query}`, t.admin);
      expect(res.status, query).toBe(400);
      expect(res.body.data.errorCode).toBe('AB01');
    }
  });

  it('needs the audit_logs.list scope, exactly', async () => {
    const narrow = await adminKey(t, ['configs.list', 'logs.list']);
    expectAdminError(await call(t, 'GET', '/v1/audit-logs', narrow), 403, 'AB03', /audit_logs\.list/);
    expectAdminError(await call(t, 'GET', '/v1/audit-logs', t.workspace), 403, 'AB03', /audit_logs\.list/);
    const listing = await adminKey(t, ['audit_logs.list']);
    expect((await auditLogs(t, {}, listing)).total).toBeGreaterThan(0);
  });

  it('shows a caller bound to a workspace only that workspace, and refuses another', async () => {
    // Only admin keys may be given audit_logs.list through the API (spec §3.2); JWTs and future
    // workspace roles can carry it, so the key's scopes are set in SQLite to stand in for them.
    const keyBId = keyIdOf(t, keyB);
    t.stores.db.prepare("UPDATE api_keys SET scopes = json_insert(scopes, '$[#]', 'audit_logs.list') WHERE id = ?").run(keyBId);
    t.app.services.keyCache.invalidate(keyBId);

    const own = await auditLogs(t, { page_size: 100 }, keyB);
    expect(own.records).toEqual(all.filter((r) => r.workspace_id === wsB.id));
    expect(own.records.map((r) => r.uri)).toEqual([
      expect.stringMatching(/^\/v1\/configs\/pc-b-/),
      '/v1/configs',
      '/v1/api-keys/workspace/service',
    ]);
    expect((await auditLogs(t, { workspace_id: 'ws-b' }, keyB)).total).toBe(3);
    expectAdminError(
      await call(t, 'GET', `/v1/audit-logs?workspace_id=${t.credentials.workspace.slug}`, keyB),
      403,
      'AB03',
      /another workspace/,
    );
  });
});
