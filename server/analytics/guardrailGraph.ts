// The guardrails graph (GET /v1/analytics/graphs/guardrails): how many verdicts each guardrail gave,
// passed and failed, per time bucket, over the requests the query covers. A request's verdicts are
// its row's lists of guardrails that passed and failed (log migration 0006) and the verdicts of its
// async guardrails, which arrive later in their own table. The `guardrails` filter also narrows the
// verdicts counted to those guardrails.
import type { GraphContext, Graph } from './graph.ts';
import { SqlParams, bucketSql, int, rowsWhere, type Row } from './sql.ts';

const stamp = (ms: number) => new Date(ms).toISOString();

export async function guardrailsGraph(ctx: GraphContext): Promise<Graph> {
  const p = new SqlParams();
  const where = (extra: string[]) => rowsWhere(ctx.q, ctx.scope, p, extra);
  const only = ctx.q.filter.guardrails ? `WHERE list_contains(${p.list(ctx.q.filter.guardrails)}, v.guardrail)` : '';
  const verdicts = `
      SELECT l.created_at AS at, unnest(l.guardrails_passed) AS guardrail, true AS passed FROM request_logs l ${where(['l.guardrails_passed IS NOT NULL'])}
      UNION ALL
      SELECT l.created_at, unnest(l.guardrails_failed), false FROM request_logs l ${where(['l.guardrails_failed IS NOT NULL'])}
      UNION ALL
      SELECT l.created_at, a.guardrail_id, a.verdict FROM guardrail_async_results a JOIN request_logs l ON l.id = a.request_id ${where([])}`;
  const bucket = bucketSql(ctx.q.buckets, p, 'v.at');
  const rows = await ctx.reader.rows(
    `SELECT ${bucket} AS bucket, v.guardrail AS guardrail, grouping(bucket) AS no_bucket, grouping(v.guardrail) AS no_guardrail,
            count(*) FILTER (WHERE v.passed) AS passed, count(*) FILTER (WHERE NOT v.passed) AS failed
       FROM (${verdicts}) v ${only}
      GROUP BY GROUPING SETS ((bucket, v.guardrail), (bucket), ())
      ORDER BY guardrail`,
    p,
  );
  const counts = (r: Row | undefined) => {
    const passed = int(r?.passed);
    const failed = int(r?.failed);
    return { total: passed + failed, passed, failed };
  };
  let summary: Row | undefined;
  const totals = new Map<number, Row>();
  const byGuardrail = new Map<number, { guardrail_id: string; passed: number; failed: number }[]>();
  for (const r of rows) {
    if (int(r.no_bucket) === 1) summary = r;
    else if (int(r.no_guardrail) === 1) totals.set(Number(r.bucket), r);
    else {
      const list = byGuardrail.get(Number(r.bucket)) ?? [];
      list.push({ guardrail_id: String(r.guardrail), passed: int(r.passed), failed: int(r.failed) });
      byGuardrail.set(Number(r.bucket), list);
    }
  }
  return {
    summary: counts(summary),
    data_points: ctx.q.buckets.starts.map((start) => ({
      timestamp: stamp(start),
      ...counts(totals.get(start)),
      guardrails: byGuardrail.get(start) ?? [],
    })),
    object: 'analytics-graph',
  };
}
