// Guardrails and what they leave behind: redaction reaches the upstream (the mock records what it
// received) and the log, in requests and answers, streams included; each check's verdict, timing
// and explanation in the log; log filters and the guardrails graph; feedback as the actions say;
// async guardrails that do not delay the answer and still record their verdict.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGateway, type GatewayFixture } from '../helpers/gateway.ts';
import { chat, saveGuardrail, type HookResultsBody } from '../kits/guardrailsApi.ts';

let g: GatewayFixture;

beforeAll(async () => {
  g = await startGateway();
  await g.addProvider({ slug: 'primary' });
});
afterAll(() => g.close());
beforeEach(() => {
  g.mock.requests.length = 0;
});

const redactPii = { input_guardrails: [{ 'default.pii': { redact: true } }] };
const traced = (name: string) => ({ 'x-portkey-trace-id': `${name}-${Date.now()}-${Math.random()}` });

async function get(path: string) {
  const res = await fetch(`${g.url}${path}`, { headers: g.workspace });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

describe('redaction', () => {
  it('the upstream and the log see the redacted request; the client the answer to it', async () => {
    const headers = traced('redact');
    const secret = 'mail jane.doe@example.com, card 4111 1111 1111 1111, key AKIAIOSFODNN7EXAMPLE';
    const res = await chat(g, secret, redactPii, {}, headers);
    expect(res.status).toBe(200);
    const sent = g.mock.requests[0]!.rawBody;
    expect(sent).not.toContain('jane.doe@example.com');
    expect(sent).not.toContain('4111 1111 1111 1111');
    expect(sent).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect((g.mock.requests[0]!.body as { messages: { content: string }[] }).messages[0]!.content).toBe(
      'mail [REDACTED_EMAIL], card [REDACTED_CARD], key [REDACTED_SECRET]',
    );

    const log = await g.logByTrace(headers['x-portkey-trace-id']);
    const stored = JSON.stringify(log);
    expect(stored).not.toContain('jane.doe@example.com');
    expect(stored).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(JSON.stringify((log.request as { body: unknown }).body)).toContain('[REDACTED_EMAIL]');
    expect(log.hook_results).toMatchObject({
      before_request_hooks: [
        { verdict: true, transformed: true, checks: [{ id: 'default.pii', explanation: expect.stringContaining('redacted') }] },
      ],
    });
  });

  it("a target's own redaction reaches that target and the log", async () => {
    const headers = traced('redact-target');
    const config = {
      strategy: { mode: 'single' },
      targets: [{ provider: '@primary', input_mutators: [{ 'default.pii': { redact: true } }] }],
    };
    expect((await chat(g, 'I am 123-45-6789', config, {}, headers)).status).toBe(200);
    expect(g.mock.requests[0]!.rawBody).toContain('I am [REDACTED_NATIONAL_ID]');
    const log = await g.logByTrace(headers['x-portkey-trace-id']);
    expect(JSON.stringify(log)).not.toContain('123-45-6789');
  });

  it('redacts the answer before it returns, and the log keeps the redacted one', async () => {
    const headers = traced('redact-out');
    g.mock.next({ chunks: ['Call me at ', '415-555-0132 ', 'today'] });
    const res = await chat(g, 'hi', { output_guardrails: [{ 'default.pii': { types: { phone: 'redact' } } }] }, {}, headers);
    const body = (await res.json()) as { choices: { message: { content: string } }[] };
    expect(body.choices[0]!.message.content).toBe('Call me at [REDACTED_PHONE] today');
    const log = await g.logByTrace(headers['x-portkey-trace-id']);
    expect(JSON.stringify((log.response as { body: unknown }).body)).not.toContain('415-555-0132');
  });

  it('on a stream, redaction of the request still applies; the logged answer is redacted too', async () => {
    const headers = traced('redact-stream');
    g.mock.next({ chunks: ['reach ', 'ops@example.com ', 'now'] });
    const res = await chat(
      g,
      'my mail is a@example.com',
      { ...redactPii, output_guardrails: [{ 'default.pii': { redact: true } }] },
      { stream: true },
      headers,
    );
    const text = await res.text();
    // What was already sent cannot be taken back (docs/adr/0019); the verdict says it was found.
    expect(text).toContain('ops@example.com');
    expect(text).toContain('"after_request_hooks":[{');
    expect(g.mock.requests[0]!.rawBody).not.toContain('a@example.com');
    const log = await g.logByTrace(headers['x-portkey-trace-id']);
    expect(JSON.stringify((log.response as { body: unknown }).body)).not.toContain('ops@example.com');
  });
});

describe('verdicts in the log, filters and analytics', () => {
  it('every check has its verdict, timing and explanation in the log', async () => {
    const headers = traced('verdicts');
    await chat(g, 'one two three four', { input_guardrails: [{ 'default.wordCount': { maxWords: 2 } }] }, {}, headers);
    const log = await g.logByTrace(headers['x-portkey-trace-id']);
    const check = (log.hook_results as HookResultsBody['hook_results']).before_request_hooks[0]!.checks[0]!;
    expect(check).toMatchObject({ id: 'default.wordCount', verdict: false, explanation: 'The text has 4 words, outside 0 to 2' });
    expect(check.execution_time).toBeGreaterThanOrEqual(0);
    expect(log.metrics).toMatchObject({ response_status_code: 246, guardrails_failed: [expect.stringMatching(/^input_guardrail_/)] });
  });

  it('logs filter by guardrail and verdict; the graph counts passes and failures per guardrail', async () => {
    const guard = await saveGuardrail(g, { name: 'filter me', checks: [{ id: 'default.regexMatch', parameters: { rule: 'ok' } }] });
    const config = { input_guardrails: [guard.slug] };
    await chat(g, 'ok fine', config);
    await chat(g, 'ok again', config);
    await chat(g, 'nope', config);
    const since = new Date(Date.now() - 3600_000).toISOString();
    const until = new Date(Date.now() + 60_000).toISOString();
    await expect
      .poll(async () => ((await get(`/v1/logs?guardrails=${guard.slug}&guardrail_verdict=fail`)) as { total: number }).total, {
        timeout: 5000,
      })
      .toBe(1);
    expect(((await get(`/v1/logs?guardrails=${guard.slug}&guardrail_verdict=pass`)) as { total: number }).total).toBe(2);
    expect(((await get(`/v1/logs?guardrails=${guard.slug}`)) as { total: number }).total).toBe(3);
    const bad = await fetch(`${g.url}/v1/logs?guardrail_verdict=maybe`, { headers: g.workspace });
    expect(bad.status).toBe(400);

    const graph = (await get(
      `/v1/analytics/graphs/guardrails?time_of_generation_min=${since}&time_of_generation_max=${until}&guardrails=${guard.slug}`,
    )) as {
      summary: { total: number; passed: number; failed: number };
      data_points: { guardrails: { guardrail_id: string; passed: number; failed: number }[] }[];
    };
    expect(graph.summary).toEqual({ total: 3, passed: 2, failed: 1 });
    const points = graph.data_points.flatMap((p) => p.guardrails);
    expect(points.reduce((n, p) => n + p.passed, 0)).toBe(2);
    expect(new Set(points.map((p) => p.guardrail_id))).toEqual(new Set([guard.slug]));
  });
});

describe('actions', () => {
  it('feedback on the trace follows the verdict', async () => {
    const headers = traced('feedback');
    const guard = await saveGuardrail(g, {
      checks: [{ id: 'default.wordCount', parameters: { maxWords: 2 } }],
      actions: {
        on_success: { feedback: { value: 4, weight: 1, metadata: 'short' } },
        on_fail: { feedback: { value: -6, weight: 0.5, metadata: 'long' } },
      },
    });
    await chat(g, 'far too many words here', { input_guardrails: [guard.slug] }, {}, headers);
    await expect
      .poll(async () => ((await g.logByTrace(headers['x-portkey-trace-id'])).feedback as unknown[]).length, { timeout: 5000 })
      .toBe(1);
    const log = await g.logByTrace(headers['x-portkey-trace-id']);
    expect((log.feedback as unknown[])[0]).toMatchObject({
      value: -6,
      weight: 0.5,
      metadata: { source: 'guardrail', guardrail_id: guard.slug, verdict: false, note: 'long' },
    });
  });

  it('an async guardrail does not delay the answer, and its verdict reaches the log when it finishes', async () => {
    const slow = slowWebhook();
    const guard = await saveGuardrail(g, {
      name: 'slow webhook',
      checks: [{ id: 'default.webhook', parameters: { webhookURL: `${await slow.url}/judge`, timeout: 5000 } }],
      actions: { async: true, deny: true },
    });
    const headers = traced('async');
    const res = await chat(g, 'hello', { input_guardrails: [guard.slug] }, {}, headers);
    expect(res.status).toBe(200);
    // Answered while the webhook was still thinking: its verdict was not in yet.
    const body = (await res.json()) as HookResultsBody;
    expect(body.hook_results.before_request_hooks[0]).toMatchObject({ id: guard.slug, async: true, verdict: null });
    await expect
      .poll(
        async () =>
          ((await g.logByTrace(headers['x-portkey-trace-id'])).hook_results as HookResultsBody['hook_results']).before_request_hooks[0]!
            .verdict,
        {
          timeout: 10_000,
        },
      )
      .toBe(false);
    await slow.close();
  });
});

/** A webhook on loopback that takes its time and then fails the request. */
function slowWebhook() {
  const delayMs = 600;
  let server: http.Server;
  const url = (async () => {
    server = http.createServer((_req, res) => {
      setTimeout(
        () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ verdict: false, explanation: 'too late' })),
        delayMs,
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  })();
  return { url, delayMs, close: () => new Promise<void>((r) => server.close(() => r())) };
}
