// Runs log exports in the background, one at a time, in chunks: each chunk is one DuckDB query on
// the runner's own connection (off the event loop), its records appended to `<id>.jsonl.part`, the
// progress saved, and then the runner yields before the next chunk, so the gateway keeps answering
// while a large export runs. Cancel takes effect between chunks. The file is renamed to
// `<id>.jsonl` only when the export completes.
import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { LogDatabase } from '../../db/duckdb.ts';
import { isoNow } from '../../db/rows.ts';
import { SqlParams, logConditions, whereSql, type LogFilter, type RowScope } from '../filters.ts';
import type { Row } from '../repository.ts';
import { EXPORT_COLUMNS, exportRecord, needsBodies, type ExportField } from './fields.ts';
import type { ExportRow, ExportsRepository } from './repository.ts';

/** What one export selects, resolved from its stored row when it starts. */
export interface ExportJob {
  filter: LogFilter;
  scope: RowScope;
  fields: ExportField[];
  offset: number;
  limit: number;
}

export interface ExportRunnerOptions {
  db: LogDatabase;
  repo: ExportsRepository;
  dir: string;
  /** Makes everything logged so far visible to the export (the log writer's flush). */
  flush: () => Promise<void>;
  jobOf: (row: ExportRow) => ExportJob;
  now: () => number;
  chunkRows?: number;
  /** Test seam: awaited before each chunk (0-based), so a test can hold an export mid-way. */
  beforeChunk?: (exportId: string, chunk: number) => Promise<void>;
  onError?: (err: unknown, exportId: string) => void;
}

export const exportFile = (dir: string, id: string) => path.join(dir, `${id}.jsonl`);

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

class Cancelled extends Error {}

export class ExportRunner {
  private readonly queue: string[] = [];
  private current: { id: string; cancelled: boolean } | null = null;
  private pumping: Promise<void> | null = null;
  private connection: Promise<DuckDBConnection> | null = null;
  private closed = false;
  private readonly chunkRows: number;

  constructor(private readonly o: ExportRunnerOptions) {
    this.chunkRows = o.chunkRows ?? 2000;
  }

  /** Exports a previous process left running cannot resume: they are marked failed. */
  recover(): number {
    const stale = this.o.repo.running();
    const at = isoNow(this.o.now());
    for (const row of stale) {
      this.o.repo.update(row.id, {
        status: 'failed',
        error_message: 'The appliance stopped while this export ran; start it again',
        finished_at: at,
        last_updated_at: at,
      });
      fs.rmSync(`${exportFile(this.o.dir, row.id)}.part`, { force: true });
    }
    return stale.length;
  }

  /** Queues an export already marked in_progress. */
  enqueue(id: string): void {
    if (this.closed) throw new Error('ExportRunner is closed');
    if (!this.queue.includes(id) && this.current?.id !== id) this.queue.push(id);
    this.kick();
  }

  private kick(): void {
    if (this.pumping || this.queue.length === 0) return;
    this.pumping = this.pump().finally(() => {
      this.pumping = null;
      // Something queued between the last shift and now still runs.
      this.kick();
    });
  }

  /** Stops a queued or running export; its status is the caller's to set. */
  cancel(id: string): void {
    const at = this.queue.indexOf(id);
    if (at !== -1) this.queue.splice(at, 1);
    if (this.current?.id === id) this.current.cancelled = true;
  }

  /** Resolves when nothing is queued or running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pumping) await this.pumping;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    if (this.current) this.current.cancelled = true;
    await this.idle();
  }

  private async pump(): Promise<void> {
    for (let id = this.queue.shift(); id !== undefined; id = this.queue.shift()) {
      this.current = { id, cancelled: false };
      try {
        await this.run(this.current);
      } catch (err) {
        if (!(err instanceof Cancelled)) this.fail(id, err);
      } finally {
        this.current = null;
      }
    }
  }

  private fail(id: string, err: unknown) {
    this.o.onError?.(err, id);
    fs.rmSync(`${exportFile(this.o.dir, id)}.part`, { force: true });
    const at = isoNow(this.o.now());
    this.o.repo.update(
      id,
      { status: 'failed', error_message: 'The export failed; the error is in the appliance log', finished_at: at, last_updated_at: at },
      'in_progress',
    );
  }

  private async run(task: { id: string; cancelled: boolean }): Promise<void> {
    const row = this.o.repo.get(task.id);
    if (!row || row.status !== 'in_progress') return;
    const job = this.o.jobOf(row);
    await this.o.flush();
    const conn = await (this.connection ??= this.o.db.connect());
    const read = async (sql: string, p: SqlParams) =>
      (await conn.runAndReadAll(sql, p.values, p.types as never)).getRowObjectsJS() as Row[];

    const base = new SqlParams();
    const conditions = logConditions(job.filter, job.scope, base);
    const [stats] = await read(
      `SELECT count(*)::BIGINT AS n, max(epoch_us(l.created_at)) AS newest FROM request_logs l ${whereSql(conditions)}`,
      base,
    );
    // Rows logged after the start are not part of this export: its newest row is fixed now.
    if (stats?.newest !== null && stats?.newest !== undefined)
      conditions.push(`l.created_at <= ${base.timestamp(0, BigInt(stats.newest as bigint))}`);
    const total = Math.max(0, Math.min(job.limit, Number(stats?.n ?? 0) - job.offset));
    this.o.repo.update(task.id, { total_rows: total, last_updated_at: isoNow(this.o.now()) }, 'in_progress');

    fs.mkdirSync(this.o.dir, { recursive: true, mode: 0o700 });
    const partial = `${exportFile(this.o.dir, task.id)}.part`;
    const file = await fs.promises.open(partial, 'w', 0o600);
    let exported = 0;
    let bytes = 0;
    try {
      let cursor: { us: bigint; id: string } | null = null;
      for (let chunk = 0; exported < total; chunk++) {
        await this.o.beforeChunk?.(task.id, chunk);
        if (task.cancelled) throw new Cancelled();
        const p = new SqlParams();
        p.values.push(...base.values);
        p.types.push(...base.types);
        const where = [...conditions];
        if (cursor) {
          const at = p.timestamp(0, cursor.us);
          where.push(`(l.created_at < ${at} OR (l.created_at = ${at} AND l.id < ${p.add(cursor.id)}))`);
        }
        const size = Math.min(this.chunkRows, total - exported);
        const rows = await read(
          `SELECT ${EXPORT_COLUMNS} FROM request_logs l ${whereSql(where)} ORDER BY l.created_at DESC, l.id DESC
             LIMIT ${size} ${cursor ? '' : `OFFSET ${job.offset}`}`,
          p,
        );
        if (rows.length === 0) break;
        const bodies = needsBodies(job.fields)
          ? await this.bodiesOf(rows, read)
          : new Map<string, { request: unknown; response: unknown }>();
        const text = rows.map((r) => `${JSON.stringify(exportRecord(r, bodies.get(String(r.id)), job.fields))}\n`).join('');
        await file.write(text);
        bytes += Buffer.byteLength(text);
        exported += rows.length;
        const last = rows.at(-1)!;
        cursor = { us: BigInt(last.created_us as bigint), id: String(last.id) };
        this.o.repo.progress(task.id, exported, isoNow(this.o.now()));
        await yieldToEventLoop();
      }
      if (task.cancelled) throw new Cancelled();
    } catch (err) {
      await file.close();
      fs.rmSync(partial, { force: true });
      throw err;
    }
    await file.close();
    fs.renameSync(partial, exportFile(this.o.dir, task.id));
    const at = isoNow(this.o.now());
    const done = this.o.repo.update(
      task.id,
      { status: 'success', exported_rows: exported, total_rows: exported, file_bytes: bytes, finished_at: at, last_updated_at: at },
      'in_progress',
    );
    // Cancelled between the last chunk and here: the export stays stopped, without a file.
    if (!done) fs.rmSync(exportFile(this.o.dir, task.id), { force: true });
  }

  /** Bodies of one chunk, found through the chunk's time span so DuckDB skips other row groups. */
  private async bodiesOf(rows: Row[], read: (sql: string, p: SqlParams) => Promise<Row[]>) {
    const withBodies = rows.filter((r) => r.has_bodies);
    const out = new Map<string, { request: unknown; response: unknown }>();
    if (withBodies.length === 0) return out;
    const times = withBodies.map((r) => BigInt(r.created_us as bigint));
    const min = times.reduce((a, b) => (b < a ? b : a));
    const max = times.reduce((a, b) => (b > a ? b : a));
    const p = new SqlParams();
    const found = await read(
      `SELECT id, request, response FROM request_log_bodies
         WHERE created_at BETWEEN ${p.timestamp(0, min)} AND ${p.timestamp(0, max)} AND list_contains(${p.list(withBodies.map((r) => String(r.id)))}, id)`,
      p,
    );
    for (const b of found) out.set(String(b.id), { request: b.request, response: b.response });
    return out;
  }
}
