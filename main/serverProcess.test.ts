// The desktop shell's server supervisor against the real compiled server (dist/server/main.js) in
// a child process. Electron's utilityProcess is replaced by child_process.fork (nodeForkTestKit.ts),
// which gives the same private channel; everything on the server side is real.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../test/helpers/dataDir.ts';
import { loadStartScript } from '../test/helpers/childServer.ts';
import { type CookieDetails, parseSetCookie, signInWindow } from './desktopSignIn.ts';
import { nodeFork } from '../test/kits/nodeForkTestKit.ts';
import { type LanState, type ServerStatus, ServerSupervisor, type SupervisorOptions } from './serverProcess.ts';
import { serverEnvironment } from './serverEnv.ts';

let entry: string;
// Builds dist/ first if it is stale: tsc takes a while on a busy machine.
beforeAll(async () => {
  const start = await loadStartScript();
  start.ensureBuilt();
  entry = start.ENTRY;
}, 180_000);

const dirs: string[] = [];
const supervisors: ServerSupervisor[] = [];
afterEach(async () => {
  while (supervisors.length) await supervisors.pop()!.stop();
});
afterAll(() => dirs.forEach(removeDir));

function userData(): string {
  const d = makeTempDir('desktop');
  dirs.push(d);
  return d;
}

function supervise(options: Partial<SupervisorOptions> & { userDataDir: string; extraEnv?: Record<string, string> }) {
  const { userDataDir, extraEnv, ...rest } = options;
  const forked = nodeFork();
  const env: Record<string, string> = { ...serverEnvironment(process.env, userDataDir), PORT: '0', LOG_LEVEL: 'warn', ...extraEnv };
  const supervisor = new ServerSupervisor({ fork: forked.fork, entry, env, ...rest });
  supervisors.push(supervisor);
  const statuses: ServerStatus[] = [];
  supervisor.onStatus((s) => statuses.push(s));
  const until = (pred: (s: ServerStatus) => boolean, timeoutMs = 30_000) =>
    new Promise<ServerStatus>((resolve, reject) => {
      if (pred(supervisor.status)) return resolve(supervisor.status);
      const timer = setTimeout(() => reject(new Error(`no such status; saw ${JSON.stringify(statuses)}`)), timeoutMs);
      supervisor.onStatus((s) => {
        if (pred(s)) {
          clearTimeout(timer);
          resolve(s);
        }
      });
    });
  return { supervisor, forked, statuses, until, dataDir: env.APPLIANCE_DATA_DIR! };
}

const running = (s: ServerStatus) => s.kind === 'running';

describe('the server supervisor', () => {
  it('starts the server configured by environment only, and signs the window in over the private channel', async () => {
    const { supervisor, until, dataDir } = supervise({ userDataDir: userData() });
    supervisor.start();
    const up = (await until(running)) as Extract<ServerStatus, { kind: 'running' }>;
    expect(up.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(fs.existsSync(path.join(dataDir, 'appliance.db'))).toBe(true);
    expect((await fetch(`${up.url}/v1/health`)).status).toBe(200);

    const jar: CookieDetails[] = [];
    const signedIn = await signInWindow(up.url, {
      requestToken: () => supervisor.request<{ token: string }>({ type: 'sign-in-token' }),
      setCookie: async (c) => void jar.push(c),
    });
    expect(signedIn).toBe(true);
    expect(jar).toHaveLength(1);
    expect(jar[0]).toMatchObject({ url: up.url, name: 'appliance_session', httpOnly: true, sameSite: 'lax', path: '/' });
    const self = await fetch(`${up.url}/v1/auth/self`, { headers: { cookie: `${jar[0]!.name}=${jar[0]!.value}` } });
    expect(self.status).toBe(200);
    expect(((await self.json()) as { user: { role: string } }).user.role).toBe('owner');
  });

  it('switches LAN exposure over the channel and hears of switches made through the Admin API', async () => {
    const { supervisor, until, dataDir } = supervise({ userDataDir: userData(), extraEnv: { LAN_PORT: '0' } });
    const pushed: LanState[] = [];
    supervisor.onLanState((s) => pushed.push(s));
    supervisor.start();
    const up = (await until(running)) as Extract<ServerStatus, { kind: 'running' }>;
    expect(await supervisor.request<LanState>({ type: 'lan-state' })).toMatchObject({ enabled: false, listening: false });

    const on = await supervisor.request<LanState>({ type: 'lan-exposure', enabled: true });
    expect(on).toMatchObject({ enabled: true, listening: true, error: null });
    expect(on.certificate?.ca?.fingerprint_sha256).toMatch(/^[0-9A-F:]{95}$/);

    const admin = (JSON.parse(fs.readFileSync(path.join(dataDir, 'first-run-credentials.json'), 'utf8')) as { admin_api_key: string })
      .admin_api_key;
    const off = await fetch(`${up.url}/v1/admin/lan-exposure`, {
      method: 'PUT',
      headers: { 'x-portkey-api-key': admin, 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: false }),
    });
    expect(off.status).toBe(200);
    await expect.poll(() => pushed.at(-1)?.enabled).toBe(false);
  });

  it('a server started on a data dir with LAN exposure on listens on the LAN again', async () => {
    const dir = userData();
    const first = supervise({ userDataDir: dir, extraEnv: { LAN_PORT: '0' } });
    first.supervisor.start();
    await first.until(running);
    await first.supervisor.request<LanState>({ type: 'lan-exposure', enabled: true });
    await first.supervisor.stop();

    const second = supervise({ userDataDir: dir, extraEnv: { LAN_PORT: '0' } });
    const pushed: LanState[] = [];
    second.supervisor.onLanState((s) => pushed.push(s));
    second.supervisor.start();
    await second.until(running);
    await expect.poll(() => pushed.at(-1)).toMatchObject({ enabled: true, listening: true, error: null });
  });

  it('restarts a server that died, after a wait, on the same data', async () => {
    const { supervisor, until, forked, statuses } = supervise({ userDataDir: userData(), backoffMs: [300, 600] });
    supervisor.start();
    const first = (await until(running)) as Extract<ServerStatus, { kind: 'running' }>;
    forked.children[0]!.proc.kill('SIGKILL');
    const restarting = await until((s) => s.kind === 'restarting');
    expect(restarting).toMatchObject({ kind: 'restarting', attempt: 1, inMs: 300 });
    const again = (await until((s) => running(s) && forked.children.length === 2)) as Extract<ServerStatus, { kind: 'running' }>;
    expect(statuses.map((s) => s.kind)).toEqual(['starting', 'running', 'restarting', 'starting', 'running']);
    // Same data: the first start's owner is still the owner (no second first-run).
    expect(
      supervisor
        .logTail()
        .join('\n')
        .match(/First start/g)?.length ?? 0,
    ).toBe(1);
    expect((await fetch(`${again.url}/v1/health`)).status).toBe(200);
    expect(first.url).toMatch(/^http:/);
  });

  it('gives up after repeated deaths in a row and shows the last lines of output', async () => {
    const { supervisor, until, forked } = supervise({ userDataDir: userData(), backoffMs: [100], maxRestarts: 2 });
    supervisor.start();
    for (let n = 1; n <= 3; n++) {
      await until((s) => running(s) && forked.children.length === n);
      forked.children[n - 1]!.proc.kill('SIGKILL');
    }
    const failed = await until((s) => s.kind === 'failed');
    expect(failed).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/stopped 3 times in a row/) });
    expect((failed as { logTail: string[] }).logTail.join('\n')).toMatch(/the gateway exited with code/);
    expect(forked.children).toHaveLength(3);
  });

  it('shows why a server that cannot start failed, without retrying it', async () => {
    const { supervisor, until, forked } = supervise({ userDataDir: userData(), extraEnv: { BODY_LIMIT_MB: 'lots' } });
    supervisor.start();
    const failed = await until((s) => s.kind === 'failed');
    expect(failed).toMatchObject({ reason: expect.stringMatching(/could not start \(exit code 1\)/) });
    expect((failed as { logTail: string[] }).logTail.join('\n')).toMatch(/BODY_LIMIT_MB="lots": must be a whole number/);
    expect(forked.children).toHaveLength(1);
  });

  it('stops a server that never reports ready, and says so', async () => {
    const dir = userData();
    const silent = path.join(dir, 'silent.mjs');
    fs.writeFileSync(silent, "console.log('migrating a very large database...'); setInterval(() => {}, 1000);\n");
    const forked = nodeFork();
    const supervisor = new ServerSupervisor({ fork: forked.fork, entry: silent, env: {}, readyTimeoutMs: 500 });
    supervisors.push(supervisor);
    const failed = new Promise<ServerStatus>((resolve) => supervisor.onStatus((s) => s.kind === 'failed' && resolve(s)));
    supervisor.start();
    const status = (await failed) as Extract<ServerStatus, { kind: 'failed' }>;
    expect(status.logTail.join('\n')).toMatch(/migrating a very large database[\s\S]*did not report ready within 1 s/);
    expect((await forked.children[0]!.exit).signal).toBe('SIGKILL');
  });

  it('a server whose shell went away (its private channel closed) stops by itself, cleanly', async () => {
    const { supervisor, until, forked } = supervise({ userDataDir: userData(), backoffMs: [60_000] });
    supervisor.start();
    await until(running);
    forked.children[0]!.proc.disconnect();
    expect(await forked.children[0]!.exit).toEqual({ code: 0, signal: null });
  });

  it('stops the server cleanly: exit code 0, both databases closed and checkpointed', async () => {
    const { supervisor, until, forked, dataDir } = supervise({ userDataDir: userData() });
    supervisor.start();
    const up = (await until(running)) as Extract<ServerStatus, { kind: 'running' }>;
    // A request, so both databases have written something.
    expect((await fetch(`${up.url}/v1/health`)).status).toBe(200);
    await supervisor.stop();
    expect(supervisor.status).toEqual({ kind: 'stopped' });
    expect(await forked.children[0]!.exit).toEqual({ code: 0, signal: null });
    // SQLite removes its WAL and DuckDB its own when the last connection closes cleanly.
    expect(fs.existsSync(path.join(dataDir, 'appliance.db-wal'))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'logs.duckdb.wal'))).toBe(false);
    await expect(supervisor.request({ type: 'lan-state' })).rejects.toThrow(/not running/);
  });
});

describe('serverEnvironment', () => {
  it('forces loopback, the desktop port and the data folder; passes the user’s settings; drops code-loading variables', () => {
    const env = serverEnvironment(
      {
        HOST: '0.0.0.0',
        PORT: '1',
        APPLIANCE_DATA_DIR: '/elsewhere',
        NODE_OPTIONS: '--require /tmp/x.js',
        TLS_CERT_FILE: '/c.pem',
        PATH: '/bin',
      },
      '/home/u/.config/AirGap AI Gateway',
    );
    expect(env).toEqual({
      HOST: '127.0.0.1',
      PORT: '8787',
      APPLIANCE_DATA_DIR: '/home/u/.config/AirGap AI Gateway/data',
      NODE_ENV: 'production',
      TLS_CERT_FILE: '/c.pem',
      PATH: '/bin',
    });
    expect(serverEnvironment({ AIRGAP_DESKTOP_PORT: '9797' }, '/u').PORT).toBe('9797');
  });
});

describe('parseSetCookie', () => {
  const now = 1_700_000_000_000;
  it.each([
    [
      'appliance_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=3600',
      { name: 'appliance_session', value: 'abc', path: '/', httpOnly: true, secure: false, sameSite: 'lax', expirationDate: 1_700_003_600 },
    ],
    ['s=1; Secure; SameSite=Strict', { name: 's', value: '1', secure: true, sameSite: 'strict' }],
    ['appliance_session=; Path=/; Max-Age=0', null],
    ['garbage', null],
    ['=novalue', null],
  ])('%s', (header, expected) => {
    const parsed = parseSetCookie(header, 'http://127.0.0.1:8787', now);
    if (expected === null) expect(parsed).toBeNull();
    else expect(parsed).toMatchObject(expected);
  });
});
