// Log retention (spec §5.2: LOG_RETENTION_DISPLAY, METRICS_RETENTION_DISPLAY): bodies older than
// the log retention and rows (with their feedback) older than the metrics retention are deleted by
// a background job, hourly, in bounded batches with a yield between them, on its own DuckDB
// connection, so neither the request path nor the batch writer waits behind a large delete.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { LogDatabase } from '../db/duckdb.ts';
import { SqlParams } from './filters.ts';

export const DAY_MS = 86_400_000;

export interface RetentionOptions {
  /** Days request and response bodies are kept. */
  logDays: number;
  /** Days metrics rows (and feedback) are kept. */
  metricsDays: number;
  now: () => number;
  intervalMs?: number;
  /** Delay before the first pass after start. */
  startDelayMs?: number;
  batchRows?: number;
  /** Test seam: awaited after each full batch of `table` (`deleted` so far), so a test can act mid-pass. */
  betweenBatches?: (table: string, deleted: number) => Promise<void>;
  onError?: (err: unknown) => void;
}

export interface RetentionResult {
  bodies: number;
  rows: number;
  feedback: number;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class RetentionJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<RetentionResult> | null = null;
  private stopped = false;
  private connection: Promise<DuckDBConnection> | null = null;

  constructor(
    private readonly db: LogDatabase,
    private readonly o: RetentionOptions,
  ) {}

  start(): void {
    const pass = () => void this.runOnce().catch((err) => this.o.onError?.(err));
    const first = setTimeout(() => {
      pass();
      this.timer = setInterval(pass, this.o.intervalMs ?? 3_600_000);
      this.timer.unref();
    }, this.o.startDelayMs ?? 60_000);
    first.unref();
    this.timer = first;
  }

  /** One pass; a pass already under way is joined rather than doubled. */
  runOnce(): Promise<RetentionResult> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    // clearTimeout clears the first-pass timeout and the hourly interval alike.
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async pass(): Promise<RetentionResult> {
    const now = this.o.now();
    const bodiesBefore = now - Math.min(this.o.logDays, this.o.metricsDays) * DAY_MS;
    const rowsBefore = now - this.o.metricsDays * DAY_MS;
    return {
      bodies: await this.deleteOlder('request_log_bodies', 'created_at', bodiesBefore),
      rows: await this.deleteOlder('request_logs', 'created_at', rowsBefore),
      feedback: await this.deleteOlder('feedback', 'last_updated_at', rowsBefore),
    };
  }

  /** Deletes rows of `table` whose `column` is before `beforeMs`, a batch at a time. */
  private async deleteOlder(table: string, column: string, beforeMs: number): Promise<number> {
    const conn = await (this.connection ??= this.db.connect());
    const batch = this.o.batchRows ?? 10_000;
    let deleted = 0;
    for (;;) {
      if (this.stopped) break;
      const p = new SqlParams();
      const result = await conn.runAndReadAll(
        `DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE ${column} < ${p.timestamp(beforeMs)} LIMIT ${batch})`,
        p.values,
        p.types as never,
      );
      deleted += result.rowsChanged;
      if (result.rowsChanged < batch) break;
      await this.o.betweenBatches?.(table, deleted);
      await yieldToEventLoop();
    }
    return deleted;
  }
}
