// Runs inside a network namespace with loopback only (airgap.test.ts starts it with `unshare -n`):
// a mock LLM and an OTLP collector on loopback, and the appliance (the compiled server) under
// `strace -f`, which records every connect() and sendto() the kernel is asked for, by any thread.
// It then uses every feature that could reach out and prints one JSON report line: what each step
// answered, and every inet address the appliance tried to reach. The collector also serves a JWKS
// (its host is allowed as the OTLP endpoint) for the JWT guardrail's key fetch.
//   node --import tsx test/packaging/airgapRun.ts <work dir>
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startMockLlm } from '../helpers/mockLlm.ts';
import { ROOT } from '../helpers/childServer.ts';

const [work] = process.argv.slice(2) as [string];
const dataDir = path.join(work, 'data');
const traceFile = path.join(work, 'strace.txt');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A public address (example.com's) an admin allows during the run: the positive control. */
const ALLOWED_PUBLIC = '93.184.216.34';

interface Attempt {
  syscall: string;
  family: 'inet' | 'inet6';
  address: string;
  port: number;
}

interface AirgapReport {
  steps: Record<string, { status: number; detail?: unknown }>;
  attempts: Attempt[];
  allowed: string[];
  selfCheck: { ok: boolean; statement: string } | null;
  spans: number;
  /** How many times the collector served its JWKS: the JWT guardrail's fetch over loopback. */
  jwksFetches: number;
  output: string;
}

/** connect/sendto lines of strace with an inet address: `{sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("1.2.3.4")}`. */
function inetAttempts(trace: string): Attempt[] {
  const out: Attempt[] = [];
  for (const line of trace.split('\n')) {
    const call = /\b(connect|sendto|sendmsg|sendmmsg)\(/.exec(line)?.[1];
    if (!call) continue;
    const v4 = /sa_family=AF_INET, sin_port=htons\((\d+)\), sin_addr=inet_addr\("([^"]+)"\)/.exec(line);
    if (v4) out.push({ syscall: call, family: 'inet', address: v4[2]!, port: Number(v4[1]) });
    const v6 = /sa_family=AF_INET6, sin6_port=htons\((\d+)\),.*inet_pton\(AF_INET6, "([^"]+)"/.exec(line);
    if (v6) out.push({ syscall: call, family: 'inet6', address: v6[2]!, port: Number(v6[1]) });
  }
  return out;
}

/** An RS256 key pair: the public half published as a JWKS with a key id, the private half signs tokens. */
function signingKey() {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'airgap-key-1';
  const jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] };
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const sign = (claims: Record<string, unknown>) => {
    const signed = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64(claims)}`;
    return `${signed}.${crypto.sign('sha256', Buffer.from(signed), privateKey).toString('base64url')}`;
  };
  return { jwks, sign };
}

async function startCollector(jwks: unknown) {
  let spans = 0;
  let jwksFetches = 0;
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/jwks.json') {
      jwksFetches++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
      return;
    }
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c));
    req.on('end', () => {
      try {
        const body = JSON.parse(raw) as { resourceSpans?: { scopeSpans: { spans: unknown[] }[] }[] };
        for (const r of body.resourceSpans ?? []) for (const s of r.scopeSpans) spans += s.spans.length;
      } catch {
        // Not JSON: not counted.
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans: () => spans,
    jwksFetches: () => jwksFetches,
    close: () => server.close(),
  };
}

async function main(): Promise<AirgapReport> {
  execFileSync('ip', ['link', 'set', 'lo', 'up']);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const mock = await startMockLlm();
  const key = signingKey();
  const collector = await startCollector(key.jwks);
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: work,
    HOST: '127.0.0.1',
    PORT: '0',
    APPLIANCE_DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
    LOG_FLUSH_INTERVAL_MS: '100',
  };
  const proc = spawn(
    'strace',
    [
      '-f',
      '-qq',
      '--seccomp-bpf',
      '-e',
      'trace=connect,sendto,sendmsg,sendmmsg',
      '-o',
      traceFile,
      process.execPath,
      path.join(ROOT, 'dist/server/main.js'),
    ],
    { cwd: work, env },
  );
  let output = '';
  proc.stdout.on('data', (d) => (output += d));
  proc.stderr.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
  const steps: AirgapReport['steps'] = {};
  let selfCheck: AirgapReport['selfCheck'] = null;
  let allowed: string[] = [];
  try {
    let url: string | null = null;
    for (let i = 0; i < 600 && !url; i++) {
      url = /Appliance ready on (http:\/\/\S+)/.exec(output)?.[1] ?? null;
      if (!url) await sleep(100);
      if (proc.exitCode !== null) throw new Error(`the appliance exited before it was ready:\n${output}`);
    }
    if (!url) throw new Error(`the appliance did not become ready:\n${output}`);
    const creds = JSON.parse(fs.readFileSync(path.join(dataDir, 'first-run-credentials.json'), 'utf8')) as {
      admin_api_key: string;
      workspace_api_key: string;
    };
    const call = async (name: string, method: string, p: string, key: string, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(`${url}${p}`, {
        method,
        headers: { 'x-portkey-api-key': key, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let detail: unknown = text.slice(0, 400);
      try {
        detail = JSON.parse(text);
      } catch {
        // kept as text
      }
      steps[name] = { status: res.status, detail };
      return { status: res.status, detail: detail as Record<string, unknown> };
    };
    const admin = creds.admin_api_key;
    const ws = creds.workspace_api_key;
    const chat = { model: 'gpt-4o', messages: [{ role: 'user', content: 'are you air-gapped' }] };

    // The gateway: a catalog provider (saved integration), a connection test, and inline providers.
    await call('integration', 'POST', '/v1/integrations', admin, {
      name: 'local',
      slug: 'local',
      ai_provider_id: 'openai',
      key: 'sk-local',
      workspace_id: 'ws-default',
      configurations: { custom_host: `${mock.url}/v1` },
      default_provider_slug: 'local',
    });
    await call('catalog_chat', 'POST', '/v1/chat/completions', ws, { ...chat, model: '@local/gpt-4o' });
    await call('catalog_stream', 'POST', '/v1/chat/completions', ws, { ...chat, model: '@local/gpt-4o', stream: true });
    await call('connection_test', 'POST', '/v1/providers/local/test?workspace_id=ws-default', admin, { model: 'gpt-4o' });
    await call('inline_openai', 'POST', '/v1/chat/completions', ws, chat, {
      'x-portkey-provider': 'openai',
      authorization: 'Bearer sk-inline',
    });
    await call(
      'inline_anthropic',
      'POST',
      '/v1/messages',
      ws,
      { ...chat, max_tokens: 10 },
      { 'x-portkey-provider': 'anthropic', 'x-api-key': 'sk-ant' },
    );
    const publicHost = {
      'x-portkey-provider': 'openai',
      authorization: 'Bearer sk-inline',
      'x-portkey-custom-host': `http://${ALLOWED_PUBLIC}/v1`,
    };
    await call('inline_public_host', 'POST', '/v1/chat/completions', ws, chat, publicHost);
    await call('inline_loopback_mock', 'POST', '/v1/chat/completions', ws, chat, {
      'x-portkey-provider': 'openai',
      authorization: 'Bearer sk-inline',
      'x-portkey-custom-host': `${mock.url}/v1`,
    });
    // An admin allows the public host: now it is tried (and, in here, unreachable), then allowed no more.
    const entry = await call('allow', 'POST', '/v1/admin/egress/allow-list', admin, { destination: `${ALLOWED_PUBLIC}:80` });
    await call('allowed_public_host', 'POST', '/v1/chat/completions', ws, chat, publicHost);
    await call('disallow', 'DELETE', `/v1/admin/egress/allow-list/${String(entry.detail.id)}`, admin);
    await call('public_host_again', 'POST', '/v1/chat/completions', ws, chat, publicHost);

    // A saved guardrail's webhook (the global fetch, guarded in the process): to a LAN name nobody
    // allowed, refused before DNS and failing its check; to the mock on loopback, called.
    const webhookGuardrail = async (name: string, url: string) => {
      const saved = await call(`${name}_saved`, 'POST', '/v1/guardrails', admin, {
        name,
        workspace_id: 'ws-default',
        checks: [{ id: 'default.webhook', parameters: { webhookURL: url } }],
      });
      const config = JSON.stringify({ input_guardrails: [String(saved.detail.slug)] });
      await call(name, 'POST', '/v1/chat/completions', ws, { ...chat, model: '@local/gpt-4o' }, { 'x-portkey-config': config });
    };
    await webhookGuardrail('webhook_unlisted', 'http://verdicts.internal:8080/verdict');
    await webhookGuardrail('webhook_loopback', `${mock.url}/verdict`);

    // A saved JWT guardrail's JWKS fetch (the same guarded global fetch), with a real RS256 token in
    // a header of its own (x-portkey-api-key already authenticates the call): from a LAN name nobody
    // allowed, refused before DNS so the check fails; from the collector on loopback, fetched and verified.
    const now = Math.floor(Date.now() / 1000);
    const token = key.sign({ sub: 'airgap-user', iat: now, exp: now + 300 });
    const jwtGuardrail = async (name: string, jwksUri: string) => {
      const saved = await call(`${name}_saved`, 'POST', '/v1/guardrails', admin, {
        name,
        workspace_id: 'ws-default',
        checks: [{ id: 'default.jwt', parameters: { jwksUri, headerKey: 'x-user-token' } }],
      });
      const config = JSON.stringify({ input_guardrails: [String(saved.detail.slug)] });
      await call(
        name,
        'POST',
        '/v1/chat/completions',
        ws,
        { ...chat, model: '@local/gpt-4o' },
        {
          'x-portkey-config': config,
          'x-user-token': `Bearer ${token}`,
        },
      );
    };
    await jwtGuardrail('jwks_unlisted', 'http://idp.internal:8443/jwks.json');
    await jwtGuardrail('jwks_loopback', `${collector.url}/jwks.json`);

    // Pricing reload: a file dropped in and re-read.
    fs.writeFileSync(
      path.join(dataDir, 'pricing', 'openai.json'),
      JSON.stringify({ 'gpt-4o': { pricing_config: { pay_as_you_go: { request_token: { price: 0.001 } } } } }),
    );
    await call('pricing_reload', 'POST', '/v1/admin/pricing/reload', admin);

    // A log export, run and downloaded.
    await sleep(300);
    const exp = await call('export', 'POST', '/v1/logs/exports', ws, {
      description: 'offline',
      filters: {},
      requested_data: ['id', 'trace_id'],
    });
    await call('export_start', 'POST', `/v1/logs/exports/${String(exp.detail.id)}/start`, ws);
    for (let i = 0; i < 100; i++) {
      const got = await call('export_status', 'GET', `/v1/logs/exports/${String(exp.detail.id)}`, ws);
      if (got.detail.status === 'success' || got.detail.status === 'failed') break;
      await sleep(100);
    }
    await call('export_file', 'GET', `/v1/logs/exports/${String(exp.detail.id)}/file`, ws);

    // A backup, downloaded.
    const backup = await call('backup', 'POST', '/v1/admin/backups', admin, { passphrase: 'an offline backup passphrase' });
    await call('backup_file', 'GET', String(backup.detail.download_url), admin);

    // Metrics, readiness, traces, and the air-gap report's own account.
    await call('metrics', 'GET', '/metrics', admin);
    await call('ready', 'GET', '/v1/health/ready', admin);
    for (let i = 0; i < 50 && collector.spans() < 2; i++) await sleep(100);
    const report = await call('egress_report', 'GET', '/v1/admin/egress', admin);
    const r = report.detail as { self_check?: { ok: boolean; statement: string }; allowed?: { destination: string }[] };
    selfCheck = r.self_check ? { ok: r.self_check.ok, statement: r.self_check.statement } : null;
    allowed = (r.allowed ?? []).map((a) => a.destination);
  } finally {
    // SIGTERM to strace would only detach it; the appliance (its child) is the one to stop.
    const children = fs.existsSync(`/proc/${proc.pid}/task/${proc.pid}/children`)
      ? fs.readFileSync(`/proc/${proc.pid}/task/${proc.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
      : [];
    for (const pid of children) process.kill(pid, 'SIGTERM');
    if (children.length === 0) proc.kill('SIGTERM');
    await exited;
    await mock.close();
    collector.close();
  }
  const trace = fs.existsSync(traceFile) ? fs.readFileSync(traceFile, 'utf8') : '';
  return {
    steps,
    attempts: inetAttempts(trace),
    allowed,
    selfCheck,
    spans: collector.spans(),
    jwksFetches: collector.jwksFetches(),
    output,
  };
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
