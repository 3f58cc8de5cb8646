// The writer under sustained writes: batches follow one another as they fill (one flush at a time,
// no waiter per write), and close() leaves every row in DuckDB and no journal behind.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { LogWriter } from './writer.ts';
import { makeLogEvent } from '../../test/helpers/logEvents.ts';
import { tempLogDatabase } from '../../test/helpers/logDatabase.ts';

const logs = tempLogDatabase('writer-load');

it('keeps up with writes that never wait for it, then drains on close', async () => {
  const { db, dir } = await logs.open();
  const journalDir = path.join(dir, 'journal');
  const writer = new LogWriter(db, { journalDir, flushIntervalMs: 60_000, maxQueue: 500 });
  await writer.open();
  const flushes: number[] = [];
  const insert = (writer as unknown as { insert: (...a: unknown[]) => Promise<void> }).insert.bind(writer);
  (writer as unknown as { insert: (...a: unknown[]) => Promise<void> }).insert = (conn, events, replacing) => {
    flushes.push((events as unknown[]).length);
    return insert(conn, events, replacing);
  };
  for (let i = 0; i < 20_000; i++) {
    writer.write(makeLogEvent({ bodies: null }));
    if (i % 1000 === 999) await new Promise((resolve) => setImmediate(resolve));
  }
  await writer.close();
  const [row] = (await db.writer.runAndReadAll('SELECT count(*)::INTEGER AS n FROM request_logs')).getRowObjectsJS();
  expect(row!.n).toBe(20_000);
  expect(flushes.reduce((a, b) => a + b, 0)).toBe(20_000);
  // Full batches went without the (here one-minute) timer.
  expect(flushes.length).toBeGreaterThan(1);
  expect(fs.readdirSync(journalDir)).toEqual([]);
});
