// Backup and restore of a running appliance: a backup made while requests and admin changes keep
// coming holds every API key, config, request log and audit row that existed when it started; the
// restored data dir starts and serves with the same keys and provider secrets; and a restore
// refuses a wrong passphrase, a cut or altered file and a backup from a newer schema, each with a
// clear message, without leaving a half-restored folder. Real stores, real HTTP, the CLI as run.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayFixture } from '../helpers/gateway.ts';
import { makeTempDir, removeDir } from '../helpers/dataDir.ts';
import { ROOT } from '../helpers/childServer.ts';
import { openStores } from '../../server/stores.ts';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/env.ts';
import { restoreBackup } from '../../server/backups/restore.ts';
import { BackupError } from '../../server/backups/format.ts';

const PASS = 'a long enough backup passphrase';
const messages = [{ role: 'user', content: 'back me up' }];
let g: GatewayFixture;
let work: string;
/** The backup made under load, downloaded. */
let backupFile: string;
const atStart = { keys: [] as string[], configs: [] as string[], traces: [] as string[], audit: [] as string[] };

async function admin(method: string, url: string, body?: unknown) {
  const res = await fetch(`${g.url}${url}`, {
    method,
    headers: { ...g.admin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function refused(file: string, passphrase: string, target: string, options = {}): Promise<BackupError> {
  try {
    await restoreBackup(file, passphrase, target, options);
  } catch (err) {
    if (err instanceof BackupError) return err;
    throw err;
  }
  throw new Error('the restore was not refused');
}

const leftovers = (dir: string) => fs.readdirSync(path.dirname(dir)).filter((n) => n.startsWith(`${path.basename(dir)}.restoring-`));

beforeAll(async () => {
  work = makeTempDir('backups');
  g = await startGateway();
  await g.addProvider({ slug: 'local', key: 'sk-provider-secret-123' });
});
afterAll(async () => {
  await g.close();
  removeDir(work);
});

describe('a backup made under load', () => {
  it('holds every key, config, request log and audit row that existed when it started', { timeout: 120_000 }, async () => {
    let loading = true;
    const done: string[] = [];
    const keys: string[] = [];
    const configs: string[] = [];
    const gatewayLoad = (async () => {
      while (loading) {
        const res = await g.post('/v1/chat/completions', { model: '@local/gpt-4o', messages });
        if (res.status === 200) done.push(res.headers.get('x-portkey-trace-id')!);
        await res.arrayBuffer();
      }
    })();
    let n = 0;
    const adminLoad = (async () => {
      while (loading) {
        n++;
        const key = await admin('POST', '/v1/api-keys/workspace/service', {
          name: `load ${n}`,
          workspace_id: 'ws-default',
          scopes: ['completions.write'],
        });
        if (key.status === 200) keys.push(key.body.id as string);
        const config = await admin('POST', '/v1/configs', {
          name: `load ${n}`,
          workspace_id: 'ws-default',
          config: { retry: { attempts: 2 } },
        });
        if (config.status === 200) configs.push(config.body.id as string);
      }
    })();
    while (done.length < 30 || keys.length < 5) await new Promise((r) => setTimeout(r, 50));

    // What exists now: answered requests, created keys and configs, and the audit rows written.
    atStart.traces = [...done];
    atStart.keys = [...keys];
    atStart.configs = [...configs];
    g.app.services.audit.flush();
    atStart.audit = g.stores.db
      .prepare<[], { id: string }>('SELECT id FROM audit_logs')
      .all()
      .map((r) => r.id);

    const made = await admin('POST', '/v1/admin/backups', { passphrase: PASS });
    // More traffic after the backup, then stop.
    await new Promise((r) => setTimeout(r, 300));
    loading = false;
    await Promise.all([gatewayLoad, adminLoad]);
    expect(made.status).toBe(200);
    expect(made.body).toMatchObject({ object: 'backup', name: expect.stringMatching(/^airgap-backup-.*\.agbak$/) });
    expect((made.body.counts as Record<string, number>).request_logs).toBeGreaterThanOrEqual(atStart.traces.length);

    const list = await admin('GET', '/v1/admin/backups');
    expect((list.body.data as { name: string }[]).map((b) => b.name)).toContain(made.body.name);
    const download = await fetch(`${g.url}${made.body.download_url as string}`, { headers: g.admin });
    expect(download.headers.get('content-disposition')).toContain(made.body.name as string);
    backupFile = path.join(work, 'under-load.agbak');
    fs.writeFileSync(backupFile, Buffer.from(await download.arrayBuffer()));
    expect(fs.statSync(backupFile).size).toBe(made.body.size);
    // The passphrase is not in the audit log's copy of the request.
    g.app.services.audit.flush();
    const row = g.stores.db
      .prepare<[], { request_body: string }>("SELECT request_body FROM audit_logs WHERE resource_type = 'backup'")
      .get()!;
    expect(row.request_body).not.toContain(PASS);

    const restored = path.join(work, 'restored');
    const result = await restoreBackup(backupFile, PASS, restored);
    expect(result.previous).toBeNull();
    const db = new Database(path.join(restored, 'appliance.db'), { readonly: true });
    const ids = (table: string) =>
      new Set(
        db
          .prepare<[], { id: string }>(`SELECT id FROM ${table}`)
          .all()
          .map((r) => r.id),
      );
    const missing = (wanted: string[], have: Set<string>) => wanted.filter((id) => !have.has(id));
    expect(missing(atStart.keys, ids('api_keys'))).toEqual([]);
    expect(missing(atStart.configs, ids('configs'))).toEqual([]);
    expect(missing(atStart.audit, ids('audit_logs'))).toEqual([]);
    db.close();
    const duck = await DuckDBInstance.create(path.join(restored, 'logs.duckdb'), { access_mode: 'READ_ONLY' });
    const conn = await duck.connect();
    const traces = new Set(
      (await conn.runAndReadAll('SELECT trace_id FROM request_logs')).getRowObjectsJS().map((r) => String(r.trace_id)),
    );
    // The log database's views came along too.
    await conn.runAndReadAll('SELECT count(*) FROM feedback_by_trace');
    conn.closeSync();
    duck.closeSync();
    expect(missing(atStart.traces, traces)).toEqual([]);
    // Data files are private.
    expect(fs.statSync(path.join(restored, 'master.key')).mode & 0o077).toBe(0);
  });

  it('restores into a data dir that starts and serves with the same keys and provider secrets', async () => {
    const restored = path.join(work, 'restored');
    const config = loadConfig({ LOG_LEVEL: 'silent', APPLIANCE_DATA_DIR: restored, PORT: '0' });
    const stores = await openStores(restored);
    const app = await buildApp({ config, ...stores });
    try {
      const url = await app.listen({ host: '127.0.0.1', port: 0 });
      const before = g.mock.requests.length;
      const res = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { ...g.workspace, 'content-type': 'application/json' },
        body: JSON.stringify({ model: '@local/gpt-4o', messages }),
      });
      expect(res.status).toBe(200);
      // The integration's key was decrypted with the restored master key.
      expect(g.mock.requests[before]!.headers.authorization).toBe('Bearer sk-provider-secret-123');
    } finally {
      await app.close();
      stores.close();
    }
  });
});

describe('a restore refuses', () => {
  it('a wrong passphrase, and leaves nothing behind', async () => {
    const target = path.join(work, 'wrong-pass');
    const err = await refused(backupFile, 'not the passphrase at all', target);
    expect(err.message).toBe('The passphrase is wrong: it does not open this backup.');
    expect(fs.existsSync(target)).toBe(false);
    expect(leftovers(target)).toEqual([]);
  });

  it('a truncated file and an altered one, after having written most of it, leaving the target as it was', async () => {
    const cut = path.join(work, 'cut.agbak');
    fs.writeFileSync(cut, fs.readFileSync(backupFile).subarray(0, fs.statSync(backupFile).size - 1000));
    const target = path.join(work, 'half');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'keep-me.txt'), 'untouched');
    const truncated = await refused(cut, PASS, target, { replace: true });
    expect(truncated.reason).toBe('truncated');
    expect(truncated.message).toMatch(/truncated/);
    expect(fs.readdirSync(target)).toEqual(['keep-me.txt']);
    expect(leftovers(target)).toEqual([]);

    const altered = path.join(work, 'altered.agbak');
    const bytes = fs.readFileSync(backupFile);
    bytes[bytes.length - 200]! ^= 0x40;
    fs.writeFileSync(altered, bytes);
    const err = await refused(altered, PASS, target, { replace: true });
    expect(err.reason).toBe('altered');
    expect(err.message).toMatch(/altered or damaged: part \d+ does not authenticate/);
    expect(fs.readdirSync(target)).toEqual(['keep-me.txt']);
    expect(leftovers(target)).toEqual([]);
  });

  it('a backup from a newer schema, naming the migration', async () => {
    // A data dir as a newer version would leave it: a migration this version does not have.
    g.stores.db
      .prepare("INSERT INTO schema_migrations (version, name, applied_at, checksum) VALUES (999, 'from_the_future', '2030-01-01', 'x')")
      .run();
    let made;
    try {
      made = await admin('POST', '/v1/admin/backups', { passphrase: PASS });
    } finally {
      g.stores.db.prepare('DELETE FROM schema_migrations WHERE version = 999').run();
    }
    expect(made.status).toBe(200);
    const file = path.join(g.config.dataDir, 'backups', made.body.name as string);
    const err = await refused(file, PASS, path.join(work, 'newer'));
    expect(err.reason).toBe('newer');
    expect(err.message).toMatch(/made by a newer version .*migration 999, which this version does not know/);
    expect(fs.existsSync(path.join(work, 'newer'))).toBe(false);
  });

  it('a folder that is not empty without --replace, and moves it aside with it', async () => {
    const full = path.join(work, 'full');
    fs.mkdirSync(full);
    fs.writeFileSync(path.join(full, 'appliance.db'), 'something');
    expect(await refused(backupFile, PASS, full)).toMatchObject({
      reason: 'target',
      message: expect.stringMatching(/not empty.*--replace/),
    });
    const replaced = await restoreBackup(backupFile, PASS, full, { replace: true });
    expect(replaced.previous).toMatch(/full\.before-restore-/);
    expect(fs.readFileSync(path.join(replaced.previous!, 'appliance.db'), 'utf8')).toBe('something');
  });

  it('a short passphrase when making a backup', async () => {
    const res = await admin('POST', '/v1/admin/backups', { passphrase: 'short' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/at least 12 characters/);
  });
});

describe('scheduled backups', () => {
  it('write into the folder the admin names on the interval, keep the newest N, and are in the audit log', async () => {
    const folder = path.join(work, 'scheduled');
    const bad = await admin('PUT', '/v1/admin/backups/schedule', { enabled: true, folder: 'relative/path', passphrase: PASS });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/absolute path/);
    const set = await admin('PUT', '/v1/admin/backups/schedule', { enabled: true, folder, interval_hours: 1, keep: 2, passphrase: PASS });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ enabled: true, folder, keep: 2, passphrase_set: true });
    expect(JSON.stringify(set.body)).not.toContain(PASS);

    // Three runs an hour apart (the schedule's clock moved on by hand).
    const realNow = Date.now;
    let offset = 0;
    try {
      for (let i = 0; i < 3; i++) {
        Date.now = () => realNow() + offset;
        await g.app.backups.tick();
        await g.app.backups.tick(); // not due again within the hour
        offset += 3_600_000 + 1000;
      }
    } finally {
      Date.now = realNow;
    }
    const files = fs.readdirSync(folder).filter((n) => n.endsWith('.agbak'));
    expect(files).toHaveLength(2);
    const schedule = await admin('GET', '/v1/admin/backups/schedule');
    expect(schedule.body.last_result).toMatchObject({ ok: true, name: files.sort().at(-1) });
    g.app.services.audit.flush();
    const audited = g.stores.db
      .prepare<[], { n: number }>(
        "SELECT count(*) AS n FROM audit_logs WHERE resource_type = 'backup' AND user_id IS NULL AND api_key_id IS NULL",
      )
      .get()!.n;
    expect(audited).toBe(3);
    await admin('PUT', '/v1/admin/backups/schedule', { enabled: false });
  });
});

describe('the command line', () => {
  // Asynchronous: the appliance the CLI may talk to runs in this process and must keep answering.
  const cli = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const proc = spawn(process.execPath, ['--import', 'tsx', 'scripts/backupCli.ts', ...args], {
        cwd: ROOT,
        env: { ...process.env, BACKUP_PASSPHRASE: PASS, ...env },
      });
      let stdout = '';
      let stderr = '';
      proc.stdout.on('data', (d) => (stdout += d));
      proc.stderr.on('data', (d) => (stderr += d));
      proc.on('exit', (status) => resolve({ status, stdout, stderr }));
    });

  it('backs up a stopped data dir and restores it (npm run backup / restore)', async () => {
    const restoredDir = path.join(work, 'restored');
    const out = path.join(work, 'cli.agbak');
    const made = await cli(['backup', '--out', out, '--data-dir', restoredDir]);
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    expect(made.stdout).toMatch(/Backup written to .*cli\.agbak/);
    const into = path.join(work, 'cli-restored');
    const back = await cli(['restore', out, '--data-dir', into]);
    expect(back.status).toBe(0);
    expect(back.stdout).toMatch(/Restored the backup of .* into .*cli-restored/);
    const wrong = await cli(['restore', out, '--data-dir', path.join(work, 'cli-wrong')], { BACKUP_PASSPHRASE: 'definitely not it' });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('The passphrase is wrong');
  });

  it('refuses to restore into the data dir of a running appliance', async () => {
    // Another process holds it (the appliance runs in this test's process; the CLI in its own).
    const res = await cli(['restore', backupFile, '--data-dir', g.config.dataDir, '--replace']);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/is in use by a running appliance: stop it first/);
    expect(fs.existsSync(path.join(g.config.dataDir, 'appliance.db'))).toBe(true);
  });

  it('asks a running appliance through its Admin API', async () => {
    const direct = await cli(['backup', '--out', path.join(work, 'running.agbak'), '--data-dir', g.config.dataDir]);
    expect(direct.status).toBe(2);
    expect(direct.stderr).toMatch(/The appliance is running .* --url/);
    const viaApi = await cli(['backup', '--out', path.join(work, 'running.agbak'), '--url', g.url], {
      PORTKEY_API_KEY: g.credentials.admin_api_key,
    });
    expect(viaApi.stderr).toBe('');
    expect(viaApi.status).toBe(0);
    expect(fs.statSync(path.join(work, 'running.agbak')).mode & 0o077).toBe(0);
  });
});
