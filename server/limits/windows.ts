// Rate-limit windows (ADR 0016): a sliding window kept as 60 equal buckets plus the one being
// filled. A request is admitted only if the buckets still in the window hold less than the limit,
// and those buckets always span at least one full window before now, so no interval as long as the
// window ever holds more than the limit: no 2x burst at a window edge, unlike fixed windows, and no
// full-bucket burst on top of a steady rate, unlike a token bucket. The price is that a bucket
// leaves the window whole, up to 1/60 of the window later than an exact log would free it.

export const WINDOW_MS = { rps: 1_000, rpm: 60_000, rph: 3_600_000, rpd: 86_400_000, rpw: 604_800_000 } as const;
export type RateUnit = keyof typeof WINDOW_MS;

const BUCKETS = 60;
/** Slots kept: the 60 buckets of a window plus the one `now` falls in. */
const SLOTS = BUCKETS + 1;

export interface WindowState {
  newest: number;
  counts: number[];
}

export class SlidingWindow {
  readonly bucketMs: number;
  private readonly counts = new Float64Array(SLOTS);
  /** Absolute number (time / bucketMs) of the bucket `now` last fell in. */
  private newest: number;
  private total = 0;
  /** Changed since it was last saved. */
  dirty = false;

  constructor(
    readonly windowMs: number,
    public limit: number,
    now: number,
    saved?: WindowState,
  ) {
    this.bucketMs = windowMs / BUCKETS;
    this.newest = Math.floor(now / this.bucketMs);
    if (saved && saved.counts.length === SLOTS) {
      this.newest = saved.newest;
      saved.counts.forEach((c, i) => (this.counts[i] = c));
      this.total = saved.counts.reduce((a, b) => a + b, 0);
      this.advance(now);
    }
  }

  /** Drops the buckets that have left the window by `now`. */
  private advance(now: number): void {
    const bucket = Math.floor(now / this.bucketMs);
    if (bucket <= this.newest) return;
    const steps = bucket - this.newest;
    if (steps >= SLOTS) {
      this.counts.fill(0);
      this.total = 0;
    } else {
      for (let i = 1; i <= steps; i++) {
        const slot = (this.newest + i) % SLOTS;
        this.total -= this.counts[slot]!;
        this.counts[slot] = 0;
      }
      // Float sums of token counts are whole numbers; this only guards against drift.
      if (this.total < 1e-9) this.total = 0;
    }
    this.newest = bucket;
    this.dirty = true;
  }

  /** What the window holds at `now`. */
  used(now: number): number {
    this.advance(now);
    return this.total;
  }

  add(now: number, amount: number): void {
    this.advance(now);
    this.counts[this.newest % SLOTS]! += amount;
    this.total += amount;
    this.dirty = true;
  }

  /**
   * Milliseconds until the window holds at most `limit - need` (so `need` more fits); 0 when it
   * fits now. For token windows `need` is 1: a request is let in while any token is left.
   */
  waitFor(now: number, need: number): number {
    this.advance(now);
    if (this.total + need <= this.limit) return 0;
    let freed = 0;
    for (let k = 0; k < SLOTS; k++) {
      const bucket = this.newest - BUCKETS + k;
      freed += this.counts[((bucket % SLOTS) + SLOTS) % SLOTS]!;
      // That bucket is out of the window once `now` reaches the bucket SLOTS places after it.
      if (this.total - freed + need <= this.limit) return Math.max(1, (bucket + SLOTS) * this.bucketMs - now);
    }
    return this.windowMs;
  }

  /** Milliseconds until the window is empty again (OpenAI's x-ratelimit-reset-*). */
  resetIn(now: number): number {
    this.advance(now);
    for (let k = 0; k < SLOTS; k++) {
      const bucket = this.newest - k;
      if (this.counts[((bucket % SLOTS) + SLOTS) % SLOTS]! > 0) return Math.max(0, (bucket + SLOTS) * this.bucketMs - now);
    }
    return 0;
  }

  state(): WindowState {
    return { newest: this.newest, counts: Array.from(this.counts) };
  }
}

/** A duration as OpenAI's x-ratelimit-reset-* headers write it: `20ms`, `1s`, `6m0s`, `1h2m3s`. */
export function openAiDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.ceil(ms))}ms`;
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}
