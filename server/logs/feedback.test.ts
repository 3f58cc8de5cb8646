// POST /v1/feedback and PUT /v1/feedback/{id}: feedback is stored per trace, shows on the trace's
// logs (items, count, average weighted value), filters the log list (weighted_feedback_min/max),
// and is grouped per trace for analytics (view feedback_by_trace).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEvent } from './events.ts';
import { newestFirst, startLogsTestApp, type LogsTestApp } from '../../test/kits/logsTestKit.ts';

let t: LogsTestApp;
let rated: LogEvent[];
let others: LogEvent[];
beforeAll(async () => {
  t = await startLogsTestApp();
  // Two requests of one trace, and three of traces nobody rated (yet).
  rated = await t.insert([t.event({ trace_id: 'fb-trace-1' }), t.event({ trace_id: 'fb-trace-1' })]);
  others = await t.insert([t.event({ trace_id: 'fb-trace-2' }), t.event({ trace_id: 'fb-trace-3' }), t.event({ trace_id: 'fb-trace-4' })]);
});
afterAll(async () => {
  await t.close();
});

const post = (body: unknown, headers = t.workspace) => t.call('POST', '/v1/feedback', headers, body);

describe('feedback', () => {
  let first: string;
  let second: string;

  it('is saved with a default weight of 1 and answers with its id', async () => {
    const res = await post({ trace_id: 'fb-trace-1', value: 5 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'success' });
    expect(res.body.feedback_ids).toHaveLength(1);
    first = res.body.feedback_ids[0];
    const log = (await t.call('GET', `/v1/logs/${rated[0]!.id}`, t.workspace)).body;
    expect(log.feedback).toMatchObject([{ id: first, trace_id: 'fb-trace-1', value: 5, weight: 1, metadata: {} }]);
    expect(log.metrics).toMatchObject({ feedback_count: 1, avg_weighted_feedback: 5 });
  });

  it('averages value × weight over the trace, on every log of the trace, in the list too', async () => {
    const res = await post({ trace_id: 'fb-trace-1', value: -2, weight: 0.5, metadata: { reviewer: 'qa', score_source: 'thumbs' } });
    second = res.body.feedback_ids[0];
    const list = await t.call('GET', '/v1/logs?trace_id=fb-trace-1', t.workspace);
    expect(list.body.data).toHaveLength(2);
    for (const log of list.body.data)
      expect(log.metrics).toMatchObject({ feedback_count: 2, avg_weighted_feedback: (5 * 1 + -2 * 0.5) / 2 });
    const one = (await t.call('GET', `/v1/logs/${rated[1]!.id}`, t.workspace)).body;
    expect(one.feedback.map((f: { id: string }) => f.id)).toEqual([first, second]);
    expect(one.feedback[1]).toMatchObject({ value: -2, weight: 0.5, metadata: { reviewer: 'qa', score_source: 'thumbs' } });
    const unrated = await t.call('GET', `/v1/logs?trace_id=fb-trace-2`, t.workspace);
    expect(unrated.body.data[0].metrics).toMatchObject({ feedback_count: 0, avg_weighted_feedback: null });
  });

  it('PUT changes the value; a weight left out stays as it was', async () => {
    const res = await t.call('PUT', `/v1/feedback/${first}`, t.workspace, { value: 10 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'success', feedback_ids: [first] });
    await t.call('PUT', `/v1/feedback/${second}`, t.workspace, { value: -4, metadata: { reviewer: 'lead' } });
    const log = (await t.call('GET', `/v1/logs/${rated[0]!.id}`, t.workspace)).body;
    expect(log.feedback).toMatchObject([
      { id: first, value: 10, weight: 1 },
      { id: second, value: -4, weight: 0.5, metadata: { reviewer: 'lead' } },
    ]);
    expect(log.metrics.avg_weighted_feedback).toBe((10 * 1 + -4 * 0.5) / 2);
  });

  it('filters the log list by the average weighted feedback of a trace', async () => {
    // fb-trace-1 averages 4; fb-trace-3 gets -3 × 1; fb-trace-2 and fb-trace-4 stay unrated.
    await post([{ trace_id: 'fb-trace-3', value: -3 }]);
    const ids = async (q: string) => (await t.call('GET', `/v1/logs?${q}`, t.workspace)).body.data.map((d: { id: string }) => d.id);
    expect(await ids('weighted_feedback_min=4')).toEqual(newestFirst(rated));
    expect(await ids('weighted_feedback_min=4.01')).toEqual([]);
    expect(await ids('weighted_feedback_max=0')).toEqual([others[1]!.id]);
    expect(await ids('weighted_feedback_min=-10&weighted_feedback_max=10')).toEqual(newestFirst([...rated, others[1]!]));
  });

  it('is grouped per trace for analytics: count, average value and average weighted value', async () => {
    const rows = (
      await t.stores.logs.writer.runAndReadAll(
        `SELECT trace_id, feedback_count::INTEGER AS n, avg_value, avg_weighted_value FROM feedback_by_trace ORDER BY trace_id`,
      )
    ).getRowObjectsJS();
    expect(rows).toEqual([
      { trace_id: 'fb-trace-1', n: 2, avg_value: 3, avg_weighted_value: 4 },
      { trace_id: 'fb-trace-3', n: 1, avg_value: -3, avg_weighted_value: -3 },
    ]);
  });

  it('an array gives ids in the order of its entries', async () => {
    const res = await post([
      { trace_id: 'fb-trace-4', value: 1 },
      { trace_id: 'fb-trace-4', value: 2, weight: 0 },
    ]);
    expect(res.body.feedback_ids).toHaveLength(2);
    const log = (await t.call('GET', `/v1/logs/${others[2]!.id}`, t.workspace)).body;
    expect(log.feedback.map((f: { id: string; value: number }) => [f.id, f.value])).toEqual([
      [res.body.feedback_ids[0], 1],
      [res.body.feedback_ids[1], 2],
    ]);
  });

  it.each([
    ['a value above 10', { trace_id: 'x', value: 11 }, /value must be <= 10/],
    ['a value below -10', { trace_id: 'x', value: -11 }, /value must be >= -10/],
    ['a value that is not whole', { trace_id: 'x', value: 2.5 }, /value must be integer/],
    ['a weight above 1', { trace_id: 'x', value: 1, weight: 1.5 }, /weight must be <= 1/],
    ['no trace id', { value: 1 }, /must have the property "trace_id"/],
  ])('refuses %s', async (_, body, message) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body.data.message).toMatch(message);
  });

  it('PUT of an unknown id, or of feedback given in another workspace, is a 404', async () => {
    expect((await t.call('PUT', '/v1/feedback/00000000-0000-4000-8000-000000000000', t.workspace, { value: 1 })).status).toBe(404);
    const ws = t.addWorkspace('ws-feedback-other');
    const res = await t.call('POST', '/v1/api-keys/workspace/service', t.admin, { name: 'o', workspace_id: ws.id, scopes: ['logs.write'] });
    const otherKey = t.as(res.body.key);
    expect((await t.call('PUT', `/v1/feedback/${first}`, otherKey, { value: -10 })).status).toBe(404);
    const log = (await t.call('GET', `/v1/logs/${rated[0]!.id}`, t.workspace)).body;
    expect(log.feedback[0].value).toBe(10);
  });

  it('needs logs.write: organisation admin keys and read-only keys are refused', async () => {
    expect((await post({ trace_id: 'fb-trace-1', value: 1 }, t.admin)).status).toBe(403);
    const readOnly = await t.serviceKey(['logs.view', 'logs.list']);
    expect((await post({ trace_id: 'fb-trace-1', value: 1 }, readOnly.headers)).status).toBe(403);
  });
});
