// Measures the response cache (server/gateway/cache): set and get ops/s over 100k entries of about
// 1 KB, one transaction per set as on the request path; the cost of writing last_access on every
// hit against the default once-a-minute; sets under a full cap (one eviction each); and semantic
// lookups by partition size.
//
//   node --import tsx scripts/bench-cache.ts [--entries 100000] [--dims 1536]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cacheKey } from '../server/gateway/cache/key.ts';
import { MAX_SCAN_FLOATS, SemanticCache } from '../server/gateway/cache/semantic.ts';
import { ResponseCache, type CachedResponse } from '../server/gateway/cache/store.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i === -1 ? undefined : Number(process.argv[i + 1]);
  return v !== undefined && Number.isFinite(v) && v > 0 ? v : fallback;
}

const N = arg('entries', 100_000);
const DIMS = arg('dims', 1536);
const NOW = Date.now();

function response(i: number): CachedResponse {
  const body = JSON.stringify({
    id: `chatcmpl-${i}`,
    object: 'chat.completion',
    created: 1741570283,
    model: 'gpt-4o-mini',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: `Answer ${i}: ${'lorem ipsum dolor sit amet '.repeat(30)}` },
        finish_reason: 'stop',
      },
    ],
    usage: { prompt_tokens: 20, completion_tokens: 200, total_tokens: 220 },
  });
  return {
    status: 200,
    headers: { 'content-type': 'application/json', 'x-request-id': `req_${i}` },
    body,
    provider: 'openai',
    model: 'gpt-4o-mini',
  };
}

function time(label: string, ops: number, fn: () => void): void {
  const t0 = process.hrtime.bigint();
  fn();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const rate = (ops / ms) * 1000;
  console.log(
    `${label.padEnd(48)} ${Math.round(rate).toLocaleString('en').padStart(10)} ops/s   ${((ms * 1000) / ops).toFixed(1).padStart(7)} µs/op`,
  );
}

function shuffled(n: number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j] as number, a[i] as number];
  }
  return a;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cache-'));
try {
  const file = path.join(dir, 'cache.db');
  const keys = Array.from({ length: N }, (_, i) =>
    cacheKey({
      workspaceId: 'ws',
      provider: 'openai',
      upstream: 'https://api.openai.com/v1',
      endpoint: '/chat/completions',
      body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: `question ${i}` }] },
    }),
  );
  const responses = Array.from({ length: N }, (_, i) => response(i));
  console.log(
    `${N.toLocaleString('en')} entries, body ${responses[0]?.body.length} bytes, node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}\n`,
  );

  time('cacheKey (normalise + SHA-256)', N, () => {
    for (let i = 0; i < N; i++)
      cacheKey({
        workspaceId: 'ws',
        provider: 'openai',
        upstream: 'https://api.openai.com/v1',
        endpoint: '/chat/completions',
        body: { model: 'gpt-4o-mini', temperature: 0, messages: [{ role: 'user', content: `question ${i}` }] },
      });
  });

  let cache = ResponseCache.open(file, { maxBytes: 10 * 1024 ** 3 });
  time('set (new key, own transaction)', N, () => {
    for (let i = 0; i < N; i++) cache.set(keys[i] as string, responses[i] as CachedResponse, 3600, NOW);
  });
  const order = shuffled(N);
  time('get hit, random key (last_access once a minute)', N, () => {
    for (const i of order) if (!cache.get(keys[i] as string, NOW + 1_000)) throw new Error('miss');
  });
  time('get miss', N, () => {
    for (let i = 0; i < N; i++) cache.get(`missing-${i}`, NOW);
  });
  cache.close();

  cache = ResponseCache.open(file, { maxBytes: 10 * 1024 ** 3, accessResolutionMs: 0 });
  time('get hit, random key (last_access on every hit)', N, () => {
    let t = NOW + 2_000;
    for (const i of order) if (!cache.get(keys[i] as string, t++)) throw new Error('miss');
  });
  const stats = cache.stats();
  cache.close();
  const fileMb = (fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0)) / 1024 ** 2;
  console.log(
    `${''.padEnd(48)} (${stats.entries.toLocaleString('en')} entries, ${(stats.bytes / 1024 ** 2).toFixed(1)} MB counted, ${fileMb.toFixed(1)} MB on disk)`,
  );

  cache = ResponseCache.open(file, { maxBytes: stats.bytes / 2 });
  const evicted = cache.stats();
  time('set over a full cap (evicts the LRU entry)', N / 2, () => {
    for (let i = 0; i < N / 2; i++) cache.set(`new-${i}`, responses[i] as CachedResponse, 3600, NOW + 10_000 + i);
  });
  console.log(
    `${''.padEnd(48)} (reopen at half the cap kept ${evicted.entries.toLocaleString('en')} entries; evictions since: ${cache.stats().evictions.toLocaleString('en')})`,
  );
  cache.close();

  const defaultScan = Math.floor(MAX_SCAN_FLOATS / DIMS);
  console.log(`\nsemantic find, ${DIMS} dims, one partition (default cap: ${defaultScan} vectors):`);
  const semFile = path.join(dir, 'semantic.db');
  const semCache = ResponseCache.open(semFile, { maxBytes: 10 * 1024 ** 3 });
  const rnd = () => Array.from({ length: DIMS }, () => Math.random() - 0.5);
  let stored = 0;
  for (const size of [100, defaultScan, 2_000, 5_000]) {
    for (; stored < size; stored++) {
      semCache.set(`s${stored}`, responses[stored % N] as CachedResponse, 3600, NOW);
      new SemanticCache(semCache).add('p', rnd(), `s${stored}`, NOW);
    }
    const semantic = new SemanticCache(semCache, { maxScan: size });
    const query = rnd();
    semantic.find('p', query, 0.95, NOW); // warm the JIT and the page cache
    const ms: number[] = [];
    for (let r = 0; r < 30; r++) {
      const t0 = performance.now();
      semantic.find('p', query, 0.95, NOW);
      ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    const pct = (p: number) => (ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] as number).toFixed(2);
    console.log(
      `  find over ${size.toLocaleString('en').padEnd(6)} vectors   median ${pct(0.5).padStart(7)} ms   p90 ${pct(0.9).padStart(7)} ms   (${((Number(pct(0.5)) * 1000) / size).toFixed(1)} µs/vector)`,
    );
  }
  semCache.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
