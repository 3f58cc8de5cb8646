// Measures what the gateway adds: requests/s and p50/p99 latency through the gateway (auth, request
// logging and cost on) against the same mock LLM called directly, JSON and streaming, at
// concurrency 1 and 32; then the time to the first streamed chunk, direct and through the gateway.
//
//   npm run bench:gateway -- [--duration 10] [--first-chunk 500] [--only 'json c=32'] [--profile <dir>] [--guardrails] [--otlp]
//   npm run bench:gateway -- --limits [--rounds 3] [--duration 10]
//
// --only runs the rows whose name contains the text (both direct and gateway); --profile writes a
// V8 CPU profile of the appliance process (node --cpu-prof) into <dir> when the bench ends.
// --guardrails adds two rows per case through a saved config: `config` (retries off, nothing else)
// and `guarded` (the same config plus a saved guardrail of five deterministic input checks), and
// prints what the guardrail adds (mean latency and appliance CPU per request).
// --limits compares, at concurrency 32, a key with no limits against a key with a budget, a rate
// limit too high to trip and one matching usage-limit policy (issue 14), in alternating rounds
// back to back, and prints requests/s of both and the difference.
// --otlp exports a trace of every request to a collector (a process of its own that reads and
// discards them) as an admin's OTEL_EXPORTER_OTLP_ENDPOINT would, and prints the spans exported.
//
// The mock and the appliance each run in their own process (the appliance as `npm start` runs it);
// autocannon drives them from this one. All three share the machine's cores, so absolute numbers
// depend on it: compare the direct and gateway rows of one run.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i === -1 ? undefined : Number(process.argv[i + 1]);
  return v !== undefined && Number.isFinite(v) && v > 0 ? v : fallback;
}

function textArg(name: string): string | null {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? null : (process.argv[i + 1] ?? null);
}

// ---- the bench ----

/** The mock LLM and the OTLP collector, each started as a process of its own. */
const SERVERS = fileURLToPath(new URL('./benchGatewayServers.ts', import.meta.url));

function waitForLine(proc: ChildProcess, pattern: RegExp, what: string, timeoutMs = 120_000): Promise<RegExpExecArray> {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = pattern.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    proc.on('exit', (code) => reject(new Error(`${what} exited with ${code}:\n${output}`)));
  });
}

function startCommand(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  return pkg.scripts.start.split(/\s+/);
}

interface Row {
  name: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  /** autocannon's percentiles are whole milliseconds; the mean is not. */
  mean: number;
  errors: number;
  total: number;
  /** CPU time the appliance process used per request (all its threads), user and system, µs; null for direct rows. */
  cpu: { user: number; system: number } | null;
  /** The same for its main thread alone, µs. */
  mainCpu?: number;
}

/**
 * User and system CPU time of a process so far, in µs (Linux /proc; null elsewhere); with
 * `mainThread`, of its main thread only (the one that serves requests).
 */
function cpuTime(pid: number | undefined, mainThread = false): { user: number; system: number } | null {
  try {
    const fields = fs
      .readFileSync(mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8')
      .split(') ')[1]!
      .split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return { user: (Number(fields[11]) * 1e6) / 100, system: (Number(fields[12]) * 1e6) / 100 };
  } catch {
    return null;
  }
}

async function load(
  name: string,
  url: string,
  headers: Record<string, string>,
  body: unknown,
  connections: number,
  duration: number,
): Promise<Row> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    connections,
    duration,
  });
  return {
    name,
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: result.latency.average,
    errors: result.errors + result.timeouts + result.non2xx,
    total: result.requests.total,
    cpu: null,
  };
}

/** Time from sending a streaming request to its first body byte, n times in a row. */
async function firstChunk(url: string, headers: Record<string, string>, body: unknown, n: number): Promise<{ p50: number; p99: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const payload = JSON.stringify(body);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    times.push(
      await new Promise<number>((resolve, reject) => {
        const started = process.hrtime.bigint();
        const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
          let first = 0;
          res.on('data', () => {
            if (!first) first = Number(process.hrtime.bigint() - started) / 1e6;
          });
          res.on('end', () => (res.statusCode === 200 ? resolve(first) : reject(new Error(`status ${res.statusCode}`))));
        });
        req.on('error', reject);
        req.end(payload);
      }),
    );
  }
  agent.destroy();
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { p50: at(0.5), p99: at(0.99) };
}

/**
 * Whole-request latency of two variants of a request, sent alternately one at a time (A, B, A, B…)
 * so that the machine's noise falls on both alike; p50 of each in ms, to the microsecond.
 */
async function pairedLatency(
  url: string,
  a: Record<string, string>,
  b: Record<string, string>,
  body: unknown,
  n: number,
): Promise<{ a: number; b: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const payload = JSON.stringify(body);
  const once = (headers: Record<string, string>) =>
    new Promise<number>((resolve, reject) => {
      const started = process.hrtime.bigint();
      const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve(Number(process.hrtime.bigint() - started) / 1e6) : reject(new Error(`status ${res.statusCode}`)),
        );
      });
      req.on('error', reject);
      req.end(payload);
    });
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < n; i++) {
    ta.push(await once(a));
    tb.push(await once(b));
  }
  agent.destroy();
  const p50 = (t: number[]) => t.sort((x, y) => x - y)[Math.floor(t.length / 2)]!;
  return { a: p50(ta), b: p50(tb) };
}

async function main() {
  const duration = arg('duration', 10);
  const firstChunkRuns = arg('first-chunk', 500);
  const only = textArg('only');
  const profileDir = textArg('profile');
  const withGuardrails = process.argv.includes('--guardrails');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-gateway-'));
  const children: ChildProcess[] = [];
  const cleanup = () => {
    for (const c of children) c.kill('SIGTERM');
  };
  process.on('exit', cleanup);

  try {
    const mock = spawn(process.execPath, ['--import', 'tsx', SERVERS, '--mock'], { cwd: ROOT });
    children.push(mock);
    const mockPort = (await waitForLine(mock, /MOCK (\d+)/, 'mock'))[1];
    const mockUrl = `http://127.0.0.1:${mockPort}`;

    const [cmd, ...args] = startCommand();
    if (profileDir) args.unshift('--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`);
    let otlp = {};
    if (process.argv.includes('--otlp')) {
      const collector = spawn(process.execPath, ['--import', 'tsx', SERVERS, '--collector'], { cwd: ROOT });
      children.push(collector);
      otlp = { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(await waitForLine(collector, /COLLECTOR (\d+)/, 'collector'))[1]}` };
    }
    const gateway = spawn(cmd!, args, {
      cwd: ROOT,
      env: { ...process.env, APPLIANCE_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', ...otlp },
    });
    children.push(gateway);
    const gatewayUrl = (await waitForLine(gateway, /Appliance ready on (http:\/\/\S+)/, 'appliance'))[1]!;
    const creds = JSON.parse(fs.readFileSync(path.join(dataDir, 'first-run-credentials.json'), 'utf8'));
    const created = await fetch(`${gatewayUrl}/v1/integrations`, {
      method: 'POST',
      headers: { 'x-portkey-api-key': creds.admin_api_key, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'bench',
        slug: 'bench',
        ai_provider_id: 'openai',
        key: 'sk-bench',
        workspace_id: creds.workspace.id,
        configurations: { custom_host: `${mockUrl}/v1` },
        default_provider_slug: 'bench',
      }),
    });
    if (!created.ok) throw new Error(`creating the bench integration failed: ${created.status} ${await created.text()}`);

    if (process.argv.includes('--limits')) {
      await compareLimits(gatewayUrl, creds, duration, arg('rounds', 6), gateway.pid);
      return;
    }

    const messages = [{ role: 'user', content: 'Say hello' }];
    const configured = withGuardrails ? await guardrailConfigs(gatewayUrl, creds) : null;
    const direct = { url: `${mockUrl}/v1/chat/completions`, headers: { authorization: 'Bearer sk-bench' }, model: 'gpt-4o' };
    const viaGateway = {
      url: `${gatewayUrl}/v1/chat/completions`,
      headers: { 'x-portkey-api-key': creds.workspace_api_key as string },
      model: '@bench/gpt-4o',
    };

    // Warm up both paths (JIT, connection pools, tokenizer, DuckDB appender).
    for (const t of [direct, viaGateway]) {
      await load('warm-up', t.url, t.headers, { model: t.model, messages }, 8, 2);
      await load('warm-up', t.url, t.headers, { model: t.model, messages, stream: true }, 8, 1);
    }

    const rows: Row[] = [];
    for (const stream of [false, true]) {
      for (const connections of [1, 32]) {
        const targets: [string, { url: string; headers: Record<string, string>; model: string }][] = [
          ['direct', direct],
          ['gateway', viaGateway],
        ];
        if (configured) {
          targets.push(['config', { ...viaGateway, headers: { ...viaGateway.headers, 'x-portkey-config': configured.plain } }]);
          targets.push(['guarded', { ...viaGateway, headers: { ...viaGateway.headers, 'x-portkey-config': configured.guarded } }]);
        }
        for (const [label, t] of targets) {
          const name = `${label.padEnd(7)} ${stream ? 'stream' : 'json  '} c=${connections}`;
          if (only && !name.replace(/\s+/g, ' ').includes(only)) continue;
          process.stderr.write(`running ${name} for ${duration}s\n`);
          const cpuBefore = cpuTime(gateway.pid);
          const mainBefore = cpuTime(gateway.pid, true);
          const row = await load(name, t.url, t.headers, { model: t.model, messages, stream }, connections, duration);
          const cpuAfter = cpuTime(gateway.pid);
          const mainAfter = cpuTime(gateway.pid, true);
          if (label !== 'direct' && cpuBefore && cpuAfter) {
            row.cpu = { user: (cpuAfter.user - cpuBefore.user) / row.total, system: (cpuAfter.system - cpuBefore.system) / row.total };
            if (mainBefore && mainAfter)
              row.mainCpu = (mainAfter.user + mainAfter.system - mainBefore.user - mainBefore.system) / row.total;
          }
          rows.push(row);
        }
      }
    }

    console.log(`\nGateway overhead (${os.cpus().length} cores, ${duration}s per row; the mock and the appliance share the machine)\n`);
    console.log(
      'case                          req/s   mean ms    p50 ms   p99 ms   errors   requests   appliance CPU µs/req (user+sys), main thread',
    );
    for (const r of rows) {
      console.log(
        `${r.name.padEnd(28)} ${r.reqPerSec.toFixed(0).padStart(8)} ${r.mean.toFixed(3).padStart(9)} ${r.p50.toFixed(0).padStart(9)} ${r.p99.toFixed(0).padStart(8)} ${String(r.errors).padStart(8)} ${String(r.total).padStart(10)} ${r.cpu === null ? '' : `${(r.cpu.user + r.cpu.system).toFixed(0).padStart(8)} (${r.cpu.user.toFixed(0)}+${r.cpu.system.toFixed(0)})`}${r.mainCpu === undefined ? '' : `, ${r.mainCpu.toFixed(0)}`}`,
      );
    }
    for (const g of rows.filter((r) => r.name.startsWith('gateway'))) {
      // With --only, a gateway row may run without its direct pair.
      const d = rows.find((r) => r.name === g.name.replace('gateway', 'direct '));
      if (!d) continue;
      console.log(
        `added by the gateway, ${g.name.slice(8)}: mean ${(g.mean - d.mean).toFixed(3)} ms, p50 ${(g.p50 - d.p50).toFixed(0)} ms, p99 ${(g.p99 - d.p99).toFixed(0)} ms`,
      );
    }

    if (configured) {
      const pairs = arg('pairs', 2000);
      for (const stream of [false, true]) {
        const plain = { ...viaGateway.headers, 'x-portkey-config': configured.plain };
        const guarded = { ...viaGateway.headers, 'x-portkey-config': configured.guarded };
        const p = await pairedLatency(viaGateway.url, plain, guarded, { model: viaGateway.model, messages, stream }, pairs);
        console.log(
          `${stream ? 'stream' : 'json  '} c=1, ${pairs} alternating pairs: p50 without guardrails ${p.a.toFixed(3)} ms, with five input checks ${p.b.toFixed(3)} ms, added ${(p.b - p.a).toFixed(3)} ms`,
        );
      }
    }
    for (const guarded of rows.filter((r) => r.name.startsWith('guarded'))) {
      const plain = rows.find((r) => r.name === guarded.name.replace('guarded', 'config '));
      if (!plain) continue;
      const cpu = (r: Row) => (r.cpu ? r.cpu.user + r.cpu.system : NaN);
      console.log(
        `added by five input checks, ${guarded.name.slice(8)}: mean ${(guarded.mean - plain.mean).toFixed(3)} ms, p50 ${(guarded.p50 - plain.p50).toFixed(0)} ms, appliance CPU ${(cpu(guarded) - cpu(plain)).toFixed(0)} µs/req`,
      );
    }

    if (!only) {
      const streamBody = (model: string) => ({ model, messages, stream: true });
      const fcDirect = await firstChunk(direct.url, direct.headers, streamBody(direct.model), firstChunkRuns);
      const fcGateway = await firstChunk(viaGateway.url, viaGateway.headers, streamBody(viaGateway.model), firstChunkRuns);
      console.log(
        `\nfirst streamed chunk (${firstChunkRuns} sequential requests): direct p50 ${fcDirect.p50.toFixed(2)} ms p99 ${fcDirect.p99.toFixed(2)} ms; ` +
          `gateway p50 ${fcGateway.p50.toFixed(2)} ms p99 ${fcGateway.p99.toFixed(2)} ms; added p50 ${(fcGateway.p50 - fcDirect.p50).toFixed(2)} ms`,
      );
    }

    // Logging was on: every gateway request has a row.
    const logs = (await fetch(`${gatewayUrl}/v1/logs?page_size=1`, { headers: viaGateway.headers }).then((r) => r.json())) as {
      total: number;
    };
    const sent = rows.filter((r) => r.name.startsWith('gateway')).reduce((s, r) => s + r.total, 0);
    console.log(`request log rows: ${logs.total} (measured gateway requests: ${sent}, plus warm-up and first-chunk runs)`);
    if (process.argv.includes('--otlp')) {
      // Spans wait up to a second for their batch: then every request should have its two (server and attempt).
      await new Promise((r) => setTimeout(r, 3000));
      const text = await fetch(`${gatewayUrl}/metrics`, { headers: { 'x-portkey-api-key': creds.admin_api_key } }).then((r) => r.text());
      const spans = (outcome: string) =>
        Number(new RegExp(`^airgap_trace_spans_total\\{outcome="${outcome}"\\} (\\S+)`, 'm').exec(text)?.[1] ?? NaN);
      console.log(`trace spans: ${spans('exported')} exported, ${spans('failed')} failed, ${spans('dropped')} dropped (two per request)`);
    }
    if (profileDir) {
      // The profile is written as the appliance exits after SIGTERM.
      const exited = new Promise((resolve) => gateway.once('exit', resolve));
      gateway.kill('SIGTERM');
      await exited;
      console.log(`CPU profile of the appliance written to ${path.resolve(profileDir)}`);
    }
  } finally {
    // Waits for the appliance to finish writing its logs and exit, so that a run started right
    // after this one does not share the machine with it.
    const exits = children.filter((c) => c.exitCode === null).map((c) => new Promise((resolve) => c.once('exit', resolve)));
    cleanup();
    await Promise.race([Promise.all(exits), new Promise((resolve) => setTimeout(resolve, 120_000).unref())]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A key with a budget, a rate limit that does not trip and one matching policy, against a plain key. */
async function compareLimits(
  gatewayUrl: string,
  creds: { admin_api_key: string; workspace_api_key: string; workspace: { id: string } },
  duration: number,
  rounds: number,
  pid: number | undefined,
) {
  const admin = { 'x-portkey-api-key': creds.admin_api_key, 'content-type': 'application/json' };
  const post = async (p: string, body: unknown) => {
    const res = await fetch(`${gatewayUrl}${p}`, { method: 'POST', headers: admin, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`POST ${p}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string; key: string };
  };
  const limited = await post('/v1/api-keys/workspace/service', {
    name: 'bench limits',
    workspace_id: creds.workspace.id,
    scopes: ['completions.write'],
    usage_limits: { credit_limit: 1_000_000, alert_threshold: 900_000, type: 'cost', periodic_reset: 'monthly' },
    rate_limits: [{ type: 'requests', unit: 'rpm', value: 100_000_000 }],
  });
  // The policy exists only during the limited key's rounds: the plain rounds run with no limits at all.
  let policy: string | null = null;
  const policyOn = async () => {
    policy = (
      await post('/v1/policies/usage-limits', {
        name: 'bench policy',
        conditions: [{ key: 'api_key', value: limited.id }],
        group_by: [{ key: 'api_key' }],
        type: 'cost',
        credit_limit: 1_000_000,
      })
    ).id;
  };
  const policyOff = async () => {
    if (policy) await fetch(`${gatewayUrl}/v1/policies/usage-limits/${policy}`, { method: 'DELETE', headers: admin });
    policy = null;
  };
  const url = `${gatewayUrl}/v1/chat/completions`;
  const body = { model: '@bench/gpt-4o', messages: [{ role: 'user', content: 'Say hello' }] };
  const keys = { plain: creds.workspace_api_key, limits: limited.key };
  await policyOn();
  for (const key of Object.values(keys)) await load('warm-up', url, { 'x-portkey-api-key': key }, body, 8, 2);
  const seen: Record<'plain' | 'limits', number[]> = { plain: [], limits: [] };
  // CPU the appliance spent per request: steadier than requests/s on a machine others load too.
  const cpu: Record<'plain' | 'limits', number[]> = { plain: [], limits: [] };
  for (let round = 1; round <= rounds; round++) {
    // Alternating order, so neither side always runs on a machine the other just warmed or loaded.
    const order = round % 2 === 1 ? (['plain', 'limits'] as const) : (['limits', 'plain'] as const);
    for (const which of order) {
      if (which === 'limits') await policyOn();
      else await policyOff();
      process.stderr.write(`round ${round}: ${which} json c=32 for ${duration}s\n`);
      const before = cpuTime(pid);
      const row = await load(which, url, { 'x-portkey-api-key': keys[which] }, body, 32, duration);
      const after = cpuTime(pid);
      if (row.errors > 0) throw new Error(`${which}: ${row.errors} errors of ${row.total} requests`);
      seen[which].push(row.reqPerSec);
      if (before && after) cpu[which].push((after.user + after.system - before.user - before.system) / row.total);
    }
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `\nLimits on the request path, json c=32, ${rounds} alternating rounds of ${duration}s each, back to back (${os.cpus().length} cores shared)\n`,
  );
  console.log(
    `plain key                          req/s per round: ${seen.plain.map((r) => r.toFixed(0)).join(', ')}   mean ${mean(seen.plain).toFixed(0)}`,
  );
  console.log(
    `budget + rate limit + 1 policy     req/s per round: ${seen.limits.map((r) => r.toFixed(0)).join(', ')}   mean ${mean(seen.limits).toFixed(0)}`,
  );
  console.log(
    `difference of the means: ${(((mean(seen.limits) - mean(seen.plain)) / mean(seen.plain)) * 100).toFixed(1)}%, of the medians: ${(((median(seen.limits) - median(seen.plain)) / median(seen.plain)) * 100).toFixed(1)}%`,
  );
  if (cpu.plain.length && cpu.limits.length) {
    console.log(
      `appliance CPU per request, median: plain ${median(cpu.plain).toFixed(0)} µs, limits ${median(cpu.limits).toFixed(0)} µs (${(((median(cpu.limits) - median(cpu.plain)) / median(cpu.plain)) * 100).toFixed(1)}%)`,
    );
  }
}

/**
 * Two saved configs for --guardrails: the same root settings, one with a saved guardrail of five
 * deterministic input checks. Returns their slugs.
 */
async function guardrailConfigs(gatewayUrl: string, creds: { admin_api_key: string; workspace: { id: string } }) {
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${gatewayUrl}${path}`, {
      method: 'POST',
      headers: { 'x-portkey-api-key': creds.admin_api_key, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { slug: string };
  };
  const guardrail = await post('/v1/guardrails', {
    name: 'bench five checks',
    workspace_id: creds.workspace.id,
    checks: [
      { id: 'default.regexMatch', parameters: { rule: '\\b\\d{3}-\\d{2}-\\d{4}\\b', not: true } },
      { id: 'default.wordCount', parameters: { minWords: 1, maxWords: 500 } },
      { id: 'default.characterCount', parameters: { maxCharacters: 20000 } },
      { id: 'default.contains', parameters: { words: ['DROP TABLE', 'rm -rf'], operator: 'none' } },
      { id: 'default.modelWhitelist', parameters: { models: ['@bench/*', 'gpt-4o'] } },
    ],
    actions: { deny: true },
  });
  const base = { retry: { attempts: 0 } };
  const plain = await post('/v1/configs', { name: 'bench plain', workspace_id: creds.workspace.id, config: base });
  const guarded = await post('/v1/configs', {
    name: 'bench guarded',
    workspace_id: creds.workspace.id,
    config: { ...base, input_guardrails: [guardrail.slug] },
  });
  return { plain: plain.slug, guarded: guarded.slug };
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
