// Everything in the data directory is readable by the appliance's own user only: files 0600,
// folders 0700, whatever umask the shell or service manager started the process with.
import fs from 'node:fs';
import path from 'node:path';

/** Group and others get nothing on anything the process creates. */
export const PRIVATE_UMASK = 0o077;

/**
 * Sets the process umask so that every file created from now on is private: the databases, and
 * the files their engines create beside them later and on their own schedule (SQLite's -wal,
 * -shm and -journal, DuckDB's .wal, which comes and goes at each checkpoint, and its spill
 * folder), the log journal, exports, backups and TLS keys. A mode at creation in our own code
 * could not reach the engines' files. Main calls this before it opens anything.
 */
export function usePrivateUmask(): void {
  process.umask(PRIVATE_UMASK);
}

/**
 * Creates `file` empty with mode 0600 when it does not exist, so a SQLite database is private
 * even where the umask was not set (tests, tools): SQLite gives its -wal, -shm and -journal files
 * the database file's own mode. (DuckDB cannot be treated so: it refuses an empty file.)
 */
export function ensurePrivateFile(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

/** How deep the tightening walk goes: log-journal/ and exports/ are one level down. */
const MAX_DEPTH = 4;

/**
 * Takes group and other permissions away from the data directory and everything in it, for data
 * dirs an earlier version (or a looser umask) left readable. Symbolic links are not followed,
 * and files the process does not own (an admin's pricing override) are left as they are.
 */
export function tightenDataDir(dir: string, depth = 0): void {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(dir);
  } catch {
    return;
  }
  if (stat.isSymbolicLink() || !stat.isDirectory()) return;
  restrict(dir, stat, 0o700);
  if (depth >= MAX_DEPTH) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) tightenDataDir(full, depth + 1);
    else if (entry.isFile()) {
      try {
        restrict(full, fs.lstatSync(full), 0o600);
      } catch {
        // Gone since the listing (a WAL checkpointed away): nothing to tighten.
      }
    }
  }
}

function restrict(file: string, stat: fs.Stats, mode: number): void {
  if ((stat.mode & 0o077) === 0) return;
  try {
    fs.chmodSync(file, stat.mode & mode & 0o777);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOENT') throw err;
  }
}
