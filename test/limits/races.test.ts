// Exact under races (issue 14 item 7). Counters live in memory; a request is refused from memory
// once a budget or window is full, and every request admitted before that is counted when it ends.
// So the overspend is bounded by what was already running when the limit was reached:
//   budget:  usage <= limit + (in_flight_at_exhaustion + 1) x max cost of one request
//   tokens:  used  <= limit + (in_flight_when_full + 1) x max tokens of one request
// (the +1 is the request whose end crossed the limit). Both are asserted below with 500 requests.
import { afterEach, describe, expect, it } from 'vitest';
import { TOKENS_PER_CALL, startLimits, type LimitsFixture } from '../helpers/limits.ts';

let f: LimitsFixture;
afterEach(async () => {
  await f?.close();
});

const COST = TOKENS_PER_CALL * 0.01;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('500 concurrent requests against a small budget', () => {
  it('count every admitted request and overspend by no more than what was in flight when it ran out', async () => {
    f = await startLimits();
    // A little upstream latency, so that many requests are in flight when the budget runs out.
    f.mock.setDefault({ delayMs: 15 });
    const { id, key } = await f.key({ usage_limits: { credit_limit: 1, type: 'cost' } });
    const upstreamBefore = f.mock.requests.length;

    const statuses = await Promise.all(
      Array.from({ length: 500 }, async (_, i) => {
        const res = await f.chat(key, { headers: { 'x-portkey-trace-id': `race-${i}` } });
        await res.arrayBuffer();
        return res.status;
      }),
    );
    const served = statuses.filter((s) => s === 200).length;
    const refused = statuses.filter((s) => s === 412).length;
    expect(served + refused).toBe(500);
    expect(refused).toBeGreaterThan(0);
    // No refused request reached the upstream.
    expect(f.mock.requests.length - upstreamBefore).toBe(served);

    // Every admitted request is counted, to the cent.
    const view = (await f.api('GET', `/v1/api-keys/${id}`)).body as { current_usage: number; status: string };
    expect(view.status).toBe('exhausted');
    expect(view.current_usage).toBeCloseTo(served * COST, 9);

    // The exhaustion notification says how many requests were still running when it ran out.
    const notes = (await f.api('GET', '/v1/notifications')).body.data as {
      type: string;
      subject_id: string;
      data: { in_flight: number; usage: number };
    }[];
    const exhausted = notes.find((n) => n.type === 'usage_limit.exhausted' && n.subject_id === id)!;
    const inFlight = exhausted.data.in_flight;
    // $1 at $0.03 a call runs out at the 34th answer; nothing is admitted after that.
    expect(exhausted.data.usage).toBeCloseTo(34 * COST, 9);
    expect(served).toBe(34 + inFlight);
    expect(view.current_usage - 1).toBeLessThanOrEqual((inFlight + 1) * COST + 1e-9);
  });
});

describe('500 concurrent streams against a token rate limit', () => {
  it('count the tokens of every admitted stream and refuse new ones from memory once the window is full', async () => {
    f = await startLimits();
    const LIMIT = 30; // tokens per minute: ten streams of 3 tokens
    const { key } = await f.key({ rate_limits: [{ type: 'tokens', unit: 'rpm', value: LIMIT }] });
    // Each stream stops after its first chunk until the test lets it finish, in arrival order.
    const gates = Array.from({ length: 500 }, () => {
      let open!: () => void;
      const gate = new Promise<void>((r) => (open = r));
      return { gate, open };
    });
    f.mock.next(...gates.map((g) => ({ gate: g.gate })));

    const streams = Array.from({ length: 500 }, async () => {
      const res = await f.chat(key, { stream: true });
      const text = await res.text();
      return { status: res.status, text };
    });
    // All 500 are admitted (nothing has used a token yet) and reach the upstream.
    await until(() => f.mock.requests.length === 500, 'all streams at the upstream');
    const usage = async () => {
      const res = await fetch(`${f.url}/v1/usage`, { headers: { 'x-portkey-api-key': key } });
      const body = (await res.json()) as { api_key: { rate_limits: { used: number; remaining: number }[] } };
      return body.api_key.rate_limits[0]!;
    };
    expect(await usage()).toMatchObject({ used: 0, remaining: LIMIT });

    // Let ten finish: the window is full, with 490 streams still running.
    for (const g of gates.slice(0, 10)) g.open();
    await until(async () => (await usage()).used === LIMIT, 'ten streams counted');
    const inFlightWhenFull = 490;

    // New streams are refused from memory, without reaching the upstream.
    const late = await Promise.all(Array.from({ length: 20 }, () => f.chat(key, { stream: true }).then((r) => r.status)));
    expect(late).toEqual(Array(20).fill(429));
    expect(f.mock.requests.length).toBe(500);

    // The running ones finish and every one of their tokens counts.
    for (const g of gates.slice(10)) g.open();
    const done = await Promise.all(streams);
    expect(done.every((d) => d.status === 200 && d.text.includes('[DONE]'))).toBe(true);
    const final = await usage();
    expect(final.used).toBe(500 * TOKENS_PER_CALL);
    expect(final.used - LIMIT).toBeLessThanOrEqual((inFlightWhenFull + 1) * TOKENS_PER_CALL);
  });
});
