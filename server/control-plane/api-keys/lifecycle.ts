// A key's secrets over time: manual and scheduled rotation, the end of transition periods, and
// keys whose expires_at has passed. Routes call rotate/reveal; the background worker calls tick().
// Every change here invalidates the request path's key cache.
import { isoNow, parseJson } from '../../db/rows.ts';
import type { SecretBox } from '../../secrets/cipher.ts';
import type { ApiKeyCache } from './cache.ts';
import { type ApiKeyRow, type ApiKeysRepository, generateRawKey, hashKey, maskKey } from './repository.ts';
import { MIN_TRANSITION_MS, type RotationSchedule, nextRotationAt } from './rotation.ts';

export type RotationMode = 'manual' | 'auto';

/** What an audit log needs to record about a rotation (spec §2.1); never the secrets. */
export interface RotationEvent {
  api_key_id: string;
  organisation_id: string;
  workspace_id: string | null;
  rotation_mode: RotationMode;
  old_key_masked: string;
  transition_expires_at: string;
}

export interface KeyLifecycleDeps {
  repo: ApiKeysRepository;
  cache: ApiKeyCache;
  secrets: SecretBox;
  keyPrefix: string;
  now: () => number;
  onRotated?: (event: RotationEvent) => void;
}

export interface TickSummary {
  /** Keys whose rotated-out secret ended. */
  transitionsEnded: string[];
  /** Keys marked expired. */
  expired: string[];
  /** Keys rotated by their schedule. */
  rotated: string[];
  /** Keys whose scheduled rotation was skipped because they have expired, and failures. */
  skipped: { id: string; reason: string }[];
}

export function storedSchedule(row: Pick<ApiKeyRow, 'rotation_policy'>): RotationSchedule | null {
  const p = parseJson<Partial<RotationSchedule> | null>(row.rotation_policy, null);
  if (!p) return null;
  return {
    rotation_period: p.rotation_period ?? null,
    rotation_period_days: p.rotation_period_days ?? null,
    key_transition_period_ms: p.key_transition_period_ms ?? MIN_TRANSITION_MS,
  };
}

function isExpired(row: ApiKeyRow, now: number): boolean {
  return row.status === 'expired' || (row.expires_at !== null && Date.parse(row.expires_at) <= now);
}

export function keyLifecycle(deps: KeyLifecycleDeps) {
  const { repo, cache, secrets } = deps;

  /**
   * Gives the key a new secret. The current one keeps working for `transitionMs`; one rotated out
   * earlier and still in transition ends now, so a key never has more than two live secrets.
   */
  function rotate(row: ApiKeyRow, transitionMs: number, mode: RotationMode) {
    const now = deps.now();
    const raw = generateRawKey(deps.keyPrefix);
    const schedule = storedSchedule(row);
    // A periodic schedule restarts from this rotation; a one-off date stays until it has run.
    let next = row.next_rotation_at;
    if (schedule && (schedule.rotation_period || schedule.rotation_period_days)) {
      next = new Date(nextRotationAt(schedule, now)!).toISOString();
    } else if (mode === 'auto') {
      next = null;
    }
    const transitionExpiresAt = isoNow(now + transitionMs);
    repo.rotateSecret({
      keyId: row.id,
      newHash: hashKey(raw),
      // Only a scheduled rotation keeps a (sealed) copy: nobody is there to receive the secret.
      sealed: mode === 'auto' ? secrets.encrypt(raw) : null,
      maskedKey: maskKey(raw),
      at: isoNow(now),
      transitionExpiresAt,
      nextRotationAt: next,
    });
    cache.invalidate(row.id);
    deps.onRotated?.({
      api_key_id: row.id,
      organisation_id: row.organisation_id,
      workspace_id: row.workspace_id,
      rotation_mode: mode,
      old_key_masked: row.masked_key,
      transition_expires_at: transitionExpiresAt,
    });
    return { id: row.id, key: raw, key_transition_expires_at: transitionExpiresAt };
  }

  /** The secret of the key's last scheduled rotation, once; null when none is waiting. */
  function reveal(keyId: string): string | null {
    const sealed = repo.takeSealedSecret(keyId);
    return sealed === null ? null : secrets.decrypt(sealed);
  }

  /** One pass of the background worker. Safe to run at any time and as often as wanted. */
  function tick(): TickSummary {
    const now = deps.now();
    const at = isoNow(now);
    const summary: TickSummary = { transitionsEnded: [], expired: [], rotated: [], skipped: [] };

    summary.transitionsEnded = repo.purgeEndedSecrets(at);
    summary.expired = repo.markExpired(at);
    for (const id of [...summary.transitionsEnded, ...summary.expired]) cache.invalidate(id);

    for (const row of repo.dueForRotation(at)) {
      const schedule = storedSchedule(row);
      try {
        if (isExpired(row, now)) {
          // Rotating a key nobody can use gives nobody anything: move the schedule on instead.
          const next = schedule ? nextRotationAt(schedule, now) : null;
          repo.update(row.id, { next_rotation_at: next === null ? null : isoNow(next) });
          summary.skipped.push({ id: row.id, reason: 'expired' });
          continue;
        }
        rotate(row, schedule?.key_transition_period_ms ?? MIN_TRANSITION_MS, 'auto');
        summary.rotated.push(row.id);
      } catch (err) {
        summary.skipped.push({ id: row.id, reason: err instanceof Error ? err.message : String(err) });
      }
    }
    return summary;
  }

  return { rotate, reveal, tick };
}

export type KeyLifecycle = ReturnType<typeof keyLifecycle>;
