// The analytics graphs (spec §2.9): one SQL statement each over the request rows a query covers,
// grouped by time bucket, with the summary over the whole range computed in the same scan
// (GROUPING SETS) so the two always agree. Every bucket of the range is listed, empty ones as zero.
import {
  IS_ERROR,
  IS_HIT,
  IS_SEMANTIC_HIT,
  IS_SIMPLE_HIT,
  RESCUED_BY_FALLBACK,
  RESCUED_BY_RETRY,
  SqlParams,
  USER,
  bucketSql,
  cents,
  dec,
  int,
  num,
  percent,
  rowsWhere,
  type Row,
} from './sql.ts';
import { guardrailsGraph } from './guardrailGraph.ts';
import { graph, type Graph, type GraphContext } from './graph.ts';

export type { Graph, GraphContext };
const stamp = (ms: number) => new Date(ms).toISOString();

interface Series {
  summary: Row;
  /** Bucket start (ms) -> row. */
  byBucket: Map<number, Row>;
}

/** `measures` per bucket and over the whole range, in one scan of the covered rows. */
async function series(ctx: GraphContext, measures: Record<string, string>, extra: string[] = []): Promise<Series> {
  const p = new SqlParams();
  const bucket = bucketSql(ctx.q.buckets, p);
  const where = rowsWhere(ctx.q, ctx.scope, p, extra);
  const cols = Object.entries(measures).map(([name, sql]) => `${sql} AS ${name}`);
  const rows = await ctx.reader.rows(
    `SELECT ${bucket} AS bucket, grouping(bucket) AS is_total, ${cols.join(', ')}
       FROM request_logs l ${where}
      GROUP BY GROUPING SETS ((bucket), ())`,
    p,
  );
  return split(rows);
}

function split(rows: Row[]): Series {
  const byBucket = new Map<number, Row>();
  let summary: Row = {};
  for (const r of rows) {
    if (num(r.is_total) === 1) summary = r;
    else byBucket.set(num(r.bucket), r);
  }
  return { summary, byBucket };
}

/** One point per bucket of the range; `shape` gets an empty row for a bucket with no data. */
function points(ctx: GraphContext, byBucket: Map<number, Row>, shape: (r: Row) => Row): Row[] {
  return ctx.q.buckets.starts.map((start) => ({ timestamp: stamp(start), ...shape(byBucket.get(start) ?? {}) }));
}

function simple(measures: Record<string, string>, shape: (r: Row) => Row, extra: string[] = []) {
  return async (ctx: GraphContext): Promise<Graph> => {
    const s = await series(ctx, measures, extra);
    return graph(shape(s.summary), points(ctx, s.byBucket, shape));
  };
}

const LATENCY = { avg: 'avg(l.response_time)', q: 'quantile_cont(l.response_time, [0.5, 0.9, 0.99])' };
const latency = (r: Row) => {
  const q = (r.q as number[] | null) ?? [];
  return { avg: int(r.avg), p50: int(q[0]), p90: int(q[1]), p99: int(q[2]) };
};

// ---- feedback: given per trace, counted when its trace has a request the query covers ----

type FeedbackShape = { columns: string; groupBy: string; orderBy?: string };

async function feedbackRows(ctx: GraphContext, select: (bucket: () => string) => FeedbackShape, withModel = false) {
  const p = new SqlParams();
  const bucket = () => bucketSql(ctx.q.buckets, p, 'f.created_at');
  const inRange = `f.created_at >= ${p.timestamp(ctx.q.range.min)} AND f.created_at <= ${p.timestamp(ctx.q.range.max)}`;
  const tail = (shape: FeedbackShape) => `GROUP BY ${shape.groupBy}${shape.orderBy ? ` ORDER BY ${shape.orderBy}` : ''}`;
  if (!withModel && coversWholeWorkspace(ctx)) {
    // Nothing narrows the requests: the feedback given in the workspace is the answer, without
    // reading the trace ids of every request in the range (most of the cost otherwise).
    const workspace = ctx.scope.workspaceId === null ? '' : ` AND f.workspace_id = ${p.add(ctx.scope.workspaceId)}`;
    const shape = select(bucket);
    return ctx.reader.rows(`SELECT ${shape.columns} FROM feedback f WHERE ${inRange}${workspace} ${tail(shape)}`, p);
  }
  // Requests and feedback meet on the trace key (log migration 0005): their trace in their workspace.
  const where = rowsWhere(ctx.q, ctx.scope, p, ['l.trace_key IN (SELECT trace_key FROM feedback)']);
  const shape = select(bucket);
  return ctx.reader.rows(
    `WITH rated AS (SELECT DISTINCT l.trace_key${withModel ? ', l.ai_model' : ''} FROM request_logs l ${where})
     SELECT ${shape.columns}
       FROM feedback f JOIN rated r ON r.trace_key = f.trace_key
      WHERE ${inRange} ${tail(shape)}`,
    p,
  );
}

/** True when the query asks for every request of its workspace in the range: no row filter, no owner limit. */
function coversWholeWorkspace(ctx: GraphContext): boolean {
  // Unset filters are undefined, or ranges ({ min?, max? }) with neither end set.
  const unset = (v: unknown) =>
    v === undefined || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => x === undefined));
  return !ctx.scope.owner && Object.entries(ctx.q.filter).every(([name, value]) => name === 'time' || name === 'workspace' || unset(value));
}

async function feedbackSeries(ctx: GraphContext): Promise<Series> {
  return split(
    await feedbackRows(ctx, (bucket) => ({
      columns: `${bucket()} AS bucket, grouping(bucket) AS is_total, count(*) AS total, avg(f.value * f.weight) AS avg_weighted`,
      groupBy: 'GROUPING SETS ((bucket), ())',
    })),
  );
}

// ---- the graphs ----

async function errorStacks(ctx: GraphContext): Promise<Graph> {
  const p = new SqlParams();
  const bucket = bucketSql(ctx.q.buckets, p);
  const rows = await ctx.reader.rows(
    `SELECT ${bucket} AS bucket, l.response_status_code AS code, count(*) AS n
       FROM request_logs l ${rowsWhere(ctx.q, ctx.scope, p, [IS_ERROR])}
      GROUP BY ALL ORDER BY bucket, n DESC, code`,
    p,
  );
  const stats = new Map<number, Row[]>();
  let total = 0;
  for (const r of rows) {
    const list = stats.get(num(r.bucket)) ?? [];
    list.push({ response_status_code: int(r.code), count: int(r.n) });
    stats.set(num(r.bucket), list);
    total += num(r.n);
  }
  return graph(
    { total },
    ctx.q.buckets.starts.map((start) => ({ timestamp: stamp(start), stats: stats.get(start) ?? [] })),
  );
}

async function errorStatusCodes(ctx: GraphContext): Promise<Graph> {
  const p = new SqlParams();
  const rows = await ctx.reader.rows(
    `SELECT l.response_status_code AS code, count(*) AS n
       FROM request_logs l ${rowsWhere(ctx.q, ctx.scope, p, [IS_ERROR])}
      GROUP BY code ORDER BY n DESC, code`,
    p,
  );
  const data = rows.map((r) => ({ status_code: int(r.code), count: int(r.n) }));
  return graph({ total_errors: data.reduce((s, r) => s + r.count, 0), unique_error_codes: data.length }, data);
}

async function rescued(ctx: GraphContext): Promise<Graph> {
  const p = new SqlParams();
  const bucket = bucketSql(ctx.q.buckets, p);
  const rows = await ctx.reader.rows(
    `SELECT ${bucket} AS bucket, l.retry_success_count AS attempt,
            count(*) FILTER (WHERE ${RESCUED_BY_RETRY}) AS retry,
            count(*) FILTER (WHERE ${RESCUED_BY_FALLBACK}) AS fallback
       FROM request_logs l ${rowsWhere(ctx.q, ctx.scope, p, [`(${RESCUED_BY_RETRY} OR ${RESCUED_BY_FALLBACK})`])}
      GROUP BY ALL ORDER BY bucket, attempt`,
    p,
  );
  const retry = new Map<number, Row[]>();
  const fallback = new Map<number, number>();
  const total = { retry: 0, fallback: 0 };
  for (const r of rows) {
    const b = num(r.bucket);
    if (num(r.retry) > 0) retry.set(b, [...(retry.get(b) ?? []), { retry_success_count: int(r.attempt), count: int(r.retry) }]);
    fallback.set(b, (fallback.get(b) ?? 0) + num(r.fallback));
    total.retry += num(r.retry);
    total.fallback += num(r.fallback);
  }
  return graph(
    total,
    ctx.q.buckets.starts.map((start) => ({ timestamp: stamp(start), retry: retry.get(start) ?? [], fallback: fallback.get(start) ?? 0 })),
  );
}

/**
 * Cache hits and what they saved. A hit is logged at cost 0, so its saving is estimated from its
 * tokens at the cost per token its model had on paid (non-cached, successful) requests in the
 * same rows: one scan aggregates per bucket and model, the pricing join runs on that small result.
 */
async function cacheHitRate(ctx: GraphContext): Promise<Graph> {
  const p = new SqlParams();
  const bucket = bucketSql(ctx.q.buckets, p);
  const paid = `(NOT ${IS_HIT} AND l.is_success AND coalesce(l.is_priced, true))`;
  const rows = await ctx.reader.rows(
    `WITH agg AS (
       SELECT ${bucket} AS bucket, l.ai_org, l.ai_model, count(*) AS n,
              count(*) FILTER (WHERE ${IS_SIMPLE_HIT}) AS simple_hits,
              count(*) FILTER (WHERE ${IS_SEMANTIC_HIT}) AS semantic_hits,
              coalesce(sum(l.total_units) FILTER (WHERE ${IS_SIMPLE_HIT}), 0) AS simple_units,
              coalesce(sum(l.total_units) FILTER (WHERE ${IS_SEMANTIC_HIT}), 0) AS semantic_units,
              coalesce(sum(l.cost) FILTER (WHERE ${paid}), 0) AS paid_cost,
              coalesce(sum(l.total_units) FILTER (WHERE ${paid}), 0) AS paid_units
         FROM request_logs l ${rowsWhere(ctx.q, ctx.scope, p)}
        GROUP BY ALL),
     rates AS (
       SELECT ai_org, ai_model, sum(paid_cost) / nullif(sum(paid_units), 0) AS per_unit FROM agg GROUP BY ALL)
     SELECT a.bucket, sum(a.n) AS n, sum(a.simple_hits) AS simple_hits, sum(a.semantic_hits) AS semantic_hits,
            sum(a.simple_units * coalesce(r.per_unit, 0)) AS simple_saved,
            sum(a.semantic_units * coalesce(r.per_unit, 0)) AS semantic_saved
       FROM agg a LEFT JOIN rates r ON r.ai_org IS NOT DISTINCT FROM a.ai_org AND r.ai_model IS NOT DISTINCT FROM a.ai_model
      GROUP BY a.bucket ORDER BY a.bucket`,
    p,
  );
  const byBucket = new Map(rows.map((r) => [num(r.bucket), r]));
  let requests = 0;
  let hits = 0;
  let simpleSaved = 0;
  let semanticSaved = 0;
  const data = ctx.q.buckets.starts.map((start) => {
    const r = byBucket.get(start) ?? {};
    const bucketHits = num(r.simple_hits) + num(r.semantic_hits);
    requests += num(r.n);
    hits += bucketHits;
    simpleSaved += num(r.simple_saved);
    semanticSaved += num(r.semantic_saved);
    return {
      timestamp: stamp(start),
      simple_hits: int(r.simple_hits),
      semantic_hits: int(r.semantic_hits),
      rate: percent(bucketHits, r.n),
      cumulative_simple_cache_savings: cents(simpleSaved),
      cumulative_semantic_cache_savings: cents(semanticSaved),
    };
  });
  return graph({ total: hits, rate: percent(hits, requests) }, data);
}

async function feedbackScores(ctx: GraphContext): Promise<Graph> {
  const rows = await feedbackRows(ctx, () => ({ columns: 'f.value AS score, count(*) AS n', groupBy: 'score', orderBy: 'score' }));
  const data = rows.map((r) => ({ score: int(r.score), total: int(r.n) }));
  return graph({ total: data.reduce((s, r) => s + r.total, 0) }, data);
}

async function feedbackModels(ctx: GraphContext): Promise<Graph> {
  const rows = await feedbackRows(
    ctx,
    () => ({
      columns: 'r.ai_model AS ai_model, count(*) AS n, avg(f.value * f.weight) AS avg_weighted',
      groupBy: 'r.ai_model',
      orderBy: 'n DESC, ai_model NULLS LAST',
    }),
    true,
  );
  const data = rows.map((r) => ({
    ai_model: (r.ai_model as string | null) ?? null,
    total: int(r.n),
    avg_weighted_feedback: dec(r.avg_weighted),
  }));
  return graph({ total: data.reduce((s, r) => s + r.total, 0) }, data);
}

export type GraphRunner = (ctx: GraphContext) => Promise<Graph>;

/** Every graph by name, with the path spellings it answers to under /analytics/graphs/ (OAS nested, SDK hyphenated). */
export const GRAPHS: Record<string, { paths: readonly string[]; run: GraphRunner }> = {
  requests: {
    paths: ['requests'],
    run: simple({ total: 'count(*)' }, (r) => ({ total: int(r.total) })),
  },
  cost: {
    paths: ['cost'],
    run: simple({ total: 'sum(l.cost)', avg: 'avg(l.cost)' }, (r) => ({ total: cents(r.total), avg: cents(r.avg) })),
  },
  latency: {
    paths: ['latency'],
    run: simple(LATENCY, latency),
  },
  tokens: {
    paths: ['tokens'],
    run: simple({ total: 'sum(l.total_units)', avg: 'avg(l.total_units)' }, (r) => ({ total: int(r.total), avg: dec(r.avg) })),
  },
  users: {
    paths: ['users'],
    run: simple({ total: `count(DISTINCT ${USER})` }, (r) => ({ total: int(r.total) })),
  },
  usersRequests: {
    paths: ['users/requests', 'users-requests'],
    run: async (ctx) => {
      const s = await series(ctx, { total: `count(${USER})`, uniq: `count(DISTINCT ${USER})` });
      const avg = (r: Row) => (num(r.uniq) > 0 ? dec(num(r.total) / num(r.uniq)) : 0);
      return graph(
        { total: int(s.summary.total), unique: int(s.summary.uniq), avg: avg(s.summary) },
        points(ctx, s.byBucket, (r) => ({ avg: avg(r) })),
      );
    },
  },
  errors: {
    paths: ['errors'],
    run: simple({ total: `count(*) FILTER (WHERE ${IS_ERROR})` }, (r) => ({ total: int(r.total) })),
  },
  errorsRate: {
    paths: ['errors/rate', 'errors-rate'],
    run: simple({ errors: `count(*) FILTER (WHERE ${IS_ERROR})`, n: 'count(*)' }, (r) => ({ rate: percent(r.errors, r.n) })),
  },
  errorsStacks: {
    paths: ['errors/stacks', 'errors-stack', 'errors-stacks'],
    run: errorStacks,
  },
  errorsStatusCodes: {
    paths: ['errors/status-codes', 'errors-status-code', 'errors-status-codes'],
    run: errorStatusCodes,
  },
  requestsRescued: {
    paths: ['requests/rescued', 'requests-rescued'],
    run: rescued,
  },
  cacheHitRate: {
    paths: ['cache/hit-rate', 'cache-hit-rate'],
    run: cacheHitRate,
  },
  cacheLatency: {
    paths: ['cache/latency', 'cache-latency'],
    run: simple({ avg: 'avg(l.response_time)' }, (r) => ({ avg: int(r.avg) }), [IS_HIT]),
  },
  feedbacks: {
    paths: ['feedbacks'],
    run: async (ctx) => {
      const s = await feedbackSeries(ctx);
      return graph(
        { total: int(s.summary.total) },
        points(ctx, s.byBucket, (r) => ({ total: int(r.total) })),
      );
    },
  },
  feedbacksScores: {
    paths: ['feedbacks/scores', 'feedbacks/score', 'feedbacks-scores', 'feedbacks-score'],
    run: feedbackScores,
  },
  feedbacksWeighted: {
    paths: ['feedbacks/weighted', 'feedbacks-weighted'],
    run: async (ctx) => {
      const s = await feedbackSeries(ctx);
      return graph(
        { avg: dec(s.summary.avg_weighted) },
        points(ctx, s.byBucket, (r) => ({ avg: dec(r.avg_weighted) })),
      );
    },
  },
  feedbacksAiModels: {
    paths: ['feedbacks/ai-models', 'feedbacks-ai-models'],
    run: feedbackModels,
  },
  guardrails: {
    paths: ['guardrails'],
    run: guardrailsGraph,
  },
};

/** GET /analytics/summary/cache: hits, their latency, and how much faster they were than the rest. */
export async function cacheSummary(ctx: GraphContext) {
  const p = new SqlParams();
  const [r = {}] = await ctx.reader.rows(
    `SELECT count(*) AS n, count(*) FILTER (WHERE ${IS_HIT}) AS hits,
            avg(l.response_time) FILTER (WHERE ${IS_HIT}) AS hit_latency,
            avg(l.response_time) FILTER (WHERE NOT ${IS_HIT}) AS other_latency
       FROM request_logs l ${rowsWhere(ctx.q, ctx.scope, p)}`,
    p,
  );
  const hit = num(r.hit_latency);
  const other = num(r.other_latency);
  return {
    summary: {
      hits: int(r.hits),
      avg_latency: int(hit),
      total_requests: int(r.n),
      // Percent of the non-cached latency a hit saved; 0 without both kinds of requests.
      cache_speedup: num(r.hits) > 0 && other > 0 ? dec(((other - hit) * 100) / other) : 0,
    },
    object: 'analytics-summary' as const,
  };
}
