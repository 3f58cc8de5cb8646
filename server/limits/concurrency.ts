// max_concurrent_requests of a provider or an integration: at most `limit` requests at its upstream
// at once; the rest wait in arrival order until a slot frees, the request gives up, or the queue
// timeout passes (then the gateway answers 429). Without a limit a gate never waits.

export interface AbortLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

interface Waiter {
  grant: () => void;
  fail: (why: 'timeout' | 'aborted') => void;
}

export type Entry = { ok: true; waitedMs: number } | { ok: false; why: 'timeout' | 'aborted'; waitedMs: number };

export class ConcurrencyGate {
  active = 0;
  private readonly waiting: Waiter[] = [];
  /** Reads the limit the control plane holds now (the worker re-reads it while requests wait). */
  current: (() => number | null) | null = null;

  constructor(
    /** null: unlimited. */
    public limit: number | null,
  ) {}

  get queued(): number {
    return this.waiting.length;
  }

  /** Takes a slot now if one is free (the common case: no promise, no timer). */
  tryEnter(): boolean {
    if (this.limit !== null && this.active >= this.limit) return false;
    this.active += 1;
    return true;
  }

  /** Waits for a slot up to `timeoutMs`; `now` is a monotonic clock for the time waited. */
  enter(timeoutMs: number, signal: AbortLike | null, now: () => number): Promise<Entry> {
    if (this.tryEnter()) return Promise.resolve({ ok: true, waitedMs: 0 });
    const started = now();
    return new Promise<Entry>((resolve) => {
      let timer: NodeJS.Timeout | null = null;
      const onAbort = () => waiter.fail('aborted');
      const done = () => {
        if (timer) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const i = this.waiting.indexOf(waiter);
        if (i !== -1) this.waiting.splice(i, 1);
      };
      const waiter: Waiter = {
        grant: () => {
          done();
          resolve({ ok: true, waitedMs: now() - started });
        },
        fail: (why) => {
          done();
          resolve({ ok: false, why, waitedMs: now() - started });
        },
      };
      this.waiting.push(waiter);
      timer = setTimeout(() => waiter.fail('timeout'), timeoutMs);
      timer.unref();
      if (signal) {
        if (signal.aborted) waiter.fail('aborted');
        else signal.addEventListener('abort', onAbort, { once: true });
      }
    });
  }

  release(): void {
    this.active = Math.max(0, this.active - 1);
    this.drain();
  }

  /** Hands free slots to the waiters in arrival order (also after the limit was raised). */
  drain(): void {
    while (this.waiting.length > 0 && (this.limit === null || this.active < this.limit)) {
      this.active += 1;
      this.waiting[0]!.grant();
    }
  }
}
