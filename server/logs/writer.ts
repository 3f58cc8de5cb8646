// Writes request logs in batches off the request path, without losing any to a crash.
//
// Each event is first appended to a journal file with one synchronous write() (the kernel keeps
// it even if the process is SIGKILLed a microsecond later), then queued in memory. A flush
// rotates the journal segment, appends the queued events to DuckDB in one transaction, and deletes
// the segments whose events are now stored. At start, segments left by a crash are replayed, with
// rows of the same ids deleted first so a crash between insert and delete cannot duplicate them.
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBTimestampValue, LIST, VARCHAR, listValue, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import type { LogDatabase } from '../db/duckdb.ts';
import { LOG_COLUMNS, capBody, serialiseBody, type LogEvent } from './events.ts';

export interface LogWriterOptions {
  journalDir: string;
  flushIntervalMs?: number;
  maxQueue?: number;
  onError?: (err: unknown) => void;
}

const SEGMENT = /^journal-(\d{12})\.jsonl$/;
const VARCHAR_LIST = LIST(VARCHAR);

export class LogWriter {
  private queue: LogEvent[] = [];
  private closedSegments: string[] = [];
  private fd: number | null = null;
  private segmentPath = '';
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
    const events: LogEvent[] = [];
    for (const file of leftovers) {
      const text = fs.readFileSync(path.join(this.options.journalDir, file), 'utf8');
      for (const line of text.split('\n')) {
        if (!line) continue;
        try {
          events.push(JSON.parse(line) as LogEvent);
        } catch {
          // A line cut short by a crash in the middle of write(): its response never completed.
        }
      }
      this.seq = Math.max(this.seq, Number(SEGMENT.exec(file)![1]));
    }
    if (events.length) await this.insert(this.db.writer, events, true);
    for (const file of leftovers) fs.unlinkSync(path.join(this.options.journalDir, file));
    this.openSegment();
    this.timer = setInterval(() => void this.flush().catch(() => undefined), this.flushIntervalMs);
    this.timer.unref();
    return { replayed: events.length };
  }

  /** Durable once this returns; visible to queries after the next flush. */
  write(event: LogEvent): void {
    if (this.closed || this.fd === null) throw new Error('LogWriter is not open');
    fs.writeSync(this.fd, `${JSON.stringify(event)}\n`);
    this.queue.push(event);
    // One flush at a time: while one runs, a full queue is picked up when it ends (below), not by a
    // waiter per write (under sustained load that made one promise per request).
    if (this.queue.length >= this.maxQueue && !this.flushing) void this.flush().catch(() => undefined);
  }

  /** Resolves when everything written before the call is in DuckDB. */
  async flush(): Promise<void> {
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

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.timer) clearInterval(this.timer);
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
  }

  private async flushOnce(): Promise<void> {
    // Rotate first: events written while DuckDB works go to the new segment.
    if (this.fd !== null) fs.closeSync(this.fd);
    this.closedSegments.push(this.segmentPath);
    this.openSegment();
    const batch = this.queue;
    this.queue = [];
    try {
      await this.insert(this.db.writer, batch, false);
    } catch (err) {
      this.queue = batch.concat(this.queue);
      this.options.onError?.(err);
      throw err;
    }
    for (const file of this.closedSegments) fs.rmSync(file, { force: true });
    this.closedSegments = [];
  }

  private async insert(conn: DuckDBConnection, events: LogEvent[], replacing: boolean): Promise<void> {
    await conn.run('BEGIN TRANSACTION');
    try {
      if (replacing) {
        const ids = events.map((e) => e.id);
        await conn.run('DELETE FROM request_logs WHERE list_contains($1, id)', [listValue(ids)], [VARCHAR_LIST]);
        await conn.run('DELETE FROM request_log_bodies WHERE list_contains($1, id)', [listValue(ids)], [VARCHAR_LIST]);
      }
      const logs = await conn.createAppender('request_logs');
      for (const e of events) appendRow(logs, e);
      logs.closeSync();
      const bodies = await conn.createAppender('request_log_bodies');
      for (const e of events) {
        if (!e.bodies) continue;
        bodies.appendVarchar(e.id);
        bodies.appendTimestamp(new DuckDBTimestampValue(BigInt(e.created_at) * 1000n));
        appendNullable(bodies, serialiseBody(requestPart(e)));
        appendNullable(bodies, serialiseBody(responsePart(e)));
        bodies.endRow();
      }
      bodies.closeSync();
      await conn.run('COMMIT');
    } catch (err) {
      await conn.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }
}

function requestPart(e: LogEvent) {
  const b = e.bodies!;
  return {
    body: capBody(b.request),
    headers: b.request_headers,
    portkeyHeaders: b.portkey_headers,
    transformedRequest: capBody(b.transformed_request),
  };
}

function responsePart(e: LogEvent) {
  const b = e.bodies!;
  return { body: capBody(b.response), headers: b.response_headers, originalResponse: capBody(b.original_response) };
}

function appendNullable(a: DuckDBAppender, value: string | null) {
  if (value === null) a.appendNull();
  else a.appendVarchar(value);
}

function appendRow(a: DuckDBAppender, e: LogEvent) {
  for (const column of LOG_COLUMNS) {
    const v = column.get(e);
    if (v === null || v === undefined) {
      a.appendNull();
      continue;
    }
    switch (column.type) {
      case 'varchar':
        a.appendVarchar(String(v));
        break;
      case 'boolean':
        a.appendBoolean(Boolean(v));
        break;
      case 'integer':
        a.appendInteger(Math.round(Number(v)));
        break;
      case 'smallint':
        a.appendSmallInt(Math.round(Number(v)));
        break;
      case 'double':
        a.appendDouble(Number(v));
        break;
      case 'timestamp':
        a.appendTimestamp(new DuckDBTimestampValue(BigInt(Math.round(Number(v))) * 1000n));
        break;
      case 'varchar[]':
        // DuckDB casts the list's text form on append: about a third of the cost of appendList,
        // which builds a DuckDB value per element (the largest single cost of a batch).
        a.appendVarchar(listLiteral(v as unknown[]));
        break;
    }
  }
  a.endRow();
}

/** `["a","b \"c\"",NULL]`: a VARCHAR[] as text DuckDB casts back exactly (quotes and backslashes escaped). */
export function listLiteral(items: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out += ',';
    const item = items[i];
    out += item === null || item === undefined ? 'NULL' : `"${String(item).replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  }
  return `${out}]`;
}
