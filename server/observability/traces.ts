// OTLP/HTTP export of gateway traces to the collector an admin configures (OTEL_EXPORTER_OTLP_*):
// one server span per gateway request and a client span per upstream attempt. The request path
// only decides sampling and posts a few plain values to a worker thread (traceWorker.ts), where the
// OpenTelemetry SDK builds, batches and exports the spans; the worker's connections are put to the
// egress check here. The span's trace id is the request's x-portkey-trace-id when that is a UUID,
// so a trace found in the logs is the same trace in the tracing tool.
import type { Worker } from 'node:worker_threads';
import { ROOT_CONTEXT, SpanKind } from '@opentelemetry/api';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  RandomIdGenerator,
  SamplingDecision,
  TraceIdRatioBasedSampler,
  type Sampler,
} from '@opentelemetry/sdk-trace';
import type { TracingConfig } from '../env.ts';
import { SELF_CHECK, type EgressGuard, type EgressRequester } from '../security/egress/guard.ts';
import { VERSION } from '../version.ts';
import { moduleWorker } from './moduleWorker.ts';
import { packRecord, spansIn, type PackedRecord } from './traceSpans.ts';
import type { FromTraceWorker, ToTraceWorker, TraceWorkerData, WorkerError } from './traceWorkerProtocol.ts';

/** One upstream attempt's clock readings (performance.now()), as the gateway records them. */
export interface AttemptTiming {
  provider: string;
  /** The upstream's origin (no path, no credentials). */
  origin: string;
  start: number;
  headers?: number;
  end?: number;
  status?: number;
  error?: string;
}

/** What a span needs besides the log event: the request's start and its attempts. */
export interface TracedRequest {
  started: number;
  path: string;
  method: string;
  attempts?: AttemptTiming[];
  timings: { lastByte?: number; upstreamDone?: number };
}

/** The log event fields spans read (logs/events.ts LogEvent has them). */
export interface TracedEvent {
  id: string;
  trace_id: string;
  workspace_slug: string | null;
  ai_org: string | null;
  virtual_key: string | null;
  ai_model: string | null;
  request_model: string | null;
  response_status_code: number;
  req_units: number;
  res_units: number;
  cost: number;
  cache_status: string;
  stream_mode: boolean;
  error_message: string | null;
  config: string | null;
}

const HEX32 = /^[0-9a-f]{32}$/;

function otelTraceId(traceId: string): string | null {
  const hex = traceId.replace(/-/g, '').toLowerCase();
  return HEX32.test(hex) && !/^0+$/.test(hex) ? hex : null;
}

/** Records posted to the worker at once, and the longest a record waits for its batch. */
const BATCH = 128;
const POST_EVERY_MS = 200;
/** After the worker died, records are dropped for this long before another is started. */
const RESTART_AFTER_MS = 10_000;
const WARN_EVERY_MS = 60_000;

/** Counts of spans, for /metrics. */
export interface TraceFigures {
  exported: number;
  failed: number;
  dropped: number;
}

interface TraceLog {
  warn(details: object, message: string): void;
}

const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './traceWorker.ts' : './traceWorker.js', import.meta.url);

export function gatewayTraces(config: TracingConfig, guard: EgressGuard, log: TraceLog = { warn() {} }) {
  const exporting: EgressRequester = { feature: 'otlp_export' };
  const probing: EgressRequester = { feature: SELF_CHECK };
  const data: TraceWorkerData = { endpoint: config.endpoint, headers: config.headers, serviceName: config.serviceName, version: VERSION };
  const randomIds = new RandomIdGenerator();
  // OTEL_TRACES_SAMPLER: the SDK's own samplers. A request that is not sampled costs one check here,
  // before anything else is built.
  const sampler: Sampler =
    config.sampleRatio >= 1
      ? new AlwaysOnSampler()
      : config.sampleRatio <= 0
        ? new AlwaysOffSampler()
        : new TraceIdRatioBasedSampler(config.sampleRatio);
  const sampleAll = config.sampleRatio >= 1;

  let worker: Worker | null = null;
  let restartAt = 0;
  let pending: PackedRecord[] = [];
  let timer: NodeJS.Timeout | null = null;
  let asked = 0;
  const waiting = new Map<number, (answer: FromTraceWorker | null) => void>();
  let warnedAt = 0;
  let closed = false;
  /** Spans sent to the collector, refused by it (or not delivered), and dropped while it could not keep up. */
  const figures: TraceFigures = { exported: 0, failed: 0, dropped: 0 };

  function start(): Worker | null {
    if (closed || Date.now() < restartAt) return null;
    const w = moduleWorker(WORKER_URL, data);
    w.unref();
    w.on('message', (m: FromTraceWorker) => answer(w, m));
    w.on('error', (err) => log.warn({ err }, 'trace export: the worker failed'));
    w.on('exit', () => {
      if (worker !== w) return;
      worker = null;
      if (!closed) restartAt = Date.now() + RESTART_AFTER_MS;
      for (const resolve of waiting.values()) resolve(null);
      waiting.clear();
    });
    return w;
  }

  function answer(w: Worker, m: FromTraceWorker): void {
    switch (m.type) {
      case 'connect': {
        let refused: WorkerError | null = null;
        try {
          guard.checkConnection(m.host, m.port, m.feature === 'probe' ? probing : exporting);
        } catch (err) {
          refused = { message: (err as Error).message, code: (err as { code?: string }).code };
        }
        w.postMessage({ type: 'connect-answer', id: m.id, refused } satisfies ToTraceWorker);
        return;
      }
      case 'exported':
        if (m.ok) {
          figures.exported += m.spans;
          return;
        }
        figures.failed += m.spans;
        if (Date.now() - warnedAt >= WARN_EVERY_MS) {
          warnedAt = Date.now();
          log.warn(
            { collector: config.endpoint, spans: m.spans, reason: m.reason },
            'trace export: the collector did not take a batch of spans',
          );
        }
        return;
      case 'dropped':
        figures.dropped += m.spans;
        return;
      default: {
        const resolve = waiting.get(m.id);
        waiting.delete(m.id);
        resolve?.(m);
      }
    }
  }

  function post(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending.length === 0) return;
    const records = pending;
    pending = [];
    worker ??= start();
    if (worker) worker.postMessage({ type: 'records', records } satisfies ToTraceWorker);
    else figures.dropped += records.reduce((n, r) => n + spansIn(r), 0);
  }

  function request(message: (id: number) => ToTraceWorker, timeoutMs: number): Promise<FromTraceWorker | null> {
    const w = (worker ??= start());
    if (!w) return Promise.resolve(null);
    const id = ++asked;
    return new Promise((resolve) => {
      const timeout = setTimeout(() => {
        waiting.delete(id);
        resolve(null);
      }, timeoutMs).unref();
      waiting.set(id, (m) => {
        clearTimeout(timeout);
        resolve(m);
      });
      w.postMessage(message(id));
    });
  }

  guard.registerClient({
    name: 'OTLP trace exporter (Node http/https, in its worker thread)',
    purpose: `Spans of gateway requests to the collector ${config.endpoint}`,
    // Through an agent of the worker built as the exporter's, asking as the self-check (whose refusals are not recorded).
    probe: async (url) => {
      const reply = await request((id) => ({ type: 'probe', id, url }), 10_000);
      if (reply?.type !== 'probe-answer') throw new Error('the trace export worker did not answer');
      if (reply.error) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
    },
  });

  return {
    /** One finished gateway request: its spans' makings, queued for the worker. */
    observe(e: TracedEvent, req: TracedRequest): void {
      const traceId = otelTraceId(e.trace_id) ?? randomIds.generateTraceId();
      if (
        !sampleAll &&
        sampler.shouldSample(ROOT_CONTEXT, traceId, '', SpanKind.SERVER, {}, []).decision !== SamplingDecision.RECORD_AND_SAMPLED
      ) {
        return;
      }
      // The worker has its own clock origin: times travel as epoch milliseconds.
      const origin = performance.timeOrigin;
      const end = req.timings.lastByte ?? performance.now();
      const attempts = req.attempts ?? [];
      pending.push(
        packRecord({
          traceId,
          method: req.method,
          path: req.path,
          start: origin + req.started,
          end: origin + end,
          status: e.response_status_code,
          errorMessage: e.error_message,
          logId: e.id,
          portkeyTraceId: e.trace_id,
          workspace: e.workspace_slug,
          aiOrg: e.ai_org,
          virtualKey: e.virtual_key,
          requestModel: e.request_model,
          responseModel: e.ai_model,
          inputTokens: e.req_units,
          outputTokens: e.res_units,
          costCents: e.cost,
          cacheStatus: e.cache_status,
          stream: e.stream_mode,
          config: e.config,
          attempts: attempts.map((a, i) => ({
            provider: a.provider,
            origin: a.origin,
            start: origin + a.start,
            end: origin + (a.end ?? (i === attempts.length - 1 ? (req.timings.upstreamDone ?? end) : (a.headers ?? a.start))),
            status: a.status,
            error: a.error,
          })),
        }),
      );
      if (pending.length >= BATCH) post();
      else timer ??= setTimeout(post, POST_EVERY_MS).unref();
    },
    figures: (): Readonly<TraceFigures> => figures,
    /** Sends what is queued now (tests, shutdown). */
    async flush(): Promise<void> {
      post();
      await request((id) => ({ type: 'flush', id }), 15_000);
    },
    async close(): Promise<void> {
      post();
      if (worker) await request((id) => ({ type: 'close', id }), 15_000);
      closed = true;
      const w = worker;
      worker = null;
      await w?.terminate();
    },
  };
}

export type GatewayTraces = ReturnType<typeof gatewayTraces>;
