// A log database (DuckDB) in a temporary directory, for tests of the log path: closed and removed
// after each test.
import path from 'node:path';
import { afterEach } from 'vitest';
import { LOG_MIGRATIONS_DIR, openLogDatabase, type LogDatabase } from '../../server/db/duckdb.ts';
import { readMigrations } from '../../server/db/migrate.ts';
import { makeTempDir, removeDir } from './dataDir.ts';

export function tempLogDatabase(label: string) {
  let dir: string | undefined;
  let db: LogDatabase | null = null;
  afterEach(() => {
    db?.close();
    db = null;
    if (dir) removeDir(dir);
    dir = undefined;
  });
  return {
    /**
     * Opens the test's log database, closing the one open before (so a test can reopen it as a
     * restart would); with `upTo`, only log migrations up to that version are applied.
     */
    async open(upTo?: number): Promise<{ db: LogDatabase; dir: string }> {
      dir ??= makeTempDir(label);
      db?.close();
      const migrations = upTo === undefined ? undefined : readMigrations(LOG_MIGRATIONS_DIR).filter((m) => m.version <= upTo);
      db = await openLogDatabase(path.join(dir, 'logs.duckdb'), migrations);
      return { db, dir };
    },
  };
}
