// The headless box's backup and restore (docs/adr/0024):
//
//   npm run backup -- --out FILE [--data-dir DIR] [--url URL]
//   npm run restore -- FILE [--data-dir DIR] [--replace]
//
// The passphrase comes from BACKUP_PASSPHRASE, from the file --passphrase-file names, or is asked
// for on the terminal (twice for a backup). The data dir is --data-dir, else APPLIANCE_DATA_DIR,
// else ./data. A backup of a stopped appliance reads its data dir directly; a running one is asked
// through its Admin API (--url, with an admin key in PORTKEY_API_KEY). A restore goes into a
// stopped or new data dir and never leaves it half-restored.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { Writable } from 'node:stream';
import { openSqlite } from '../server/db/sqlite.ts';
import { openLogDatabase } from '../server/db/duckdb.ts';
import { LogWriter } from '../server/logs/writer.ts';
import { createBackup, checkPassphrase } from '../server/backups/create.ts';
import { restoreBackup } from '../server/backups/restore.ts';
import { BackupError } from '../server/backups/format.ts';
import { usePrivateUmask } from '../server/security/fileModes.ts';

class UsageError extends Error {}

function option(name: string): string | null {
  const i = process.argv.indexOf(`--${name}`);
  if (i === -1) return null;
  const v = process.argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new UsageError(`--${name} needs a value`);
  return v;
}

/** Asks on the terminal without echoing what is typed. */
function ask(question: string): Promise<string> {
  if (!process.stdin.isTTY) {
    throw new UsageError('No passphrase: set BACKUP_PASSPHRASE or --passphrase-file (no terminal to ask on)');
  }
  let muted = false;
  const output = new Writable({
    write: (chunk: Buffer, _enc, done) => {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

async function passphrase(confirm: boolean): Promise<string> {
  const file = option('passphrase-file');
  if (file) return fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  if (process.env.BACKUP_PASSPHRASE) return process.env.BACKUP_PASSPHRASE;
  const first = await ask('Backup passphrase: ');
  if (confirm && (await ask('The same passphrase again: ')) !== first) throw new UsageError('The two passphrases differ');
  return first;
}

const dataDir = () => path.resolve(option('data-dir') ?? process.env.APPLIANCE_DATA_DIR ?? './data');

async function viaApi(url: string, out: string, secret: string) {
  const key = process.env.PORTKEY_API_KEY;
  if (!key) throw new UsageError('--url needs an organisation admin API key in PORTKEY_API_KEY');
  const headers = { 'x-portkey-api-key': key };
  const made = await fetch(new URL('/v1/admin/backups', url), {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ passphrase: secret }),
  });
  const body = (await made.json()) as { name?: string; download_url?: string; data?: { message?: string } };
  if (!made.ok || !body.download_url)
    throw new Error(`The appliance refused the backup (${made.status}): ${body.data?.message ?? JSON.stringify(body)}`);
  const file = await fetch(new URL(body.download_url, url), { headers });
  if (!file.ok || !file.body) throw new Error(`Downloading ${body.name} failed (${file.status})`);
  const partial = `${out}.partial`;
  fs.writeFileSync(partial, Buffer.from(await file.arrayBuffer()), { mode: 0o600, flag: 'wx' });
  fs.renameSync(partial, out);
  // The copy the appliance kept in its data dir is not needed twice.
  await fetch(new URL(`/v1/admin/backups/${body.name}`, url), { method: 'DELETE', headers });
}

async function backup() {
  const out = option('out');
  if (!out) throw new UsageError('usage: npm run backup -- --out FILE [--data-dir DIR] [--url URL]');
  const target = path.resolve(out);
  const url = option('url');
  const secret = checkPassphrase(await passphrase(true));
  if (url) {
    await viaApi(url, target, secret);
    console.log(`Backup written to ${target} (made by the appliance at ${url})`);
    return;
  }
  const dir = dataDir();
  if (!fs.existsSync(path.join(dir, 'appliance.db'))) throw new UsageError(`${dir} holds no appliance data (no appliance.db)`);
  let logs;
  try {
    logs = await openLogDatabase(path.join(dir, 'logs.duckdb'));
  } catch (err) {
    if (/lock/i.test(String(err))) {
      throw new UsageError(
        `The appliance is running on ${dir}. Ask it for the backup: npm run backup -- --out ${out} --url http://127.0.0.1:8787 (an admin key in PORTKEY_API_KEY), or POST /v1/admin/backups.`,
      );
    }
    throw err;
  }
  const db = openSqlite(path.join(dir, 'appliance.db'));
  // Rows a stopped appliance left in its journal go into the log database first, as its next start would do.
  const writer = new LogWriter(logs, { journalDir: path.join(dir, 'log-journal') });
  try {
    await writer.open();
    const summary = await createBackup(
      { dataDir: dir, db, logsConnection: () => logs.connect(), flushLogs: () => writer.flush(), flushAudit: () => undefined },
      target,
      secret,
    );
    console.log(`Backup written to ${summary.file} (${summary.size} bytes, sha256 ${summary.sha256})`);
    console.log(
      `  ${summary.counts.api_keys} API keys, ${summary.counts.configs} configs, ${summary.counts.audit_logs} audit rows, ${summary.counts.request_logs} request logs`,
    );
  } finally {
    await writer.close();
    db.close();
    logs.close();
  }
}

async function restore() {
  const file = process.argv
    .slice(3)
    .find((a, i, all) => !a.startsWith('--') && !(all[i - 1] ?? '').match(/^--(data-dir|passphrase-file)$/));
  if (!file) throw new UsageError('usage: npm run restore -- FILE [--data-dir DIR] [--replace]');
  const secret = await passphrase(false);
  const result = await restoreBackup(path.resolve(file), secret, dataDir(), { replace: process.argv.includes('--replace') });
  console.log(
    `Restored the backup of ${result.manifest.created_at} (appliance ${result.manifest.appliance_version}) into ${result.target}`,
  );
  if (result.previous) console.log(`  What was there before is in ${result.previous}`);
  const c = result.manifest.counts;
  console.log(`  ${c.api_keys} API keys, ${c.configs} configs, ${c.audit_logs} audit rows, ${c.request_logs} request logs`);
}

// Whatever the engines create while a backup reads the data dir stays private, as in the appliance.
usePrivateUmask();
const command = process.argv[2];
(command === 'backup'
  ? backup()
  : command === 'restore'
    ? restore()
    : Promise.reject(new UsageError('usage: backupCli.ts backup|restore …'))
).then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof UsageError || err instanceof BackupError ? err.message : err);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
