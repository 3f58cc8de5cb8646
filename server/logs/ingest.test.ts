// POST /v1/logs (custom log ingest): the documented shape in, the same log read back through
// GET /v1/logs/{id}, with tokens and cost from the response's usage, masked secrets, tracing keys
// in their columns, and a whole batch refused when one entry is bad.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLogsTestApp, type LogsTestApp } from '../../test/kits/logsTestKit.ts';

let t: LogsTestApp;
beforeAll(async () => {
  t = await startLogsTestApp();
});
afterAll(async () => {
  await t.close();
});

// The example of OAS `POST /logs` and the docs' "Insert a Log" page.
const documented = {
  request: {
    url: 'https://api.someprovider.com/model/generate',
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: { prompt: 'What is AI?' },
  },
  response: {
    status: 200,
    headers: { 'Content-Type': 'application/json' },
    body: { response: 'AI stands for Artificial Intelligence...' },
    response_time: 123,
  },
  metadata: { user_id: '123', user_name: 'John Doe' },
};

const openaiLog = (i: number, extra: Record<string, unknown> = {}) => ({
  request: {
    url: 'https://api.openai.com/v1/chat/completions',
    headers: { Authorization: 'Bearer sk-very-secret-key', 'x-portkey-trace-id': 'ignored-header' },
    body: { model: 'gpt-4o', messages: [{ role: 'user', content: `question ${i}` }] },
  },
  response: {
    status: 200,
    body: {
      id: `chatcmpl-${i}`,
      model: 'gpt-4o',
      choices: [],
      usage: { prompt_tokens: 100 * (i + 1), completion_tokens: 50, total_tokens: 100 * (i + 1) + 50 },
    },
    response_time: 400 + i,
  },
  metadata: { trace_id: `ingest-trace-${i}`, span_id: `span-${i}`, span_name: 'llm', team: 'search' },
  ...extra,
});

const logOf = async (id: string) => (await t.call('GET', `/v1/logs/${id}`, t.workspace)).body;

describe('POST /v1/logs', () => {
  it('stores the documented example and reads it back in the log shape', async () => {
    const res = await t.call('POST', '/v1/logs', { ...t.workspace, 'x-portkey-trace-id': 'doc-trace' }, documented);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'success', message: '1 log inserted' });
    expect(res.body.log_ids).toHaveLength(1);
    const log = await logOf(res.body.log_ids[0]);
    expect(log.request).toMatchObject({ url: documented.request.url, method: 'POST', body: documented.request.body });
    expect(log.request.headers).toEqual({ 'content-type': 'application/json' });
    expect(log.response).toMatchObject({ status: 200, body: documented.response.body, responseTime: 123 });
    const keyId = (await t.call('GET', '/v1/api-keys', t.admin)).body.data.find((k: { type: string }) => k.type === 'workspace-service').id;
    expect(log.metrics).toMatchObject({
      id: log.id,
      trace_id: 'doc-trace',
      workspace_id: t.credentials.workspace.id,
      workspace_slug: t.credentials.workspace.slug,
      organisation_id: t.credentials.organisation_id,
      api_key_id: keyId,
      source: 'custom',
      ai_org: null,
      ai_model: null,
      is_success: true,
      response_status_code: 200,
      req_units: 0,
      cost: 0,
      is_priced: false,
      metadata: { user_id: '123', user_name: 'John Doe' },
    });
  });

  it('takes an array: each entry gets its own id, tokens from its usage and cost from the pricing files', async () => {
    const res = await t.call('POST', '/v1/logs', t.workspace, [openaiLog(0), openaiLog(1), openaiLog(2)]);
    expect(res.status).toBe(200);
    expect(res.body.message).toBe('3 logs inserted');
    const ids: string[] = res.body.log_ids;
    expect(new Set(ids).size).toBe(3);
    for (const [i, id] of ids.entries()) {
      const log = await logOf(id);
      expect(log.metrics).toMatchObject({
        trace_id: `ingest-trace-${i}`,
        span_id: `span-${i}`,
        span_name: 'llm',
        ai_org: 'openai',
        ai_model: 'gpt-4o',
        req_units: 100 * (i + 1),
        res_units: 50,
        total_units: 100 * (i + 1) + 50,
        response_time: 400 + i,
        is_priced: true,
        metadata: { team: 'search' },
      });
      // gpt-4o: 0.00025 cents per input token, 0.001 per output token (bundled pricing).
      expect(log.metrics.cost).toBeCloseTo(100 * (i + 1) * 0.00025 + 50 * 0.001, 10);
      expect(log.request.headers.authorization).toMatch(/^Bear\*+$/);
      expect(JSON.stringify(log)).not.toContain('sk-very-secret-key');
    }
    const list = await t.call('GET', '/v1/logs?trace_id=ingest-trace-1', t.workspace);
    expect(list.body.data.map((d: { id: string }) => d.id)).toEqual([ids[1]]);
  });

  it('names the provider from request.provider, and reads Anthropic usage', async () => {
    const res = await t.call('POST', '/v1/logs', t.workspace, {
      request: { url: 'http://10.0.0.5/v1/messages', provider: 'anthropic', body: { model: 'claude-3-5-sonnet-20241022', messages: [] } },
      response: {
        status: 429,
        body: { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' }, usage: { input_tokens: 12, output_tokens: 0 } },
      },
    });
    const log = await logOf(res.body.log_ids[0]);
    expect(log.metrics).toMatchObject({
      ai_org: 'anthropic',
      ai_model: 'claude-3-5-sonnet-20241022',
      is_success: false,
      response_status_code: 429,
      req_units: 12,
    });
  });

  it('goes through the journaled writer: the row is on disk before the batch reaches DuckDB', async () => {
    await t.app.logWriter.flush();
    const res = await t.call('POST', '/v1/logs', t.workspace, openaiLog(7));
    const id = res.body.log_ids[0];
    const journal = path.join(t.config.dataDir, 'log-journal');
    const text = fs
      .readdirSync(journal)
      .map((f) => fs.readFileSync(path.join(journal, f), 'utf8'))
      .join('');
    expect(text).toContain(id);
    expect((await logOf(id)).id).toBe(id);
  });

  it('keeps no bodies or headers when the organisation logs metrics only', async () => {
    t.setSettings({ request_logging_mode: 'metrics-only' });
    try {
      const res = await t.call('POST', '/v1/logs', t.workspace, openaiLog(8));
      const log = await logOf(res.body.log_ids[0]);
      expect(log.request.body).toBeUndefined();
      expect(log.response.body).toBeUndefined();
      expect(log.metrics).toMatchObject({ req_units: 900, has_bodies: false });
    } finally {
      t.setSettings({});
    }
  });

  it.each([
    ['no request url', { ...documented, request: { body: {} } }, /body\.request must have the property "url"/],
    ['no response body', { ...documented, response: { status: 200 } }, /body\.response must have the property "body"/],
    [
      'a metadata value that is an object',
      { ...documented, metadata: { team: { a: 1 } } },
      /logs\[0\]\.metadata\.team must be a string \(got object\)/,
    ],
    ['a status that is not HTTP', { ...documented, response: { status: 42, body: {} } }, /body\.response\.status must be >= 100/],
  ])('refuses %s with a 400 that says so', async (_, body, message) => {
    const res = await t.call('POST', '/v1/logs', t.workspace, body);
    expect(res.status).toBe(400);
    expect(res.body.data.message).toMatch(message);
  });

  it('refuses the whole batch when one entry is bad: nothing is written', async () => {
    const before = (await t.call('GET', '/v1/logs?search=batch-probe', t.workspace)).body.total;
    const good = { ...documented, metadata: { probe: 'batch-probe' } };
    const bad = { ...documented, metadata: { probe: 'batch-probe', nested: ['x'] } };
    const res = await t.call('POST', '/v1/logs', t.workspace, [good, good, bad]);
    expect(res.status).toBe(400);
    expect(res.body.data.message).toMatch(/logs\[2\]\.metadata\.nested must be a string \(got array\)/);
    expect((await t.call('GET', '/v1/logs?search=batch-probe', t.workspace)).body.total).toBe(before);
  });

  it('needs a workspace key with completions.write and logs.write', async () => {
    expect((await t.call('POST', '/v1/logs', t.admin, documented)).status).toBe(403);
    const noWrite = await t.serviceKey(['completions.write']);
    const noCompletions = await t.serviceKey(['logs.write']);
    const both = await t.serviceKey(['completions.write', 'logs.write']);
    expect((await t.call('POST', '/v1/logs', noWrite.headers, documented)).status).toBe(403);
    expect((await t.call('POST', '/v1/logs', noCompletions.headers, documented)).status).toBe(403);
    expect((await t.call('POST', '/v1/logs', both.headers, documented)).status).toBe(200);
  });
});
