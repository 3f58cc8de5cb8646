// The console's dashboard in one scan (GET /v1/analytics/summary/overview): requests, cost, tokens,
// errors and their rate, cache hit rate, distinct users and latency percentiles, per time bucket and
// over the range, from the rows the graphs cover. One statement instead of eight graph calls keeps
// a first load over millions of requests to one pass of the database (ADR 0022). And the unpriced
// models seen in the logs (GET /v1/analytics/unpriced-models), for the pricing page.
import { Type } from 'typebox';
import type { GraphContext } from './graphs.ts';
import { IS_ERROR, IS_HIT, SqlParams, USER, bucketSql, cents, int, iso, num, percent, rowsWhere, type Row } from './sql.ts';

const Int = Type.Integer();
const Num = Type.Number();
const Figures = {
  requests: Int,
  cost: Num,
  tokens: Int,
  errors: Int,
  error_rate: Num,
  cache_hits: Int,
  cache_hit_rate: Num,
  users: Int,
  latency_p50: Int,
  latency_p95: Int,
  latency_p99: Int,
};

export const Overview = Type.Object({
  summary: Type.Object(Figures),
  data_points: Type.Array(Type.Object({ timestamp: Type.String({ format: 'date-time' }), ...Figures })),
  object: Type.Literal('analytics-overview'),
});

export const UnpricedModels = Type.Object({
  object: Type.Literal('list'),
  total: Int,
  data: Type.Array(
    Type.Object({
      /** The AI service (openai, vllm…) whose pricing file would price it. */
      ai_service: Type.Union([Type.String(), Type.Null()]),
      /** The catalog provider (@slug) that served it, when one did. */
      provider: Type.Union([Type.String(), Type.Null()]),
      model: Type.String(),
      requests: Int,
      tokens: Int,
      last_seen: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

function figures(r: Row) {
  const q = (r.q as number[] | null) ?? [];
  return {
    requests: int(r.n),
    cost: cents(r.cost),
    tokens: int(r.tokens),
    errors: int(r.errors),
    error_rate: percent(r.errors, r.n),
    cache_hits: int(r.hits),
    cache_hit_rate: percent(r.hits, r.n),
    users: int(r.users),
    latency_p50: int(q[0]),
    latency_p95: int(q[1]),
    latency_p99: int(q[2]),
  };
}

export async function overview(ctx: GraphContext) {
  const p = new SqlParams();
  const bucket = bucketSql(ctx.q.buckets, p);
  const rows = await ctx.reader.rows(
    `SELECT ${bucket} AS bucket, grouping(bucket) AS is_total,
            count(*) AS n, sum(l.cost) AS cost, sum(l.total_units) AS tokens,
            count(*) FILTER (WHERE ${IS_ERROR}) AS errors, count(*) FILTER (WHERE ${IS_HIT}) AS hits,
            count(DISTINCT ${USER}) AS users, quantile_cont(l.response_time, [0.5, 0.95, 0.99]) AS q
       FROM request_logs l ${rowsWhere(ctx.q, ctx.scope, p)}
      GROUP BY GROUPING SETS ((bucket), ())`,
    p,
  );
  const byBucket = new Map<number, Row>();
  let summary: Row = {};
  for (const r of rows) {
    if (num(r.is_total) === 1) summary = r;
    else byBucket.set(num(r.bucket), r);
  }
  return {
    summary: figures(summary),
    data_points: ctx.q.buckets.starts.map((start) => ({ timestamp: new Date(start).toISOString(), ...figures(byBucket.get(start) ?? {}) })),
    object: 'analytics-overview' as const,
  };
}

/** Models that answered (tokens counted) but that no pricing file or integration price covers. */
export async function unpricedModels(ctx: GraphContext) {
  const p = new SqlParams();
  const where = rowsWhere(ctx.q, ctx.scope, p, ['l.is_success', 'NOT coalesce(l.is_priced, false)', "coalesce(l.ai_model, '') <> ''"]);
  const rows = await ctx.reader.rows(
    `SELECT l.ai_org AS ai_service, l.virtual_key AS provider, l.ai_model AS model, count(*) AS n,
            coalesce(sum(l.total_units), 0) AS tokens, epoch_ms(max(l.created_at)) AS last_seen
       FROM request_logs l ${where}
      GROUP BY ALL ORDER BY n DESC, model LIMIT 500`,
    p,
  );
  const data = rows.map((r) => ({
    ai_service: (r.ai_service as string | null) ?? null,
    provider: r.provider ? `@${String(r.provider)}` : null,
    model: String(r.model),
    requests: int(r.n),
    tokens: int(r.tokens),
    last_seen: iso(r.last_seen),
  }));
  return { object: 'list' as const, total: data.length, data };
}
