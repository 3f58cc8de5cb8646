// How long a session lives: the organisation setting `session_settings.max_session_ttl` (spec §3.3,
// seconds, at least 900), else eight hours. A session ends at the earlier of the lifetime it was
// given at login and its creation plus the current setting, so lowering the setting ends longer
// sessions at once.
import type { OrganisationSettings } from '../../settings/settings.ts';
import { MIN_SESSION_TTL_SECONDS } from '../../settings/securitySettings.ts';

export const DEFAULT_SESSION_TTL_SECONDS = 8 * 60 * 60;
export { MIN_SESSION_TTL_SECONDS };
/** A bound so that a damaged setting cannot make dates overflow. */
const MAX_SESSION_TTL_SECONDS = 366 * 24 * 60 * 60;

export function sessionTtlSeconds(settings: OrganisationSettings): number {
  const nested = settings.session_settings;
  const raw =
    nested !== null && typeof nested === 'object' && 'max_session_ttl' in nested
      ? (nested as { max_session_ttl?: unknown }).max_session_ttl
      : // Accepted at the top level too, as the setting's name alone.
        settings.max_session_ttl;
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw <= 0) return DEFAULT_SESSION_TTL_SECONDS;
  return Math.min(MAX_SESSION_TTL_SECONDS, Math.max(MIN_SESSION_TTL_SECONDS, Math.floor(raw)));
}

/** When a session made at `createdAt` with the lifetime it was given (`expiresAt`) ends now. */
export function sessionEndsAt(createdAt: number, expiresAt: number, settings: OrganisationSettings): number {
  return Math.min(expiresAt, createdAt + sessionTtlSeconds(settings) * 1000);
}
