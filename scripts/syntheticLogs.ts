// Synthetic gateway traffic for `npm run gen-logs` and `npm run bench:analytics`: requests spread
// over a time window, oldest first as a gateway writes them, across hosted and self-hosted
// providers and models with their list prices, several API keys, end users (`_user`), teams and
// environments, cache hits, retries, fallbacks, rate limits and upstream errors. Seeded, so two
// runs with the same seed write the same traffic.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { LogEvent } from '../server/logs/events.ts';
import type { Sqlite } from '../server/db/sqlite.ts';
import type { Services } from '../server/services.ts';

/** mulberry32: small, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Model {
  org: string;
  provider: string;
  model: string;
  /** Cents per 1,000 input / output tokens (0 for self-hosted). */
  input: number;
  output: number;
  /** Typical ms before the first token, and per generated token. */
  base: number;
  perToken: number;
  weight: number;
}

const MODELS: Model[] = [
  { org: 'openai', provider: 'openai-prod', model: 'gpt-4o', input: 0.25, output: 1, base: 450, perToken: 12, weight: 20 },
  { org: 'openai', provider: 'openai-prod', model: 'gpt-4o-mini', input: 0.015, output: 0.06, base: 300, perToken: 8, weight: 25 },
  { org: 'azure-openai', provider: 'azure-eu', model: 'gpt-4o', input: 0.25, output: 1, base: 500, perToken: 13, weight: 8 },
  {
    org: 'anthropic',
    provider: 'anthropic-prod',
    model: 'claude-sonnet-4-5',
    input: 0.3,
    output: 1.5,
    base: 700,
    perToken: 15,
    weight: 12,
  },
  { org: 'anthropic', provider: 'anthropic-prod', model: 'claude-haiku-4-5', input: 0.1, output: 0.5, base: 350, perToken: 7, weight: 8 },
  {
    org: 'bedrock',
    provider: 'bedrock-us',
    model: 'anthropic.claude-3-5-haiku',
    input: 0.08,
    output: 0.4,
    base: 600,
    perToken: 9,
    weight: 5,
  },
  {
    org: 'vllm',
    provider: 'vllm-lan',
    model: 'meta-llama/Llama-3.1-70B-Instruct',
    input: 0,
    output: 0,
    base: 250,
    perToken: 25,
    weight: 10,
  },
  { org: 'ollama', provider: 'ollama-gpu1', model: 'qwen2.5:14b', input: 0, output: 0, base: 150, perToken: 20, weight: 7 },
  { org: 'openai', provider: 'openai-prod', model: 'text-embedding-3-small', input: 0.002, output: 0, base: 80, perToken: 0, weight: 5 },
];

/** Status of a failed request, with its share of all requests. */
const FAILURES: [number, number, string][] = [
  [429, 0.02, 'Rate limit reached for requests'],
  [500, 0.006, 'The server had an error while processing your request'],
  [502, 0.004, 'Bad gateway'],
  [400, 0.006, 'Invalid request: messages must not be empty'],
  [401, 0.002, 'Incorrect API key provided'],
  [504, 0.002, 'The upstream did not answer within the timeout'],
];

const TEAMS = ['search', 'support', 'ads', 'research', 'platform', 'finance'];
const FEATURES = ['chat', 'summarise', 'classify', 'extract', 'translate', 'autocomplete'];

export interface TrafficScope {
  organisationId: string;
  workspaceId: string;
  workspaceSlug: string;
  /** Keys the requests are made with (a user id for workspace user keys). */
  keys: { id: string; userId: string | null }[];
}

export interface TrafficOptions {
  rows: number;
  /** Window end (ms) and length. */
  endMs: number;
  days: number;
  seed?: number;
  /** Keep short request and response bodies (full logging mode); metrics-only otherwise. */
  bodies?: boolean;
  /** Distinct `_user` values. */
  endUsers?: number;
}

function pickWeighted<T extends { weight: number }>(items: T[], r: number): T {
  const total = items.reduce((s, i) => s + i.weight, 0);
  let x = r * total;
  for (const item of items) {
    x -= item.weight;
    if (x <= 0) return item;
  }
  return items[items.length - 1]!;
}

/** A lognormal-ish positive integer around `median`. */
function around(median: number, spread: number, rnd: () => number): number {
  const gaussian = (rnd() + rnd() + rnd() + rnd() - 2) * 1.7;
  return Math.max(1, Math.round(median * Math.exp(gaussian * spread)));
}

const hex = (rnd: () => number, n: number) => {
  let s = '';
  for (let i = 0; i < n; i++) s += ((rnd() * 16) | 0).toString(16);
  return s;
};

/** A UUID-shaped id from the seeded generator (crypto ids would make runs differ). */
const uuid = (rnd: () => number) => `${hex(rnd, 8)}-${hex(rnd, 4)}-4${hex(rnd, 3)}-a${hex(rnd, 3)}-${hex(rnd, 12)}`;

/** The traffic, oldest first, one event at a time (10 million rows never sit in memory at once). */
export function* syntheticTraffic(scope: TrafficScope, options: TrafficOptions): Generator<LogEvent> {
  const rnd = seededRandom(options.seed ?? 42);
  const span = options.days * 86_400_000;
  const start = options.endMs - span;
  const endUsers = options.endUsers ?? 2000;
  const step = span / Math.max(1, options.rows);
  for (let i = 0; i < options.rows; i++) {
    const createdAt = Math.floor(start + (i + rnd()) * step);
    const m = pickWeighted(MODELS, rnd());
    const key = scope.keys[Math.floor(rnd() * rnd() * scope.keys.length)]!;
    const embedding = m.model.startsWith('text-embedding');
    const stream = !embedding && rnd() < 0.4;

    let status = 200;
    let error: string | null = null;
    let x = rnd();
    for (const [code, share, message] of FAILURES) {
      if (x < share) {
        status = code;
        error = message;
        break;
      }
      x -= share;
    }
    const ok = status === 200;

    const cached = !embedding && rnd() < 0.15;
    const c = rnd();
    const cacheStatus = !cached ? 'DISABLED' : !ok ? 'MISS' : c < 0.6 ? 'MISS' : c < 0.9 ? 'HIT' : 'SEMANTIC HIT';
    const hit = cacheStatus === 'HIT' || cacheStatus === 'SEMANTIC HIT';
    const fallbackConfig = rnd() < 0.12;
    const retried = ok && rnd() < 0.04 ? 1 + Math.floor(rnd() * 3) : status === 429 && rnd() < 0.5 ? -1 : 0;
    const fellBack = fallbackConfig && ok && rnd() < 0.08;

    const input = around(embedding ? 120 : 900, 0.8, rnd);
    const output = embedding || !ok ? 0 : around(260, 0.7, rnd);
    const cost = ok && !hit ? (input * m.input + output * m.output) / 1000 : 0;
    const latency = hit
      ? around(25, 0.4, rnd)
      : ok
        ? Math.round(around(m.base, 0.35, rnd) + output * m.perToken * (0.6 + rnd() * 0.8))
        : around(m.base / 2, 0.6, rnd);
    const ttfb = stream && ok ? Math.min(latency, around(m.base, 0.3, rnd)) : latency;

    const user = `user-${Math.floor(Math.pow(rnd(), 2.2) * endUsers) + 1}`;
    const metadata: Record<string, string> = {
      _user: user,
      team: TEAMS[Math.floor(Math.pow(rnd(), 1.5) * TEAMS.length)]!,
      env: rnd() < 0.85 ? 'production' : 'staging',
    };
    if (rnd() < 0.6) metadata.feature = FEATURES[Math.floor(rnd() * FEATURES.length)]!;
    const traceId = uuid(rnd);

    yield {
      id: uuid(rnd),
      created_at: createdAt,
      organisation_id: scope.organisationId,
      workspace_id: scope.workspaceId,
      workspace_slug: scope.workspaceSlug,
      user_id: key.userId,
      api_key_id: key.id,
      prompt_id: null,
      prompt_version_id: null,
      prompt_slug: rnd() < 0.1 ? `pp-${FEATURES[Math.floor(rnd() * 3)]}` : null,
      config_id: null,
      config: fallbackConfig ? 'pc-fallback-main' : null,
      config_version_id: null,
      virtual_key: m.provider,
      ai_org: m.org,
      ai_model: m.model,
      request_model: `@${m.provider}/${m.model}`,
      is_success: ok,
      req_units: input,
      res_units: output,
      total_units: input + output,
      cache_read_units: 0,
      cache_write_units: 0,
      reasoning_units: 0,
      cost,
      cost_currency: 'USD',
      is_priced: m.input > 0,
      request_url: embedding ? '/v1/embeddings' : '/v1/chat/completions',
      request_method: 'POST',
      endpoint: embedding ? 'embed' : 'chatComplete',
      response_status_code: status,
      response_time: latency,
      upstream_response_time: hit ? null : Math.max(0, latency - 3),
      ttfb,
      ttlt: latency,
      is_proxy_call: false,
      cache_status: cacheStatus,
      cache_type: cached ? (cacheStatus === 'SEMANTIC HIT' ? 'semantic' : 'simple') : null,
      stream_mode: stream,
      retry_success_count: retried,
      trace_id: traceId,
      span_id: null,
      parent_span_id: null,
      span_name: null,
      mode: fallbackConfig ? 'fallback' : 'single',
      source: null,
      runtime: 'node',
      runtime_version: '20.18.0',
      sdk_version: rnd() < 0.5 ? 'portkey-ai@3.1.0' : 'openai@6.8.1',
      internal_trace_id: traceId,
      last_used_option_index: fallbackConfig ? `config.targets[${fellBack ? 1 : 0}]` : 'config',
      metadata,
      request_parsing_time: 0.2,
      pre_processing_time: 0.5,
      queue_time: null,
      cache_processing_time: cached ? 0.8 : null,
      response_parsing_time: 0.3,
      gateway_processing_time: 1.2,
      error_message: error,
      log_store_file_path_format: null,
      gateway_version: 'synthetic',
      hook_results: null,
      guardrails_passed: null,
      guardrails_failed: null,
      bodies: options.bodies
        ? {
            request: embedding
              ? { model: m.model, input: 'A short passage to embed.' }
              : { model: m.model, stream, messages: [{ role: 'user', content: `Please ${metadata.feature ?? 'help with'} this (${i}).` }] },
            response: ok
              ? {
                  id: `chatcmpl-${i}`,
                  object: 'chat.completion',
                  model: m.model,
                  usage: { prompt_tokens: input, completion_tokens: output },
                }
              : { error: { message: error, code: status } },
          }
        : null,
    };
  }
}

export interface WriteProgress {
  written: number;
  /** Wall time of the whole run, generating the events included. */
  elapsedMs: number;
  /** Time spent in the writer only: write() calls (journal, queue) and waiting for DuckDB. */
  writerMs: number;
}

/**
 * Writes events through a LogWriter the way the gateway does (one write() per request, journal
 * first), yielding to the event loop so its batches flush, and waits until DuckDB holds them all.
 * Events are made a block at a time and that time is left out of `writerMs`; DuckDB's commits run
 * on its own thread meanwhile, as they would while a gateway serves requests, and whatever backlog
 * is left is waited for (and counted) at the end.
 */
export async function writeAll(
  writer: { write(e: LogEvent): void; flush(): Promise<void>; readonly pending: number },
  events: Iterable<LogEvent>,
  onProgress?: (p: WriteProgress) => void,
  blockSize = 50_000,
): Promise<WriteProgress> {
  const started = performance.now();
  let generatingMs = 0;
  let written = 0;
  let reported = 0;
  const iterator = events[Symbol.iterator]();
  for (;;) {
    const g = performance.now();
    const block: LogEvent[] = [];
    while (block.length < blockSize) {
      const next = iterator.next();
      if (next.done) break;
      block.push(next.value);
    }
    generatingMs += performance.now() - g;
    if (block.length === 0) break;
    for (let i = 0; i < block.length; i++) {
      writer.write(block[i]!);
      if (i % 1000 === 999) {
        // Bounded memory: should DuckDB fall behind, wait for it (counted) rather than queue without end.
        if (writer.pending > 200_000) await writer.flush();
        else await new Promise((resolve) => setImmediate(resolve));
      }
    }
    written += block.length;
    if (onProgress && written - reported >= 500_000) {
      reported = written;
      const elapsedMs = performance.now() - started;
      onProgress({ written, elapsedMs, writerMs: elapsedMs - generatingMs });
    }
  }
  await writer.flush();
  const elapsedMs = performance.now() - started;
  return { written, elapsedMs, writerMs: elapsedMs - generatingMs };
}

/** The default workspace of a bootstrapped data directory and the keys its traffic is made with. */
export function trafficScope(services: Services, db: Sqlite): TrafficScope {
  const org = services.repos.organisation.get()!;
  const ws = services.repos.workspaces.defaultWorkspace(org.id)!;
  const real = db
    .prepare<[string], { id: string; user_id: string | null }>(
      'SELECT id, user_id FROM api_keys WHERE workspace_id = ? ORDER BY created_at',
    )
    .all(ws.id);
  // The bootstrap key carries most traffic; a few more services' keys the rest.
  const keys = [
    ...real.map((k) => ({ id: k.id, userId: k.user_id })),
    ...['search-api', 'support-bot', 'batch-jobs'].map((n) => ({ id: `synthetic-key-${n}`, userId: null })),
  ];
  return { organisationId: org.id, workspaceId: ws.id, workspaceSlug: ws.slug, keys };
}

/**
 * Feedback on a share of the requests (spec §2.16), a few minutes after each: values lean
 * positive, weights are 1 or a fraction; requests rated before are left alone. Written with SQL
 * over the stored requests, since the feedback API takes one trace at a time; the rows are what
 * POST /v1/feedback stores.
 */
export async function addSyntheticFeedback(conn: DuckDBConnection, share: number, seed = 42): Promise<number> {
  await conn.run(`SELECT setseed(${(seed % 1000) / 1000})`);
  const result = await conn.run(
    `INSERT INTO feedback (id, created_at, last_updated_at, organisation_id, workspace_id, api_key_id, user_id, trace_id, value, weight, metadata, trace_key)
     SELECT uuid()::VARCHAR, created_at + INTERVAL 3 MINUTE, created_at + INTERVAL 3 MINUTE, organisation_id, workspace_id, api_key_id,
            user_id, trace_id, least(10, greatest(-10, round(random() * 16 - 5)))::SMALLINT,
            CASE WHEN random() < 0.7 THEN 1 ELSE round(random(), 1) END, NULL, trace_key
       FROM request_logs WHERE is_success AND random() < $1 AND trace_id NOT IN (SELECT trace_id FROM feedback)`,
    [share],
  );
  return Number(result.rowsChanged);
}
