// Readiness for an orchestrator or a load balancer, beside the cheap liveness of /v1/health: both
// databases answer, the request-log writer keeps up, and the listeners that should be up are.
// Each check says why when it fails; a DuckDB busy with a long query is given two seconds.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Sqlite } from '../db/sqlite.ts';
import type { LogDatabase } from '../db/duckdb.ts';

export interface ReadinessWriter {
  readonly isOpen: boolean;
  readonly pending: number;
  readonly lagMs: number;
  readonly lastFailure: string | null;
}

export interface ReadinessListener {
  name: string;
  address: string;
  port: number;
  listening: boolean;
  error: string | null;
}

export interface ReadinessDeps {
  db: Sqlite;
  logs: LogDatabase;
  writer: ReadinessWriter;
  listeners(): ReadinessListener[];
  /** The writer moves rows every LOG_FLUSH_INTERVAL_MS; lag beyond this means it is stuck. */
  maxLagMs: number;
}

export interface Check {
  name: 'metadata_database' | 'log_database' | 'log_writer' | 'listeners';
  ok: boolean;
  detail: string;
}

const DUCKDB_TIMEOUT_MS = 2000;

const describe = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function readiness(deps: ReadinessDeps) {
  let conn: Promise<DuckDBConnection> | null = null;

  function sqlite(): Check {
    try {
      if (!deps.db.open) return { name: 'metadata_database', ok: false, detail: 'the SQLite database is closed' };
      const row = deps.db.prepare<[], { v: number | null }>('SELECT max(version) AS v FROM schema_migrations').get();
      return { name: 'metadata_database', ok: true, detail: `SQLite answers (schema ${row?.v ?? 0})` };
    } catch (err) {
      return { name: 'metadata_database', ok: false, detail: `SQLite does not answer: ${describe(err)}` };
    }
  }

  async function duckdb(): Promise<Check> {
    let timer: NodeJS.Timeout | undefined;
    try {
      conn ??= deps.logs.connect();
      const c = await conn;
      const answer = c.runAndReadAll('SELECT max(version) AS v FROM schema_migrations');
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${DUCKDB_TIMEOUT_MS} ms`)), DUCKDB_TIMEOUT_MS);
      });
      const rows = (await Promise.race([answer, timeout])).getRowObjectsJS();
      return { name: 'log_database', ok: true, detail: `DuckDB answers (schema ${String(rows[0]?.v ?? 0)})` };
    } catch (err) {
      conn = null;
      return { name: 'log_database', ok: false, detail: `DuckDB does not answer: ${describe(err)}` };
    } finally {
      clearTimeout(timer);
    }
  }

  function writer(): Check {
    const w = deps.writer;
    if (!w.isOpen) return { name: 'log_writer', ok: false, detail: 'the request-log writer is closed' };
    if (w.lastFailure !== null) {
      return { name: 'log_writer', ok: false, detail: `rows are journaled but cannot reach the log database: ${w.lastFailure}` };
    }
    if (w.lagMs > deps.maxLagMs) {
      return {
        name: 'log_writer',
        ok: false,
        detail: `${w.pending} rows have waited ${Math.round(w.lagMs / 1000)} s for the log database (more than ${Math.round(deps.maxLagMs / 1000)} s)`,
      };
    }
    return { name: 'log_writer', ok: true, detail: `${w.pending} rows waiting, oldest ${Math.round(w.lagMs)} ms` };
  }

  function listeners(): Check {
    const all = deps.listeners();
    const down = all.filter((l) => !l.listening);
    if (down.length > 0) {
      return {
        name: 'listeners',
        ok: false,
        detail: down.map((l) => `${l.name} listener not listening${l.error ? `: ${l.error}` : ''}`).join('; '),
      };
    }
    return { name: 'listeners', ok: true, detail: all.map((l) => `${l.name} on ${l.address}:${l.port}`).join(', ') };
  }

  return {
    async check(): Promise<{ ready: boolean; checks: Check[] }> {
      const checks = [sqlite(), await duckdb(), writer(), listeners()];
      return { ready: checks.every((c) => c.ok), checks };
    },
  };
}
