// Restores a backup file into a stopped or new data dir. Everything is checked before the data
// dir changes: the file's format, the schema versions against what this version knows (a backup
// from a newer version is refused), the passphrase, every chunk's authentication, the archive's
// end, the restored databases' integrity and migrations. The files are written into a folder
// beside the target and moved into place in one rename, so a failure leaves the target as it was.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DuckDBInstance } from '@duckdb/node-api';
import { LOG_MIGRATIONS_DIR } from '../db/duckdb.ts';
import { MIGRATIONS_DIR, MigrationError, checkApplied, readMigrations, type AppliedMigration } from '../db/migrate.ts';
import { ArchiveReader, allowedEntry } from './archive.ts';
import { BackupError, decryptChunks, readHeader, type BackupHeader, type ByteSource } from './format.ts';

export interface RestoreResult {
  target: string;
  /** Where the data dir that was there went (with `replace`), or null. */
  previous: string | null;
  header: BackupHeader;
  manifest: { created_at: string; appliance_version: string; counts: Record<string, number>; entries: { name: string; size: number }[] };
}

/** Reads a file front to back in the exact pieces the format asks for. */
function fileSource(handle: fs.promises.FileHandle): ByteSource {
  let position = 0;
  return {
    async read(n: number) {
      const out = Buffer.alloc(n);
      let got = 0;
      while (got < n) {
        const { bytesRead } = await handle.read(out, got, n - got, position);
        if (bytesRead === 0) break;
        got += bytesRead;
        position += bytesRead;
      }
      return out.subarray(0, got);
    },
  };
}

/** Refuses a backup whose databases have migrations this version does not know. */
export function checkSchema(header: BackupHeader): void {
  const check = (what: string, versions: number[], dir: string) => {
    const known = readMigrations(dir).map((m) => m.version);
    const unknown = versions.filter((v) => !known.includes(v));
    if (unknown.length > 0) {
      throw new BackupError(
        `This backup was made by a newer version of the appliance (${header.appliance_version}): its ${what} has migration ${Math.max(...unknown)}, ` +
          `which this version does not know (it knows up to ${Math.max(0, ...known)}). Restore it with that version or a newer one.`,
        'newer',
      );
    }
  };
  check('metadata database', header.schema.metadata, MIGRATIONS_DIR);
  check('log database', header.schema.logs, LOG_MIGRATIONS_DIR);
}

/** Whether a process holds the data dir's log database (DuckDB locks it for its one writer). */
async function inUse(dir: string): Promise<boolean> {
  const file = path.join(dir, 'logs.duckdb');
  if (!fs.existsSync(file)) return false;
  try {
    const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
    instance.closeSync();
    return false;
  } catch (err) {
    return /lock/i.test(err instanceof Error ? err.message : String(err));
  }
}

async function verifyRestored(dir: string, header: BackupHeader): Promise<void> {
  const db = new Database(path.join(dir, 'appliance.db'), { readonly: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok')
      throw new BackupError(`The restored metadata database fails SQLite's integrity check: ${String(integrity)}.`, 'altered');
    checkApplied('', db.prepare<[], AppliedMigration>('SELECT version, name, checksum FROM schema_migrations').all(), readMigrations());
  } catch (err) {
    if (err instanceof MigrationError)
      throw new BackupError(`The restored metadata database cannot be used by this version: ${err.message}`, 'newer');
    throw err;
  } finally {
    db.close();
  }
  const instance = await DuckDBInstance.create(path.join(dir, 'logs.duckdb'), { access_mode: 'READ_ONLY' });
  const conn = await instance.connect();
  try {
    const rows = (await conn.runAndReadAll('SELECT version, name, checksum FROM schema_migrations')).getRowObjectsJS();
    checkApplied(
      'logs ',
      rows.map((r) => ({ version: Number(r.version), name: String(r.name), checksum: r.checksum == null ? null : String(r.checksum) })),
      readMigrations(LOG_MIGRATIONS_DIR),
    );
  } catch (err) {
    if (err instanceof MigrationError)
      throw new BackupError(`The restored log database cannot be used by this version: ${err.message}`, 'newer');
    throw err;
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  const key = Buffer.from(fs.readFileSync(path.join(dir, 'master.key'), 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new BackupError('The backup holds no usable master key.', 'altered');
  void header;
}

export async function restoreBackup(
  file: string,
  passphrase: string,
  target: string,
  options: { replace?: boolean } = {},
): Promise<RestoreResult> {
  const targetDir = path.resolve(target);
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'r');
  } catch (err) {
    throw new BackupError(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, 'invalid');
  }
  const staging = `${targetDir}.restoring-${crypto.randomBytes(4).toString('hex')}`;
  let staged = false;
  try {
    const source = fileSource(handle);
    const { header, aad } = await readHeader(source);
    checkSchema(header);

    const existing = fs.existsSync(targetDir) ? fs.readdirSync(targetDir) : [];
    if (existing.length > 0) {
      if (await inUse(targetDir)) {
        throw new BackupError(`${targetDir} is in use by a running appliance: stop it first, then restore.`, 'in_use');
      }
      if (!options.replace) {
        throw new BackupError(
          `${targetDir} is not empty. Restore into an empty or new folder, or pass --replace to move what is there aside (to ${path.basename(targetDir)}.before-restore-<time>).`,
          'target',
        );
      }
    }

    fs.mkdirSync(path.dirname(targetDir), { recursive: true });
    fs.mkdirSync(staging, { mode: 0o700 });
    staged = true;
    let manifest: RestoreResult['manifest'] | null = null;
    const manifestBytes: Buffer[] = [];
    const written = new Map<string, number>();
    let out: fs.promises.FileHandle | null = null;
    let current = '';
    const reader = new ArchiveReader({
      async start(name, size) {
        if (!allowedEntry(name))
          throw new BackupError(`The backup holds an entry named ${JSON.stringify(name)}, which no backup has: it was altered.`, 'altered');
        if (written.size === 0 && name !== 'manifest.json')
          throw new BackupError('The backup does not start with its manifest: it was altered.', 'altered');
        current = name;
        written.set(name, size);
        if (name === 'manifest.json') return;
        const to = path.join(staging, ...name.split('/'));
        fs.mkdirSync(path.dirname(to), { recursive: true, mode: 0o700 });
        out = await fs.promises.open(to, 'wx', 0o600);
      },
      async data(bytes) {
        if (current === 'manifest.json') manifestBytes.push(Buffer.from(bytes));
        else await out!.write(bytes);
      },
      async finish() {
        if (current === 'manifest.json') {
          try {
            manifest = JSON.parse(Buffer.concat(manifestBytes).toString('utf8')) as RestoreResult['manifest'];
          } catch {
            throw new BackupError('The backup manifest is not readable: the file was altered.', 'altered');
          }
          return;
        }
        await out!.sync();
        await out!.close();
        out = null;
      },
    });
    try {
      for await (const plain of decryptChunks(source, header, aad, passphrase)) await reader.push(plain);
    } finally {
      await (out as fs.promises.FileHandle | null)?.close().catch(() => undefined);
    }
    if (!reader.ended) throw new BackupError('The backup file ends before its archive does: it was altered.', 'altered');
    const m = manifest as RestoreResult['manifest'] | null;
    if (!m) throw new BackupError('The backup has no manifest: it was altered.', 'altered');
    for (const e of m.entries) {
      if (written.get(e.name) !== e.size)
        throw new BackupError(`The backup's ${e.name} is missing or not the size its manifest says: it was altered.`, 'altered');
    }
    for (const required of ['appliance.db', 'logs.duckdb', 'master.key']) {
      if (!written.has(required)) throw new BackupError(`The backup holds no ${required}.`, 'altered');
    }
    await verifyRestored(staging, header);

    // Into place: the old data dir aside (never deleted), then the restored one in one rename.
    let previous: string | null = null;
    if (fs.existsSync(targetDir)) {
      if (fs.readdirSync(targetDir).length > 0) {
        previous = `${targetDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        fs.renameSync(targetDir, previous);
      } else fs.rmdirSync(targetDir);
    }
    fs.renameSync(staging, targetDir);
    staged = false;
    return { target: targetDir, previous, header, manifest: m };
  } finally {
    await handle.close();
    if (staged) fs.rmSync(staging, { recursive: true, force: true });
  }
}
