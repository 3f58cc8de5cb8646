// Fills a data directory with synthetic request logs for trying out and measuring analytics:
//
//   APPLIANCE_DATA_DIR=/tmp/demo npm run gen-logs -- --rows 1000000 [--days 30] [--seed 42] [--bodies]
//
// A new directory is bootstrapped first, exactly as the first start of the appliance does (the
// credentials land in first-run-credentials.json). The requests go to the default workspace, spread
// over the last `--days` days, through the real LogWriter (journal, then batched DuckDB appends).
// The appliance must not be running on the same directory (DuckDB allows one process).
import path from 'node:path';
import { loadConfig } from '../server/env.ts';
import { openStores } from '../server/stores.ts';
import { createServices } from '../server/services.ts';
import { bootstrap, firstRunFile } from '../server/control-plane/bootstrap.ts';
import { LogWriter } from '../server/logs/writer.ts';
import { addSyntheticFeedback, syntheticTraffic, trafficScope, writeAll } from './syntheticLogs.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i === -1 ? undefined : Number(process.argv[i + 1]);
  if (v === undefined) return fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} must be a whole number above 0`);
  return v;
}

async function main() {
  const rows = arg('rows', 100_000);
  const days = arg('days', 30);
  const seed = arg('seed', 42);
  const config = loadConfig(process.env);
  const stores = await openStores(config.dataDir);
  try {
    const services = createServices({ config, ...stores });
    if (bootstrap({ ...services, db: stores.db, config }))
      console.log(`Bootstrapped ${config.dataDir}; credentials in ${firstRunFile(config.dataDir)}`);
    const writer = new LogWriter(stores.logs, { journalDir: path.join(config.dataDir, 'log-journal') });
    await writer.open();
    const events = syntheticTraffic(trafficScope(services, stores.db), {
      rows,
      days,
      seed,
      endMs: Date.now(),
      bodies: process.argv.includes('--bodies'),
    });
    const done = await writeAll(writer, events, (p) => console.log(`  ${p.written.toLocaleString('en')} rows`));
    await writer.close();
    const feedback = await addSyntheticFeedback(stores.logs.writer, 0.02, seed);
    console.log(`Added feedback on ${feedback.toLocaleString('en')} requests`);
    await stores.logs.writer.run('CHECKPOINT');
    const rate = (ms: number) => Math.round(done.written / (ms / 1000)).toLocaleString('en');
    console.log(
      `Wrote ${done.written.toLocaleString('en')} requests over ${days} days to ${config.dataDir} in ${(done.elapsedMs / 1000).toFixed(1)} s ` +
        `(${rate(done.elapsedMs)} rows/s; the LogWriter alone ${rate(done.writerMs)} rows/s)`,
    );
  } finally {
    stores.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
