// Reads request logs back from DuckDB in Portkey's log shape (spec §2.10, OAS LogObject): one log
// with its bodies, and filtered lists, newest first, paged with an opaque cursor on
// (created_at, id) so pages neither repeat nor skip rows while new ones arrive.
import type { DuckDBConnection } from '@duckdb/node-api';
import { badRequest } from '../errors.ts';
import type { LogDatabase } from '../db/duckdb.ts';
import { SqlParams, logConditions, whereSql, type LogFilter, type RowScope } from './filters.ts';

export type Row = Record<string, unknown>;

export interface Bodies {
  request: unknown;
  response: unknown;
}

export interface FeedbackSummary {
  feedback_count: number;
  /** Average of value × weight over the trace's feedback. */
  avg_weighted_feedback: number | null;
}

/** Timestamps come back as epoch milliseconds (and microseconds, for cursors). */
const SELECT_METRICS = `SELECT l.* EXCLUDE (created_at), epoch_ms(l.created_at) AS created_ms, epoch_us(l.created_at) AS created_us
  FROM request_logs l`;

// Read-side helpers and columns derived for analytics (metadata_user, metadata_text, trace_key) are
// not part of the log shape.
const HIDDEN = new Set([
  'created_ms',
  'created_us',
  'metadata_key',
  'metadata_value',
  'metadata_user',
  'metadata_text',
  'trace_key',
  'hook_results',
]);

type HookResults = { before_request_hooks: Row[]; after_request_hooks: Row[] };

/**
 * The guardrail verdicts of a log: as the client saw them, with the verdicts of async guardrails
 * that finished later (log migration 0006) in place of their pending entries.
 */
function hookResultsOf(row: Row, late: Row[]): HookResults | null {
  const text = row.hook_results;
  if (typeof text !== 'string') return null;
  const hooks = JSON.parse(text) as HookResults;
  for (const l of late) {
    const list = l.phase === 'afterRequestHook' ? hooks.after_request_hooks : hooks.before_request_hooks;
    const result = JSON.parse(String(l.result)) as Row;
    const i = list.findIndex((h) => h.id === result.id && h.verdict === null);
    if (i === -1) list.push(result);
    else list[i] = result;
  }
  return hooks;
}

function toNumber(v: unknown): unknown {
  return typeof v === 'bigint' ? Number(v) : v;
}

function metricsOf(row: Row, feedback: FeedbackSummary | undefined) {
  const metrics: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (!HIDDEN.has(k)) metrics[k] = toNumber(v);
  }
  const keys = (row.metadata_key as string[] | null) ?? [];
  const values = (row.metadata_value as string[] | null) ?? [];
  const metadata: Record<string, string> = {};
  keys.forEach((k, i) => (metadata[k] = values[i] ?? ''));
  metrics.created_at = new Date(Number(row.created_ms)).toISOString();
  metrics['metadata.key'] = keys;
  metrics['metadata.value'] = values;
  metrics.metadata = metadata;
  metrics.feedback_count = feedback?.feedback_count ?? 0;
  metrics.avg_weighted_feedback = feedback?.avg_weighted_feedback ?? null;
  return metrics;
}

export function parseBody(text: unknown): Row | null {
  if (typeof text !== 'string') return null;
  try {
    return JSON.parse(text) as Row;
  } catch {
    return null;
  }
}

export function logView(row: Row, bodies: Bodies | null, feedback?: FeedbackSummary, lateHooks: Row[] = []) {
  const metrics = metricsOf(row, feedback);
  const req = bodies ? parseBody(bodies.request) : null;
  const res = bodies ? parseBody(bodies.response) : null;
  return {
    _id: String(row.id),
    id: String(row.id),
    organisation_id: row.organisation_id ?? null,
    created_at: metrics.created_at,
    request: {
      url: row.request_url,
      method: row.request_method,
      ...(req ? { headers: req.headers, body: req.body } : {}),
      portkeyHeaders: (req?.portkeyHeaders as Row | undefined) ?? { 'x-portkey-trace-id': row.trace_id },
    },
    response: {
      status: toNumber(row.response_status_code),
      ...(res ? { headers: res.headers, body: res.body } : {}),
      responseTime: toNumber(row.response_time),
      lastUsedOptionJsonPath: row.last_used_option_index,
    },
    metrics,
    finalUntransformedRequest: req ? { body: req.body } : undefined,
    transformedRequest: req?.transformedRequest !== undefined ? { body: req.transformedRequest } : undefined,
    originalResponse: res?.originalResponse !== undefined ? { body: res.originalResponse } : undefined,
    log_format: 'v2',
    /** Guardrail verdicts, each check's with its timing and explanation (null: no guardrail ran). */
    hook_results: hookResultsOf(row, lateHooks),
  };
}

export type LogView = ReturnType<typeof logView>;

/** Where a page ends: the (created_at in µs, id) of its last row, opaque to clients. */
export interface Cursor {
  us: bigint;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.us.toString(), c.id])).toString('base64url');
}

export function decodeCursor(text: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && /^\d{1,18}$/.test(String(value[0])) && typeof value[1] === 'string') {
      return { us: BigInt(value[0] as string), id: value[1] };
    }
  } catch {
    // Reported below.
  }
  throw badRequest('cursor is not one this server handed out: pass the next_cursor of the previous page unchanged', { param: 'cursor' });
}

export interface ListPage {
  total: number;
  rows: Row[];
  feedback: Map<string, FeedbackSummary>;
  nextCursor: string | null;
}

export const feedbackKey = (workspaceId: unknown, traceId: unknown) => `${String(workspaceId ?? '')}\u0000${String(traceId ?? '')}`;

export function logsRepository(db: LogDatabase) {
  let reader: Promise<DuckDBConnection> | null = null;
  const conn = () => (reader ??= db.connect());

  async function rows(sql: string, p: SqlParams | (string | number)[] = []): Promise<Row[]> {
    const c = await conn();
    const result = Array.isArray(p) ? await c.runAndReadAll(sql, p) : await c.runAndReadAll(sql, p.values, p.types as never);
    return result.getRowObjectsJS() as Row[];
  }

  /** Feedback counts and averages of the traces of `list`, keyed by feedbackKey(workspace, trace). */
  async function feedbackOf(list: Row[]): Promise<Map<string, FeedbackSummary>> {
    const out = new Map<string, FeedbackSummary>();
    const traces = [...new Set(list.map((r) => r.trace_id).filter((t): t is string => typeof t === 'string'))];
    if (traces.length === 0) return out;
    const p = new SqlParams();
    const found = await rows(
      `SELECT workspace_id, trace_id, feedback_count, avg_weighted_value FROM feedback_by_trace
        WHERE list_contains(${p.list(traces)}, trace_id)`,
      p,
    );
    for (const f of found) {
      out.set(feedbackKey(f.workspace_id, f.trace_id), {
        feedback_count: Number(f.feedback_count),
        avg_weighted_feedback: f.avg_weighted_value === null ? null : Number(f.avg_weighted_value),
      });
    }
    return out;
  }

  return {
    async get(id: string): Promise<{ row: Row; bodies: Bodies | null; feedback: FeedbackSummary | undefined; lateHooks: Row[] } | null> {
      const [row] = await rows(`${SELECT_METRICS} WHERE l.id = $1 LIMIT 1`, [id]);
      if (!row) return null;
      let bodies: Bodies | null = null;
      if (row.has_bodies) {
        // The bodies row carries the same created_at: filtering on it lets DuckDB skip every row
        // group of other times instead of scanning the whole table for the id.
        const p = new SqlParams();
        const [b] = await rows(
          `SELECT request, response FROM request_log_bodies WHERE created_at = ${p.timestamp(0, BigInt(row.created_us as bigint))} AND id = ${p.add(id)} LIMIT 1`,
          p,
        );
        bodies = b ? { request: b.request, response: b.response } : null;
      }
      const feedback = await feedbackOf([row]);
      const lateHooks = row.hook_results
        ? await rows('SELECT phase, result FROM guardrail_async_results WHERE request_id = $1 ORDER BY created_at', [id])
        : [];
      return { row, bodies, feedback: feedback.get(feedbackKey(row.workspace_id, row.trace_id)), lateHooks };
    },

    async count(filter: LogFilter, scope: RowScope): Promise<number> {
      const p = new SqlParams();
      const [count] = await rows(`SELECT count(*)::BIGINT AS n FROM request_logs l ${whereSql(logConditions(filter, scope, p))}`, p);
      return Number(count?.n ?? 0);
    },

    async list(filter: LogFilter, scope: RowScope, page: { pageSize: number; cursor?: Cursor }): Promise<ListPage> {
      const p = new SqlParams();
      const conditions = logConditions(filter, scope, p);
      let after: string | null = null;
      if (page.cursor) {
        const at = p.timestamp(0, page.cursor.us);
        after = `(l.created_at < ${at} OR (l.created_at = ${at} AND l.id < ${p.add(page.cursor.id)}))`;
      }
      const limit = Math.floor(page.pageSize) + 1;
      // One scan of the filtered columns counts the rows and finds the times of the page's rows;
      // then the whole rows from the oldest of those times on, a condition that skips all older row
      // groups. Reading whole rows while filtering reads every column of every row: a search that
      // matches few rows took seconds over 10 million rows.
      const [head] = await rows(
        `SELECT count(*)::BIGINT AS n, max(epoch_us(l.created_at), ${limit})${after ? ` FILTER (WHERE ${after})` : ''} AS newest
           FROM request_logs l ${whereSql(conditions)}`,
        p,
      );
      const newest = (head?.newest as bigint[] | null) ?? [];
      const from = newest.reduce<bigint | null>((min, us) => (min === null || us < min ? us : min), null);
      const found =
        from === null
          ? []
          : await rows(
              `${SELECT_METRICS} ${whereSql([...conditions, ...(after ? [after] : []), `l.created_at >= ${p.timestamp(0, from)}`])}
                ORDER BY l.created_at DESC, l.id DESC LIMIT ${limit}`,
              p,
            );
      const hasMore = found.length > page.pageSize;
      const pageRows = hasMore ? found.slice(0, page.pageSize) : found;
      const last = pageRows.at(-1);
      return {
        total: Number(head?.n ?? 0),
        rows: pageRows,
        feedback: await feedbackOf(pageRows),
        nextCursor: hasMore && last ? encodeCursor({ us: BigInt(last.created_us as bigint), id: String(last.id) }) : null,
      };
    },
  };
}

export type LogsRepository = ReturnType<typeof logsRepository>;
