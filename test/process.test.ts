// The appliance as an operator runs it: `npm start`'s command line (scripts/start.mjs, running the
// compiled server from dist/) in a child process, on a data dir that survives restarts, stopped by
// signals.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../server/db/sqlite.ts';
import { migrate } from '../server/db/migrate.ts';
import { makeTempDir, removeDir } from './helpers/dataDir.ts';
import { loadStartScript, ROOT, runToExit, startChild, startCommand, type StartScript } from './helpers/childServer.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = makeTempDir('proc');
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach(removeDir));

let start: StartScript;
// Build once up front (if dist/ or renderer/dist is missing or stale) rather than inside the first start's timeout.
beforeAll(async () => {
  start = await loadStartScript();
  start.ensureBuilt();
  await start.ensureUiBuilt();
}, 180_000);

const ADMIN_KEY = 'pk-scripted-install-0123456789abcdefghijkl';

describe('npm start', () => {
  it('runs the compiled server with no TypeScript loader', async () => {
    expect(startCommand().join(' ')).not.toMatch(/tsx|--import|--loader|\.ts\b/);
    expect(start.ENTRY).toBe(path.join(ROOT, 'dist', 'server', 'main.js'));
    expect(fs.existsSync(start.ENTRY)).toBe(true);
  });

  it('the build finds the files it reads at run time: migrations, package.json, bundled pricing', async () => {
    const sql = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.sql'));
    const built = path.join(ROOT, 'dist', 'server');
    const { MIGRATIONS_DIR } = (await import(path.join(built, 'db', 'migrate.js'))) as { MIGRATIONS_DIR: string };
    const { LOG_MIGRATIONS_DIR } = (await import(path.join(built, 'db', 'duckdb.js'))) as { LOG_MIGRATIONS_DIR: string };
    expect(MIGRATIONS_DIR).toBe(path.join(built, 'db', 'migrations'));
    expect(sql(MIGRATIONS_DIR)).toEqual(sql(path.join(ROOT, 'server', 'db', 'migrations')));
    expect(sql(LOG_MIGRATIONS_DIR)).toEqual(sql(path.join(ROOT, 'server', 'db', 'log-migrations')));
    expect(sql(MIGRATIONS_DIR).length).toBeGreaterThan(0);
    expect(sql(LOG_MIGRATIONS_DIR).length).toBeGreaterThan(0);

    const { VERSION } = (await import(path.join(built, 'version.js'))) as { VERSION: string };
    expect(VERSION).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    const { BUNDLED_PRICING_DIR } = (await import(path.join(built, 'pricing', 'service.js'))) as { BUNDLED_PRICING_DIR: string };
    expect(BUNDLED_PRICING_DIR).toBe(path.join(ROOT, 'bundled-configs', 'pricing'));
    expect(fs.readdirSync(BUNDLED_PRICING_DIR).some((f) => f.endsWith('.json'))).toBe(true);
  });

  it('the build holds no test code: no tests, test kits or fixtures, nothing that imports vitest or test/', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.js')) files.push(full);
      }
    };
    walk(path.join(ROOT, 'dist'));
    expect(files.length).toBeGreaterThan(50);
    const testy = files.filter((f) => /\.test\.js$|TestKit|[Ff]ixtures?\.js$/.test(f));
    expect(testy).toEqual([]);
    const importsTests = files.filter((f) => {
      const text = fs.readFileSync(f, 'utf8');
      return /from ['"](vitest|fast-check|playwright-core)['"]|from ['"](\.\.\/)+test\//.test(text);
    });
    expect(importsTests).toEqual([]);
  });

  it('rebuilds when the build is missing or older than a source, SQL file, folder or tsconfig', () => {
    expect(start.needsBuild(null, [])).toBe(true);
    expect(start.needsBuild(2000, [1000, 2000])).toBe(false);
    expect(start.needsBuild(2000, [1000, 2001])).toBe(true);

    const root = tempDir();
    const file = (rel: string) => {
      const full = path.join(root, rel);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, '');
      return full;
    };
    const paths = ['server/main.ts', 'server/main.test.ts', 'server/db/migrations/0001_a.sql', 'server/README.md', 'tsconfig.json'].map(
      file,
    );
    const at = (p: string, seconds: number) => fs.utimesSync(p, seconds, seconds);
    const resetAll = () =>
      [...paths, path.join(root, 'server'), path.join(root, 'server/db'), path.join(root, 'server/db/migrations')].forEach((p) =>
        at(p, 1000),
      );
    const built = 2000 * 1000;
    const stale = () => start.needsBuild(built, start.inputTimes(root));

    resetAll();
    expect(stale()).toBe(false);
    at(paths[1]!, 3000); // a test file
    at(paths[3]!, 3000); // not .ts or .sql
    expect(stale()).toBe(false);
    for (const p of [paths[0]!, paths[2]!, paths[4]!]) {
      resetAll();
      at(p, 3000);
      expect(stale(), p).toBe(true);
    }
    resetAll();
    fs.rmSync(paths[2]!); // a deleted migration touches its folder
    expect(stale()).toBe(true);
  });

  it('rebuilds the admin UI when anything under renderer/ or the lockfile is newer than its build', () => {
    const root = tempDir();
    const file = (rel: string) => {
      const full = path.join(root, rel);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, '');
      return full;
    };
    const sources = ['renderer/src/main.tsx', 'renderer/index.html', 'renderer/public/favicon.svg', 'package-lock.json'].map(file);
    const builds = ['renderer/dist/index.html', 'renderer/.dist-4242/index.html'].map(file);
    const dirs = ['renderer', 'renderer/src', 'renderer/public'].map((d) => path.join(root, d));
    const resetAll = () => [...sources, ...builds, ...dirs].forEach((p) => fs.utimesSync(p, 1000, 1000));
    const stale = () => start.needsBuild(2000 * 1000, start.uiInputTimes(root));

    resetAll();
    expect(stale()).toBe(false);
    for (const p of builds) {
      resetAll();
      fs.utimesSync(p, 3000, 3000); // its own output never makes it stale
      expect(stale(), p).toBe(false);
    }
    for (const p of [...sources, ...dirs]) {
      resetAll();
      fs.utimesSync(p, 3000, 3000);
      expect(stale(), p).toBe(true);
    }
  });

  it('serves the built admin UI at / with its Content-Security-Policy, and the API beside it', async () => {
    const server = await startChild({ APPLIANCE_DATA_DIR: tempDir() });
    try {
      const page = await fetch(`${server.url}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'self'; script-src 'self';/);
      const html = await page.text();
      expect(html).toContain('<div id="root">');
      const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
      const js = await fetch(server.url + asset);
      expect(js.status).toBe(200);
      expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect((await fetch(`${server.url}/logs?range=1h`)).status).toBe(200);
      expect(((await fetch(`${server.url}/v1/health`).then((r) => r.json())) as { status: string }).status).toBe('ok');
      expect((await fetch(`${server.url}/v1/nothing-here`)).status).toBe(404);
    } finally {
      await server.stop();
    }
  });

  it('boots headless, keeps its data across a restart and stops cleanly on SIGTERM and SIGINT', async () => {
    const dataDir = tempDir();
    const first = await startChild({ APPLIANCE_DATA_DIR: dataDir, APPLIANCE_ADMIN_API_KEY: ADMIN_KEY });
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${first.url}/v1/health`).then((r) => r.json());
    expect(health).toMatchObject({ status: 'ok', service: 'airgap-ai-gateway', version: expect.any(String) });

    // First start saves the secrets with mode 0600; its output is a pipe, not a terminal, so it
    // names the file rather than printing them (test/data-privacy.test.ts has the details).
    const credsFile = path.join(dataDir, 'first-run-credentials.json');
    expect(first.output()).toContain(credsFile);
    expect(first.output()).not.toContain(ADMIN_KEY);
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

  it('refuses to start when a migration applied to its data dir was edited afterwards', async () => {
    const dataDir = tempDir();
    const db = openSqlite(path.join(dataDir, 'appliance.db'));
    migrate(db);
    // As if 0002_configs.sql had been edited after this data dir applied it.
    db.prepare("UPDATE schema_migrations SET checksum = 'f00d' || substr(checksum, 5) WHERE version = 2").run();
    db.close();
    const result = await runToExit({ APPLIANCE_DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/Cannot start: Migration 0002_configs failed: the file was changed after it was applied/);
  });
});
