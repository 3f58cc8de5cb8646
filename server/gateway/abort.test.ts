// The gateway's abort handle behaves like AbortController wherever undici and the gateway look.
import { describe, expect, it } from 'vitest';
import { GatewayAbort } from './abort.ts';

describe('GatewayAbort', () => {
  it('runs each listener once with the reason set, and keeps the first reason', () => {
    const a = new GatewayAbort();
    const seen: unknown[] = [];
    a.signal.addEventListener('abort', () => seen.push(a.signal.reason), { once: true });
    const first = new Error('first');
    a.abort(first);
    a.abort(new Error('second'));
    expect(a.signal.aborted).toBe(true);
    expect(a.signal.reason).toBe(first);
    expect(seen).toEqual([first]);
  });

  it('does not run a removed listener, and gives an AbortError without a reason, as AbortController does', () => {
    const a = new GatewayAbort();
    let calls = 0;
    const listener = () => calls++;
    a.signal.addEventListener('abort', listener);
    a.signal.removeEventListener('abort', listener);
    a.abort();
    expect(calls).toBe(0);
    expect(a.signal.reason).toBeInstanceOf(DOMException);
    expect((a.signal.reason as DOMException).name).toBe('AbortError');
  });
});
