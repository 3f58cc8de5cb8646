// The rate-limit window with an injected clock: never more than the limit in any interval as long
// as the window (no 2x burst at an edge), Retry-After that is exactly when a request fits again,
// and OpenAI's duration spelling for x-ratelimit-reset-*.
import { describe, expect, it } from 'vitest';
import { SlidingWindow, WINDOW_MS, openAiDuration } from './windows.ts';

/** Admits like the engine does: fits -> counted. Returns the admission times. */
function drive(window: SlidingWindow, times: number[]): number[] {
  const admitted: number[] = [];
  for (const t of times) {
    if (window.waitFor(t, 1) === 0) {
      window.add(t, 1);
      admitted.push(t);
    }
  }
  return admitted;
}

describe('sliding window', () => {
  it('admits the limit, refuses the next, and says when it fits again', () => {
    const w = new SlidingWindow(WINDOW_MS.rpm, 3, 0);
    expect(drive(w, [0, 1000, 2000, 3000])).toEqual([0, 1000, 2000]);
    const wait = w.waitFor(3000, 1);
    // The bucket of t=0 leaves the window one minute and one bucket (1 s) after it started.
    expect(wait).toBe(61_000 - 3000);
    expect(w.waitFor(3000 + wait - 1, 1)).toBeGreaterThan(0);
    expect(w.waitFor(3000 + wait, 1)).toBe(0);
  });

  it('lets no interval of one window hold more than the limit, even at a fixed-window edge', () => {
    const limit = 10;
    const w = new SlidingWindow(WINDOW_MS.rpm, limit, 0);
    // A client hammering every 50 ms for five minutes, including right around each minute boundary.
    const times = Array.from({ length: 6000 }, (_, i) => i * 50);
    const admitted = drive(w, times);
    for (let i = 0; i < admitted.length; i++) {
      const inWindow = admitted.filter((t) => t > admitted[i]! - WINDOW_MS.rpm && t <= admitted[i]!).length;
      expect(inWindow).toBeLessThanOrEqual(limit);
    }
    // A fixed window would admit 2 x limit across the edge at t=60 s; the sliding one stays at the limit.
    const aroundEdge = admitted.filter((t) => t >= 59_000 && t < 61_000).length + admitted.filter((t) => t < 59_000).length;
    expect(aroundEdge).toBeLessThanOrEqual(limit);
    // And it keeps admitting over time: about one limit per window (and one extra bucket).
    expect(admitted.length).toBeGreaterThanOrEqual(5 * limit - limit);
  });

  it('counts tokens added after the fact and refuses while the window is full', () => {
    const w = new SlidingWindow(WINDOW_MS.rph, 1000, 0);
    w.add(10, 999);
    expect(w.waitFor(20, 1)).toBe(0);
    w.add(30, 500);
    expect(w.used(40)).toBe(1499);
    expect(w.waitFor(40, 1)).toBeGreaterThan(0);
    // Both additions sit in the first one-minute bucket: it leaves after an hour and a minute.
    expect(w.waitFor(40, 1)).toBe(WINDOW_MS.rph + 60_000 - 40);
    expect(w.used(WINDOW_MS.rph + 60_000)).toBe(0);
  });

  it('says how long until the window is empty, and survives a save and a restart', () => {
    const w = new SlidingWindow(WINDOW_MS.rps, 5, 10_000);
    w.add(10_100, 2);
    // Empty again one window (and at most one bucket, 1/60 of it) later.
    expect(w.resetIn(10_100)).toBeGreaterThanOrEqual(1000);
    expect(w.resetIn(10_100)).toBeLessThanOrEqual(1000 + 1000 / 60 + 1e-6);
    const restored = new SlidingWindow(WINDOW_MS.rps, 5, 10_200, w.state());
    expect(restored.used(10_200)).toBe(2);
    expect(restored.used(12_000)).toBe(0);
  });

  it('spells durations the way OpenAI does', () => {
    expect(openAiDuration(20)).toBe('20ms');
    expect(openAiDuration(1000)).toBe('1s');
    expect(openAiDuration(360_000)).toBe('6m0s');
    expect(openAiDuration(3_723_000)).toBe('1h2m3s');
  });
});
