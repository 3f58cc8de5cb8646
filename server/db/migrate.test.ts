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
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((r) => r.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'organisations',
        'workspaces',
        'users',
        'api_keys',
        'api_key_secrets',
        'integrations',
        'providers',
        'configs',
        'config_versions',
        'invites',
        'invite_workspaces',
        'audit_logs',
        'log_exports',
        'sessions',
      ]),
    );
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('0004 adds the key-lifecycle columns and keeps every key to one current and two secrets in all', () => {
    dir = makeTempDir('migrate');
    const db = openSqlite(path.join(dir, 'c.db'));
    migrate(db);
    const columns = (table: string) =>
      db
        .prepare<[], { name: string }>(`PRAGMA table_info(${table})`)
        .all()
        .map((c) => c.name);
    expect(columns('api_keys')).toEqual(expect.arrayContaining(['next_rotation_at', 'last_rotated_at']));
    expect(columns('api_key_secrets')).toEqual(expect.arrayContaining(['sealed_secret']));
    const at = '2030-01-01T00:00:00.000Z';
    db.prepare("INSERT INTO organisations (id, name, created_at, last_updated_at) VALUES ('o', 'O', ?, ?)").run(at, at);
    db.prepare(
      `INSERT INTO api_keys (id, organisation_id, type, name, masked_key, created_at, last_updated_at)
      VALUES ('k', 'o', 'organisation-service', 'k', 'pk-a****', ?, ?)`,
    ).run(at, at);
    const secret = db.prepare('INSERT INTO api_key_secrets (hash, api_key_id, created_at, expires_at) VALUES (?, ?, ?, ?)');
    secret.run('h1', 'k', at, null);
    expect(() => secret.run('h2', 'k', at, null)).toThrow(/UNIQUE/);
    secret.run('h2', 'k', at, at);
    expect(() => secret.run('h3', 'k', at, at)).toThrow(/at most two secrets/);
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
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((r) => r.name);
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
    const cols = (await logs.writer.runAndReadAll("SELECT column_name FROM information_schema.columns WHERE table_name = 'request_logs'"))
      .getRowObjectsJS()
      .map((r) => r.column_name);
    expect(cols).toEqual(
      expect.arrayContaining([
        'id',
        'trace_id',
        'span_id',
        'workspace_id',
        'api_key_id',
        'ai_org',
        'ai_model',
        'req_units',
        'res_units',
        'total_units',
        'cost',
        'cost_currency',
        'response_status_code',
        'response_time',
        'upstream_response_time',
        'stream_mode',
        'cache_status',
        'retry_success_count',
        'metadata_key',
        'metadata_value',
        'config',
        'last_used_option_index',
      ]),
    );
    logs.close();
    const again = await openLogDatabase(file);
    const versions = (await again.writer.runAndReadAll('SELECT count(*) AS n FROM schema_migrations')).getRowObjectsJS();
    expect(Number(versions[0]!.n)).toBe(readMigrations(LOG_MIGRATIONS_DIR).length);
    again.close();
  });
});

describe('applied migrations cannot be edited', () => {
  const base = [
    { version: 1, name: 'people', sql: 'CREATE TABLE people (id TEXT);' },
    { version: 2, name: 'pets', sql: 'CREATE TABLE pets (id TEXT);' },
  ];

  it('a start refuses a metadata database whose applied migration file changed, naming the file', () => {
    dir = makeTempDir('migrate');
    const db = openSqlite(path.join(dir, 'm.db'));
    expect(migrate(db, base)).toEqual([1, 2]);
    const edited = [base[0]!, { ...base[1]!, sql: 'CREATE TABLE pets (id TEXT, name TEXT);' }];
    expect(() => migrate(db, edited)).toThrowError(MigrationError);
    expect(() => migrate(db, edited)).toThrowError(/0002_pets.*changed after it was applied/);
    // Line endings alone are not a change (a checkout on Windows).
    expect(
      migrate(
        db,
        base.map((m) => ({ ...m, sql: m.sql.replace(/\n/g, '\r\n') })),
      ),
    ).toEqual([]);
    db.close();
  });

  it('a start refuses a database that a newer version migrated further', () => {
    dir = makeTempDir('migrate');
    const db = openSqlite(path.join(dir, 'n.db'));
    migrate(db, base);
    expect(() => migrate(db, [base[0]!])).toThrowError(/0002_pets.*newer version/);
    db.close();
  });

  it('a database migrated before checksums were kept gets them recorded, then is held to them', () => {
    dir = makeTempDir('migrate');
    const db = openSqlite(path.join(dir, 'o.db'));
    db.exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
      CREATE TABLE people (id TEXT);
      INSERT INTO schema_migrations VALUES (1, 'people', '2026-01-01T00:00:00.000Z');`);
    expect(migrate(db, base)).toEqual([2]);
    const recorded = db.prepare<[], { checksum: string | null }>('SELECT checksum FROM schema_migrations ORDER BY version').all();
    expect(recorded.every((r) => typeof r.checksum === 'string' && r.checksum.length === 64)).toBe(true);
    expect(() => migrate(db, [{ ...base[0]!, sql: 'CREATE TABLE people (id INTEGER);' }, base[1]!])).toThrowError(/0001_people/);
    db.close();
  });

  it('the log database is held to the same rule', async () => {
    dir = makeTempDir('duck');
    const file = path.join(dir, 'logs.duckdb');
    const logBase = [{ version: 1, name: 'rows', sql: 'CREATE TABLE rows_a (id VARCHAR);' }];
    (await openLogDatabase(file, logBase)).close();
    await expect(openLogDatabase(file, [{ ...logBase[0]!, sql: 'CREATE TABLE rows_a (id INTEGER);' }])).rejects.toThrowError(
      /logs 0001_rows.*changed after it was applied/,
    );
    const again = await openLogDatabase(file, logBase);
    again.close();
  });

  it('a data dir refuses to start when a shipped migration file was edited', async () => {
    dir = makeTempDir('migrate');
    const db = openSqlite(path.join(dir, 'appliance.db'));
    migrate(db);
    const shipped = readMigrations();
    const last = shipped[shipped.length - 1]!;
    const tampered = shipped.map((m) => (m === last ? { ...m, sql: `${m.sql}\n-- edited later` } : m));
    expect(() => migrate(db, tampered)).toThrowError(new RegExp(`${String(last.version).padStart(4, '0')}_${last.name}`));
    db.close();
  });
});
