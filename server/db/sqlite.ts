// Opens the metadata database (SQLite via better-sqlite3) with the pragmas the appliance relies on.
import Database from 'better-sqlite3';
import { ensurePrivateFile } from '../security/fileModes.ts';

export type Sqlite = Database.Database;

export function openSqlite(file: string): Sqlite {
  // Private from the start, and so are its -wal and -shm files, which take the database's mode.
  if (file !== ':memory:') ensurePrivateFile(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

/** Runs `fn` in one transaction; better-sqlite3 rolls back when it throws. */
export function inTransaction<T>(db: Sqlite, fn: () => T): T {
  return db.transaction(fn)();
}
