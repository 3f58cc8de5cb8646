// The headless Linux bundle as an operator gets it: `npm run package:linux` builds it once (tarball,
// .deb, .rpm); then it is unpacked and started with no network at all (unshare -n) and a read-only
// file system but its data dir, the .deb and .rpm are opened and checked against it, the systemd
// unit is verified, and a newer bundle is installed over it and migrates the data it left.
// Needs root (unshare, mount) and dpkg-deb, rpmbuild, ip; CI has them (.ci/apt-packages) and sets
// PACKAGING_REQUIRE_ALL=1 so that the offline run cannot be skipped there. systemd-analyze is
// used where it exists (it comes with systemd, which CI images may not have) and skipped, saying
// so, where it does not.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageLinux, type LinuxBundle } from '../../scripts/package-linux.ts';
import { makeTempDir, removeDir } from '../helpers/dataDir.ts';
import { startMockLlm, type MockLlm } from '../helpers/mockLlm.ts';
import { ROOT } from '../helpers/childServer.ts';

const REQUIRE_ALL = process.env.PACKAGING_REQUIRE_ALL === '1';
const works = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const CAN_UNSHARE = works('unshare', ['-n', '-m', 'true']);
const HAVE_SYSTEMD_ANALYZE = works('sh', ['-c', 'command -v systemd-analyze']);
/** Skips a test whose tool is missing, saying why; with `required`, CI fails instead. */
const unless = (available: boolean, what: string, required = true) => {
  if (!available && required && REQUIRE_ALL) throw new Error(`${what} is required here (PACKAGING_REQUIRE_ALL=1)`);
  if (!available) console.warn(`skipped: ${what} is not available on this machine`);
  return !available;
};

const work = makeTempDir('packaging');
fs.chmodSync(work, 0o755); // the unprivileged server must reach the unpacked bundle
let bundle: LinuxBundle;
let unpacked: string;

function sh(cmd: string, args: string[], options: { cwd?: string } = {}): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}`);
  return r.stdout;
}

/** Every file below `dir`, relative, sorted. */
function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name), path.join(rel, e.name));
      else out.push(path.join(rel, e.name));
    }
  };
  walk(dir, '');
  return out.sort();
}

beforeAll(() => {
  bundle = packageLinux({ build: true, outDir: path.join(work, 'out') });
  const into = path.join(work, 'unpacked');
  fs.mkdirSync(into);
  sh('tar', ['-xzf', bundle.tarball, '-C', into]);
  unpacked = path.join(into, `airgap-ai-gateway-${bundle.version}-linux-x64`);
});
afterAll(() => removeDir(work));

describe('the Linux bundle', () => {
  it('is named for its version and unpacks to a self-contained tree', () => {
    expect(path.basename(bundle.tarball)).toBe(`airgap-ai-gateway-${bundle.version}-linux-x64.tar.gz`);
    const app = path.join(unpacked, 'app');
    // Its own Node runtime, the one this was built with.
    expect(sh(path.join(unpacked, 'node', 'bin', 'node'), ['--version']).trim()).toBe(process.version);
    expect(fs.statSync(path.join(unpacked, 'node', 'bin', 'node')).mode & 0o111).toBeTruthy();
    // The compiled server, with its SQL migrations, and no TypeScript to compile.
    expect(fs.existsSync(path.join(app, 'dist', 'server', 'main.js'))).toBe(true);
    expect(fs.readdirSync(path.join(app, 'dist', 'server', 'db', 'migrations')).filter((f) => f.endsWith('.sql')).length).toBeGreaterThan(
      5,
    );
    expect(files(path.join(app, 'dist')).filter((f) => f.endsWith('.ts'))).toEqual([]);
    // Bundled configs and both native modules, built.
    expect(fs.readdirSync(path.join(app, 'bundled-configs', 'pricing')).some((f) => f.endsWith('.json'))).toBe(true);
    expect(fs.existsSync(path.join(app, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
    expect(fs.existsSync(path.join(app, 'node_modules', '@duckdb', 'node-bindings-linux-x64', 'duckdb.node'))).toBe(true);
    // Only what runs: no compiler, no loader, no dev dependencies, no native build leftovers.
    for (const absent of ['typescript', 'tsx', 'esbuild', 'vitest', 'openai', 'electron', 'better-sqlite3/deps', 'better-sqlite3/src']) {
      expect(fs.existsSync(path.join(app, 'node_modules', absent)), absent).toBe(false);
    }
    // The admin UI exactly when this tree has built one (renderer/dist).
    const uiBuilt = fs.existsSync(path.join(ROOT, 'renderer', 'dist', 'index.html'));
    expect(bundle.ui).toBe(uiBuilt);
    expect(fs.existsSync(path.join(app, 'renderer', 'dist', 'index.html'))).toBe(uiBuilt);
    for (const f of ['install.sh', 'uninstall.sh', 'bin/airgap-ai-gateway', 'systemd/airgap-ai-gateway.service', 'README.md']) {
      expect(fs.existsSync(path.join(unpacked, f)), f).toBe(true);
    }
  });

  it.skipIf(unless(CAN_UNSHARE, 'unshare -n -m (root)'))(
    'starts with no network and a read-only file system, serves the UI and the gateway, logs the request and stops cleanly',
    () => {
      const dataDir = path.join(work, 'offline-data');
      const run = spawnSync(
        'unshare',
        [
          '-n',
          '-m',
          '--propagation',
          'private',
          process.execPath,
          '--import',
          'tsx',
          path.join(ROOT, 'test', 'packaging', 'offlineRun.ts'),
          unpacked,
          dataDir,
        ],
        { cwd: ROOT, encoding: 'utf8', timeout: 180_000 },
      );
      const last = run.stdout.trim().split('\n').at(-1) ?? '';
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const report = JSON.parse(last || '{}') as any;
      expect(report.error, `${run.stderr}\n${run.stdout}`).toBeUndefined();

      // Nothing can be downloaded: no route out, no name resolution.
      expect(report.offline.connectError).toMatch(/ENETUNREACH|EHOSTUNREACH|timeout/);
      expect(report.offline.dnsError).not.toBeNull();
      expect(report.readOnlyRoot).toBe(true);

      expect(report.health).toEqual({ status: 'ok', version: bundle.version, service: 'airgap-ai-gateway' });
      if (bundle.ui) {
        const index = fs.readFileSync(path.join(unpacked, 'app', 'renderer', 'dist', 'index.html'), 'utf8');
        expect(report.ui).toMatchObject({ status: 200, contentType: expect.stringMatching(/text\/html/) });
        // The file as built, with the page's CSP nonce (fresh per answer) where the build left its placeholder.
        const nonce = /<meta name="csp-nonce" content="([^"]+)"/.exec(report.ui.body)?.[1];
        expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
        expect(report.ui.body).toBe(index.replaceAll('__CSP_NONCE__', nonce!));
      } else {
        expect(report.ui).toBeNull(); // this tree has no renderer/dist: there is no UI to serve
      }
      expect(report.chat).toMatchObject({ status: 200, content: 'echo: are you offline', traceId: expect.any(String) });
      expect(report.upstreamRequests).toBe(1);
      expect(report.loggedRequest).toEqual({ model: 'offline-model', status: 200 });
      expect(report.stop).toEqual({ code: 0, signal: null, walLeft: false });
      expect(report.output).toMatch(/Appliance ready on http:\/\/127\.0\.0\.1:\d+/);
    },
  );

  it('comes as a .deb with the same files, the unit, the settings file and a system user', () => {
    const root = path.join(work, 'deb-root');
    sh('dpkg-deb', ['-x', bundle.deb!, root]);
    const control = path.join(work, 'deb-control');
    sh('dpkg-deb', ['-e', bundle.deb!, control]);
    const field = (name: string) => sh('dpkg-deb', ['-f', bundle.deb!, name]).trim();
    expect(path.basename(bundle.deb!)).toBe(`airgap-ai-gateway_${bundle.version}_amd64.deb`);
    expect([field('Package'), field('Version'), field('Architecture')]).toEqual(['airgap-ai-gateway', bundle.version, 'amd64']);

    // The program is the bundle, file for file.
    const opt = path.join(root, 'opt', 'airgap-ai-gateway');
    const bundled = files(unpacked).filter((f) => !['install.sh', 'uninstall.sh'].includes(f));
    expect(files(opt)).toEqual(bundled);
    expect(
      sh('dpkg-deb', ['-c', bundle.deb!])
        .split('\n')
        .filter(Boolean)
        .every((l) => l.includes(' root/root ')),
    ).toBe(true);
    expect(fs.existsSync(path.join(root, 'usr', 'lib', 'systemd', 'system', 'airgap-ai-gateway.service'))).toBe(true);
    expect(fs.readFileSync(path.join(control, 'conffiles'), 'utf8').trim()).toBe('/etc/airgap-ai-gateway/environment');
    expect(fs.existsSync(path.join(root, 'etc', 'airgap-ai-gateway', 'environment'))).toBe(true);

    const postinst = fs.readFileSync(path.join(control, 'postinst'), 'utf8');
    expect(postinst).toMatch(/useradd --system --gid airgap-gw .*airgap-gw/s);
    expect(postinst).toMatch(/install -d -m 0700 -o airgap-gw -g airgap-gw "\$DATA_DIR"/);
    expect(postinst).toContain('DATA_DIR=/var/lib/airgap-ai-gateway');
    for (const script of ['postinst', 'prerm', 'postrm']) {
      expect(fs.statSync(path.join(control, script)).mode & 0o755).toBe(0o755);
      sh('sh', ['-n', path.join(control, script)]);
    }
  });

  it('has a hardened unit that starts the prebuilt server: no build step, only the data dir writable', () => {
    const unit = fs.readFileSync(path.join(unpacked, 'systemd', 'airgap-ai-gateway.service'), 'utf8');
    const values = (key: string) => [...unit.matchAll(new RegExp(`^${key}=(.*)$`, 'gm'))].map((m) => m[1]);
    expect(values('ExecStartPre')).toEqual([]);
    expect(values('ExecStart')).toEqual(['/opt/airgap-ai-gateway/node/bin/node /opt/airgap-ai-gateway/app/dist/server/main.js']);
    expect(values('ProtectSystem')).toEqual(['strict']);
    expect(values('StateDirectory')).toEqual(['airgap-ai-gateway']);
    expect(values('Environment')).toContain('APPLIANCE_DATA_DIR=/var/lib/airgap-ai-gateway');
    expect(values('Environment')).toContain('HOST=127.0.0.1');
    expect(values('User')).toEqual(['airgap-gw']);
    expect(values('NoNewPrivileges')).toEqual(['true']);
    expect(values('CapabilityBoundingSet')).toEqual(['']);
    // Both paths ExecStart names are in the package.
    const root = path.join(work, 'deb-root');
    for (const f of ['opt/airgap-ai-gateway/node/bin/node', 'opt/airgap-ai-gateway/app/dist/server/main.js']) {
      expect(fs.existsSync(path.join(root, f)), f).toBe(true);
    }
  });

  it.skipIf(unless(HAVE_SYSTEMD_ANALYZE && CAN_UNSHARE, 'systemd-analyze', false))(
    'passes systemd-analyze verify, and its exposure score is low',
    () => {
      const root = path.join(work, 'deb-root');
      const unit = path.join(root, 'usr', 'lib', 'systemd', 'system', 'airgap-ai-gateway.service');
      // verify checks that ExecStart exists: give it the package's /opt in a private mount namespace.
      const script = `mount -t tmpfs tmpfs /opt && mkdir /opt/airgap-ai-gateway && mount --bind "$1" /opt/airgap-ai-gateway && systemd-analyze verify "$2" 2>&1`;
      const verify = spawnSync(
        'unshare',
        ['-m', '--propagation', 'private', 'sh', '-c', script, 'sh', path.join(root, 'opt', 'airgap-ai-gateway'), unit],
        {
          encoding: 'utf8',
        },
      );
      expect(verify.status).toBe(0);
      // verify exits 0 on unknown keys or bad values too, only warning: any output is a failure.
      expect(verify.stdout.trim()).toBe('');
      const security = spawnSync('systemd-analyze', ['security', '--offline=yes', unit], { encoding: 'utf8' });
      const score = /Overall exposure level for airgap-ai-gateway\.service: ([\d.]+)/.exec(security.stdout)?.[1];
      if (score !== undefined) expect(Number(score)).toBeLessThan(3);
    },
  );

  it('comes as an .rpm with the same files, the settings file kept on upgrade, and the user made before install', () => {
    expect(path.basename(bundle.rpm!)).toBe(`airgap-ai-gateway-${bundle.version}-1.x86_64.rpm`);
    const listed = sh('rpm', ['-qlp', bundle.rpm!]).split('\n').filter(Boolean);
    const opt = files(path.join(work, 'deb-root', 'opt', 'airgap-ai-gateway')).map((f) => `/opt/airgap-ai-gateway/${f}`);
    expect(
      listed.filter((f) => f.startsWith('/opt/airgap-ai-gateway/') && !fs.statSync(path.join(work, 'deb-root', f)).isDirectory()).sort(),
    ).toEqual(opt);
    expect(listed).toContain('/usr/lib/systemd/system/airgap-ai-gateway.service');
    expect(listed).toContain('/var/lib/airgap-ai-gateway');
    expect(sh('rpm', ['-qp', '--configfiles', bundle.rpm!]).trim()).toBe('/etc/airgap-ai-gateway/environment');
    const scripts = sh('rpm', ['-qp', '--scripts', bundle.rpm!]);
    expect(scripts).toMatch(/preinstall scriptlet[\s\S]*useradd --system --gid airgap-gw/);
    // Self-contained: no automatic dependencies on the build machine's libraries.
    expect(
      sh('rpm', ['-qp', '--requires', bundle.rpm!])
        .split('\n')
        .filter((r) => r && !r.startsWith('rpmlib(') && r !== '/bin/sh'),
    ).toEqual(['shadow-utils']);
  });
});

describe('an upgrade', () => {
  let mock: MockLlm;
  beforeAll(async () => {
    mock = await startMockLlm();
  });
  afterAll(async () => {
    await mock.close();
  });

  /** Starts the installed program on `dataDir`; resolves with its URL and a stop function. */
  async function startInstalled(prefix: string, dataDir: string) {
    const proc = spawn(path.join(prefix, 'bin', 'airgap-ai-gateway'), [], {
      env: { PATH: '/usr/bin:/bin', APPLIANCE_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' },
    });
    let output = '';
    proc.stdout.on('data', (d) => (output += d));
    proc.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    for (let i = 0; i < 600 && !/Appliance ready on/.test(output); i++) {
      if (proc.exitCode !== null) throw new Error(`exited before ready:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const url = /Appliance ready on (http:\/\/\S+)/.exec(output)?.[1];
    if (!url) throw new Error(`not ready:\n${output}`);
    return { url, output: () => output, stop: async () => (proc.kill('SIGTERM'), exited) };
  }

  it('installs a newer bundle over the old one, keeps the data dir and migrates it at start', async () => {
    const prefix = path.join(work, 'opt', 'airgap-ai-gateway');
    const dataDir = path.join(work, 'upgrade-data');
    expect(sh('sh', [path.join(unpacked, 'install.sh'), '--prefix', prefix, '--no-service'])).toContain(
      `Installed AirGap AI Gateway ${bundle.version}`,
    );

    // The old version at work: a key made by an admin, a request through the gateway.
    const old = await startInstalled(prefix, dataDir);
    const credentials = JSON.parse(fs.readFileSync(path.join(dataDir, 'first-run-credentials.json'), 'utf8')) as {
      admin_api_key: string;
      workspace: { id: string };
    };
    const admin = { 'x-portkey-api-key': credentials.admin_api_key, 'content-type': 'application/json' };
    const made = await fetch(`${old.url}/v1/api-keys/workspace/service`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ name: 'kept across upgrades', workspace_id: credentials.workspace.id, scopes: ['completions.write'] }),
    });
    expect(made.status).toBe(200);
    const key = ((await made.json()) as { key: string }).key;
    const ask = (url: string) =>
      fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: {
          'x-portkey-api-key': key,
          'x-portkey-provider': 'openai',
          'x-portkey-custom-host': `${mock.url}/v1`,
          authorization: 'Bearer sk-up',
          'content-type': 'application/json',
        },
        body: JSON.stringify({ model: 'before-upgrade', messages: [{ role: 'user', content: 'hello' }] }),
      });
    const before = await ask(old.url);
    expect(before.status).toBe(200);
    const traceId = before.headers.get('x-portkey-trace-id')!;
    expect(await old.stop()).toBe(0);

    // The next version: this bundle with a higher version and one more metadata migration.
    const next = `${bundle.version.replace(/\d+$/, (n) => String(Number(n) + 1))}`;
    const newer = path.join(work, 'newer', `airgap-ai-gateway-${next}-linux-x64`);
    fs.cpSync(unpacked, newer, { recursive: true, verbatimSymlinks: true });
    fs.writeFileSync(path.join(newer, 'VERSION'), `${next}\n`);
    const pkgFile = path.join(newer, 'app', 'package.json');
    fs.writeFileSync(pkgFile, JSON.stringify({ ...JSON.parse(fs.readFileSync(pkgFile, 'utf8')), version: next }));
    const migrations = path.join(newer, 'app', 'dist', 'server', 'db', 'migrations');
    const probe = Math.max(...fs.readdirSync(migrations).map((f) => Number(f.slice(0, 4)))) + 1;
    fs.writeFileSync(
      path.join(migrations, `${String(probe).padStart(4, '0')}_upgrade_probe.sql`),
      'CREATE TABLE upgrade_probe (kept_keys INTEGER NOT NULL);\nINSERT INTO upgrade_probe SELECT count(*) FROM api_keys;\n',
    );

    const installed = sh('sh', [path.join(newer, 'install.sh'), '--prefix', prefix, '--no-service']);
    expect(installed).toContain(`Installed AirGap AI Gateway ${next}`);
    expect(fs.readFileSync(path.join(prefix, 'VERSION'), 'utf8').trim()).toBe(next);
    expect(fs.existsSync(`${prefix}.old`) || fs.existsSync(`${prefix}.new`)).toBe(false);

    const upgraded = await startInstalled(prefix, dataDir);
    expect(upgraded.output()).not.toMatch(/First start/);
    expect(await (await fetch(`${upgraded.url}/v1/health`)).json()).toMatchObject({ version: next });
    // The old key still works, and the old request is still in the logs.
    expect((await ask(upgraded.url)).status).toBe(200);
    const logs = await fetch(`${upgraded.url}/v1/logs?trace_id=${encodeURIComponent(traceId)}`, { headers: admin });
    expect(((await logs.json()) as { data: unknown[] }).data).toHaveLength(1);
    expect(await upgraded.stop()).toBe(0);

    const db = new Database(path.join(dataDir, 'appliance.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT name FROM schema_migrations WHERE version = ?').get(probe)).toEqual({ name: 'upgrade_probe' });
      expect((db.prepare('SELECT kept_keys FROM upgrade_probe').get() as { kept_keys: number }).kept_keys).toBeGreaterThanOrEqual(3);
    } finally {
      db.close();
    }
  });
});
