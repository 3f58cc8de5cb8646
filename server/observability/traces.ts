// OTLP/HTTP export of gateway traces to the collector an admin configures (OTEL_EXPORTER_OTLP_*):
// one server span per gateway request and a client span per upstream attempt, built after the
// request from its log event and timings, batched and sent by the OpenTelemetry SDK and exporter
// through the egress check. The span's trace id is the request's x-portkey-trace-id when that is a
// UUID, so a trace found in the logs is the same trace in the tracing tool.
import http from 'node:http';
import https from 'node:https';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, trace, type Attributes } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  RandomIdGenerator,
  SamplingDecision,
  TraceIdRatioBasedSampler,
  TracerProvider,
  type IdGenerator,
  type Sampler,
} from '@opentelemetry/sdk-trace';
import type { TracingConfig } from '../env.ts';
import { guardedNodeAgent } from '../security/egress/clients.ts';
import { SELF_CHECK, type EgressGuard } from '../security/egress/guard.ts';
import { VERSION } from '../version.ts';

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

/** Uses the request's trace id for the span about to start, when it can be one; random otherwise. */
class RequestTraceIds implements IdGenerator {
  readonly random = new RandomIdGenerator();
  next: string | null = null;
  generateTraceId(): string {
    const id = this.next;
    this.next = null;
    return id ?? this.random.generateTraceId();
  }
  generateSpanId(): string {
    return this.random.generateSpanId();
  }
}

const HEX32 = /^[0-9a-f]{32}$/;

function otelTraceId(traceId: string): string | null {
  const hex = traceId.replace(/-/g, '').toLowerCase();
  return HEX32.test(hex) && !/^0+$/.test(hex) ? hex : null;
}

export function gatewayTraces(config: TracingConfig, guard: EgressGuard) {
  const requester = { feature: 'otlp_export' };
  const agents = {
    http: guardedNodeAgent(guard, requester, false, { keepAlive: true }),
    https: guardedNodeAgent(guard, requester, true, { keepAlive: true }),
  };
  const exporter = new OTLPTraceExporter({
    url: config.endpoint,
    headers: config.headers,
    timeoutMillis: 10_000,
    httpAgentOptions: (protocol) => (protocol === 'https:' ? agents.https : agents.http),
  });
  const ids = new RequestTraceIds();
  // OTEL_TRACES_SAMPLER: the SDK's own samplers. A request that is not sampled costs one check here,
  // before its span's attributes are built (a span per request is about 70 µs of CPU at full rate).
  const sampler: Sampler =
    config.sampleRatio >= 1
      ? new AlwaysOnSampler()
      : config.sampleRatio <= 0
        ? new AlwaysOffSampler()
        : new TraceIdRatioBasedSampler(config.sampleRatio);
  const sampleAll = config.sampleRatio >= 1;
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName, 'service.version': VERSION }),
    idGenerator: ids,
    sampler,
    spanProcessors: [new BatchSpanProcessor({ exporter, maxQueueSize: 4096, maxExportBatchSize: 512, scheduledDelayMillis: 1000 })],
  });
  const tracer = provider.getTracer('airgap-ai-gateway', VERSION);
  guard.registerClient({
    name: 'OTLP trace exporter (Node http/https)',
    purpose: `Spans of gateway requests to the collector ${config.endpoint}`,
    // Through an agent built as the exporter's are, asking as the self-check (whose refusals are not recorded).
    probe: (url) =>
      new Promise((resolve, reject) => {
        const secure = new URL(url).protocol === 'https:';
        const agent = guardedNodeAgent(guard, { feature: SELF_CHECK }, secure);
        const req = (secure ? https : http).get(url, { agent, timeout: 5000 }, resolve);
        req.on('error', reject);
      }),
  });

  return {
    /** One finished gateway request: its span and its attempts' spans, queued for export. */
    observe(e: TracedEvent, req: TracedRequest): void {
      const traceId = otelTraceId(e.trace_id) ?? ids.random.generateTraceId();
      if (
        !sampleAll &&
        sampler.shouldSample(ROOT_CONTEXT, traceId, '', SpanKind.SERVER, {}, []).decision !== SamplingDecision.RECORD_AND_SAMPLED
      ) {
        return;
      }
      const end = req.timings.lastByte ?? performance.now();
      const attributes: Attributes = {
        'http.request.method': req.method,
        'url.path': `/v1${req.path}`,
        'http.response.status_code': e.response_status_code,
        'gen_ai.system': e.ai_org ?? 'none',
        'gen_ai.request.model': e.request_model ?? '',
        'gen_ai.response.model': e.ai_model ?? '',
        'gen_ai.usage.input_tokens': e.req_units,
        'gen_ai.usage.output_tokens': e.res_units,
        'portkey.trace_id': e.trace_id,
        'portkey.log_id': e.id,
        'portkey.workspace': e.workspace_slug ?? '',
        'portkey.provider': e.virtual_key ? `@${e.virtual_key}` : (e.ai_org ?? ''),
        'portkey.cost_cents': e.cost,
        'portkey.cache_status': e.cache_status,
        'portkey.stream': e.stream_mode,
      };
      if (e.config) attributes['portkey.config'] = e.config;
      ids.next = traceId;
      const span = tracer.startSpan(`${req.method} /v1${req.path}`, {
        kind: SpanKind.SERVER,
        startTime: req.started,
        attributes,
        root: true,
      });
      ids.next = null;
      if (e.response_status_code >= 500 || (e.error_message !== null && e.response_status_code >= 400)) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: e.error_message ?? `status ${e.response_status_code}` });
      }
      const attempts = req.attempts ?? [];
      if (attempts.length > 0) {
        const parent = trace.setSpan(context.active(), span);
        attempts.forEach((a, i) => {
          const last = i === attempts.length - 1;
          const child = tracer.startSpan(
            `upstream ${a.provider}`,
            {
              kind: SpanKind.CLIENT,
              startTime: a.start,
              attributes: {
                'server.address': a.origin,
                'portkey.attempt': i + 1,
                ...(a.status !== undefined ? { 'http.response.status_code': a.status } : {}),
              },
            },
            parent,
          );
          if (a.error !== undefined) child.setStatus({ code: SpanStatusCode.ERROR, message: a.error });
          else if (a.status !== undefined && a.status >= 500) child.setStatus({ code: SpanStatusCode.ERROR });
          child.end(a.end ?? (last ? (req.timings.upstreamDone ?? end) : (a.headers ?? a.start)));
        });
      }
      span.end(end);
    },
    /** Sends what is queued now (tests, shutdown). */
    flush: () => provider.forceFlush(),
    async close(): Promise<void> {
      await provider.shutdown().catch(() => undefined);
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

export type GatewayTraces = ReturnType<typeof gatewayTraces>;
