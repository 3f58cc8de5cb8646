// Export fields: every requested_data field of a known request as the JSONL file holds it, and
// GET /v1/logs/exports/field-restrictions (v1.21), which says which fields the organisation's
// export_settings.deniedFields keep out of exports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLogsTestApp, type LogsTestApp } from '../../../test/kits/logsTestKit.ts';
import type { LogEvent } from '../events.ts';
import { EXPORT_FIELDS } from './fields.ts';

let t: LogsTestApp;
let full: LogEvent;
let bare: LogEvent;

beforeAll(async () => {
  t = await startLogsTestApp();
  full = t.event({
    created_at: Date.parse('2030-07-01T08:30:00.123Z'),
    trace_id: 'trace-every-field',
    ai_org: 'anthropic',
    ai_model: 'claude-3-5-sonnet',
    is_success: false,
    response_status_code: 502,
    response_time: 4321,
    req_units: 11,
    res_units: 22,
    total_units: 33,
    cost: 1.25,
    cost_currency: 'USD',
    request_url: '/v1/messages',
    mode: 'fallback',
    config: 'pc-every-field',
    prompt_slug: 'pp-every-field',
    metadata: { _user: 'erin', team: 'billing' },
    bodies: { request: { model: 'claude-3-5-sonnet', max_tokens: 5 }, response: { type: 'error', error: { type: 'overloaded' } } },
  });
  // A request without bodies, config, prompt or metadata: those fields are null or empty.
  bare = t.event({
    created_at: Date.parse('2030-07-01T08:29:00.000Z'),
    trace_id: 'trace-bare',
    mode: null,
    config: null,
    prompt_slug: null,
    metadata: {},
    bodies: null,
  });
  await t.insert([full, bare]);
});
afterAll(async () => {
  await t.close();
});

async function exported(filters: Record<string, unknown>, requested: readonly string[]) {
  const created = await t.call('POST', '/v1/logs/exports', t.workspace, { filters, requested_data: requested });
  expect(created.status).toBe(200);
  await t.call('POST', `/v1/logs/exports/${created.body.id}/start`, t.workspace);
  await t.app.logsRuntime.exportRunner.idle();
  const file = await t.call('GET', `/v1/logs/exports/${created.body.id}/file`, t.workspace);
  expect(file.status).toBe(200);
  return file.text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('every requested_data field', () => {
  it('holds the values of the request it came from, in the order asked', async () => {
    const [record] = await exported({ trace_id: full.trace_id }, EXPORT_FIELDS);
    expect(Object.keys(record!)).toEqual([...EXPORT_FIELDS]);
    expect(record).toEqual({
      id: full.id,
      trace_id: 'trace-every-field',
      created_at: '2030-07-01T08:30:00.123Z',
      request: { model: 'claude-3-5-sonnet', max_tokens: 5 },
      response: { type: 'error', error: { type: 'overloaded' } },
      is_success: false,
      ai_org: 'anthropic',
      ai_model: 'claude-3-5-sonnet',
      req_units: 11,
      res_units: 22,
      total_units: 33,
      request_url: '/v1/messages',
      cost: 1.25,
      cost_currency: 'USD',
      response_time: 4321,
      response_status_code: 502,
      mode: 'fallback',
      config: 'pc-every-field',
      prompt_slug: 'pp-every-field',
      metadata: { _user: 'erin', team: 'billing' },
    });
  });

  it('gives null for what a request did not have, and {} for no metadata', async () => {
    const [record] = await exported({ trace_id: bare.trace_id }, [
      'id',
      'request',
      'response',
      'mode',
      'config',
      'prompt_slug',
      'metadata',
    ]);
    expect(record).toEqual({ id: bare.id, request: null, response: null, mode: null, config: null, prompt_slug: null, metadata: {} });
  });
});

describe('GET /v1/logs/exports/field-restrictions', () => {
  const restrictions = (headers: Record<string, string>, query = '') =>
    t.call('GET', `/v1/logs/exports/field-restrictions${query}`, headers);
  const ws = () => t.credentials.workspace;

  it('denies nothing by default', async () => {
    const res = await restrictions(t.workspace);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      object: 'export-field-restrictions',
      workspace_id: ws().id,
      denied_fields: [],
      allowed_fields: [...EXPORT_FIELDS],
    });
    // An organisation key names the workspace, or gets the organisation's answer.
    expect((await restrictions(t.admin, `?workspace_id=${ws().slug}`)).body.workspace_id).toBe(ws().id);
    expect((await restrictions(t.admin)).body).toMatchObject({ workspace_id: null, denied_fields: [] });
  });

  it('lists the fields the organisation settings deny, in export field order, and exports follow them', async () => {
    const put = await t.call('PUT', '/v1/admin/organisation/settings', t.admin, {
      export_settings: { deniedFields: ['metadata', 'request', 'cost'] },
    });
    expect(put.status).toBe(200);
    try {
      const allowed = EXPORT_FIELDS.filter((f) => !['metadata', 'request', 'cost'].includes(f));
      for (const [headers, workspaceId] of [
        [t.workspace, ws().id],
        [t.admin, null],
      ] as const) {
        expect((await restrictions(headers)).body).toEqual({
          object: 'export-field-restrictions',
          workspace_id: workspaceId,
          denied_fields: ['request', 'cost', 'metadata'],
          allowed_fields: allowed,
        });
      }
      // What it lists as allowed can be exported; a denied field cannot.
      const refused = await t.call('POST', '/v1/logs/exports', t.workspace, { filters: {}, requested_data: ['id', 'cost'] });
      expect(refused.status).toBe(400);
      expect(refused.body.data.message).toMatch(/do not allow exporting "cost"/);
      const [record] = await exported({ trace_id: full.trace_id }, allowed);
      expect(Object.keys(record!)).toEqual(allowed);
    } finally {
      await t.call('PUT', '/v1/admin/organisation/settings', t.admin, { export_settings: null });
    }
    expect((await restrictions(t.workspace)).body.denied_fields).toEqual([]);
  });

  it('an unknown workspace is a 404', async () => {
    const res = await restrictions(t.admin, '?workspace_id=ws-nope');
    expect(res.status).toBe(404);
    expect(res.body.data.message).toBe('Workspace "ws-nope" was not found');
  });

  it("a workspace key answers for its own workspace and is refused another's", async () => {
    const other = t.addWorkspace('ws-restrictions-other');
    const created = await t.call('POST', '/v1/api-keys/workspace/service', t.admin, {
      name: 'other',
      workspace_id: other.id,
      scopes: ['logs.export'],
    });
    const key = t.as(created.body.key);
    expect((await restrictions(key)).body).toMatchObject({ workspace_id: other.id, denied_fields: [] });
    const refused = await restrictions(key, `?workspace_id=${ws().id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.data.message).toMatch(/the resource is in another workspace/);
  });

  it('needs logs.export', async () => {
    const key = await t.serviceKey(['logs.list', 'logs.view']);
    expect((await restrictions(key.headers)).status).toBe(403);
  });
});
