// Login throttling: failed attempts are counted per email and per client address over a sliding
// window; past the limit, attempts are refused (429, Retry-After) before any password is checked.
// In memory: the appliance is one process, and a restart forgetting the counts costs little.
export interface ThrottleRule {
  limit: number;
  windowMs: number;
}

export interface ThrottleRules {
  email: ThrottleRule;
  /** Looser than per email: an office behind one address shares it. */
  ip: ThrottleRule;
}

export const DEFAULT_THROTTLE: ThrottleRules = {
  email: { limit: 5, windowMs: 15 * 60_000 },
  ip: { limit: 20, windowMs: 15 * 60_000 },
};

/** Past this many tracked names, expired entries are swept (and the oldest dropped if need be). */
const MAX_TRACKED = 10_000;

class FailureWindow {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly rule: ThrottleRule) {}

  private live(key: string, now: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((t) => t > now - this.rule.windowMs);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }

  /** Milliseconds until the next attempt is allowed, or 0 when it is allowed now. */
  waitMs(key: string, now: number): number {
    const times = this.live(key, now);
    if (times.length < this.rule.limit) return 0;
    // Allowed again once enough of the oldest failures have left the window.
    return times[times.length - this.rule.limit]! + this.rule.windowMs - now;
  }

  add(key: string, now: number): void {
    const times = this.live(key, now);
    times.push(now);
    this.failures.delete(key);
    this.failures.set(key, times);
    if (this.failures.size > MAX_TRACKED) this.sweep(now);
  }

  clear(key: string): void {
    this.failures.delete(key);
  }

  private sweep(now: number): void {
    for (const key of [...this.failures.keys()]) this.live(key, now);
    // Entries are kept in order of their last failure: drop the stalest first.
    for (const key of this.failures.keys()) {
      if (this.failures.size <= MAX_TRACKED) break;
      this.failures.delete(key);
    }
  }
}

export class LoginThrottle {
  private readonly byEmail: FailureWindow;
  private readonly byIp: FailureWindow;

  constructor(
    private readonly now: () => number,
    rules: ThrottleRules = DEFAULT_THROTTLE,
  ) {
    this.byEmail = new FailureWindow(rules.email);
    this.byIp = new FailureWindow(rules.ip);
  }

  /** Seconds to wait before the next attempt for this email from this address, or 0. */
  retryAfterSeconds(email: string, ip: string | null): number {
    const now = this.now();
    const wait = Math.max(this.byEmail.waitMs(key(email), now), ip ? this.byIp.waitMs(ip, now) : 0);
    return wait > 0 ? Math.ceil(wait / 1000) : 0;
  }

  failed(email: string, ip: string | null): void {
    const now = this.now();
    this.byEmail.add(key(email), now);
    if (ip) this.byIp.add(ip, now);
  }

  /**
   * A correct password clears the email's count. The address keeps its count: one valid account
   * must not let a guesser reset the budget for every other name it tries.
   */
  succeeded(email: string): void {
    this.byEmail.clear(key(email));
  }
}

const key = (email: string) => email.trim().toLowerCase();
