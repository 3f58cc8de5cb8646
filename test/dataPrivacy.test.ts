// What an operator's machine keeps of the appliance's secrets, with the appliance run as a
// service runs it (`npm start` in a child process, stdout and stderr pipes, not a terminal): no
// secret in its output (which a service manager's journal keeps), the first-start secrets in the
// 0600 credentials file only, and every file in the data dir readable by its own user only, even
// when it was started with a umask that would let everyone read them.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from './helpers/dataDir.ts';
import { loadStartScript, startChild, type ChildServer } from './helpers/childServer.ts';
import { startMockLlm, type MockLlm } from './helpers/mockLlm.ts';
import type { FirstRunCredentials } from '../server/control-plane/bootstrap.ts';

const PROVIDER_KEY = 'sk-provider-secret-0123456789';
const INLINE_KEY = 'sk-inline-secret-9876543210';

let dataDir: string;
let mock: MockLlm;
let child: ChildServer | null = null;
beforeAll(async () => {
  (await loadStartScript()).ensureBuilt();
  dataDir = makeTempDir('privacy');
  mock = await startMockLlm();
});
afterAll(async () => {
  if (child) await child.stop('SIGKILL');
  await mock.close();
  removeDir(dataDir);
});

/** Every file and folder under `dir`, with its permission bits. */
function modes(dir: string): { file: string; dir: boolean; mode: number }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    const mode = fs.lstatSync(full).mode & 0o777;
    const rel = path.relative(dataDir, full);
    return e.isDirectory() ? [{ file: rel, dir: true, mode }, ...modes(full)] : [{ file: rel, dir: false, mode }];
  });
}

async function until(check: () => boolean, ms: number, what: string) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

interface Observed {
  creds: FirstRunCredentials;
  credsFile: string;
  /** Modes while the appliance runs (the engines' sidecar files exist), and after it stopped. */
  running: ReturnType<typeof modes>;
  stopped: ReturnType<typeof modes>;
  exitCode: number | null;
  output: string;
}
let seen: Observed;

/**
 * One service start under umask 000 (the child inherits the umask at spawn: every file it creates
 * would be world-readable), at the most talkative log level, then some work that makes every kind
 * of file and log line: a provider with a key, answers cached, request logs journaled and flushed,
 * a failure logged at warn, an inline provider key, an export. Then a clean stop.
 */
beforeAll(async () => {
  const previous = process.umask(0o000);
  let starting: Promise<ChildServer>;
  try {
    starting = startChild({ APPLIANCE_DATA_DIR: dataDir, LOG_LEVEL: 'trace', LOG_FLUSH_INTERVAL_MS: '50' });
  } finally {
    process.umask(previous);
  }
  child = await starting;
  const url = child.url;
  const credsFile = path.join(dataDir, 'first-run-credentials.json');
  const creds = JSON.parse(fs.readFileSync(credsFile, 'utf8')) as FirstRunCredentials;

  const admin = { 'x-portkey-api-key': creds.admin_api_key, 'content-type': 'application/json' };
  const workspace = { 'x-portkey-api-key': creds.workspace_api_key, 'content-type': 'application/json' };
  const integration = await fetch(`${url}/v1/integrations`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({
      name: 'lan',
      slug: 'lan',
      ai_provider_id: 'openai',
      key: PROVIDER_KEY,
      workspace_id: creds.workspace.id,
      configurations: { custom_host: `${mock.url}/v1` },
      default_provider_slug: 'lan',
    }),
  });
  if (integration.status !== 200) throw new Error(`integration: ${integration.status} ${await integration.text()}`);
  const chat = { model: '@lan/gpt-4o', messages: [{ role: 'user', content: 'hi' }] };
  const cached = { 'x-portkey-config': JSON.stringify({ cache: { mode: 'simple', max_age: 60 } }) };
  for (const body of [chat, { ...chat, stream: true }, chat]) {
    const res = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { ...workspace, ...cached },
      body: JSON.stringify(body),
    });
    if (res.status !== 200) throw new Error(`chat: ${res.status} ${await res.text()}`);
    await res.text();
  }
  const inline = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: {
      ...workspace,
      'x-portkey-provider': 'openai',
      'x-portkey-custom-host': 'http://127.0.0.1:1/v1',
      authorization: `Bearer ${INLINE_KEY}`,
    },
    body: JSON.stringify({ ...chat, model: 'gpt-4o' }),
  });
  if (inline.status !== 502) throw new Error(`inline: ${inline.status} ${await inline.text()}`);
  const exported = (await (
    await fetch(`${url}/v1/logs/exports`, {
      method: 'POST',
      headers: workspace,
      body: JSON.stringify({ description: 'all', filters: {}, requested_data: ['id', 'request', 'response'] }),
    })
  ).json()) as { id: string };
  await fetch(`${url}/v1/logs/exports/${exported.id}/start`, { method: 'POST', headers: workspace });
  const exportsDir = path.join(dataDir, 'exports');
  await until(() => fs.existsSync(exportsDir) && fs.readdirSync(exportsDir).length > 0, 5000, 'the export file');
  await until(() => fs.existsSync(path.join(dataDir, 'logs.duckdb.wal')), 5000, 'the log database WAL');
  const running = modes(dataDir);

  const server = child;
  child = null;
  const { code } = await server.stop('SIGTERM');
  seen = { creds, credsFile, running, stopped: modes(dataDir), exitCode: code, output: server.output() };
});

describe('secrets (a service start: output not a terminal)', () => {
  it('no secret reaches stdout or stderr, even at LOG_LEVEL=trace; the output names the credentials file instead', () => {
    expect(seen.exitCode).toBe(0);
    expect(seen.output).toContain(seen.credsFile);
    expect(seen.output).toContain('not printed here because this output is not a terminal');
    const { creds } = seen;
    for (const secret of [creds.admin_api_key, creds.workspace_api_key, creds.owner.password, PROVIDER_KEY, INLINE_KEY]) {
      expect(seen.output).not.toContain(secret);
    }
  });

  it('the credentials file holds them, mode 0600', () => {
    expect(seen.creds.admin_api_key).toMatch(/^\S{32,}$/);
    expect(seen.creds.workspace_api_key).toMatch(/^\S{32,}$/);
    expect(seen.creds.owner.password.length).toBeGreaterThanOrEqual(12);
    expect(fs.statSync(seen.credsFile).mode & 0o777).toBe(0o600);
  });
});

describe('file modes (started under umask 000)', () => {
  const expected = (list: ReturnType<typeof modes>) => list.map((m) => ({ file: m.file, mode: m.dir ? '700' : '600' }));
  const actual = (list: ReturnType<typeof modes>) => list.map((m) => ({ file: m.file, mode: m.mode.toString(8) }));

  it('while running, every file in the data dir (databases, their WAL and SHM files, journal, cache, exports) is 0600 and every folder 0700', () => {
    const names = seen.running.map((m) => m.file);
    for (const name of [
      'appliance.db',
      'appliance.db-wal',
      'appliance.db-shm',
      'logs.duckdb',
      'logs.duckdb.wal',
      'master.key',
      'cache.db',
      'log-journal',
      'exports',
    ]) {
      expect(names).toContain(name);
    }
    expect(actual(seen.running)).toEqual(expected(seen.running));
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it('after a clean stop, the same', () => {
    expect(actual(seen.stopped)).toEqual(expected(seen.stopped));
  });
});
