// Many slow streams at once, through the gateway and directly (issue 14 item 10): N concurrent
// chat streams, each 20 chunks sent 200 ms apart by a mock model server, started together (or
// ramped). Prints, for each path, the streams that completed, the time to the first chunk and the
// gap the path added between chunks (over the server's 200 ms) at p50/p99, and the appliance's
// peak RSS.
//
//   npm run bench:streams -- [--streams 2000] [--chunks 20] [--interval 200] [--ramp-ms 0]
//                             [--max-concurrent <n>]   (sets max_concurrent_requests on the provider)
//
// The mock, the appliance (as `npm start` runs it) and this driver are three processes on one
// machine; compare the two rows of one run.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i === -1 ? undefined : Number(process.argv[i + 1]);
  return v !== undefined && Number.isFinite(v) && v >= 0 ? v : fallback;
}

// ---- the mock model server (run with --mock): every stream is `chunks` chunks `interval` ms apart ----

function runMock(chunks: number, interval: number) {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const base = { id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'slow' };
      let sent = 0;
      const send = () => {
        if (res.destroyed) return;
        if (sent < chunks) {
          res.write(
            `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { content: `w${sent} ` }, finish_reason: null }] })}\n\n`,
          );
          sent += 1;
          setTimeout(send, interval);
          return;
        }
        res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
        res.write(
          `data: ${JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: 5, completion_tokens: chunks, total_tokens: 5 + chunks } })}\n\n`,
        );
        res.end('data: [DONE]\n\n');
      };
      send();
    });
  });
  server.keepAliveTimeout = 60_000;
  server.maxConnections = 100_000;
  server.listen(0, '127.0.0.1', () => console.log(`MOCK ${(server.address() as { port: number }).port}`));
}

// ---- the driver ----

function waitForLine(proc: ChildProcess, pattern: RegExp, what: string, timeoutMs = 180_000): Promise<RegExpExecArray> {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    proc.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
      const m = pattern.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    proc.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    proc.on('exit', (code) => reject(new Error(`${what} exited with ${code}:\n${output}`)));
  });
}

interface StreamResult {
  ok: boolean;
  firstChunkMs: number;
  /** Time between consecutive content chunks as the client saw them. */
  gaps: number[];
}

function oneStream(url: string, headers: Record<string, string>, body: string, agent: http.Agent): Promise<StreamResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    let first = 0;
    let last = 0;
    const gaps: number[] = [];
    let buffered = '';
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (text: string) => {
        buffered += text;
        let i: number;
        while ((i = buffered.indexOf('\n\n')) !== -1) {
          const event = buffered.slice(0, i);
          buffered = buffered.slice(i + 2);
          if (!event.includes('"content"')) continue;
          const now = performance.now();
          if (!first) first = now - started;
          else gaps.push(now - last);
          last = now;
        }
      });
      res.on('end', () => resolve({ ok: res.statusCode === 200 && first > 0, firstChunkMs: first, gaps }));
      res.on('error', () => resolve({ ok: false, firstChunkMs: first, gaps }));
    });
    req.on('error', () => resolve({ ok: false, firstChunkMs: first, gaps }));
    req.end(body);
  });
}

async function burst(n: number, rampMs: number, url: string, headers: Record<string, string>, body: string) {
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const runs: Promise<StreamResult>[] = [];
  for (let i = 0; i < n; i++) {
    if (rampMs > 0 && i > 0 && i % 50 === 0) await new Promise((r) => setTimeout(r, (rampMs * 50) / n));
    runs.push(oneStream(url, headers, body, agent));
  }
  const results = await Promise.all(runs);
  agent.destroy();
  return results;
}

const pct = (values: number[], q: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

/** Peak resident set of a process (Linux VmHWM), in MB. */
function peakRssMb(pid: number | undefined): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

async function main() {
  const streams = arg('streams', 2000);
  const chunks = arg('chunks', 20);
  const interval = arg('interval', 200);
  const rampMs = arg('ramp-ms', 0);
  const maxConcurrent = arg('max-concurrent', 0);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-streams-'));
  const children: ChildProcess[] = [];
  const cleanup = () => children.forEach((c) => c.kill('SIGTERM'));
  process.on('exit', cleanup);
  try {
    const mock = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--mock', String(chunks), String(interval)], {
      cwd: ROOT,
    });
    children.push(mock);
    const mockUrl = `http://127.0.0.1:${(await waitForLine(mock, /MOCK (\d+)/, 'mock'))[1]}`;
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
    const [cmd, ...args] = pkg.scripts.start.split(/\s+/);
    const gateway = spawn(cmd!, args, {
      cwd: ROOT,
      env: { ...process.env, APPLIANCE_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', MAX_CONNECTIONS_PER_IP: '0' },
    });
    children.push(gateway);
    const gatewayUrl = (await waitForLine(gateway, /Appliance ready on (http:\/\/\S+)/, 'appliance'))[1]!;
    const creds = JSON.parse(fs.readFileSync(path.join(dataDir, 'first-run-credentials.json'), 'utf8'));
    const admin = { 'x-portkey-api-key': creds.admin_api_key as string, 'content-type': 'application/json' };
    const created = await fetch(`${gatewayUrl}/v1/integrations`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({
        name: 'slow',
        slug: 'slow',
        ai_provider_id: 'openai',
        key: 'sk-bench',
        workspace_id: creds.workspace.id,
        configurations: { custom_host: `${mockUrl}/v1` },
        ...(maxConcurrent > 0 ? { max_concurrent_requests: maxConcurrent } : {}),
      }),
    });
    if (!created.ok) throw new Error(`creating the integration failed: ${created.status} ${await created.text()}`);

    const messages = [{ role: 'user', content: 'Tell me a story' }];
    const paths: { label: string; url: string; headers: Record<string, string>; model: string }[] = [
      { label: 'direct ', url: `${mockUrl}/v1/chat/completions`, headers: { authorization: 'Bearer sk-bench' }, model: 'slow' },
      {
        label: 'gateway',
        url: `${gatewayUrl}/v1/chat/completions`,
        headers: { 'x-portkey-api-key': creds.workspace_api_key as string },
        model: '@slow/slow',
      },
    ];
    // Warm up both paths.
    for (const p of paths) await burst(20, 0, p.url, p.headers, JSON.stringify({ model: p.model, messages, stream: true }));

    console.log(
      `\n${streams} concurrent streams of ${chunks} chunks ${interval} ms apart${rampMs ? `, ramped over ${rampMs} ms` : ', started together'} (${os.cpus().length} cores shared by the mock, the appliance and this driver)\n`,
    );
    console.log('path       completed   first chunk p50/p99 ms   gap added p50/p99 ms   wall s');
    for (const p of paths) {
      const started = performance.now();
      const results = await burst(streams, rampMs, p.url, p.headers, JSON.stringify({ model: p.model, messages, stream: true }));
      const wall = (performance.now() - started) / 1000;
      const ok = results.filter((r) => r.ok);
      const first = ok.map((r) => r.firstChunkMs);
      const added = ok.flatMap((r) => r.gaps.map((g) => g - interval));
      console.log(
        `${p.label}  ${String(ok.length).padStart(5)}/${streams}   ${pct(first, 0.5).toFixed(0).padStart(8)} / ${pct(first, 0.99).toFixed(0).padEnd(8)}   ${pct(added, 0.5).toFixed(1).padStart(8)} / ${pct(added, 0.99).toFixed(1).padEnd(8)}   ${wall.toFixed(1)}`,
      );
    }
    const rss = peakRssMb(gateway.pid);
    console.log(`\nappliance peak RSS: ${rss === null ? 'n/a' : `${rss.toFixed(0)} MB`}`);
  } finally {
    cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--mock')) {
  const i = process.argv.indexOf('--mock');
  runMock(Number(process.argv[i + 1]), Number(process.argv[i + 2]));
} else {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
