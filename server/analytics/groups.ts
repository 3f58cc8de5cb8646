// Grouped analytics (spec §2.9): the named groups (users, ai-models, metadata/{key}) and the
// generic GET /analytics/groups/:groupBy (also served as /logs/groups/:groupBy) whose extra columns
// are opt-in. One statement per answer: aggregate per group, count the groups with a window, order
// and page in SQL.
import { badRequest } from '../errors.ts';
import { paging } from '../http/paging.ts';
import { metadataValuePattern, type RowScope } from '../logs/filters.ts';
import { parseOrdering, type AnalyticsQuery, type Ordering } from './query.ts';
import { IS_HIT, SqlParams, USER, cents, dec, int, iso, num, percent, rowsWhere, type ReaderPool, type Row } from './sql.ts';

export interface GroupContext {
  q: AnalyticsQuery;
  scope: RowScope;
  reader: ReaderPool;
  /** The raw query string, for ordering, paging and columns. */
  query: Record<string, unknown>;
  /** Names for ids the log rows carry (API key names, workspace slugs) from the metadata store. */
  labels: GroupLabels;
}

export interface GroupLabels {
  apiKey(id: string): { name: string } | null;
  workspace(id: string): { slug: string; name: string } | null;
}

export interface GroupList {
  object: 'list';
  total: number;
  data: Row[];
  /** With include_total=true: the same columns over every row the query covers. */
  summary?: Row;
}

export const GROUP_BY = ['ai_service', 'model', 'status_code', 'api_key', 'config', 'workspace', 'provider', 'prompt'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** The log column behind each grouping. `provider` is the catalog provider (@slug), `ai_service` its AI service. */
const DIMENSION: Record<GroupBy, string> = {
  ai_service: 'l.ai_org',
  model: 'l.ai_model',
  status_code: 'l.response_status_code',
  api_key: 'l.api_key_id',
  config: 'coalesce(l.config, l.config_id)',
  workspace: 'l.workspace_id',
  provider: 'l.virtual_key',
  prompt: 'coalesce(l.prompt_slug, l.prompt_id)',
};

export const COLUMNS = [
  'requests',
  'cost',
  'total_tokens',
  'avg_tokens',
  'avg_input_tokens',
  'avg_output_tokens',
  'avg_latency',
  'p95_latency',
  'p99_latency',
  'success_rate',
  'error_count',
  'cache_hit_rate',
  'last_seen',
  'first_seen',
] as const;
export type Column = (typeof COLUMNS)[number];

interface ColumnDef {
  /** Aggregates it needs, by name (shared: p95 and p99 come from one quantile list). */
  needs: Record<string, string>;
  /** Its value in SQL, over those aggregates (used for ordering too). */
  value: string;
  out(r: Row): unknown;
}

const QUANTILES = { lq: 'quantile_cont(l.response_time, [0.95, 0.99])' };

const COLUMN: Record<Column, ColumnDef> = {
  requests: { needs: { requests: 'count(*)' }, value: 'requests', out: (r) => int(r.requests) },
  cost: { needs: { cost: 'sum(l.cost)' }, value: 'cost', out: (r) => cents(r.cost) },
  total_tokens: { needs: { total_tokens: 'sum(l.total_units)' }, value: 'total_tokens', out: (r) => int(r.total_tokens) },
  avg_tokens: { needs: { avg_tokens: 'avg(l.total_units)' }, value: 'avg_tokens', out: (r) => dec(r.avg_tokens) },
  avg_input_tokens: { needs: { avg_input_tokens: 'avg(l.req_units)' }, value: 'avg_input_tokens', out: (r) => dec(r.avg_input_tokens) },
  avg_output_tokens: { needs: { avg_output_tokens: 'avg(l.res_units)' }, value: 'avg_output_tokens', out: (r) => dec(r.avg_output_tokens) },
  avg_latency: { needs: { avg_latency: 'avg(l.response_time)' }, value: 'avg_latency', out: (r) => int(r.avg_latency) },
  p95_latency: { needs: QUANTILES, value: 'lq[1]', out: (r) => int((r.lq as number[] | null)?.[0]) },
  p99_latency: { needs: QUANTILES, value: 'lq[2]', out: (r) => int((r.lq as number[] | null)?.[1]) },
  success_rate: {
    needs: { requests: 'count(*)', successes: 'count(*) FILTER (WHERE l.is_success)' },
    value: 'successes / requests',
    out: (r) => percent(r.successes, r.requests),
  },
  error_count: { needs: { error_count: 'count(*) FILTER (WHERE NOT l.is_success)' }, value: 'error_count', out: (r) => int(r.error_count) },
  cache_hit_rate: {
    needs: { requests: 'count(*)', hits: `count(*) FILTER (WHERE ${IS_HIT})` },
    value: 'hits / requests',
    out: (r) => percent(r.hits, r.requests),
  },
  last_seen: { needs: { last_ms: 'epoch_ms(max(l.created_at))' }, value: 'last_ms', out: (r) => iso(r.last_ms) },
  first_seen: { needs: { first_ms: 'epoch_ms(min(l.created_at))' }, value: 'first_ms', out: (r) => iso(r.first_ms) },
};

export function parseGroupBy(value: string): GroupBy {
  if (!(GROUP_BY as readonly string[]).includes(value)) {
    throw badRequest(`groupBy must be one of: ${GROUP_BY.join(', ')}, users, ai-models, workspaces, metadata/{key} (got "${value}")`, {
      param: 'groupBy',
    });
  }
  return value as GroupBy;
}

/** `columns=cost,p95_latency` -> the columns, requests first; unknown names are refused. */
export function parseColumns(value: unknown, fallback: readonly Column[] = []): Column[] {
  if (value === undefined || value === '') return ['requests', ...fallback.filter((c) => c !== 'requests')];
  const names = (Array.isArray(value) ? value.map(String) : String(value).split(',')).map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(COLUMNS as readonly string[]).includes(n));
  if (unknown.length) {
    throw badRequest(`columns may only name: ${COLUMNS.join(', ')} (unknown: ${unknown.join(', ')})`, { param: 'columns' });
  }
  return ['requests', ...new Set(names.filter((n) => n !== 'requests'))] as Column[];
}

/** Aggregates of `columns` for the SELECT list, each computed once. */
function aggregates(columns: readonly Column[]): string[] {
  const needed = new Map<string, string>();
  for (const c of columns) for (const [name, sql] of Object.entries(COLUMN[c].needs)) needed.set(name, sql);
  return [...needed].map(([name, sql]) => `${sql} AS ${name}`);
}

function wantsTotal(query: Record<string, unknown>): boolean {
  const v = query.include_total;
  if (v === undefined || v === '' || v === false || v === 'false' || v === '0') return false;
  if (v === true || v === 'true' || v === '1') return true;
  throw badRequest(`include_total must be true or false (got ${JSON.stringify(v)})`, { param: 'include_total' });
}

/** Ordering, paging and the group count, around one aggregate statement. */
interface GroupedSql {
  key: string;
  /** SQL of the group key (may bind parameters); rows where it is NULL are left out when `skipNull`. */
  keySql: (p: SqlParams) => string;
  skipNull: boolean;
  select: string[];
  /** Order field -> SQL expression over the aggregates. */
  orderable: Record<string, string>;
  fallback: Ordering;
  join?: string;
  /** SQL turning the grouped key (column `key`) into the key returned, run once per group. */
  keyOut?: (key: string) => string;
}

function groupedFrom(ctx: GroupContext, g: GroupedSql, p: SqlParams): { keySql: string; from: string } {
  const keySql = g.keySql(p);
  return { keySql, from: `FROM request_logs l ${g.join ?? ''} ${rowsWhere(ctx.q, ctx.scope, p)}` };
}

async function groupedRows(ctx: GroupContext, g: GroupedSql): Promise<{ total: number; rows: Row[] }> {
  const order = parseOrdering(ctx.query, Object.keys(g.orderable), g.fallback);
  const page = paging(numberParam(ctx.query.current_page, 'current_page'), numberParam(ctx.query.page_size, 'page_size'), 50);
  const p = new SqlParams();
  const { keySql, from } = groupedFrom(ctx, g, p);
  const key = `"${g.key}"`;
  const direction = order.direction === 'asc' ? 'ASC' : 'DESC';
  // Ties order by the key ascending, so pages are stable.
  const tieBreak = order.field === g.key ? '' : `, ${key} ASC NULLS LAST`;
  // The NULL group is dropped after grouping, and `keyOut` runs once per group: the key is
  // computed once per row.
  const skip = g.skipNull ? `WHERE ${key} IS NOT NULL` : '';
  const grouped = g.keyOut ? `* REPLACE (${g.keyOut(key)} AS ${key})` : '*';
  const rows = await ctx.reader.rows(
    `SELECT *, count(*) OVER () AS total_groups FROM (
       SELECT ${grouped} FROM (
         SELECT ${keySql} AS ${key}, ${g.select.join(', ')}
           ${from}
          GROUP BY 1)) ${skip}
     ORDER BY ${g.orderable[order.field]} ${direction} NULLS LAST${tieBreak}
     LIMIT ${p.add(BigInt(page.limit))} OFFSET ${p.add(BigInt(page.offset))}`,
    p,
  );
  if (rows.length || page.offset === 0) return { total: rows.length ? num(rows[0]!.total_groups) : 0, rows };
  // A page past the end has no row to carry the count: count the groups on their own.
  const c = new SqlParams();
  const counted = groupedFrom(ctx, g, c);
  const [r] = await ctx.reader.rows(
    `SELECT count(*) AS n FROM (SELECT ${grouped} FROM (SELECT ${counted.keySql} AS ${key} ${counted.from} GROUP BY 1)) ${skip}`,
    c,
  );
  return { total: num(r?.n), rows };
}

function numberParam(v: unknown, name: string): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0)
    throw badRequest(`${name} must be a whole number of at least 0 (got ${JSON.stringify(v)})`, { param: name });
  return n;
}

const list = (total: number, data: Row[], summary?: Row): GroupList => ({ object: 'list', total, data, ...(summary ? { summary } : {}) });
const group = (row: Row): Row => ({ ...row, object: 'analytics-group' });

/** The generic grouping: the key, the request count, and the opt-in columns. */
export async function groupedData(ctx: GroupContext, by: GroupBy, defaultColumns: readonly Column[] = []): Promise<GroupList> {
  const columns = parseColumns(ctx.query.columns, defaultColumns);
  const orderable: Record<string, string> = { [by]: `"${by}"` };
  for (const c of columns) orderable[c] = COLUMN[c].value;
  const keySql = by === 'status_code' ? `${DIMENSION[by]}::INTEGER` : DIMENSION[by];
  const summaryRun = wantsTotal(ctx.query) ? summaryOf(ctx, columns) : Promise.resolve(undefined);
  const [{ total, rows }, summary] = await Promise.all([
    groupedRows(ctx, {
      key: by,
      keySql: () => keySql,
      skipNull: false,
      select: aggregates(columns),
      orderable,
      fallback: { field: 'requests', direction: 'desc' },
    }),
    summaryRun,
  ]);
  const data = rows.map((r) => {
    const key = r[by] === null || r[by] === undefined ? null : by === 'status_code' ? int(r[by]) : String(r[by]);
    const out: Row = { [by]: key, ...labelsOf(ctx.labels, by, key) };
    for (const c of columns) out[c] = COLUMN[c].out(r);
    return group(out);
  });
  return list(total, data, summary);
}

function labelsOf(labels: GroupLabels, by: GroupBy, key: unknown): Row {
  if (typeof key !== 'string') return {};
  if (by === 'api_key') return { api_key_name: labels.apiKey(key)?.name ?? null };
  if (by === 'workspace') {
    const ws = labels.workspace(key);
    return { workspace_slug: ws?.slug ?? null, workspace_name: ws?.name ?? null };
  }
  return {};
}

async function summaryOf(ctx: GroupContext, columns: readonly Column[]): Promise<Row> {
  const p = new SqlParams();
  const [r = {}] = await ctx.reader.rows(
    `SELECT ${aggregates(columns).join(', ')} FROM request_logs l ${rowsWhere(ctx.q, ctx.scope, p)}`,
    p,
  );
  const out: Row = {};
  for (const c of columns) out[c] = COLUMN[c].out(r);
  return out;
}

// ---- named groups (OAS /analytics/groups/users, /ai-models, /metadata/{key}) ----
// OAS types `requests` and `cost` of the users and ai-models groups as strings (ClickHouse's quoted
// 64-bit integers); they are sent as strings here too, so clients written against it keep working.

export async function usersGroup(ctx: GroupContext): Promise<GroupList> {
  const { total, rows } = await groupedRows(ctx, {
    key: 'user',
    keySql: () => USER,
    skipNull: true,
    select: ['count(*) AS requests', 'sum(l.cost) AS cost'],
    orderable: { user: '"user"', requests: 'requests', cost: 'cost' },
    fallback: { field: 'requests', direction: 'desc' },
  });
  return list(
    total,
    rows.map((r) => group({ user: String(r.user), requests: String(int(r.requests)), cost: String(cents(r.cost)) })),
  );
}

export async function aiModelsGroup(ctx: GroupContext): Promise<GroupList> {
  const { total, rows } = await groupedRows(ctx, {
    key: 'ai_model',
    keySql: () => 'l.ai_model',
    skipNull: true,
    select: ['count(*) AS requests'],
    orderable: { ai_model: '"ai_model"', requests: 'requests' },
    fallback: { field: 'requests', direction: 'desc' },
  });
  return list(
    total,
    rows.map((r) => group({ ai_model: String(r.ai_model), requests: String(int(r.requests)) })),
  );
}

/**
 * Group keys for metadata key `key`: per row, '' when the row has no value for it, else the VALUE
 * separator and the escaped value (metadata_text, events.ts; one regexp_extract costs a fraction of
 * reading the value between two separators with split_part). Per group, NULL or the value itself.
 */
function metadataValueSql(key: string, p: SqlParams): string {
  return `regexp_extract(l.metadata_text, ${p.add(metadataValuePattern(key))}, 1)`;
}

function metadataValueOut(grouped: string): string {
  // Reverses escapeMetadata; the escape character itself goes last.
  let sql = `substr(${grouped}, 2)`;
  for (let c = 0x1f; c >= 0x1c; c--) sql = `replace(${sql}, chr(28) || chr(${c - 0x0c}), chr(${c}))`;
  return `CASE WHEN ${grouped} = '' THEN NULL ELSE ${sql} END`;
}

/**
 * Requests by the value of one metadata key. Feedback comes per trace (view feedback_by_trace),
 * matched on the trace key (log migration 0005), which includes the workspace: a request with
 * feedback counts once, with its trace's average weighted value. One statement: a second one for
 * the feedback side would scan the metadata again and measured barely faster.
 */
export async function metadataGroup(ctx: GroupContext, key: string): Promise<GroupList> {
  if (!key || key.length > 256) throw badRequest('metadataKey must be a metadata key of 1 to 256 characters', { param: 'metadataKey' });
  const { total, rows } = await groupedRows(ctx, {
    key: 'metadata_value',
    keySql: (p) => (key === '_user' ? USER : metadataValueSql(key, p)),
    keyOut: key === '_user' ? undefined : metadataValueOut,
    skipNull: true,
    select: [
      'count(*) AS requests',
      'sum(l.cost) AS cost',
      'avg(l.total_units) AS avg_tokens',
      'avg(fb.avg_weighted_value) AS avg_weighted_feedback',
      'count(fb.trace_key) AS requests_with_feedback',
      'epoch_ms(max(l.created_at)) AS last_ms',
    ],
    orderable: {
      metadata_value: '"metadata_value"',
      requests: 'requests',
      cost: 'cost',
      avg_tokens: 'avg_tokens',
      avg_weighted_feedback: 'avg_weighted_feedback',
      requests_with_feedback: 'requests_with_feedback',
      last_seen: 'last_ms',
    },
    fallback: { field: 'requests', direction: 'desc' },
    join: 'LEFT JOIN feedback_by_trace fb ON fb.trace_key = l.trace_key',
  });
  return list(
    total,
    rows.map((r) =>
      group({
        metadata_value: String(r.metadata_value),
        requests: int(r.requests),
        cost: cents(r.cost),
        avg_tokens: dec(r.avg_tokens),
        avg_weighted_feedback: num(r.requests_with_feedback) > 0 ? dec(r.avg_weighted_feedback) : null,
        requests_with_feedback: int(r.requests_with_feedback),
        last_seen: iso(r.last_ms),
      }),
    ),
  );
}
