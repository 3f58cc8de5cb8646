// Applies numbered, append-only SQL migrations, each in its own transaction. A migration that
// fails rolls back and stops start-up: the database is never left half-migrated. Each applied
// migration's checksum is recorded, and a start refuses a database whose applied files were edited
// afterwards or that a newer version of the appliance migrated further.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sqlite } from './sqlite.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** What a database says it has applied; `checksum` is null for rows written before checksums were kept. */
export interface AppliedMigration {
  version: number;
  name: string;
  checksum: string | null;
}

export class MigrationError extends Error {
  constructor(
    readonly migration: string,
    cause: unknown,
  ) {
    super(`Migration ${migration} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'MigrationError';
  }
}

/** sha256 of the file's text with line endings folded, so a checkout with CRLF endings still matches. */
export function migrationChecksum(m: Migration): string {
  return crypto.createHash('sha256').update(m.sql.replace(/\r\n/g, '\n')).digest('hex');
}

export const migrationLabel = (m: { version: number; name: string }) => `${String(m.version).padStart(4, '0')}_${m.name}`;

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const seen = new Set<number>();
  return files.map((file) => {
    const match = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!match) throw new MigrationError(file, new Error('file name must look like 0001_name.sql'));
    const version = Number(match[1]);
    if (seen.has(version)) throw new MigrationError(file, new Error(`version ${version} is used twice`));
    seen.add(version);
    return { version, name: match[2]!, sql: fs.readFileSync(path.join(dir, file), 'utf8') };
  });
}

/**
 * Compares what a database has applied with the migration files this version ships, before anything
 * is applied. Returns the applied rows that have no checksum yet (databases migrated before checksums
 * were kept), which the caller records from today's files. `labelPrefix` names the store in messages.
 */
export function checkApplied(labelPrefix: string, applied: AppliedMigration[], migrations: Migration[]): Migration[] {
  const byVersion = new Map(migrations.map((m) => [m.version, m]));
  const unrecorded: Migration[] = [];
  for (const row of applied) {
    const file = byVersion.get(row.version);
    if (!file) {
      throw new MigrationError(
        `${labelPrefix}${migrationLabel(row)}`,
        new Error(
          'this database was migrated by a newer version of the appliance, which this version does not know. ' +
            'Start the newer version again, or restore a backup made by this version.',
        ),
      );
    }
    if (row.checksum === null) unrecorded.push(file);
    else if (row.checksum !== migrationChecksum(file)) {
      throw new MigrationError(
        `${labelPrefix}${migrationLabel(file)}`,
        new Error(
          `the file was changed after it was applied to this database (checksum ${row.checksum.slice(0, 12)}… recorded, ` +
            `${migrationChecksum(file).slice(0, 12)}… now). Migrations are append-only: put the file back as it was ` +
            'and make the change in a new migration.',
        ),
      );
    }
  }
  return unrecorded;
}

/** Returns the versions it applied. */
export function migrate(db: Sqlite, migrations = readMigrations()): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL, checksum TEXT)`);
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(schema_migrations)').all();
  if (!columns.some((c) => c.name === 'checksum')) db.exec('ALTER TABLE schema_migrations ADD COLUMN checksum TEXT');
  const applied = db.prepare<[], AppliedMigration>('SELECT version, name, checksum FROM schema_migrations').all();
  const unrecorded = checkApplied('', applied, migrations);
  const remember = db.prepare<[string, number]>('UPDATE schema_migrations SET checksum = ? WHERE version = ?');
  db.transaction(() => unrecorded.forEach((m) => remember.run(migrationChecksum(m), m.version)))();

  const done = new Set(applied.map((r) => r.version));
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at, checksum) VALUES (?, ?, ?, ?)');
  const versions: number[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    try {
      db.transaction(() => {
        db.exec(m.sql);
        record.run(m.version, m.name, new Date().toISOString(), migrationChecksum(m));
      })();
    } catch (err) {
      throw new MigrationError(migrationLabel(m), err);
    }
    versions.push(m.version);
  }
  return versions;
}
