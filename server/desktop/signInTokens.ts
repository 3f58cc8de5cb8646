// One-time sign-in tokens for the desktop window (docs/adr/0013). The shell asks for one over its
// private channel to this process (shellChannel.ts), never over HTTP; the window redeems it once,
// within a minute, on the loopback listener, for an ordinary session of the organisation's owner.
import crypto from 'node:crypto';

const TTL_MS = 60_000;
/** Unredeemed tokens kept at most; the oldest goes first. */
const MAX_OUTSTANDING = 8;

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export class DesktopSignInTokens {
  /** SHA-256 of each token -> when it ends. Tokens themselves are not kept. */
  private readonly pending = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(): { token: string; expires_at: string } {
    const token = crypto.randomBytes(32).toString('base64url');
    const ends = this.now() + TTL_MS;
    this.pending.set(hash(token), ends);
    for (const key of this.pending.keys()) {
      if (this.pending.size <= MAX_OUTSTANDING) break;
      this.pending.delete(key);
    }
    return { token, expires_at: new Date(ends).toISOString() };
  }

  /**
   * True once for a token issued here that has not expired; it is gone afterwards either way. The
   * lookup is by hash, so the time it takes says nothing about how close a guess came.
   */
  redeem(token: string): boolean {
    const key = hash(token);
    const ends = this.pending.get(key);
    this.pending.delete(key);
    return ends !== undefined && this.now() < ends;
  }
}
