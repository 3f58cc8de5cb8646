// Writes request logs in batches off the request path, without losing any to a crash.
//
// Each event is first appended to a journal file, as its flat row (journalRow.ts), with one
// synchronous write() (the kernel keeps it even if the process is SIGKILLed a microsecond later),
// then queued in memory. A flush rotates the journal segment, stages the queued lines in DuckDB
// and turns them into rows with one INSERT ... SELECT per table in one transaction, then deletes
// the segments whose rows are now stored. At start, segments left by a crash are replayed, with
// rows of the same ids deleted first so a crash between insert and delete cannot duplicate them.
import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { LogDatabase } from '../db/duckdb.ts';
import type { LogEvent } from './events.ts';
import {
  SEGMENT_HEADER,
  STAGING_TABLE,
  ingestStatements,
  journalEntry,
  journalLine,
  replaySegment,
  type JournalEntry,
} from './journalRow.ts';

export interface LogWriterOptions {
  journalDir: string;
  flushIntervalMs?: number;
  maxQueue?: number;
  onError?: (err: unknown) => void;
}

const SEGMENT = /^journal-(\d{12})\.jsonl$/;
const SQL = ingestStatements();

export class LogWriter {
  /** Journaled entries not yet in DuckDB. */
  private queue: JournalEntry[] = [];
  /** When the oldest queued entry was journaled (Date.now()), or null when the queue is empty. */
  private oldestAt: number | null = null;
  /** Why the last flush into DuckDB failed, until one succeeds. */
  private failure: string | null = null;
  private closedSegments: string[] = [];
  private fd: number | null = null;
  private segmentPath = '';
  private segmentWritten = false;
  /** Events appended in this turn of the event loop, written together at its end. */
  private turn: { text: string; entries: JournalEntry[]; done: Promise<void>; resolve: () => void; reject: (err: unknown) => void } | null =
    null;
  private seq = 0;
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly flushIntervalMs: number;
  private readonly maxQueue: number;

  constructor(
    private readonly db: LogDatabase,
    private readonly options: LogWriterOptions,
  ) {
    this.flushIntervalMs = options.flushIntervalMs ?? 250;
    this.maxQueue = options.maxQueue ?? 5000;
  }

  /** Replays what a previous run left in the journal, then starts the periodic flush. */
  async open(): Promise<{ replayed: number }> {
    fs.mkdirSync(this.options.journalDir, { recursive: true, mode: 0o700 });
    const leftovers = fs
      .readdirSync(this.options.journalDir)
      .filter((f) => SEGMENT.test(f))
      .sort();
    await this.db.writer.run(SQL.createStaging);
    const entries: JournalEntry[] = [];
    for (const file of leftovers) {
      // A line cut short by a crash in the middle of write() is dropped: its response never completed.
      for (const entry of replaySegment(fs.readFileSync(path.join(this.options.journalDir, file), 'utf8'))) entries.push(entry);
      this.seq = Math.max(this.seq, Number(SEGMENT.exec(file)![1]));
    }
    if (entries.length) await this.insert(this.db.writer, entries, true);
    for (const file of leftovers) fs.unlinkSync(path.join(this.options.journalDir, file));
    this.openSegment();
    this.timer = setInterval(() => void this.flush().catch(() => undefined), this.flushIntervalMs);
    this.timer.unref();
    return { replayed: entries.length };
  }

  /** Durable once this returns; visible to queries after the next flush. */
  write(event: LogEvent): void {
    if (this.closed || this.fd === null) throw new Error('LogWriter is not open');
    const entry = journalEntry(event);
    this.journal(journalLine(entry), [entry]);
  }

  /**
   * Durable once the promise resolves: the events finished in one turn of the event loop are
   * journaled together, with one write() when the turn's I/O callbacks are done (setImmediate).
   * The gateway answers only after that, so a row is never lost for an answer that was sent.
   */
  append(event: LogEvent): Promise<void> {
    if (this.closed || this.fd === null) return Promise.reject(new Error('LogWriter is not open'));
    const entry = journalEntry(event);
    let turn = this.turn;
    if (!turn) {
      let resolve!: () => void;
      let reject!: (err: unknown) => void;
      const done = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      turn = this.turn = { text: '', entries: [], done, resolve, reject };
      setImmediate(() => this.writeTurn());
    }
    turn.text += journalLine(entry);
    turn.entries.push(entry);
    return turn.done;
  }

  /** Writes the events appended in this turn of the event loop, if any. */
  private writeTurn() {
    const turn = this.turn;
    if (!turn) return;
    this.turn = null;
    try {
      if (this.fd === null) throw new Error('LogWriter is not open');
      this.journal(turn.text, turn.entries);
      turn.resolve();
    } catch (err) {
      turn.reject(err);
    }
  }

  private journal(text: string, entries: JournalEntry[]) {
    // A segment's first write carries its header too, so an unused segment stays empty.
    fs.writeSync(this.fd!, this.segmentWritten ? text : SEGMENT_HEADER + text);
    this.segmentWritten = true;
    if (this.queue.length === 0) this.oldestAt = Date.now();
    for (const entry of entries) this.queue.push(entry);
    // One flush at a time: while one runs, a full queue is picked up when it ends (below), not by a
    // waiter per write (under sustained load that made one promise per request).
    if (this.queue.length >= this.maxQueue && !this.flushing) void this.flush().catch(() => undefined);
  }

  /** Resolves when everything written before the call is in DuckDB. */
  async flush(): Promise<void> {
    this.writeTurn();
    while (this.flushing) await this.flushing;
    if (this.queue.length === 0) return;
    this.flushing = this.flushOnce()
      .then(() => {
        this.flushing = null;
        // Writes that filled a batch meanwhile go next, without waiting for the timer.
        if (this.queue.length >= this.maxQueue && !this.closed) void this.flush().catch(() => undefined);
      })
      .catch((err: unknown) => {
        this.flushing = null;
        throw err;
      });
    return this.flushing;
  }

  get pending(): number {
    return this.queue.length;
  }

  /** How long the oldest row not yet in DuckDB has waited (ms); 0 when none waits. For /metrics and readiness. */
  get lagMs(): number {
    return this.oldestAt === null || this.queue.length === 0 ? 0 : Date.now() - this.oldestAt;
  }

  /** Why the last move into the log database failed (null once one succeeds): the readiness view shows it. */
  get lastFailure(): string | null {
    return this.failure;
  }

  /** Whether the writer is open (rows can be journaled). */
  get isOpen(): boolean {
    return !this.closed && this.fd !== null;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.timer) clearInterval(this.timer);
    this.writeTurn();
    await this.flush().catch((err) => this.options.onError?.(err));
    // A batch that filled up meanwhile may have started its own flush: let it finish first.
    while (this.flushing) await this.flushing.catch(() => undefined);
    this.closed = true;
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
    // An empty current segment is not worth replaying.
    if (this.queue.length === 0 && fs.existsSync(this.segmentPath) && fs.statSync(this.segmentPath).size === 0) {
      fs.unlinkSync(this.segmentPath);
    }
  }

  private openSegment() {
    this.seq += 1;
    this.segmentPath = path.join(this.options.journalDir, `journal-${String(this.seq).padStart(12, '0')}.jsonl`);
    this.fd = fs.openSync(this.segmentPath, 'a', 0o600);
    this.segmentWritten = false;
  }

  private async flushOnce(): Promise<void> {
    // Rotate first: events written while DuckDB works go to the new segment.
    if (this.fd !== null) fs.closeSync(this.fd);
    this.closedSegments.push(this.segmentPath);
    this.openSegment();
    const batch = this.queue;
    const batchOldest = this.oldestAt;
    this.queue = [];
    this.oldestAt = null;
    try {
      await this.insert(this.db.writer, batch, false);
    } catch (err) {
      this.queue = batch.concat(this.queue);
      this.oldestAt = batchOldest;
      this.failure = err instanceof Error ? err.message : String(err);
      this.options.onError?.(err);
      throw err;
    }
    this.failure = null;
    for (const file of this.closedSegments) fs.rmSync(file, { force: true });
    this.closedSegments = [];
  }

  private async insert(conn: DuckDBConnection, entries: JournalEntry[], replacing: boolean): Promise<void> {
    await conn.run('BEGIN TRANSACTION');
    try {
      // Three appends per row; DuckDB parses the rows' JSON itself.
      const staging = await conn.createAppender(STAGING_TABLE, 'main', 'temp');
      for (const e of entries) {
        staging.appendVarchar(e.row);
        if (e.request === null) staging.appendNull();
        else staging.appendVarchar(e.request);
        if (e.response === null) staging.appendNull();
        else staging.appendVarchar(e.response);
        staging.endRow();
      }
      staging.closeSync();
      if (replacing) for (const sql of SQL.deleteSame) await conn.run(sql);
      for (const sql of SQL.insert) await conn.run(sql);
      await conn.run(SQL.clearStaging);
      await conn.run('COMMIT');
    } catch (err) {
      await conn.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }
}

/** `["a","b \\"c\\"",NULL]`: a VARCHAR[] as text DuckDB casts back exactly (quotes and backslashes escaped). */
export function listLiteral(items: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out += ',';
    const item = items[i];
    out += item === null || item === undefined ? 'NULL' : `"${String(item).replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  }
  return `${out}]`;
}
