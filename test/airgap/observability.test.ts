// Metrics, traces and readiness as the tools sites run would see them: Prometheus scraping
// GET /metrics with a key that holds only metrics.read, an OTLP/HTTP collector on loopback
// receiving one span per gateway request with its upstream attempts (sent through the egress
// check), and GET /v1/health/ready answering 200 or 503 with the reason.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayFixture } from '../helpers/gateway.ts';
import { startTestApp } from '../helpers/testApp.ts';
import { readiness } from '../../server/observability/readiness.ts';
import { ROOT_CONTEXT } from '@opentelemetry/api';
import { SamplingDecision, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace';

interface Collector {
  url: string;
  /** Decoded OTLP/JSON export requests. */
  exports: { resourceSpans: { scopeSpans: { spans: Span[] }[] }[] }[];
  close(): Promise<void>;
}
interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: Record<string, unknown> }[];
}

/** An OTLP/HTTP collector (JSON encoding) on loopback: what an admin's OpenTelemetry Collector receives. */
async function startCollector(): Promise<Collector> {
  const exports: Collector['exports'] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c));
    req.on('end', () => {
      if (req.url === '/v1/traces' && req.headers['content-type']?.includes('json')) exports.push(JSON.parse(raw));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exports,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

const spans = (c: Collector) => c.exports.flatMap((e) => e.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)));
const attr = (span: Span, key: string) => {
  const v = span.attributes.find((a) => a.key === key)?.value;
  return v && (v.stringValue ?? v.intValue ?? v.doubleValue ?? v.boolValue);
};
const messages = [{ role: 'user', content: 'count my tokens please' }];

let g: GatewayFixture;
let collector: Collector;
let scraperKey: string;

beforeAll(async () => {
  collector = await startCollector();
  g = await startGateway({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_SERVICE_NAME: 'gw-under-test' } });
  await g.addProvider({ slug: 'local', key: 'sk-local' });
  scraperKey = await g.createApiKey({ type: 'organisation/service', scopes: ['metrics.read'] });
});
afterAll(async () => {
  await g.close();
  await collector.close();
});

async function scrape(key: string) {
  const res = await fetch(`${g.url}/metrics`, { headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

/** The value of one sample line, by its exact name and labels. */
function sample(text: string, line: string): number | null {
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? null : Number(found.slice(line.length + 1));
}

describe('GET /metrics', () => {
  it('counts requests, errors, latency, tokens, cost and limit refusals by provider, model and status', async () => {
    expect((await g.post('/v1/chat/completions', { model: '@local/gpt-4o', messages })).status).toBe(200);
    expect((await g.post('/v1/chat/completions', { model: '@local/gpt-4o', messages })).status).toBe(200);
    g.mock.next({ status: 429, body: { error: { message: 'slow down', type: 'rate_limit' } } });
    expect((await g.post('/v1/chat/completions', { model: '@local/gpt-4o', messages })).status).toBe(429);

    const { status, type, text } = await scrape(scraperKey);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(text, 'airgap_gateway_requests_total{provider="@local",model="gpt-4o",status="200"}')).toBe(2);
    expect(sample(text, 'airgap_gateway_request_errors_total{provider="@local",model="gpt-4o",status="429"}')).toBe(1);
    expect(sample(text, 'airgap_gateway_request_duration_seconds_count{provider="@local",model="gpt-4o",status="200"}')).toBe(2);
    expect(sample(text, 'airgap_gateway_request_duration_seconds_bucket{provider="@local",model="gpt-4o",status="200",le="+Inf"}')).toBe(2);
    expect(sample(text, 'airgap_gateway_upstream_duration_seconds_count{provider="@local",model="gpt-4o"}')).toBe(3);
    // The mock counts words as tokens: 4 prompt words, and "echo: count my tokens please" back.
    expect(sample(text, 'airgap_gateway_tokens_total{provider="@local",model="gpt-4o",kind="input"}')).toBe(8);
    expect(sample(text, 'airgap_gateway_tokens_total{provider="@local",model="gpt-4o",kind="output"}')).toBe(10);
    expect(sample(text, 'airgap_gateway_cost_usd_total{provider="@local",model="gpt-4o"}')).toBeGreaterThan(0);
    expect(sample(text, 'airgap_gateway_limit_refusals_total{provider="@local",model="gpt-4o",status="429",source="upstream"}')).toBe(1);
    expect(sample(text, 'airgap_log_writer_queue_depth')).not.toBeNull();
    expect(sample(text, 'airgap_log_writer_lag_seconds')).not.toBeNull();
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
  });

  it('counts a refusal by the appliance itself (a provider whose budget is spent) as source gateway', async () => {
    g.stores.db.prepare("UPDATE providers SET status = 'exhausted' WHERE slug = 'local'").run();
    g.app.services.catalog.invalidate();
    try {
      expect((await g.post('/v1/chat/completions', { model: '@local/gpt-4o', messages })).status).toBe(412);
    } finally {
      g.stores.db.prepare("UPDATE providers SET status = 'active' WHERE slug = 'local'").run();
      g.app.services.catalog.invalidate();
    }
    const { text } = await scrape(scraperKey);
    expect(sample(text, 'airgap_gateway_limit_refusals_total{provider="none",model="@local/gpt-4o",status="412",source="gateway"}')).toBe(
      1,
    );
  });

  it('counts guardrail verdicts by guardrail and verdict', async () => {
    const noSsn = { id: 'no-ssn', 'default.regexMatch': { rule: '\\d{3}-\\d{2}-\\d{4}', not: true }, deny: true };
    const config = JSON.stringify({ input_guardrails: [noSsn] });
    const post = (content: string) =>
      g.post('/v1/chat/completions', { model: '@local/gpt-4o', messages: [{ role: 'user', content }] }, { 'x-portkey-config': config });
    expect((await post('nothing to hide')).status).toBe(200);
    expect((await post('my ssn is 123-45-6789')).status).toBe(446);
    expect((await post('still nothing')).status).toBe(200);
    const { text } = await scrape(scraperKey);
    expect(sample(text, 'airgap_gateway_guardrail_verdicts_total{guardrail="no-ssn",verdict="pass"}')).toBe(2);
    expect(sample(text, 'airgap_gateway_guardrail_verdicts_total{guardrail="no-ssn",verdict="fail"}')).toBe(1);
  });

  it('answers only keys with metrics.read and organisation admins', async () => {
    expect((await scrape(g.credentials.admin_api_key)).status).toBe(200);
    expect((await scrape(g.credentials.workspace_api_key)).status).toBe(403);
    expect((await fetch(`${g.url}/metrics`)).status).toBe(401);
  });
});

describe('OTLP traces', () => {
  it('sends one server span per request, with its upstream attempt as a child, to the configured collector', async () => {
    const res = await g.post('/v1/chat/completions', { model: '@local/gpt-4o', messages });
    const traceId = res.headers.get('x-portkey-trace-id')!;
    const wanted = traceId.replace(/-/g, '');
    let mine: Span[] = [];
    for (let i = 0; i < 100 && mine.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 100));
      mine = spans(collector).filter((s) => s.traceId === wanted);
    }
    const server = mine.find((s) => s.kind === 2)!;
    const client = mine.find((s) => s.kind === 3)!;
    expect(server.name).toBe('POST /v1/chat/completions');
    expect(attr(server, 'http.response.status_code')).toBe(200);
    expect(attr(server, 'gen_ai.request.model')).toBe('@local/gpt-4o');
    expect(attr(server, 'portkey.trace_id')).toBe(traceId);
    expect(client.name).toBe('upstream @local');
    expect(client.parentSpanId).toBe(server.spanId);
    expect(attr(client, 'server.address')).toBe(g.mock.url);
    // Through the egress check: the collector shows as contacted by the exporter.
    const report = (await fetch(`${g.url}/v1/admin/egress`, { headers: g.admin }).then((r) => r.json())) as {
      contacted: { destination: string; feature: string }[];
      allowed: { destination: string; detail: string }[];
    };
    const collectorAt = new URL(collector.url).host;
    expect(report.contacted).toEqual(
      expect.arrayContaining([expect.objectContaining({ destination: collectorAt, feature: 'otlp_export' })]),
    );
    expect(report.allowed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ destination: collectorAt, detail: expect.stringContaining('OTEL_EXPORTER_OTLP_ENDPOINT') }),
      ]),
    );
  });
});

describe('OTLP export, from its worker thread', () => {
  it('counts the spans it exported in /metrics', async () => {
    const before = sample((await scrape(scraperKey)).text, 'airgap_trace_spans_total{outcome="exported"}') ?? 0;
    const res = await g.post('/v1/chat/completions', { model: '@local/gpt-4o', messages });
    const wanted = res.headers.get('x-portkey-trace-id')!.replace(/-/g, '');
    for (let i = 0; i < 100 && spans(collector).filter((s) => s.traceId === wanted).length < 2; i++)
      await new Promise((r) => setTimeout(r, 100));
    let exported = before;
    for (let i = 0; i < 50 && exported < before + 2; i++) {
      exported = sample((await scrape(scraperKey)).text, 'airgap_trace_spans_total{outcome="exported"}') ?? 0;
      if (exported < before + 2) await new Promise((r) => setTimeout(r, 100));
    }
    expect(exported).toBe(before + 2);
    expect(sample((await scrape(scraperKey)).text, 'airgap_trace_spans_total{outcome="dropped"}')).toBe(0);
  });

  it('counts a batch the collector refused as failed, and keeps serving', async () => {
    const refusing = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(400, { 'content-type': 'application/json' }).end('{"code":3,"message":"bad"}'));
    });
    await new Promise<void>((r) => refusing.listen(0, '127.0.0.1', r));
    const g2 = await startGateway({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(refusing.address() as AddressInfo).port}` } });
    try {
      await g2.addProvider({ slug: 'local', key: 'sk-local' });
      expect((await g2.post('/v1/chat/completions', { model: '@local/gpt-4o', messages })).status).toBe(200);
      let failed = 0;
      for (let i = 0; i < 60 && failed < 2; i++) {
        await new Promise((r) => setTimeout(r, 100));
        failed =
          sample(
            await fetch(`${g2.url}/metrics`, { headers: g2.admin }).then((r) => r.text()),
            'airgap_trace_spans_total{outcome="failed"}',
          ) ?? 0;
      }
      expect(failed).toBe(2);
      expect((await g2.post('/v1/chat/completions', { model: '@local/gpt-4o', messages })).status).toBe(200);
    } finally {
      await g2.close();
      await new Promise((r) => refusing.close(r));
    }
  });

  it('sends every queued span before the appliance finishes closing', async () => {
    const last = await startCollector();
    const g3 = await startGateway({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: last.url } });
    await g3.addProvider({ slug: 'local', key: 'sk-local' });
    const ids = Array.from({ length: 5 }, () => crypto.randomUUID());
    for (const id of ids) await g3.post('/v1/chat/completions', { model: '@local/gpt-4o', messages }, { 'x-portkey-trace-id': id });
    // Closed at once: the spans are still waiting for their batch (up to a second).
    await g3.close();
    try {
      const serverSpans = spans(last).filter((s) => s.kind === 2);
      expect(serverSpans.map((s) => s.traceId).sort()).toEqual(ids.map((id) => id.replace(/-/g, '')).sort());
    } finally {
      await last.close();
    }
  });
});

describe('OTLP trace sampling', () => {
  it('exports only the requests OTEL_TRACES_SAMPLER=traceidratio keeps, decided by their trace id', async () => {
    const sampled = await startCollector();
    const g2 = await startGateway({
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: sampled.url, OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.5' },
    });
    try {
      await g2.addProvider({ slug: 'local', key: 'sk-local' });
      const ids = Array.from({ length: 24 }, () => crypto.randomUUID());
      for (const id of ids) {
        const res = await g2.post('/v1/chat/completions', { model: '@local/gpt-4o', messages }, { 'x-portkey-trace-id': id });
        expect(res.status).toBe(200);
      }
      // What the SDK's own ratio sampler keeps, as another service sampling at 0.5 would decide it.
      const ratio = new TraceIdRatioBasedSampler(0.5);
      const kept = ids
        .map((id) => id.replace(/-/g, ''))
        .filter((hex) => ratio.shouldSample(ROOT_CONTEXT, hex).decision === SamplingDecision.RECORD_AND_SAMPLED);
      expect(kept.length).toBeGreaterThan(0);
      expect(kept.length).toBeLessThan(ids.length);
      const serverSpans = () => spans(sampled).filter((s) => s.kind === 2);
      for (let i = 0; i < 100 && serverSpans().length < kept.length; i++) await new Promise((r) => setTimeout(r, 100));
      expect(
        serverSpans()
          .map((s) => s.traceId)
          .sort(),
      ).toEqual([...kept].sort());
      // The requests were all served and counted all the same.
      const text = await fetch(`${g2.url}/metrics`, { headers: g2.admin }).then((r) => r.text());
      expect(sample(text, 'airgap_gateway_requests_total{provider="@local",model="gpt-4o",status="200"}')).toBe(ids.length);
    } finally {
      await g2.close();
      await sampled.close();
    }
  });
});

describe('readiness', () => {
  it('is ready when both databases, the log writer and the listeners are', async () => {
    const res = await fetch(`${g.url}/v1/health/ready`);
    const body = (await res.json()) as { status: string; checks: { name: string; ok: boolean }[] };
    expect(res.status).toBe(200);
    expect(body.status).toBe('ready');
    expect(body.checks.map((c) => [c.name, c.ok])).toEqual([
      ['metadata_database', true],
      ['log_database', true],
      ['log_writer', true],
      ['listeners', true],
    ]);
  });

  it('is not ready, saying why, while the appliance does not listen yet', async () => {
    const t = await startTestApp();
    try {
      const res = await t.app.inject({ method: 'GET', url: '/v1/health/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json().checks.find((c: { name: string }) => c.name === 'listeners')).toMatchObject({
        ok: false,
        detail: 'main listener not listening: not listening yet',
      });
      // /v1/health stays cheap and says nothing of it.
      expect((await t.app.inject({ method: 'GET', url: '/v1/health' })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('names a log writer that cannot reach the log database, and a closed metadata database', async () => {
    const t = await startTestApp();
    try {
      const ready = readiness({
        db: t.stores.db,
        logs: t.stores.logs,
        writer: { isOpen: true, pending: 12, lagMs: 45_000, lastFailure: 'IO Error: No space left on device' },
        listeners: () => [{ name: 'main', address: '127.0.0.1', port: 8787, listening: true, error: null }],
        maxLagMs: 30_000,
      });
      const stuck = await ready.check();
      expect(stuck.ready).toBe(false);
      expect(stuck.checks.find((c) => c.name === 'log_writer')!.detail).toMatch(/cannot reach the log database: IO Error: No space left/);
      const closed = readiness({
        db: t.stores.db,
        logs: t.stores.logs,
        writer: { isOpen: true, pending: 0, lagMs: 0, lastFailure: null },
        listeners: () => [],
        maxLagMs: 30_000,
      });
      t.stores.db.close();
      const result = await closed.check();
      expect(result.checks.find((c) => c.name === 'metadata_database')).toMatchObject({
        ok: false,
        detail: 'the SQLite database is closed',
      });
    } finally {
      await t.close();
    }
  });
});
