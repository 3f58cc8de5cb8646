// A request that got its answer is logged even when the process dies right after: the appliance
// runs as `npm start` does, answers, is killed with SIGKILL before its batch writer flushes, and
// the restarted process has every row, once.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from './helpers/dataDir.ts';
import { loadStartScript, startChild } from './helpers/childServer.ts';
import { startMockLlm, type MockLlm } from './helpers/mockLlm.ts';

let mock: MockLlm;
const dirs: string[] = [];
beforeAll(async () => {
  // `npm start` builds what is stale; do it here rather than inside the child's start-up timeout.
  const start = await loadStartScript();
  start.ensureBuilt();
  await start.ensureUiBuilt();
  mock = await startMockLlm();
}, 180_000);
afterAll(async () => {
  await mock.close();
  dirs.forEach(removeDir);
});

const TRACES = Array.from({ length: 12 }, (_, i) => `sigkill-trace-${i}`);

describe('request logs survive SIGKILL', () => {
  it('logs every answered request, JSON and stream, after the process is killed right after answering', async () => {
    const dataDir = makeTempDir('sigkill');
    dirs.push(dataDir);
    // No timed flush in this process's lifetime: the rows can only survive through the journal.
    const first = await startChild({ APPLIANCE_DATA_DIR: dataDir, LOG_FLUSH_INTERVAL_MS: '3600000' });
    const creds = JSON.parse(fs.readFileSync(path.join(dataDir, 'first-run-credentials.json'), 'utf8'));
    const admin = { 'x-portkey-api-key': creds.admin_api_key, 'content-type': 'application/json' };
    const ws = { 'x-portkey-api-key': creds.workspace_api_key, 'content-type': 'application/json' };
    const created = await fetch(`${first.url}/v1/integrations`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({
        name: 'local',
        slug: 'local',
        ai_provider_id: 'openai',
        key: 'sk-local',
        workspace_id: creds.workspace.id,
        configurations: { custom_host: `${mock.url}/v1` },
        default_provider_slug: 'local',
      }),
    });
    expect(created.status).toBe(200);

    const answers = await Promise.all(
      TRACES.map(async (trace, i) => {
        const stream = i % 2 === 1;
        const res = await fetch(`${first.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { ...ws, 'x-portkey-trace-id': trace },
          body: JSON.stringify({ model: '@local/gpt-4o', stream, messages: [{ role: 'user', content: `hello ${i}` }] }),
        });
        return { status: res.status, text: await res.text() };
      }),
    );
    // Every client has its whole answer: now the process dies without a chance to flush.
    const exit = await first.stop('SIGKILL');
    expect(exit.signal).toBe('SIGKILL');
    expect(answers.map((a) => a.status)).toEqual(TRACES.map(() => 200));
    expect(answers[1]!.text).toContain('data: [DONE]');
    const journalDir = path.join(dataDir, 'log-journal');
    const journal = fs
      .readdirSync(journalDir)
      .map((f) => fs.readFileSync(path.join(journalDir, f), 'utf8'))
      .join('');
    for (const trace of TRACES) expect(journal, trace).toContain(trace);

    const second = await startChild({ APPLIANCE_DATA_DIR: dataDir });
    try {
      for (const [i, trace] of TRACES.entries()) {
        const list = (await fetch(`${second.url}/v1/logs?trace_id=${trace}`, { headers: ws }).then((r) => r.json())) as {
          total: number;
          data: { id: string }[];
        };
        expect(list.total, trace).toBe(1);
        const log = (await fetch(`${second.url}/v1/logs/${list.data[0]!.id}`, { headers: ws }).then((r) => r.json())) as Record<
          string,
          unknown
        >;
        expect(log).toMatchObject({
          response: { status: 200 },
          metrics: { trace_id: trace, response_status_code: 200, stream_mode: i % 2 === 1 },
        });
        expect(JSON.stringify((log.request as { body: unknown }).body)).toContain(`hello ${i}`);
      }
    } finally {
      await second.stop();
    }
  });
});
