// The concurrency gate behind max_concurrent_requests: slots handed out in arrival order, a wait
// that ends at its timeout or when the caller leaves, and a raised limit letting waiters in.
import { describe, expect, it } from 'vitest';
import { ConcurrencyGate } from './concurrency.ts';

const clock = () => performance.now();

describe('ConcurrencyGate', () => {
  it('lets waiters in in arrival order as slots free', async () => {
    const gate = new ConcurrencyGate(1);
    expect(gate.tryEnter()).toBe(true);
    const order: number[] = [];
    const waits = [1, 2, 3].map((n) => gate.enter(5_000, null, clock).then((e) => (order.push(n), e)));
    expect(gate.queued).toBe(3);
    gate.release();
    await waits[0];
    gate.release();
    await waits[1];
    gate.release();
    const last = (await waits[2])!;
    expect(order).toEqual([1, 2, 3]);
    expect(last.ok).toBe(true);
    expect(gate.active).toBe(1);
  });

  it('gives up at the timeout, and when the caller goes away', async () => {
    const gate = new ConcurrencyGate(1);
    gate.tryEnter();
    const timedOut = await gate.enter(30, null, clock);
    expect(timedOut).toMatchObject({ ok: false, why: 'timeout' });
    expect(timedOut.waitedMs).toBeGreaterThanOrEqual(25);
    const abort = new AbortController();
    const leaving = gate.enter(5_000, abort.signal, clock);
    abort.abort(new Error('client gone'));
    expect(await leaving).toMatchObject({ ok: false, why: 'aborted' });
    expect(gate.queued).toBe(0);
    expect(gate.active).toBe(1);
  });

  it('lets waiters in when the limit is raised or removed', async () => {
    const gate = new ConcurrencyGate(1);
    gate.tryEnter();
    const a = gate.enter(5_000, null, clock);
    const b = gate.enter(5_000, null, clock);
    gate.limit = null;
    gate.drain();
    expect((await a).ok && (await b).ok).toBe(true);
    expect(gate.active).toBe(3);
  });
});
