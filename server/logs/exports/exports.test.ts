// Log exports end to end: a draft with filters and fields, started, run in chunks in the background,
// its JSONL file equal to the filtered rows; paging; cancel mid-way; edits; state errors; access;
// DATA_EXPORTS_ENABLED=OFF; a chunk that fails; and what a restart leaves behind.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEvent } from '../events.ts';
import { allPages, newestFirst, startLogsTestApp, type LogsTestApp } from '../../../test/kits/logsTestKit.ts';

const BASE = Date.parse('2030-05-01T00:00:00Z');
const CHUNK = 7;

let t: LogsTestApp;
let events: LogEvent[];
/** Set by a test to hold an export before one of its chunks. */
let hold: { chunk: number; reached: () => void; release: Promise<void> } | null = null;
/** Set by a test to make one chunk of one export fail, as a read or a write that throws would. */
let failing: { id: string; chunk: number } | null = null;

beforeAll(async () => {
  t = await startLogsTestApp({
    logJobs: {
      exportChunkRows: CHUNK,
      beforeExportChunk: async (id, chunk) => {
        if (failing?.id === id && failing.chunk === chunk) throw new Error('chunk failed (injected by the test)');
        if (hold && chunk === hold.chunk) {
          hold.reached();
          await hold.release;
        }
      },
    },
  });
  events = await t.insert(
    Array.from({ length: 40 }, (_, i) =>
      t.event({
        created_at: BASE + Math.floor(i / 2) * 1000,
        ai_model: i % 3 === 0 ? 'gpt-4o-mini' : 'gpt-4o',
        cost: i * 0.25,
        response_status_code: i % 8 === 0 ? 500 : 200,
        metadata: { team: i % 2 ? 'search' : 'ads', row: String(i) },
        bodies:
          i % 5 === 4
            ? null
            : { request: { model: 'gpt-4o', messages: [{ role: 'user', content: `q${i}` }] }, response: { id: `r${i}`, answer: `a${i}` } },
      }),
    ),
  );
});
afterAll(async () => {
  await t.close();
});

const FIELDS = ['id', 'created_at', 'ai_model', 'cost', 'response_status_code', 'metadata', 'request', 'response', 'trace_id'] as const;

function expectedRecord(e: LogEvent, fields: readonly string[] = FIELDS) {
  const all: Record<string, unknown> = {
    id: e.id,
    created_at: new Date(e.created_at).toISOString(),
    ai_model: e.ai_model,
    cost: e.cost,
    response_status_code: e.response_status_code,
    metadata: e.metadata,
    request: e.bodies?.request ?? null,
    response: e.bodies?.response ?? null,
    trace_id: e.trace_id,
  };
  return Object.fromEntries(fields.map((f) => [f, all[f]]));
}

const byId = (ids: string[]) => ids.map((id) => events.find((e) => e.id === id)!);
const get = (id: string, headers = t.workspace) => t.call('GET', `/v1/logs/exports/${id}`, headers);
const settle = () => t.app.logsRuntime.exportRunner.idle();

async function create(filters: Record<string, unknown>, requested: readonly string[] = FIELDS, headers = t.workspace) {
  const res = await t.call('POST', '/v1/logs/exports', headers, { description: 'test export', filters, requested_data: requested });
  expect(res.status).toBe(200);
  return res.body as { id: string; total: number; object: string };
}

/** The downloaded file, through the URL the download route hands out. */
async function download(id: string, headers = t.workspace) {
  const res = await t.call('GET', `/v1/logs/exports/${id}/download`, headers);
  expect(res.status).toBe(200);
  const url = new URL(res.body.signed_url);
  expect(url.pathname).toBe(`/v1/logs/exports/${id}/file`);
  const file = await t.app.inject({ method: 'GET', url: url.pathname, headers });
  expect(file.statusCode).toBe(200);
  expect(file.headers['content-type']).toMatch(/application\/x-ndjson/);
  expect(file.headers['content-disposition']).toBe(`attachment; filename="logs-export-${id}.jsonl"`);
  return file.body;
}

describe('an export from draft to file', () => {
  it('holds exactly the filtered rows, newest first, with the fields asked for in their order', async () => {
    const filters = { ai_model: 'gpt-4o', cost_min: 2, status_code: '200' };
    const created = await create(filters);
    const expectedIds = newestFirst(events.filter((e) => e.ai_model === 'gpt-4o' && e.cost >= 2 && e.response_status_code === 200));
    expect(created).toMatchObject({ total: expectedIds.length, object: 'export' });
    expect(expectedIds.length).toBeGreaterThan(2 * CHUNK);

    const draft = (await get(created.id)).body;
    expect(draft).toMatchObject({
      id: created.id,
      organisation_id: t.credentials.organisation_id,
      workspace_id: t.credentials.workspace.id,
      filters,
      requested_data: [...FIELDS],
      status: 'draft',
      description: 'test export',
      total_rows: expectedIds.length,
      exported_rows: 0,
      progress: 0,
      object: 'export',
    });

    expect((await t.call('POST', `/v1/logs/exports/${created.id}/start`, t.workspace)).body).toEqual({
      message: `Export ${created.id} started`,
      object: 'export',
    });
    await settle();
    const done = (await get(created.id)).body;
    expect(done).toMatchObject({
      status: 'success',
      total_rows: expectedIds.length,
      exported_rows: expectedIds.length,
      progress: 100,
      error_message: null,
    });

    const lines = (await download(created.id)).trimEnd().split('\n');
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((r) => r.id)).toEqual(expectedIds);
    expect(records).toEqual(byId(expectedIds).map((e) => expectedRecord(e)));
    for (const r of records) expect(Object.keys(r)).toEqual([...FIELDS]);
    // The same rows the log list gives for the same filters.
    expect(await allPages(t, 'ai_model=gpt-4o&cost_min=2&status_code=200', t.workspace)).toEqual(expectedIds);
  });

  it('exports one page of the filtered rows with page_size and current_page', async () => {
    const { id, total } = await create({ metadata: { team: 'search' }, page_size: 5, current_page: 2 }, ['id', 'metadata']);
    const all = newestFirst(events.filter((e) => e.metadata.team === 'search'));
    expect(total).toBe(5);
    await t.call('POST', `/v1/logs/exports/${id}/start`, t.workspace);
    await settle();
    const ids = (await download(id))
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as { id: string }).id);
    expect(ids).toEqual(all.slice(10, 15));
  });

  it('an export nothing matches succeeds with an empty file', async () => {
    const { id, total } = await create({ ai_model: 'no-such-model' }, ['id']);
    expect(total).toBe(0);
    await t.call('POST', `/v1/logs/exports/${id}/start`, t.workspace);
    await settle();
    expect((await get(id)).body).toMatchObject({ status: 'success', total_rows: 0, progress: 100 });
    expect(await download(id)).toBe('');
  });

  it('lists the exports of the workspace, newest first', async () => {
    const res = await t.call('GET', '/v1/logs/exports', t.workspace);
    expect(res.status).toBe(200);
    expect(res.body.object).toBe('list');
    expect(res.body.total).toBeGreaterThanOrEqual(3);
    expect(res.body.data[0]).toMatchObject({ object: 'export', filters: { ai_model: 'no-such-model' } });
    const admin = await t.call('GET', `/v1/logs/exports?workspace_id=${t.credentials.workspace.slug}`, t.admin);
    expect(admin.body.total).toBe(res.body.total);
  });
});

describe('running in the background', () => {
  it('answers other requests while an export is held mid-way; cancel stops it and leaves no file', async () => {
    const { id, total } = await create({}, ['id', 'request', 'response']);
    expect(total).toBe(40);
    let reached!: () => void;
    const atChunk = new Promise<void>((resolve) => (reached = resolve));
    let release!: () => void;
    hold = { chunk: 2, reached, release: new Promise<void>((resolve) => (release = resolve)) };
    try {
      await t.call('POST', `/v1/logs/exports/${id}/start`, t.workspace);
      await atChunk;
      // Two chunks written, the third waiting: progress shows it, and the server still answers.
      expect((await get(id)).body).toMatchObject({ status: 'in_progress', exported_rows: 2 * CHUNK, total_rows: 40, progress: 35 });
      expect((await t.call('GET', '/v1/logs?page_size=1', t.workspace)).status).toBe(200);
      expect(fs.existsSync(path.join(t.config.dataDir, 'exports', `${id}.jsonl.part`))).toBe(true);
      expect((await t.call('GET', `/v1/logs/exports/${id}/download`, t.workspace)).status).toBe(409);
      expect((await t.call('POST', `/v1/logs/exports/${id}/start`, t.workspace)).status).toBe(409);
      expect((await t.call('PUT', `/v1/logs/exports/${id}`, t.workspace, { filters: {} })).status).toBe(409);

      const cancel = await t.call('POST', `/v1/logs/exports/${id}/cancel`, t.workspace);
      expect(cancel.body).toEqual({ message: `Export ${id} cancelled`, object: 'export' });
    } finally {
      release();
      hold = null;
    }
    await settle();
    expect((await get(id)).body).toMatchObject({ status: 'stopped', exported_rows: 2 * CHUNK });
    expect(fs.readdirSync(path.join(t.config.dataDir, 'exports')).filter((f) => f.startsWith(id))).toEqual([]);
    const dl = await t.call('GET', `/v1/logs/exports/${id}/download`, t.workspace);
    expect(dl.status).toBe(409);
    expect(dl.body.data.message).toMatch(/has no file to download yet \(status: stopped/);
    expect((await t.call('POST', `/v1/logs/exports/${id}/cancel`, t.workspace)).status).toBe(409);

    // A stopped export can be started again, and then completes.
    await t.call('POST', `/v1/logs/exports/${id}/start`, t.workspace);
    await settle();
    expect((await download(id)).trimEnd().split('\n')).toHaveLength(40);
  });

  it('a chunk that fails marks the export failed with a message and no file; the next export still runs', async () => {
    const { id, total } = await create({}, ['id']);
    expect(total).toBe(40);
    failing = { id, chunk: 1 };
    try {
      await t.call('POST', `/v1/logs/exports/${id}/start`, t.workspace);
      await settle();
    } finally {
      failing = null;
    }
    const failed = (await get(id)).body;
    // The first chunk was written before the second failed; the cause stays in the appliance log.
    expect(failed).toMatchObject({
      status: 'failed',
      error_message: 'The export failed; the error is in the appliance log',
      exported_rows: CHUNK,
      total_rows: 40,
    });
    expect(failed.finished_at).toEqual(expect.any(String));
    expect(fs.readdirSync(path.join(t.config.dataDir, 'exports')).filter((f) => f.startsWith(id))).toEqual([]);
    const dl = await t.call('GET', `/v1/logs/exports/${id}/download`, t.workspace);
    expect(dl.status).toBe(409);
    expect(dl.body.data.message).toMatch(/\(status: failed, /);

    // The runner goes on: another export completes, and so does the failed one started again.
    const next = await create({ status_code: '500' }, ['id']);
    await t.call('POST', `/v1/logs/exports/${next.id}/start`, t.workspace);
    await settle();
    const ids = (await download(next.id))
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as { id: string }).id);
    expect(ids).toEqual(newestFirst(events.filter((e) => e.response_status_code === 500)));
    await t.call('POST', `/v1/logs/exports/${id}/start`, t.workspace);
    await settle();
    expect((await get(id)).body).toMatchObject({ status: 'success', exported_rows: 40, error_message: null });
    expect((await download(id)).trimEnd().split('\n')).toHaveLength(40);
  });

  it('an export left running by a stopped appliance is marked failed at the next start', async () => {
    const { id } = await create({}, ['id']);
    t.stores.db.prepare("UPDATE log_exports SET status = 'in_progress' WHERE id = ?").run(id);
    expect(t.app.logsRuntime.exportRunner.recover()).toBe(1);
    expect((await get(id)).body).toMatchObject({
      status: 'failed',
      error_message: 'The appliance stopped while this export ran; start it again',
    });
  });
});

describe('editing', () => {
  it('PUT replaces the filters, recounts, and sends a finished export back to draft without its file', async () => {
    const { id } = await create({ status_code: '500' }, ['id']);
    await t.call('POST', `/v1/logs/exports/${id}/start`, t.workspace);
    await settle();
    expect(fs.existsSync(path.join(t.config.dataDir, 'exports', `${id}.jsonl`))).toBe(true);
    const res = await t.call('PUT', `/v1/logs/exports/${id}`, t.workspace, {
      filters: { metadata: { row: '3' } },
      requested_data: ['id', 'metadata'],
      exportId: id,
    });
    expect(res.body).toEqual({ id, total: 1, object: 'export' });
    expect((await get(id)).body).toMatchObject({
      status: 'draft',
      filters: { metadata: { row: '3' } },
      requested_data: ['id', 'metadata'],
      total_rows: 1,
    });
    expect(fs.existsSync(path.join(t.config.dataDir, 'exports', `${id}.jsonl`))).toBe(false);
    await t.call('POST', `/v1/logs/exports/${id}/start`, t.workspace);
    await settle();
    const row3 = events.find((e) => e.metadata.row === '3')!;
    expect(JSON.parse(await download(id))).toEqual({ id: row3.id, metadata: row3.metadata });
  });
});

describe('bad input', () => {
  it.each([
    ['an unknown field', { filters: {}, requested_data: ['id', 'prompt'] }, /requested_data\.1 must be one of: "id"/],
    ['no fields', { filters: {}, requested_data: [] }, /requested_data must NOT have fewer than 1 items/],
    ['no filters', { requested_data: ['id'] }, /must have the property "filters"/],
    ['a bad filter', { filters: { cost_min: 'cheap' }, requested_data: ['id'] }, /Filter cost_min must be a number \(got "cheap"\)/],
    ['an unknown filter', { filters: { colour: 'red' }, requested_data: ['id'] }, /Unknown filter "colour"/],
    ['a page over 50000', { filters: { page_size: 60000 }, requested_data: ['id'] }, /page_size must be a whole number from 1 to 50000/],
  ])('%s is a 400', async (_, body, message) => {
    const res = await t.call('POST', '/v1/logs/exports', t.workspace, body);
    expect(res.status).toBe(400);
    expect(res.body.data.message).toMatch(message);
  });
});

describe('access', () => {
  it('needs logs.export', async () => {
    const key = await t.serviceKey(['logs.list', 'logs.view']);
    expect((await t.call('GET', '/v1/logs/exports', key.headers)).status).toBe(403);
    expect((await t.call('POST', '/v1/logs/exports', key.headers, { filters: {}, requested_data: ['id'] })).status).toBe(403);
  });

  it("another workspace's key sees neither the export nor its file", async () => {
    const { id } = await create({}, ['id']);
    await t.call('POST', `/v1/logs/exports/${id}/start`, t.workspace);
    await settle();
    const ws = t.addWorkspace('ws-exports-other');
    const res = await t.call('POST', '/v1/api-keys/workspace/service', t.admin, {
      name: 'o',
      workspace_id: ws.id,
      scopes: ['logs.export'],
    });
    const other = t.as(res.body.key);
    for (const url of [`/v1/logs/exports/${id}`, `/v1/logs/exports/${id}/download`, `/v1/logs/exports/${id}/file`]) {
      expect((await t.call('GET', url, other)).status).toBe(404);
    }
    expect((await t.call('GET', '/v1/logs/exports', other)).body.total).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: `/v1/logs/exports/${id}/file` })).statusCode).toBe(401);
    // The organisation admin key reaches it.
    expect((await t.call('GET', `/v1/logs/exports/${id}/file`, t.admin)).status).toBe(200);
  });
});

describe('DATA_EXPORTS_ENABLED=OFF', () => {
  it('refuses every export route', async () => {
    const off = await startLogsTestApp({ env: { DATA_EXPORTS_ENABLED: 'OFF' } });
    try {
      for (const [method, url] of [
        ['GET', '/v1/logs/exports'],
        ['GET', '/v1/logs/exports/field-restrictions'],
        ['POST', '/v1/logs/exports'],
        ['GET', '/v1/logs/exports/x'],
        ['PUT', '/v1/logs/exports/x'],
        ['POST', '/v1/logs/exports/x/start'],
        ['POST', '/v1/logs/exports/x/cancel'],
        ['GET', '/v1/logs/exports/x/download'],
        ['GET', '/v1/logs/exports/x/file'],
      ] as const) {
        const res = await off.call(method, url, off.workspace, method === 'GET' ? undefined : { filters: {}, requested_data: ['id'] });
        expect(res.status, `${method} ${url}`).toBe(403);
        expect(res.body.data.message).toMatch(/DATA_EXPORTS_ENABLED=OFF/);
      }
      // The rest of the logs API is unaffected.
      expect((await off.call('GET', '/v1/logs', off.workspace)).status).toBe(200);
    } finally {
      await off.close();
    }
  });
});
