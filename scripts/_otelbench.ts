import { SpanKind, trace, context, ROOT_CONTEXT } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { TracerProvider, BatchSpanProcessor, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
const collected: ReadableSpan[] = [];
const exporter: SpanExporter = { export(spans, cb) { collected.push(...spans); cb({ code: 0 }); }, shutdown: async () => {} };
const provider = new TracerProvider({ resource: resourceFromAttributes({ 'service.name': 'x' }), spanProcessors: [new BatchSpanProcessor({ exporter, maxQueueSize: 100000, maxExportBatchSize: 100000, scheduledDelayMillis: 1e9 })] });
const tracer = provider.getTracer('t');
const N = 20000;
function one() {
  const attributes = { 'http.request.method': 'POST', 'url.path': '/v1/chat/completions', 'http.response.status_code': 200, 'gen_ai.system': 'openai', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.response.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 12, 'gen_ai.usage.output_tokens': 30, 'portkey.trace_id': 'f1b2c3d4-1234-4abc-8def-0123456789ab', 'portkey.log_id': 'f1b2c3d4-1234-4abc-8def-0123456789ab', 'portkey.workspace': 'default', 'portkey.provider': '@local', 'portkey.cost_cents': 0.0123, 'portkey.cache_status': 'DISABLED', 'portkey.stream': false };
  const t = performance.now();
  const span = tracer.startSpan('POST /v1/chat/completions', { kind: SpanKind.SERVER, startTime: t - 3, attributes, root: true });
  const parent = trace.setSpan(context.active(), span);
  const child = tracer.startSpan('upstream openai', { kind: SpanKind.CLIENT, startTime: t - 2, attributes: { 'server.address': 'http://127.0.0.1:1234', 'portkey.attempt': 1, 'http.response.status_code': 200 } }, parent);
  child.end(t - 1);
  span.end(t);
}
for (let i = 0; i < 2000; i++) one();
await provider.forceFlush();
collected.length = 0;
let t0 = performance.now();
for (let i = 0; i < N; i++) one();
const sdkUs = ((performance.now() - t0) * 1000) / N;
await provider.forceFlush();
const spans = collected.slice();
t0 = performance.now();
let bytes = 0;
for (let i = 0; i < spans.length; i += 1024) bytes += JsonTraceSerializer.serializeRequest(spans.slice(i, i + 1024))!.length;
const serUs = ((performance.now() - t0) * 1000) / N;
console.log(`SDK spans: ${sdkUs.toFixed(1)} µs/request (2 spans); JSON serialize: ${serUs.toFixed(1)} µs/request; ${(bytes / N).toFixed(0)} bytes/request`);

t0 = performance.now();
bytes = 0;
for (let i = 0; i < spans.length; i += 1024) bytes += ProtobufTraceSerializer.serializeRequest(spans.slice(i, i + 1024))!.length;
console.log(`protobuf serialize: ${(((performance.now() - t0) * 1000) / N).toFixed(1)} µs/request; ${(bytes / N).toFixed(0)} bytes/request`);
