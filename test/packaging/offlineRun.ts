// Runs inside a network namespace with no route out (linuxBundle.test.ts starts it with
// `unshare -n -m`): makes the file system read-only but the data dir, as the systemd unit's
// ProtectSystem=strict does, starts a mock LLM and the unpacked bundle (as an unprivileged user,
// as the unit's User= does), drives it like a user, and prints one JSON report line.
//   node --import tsx test/packaging/offlineRun.ts <bundle dir> <data dir>
import { execFileSync, spawn } from 'node:child_process';
import dns from 'node:dns/promises';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import OpenAI from 'openai';
import { startMockLlm } from '../helpers/mockLlm.ts';

const [bundle, dataDir] = process.argv.slice(2) as [string, string];
/** The unit runs the server as airgap-gw; here as nobody, which owns nothing but the data dir. */
const NOBODY = 65534;

interface Report {
  offline: { connectError: string | null; dnsError: string | null };
  readOnlyRoot: boolean;
  health: unknown;
  ui: { status: number; contentType: string | null; body: string } | null;
  chat: { status: number; content: string | null; traceId: string | null };
  upstreamRequests: number;
  loggedRequest: { model: unknown; status: unknown } | null;
  stop: { code: number | null; signal: string | null; walLeft: boolean };
  output: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function offline(): Promise<Report['offline']> {
  const connectError = await new Promise<string | null>((resolve) => {
    const socket = net.connect({ host: '1.1.1.1', port: 443, timeout: 3000 });
    socket.on('connect', () => (socket.destroy(), resolve(null)));
    socket.on('timeout', () => (socket.destroy(), resolve('timeout')));
    socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
  const dnsError = await dns.lookup('registry.npmjs.org').then(
    () => null,
    (err: NodeJS.ErrnoException) => err.code ?? err.message,
  );
  return { connectError, dnsError };
}

async function main(): Promise<Report> {
  // Loopback only; then the file system as the unit leaves it: read-only but the data dir.
  execFileSync('ip', ['link', 'set', 'lo', 'up']);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.chownSync(dataDir, NOBODY, NOBODY);
  execFileSync('mount', ['--bind', dataDir, dataDir]);
  execFileSync('mount', ['-o', 'remount,bind,ro', '/']);
  let readOnlyRoot = false;
  try {
    fs.writeFileSync(path.join(bundle, 'probe'), 'x');
  } catch (err) {
    readOnlyRoot = (err as NodeJS.ErrnoException).code === 'EROFS';
  }

  const report: Partial<Report> = { offline: await offline(), readOnlyRoot };
  const mock = await startMockLlm();
  // The unit's environment, nothing inherited from the test runner.
  const env = {
    PATH: '/usr/bin:/bin',
    HOME: dataDir,
    HOST: '127.0.0.1',
    PORT: '0',
    APPLIANCE_DATA_DIR: dataDir,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
  };
  const proc = spawn(path.join(bundle, 'bin', 'airgap-ai-gateway'), [], { cwd: dataDir, env, uid: NOBODY, gid: NOBODY });
  let output = '';
  proc.stdout.on('data', (d) => (output += d));
  proc.stderr.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal })),
  );
  try {
    let url: string | null = null;
    for (let i = 0; i < 300 && !url; i++) {
      url = /Appliance ready on (http:\/\/\S+)/.exec(output)?.[1] ?? null;
      if (!url) await sleep(100);
      if (proc.exitCode !== null) throw new Error(`the bundle exited before it was ready:\n${output}`);
    }
    if (!url) throw new Error(`the bundle did not become ready:\n${output}`);

    report.health = await (await fetch(`${url}/v1/health`)).json();
    if (fs.existsSync(path.join(bundle, 'app', 'renderer', 'dist', 'index.html'))) {
      const page = await fetch(`${url}/`);
      report.ui = { status: page.status, contentType: page.headers.get('content-type'), body: await page.text() };
    } else report.ui = null;

    const credentials = JSON.parse(fs.readFileSync(path.join(dataDir, 'first-run-credentials.json'), 'utf8')) as {
      admin_api_key: string;
      workspace_api_key: string;
    };
    const client = new OpenAI({
      baseURL: `${url}/v1`,
      apiKey: 'sk-upstream-key',
      maxRetries: 0,
      defaultHeaders: {
        'x-portkey-api-key': credentials.workspace_api_key,
        'x-portkey-provider': 'openai',
        'x-portkey-custom-host': `${mock.url}/v1`,
      },
    });
    const { data, response } = await client.chat.completions
      .create({ model: 'offline-model', messages: [{ role: 'user', content: 'are you offline' }] })
      .withResponse();
    const traceId = response.headers.get('x-portkey-trace-id');
    report.chat = { status: response.status, content: data.choices[0]?.message.content ?? null, traceId };
    report.upstreamRequests = mock.requests.length;

    report.loggedRequest = null;
    for (let i = 0; i < 100 && !report.loggedRequest && traceId; i++) {
      const res = await fetch(`${url}/v1/logs?trace_id=${encodeURIComponent(traceId)}`, {
        headers: { 'x-portkey-api-key': credentials.admin_api_key },
      });
      const list = (await res.json()) as { data?: { response: { status: unknown }; metrics: { ai_model?: unknown } }[] };
      const row = list.data?.[0];
      if (row) report.loggedRequest = { model: row.metrics.ai_model, status: row.response.status };
      else await sleep(100);
    }
  } finally {
    proc.kill('SIGTERM');
    const stop = await exited;
    report.stop = { ...stop, walLeft: fs.existsSync(path.join(dataDir, 'appliance.db-wal')) };
    report.output = output;
    await mock.close();
  }
  return report as Report;
}

main().then(
  (report) => {
    console.log(JSON.stringify(report));
    process.exit(0);
  },
  (err: unknown) => {
    console.log(JSON.stringify({ error: err instanceof Error ? err.message : String(err) }));
    process.exit(1);
  },
);
