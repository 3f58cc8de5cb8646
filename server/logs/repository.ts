// Reads request logs back from DuckDB in Portkey's log shape (spec §2.10, OAS LogObject).
import type { DuckDBConnection } from '@duckdb/node-api';
import type { LogDatabase } from '../db/duckdb.ts';

type Row = Record<string, unknown>;

export interface LogListFilter {
  workspaceId: string | null;
  traceId?: string;
  limit: number;
  offset: number;
}

/** Timestamps come back as epoch milliseconds; everything else as plain JSON values. */
const SELECT_METRICS = `SELECT * EXCLUDE (created_at), epoch_ms(created_at) AS created_ms FROM request_logs`;

function toNumber(v: unknown): unknown {
  return typeof v === 'bigint' ? Number(v) : v;
}

function metricsOf(row: Row) {
  const metrics: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (k === 'created_ms' || k === 'metadata_key' || k === 'metadata_value') continue;
    metrics[k] = toNumber(v);
  }
  const keys = (row.metadata_key as string[] | null) ?? [];
  const values = (row.metadata_value as string[] | null) ?? [];
  const metadata: Record<string, string> = {};
  keys.forEach((k, i) => (metadata[k] = values[i] ?? ''));
  metrics.created_at = new Date(Number(row.created_ms)).toISOString();
  metrics['metadata.key'] = keys;
  metrics['metadata.value'] = values;
  metrics.metadata = metadata;
  return metrics;
}

function parse(text: unknown): Row | null {
  if (typeof text !== 'string') return null;
  try {
    return JSON.parse(text) as Row;
  } catch {
    return null;
  }
}

export function logView(row: Row, bodies: { request: unknown; response: unknown } | null) {
  const metrics = metricsOf(row);
  const req = bodies ? parse(bodies.request) : null;
  const res = bodies ? parse(bodies.response) : null;
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
  };
}

export type LogView = ReturnType<typeof logView>;

export function logsRepository(db: LogDatabase) {
  let reader: Promise<DuckDBConnection> | null = null;
  const conn = () => (reader ??= db.connect());

  async function rows(sql: string, params: (string | number)[]): Promise<Row[]> {
    const result = await (await conn()).runAndReadAll(sql, params);
    return result.getRowObjectsJS() as Row[];
  }

  return {
    async get(id: string): Promise<{ row: Row; bodies: { request: unknown; response: unknown } | null } | null> {
      const [row] = await rows(`${SELECT_METRICS} WHERE id = $1 LIMIT 1`, [id]);
      if (!row) return null;
      const [b] = await rows('SELECT request, response FROM request_log_bodies WHERE id = $1 LIMIT 1', [id]);
      return { row, bodies: b ? { request: b.request, response: b.response } : null };
    },
    async list(filter: LogListFilter): Promise<{ total: number; rows: Row[] }> {
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (filter.workspaceId) {
        params.push(filter.workspaceId);
        where.push(`workspace_id = $${params.length}`);
      }
      if (filter.traceId) {
        params.push(filter.traceId);
        where.push(`trace_id = $${params.length}`);
      }
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const [count] = await rows(`SELECT count(*)::INTEGER AS n FROM request_logs ${clause}`, params);
      const page = await rows(
        `${SELECT_METRICS} ${clause} ORDER BY created_at DESC, id LIMIT ${Math.floor(filter.limit)} OFFSET ${Math.floor(filter.offset)}`,
        params,
      );
      return { total: Number(count?.n ?? 0), rows: page };
    },
  };
}

export type LogsRepository = ReturnType<typeof logsRepository>;
