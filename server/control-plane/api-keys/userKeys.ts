// Workspace-user keys (spec §2.1, §3.3): who may hold one in a workspace, and the organisation's limits
// on them (how many per user in a workspace, default and longest lifetime).
import { badRequest } from '../../errors.ts';
import type { OrgRole, WorkspaceRole } from '../users/repository.ts';

/**
 * Keys in organisations.settings (JSON). `user_api_key_ttl` is Portkey's name for the lifetime a
 * new user key gets; the others follow it. Lifetimes are in seconds, like `max_session_ttl`.
 */
export const USER_KEY_SETTINGS = {
  /** How many live (not expired) workspace-user keys one user may hold in one workspace. */
  maxPerWorkspace: 'user_api_key_max_per_workspace',
  /** Lifetime of a new user key created without expires_at, in seconds. */
  defaultTtl: 'user_api_key_ttl',
  /** Longest lifetime a user key may be given, in seconds. */
  maxTtl: 'user_api_key_max_ttl',
} as const;

export interface UserKeyLimits {
  maxPerWorkspace: number | null;
  defaultTtlMs: number | null;
  maxTtlMs: number | null;
}

const positiveInt = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null);

/**
 * Reads the limits from the organisation's settings. Missing or unusable values mean "no limit":
 * settings are written by admins and a typo must not lock everyone out of creating keys.
 */
export function userKeyLimits(settings: Record<string, unknown>): UserKeyLimits {
  const seconds = (name: string) => {
    const s = positiveInt(settings[name]);
    return s === null ? null : s * 1000;
  };
  return {
    maxPerWorkspace: positiveInt(settings[USER_KEY_SETTINGS.maxPerWorkspace]),
    defaultTtlMs: seconds(USER_KEY_SETTINGS.defaultTtl),
    maxTtlMs: seconds(USER_KEY_SETTINGS.maxTtl),
  };
}

function describeSeconds(ms: number): string {
  const s = ms / 1000;
  if (s % 86_400 === 0) return `${s / 86_400} day${s === 86_400 ? '' : 's'}`;
  if (s % 3600 === 0) return `${s / 3600} hour${s === 3600 ? '' : 's'}`;
  return `${s} seconds`;
}

/**
 * The expiry a user key gets. `requested` is the body's expires_at in ms (undefined when absent,
 * null when explicitly "never"); `creating` lets a new key fall back to the default lifetime.
 */
export function userKeyExpiry(requested: number | null | undefined, now: number, limits: UserKeyLimits, creating: boolean): number | null {
  const { maxTtlMs, defaultTtlMs } = limits;
  if (typeof requested === 'number') {
    if (maxTtlMs !== null && requested > now + maxTtlMs) {
      throw badRequest(
        `expires_at is beyond the longest lifetime allowed for user API keys (${USER_KEY_SETTINGS.maxTtl}: ` +
          `${describeSeconds(maxTtlMs)}, so no later than ${new Date(now + maxTtlMs).toISOString()})`,
        { param: 'expires_at' },
      );
    }
    return requested;
  }
  if (!creating) {
    if (maxTtlMs !== null) {
      throw badRequest(
        `User API keys must expire: the organisation limits their lifetime (${USER_KEY_SETTINGS.maxTtl}: ${describeSeconds(maxTtlMs)})`,
        { param: 'expires_at' },
      );
    }
    return null;
  }
  if (defaultTtlMs !== null) return now + Math.min(defaultTtlMs, maxTtlMs ?? defaultTtlMs);
  return maxTtlMs === null ? null : now + maxTtlMs;
}

export function userKeyCountRefusal(live: number, limits: UserKeyLimits): string | null {
  if (limits.maxPerWorkspace === null || live < limits.maxPerWorkspace) return null;
  return (
    `This user already holds ${live} user API key${live === 1 ? '' : 's'} in this workspace, the most the organisation allows ` +
    `(${USER_KEY_SETTINGS.maxPerWorkspace}: ${limits.maxPerWorkspace}). Delete one, or ask an organisation admin to raise the limit.`
  );
}

/** The user the key would belong to, with their roles in the key's workspace. */
export interface KeyOwner {
  userId: string;
  status: 'active' | 'archived';
  orgRole: OrgRole;
  workspaceRole: WorkspaceRole | null;
}

const ORG_WIDE: ReadonlySet<OrgRole> = new Set(['owner', 'admin']);

/**
 * Why `owner` cannot hold a workspace-user key in the workspace, or null when they can: they must
 * be an active member of it (organisation owners and admins are members of every workspace).
 * Whether the caller may make a key for them (members only for themselves, nobody for someone who
 * outranks them) is the rule of every key operation, identity/authority.ts keyRefusal.
 */
export function userKeyOwnerProblem(owner: KeyOwner): string | null {
  if (owner.status !== 'active') return `User "${owner.userId}" is not active`;
  if (!ORG_WIDE.has(owner.orgRole) && owner.workspaceRole === null) return `User "${owner.userId}" is not a member of this workspace`;
  return null;
}
