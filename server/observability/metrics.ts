// Prometheus metrics of the gateway (GET /metrics): requests, errors and latency by provider, model
// and status; tokens and cost; cache results; limit refusals; guardrail verdicts; the request-log
// writer's queue; trace spans exported, failed and dropped; and
// Node's process and event-loop figures. The request path only adds to plain numbers in a map
// (prom-client's own label hashing cost several µs per request); the numbers become prom-client
// metric families when Prometheus scrapes, and prom-client writes the exposition format.
import client, { type Metric } from 'prom-client';
import type { TraceFigures } from './traces.ts';

/** What metrics read from a gateway request's log event (logs/events.ts LogEvent has these fields). */
export interface ObservedRequest {
  ai_org: string | null;
  virtual_key: string | null;
  ai_model: string | null;
  request_model: string | null;
  response_status_code: number;
  /** ms */
  response_time: number;
  /** ms until the upstream's headers; null when no upstream was called. */
  upstream_response_time: number | null;
  req_units: number;
  res_units: number;
  cache_read_units: number;
  /** US cents */
  cost: number;
  cache_status: string;
  /** Ids (slugs) of the guardrails that passed and that failed; null when none ran. */
  guardrails_passed: string[] | null;
  guardrails_failed: string[] | null;
}

/** The request-log writer as metrics see it. */
export interface WriterFigures {
  readonly pending: number;
  /** ms since the oldest row not yet in the log database was journaled; 0 when none waits. */
  readonly lagMs: number;
}

export interface MetricsOptions {
  writer?: WriterFigures;
  /** Read when scraped: null while traces are not exported. */
  spans?: () => Readonly<TraceFigures> | null;
  /** Distinct model names (and guardrail ids) labelled before the rest count as `other` (names come from clients). */
  maxModels?: number;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

interface Histo {
  buckets: Float64Array;
  sum: number;
  count: number;
}

const histo = (): Histo => ({ buckets: new Float64Array(LATENCY_BUCKETS.length), sum: 0, count: 0 });

function observe(h: Histo, seconds: number) {
  h.sum += seconds;
  h.count++;
  // Cumulative buckets are summed when scraped; here the one bucket the value falls in.
  for (let i = 0; i < LATENCY_BUCKETS.length; i++) {
    if (seconds <= LATENCY_BUCKETS[i]!) {
      h.buckets[i]!++;
      return;
    }
  }
}

interface ByStatus {
  provider: string;
  model: string;
  status: string;
  requests: number;
  duration: Histo;
}

interface ByModel {
  provider: string;
  model: string;
  upstream: Histo;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  costUsd: number;
}

type Values = { labels: Record<string, string>; value: number; metricName?: string }[];

/**
 * A metric family whose values are computed when scraped: the shape prom-client's registry reads
 * from its own metrics (`name`, `help`, `type`, `get()`), so it encodes these like its own.
 */
function family(name: string, help: string, type: 'counter' | 'gauge' | 'histogram', values: () => Values): Metric {
  const metric = {
    name,
    help,
    type,
    aggregator: 'sum',
    get: async () => ({ name, help, type, aggregator: 'sum', values: values() }),
    reset() {},
  };
  return metric as unknown as Metric;
}

function histogramValues(name: string, rows: { labels: Record<string, string>; h: Histo }[]): Values {
  const out: Values = [];
  for (const { labels, h } of rows) {
    let cumulative = 0;
    for (let i = 0; i < LATENCY_BUCKETS.length; i++) {
      cumulative += h.buckets[i]!;
      out.push({ metricName: `${name}_bucket`, labels: { ...labels, le: String(LATENCY_BUCKETS[i]) }, value: cumulative });
    }
    out.push({ metricName: `${name}_bucket`, labels: { ...labels, le: '+Inf' }, value: h.count });
    out.push({ metricName: `${name}_sum`, labels, value: h.sum });
    out.push({ metricName: `${name}_count`, labels, value: h.count });
  }
  return out;
}

export function gatewayMetrics(options: MetricsOptions = {}) {
  const maxModels = options.maxModels ?? 500;
  const models = new Set<string>();
  const byStatus = new Map<string, ByStatus>();
  const byModel = new Map<string, ByModel>();
  const cache = new Map<string, { provider: string; model: string; status: string; n: number }>();
  const limits = new Map<string, { provider: string; model: string; status: string; source: string; n: number }>();
  const guardrailIds = new Set<string>();
  const verdicts = new Map<string, { guardrail: string; verdict: 'pass' | 'fail'; n: number }>();

  // Saved guardrails' slugs are few; an inline guardrail's id comes from the client, so ids are capped like models.
  function guardrailLabel(id: string): string {
    if (guardrailIds.has(id)) return id;
    if (guardrailIds.size >= maxModels) return 'other';
    guardrailIds.add(id);
    return id;
  }

  function countVerdicts(ids: string[] | null, verdict: 'pass' | 'fail') {
    if (ids === null) return;
    for (const id of ids) {
      const guardrail = guardrailLabel(id);
      const key = `${guardrail}\u0000${verdict}`;
      const v = verdicts.get(key);
      if (v) v.n++;
      else verdicts.set(key, { guardrail, verdict, n: 1 });
    }
  }

  function modelLabel(model: string | null): string {
    if (model === null || model === '') return 'none';
    if (models.has(model)) return model;
    if (models.size >= maxModels) return 'other';
    models.add(model);
    return model;
  }

  const registry = new client.Registry();
  let defaults = false;

  registry.registerMetric(
    family('airgap_gateway_requests_total', 'Gateway requests answered, by provider, model and HTTP status.', 'counter', () =>
      [...byStatus.values()].map((s) => ({ labels: { provider: s.provider, model: s.model, status: s.status }, value: s.requests })),
    ),
  );
  registry.registerMetric(
    family('airgap_gateway_request_errors_total', 'Gateway requests answered with a status of 400 or more.', 'counter', () =>
      [...byStatus.values()]
        .filter((s) => Number(s.status) >= 400)
        .map((s) => ({ labels: { provider: s.provider, model: s.model, status: s.status }, value: s.requests })),
    ),
  );
  registry.registerMetric(
    family('airgap_gateway_request_duration_seconds', 'Whole gateway request time, by provider, model and status.', 'histogram', () =>
      histogramValues(
        'airgap_gateway_request_duration_seconds',
        [...byStatus.values()].map((s) => ({ labels: { provider: s.provider, model: s.model, status: s.status }, h: s.duration })),
      ),
    ),
  );
  registry.registerMetric(
    family('airgap_gateway_upstream_duration_seconds', 'Time until the upstream answered with its headers.', 'histogram', () =>
      histogramValues(
        'airgap_gateway_upstream_duration_seconds',
        [...byModel.values()]
          .filter((m) => m.upstream.count > 0)
          .map((m) => ({ labels: { provider: m.provider, model: m.model }, h: m.upstream })),
      ),
    ),
  );
  registry.registerMetric(
    family('airgap_gateway_tokens_total', 'Tokens by provider, model and kind (input, output, cache_read).', 'counter', () =>
      [...byModel.values()].flatMap((m) => [
        { labels: { provider: m.provider, model: m.model, kind: 'input' }, value: m.inputTokens },
        { labels: { provider: m.provider, model: m.model, kind: 'output' }, value: m.outputTokens },
        { labels: { provider: m.provider, model: m.model, kind: 'cache_read' }, value: m.cacheReadTokens },
      ]),
    ),
  );
  registry.registerMetric(
    family('airgap_gateway_cost_usd_total', 'Cost of gateway requests in US dollars, from the pricing files.', 'counter', () =>
      [...byModel.values()].map((m) => ({ labels: { provider: m.provider, model: m.model }, value: m.costUsd })),
    ),
  );
  registry.registerMetric(
    family('airgap_gateway_cache_total', 'Requests that used the response cache, by result (HIT, MISS, SEMANTIC HIT…).', 'counter', () =>
      [...cache.values()].map((c) => ({ labels: { provider: c.provider, model: c.model, cache_status: c.status }, value: c.n })),
    ),
  );
  registry.registerMetric(
    family(
      'airgap_gateway_limit_refusals_total',
      'Requests refused for a budget or rate limit (412, 429): source gateway when the appliance refused, upstream when the provider did.',
      'counter',
      () =>
        [...limits.values()].map((l) => ({
          labels: { provider: l.provider, model: l.model, status: l.status, source: l.source },
          value: l.n,
        })),
    ),
  );
  registry.registerMetric(
    family(
      'airgap_gateway_guardrail_verdicts_total',
      "Guardrails run on gateway requests, by guardrail (its slug, or an inline guardrail's id) and verdict (pass or fail).",
      'counter',
      () => [...verdicts.values()].map((v) => ({ labels: { guardrail: v.guardrail, verdict: v.verdict }, value: v.n })),
    ),
  );
  const writer = options.writer;
  if (writer) {
    registry.registerMetric(
      family('airgap_log_writer_queue_depth', 'Request-log rows journaled but not yet in the log database.', 'gauge', () => [
        { labels: {}, value: writer.pending },
      ]),
    );
    registry.registerMetric(
      family('airgap_log_writer_lag_seconds', 'Age of the oldest request-log row not yet in the log database.', 'gauge', () => [
        { labels: {}, value: writer.lagMs / 1000 },
      ]),
    );
  }

  const spans = options.spans;
  if (spans) {
    registry.registerMetric(
      family(
        'airgap_trace_spans_total',
        'Trace spans by outcome: exported to the OTLP collector, failed (the collector refused them or could not be reached), dropped (queued past the limit while it could not keep up).',
        'counter',
        () => {
          const f = spans();
          return f
            ? [
                { labels: { outcome: 'exported' }, value: f.exported },
                { labels: { outcome: 'failed' }, value: f.failed },
                { labels: { outcome: 'dropped' }, value: f.dropped },
              ]
            : [];
        },
      ),
    );
  }

  return {
    /** One finished gateway request (called where its log event is recorded). */
    observe(e: ObservedRequest): void {
      const provider = e.virtual_key !== null ? `@${e.virtual_key}` : (e.ai_org ?? 'none');
      const model = modelLabel(e.ai_model ?? e.request_model);
      const status = e.response_status_code;
      const pm = `${provider}\u0000${model}`;
      const key = `${pm}\u0000${status}`;
      let s = byStatus.get(key);
      if (s === undefined) {
        s = { provider, model, status: String(status), requests: 0, duration: histo() };
        byStatus.set(key, s);
      }
      s.requests++;
      observe(s.duration, e.response_time / 1000);
      let m = byModel.get(pm);
      if (m === undefined) {
        m = { provider, model, upstream: histo(), inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, costUsd: 0 };
        byModel.set(pm, m);
      }
      if (e.upstream_response_time !== null) observe(m.upstream, e.upstream_response_time / 1000);
      m.inputTokens += e.req_units;
      m.outputTokens += e.res_units;
      m.cacheReadTokens += e.cache_read_units;
      m.costUsd += e.cost / 100;
      if (e.cache_status !== 'DISABLED') {
        const ck = `${pm}\u0000${e.cache_status}`;
        const c = cache.get(ck);
        if (c) c.n++;
        else cache.set(ck, { provider, model, status: e.cache_status, n: 1 });
      }
      countVerdicts(e.guardrails_passed, 'pass');
      countVerdicts(e.guardrails_failed, 'fail');
      if (status === 412 || status === 429) {
        const source = e.upstream_response_time === null ? 'gateway' : 'upstream';
        const lk = `${key}\u0000${source}`;
        const l = limits.get(lk);
        if (l) l.n++;
        else limits.set(lk, { provider, model, status: String(status), source, n: 1 });
      }
    },
    contentType: registry.contentType,
    /** The exposition text; Node's process and event-loop metrics start with the first scrape. */
    async text(): Promise<string> {
      if (!defaults) {
        defaults = true;
        client.collectDefaultMetrics({ register: registry });
      }
      return registry.metrics();
    },
  };
}

export type GatewayMetrics = ReturnType<typeof gatewayMetrics>;
