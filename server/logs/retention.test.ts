// Retention: bodies older than LOG_RETENTION_DISPLAY days and rows (with feedback) older than
// METRICS_RETENTION_DISPLAY days are deleted, exactly those, in small batches, by a job buildApp
// starts on its own.
import { afterEach, describe, expect, it } from 'vitest';
import type { LogEvent } from './events.ts';
import { startLogsTestApp, type LogsTestApp } from '../../test/kits/logsTestKit.ts';
import { DAY_MS } from './retention.ts';

const NOW = Date.parse('2031-01-01T12:00:00Z');

let t: LogsTestApp | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

async function counts(app: LogsTestApp) {
  const read = async (sql: string) => Number((await app.stores.logs.writer.runAndReadAll(sql)).getRowObjectsJS()[0]!.n);
  return {
    rows: await read('SELECT count(*) AS n FROM request_logs'),
    bodies: await read('SELECT count(*) AS n FROM request_log_bodies'),
    feedback: await read('SELECT count(*) AS n FROM feedback'),
  };
}

/** One row per age (in days, plus a minute either side of each limit), every one with bodies but the last. */
function aged(app: LogsTestApp, days: number[]): LogEvent[] {
  return days.map((d, i) =>
    app.event({
      created_at: NOW - d * DAY_MS,
      trace_id: `age-${d}`,
      bodies: i === days.length - 1 ? null : { request: { i }, response: { i } },
    }),
  );
}

const MINUTE_IN_DAYS = 1 / 1440;

describe('log retention', () => {
  it('deletes bodies past 90 days and rows past 365 days by default, exactly those', async () => {
    t = await startLogsTestApp({ now: () => NOW, logJobs: { retentionBatchRows: 3 } });
    const ages = [
      0,
      10,
      90 - MINUTE_IN_DAYS,
      90 + MINUTE_IN_DAYS,
      120,
      200,
      365 - MINUTE_IN_DAYS,
      365 + MINUTE_IN_DAYS,
      400,
      500,
      800,
      1000,
    ];
    const events = await t.insert(aged(t, ages));
    // Feedback on a trace the metrics retention keeps, and on one it drops (aged by hand).
    await t.call('POST', '/v1/feedback', t.workspace, [
      { trace_id: 'age-10', value: 1 },
      { trace_id: 'age-400', value: 2 },
    ]);
    await t.stores.logs.writer.run(`UPDATE feedback SET last_updated_at = last_updated_at - INTERVAL 400 DAY WHERE trace_id = 'age-400'`);
    expect(await counts(t)).toEqual({ rows: 12, bodies: 11, feedback: 2 });

    const result = await t.app.logsRuntime.retention.runOnce();
    const bodiesGone = ages.slice(0, -1).filter((d) => d > 90).length;
    const rowsGone = ages.filter((d) => d > 365).length;
    expect(result).toEqual({ bodies: bodiesGone, rows: rowsGone, feedback: 1 });
    expect(await counts(t)).toEqual({ rows: 12 - rowsGone, bodies: 11 - bodiesGone, feedback: 1 });

    // What is left: every row up to 365 days, with bodies only up to 90 days.
    for (const [i, e] of events.entries()) {
      const res = await t.call('GET', `/v1/logs/${e.id}`, t.workspace);
      if (ages[i]! > 365) {
        expect(res.status).toBe(404);
        continue;
      }
      expect(res.status).toBe(200);
      if (ages[i]! < 90 && i !== ages.length - 1) expect(res.body.request.body).toEqual({ i });
      else expect(res.body.request.body).toBeUndefined();
    }
    // A second pass finds nothing more.
    expect(await t.app.logsRuntime.retention.runOnce()).toEqual({ bodies: 0, rows: 0, feedback: 0 });
  });

  it('follows LOG_RETENTION_DISPLAY and METRICS_RETENTION_DISPLAY, and runs on its own after start', async () => {
    t = await startLogsTestApp({
      now: () => NOW,
      env: { LOG_RETENTION_DISPLAY: '7', METRICS_RETENTION_DISPLAY: '30' },
      logJobs: { retentionStartDelayMs: 50, retentionIntervalMs: 50 },
    });
    await t.insert(aged(t, [1, 6, 8, 29, 31, 45]));
    // No call: the job buildApp started does it.
    // The job deletes rows and bodies in separate steps: wait for both (or give up after ~2 s).
    for (let i = 0; i < 100; i++) {
      const c = await counts(t);
      if (c.rows === 4 && c.bodies === 2) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await counts(t)).toEqual({ rows: 4, bodies: 2, feedback: 0 });
    const left = (await t.call('GET', '/v1/logs', t.workspace)).body.data.map(
      (d: { trace_id?: string; metrics: { trace_id: string } }) => d.metrics.trace_id,
    );
    expect(left).toEqual(['age-1', 'age-6', 'age-8', 'age-29']);
  });
});

describe('a pass in progress', () => {
  it('leaves requests and the log writer answering between its batches, each batch already committed', async () => {
    let reached!: () => void;
    const midway = new Promise<void>((resolve) => (reached = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // 40 expired rows in batches of 4: the pass is held after its third batch of request_logs.
    t = await startLogsTestApp({
      now: () => NOW,
      logJobs: {
        retentionBatchRows: 4,
        betweenRetentionBatches: async (table, deleted) => {
          if (table === 'request_logs' && deleted === 12) {
            reached();
            await released;
          }
        },
      },
    });
    await t.insert([
      ...Array.from({ length: 40 }, (_, i) => t!.event({ created_at: NOW - 400 * DAY_MS + i, trace_id: `old-${i}` })),
      ...Array.from({ length: 5 }, (_, i) => t!.event({ created_at: NOW - DAY_MS + i, trace_id: `new-${i}` })),
    ]);

    let finished = false;
    const pass = t.app.logsRuntime.retention.runOnce().finally(() => (finished = true));
    try {
      await midway;
      // The request is answered while the pass still has batches to do, and sees the three done.
      const list = await t.call('GET', '/v1/logs?page_size=1', t.workspace);
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(45 - 12);
      expect((await t.call('GET', '/v1/health', {})).status).toBe(200);
      // The batch writer appends meanwhile too.
      await t.insert([t.event({ created_at: NOW, trace_id: 'during-pass' })]);
      expect(finished).toBe(false);
    } finally {
      release();
    }
    expect(await pass).toEqual({ bodies: 40, rows: 40, feedback: 0 });
    expect((await t.call('GET', '/v1/logs?page_size=1', t.workspace)).body.total).toBe(6);
    expect(await counts(t)).toEqual({ rows: 6, bodies: 6, feedback: 0 });
  });
});
