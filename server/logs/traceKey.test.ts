// trace_key (events.ts traceKeySql, log migration 0005): the number requests and feedback meet on.
// The writer computes it at ingest, feedback when it is given, and the migration for older rows;
// all three must agree, and the same trace id in two workspaces must not meet.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LogDatabase } from '../db/duckdb.ts';
import { LogWriter } from './writer.ts';
import { feedbackStore } from './feedback.ts';
import type { AuthContext } from '../identity/auth.ts';
import type { DataVisibility } from './visibility.ts';
import { makeLogEvent } from '../../test/helpers/logEvents.ts';
import { tempLogDatabase } from '../../test/helpers/logDatabase.ts';

const logs = tempLogDatabase('trace-key');

const CASES: { workspace: string | null; trace: string | null }[] = [
  { workspace: 'ws-a', trace: 'trace-1' },
  { workspace: 'ws-b', trace: 'trace-1' },
  { workspace: null, trace: 'trace-1' },
  { workspace: 'ws-a', trace: 'trace-\x1f-odd "quoted" ü' },
  { workspace: 'ws-a', trace: null },
];

async function keys(d: LogDatabase, prefix: string): Promise<(string | null)[]> {
  const rows = (
    await d.writer.runAndReadAll(`SELECT id, trace_key::VARCHAR AS k FROM request_logs WHERE id LIKE '${prefix}%' ORDER BY id`)
  ).getRowObjectsJS();
  return rows.map((r) => (r.k === null ? null : String(r.k)));
}

describe('trace key', () => {
  it('is backfilled by log migration 0005 exactly as the writer and the feedback store compute it', async () => {
    const opened = await logs.open(4);
    let db = opened.db;
    for (const [i, c] of CASES.entries()) {
      await db.writer.run(`INSERT INTO request_logs (id, created_at, workspace_id, trace_id) VALUES ($1, now(), $2, $3)`, [
        `old-${i}`,
        c.workspace,
        c.trace,
      ]);
    }
    await db.writer.run(
      `INSERT INTO feedback (id, created_at, last_updated_at, workspace_id, trace_id, value, weight) VALUES ('fb-old', now(), now(), 'ws-a', 'trace-1', 5, 1)`,
    );
    ({ db } = await logs.open());
    const writer = new LogWriter(db, { journalDir: path.join(opened.dir, 'journal'), flushIntervalMs: 60_000 });
    await writer.open();
    for (const [i, c] of CASES.entries()) writer.write(makeLogEvent({ id: `new-${i}`, workspace_id: c.workspace, trace_id: c.trace! }));
    await writer.close();
    const visibility = { ownerOf: () => null } as unknown as DataVisibility;
    const auth = { organisationId: 'org-1', workspaceId: 'ws-a', userId: null, key: { id: 'key-1', type: 'workspace-service' } };
    await feedbackStore(db, visibility, Date.now).create(auth as unknown as AuthContext, [{ trace_id: 'trace-1', value: 3 }]);

    const old = await keys(db, 'old-');
    expect(await keys(db, 'new-')).toEqual(old);
    // One key per trace in a workspace: the same trace id elsewhere, or without a workspace, differs.
    expect(new Set(old.slice(0, 4)).size).toBe(4);
    expect(old[4]).toBeNull();
    const feedback = (await db.writer.runAndReadAll(`SELECT id, trace_key::VARCHAR AS k FROM feedback ORDER BY id = 'fb-old' DESC`))
      .getRowObjectsJS()
      .map((r) => String(r.k));
    expect(feedback).toEqual([old[0], old[0]]);
  });
});
