// The appliance as an operator runs it: `npm start`'s command line in a child process, on a data
// dir that survives restarts, stopped by signals.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../server/db/sqlite.ts';
import { makeTempDir, removeDir } from './helpers/dataDir.ts';
import { runToExit, startChild } from './helpers/childServer.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = makeTempDir('proc');
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach(removeDir));

const ADMIN_KEY = 'pk-scripted-install-0123456789abcdefghijkl';

describe('npm start', () => {
  it('boots headless, keeps its data across a restart and stops cleanly on SIGTERM and SIGINT', async () => {
    const dataDir = tempDir();
    const first = await startChild({ APPLIANCE_DATA_DIR: dataDir, APPLIANCE_ADMIN_API_KEY: ADMIN_KEY });
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${first.url}/v1/health`).then((r) => r.json());
    expect(health).toMatchObject({ status: 'ok', service: 'airgap-ai-gateway', version: expect.any(String) });

    // First start prints the secrets once and saves them with mode 0600.
    expect(first.output()).toContain(ADMIN_KEY);
    const credsFile = path.join(dataDir, 'first-run-credentials.json');
    expect(fs.statSync(credsFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
    const creds = JSON.parse(fs.readFileSync(credsFile, 'utf8'));
    expect(creds.admin_api_key).toBe(ADMIN_KEY);

    const created = await fetch(`${first.url}/v1/api-keys/workspace/service`, {
      method: 'POST',
      headers: { 'x-portkey-api-key': ADMIN_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'survivor', workspace_id: creds.workspace.slug, scopes: ['workspace_service_api_keys.list'] }),
    }).then((r) => r.json() as Promise<{ key: string }>);
    expect(created.key).toBeTruthy();

    const stopped = await first.stop('SIGTERM');
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeLessThan(5000);

    const second = await startChild({ APPLIANCE_DATA_DIR: dataDir });
    expect(second.output()).not.toContain(ADMIN_KEY);
    expect(second.output()).not.toContain(creds.workspace_api_key);
    expect(second.output()).not.toContain('First start');
    const list = await fetch(`${second.url}/v1/api-keys`, { headers: { 'x-portkey-api-key': created.key } });
    expect(list.status).toBe(200);
    const byAdmin = await fetch(`${second.url}/v1/api-keys`, { headers: { 'x-portkey-api-key': ADMIN_KEY } }).then(
      (r) => r.json() as Promise<{ data: { name: string }[] }>,
    );
    expect(byAdmin.data.map((k) => k.name)).toContain('survivor');
    const again = await second.stop('SIGINT');
    expect(again.code).toBe(0);

    // Both databases were closed cleanly: SQLite checkpointed its WAL away.
    expect(fs.existsSync(path.join(dataDir, 'appliance.db-wal'))).toBe(false);
    const db = openSqlite(path.join(dataDir, 'appliance.db'));
    expect(db.prepare('SELECT count(*) AS n FROM organisations').get()).toEqual({ n: 1 });
    db.close();
  });

  it('refuses to start with a bad variable, naming it', async () => {
    const result = await runToExit({ APPLIANCE_DATA_DIR: tempDir(), PORT: 'not-a-port', LOG_LEVEL: 'chatty' });
    expect(result.code).toBe(1);
    expect(result.output).toContain('PORT="not-a-port"');
    expect(result.output).toContain('LOG_LEVEL="chatty"');
  });

  it('stops with a message when a migration fails', async () => {
    const dataDir = tempDir();
    const db = openSqlite(path.join(dataDir, 'appliance.db'));
    db.exec('CREATE TABLE organisations (unexpected TEXT)');
    db.close();
    const result = await runToExit({ APPLIANCE_DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/Cannot start: Migration 0001_foundation failed: .*organisations/);
  });
});
