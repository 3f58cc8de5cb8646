// Measures the log and analytics path at scale: ingestion through the real LogWriter (journal,
// then batched DuckDB appends), the log database's size on disk, and the median answer time of
// every analytics endpoint over the last 30 days of synthetic traffic (scripts/syntheticLogs.ts).
//
//   npm run bench:analytics -- [--rows 10000000] [--runs 5] [--dir PATH] [--only TEXT] [--keep] [--bodies]
//
// --dir reuses a data directory filled before (by this script with --keep, or by gen-logs) and
// skips ingestion; --only TEXT measures the endpoints whose name contains TEXT. Endpoints are called through app.inject(), so the figures include routing,
// access checks, validation and serialisation but no network.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/env.ts';
import { openStores } from '../server/stores.ts';
import { createServices } from '../server/services.ts';
import { buildApp } from '../server/app.ts';
import { bootstrap, firstRunFile, type FirstRunCredentials } from '../server/control-plane/bootstrap.ts';
import { LogWriter } from '../server/logs/writer.ts';
import { addSyntheticFeedback, syntheticTraffic, trafficScope, writeAll } from './syntheticLogs.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i === -1 ? undefined : Number(process.argv[i + 1]);
  return v !== undefined && Number.isFinite(v) && v > 0 ? v : fallback;
}

function textArg(name: string): string | null {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? null : (process.argv[i + 1] ?? null);
}

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;

function dirSize(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    total += entry.isDirectory() ? dirSize(p) : fs.statSync(p).size;
  }
  return total;
}

/** Every analytics endpoint, and the log list's metadata paths, with the budget each should answer within. */
function endpoints(): { name: string; url: string; budgetMs: number }[] {
  const graphs = [
    'requests',
    'cost',
    'latency',
    'tokens',
    'users',
    'users/requests',
    'errors',
    'errors/rate',
    'errors/stacks',
    'errors/status-codes',
    'requests/rescued',
    'cache/hit-rate',
    'cache/latency',
    'feedbacks',
    'feedbacks/scores',
    'feedbacks/weighted',
    'feedbacks/ai-models',
  ].map((g) => ({ name: `graphs/${g}`, url: `/v1/analytics/graphs/${g}`, budgetMs: 500 }));
  const groups = ['users', 'ai-models', 'metadata/team', 'metadata/_user', 'workspaces'].map((g) => ({
    name: `groups/${g}`,
    url: `/v1/analytics/groups/${g}`,
    budgetMs: 500,
  }));
  const groupBy = ['ai_service', 'model', 'status_code', 'api_key', 'config', 'workspace', 'provider', 'prompt'].map((g) => ({
    name: `groups/${g}`,
    url: `/v1/analytics/groups/${g}`,
    budgetMs: 500,
  }));
  const all =
    'cost,total_tokens,avg_tokens,avg_input_tokens,avg_output_tokens,avg_latency,p95_latency,p99_latency,success_rate,error_count,cache_hit_rate,last_seen,first_seen';
  return [
    ...graphs,
    { name: 'summary/cache', url: '/v1/analytics/summary/cache', budgetMs: 500 },
    ...groups,
    ...groupBy,
    { name: 'groups/model (all columns)', url: `/v1/analytics/groups/model?columns=${all}`, budgetMs: 1000 },
    { name: 'groups/api_key (all columns)', url: `/v1/analytics/groups/api_key?columns=${all}`, budgetMs: 1000 },
    { name: 'logs/groups/provider (all columns)', url: `/v1/logs/groups/provider?columns=${all}`, budgetMs: 1000 },
    {
      name: 'graphs/requests (metadata filter)',
      url: `/v1/analytics/graphs/requests?metadata=${encodeURIComponent('{"team":"search"}')}`,
      budgetMs: 500,
    },
    {
      name: 'graphs/cost (model + status filter)',
      url: '/v1/analytics/graphs/cost?ai_org_model=openai__gpt-4o&status_code=200,429',
      budgetMs: 500,
    },
    // The log list counts every matching row and reads the newest page: a search that matches
    // few rows, or none, scans the whole range.
    { name: 'logs (search a metadata value)', url: '/v1/logs?search=summarise', budgetMs: 500 },
    { name: 'logs (search, no match)', url: '/v1/logs?search=no-such-text', budgetMs: 500 },
    { name: 'logs (metadata filter)', url: `/v1/logs?metadata=${encodeURIComponent('{"team":"research"}')}`, budgetMs: 500 },
  ];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function main() {
  const rows = arg('rows', 10_000_000);
  const runs = arg('runs', 5);
  const reuse = textArg('dir');
  const dataDir = reuse ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bench-analytics-'));
  const config = loadConfig({ LOG_LEVEL: 'silent', APPLIANCE_DATA_DIR: dataDir });
  console.log(`bench:analytics on ${os.cpus().length} cores, ${mb(os.totalmem())} RAM; data in ${dataDir}`);

  let stores = await openStores(dataDir);
  try {
    if (!reuse) {
      const services = createServices({ config, ...stores });
      bootstrap({ ...services, db: stores.db, config });
      const writer = new LogWriter(stores.logs, { journalDir: path.join(dataDir, 'log-journal') });
      await writer.open();
      const events = syntheticTraffic(trafficScope(services, stores.db), {
        rows,
        days: 30,
        endMs: Date.now(),
        bodies: process.argv.includes('--bodies'),
      });
      console.log(
        `Ingesting ${rows.toLocaleString('en')} requests through the LogWriter${process.argv.includes('--bodies') ? ' (with bodies)' : ''} ...`,
      );
      const rate = (rows: number, ms: number) => Math.round(rows / (ms / 1000)).toLocaleString('en');
      const done = await writeAll(writer, events, (p) =>
        console.log(
          `  ${p.written.toLocaleString('en')} rows: writer ${rate(p.written, p.writerMs)} rows/s (with generation ${rate(p.written, p.elapsedMs)})`,
        ),
      );
      await writer.close();
      const feedback = await addSyntheticFeedback(stores.logs.writer, 0.02);
      console.log(`Added feedback on ${feedback.toLocaleString('en')} requests (2% of the successful ones)`);
      const checkpointStart = performance.now();
      await stores.logs.writer.run('CHECKPOINT');
      console.log(
        `Ingestion through the LogWriter: ${rate(done.written, done.writerMs)} rows/s ` +
          `(${done.written.toLocaleString('en')} rows, ${(done.writerMs / 1000).toFixed(1)} s in the writer; ` +
          `${rate(done.written, done.elapsedMs)} rows/s counting the generator; final checkpoint ${((performance.now() - checkpointStart) / 1000).toFixed(1)} s)`,
      );
    }
    const [feedbackRows] = (await stores.logs.writer.runAndReadAll('SELECT count(*)::BIGINT AS n FROM feedback')).getRowObjectsJS();
    if (reuse && Number(feedbackRows!.n) === 0) {
      console.log(`Added feedback on ${(await addSyntheticFeedback(stores.logs.writer, 0.02)).toLocaleString('en')} requests`);
      await stores.logs.writer.run('CHECKPOINT');
    }
    const [count] = (await stores.logs.writer.runAndReadAll('SELECT count(*)::BIGINT AS n FROM request_logs')).getRowObjectsJS();
    const logFiles = fs.readdirSync(dataDir).filter((f) => f.startsWith('logs.duckdb'));
    const logBytes = logFiles.reduce((s, f) => s + fs.statSync(path.join(dataDir, f)).size, 0);
    console.log(
      `Rows: ${Number(count!.n).toLocaleString('en')}; log database ${mb(logBytes)} (${logFiles.join(', ')}); data dir ${mb(dirSize(dataDir))}`,
    );
  } finally {
    stores.close();
  }

  // The app on the same directory, as `npm start` would open it.
  stores = await openStores(dataDir);
  const app = await buildApp({ config, ...stores });
  try {
    const credentials = JSON.parse(fs.readFileSync(firstRunFile(dataDir), 'utf8')) as FirstRunCredentials;
    const headers = { 'x-portkey-api-key': credentials.admin_api_key };
    const now = Date.now();
    const range = `time_of_generation_min=${new Date(now - 30 * 86_400_000).toISOString()}&time_of_generation_max=${new Date(now).toISOString()}`;
    console.log(`\nMedian of ${runs} runs (after one warm-up), last 30 days:`);
    console.log(`${'endpoint'.padEnd(40)} ${'median'.padStart(9)}  budget`);
    let over = 0;
    const only = textArg('only');
    for (const e of endpoints().filter((e) => !only || e.name.includes(only))) {
      const url = `${e.url}${e.url.includes('?') ? '&' : '?'}${range}`;
      const times: number[] = [];
      for (let i = 0; i <= runs; i++) {
        const t = performance.now();
        const res = await app.inject({ method: 'GET', url, headers });
        const ms = performance.now() - t;
        if (res.statusCode !== 200) throw new Error(`${e.name}: ${res.statusCode} ${res.body}`);
        if (i > 0) times.push(ms);
      }
      const m = median(times);
      if (m > e.budgetMs) over += 1;
      console.log(
        `${e.name.padEnd(40)} ${`${m.toFixed(0)} ms`.padStart(9)}  ${m > e.budgetMs ? `OVER ${e.budgetMs} ms` : `< ${e.budgetMs} ms`}`,
      );
    }
    console.log(over ? `\n${over} endpoint(s) over budget` : '\nEvery endpoint within budget');
  } finally {
    await app.close();
    stores.close();
    if (!reuse && !process.argv.includes('--keep')) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
