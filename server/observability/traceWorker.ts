// The worker thread that sends gateway traces: it turns the request records the main thread posts
// into spans, batches them, and hands each batch to the OpenTelemetry OTLP/HTTP exporter. Its
// connections go through the main thread's egress check (askingNodeAgent), so the collector is
// reached only while it is an allowed destination, and every connection is counted in the report.
import http from 'node:http';
import https from 'node:https';
import { parentPort, workerData } from 'node:worker_threads';
import { ExportResultCode } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { RandomIdGenerator, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { askingNodeAgent } from '../security/egress/clients.ts';
import { requestSpans, unpackRecord, type SpanSource } from './traceSpans.ts';
import type { FromTraceWorker, ToTraceWorker, TraceWorkerData } from './traceWorkerProtocol.ts';

const port = parentPort!;
const setup = workerData as TraceWorkerData;
const send = (message: FromTraceWorker) => port.postMessage(message);

let asked = 0;
const answers = new Map<number, (refused: Error | null) => void>();
/** Puts a connection to the main thread's egress guard; `feature` says who asks (the exporter, or the self-check's probe). */
function ask(feature: 'export' | 'probe') {
  return (host: string, portNumber: number) =>
    new Promise<Error | null>((resolve) => {
      const id = ++asked;
      answers.set(id, resolve);
      send({ type: 'connect', id, host, port: portNumber, feature });
    });
}

const agents = {
  http: askingNodeAgent(ask('export'), false, { keepAlive: true }),
  https: askingNodeAgent(ask('export'), true, { keepAlive: true }),
};
const otlp = new OTLPTraceExporter({
  url: setup.endpoint,
  headers: setup.headers,
  timeoutMillis: 10_000,
  httpAgentOptions: (protocol) => (protocol === 'https:' ? agents.https : agents.http),
});
const source: SpanSource = {
  ids: new RandomIdGenerator(),
  resource: resourceFromAttributes({ 'service.name': setup.serviceName, 'service.version': setup.version }),
  scope: { name: 'airgap-ai-gateway', version: setup.version },
};

// Spans wait here for their batch: sent when 1024 are queued or every second, two batches in flight
// at most. When the collector cannot keep up, spans past 16,384 are dropped (and counted), so a slow
// collector never costs the gateway memory.
const MAX_QUEUE = 16_384;
const BATCH_SPANS = 1024;
const EVERY_MS = 1000;
const MAX_IN_FLIGHT = 2;
let queue: ReadableSpan[] = [];
const inFlight = new Set<Promise<void>>();
let dropped = 0;

function enqueue(spans: ReadableSpan[]): void {
  if (queue.length + spans.length > MAX_QUEUE) {
    dropped += spans.length;
    return;
  }
  for (const span of spans) queue.push(span);
  if (queue.length >= BATCH_SPANS) exportBatch();
}

function exportBatch(): void {
  if (queue.length === 0 || inFlight.size >= MAX_IN_FLIGHT) return;
  const batch = queue.slice(0, BATCH_SPANS);
  queue = queue.slice(batch.length);
  const sent = new Promise<void>((resolve) =>
    otlp.export(batch, (result) => {
      const ok = result.code === ExportResultCode.SUCCESS;
      send({
        type: 'exported',
        spans: batch.length,
        ok,
        reason: ok ? null : (result.error?.message ?? 'the collector did not take the spans'),
      });
      resolve();
    }),
  ).finally(() => {
    inFlight.delete(sent);
    if (queue.length >= BATCH_SPANS) exportBatch();
  });
  inFlight.add(sent);
}

/** Sends everything queued and waits for every batch to be answered. */
async function drain(): Promise<void> {
  while (queue.length > 0 || inFlight.size > 0) {
    exportBatch();
    await Promise.race(inFlight);
  }
}

setInterval(() => {
  exportBatch();
  if (dropped > 0) send({ type: 'dropped', spans: dropped });
  dropped = 0;
}, EVERY_MS).unref();

/** The self-check's probe: a GET through an agent built as the exporter's, which must be refused. */
function probe(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const secure = new URL(url).protocol === 'https:';
    const agent = askingNodeAgent(ask('probe'), secure);
    const req = (secure ? https : http).get(url, { agent, timeout: 5000 }, (res) => {
      res.resume();
      resolve();
    });
    req.on('error', reject);
  });
}

port.on('message', (message: ToTraceWorker) => {
  switch (message.type) {
    case 'records':
      for (const packed of message.records) enqueue(requestSpans(unpackRecord(packed), source));
      return;
    case 'connect-answer': {
      const answer = answers.get(message.id);
      answers.delete(message.id);
      answer?.(message.refused ? Object.assign(new Error(message.refused.message), { code: message.refused.code }) : null);
      return;
    }
    case 'probe':
      probe(message.url).then(
        () => send({ type: 'probe-answer', id: message.id, error: null }),
        (err: Error & { code?: string }) => send({ type: 'probe-answer', id: message.id, error: { message: err.message, code: err.code } }),
      );
      return;
    case 'flush':
      void drain().finally(() => send({ type: 'flushed', id: message.id }));
      return;
    case 'close':
      void drain().finally(() => {
        void otlp.shutdown();
        agents.http.destroy();
        agents.https.destroy();
        send({ type: 'closed', id: message.id });
      });
      return;
  }
});
