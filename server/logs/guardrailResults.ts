// Verdicts of async guardrails, which finish after their request's log row was written: one row
// per guardrail in `guardrail_async_results` (log migration 0006), written when they arrive and
// read with the request's own hook results.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { LogDatabase } from '../db/duckdb.ts';
import { SqlParams } from './filters.ts';

export interface AsyncGuardrailResult {
  requestId: string;
  workspaceId: string;
  traceId: string;
  phase: 'beforeRequestHook' | 'afterRequestHook';
  /** The guardrail's result in hook_results form; its `id` and `verdict` are indexed. */
  result: { id: string; verdict: boolean | null };
}

export function guardrailResultsStore(db: LogDatabase, now: () => number = Date.now) {
  // Its own connection: the batch writer's holds open transactions between awaits.
  let connection: Promise<DuckDBConnection> | null = null;
  const conn = () => (connection ??= db.connect());
  return {
    async insert(rows: readonly AsyncGuardrailResult[]): Promise<void> {
      const done = rows.filter((r) => r.result.verdict !== null);
      if (done.length === 0) return;
      const p = new SqlParams();
      const at = now();
      const values = done.map(
        (r) =>
          `(${[p.add(r.requestId), p.timestamp(at), p.add(r.workspaceId), p.add(r.traceId), p.add(r.phase), p.add(r.result.id), p.add(r.result.verdict!), p.add(JSON.stringify(r.result))].join(', ')})`,
      );
      await (await conn()).run(`INSERT INTO guardrail_async_results VALUES ${values.join(', ')}`, p.values, p.types as never);
    },
  };
}

export type GuardrailResultsStore = ReturnType<typeof guardrailResultsStore>;
