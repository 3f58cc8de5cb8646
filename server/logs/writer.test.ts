import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLogDatabase, type LogDatabase } from '../db/duckdb.ts';
import { LogWriter } from './writer.ts';
import { makeLogEvent } from '../../test/helpers/logEvents.ts';
import { makeTempDir, removeDir } from '../../test/helpers/dataDir.ts';

let dir: string;
let db: LogDatabase | null = null;
afterEach(() => {
  db?.close();
  db = null;
  removeDir(dir);
});

async function count(d: LogDatabase, table = 'request_logs') {
  const r = await d.writer.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${table}`);
  return r.getRowObjectsJS()[0]!.n as number;
}

describe('LogWriter', () => {
  it('writes batches with metrics and bodies in separate tables', async () => {
    dir = makeTempDir('writer');
    db = await openLogDatabase(path.join(dir, 'logs.duckdb'));
    const writer = new LogWriter(db, { journalDir: path.join(dir, 'journal'), flushIntervalMs: 60_000 });
    await writer.open();
    const events = [makeLogEvent({ metadata: { _user: 'bob' } }), makeLogEvent({ bodies: null }), makeLogEvent()];
    events.forEach((e) => writer.write(e));
    expect(await count(db)).toBe(0);
    await writer.flush();
    expect(await count(db)).toBe(3);
    expect(await count(db, 'request_log_bodies')).toBe(2);
    const row = (
      await db.writer.runAndReadAll(
        `SELECT metadata_key, metadata_value, epoch_ms(created_at) AS ms, has_bodies FROM request_logs WHERE id = '${events[0]!.id}'`,
      )
    ).getRowObjectsJS()[0]!;
    expect(row.metadata_key).toEqual(['_user']);
    expect(row.metadata_value).toEqual(['bob']);
    expect(Number(row.ms)).toBe(events[0]!.created_at);
    await writer.close();
    expect(fs.readdirSync(path.join(dir, 'journal'))).toEqual([]);
  });

  it('replays events a crash left in the journal, exactly once', async () => {
    dir = makeTempDir('writer');
    const file = path.join(dir, 'logs.duckdb');
    const journalDir = path.join(dir, 'journal');
    db = await openLogDatabase(file);
    const writer = new LogWriter(db, { journalDir, flushIntervalMs: 60_000 });
    await writer.open();
    const flushed = makeLogEvent();
    writer.write(flushed);
    // Keep a copy of the segment as if the process died after the insert but before the delete.
    const [segment] = fs.readdirSync(journalDir);
    const copy = fs.readFileSync(path.join(journalDir, segment!));
    await writer.flush();
    fs.writeFileSync(path.join(journalDir, segment!), copy);
    const unflushed = [makeLogEvent(), makeLogEvent()];
    unflushed.forEach((e) => writer.write(e));
    // A torn last line from a write cut short.
    fs.appendFileSync(path.join(journalDir, fs.readdirSync(journalDir).sort().at(-1)!), '{"id":"torn","creat');
    db.close(); // the "crash": no flush, no close of the writer
    db = await openLogDatabase(file);
    const again = new LogWriter(db, { journalDir, flushIntervalMs: 60_000 });
    const { replayed } = await again.open();
    expect(replayed).toBe(3);
    expect(await count(db)).toBe(3);
    const ids = (await db.writer.runAndReadAll('SELECT id FROM request_logs ORDER BY id')).getRowObjectsJS().map((r) => r.id);
    expect(ids).toEqual([flushed.id, ...unflushed.map((e) => e.id)].sort());
    await again.close();
  });

  it('journals the events appended in one event-loop turn with one write, durable when the promise resolves', async () => {
    dir = makeTempDir('writer');
    db = await openLogDatabase(path.join(dir, 'logs.duckdb'));
    const journalDir = path.join(dir, 'journal');
    const writer = new LogWriter(db, { journalDir, flushIntervalMs: 60_000 });
    await writer.open();
    const writes: number[] = [];
    const writeSync = fs.writeSync;
    const spy = ((fd: number, text: string) => (writes.push(text.split('\n').length - 1), writeSync(fd, text))) as typeof fs.writeSync;
    fs.writeSync = spy;
    try {
      const events = [makeLogEvent(), makeLogEvent({ bodies: null }), makeLogEvent()];
      const done = events.map((e) => writer.append(e));
      // Nothing is written until the turn's I/O is done.
      expect(writes).toEqual([]);
      await Promise.all(done);
      // One write: the segment's header and the three lines.
      expect(writes).toEqual([4]);
      expect(writer.pending).toBe(3);
      await writer.append(makeLogEvent());
      expect(writes).toEqual([4, 1]);
    } finally {
      fs.writeSync = writeSync;
    }
    await writer.flush();
    expect(await count(db)).toBe(4);
    expect(await count(db, 'request_log_bodies')).toBe(3);
    await writer.close();
    await expect(writer.append(makeLogEvent())).rejects.toThrow('not open');
  });

  it('keeps queued events when DuckDB refuses a batch, and stores them on the next flush', async () => {
    dir = makeTempDir('writer');
    db = await openLogDatabase(path.join(dir, 'logs.duckdb'));
    const errors: unknown[] = [];
    const writer = new LogWriter(db, { journalDir: path.join(dir, 'journal'), flushIntervalMs: 60_000, onError: (e) => errors.push(e) });
    await writer.open();
    await db.writer.run('ALTER TABLE request_logs RENAME TO request_logs_away');
    writer.write(makeLogEvent());
    await expect(writer.flush()).rejects.toThrow();
    expect(writer.pending).toBe(1);
    await db.writer.run('ALTER TABLE request_logs_away RENAME TO request_logs');
    writer.write(makeLogEvent());
    await writer.flush();
    expect(await count(db)).toBe(2);
    expect(errors).toHaveLength(1);
    await writer.close();
  });
});
