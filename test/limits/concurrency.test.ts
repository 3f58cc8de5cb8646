// Explicit upstream concurrency (issue 14 item 10): max_concurrent_requests on a provider or an
// integration, seen and changed through the Admin API. Requests beyond it wait in arrival order,
// their wait is in their log row (queue_time), and past CONCURRENCY_QUEUE_TIMEOUT_MS they get a 429
// without reaching the upstream. Without a limit, nothing waits in the gateway.
import { afterEach, describe, expect, it } from 'vitest';
import { startLimits, type LimitsFixture } from '../helpers/limits.ts';

let f: LimitsFixture;
afterEach(async () => {
  await f?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, what: string): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > 10_000) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

function gated(n: number) {
  return Array.from({ length: n }, () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    return { gate, open };
  });
}

describe('max_concurrent_requests', () => {
  it('on a provider: the extra requests queue in order, their wait is logged, and the limit can be changed live', async () => {
    f = await startLimits();
    const ws = f.credentials.workspace.id;
    const set = await f.api('PUT', `/v1/providers/priced?workspace_id=${ws}`, { max_concurrent_requests: 2 });
    expect(set.status).toBe(200);
    expect((await f.api('GET', `/v1/providers/priced?workspace_id=${ws}`)).body).toMatchObject({ max_concurrent_requests: 2 });
    const { key } = await f.key();
    const gates = gated(4);
    f.mock.next(...gates.map((g) => ({ gate: g.gate })));

    const runs = ['q-0', 'q-1', 'q-2', 'q-3'].map(async (trace) => {
      const res = await f.chat(key, { stream: true, headers: { 'x-portkey-trace-id': trace } });
      return { status: res.status, text: await res.text() };
    });
    await until(() => f.mock.requests.length === 2, 'two streams upstream');
    await sleep(150);
    // The other two wait inside the gateway, visibly: not at the upstream.
    expect(f.mock.requests.length).toBe(2);
    gates[0]!.open();
    await until(() => f.mock.requests.length === 3, 'the third stream upstream');
    // Raising the limit lets the last one in with the worker's next tick (every second).
    await f.api('PUT', `/v1/providers/priced?workspace_id=${ws}`, { max_concurrent_requests: 10 });
    expect(f.mock.requests.length).toBe(3);
    f.tick();
    await until(() => f.mock.requests.length === 4, 'the fourth stream upstream');
    for (const g of gates) g.open();
    const done = await Promise.all(runs);
    expect(done.every((d) => d.status === 200)).toBe(true);

    const first = await f.logByTrace('q-0');
    const third = await f.logByTrace('q-2');
    expect(first.metrics.queue_time).toBeNull();
    expect(third.metrics.queue_time as number).toBeGreaterThanOrEqual(100);
  });

  it('on an integration, across its providers: past the queue timeout a 429 that never reaches the upstream', async () => {
    f = await startLimits({ env: { CONCURRENCY_QUEUE_TIMEOUT_MS: '200' } });
    const set = await f.api('PUT', '/v1/integrations/priced', { max_concurrent_requests: 1 });
    expect(set.status).toBe(200);
    expect((await f.api('GET', '/v1/integrations/priced')).body).toMatchObject({ max_concurrent_requests: 1 });
    const { key } = await f.key();
    const [g] = gated(1);
    f.mock.next({ gate: g!.gate });
    const holding = f.chat(key, { stream: true }).then(async (r) => ({ status: r.status, text: await r.text() }));
    await until(() => f.mock.requests.length === 1, 'the first stream upstream');

    const refused = await f.chat(key, { headers: { 'x-portkey-trace-id': 'queue-timeout' } });
    expect(refused.status).toBe(429);
    const body = (await refused.json()) as { error: { message: string; code: string } };
    expect(body.error.code).toBe('concurrency_limit_exceeded');
    expect(body.error.message).toMatch(/integration "priced" is at its max_concurrent_requests \(1\) and the request waited \d+ ms/);
    expect(f.mock.requests.length).toBe(1);
    const log = await f.logByTrace('queue-timeout');
    expect(log.metrics).toMatchObject({ response_status_code: 429 });
    expect(log.metrics.queue_time as number).toBeGreaterThanOrEqual(150);

    g!.open();
    expect((await holding).status).toBe(200);
    // The slot is free again.
    expect((await f.chat(key)).status).toBe(200);
  });

  it('is unlimited by default: 300 concurrent streams to one upstream all run at once', async () => {
    f = await startLimits();
    const { key } = await f.key();
    const gates = gated(300);
    f.mock.next(...gates.map((g) => ({ gate: g.gate })));
    const runs = Array.from({ length: 300 }, () => f.chat(key, { stream: true }).then((r) => r.text()));
    // More than undici's old hidden cap of 256 connections per origin reach the upstream together.
    await until(() => f.mock.requests.length === 300, 'all 300 streams upstream');
    expect(f.mock.openConnections()).toBeGreaterThanOrEqual(300);
    for (const g of gates) g.open();
    expect((await Promise.all(runs)).every((t) => t.includes('[DONE]'))).toBe(true);
  });
});
