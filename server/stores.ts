// Opens everything the appliance keeps in its data directory: the master key, the metadata
// database (migrated) and the log database (migrated).
import fs from 'node:fs';
import path from 'node:path';
import { openSqlite, type Sqlite } from './db/sqlite.ts';
import { migrate } from './db/migrate.ts';
import { openLogDatabase, type LogDatabase } from './db/duckdb.ts';
import { loadOrCreateMasterKey, secretBox, type SecretBox } from './secrets/cipher.ts';
import { tightenDataDir } from './security/fileModes.ts';

export interface Stores {
  db: Sqlite;
  logs: LogDatabase;
  secrets: SecretBox;
  close(): void;
}

export class StoreError extends Error {
  override name = 'StoreError';
}

export async function openStores(dataDir: string): Promise<Stores> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // Data dirs from before file modes were enforced (or made under a loose umask) become private.
  tightenDataDir(dataDir);
  const secrets = secretBox(loadOrCreateMasterKey(path.join(dataDir, 'master.key')));
  const db = openSqlite(path.join(dataDir, 'appliance.db'));
  let logs: LogDatabase;
  try {
    migrate(db);
    logs = await openLogDatabase(path.join(dataDir, 'logs.duckdb'));
  } catch (err) {
    db.close();
    if (err instanceof Error && /lock/i.test(err.message)) {
      throw new StoreError(`Another process is using ${dataDir} (${err.message}). Stop it or choose another APPLIANCE_DATA_DIR.`);
    }
    throw err;
  }
  return {
    db,
    logs,
    secrets,
    close() {
      logs.close();
      if (db.open) db.close();
    },
  };
}
