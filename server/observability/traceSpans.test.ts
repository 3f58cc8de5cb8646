// The spans of one gateway request, as the trace worker builds them from what the request path
// posts: the flat record survives the trip, the server span carries the request's figures, each
// attempt is a child with its own times and status, and failures are marked as errors.
import { describe, expect, it } from 'vitest';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { hrTimeToMilliseconds } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { RandomIdGenerator } from '@opentelemetry/sdk-trace';
import { packRecord, requestSpans, spansIn, unpackRecord, type SpanRecord } from './traceSpans.ts';

const T0 = Date.parse('2026-12-07T10:00:00.000Z');
const record = (over: Partial<SpanRecord> = {}): SpanRecord => ({
  traceId: '0af7651916cd43dd8448eb211c80319c',
  method: 'POST',
  path: '/chat/completions',
  start: T0,
  end: T0 + 42.5,
  status: 200,
  errorMessage: null,
  logId: 'log-1',
  portkeyTraceId: '0af76519-16cd-43dd-8448-eb211c80319c',
  workspace: 'default',
  aiOrg: 'openai',
  virtualKey: 'local',
  requestModel: '@local/gpt-4o',
  responseModel: 'gpt-4o',
  inputTokens: 12,
  outputTokens: 30,
  costCents: 0.0123,
  cacheStatus: 'MISS',
  stream: false,
  config: null,
  attempts: [{ provider: '@local', origin: 'http://10.0.0.5:8000', start: T0 + 1, end: T0 + 40, status: 200, error: undefined }],
  ...over,
});
const source = {
  ids: new RandomIdGenerator(),
  resource: resourceFromAttributes({ 'service.name': 'gw' }),
  scope: { name: 'airgap-ai-gateway', version: 'test' },
};

describe('a request record on its way to the worker', () => {
  it('comes back as it went, with any number of attempts', () => {
    for (const attempts of [
      [],
      record().attempts,
      [
        { provider: '@a', origin: 'http://a:1', start: T0, end: T0 + 5, status: 503, error: undefined },
        { provider: '@b', origin: 'http://b:2', start: T0 + 6, end: T0 + 9, status: undefined, error: 'connect ECONNREFUSED' },
      ],
    ]) {
      const r = record({ attempts, config: '{"retry":{"attempts":2}}' });
      const packed = structuredClone(packRecord(r));
      expect(unpackRecord(packed)).toEqual(r);
      expect(spansIn(packed)).toBe(1 + attempts.length);
    }
  });
});

describe('the spans of a request', () => {
  it('are a server span with the request figures and a child per upstream attempt', () => {
    const [server, client] = requestSpans(record(), source);
    expect(server!.name).toBe('POST /v1/chat/completions');
    expect(server!.kind).toBe(SpanKind.SERVER);
    expect(server!.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(server!.parentSpanContext).toBeUndefined();
    expect(hrTimeToMilliseconds(server!.startTime)).toBeCloseTo(T0, 0);
    expect(hrTimeToMilliseconds(server!.duration)).toBeCloseTo(42.5, 3);
    expect(server!.attributes).toMatchObject({
      'http.response.status_code': 200,
      'gen_ai.request.model': '@local/gpt-4o',
      'gen_ai.usage.output_tokens': 30,
      'portkey.provider': '@local',
      'portkey.trace_id': '0af76519-16cd-43dd-8448-eb211c80319c',
    });
    expect(server!.status.code).toBe(SpanStatusCode.UNSET);
    expect(client!.kind).toBe(SpanKind.CLIENT);
    expect(client!.parentSpanContext?.spanId).toBe(server!.spanContext().spanId);
    expect(client!.spanContext().spanId).not.toBe(server!.spanContext().spanId);
    expect(client!.attributes).toEqual({
      'server.address': 'http://10.0.0.5:8000',
      'portkey.attempt': 1,
      'http.response.status_code': 200,
    });
    expect(hrTimeToMilliseconds(client!.duration)).toBeCloseTo(39, 3);
  });

  it('mark a failed request and a failed attempt as errors, and leave out what the request did not have', () => {
    const spans = requestSpans(
      record({
        status: 502,
        errorMessage: 'upstream closed the connection',
        requestModel: null,
        responseModel: null,
        workspace: null,
        attempts: [
          { provider: '@a', origin: 'http://a:1', start: T0, end: T0 + 5, status: 503, error: undefined },
          { provider: '@b', origin: 'http://b:2', start: T0 + 6, end: T0 + 6, status: undefined, error: 'connect ECONNREFUSED' },
        ],
      }),
      source,
    );
    expect(spans.map((s) => s.status)).toEqual([
      { code: SpanStatusCode.ERROR, message: 'upstream closed the connection' },
      { code: SpanStatusCode.ERROR },
      { code: SpanStatusCode.ERROR, message: 'connect ECONNREFUSED' },
    ]);
    expect(spans[2]!.attributes['portkey.attempt']).toBe(2);
    const keys = Object.keys(spans[0]!.attributes);
    for (const absent of ['gen_ai.request.model', 'gen_ai.response.model', 'portkey.workspace']) expect(keys).not.toContain(absent);
    expect(keys).toContain('portkey.cost_cents');
  });
});
