import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from './sqlite.ts';
import { MIGRATIONS_DIR, MigrationError, migrate, readMigrations } from './migrate.ts';
import { LOG_MIGRATIONS_DIR, openLogDatabase } from './duckdb.ts';
import { makeTempDir, removeDir } from '../../test/helpers/dataDir.ts';

let dir: string;
afterEach(() => removeDir(dir));

describe('SQLite migrations', () => {
  it('apply in order to an empty database, once', () => {
    dir = makeTempDir('migrate');
    const db = openSqlite(path.join(dir, 'a.db'));
    const all = readMigrations();
    expect(all.map((m) => m.version)).toEqual([...all.map((m) => m.version)].sort((a, b) => a - b));
    expect(migrate(db)).toEqual(all.map((m) => m.version));
    expect(migrate(db)).toEqual([]);
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => r.name);
    expect(tables).toEqual(
      expect.arrayContaining(['organisations', 'workspaces', 'users', 'api_keys', 'api_key_secrets', 'integrations', 'providers', 'configs', 'config_versions']),
    );
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('rolls a failing migration back completely and says which one failed', () => {
    dir = makeTempDir('migrate');
    const db = openSqlite(path.join(dir, 'b.db'));
    const broken = [
      { version: 1, name: 'ok', sql: 'CREATE TABLE a (x INTEGER);' },
      { version: 2, name: 'broken', sql: 'CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);' },
    ];
    expect(() => migrate(db, broken)).toThrowError(MigrationError);
    expect(() => migrate(db, broken)).toThrowError(/0002_broken/);
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => r.name);
    expect(tables).toContain('a');
    expect(tables).not.toContain('b');
    db.close();
  });

  it('file names follow NNNN_name.sql', () => {
    for (const d of [MIGRATIONS_DIR, LOG_MIGRATIONS_DIR]) {
      for (const f of fs.readdirSync(d)) expect(f).toMatch(/^\d{4}_[a-z0-9_]+\.sql$/);
    }
  });
});

describe('DuckDB log database', () => {
  it('creates the request-log table with the metrics columns, and reopens without re-migrating', async () => {
    dir = makeTempDir('duck');
    const file = path.join(dir, 'logs.duckdb');
    const logs = await openLogDatabase(file);
    const cols = (
      await logs.writer.runAndReadAll("SELECT column_name FROM information_schema.columns WHERE table_name = 'request_logs'")
    ).getRowObjectsJS().map((r) => r.column_name);
    expect(cols).toEqual(
      expect.arrayContaining([
        'id', 'trace_id', 'span_id', 'workspace_id', 'api_key_id', 'ai_org', 'ai_model', 'req_units', 'res_units',
        'total_units', 'cost', 'cost_currency', 'response_status_code', 'response_time', 'upstream_response_time',
        'stream_mode', 'cache_status', 'retry_success_count', 'metadata_key', 'metadata_value', 'config', 'last_used_option_index',
      ]),
    );
    logs.close();
    const again = await openLogDatabase(file);
    const versions = (await again.writer.runAndReadAll('SELECT count(*) AS n FROM schema_migrations')).getRowObjectsJS();
    expect(Number(versions[0]!.n)).toBe(readMigrations(LOG_MIGRATIONS_DIR).length);
    again.close();
  });
});
