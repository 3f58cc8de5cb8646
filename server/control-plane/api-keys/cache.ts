// In-memory lookup of API keys for the request path: a hash of the presented key maps to the
// key's principal. A miss reads SQLite once; updates and deletes invalidate by key id.
import type { ApiKeyPrincipal, KeyLookup } from '../../identity/auth.ts';
import { hashKey, principalFromRow, type ApiKeysRepository } from './repository.ts';

interface Entry {
  principal: ApiKeyPrincipal;
  /** When this particular secret stops working (the old secret of a rotated key). */
  secretExpiresAt: number | null;
}

/** How many presented keys keep their hash memoised; past that the memo starts over. */
const MAX_MEMOISED_HASHES = 10_000;

export class ApiKeyCache {
  private readonly bySecret = new Map<string, Entry>();
  private readonly secretsByKey = new Map<string, Set<string>>();
  /**
   * SHA-256 of keys that matched a row, by the key as presented: a client sends the same key on
   * every request, and hashing it each time was a visible share of a gateway request's CPU. A hash
   * never changes, so nothing here needs invalidating: revocation works on `bySecret` as before.
   */
  private readonly hashByRaw = new Map<string, string>();

  constructor(
    private readonly repo: ApiKeysRepository,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Looks a presented key up by its SHA-256 hash. Keys are 256-bit random values, so the hash is
   * the index: no comparison of the secret itself happens here that timing could reveal.
   */
  lookup(raw: string): KeyLookup {
    const hash = this.hashOf(raw);
    let entry = this.bySecret.get(hash);
    if (!entry) {
      const row = this.repo.findBySecretHash(hash);
      if (!row) return { ok: false, reason: 'unknown' };
      // Only keys that exist are memoised, so guessed keys cannot churn the memo.
      if (this.hashByRaw.size >= MAX_MEMOISED_HASHES) this.hashByRaw.clear();
      this.hashByRaw.set(raw, hash);
      entry = {
        principal: principalFromRow(row),
        secretExpiresAt: row.secret_expires_at ? Date.parse(row.secret_expires_at) : null,
      };
      this.bySecret.set(hash, entry);
      let hashes = this.secretsByKey.get(row.id);
      if (!hashes) this.secretsByKey.set(row.id, (hashes = new Set()));
      hashes.add(hash);
    }
    const now = this.now();
    if (entry.secretExpiresAt !== null && entry.secretExpiresAt <= now) return { ok: false, reason: 'unknown' };
    const { principal } = entry;
    if (principal.status === 'expired' || (principal.expiresAt !== null && principal.expiresAt <= now)) {
      return { ok: false, reason: 'expired' };
    }
    return { ok: true, principal };
  }

  private hashOf(raw: string): string {
    return this.hashByRaw.get(raw) ?? hashKey(raw);
  }

  invalidate(keyId: string): void {
    const hashes = this.secretsByKey.get(keyId);
    if (!hashes) return;
    for (const h of hashes) this.bySecret.delete(h);
    this.secretsByKey.delete(keyId);
    // Not needed for correctness (a hash stays right), but a revoked secret need not stay in memory.
    for (const [raw, h] of this.hashByRaw) if (hashes.has(h)) this.hashByRaw.delete(raw);
  }

  clear(): void {
    this.bySecret.clear();
    this.secretsByKey.clear();
    this.hashByRaw.clear();
  }
}
