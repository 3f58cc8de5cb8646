// Feedback on requests (spec §2.16): POST /feedback and PUT /feedback/{id}. Stored in DuckDB beside
// the logs (table `feedback`, view `feedback_by_trace`) so a log shows its trace's feedback and
// analytics average it per trace, model or metadata value in one query.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { LogDatabase } from '../db/duckdb.ts';
import { forbidden, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { traceKeySql } from './events.ts';
import type { AuthContext } from '../identity/auth.ts';
import { SqlParams } from './filters.ts';
import type { DataVisibility } from './visibility.ts';

export interface FeedbackInput {
  trace_id: string;
  value: number;
  weight?: number;
  metadata?: Record<string, unknown>;
}

export interface FeedbackUpdate {
  value: number;
  weight?: number;
  metadata?: Record<string, unknown>;
}

export interface FeedbackItem {
  id: string;
  trace_id: string;
  value: number;
  weight: number;
  metadata: Record<string, unknown>;
  created_at: string;
  last_updated_at: string;
}

function workspaceOf(auth: AuthContext): string {
  // Feedback belongs to the workspace of the request it rates; organisation keys have none.
  if (auth.workspaceId === null) throw forbidden('Feedback is given with a workspace API key; organisation admin keys have no workspace');
  return auth.workspaceId;
}

export function feedbackStore(db: LogDatabase, visibility: DataVisibility, now: () => number) {
  // Its own connection: the batch writer's connection holds open transactions between awaits.
  let connection: Promise<DuckDBConnection> | null = null;
  const conn = () => (connection ??= db.connect());

  async function run(sql: string, p: SqlParams) {
    return (await conn()).runAndReadAll(sql, p.values, p.types as never);
  }

  return {
    async create(auth: AuthContext, inputs: FeedbackInput[]): Promise<string[]> {
      const workspaceId = workspaceOf(auth);
      const p = new SqlParams();
      const at = now();
      const ids = inputs.map(() => newId());
      const rows = inputs.map((f, i) => {
        const ts = p.timestamp(at);
        return `(${[
          p.add(ids[i]!),
          ts,
          ts,
          p.add(auth.organisationId),
          p.add(workspaceId),
          p.add(auth.key.id),
          auth.userId === null ? 'NULL' : p.add(auth.userId),
          p.add(f.trace_id),
          p.add(f.value),
          p.add(f.weight ?? 1),
          p.add(JSON.stringify(f.metadata ?? {})),
          traceKeySql(p.add(workspaceId), p.add(f.trace_id)),
        ].join(', ')})`;
      });
      await run(`INSERT INTO feedback VALUES ${rows.join(', ')}`, p);
      return ids;
    },

    async update(auth: AuthContext, id: string, input: FeedbackUpdate): Promise<void> {
      const workspaceId = workspaceOf(auth);
      const p = new SqlParams();
      const sets = [`value = ${p.add(input.value)}`, `last_updated_at = ${p.timestamp(now())}`];
      if (input.weight !== undefined) sets.push(`weight = ${p.add(input.weight)}`);
      if (input.metadata !== undefined) sets.push(`metadata = ${p.add(JSON.stringify(input.metadata))}`);
      const where = [`id = ${p.add(id)}`, `workspace_id = ${p.add(workspaceId)}`];
      // A user limited to their own rows may change only the feedback they gave.
      const owner = auth.key.type === 'workspace-user' ? visibility.ownerOf(auth.userId, workspaceId) : null;
      if (owner) where.push(`user_id = ${p.add(owner.userId)}`);
      const result = await run(`UPDATE feedback SET ${sets.join(', ')} WHERE ${where.join(' AND ')}`, p);
      if (result.rowsChanged === 0) throw notFound(`Feedback "${id}" was not found`);
    },

    /** The feedback given on one trace in one workspace, oldest first. */
    async forTrace(workspaceId: string | null, traceId: string): Promise<FeedbackItem[]> {
      const p = new SqlParams();
      const result = await run(
        `SELECT id, trace_id, value, weight, metadata, epoch_ms(created_at) AS created_ms, epoch_ms(last_updated_at) AS updated_ms
           FROM feedback WHERE trace_id = ${p.add(traceId)} AND workspace_id ${workspaceId === null ? 'IS NULL' : `= ${p.add(workspaceId)}`}
           ORDER BY created_at, rowid`,
        p,
      );
      return result.getRowObjectsJS().map((r) => ({
        id: String(r.id),
        trace_id: String(r.trace_id),
        value: Number(r.value),
        weight: Number(r.weight),
        metadata: JSON.parse(String(r.metadata ?? '{}')) as Record<string, unknown>,
        created_at: new Date(Number(r.created_ms)).toISOString(),
        last_updated_at: new Date(Number(r.updated_ms)).toISOString(),
      }));
    },
  };
}

export type FeedbackStore = ReturnType<typeof feedbackStore>;
