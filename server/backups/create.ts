// Writes one backup file of a running appliance: the metadata database by SQLite's online backup
// (consistent while requests run), a consistent snapshot of the log database (one DuckDB
// transaction copies it, after the request-log journal was flushed into it), the master key, the
// admins' pricing files and the TLS material, with a manifest, encrypted under a passphrase
// (format.ts). The file appears under its name only once it is complete.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Sqlite } from '../db/sqlite.ts';
import type { DuckDBConnection } from '@duckdb/node-api';
import { isoNow } from '../db/rows.ts';
import { VERSION } from '../version.ts';
import { END_OF_ARCHIVE, entryHeader } from './archive.ts';
import { BackupEncryptor, BackupError } from './format.ts';

export const MIN_PASSPHRASE = 12;

export interface BackupSources {
  dataDir: string;
  db: Sqlite;
  /** A connection to the log database the backup may use (kept by the caller, reused between backups). */
  logsConnection(): Promise<DuckDBConnection>;
  /** Moves journaled request-log rows into DuckDB, so the snapshot holds every answered request. */
  flushLogs(): Promise<void>;
  /** Writes queued audit events now. */
  flushAudit(): void;
}

export interface BackupSummary {
  file: string;
  name: string;
  size: number;
  sha256: string;
  created_at: string;
  entries: { name: string; size: number }[];
  counts: { api_keys: number; configs: number; audit_logs: number; request_logs: number };
  schema: { metadata: number[]; logs: number[] };
}

export function checkPassphrase(passphrase: unknown): string {
  if (typeof passphrase !== 'string' || [...passphrase].length < MIN_PASSPHRASE) {
    throw new BackupError(`The passphrase must be at least ${MIN_PASSPHRASE} characters long.`, 'invalid');
  }
  return passphrase;
}

/** Files under a folder of the data dir, relative to the data dir (`pricing/openai.json`). */
function filesUnder(dataDir: string, folder: string): string[] {
  const out: string[] = [];
  const walk = (rel: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(dataDir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory() && depth < 2) walk(child, depth + 1);
      else if (e.isFile()) out.push(child);
    }
  };
  walk(folder, 0);
  return out.sort();
}

async function duckdbSnapshot(conn: DuckDBConnection, file: string): Promise<void> {
  const name = String((await conn.runAndReadAll('SELECT current_database() AS d')).getRowObjectsJS()[0]!.d);
  const quoted = `'${file.replace(/'/g, "''")}'`;
  // COPY FROM DATABASE runs in one transaction: a snapshot, while the writer keeps appending.
  await conn.run(`ATTACH ${quoted} AS backup_snapshot`);
  try {
    await conn.run(`COPY FROM DATABASE "${name.replace(/"/g, '""')}" TO backup_snapshot`);
  } finally {
    await conn.run('DETACH backup_snapshot');
  }
}

async function logFacts(file: string): Promise<{ versions: number[]; requestLogs: number }> {
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const conn = await instance.connect();
  try {
    const versions = (await conn.runAndReadAll('SELECT version FROM schema_migrations ORDER BY version'))
      .getRowObjectsJS()
      .map((r) => Number(r.version));
    const requestLogs = Number((await conn.runAndReadAll('SELECT count(*) AS n FROM request_logs')).getRowObjectsJS()[0]!.n);
    return { versions, requestLogs };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

function metadataFacts(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const count = (table: string) => db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()!.n;
    return {
      versions: db
        .prepare<[], { version: number }>('SELECT version FROM schema_migrations ORDER BY version')
        .all()
        .map((r) => r.version),
      counts: { api_keys: count('api_keys'), configs: count('configs'), audit_logs: count('audit_logs') },
    };
  } finally {
    db.close();
  }
}

/** Writes a backup to `outFile` (made with mode 0600; refused if it exists). */
export async function createBackup(sources: BackupSources, outFile: string, passphrase: string): Promise<BackupSummary> {
  checkPassphrase(passphrase);
  if (fs.existsSync(outFile)) throw new BackupError(`${outFile} exists already; a backup never overwrites a file.`, 'target');
  const createdAt = isoNow();
  const work = fs.mkdtempSync(path.join(path.dirname(outFile), '.backup-'));
  const partial = `${outFile}.partial`;
  let handle: fs.promises.FileHandle | null = null;
  try {
    // Everything answered before this point is in the snapshots below.
    sources.flushAudit();
    await sources.flushLogs();
    const sqliteCopy = path.join(work, 'appliance.db');
    await sources.db.backup(sqliteCopy);
    const duckCopy = path.join(work, 'logs.duckdb');
    await duckdbSnapshot(await sources.logsConnection(), duckCopy);
    const meta = metadataFacts(sqliteCopy);
    const logs = await logFacts(duckCopy);

    const files: { name: string; file: string }[] = [
      { name: 'appliance.db', file: sqliteCopy },
      { name: 'logs.duckdb', file: duckCopy },
      { name: 'master.key', file: path.join(sources.dataDir, 'master.key') },
      ...['pricing', 'tls'].flatMap((folder) =>
        filesUnder(sources.dataDir, folder).map((name) => ({ name, file: path.join(sources.dataDir, name) })),
      ),
    ];
    const entries = files.map((f) => ({ name: f.name, size: fs.statSync(f.file).size }));
    const counts = { ...meta.counts, request_logs: logs.requestLogs };
    const schema = { metadata: meta.versions, logs: logs.versions };
    const manifest = Buffer.from(JSON.stringify({ created_at: createdAt, appliance_version: VERSION, entries, counts, schema }, null, 2));

    handle = await fs.promises.open(partial, 'wx', 0o600);
    const out = handle;
    const hash = crypto.createHash('sha256');
    let size = 0;
    const sink = async (bytes: Buffer) => {
      hash.update(bytes);
      size += bytes.length;
      await out.write(bytes);
    };
    const enc = await BackupEncryptor.start(passphrase, { created_at: createdAt, appliance_version: VERSION, schema }, sink);
    await enc.write(entryHeader('manifest.json', manifest.length));
    await enc.write(manifest);
    const piece = Buffer.alloc(1024 * 1024);
    for (const f of files) {
      const input = await fs.promises.open(f.file, 'r');
      try {
        const { size: fileSize } = await input.stat();
        await enc.write(entryHeader(f.name, fileSize));
        let left = fileSize;
        while (left > 0) {
          const { bytesRead } = await input.read(piece, 0, Math.min(piece.length, left), null);
          if (bytesRead === 0) throw new Error(`${f.name} became shorter while it was read`);
          await enc.write(Buffer.from(piece.subarray(0, bytesRead)));
          left -= bytesRead;
        }
      } finally {
        await input.close();
      }
    }
    await enc.write(END_OF_ARCHIVE);
    await enc.end();
    await handle.sync();
    await handle.close();
    handle = null;
    fs.renameSync(partial, outFile);
    return {
      file: outFile,
      name: path.basename(outFile),
      size,
      sha256: hash.digest('hex'),
      created_at: createdAt,
      entries,
      counts,
      schema,
    };
  } catch (err) {
    await handle?.close().catch(() => undefined);
    fs.rmSync(partial, { force: true });
    throw err;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
