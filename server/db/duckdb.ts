// Opens the log database (DuckDB) beside the metadata database and applies its own numbered
// migrations. Request logs are appended here in batches; analytics read it with plain SQL.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { MigrationError, checkApplied, migrationChecksum, migrationLabel, readMigrations, type Migration } from './migrate.ts';

export const LOG_MIGRATIONS_DIR = fileURLToPath(new URL('./log-migrations', import.meta.url));

export interface LogDatabase {
  readonly file: string;
  /** Connection used by the batch writer and by migrations. */
  readonly writer: DuckDBConnection;
  /** A fresh connection for readers (analytics, exports), so they do not queue behind writes. */
  connect(): Promise<DuckDBConnection>;
  close(): void;
}

export async function openLogDatabase(file: string, migrations?: Migration[]): Promise<LogDatabase> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const instance = await DuckDBInstance.create(file);
  const writer = await instance.connect();
  const readers: DuckDBConnection[] = [];
  let closed = false;
  try {
    await migrateLogDatabase(writer, migrations ?? readMigrations(LOG_MIGRATIONS_DIR));
  } catch (err) {
    writer.closeSync();
    instance.closeSync();
    throw err;
  }
  return {
    file,
    writer,
    async connect() {
      const c = await instance.connect();
      readers.push(c);
      return c;
    },
    close() {
      if (closed) return;
      closed = true;
      for (const c of readers) c.closeSync();
      writer.closeSync();
      instance.closeSync();
    },
  };
}

export async function migrateLogDatabase(conn: DuckDBConnection, migrations: Migration[]): Promise<number[]> {
  await conn.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)`);
  await conn.run('ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS checksum VARCHAR');
  const rows = (await conn.runAndReadAll('SELECT version, name, checksum FROM schema_migrations')).getRowObjectsJS();
  const applied = rows.map((r) => ({
    version: Number(r.version),
    name: String(r.name),
    checksum: r.checksum == null ? null : String(r.checksum),
  }));
  for (const m of checkApplied('logs ', applied, migrations)) {
    await conn.run('UPDATE schema_migrations SET checksum = $1 WHERE version = $2', [migrationChecksum(m), m.version]);
  }
  const done = new Set(applied.map((r) => r.version));
  const versions: number[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    try {
      await conn.run('BEGIN TRANSACTION');
      await conn.run(m.sql);
      await conn.run('INSERT INTO schema_migrations (version, name, applied_at, checksum) VALUES ($1, $2, now(), $3)', [
        m.version,
        m.name,
        migrationChecksum(m),
      ]);
      await conn.run('COMMIT');
    } catch (err) {
      await conn.run('ROLLBACK').catch(() => undefined);
      throw new MigrationError(`logs ${migrationLabel(m)}`, err);
    }
    versions.push(m.version);
  }
  return versions;
}
