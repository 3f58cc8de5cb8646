// Who may act on whom: one rule for every route that touches an API key (creates it, hands out
// its secret, changes it, deletes it) and for who sets the limits of a workspace (ADR 0010).
// Scopes say which routes a caller may call; these rules say which keys and limits it may touch.
import type { AuthContext, KeyType } from './auth.ts';
import { DATA_PLANE_SCOPES } from './roleScopes.ts';
import { type OrgRole, type RoleFacts, type WorkspaceRole, actsForOrganisation, effectiveWorkspaceRole } from './roles.ts';

/** Key types by height: an organisation key is above every workspace key, a service key above a user key. */
const TYPE_LEVEL: Record<KeyType, number> = { 'workspace-user': 1, 'workspace-service': 2, 'organisation-service': 3 };

/**
 * People by rank in one workspace; keys stand where the people who can mint them stand. An
 * organisation key stands with the organisation's owners and admins (they create them; for API keys
 * owners and admins are peers, spec §3.1: admins do everything but billing), a workspace service
 * key with a workspace manager (managers create them), so a key never outranks who made it.
 */
export const RANK = { none: 0, member: 1, manager: 2, workspaceAdmin: 3, organisation: 4 } as const;

/** A person's rank in a workspace from their organisation role and their role there. */
export function personRank(orgRole: OrgRole | null, workspaceRole: WorkspaceRole | null): number {
  if (orgRole === 'owner' || orgRole === 'admin') return RANK.organisation;
  if (workspaceRole === 'admin') return RANK.workspaceAdmin;
  if (workspaceRole === 'manager') return RANK.manager;
  return workspaceRole === 'member' ? RANK.member : RANK.none;
}

const RANK_NAMES: Record<number, string> = {
  [RANK.none]: 'someone outside the workspace',
  [RANK.member]: 'a workspace member',
  [RANK.manager]: 'a workspace manager',
  [RANK.workspaceAdmin]: 'a workspace admin',
  [RANK.organisation]: 'an organisation owner or admin',
};

/** What the rules read about a caller. */
interface Standing {
  /** The caller's own key, when it is one (sessions are not keys). */
  keyId: string | null;
  /** The person calling, for sessions; keys are ranked by their type instead. */
  userId: string | null;
  /** The highest key type it may create. */
  level: number;
  rank: number;
  /** The scopes it holds. */
  held: ReadonlySet<string>;
  /** Whether it may grant `scope`: one it holds, or (organisation level) a data-plane scope. */
  grants(scope: string): boolean;
}

const DATA_PLANE: ReadonlySet<string> = new Set(DATA_PLANE_SCOPES);

function standingOf(auth: AuthContext): Standing {
  const held = auth.key.scopes;
  let level: number;
  let rank: number;
  let userId: string | null = null;
  if (auth.kind === 'session') {
    const { orgRole, workspaceRole } = auth.session;
    userId = auth.userId;
    rank = personRank(orgRole, workspaceRole);
    level = rank >= RANK.organisation ? 3 : rank >= RANK.manager ? 2 : rank;
  } else {
    level = TYPE_LEVEL[auth.key.type];
    rank =
      auth.key.type === 'organisation-service' ? RANK.organisation : auth.key.type === 'workspace-service' ? RANK.manager : RANK.member;
  }
  // Organisation-level callers hand out the gateway scopes no organisation key can hold itself:
  // making keys that call the gateway is what they make workspace keys for.
  const orgLevel = level === 3;
  return {
    keyId: auth.kind === 'api_key' ? auth.key.id : null,
    userId,
    level,
    rank,
    held,
    grants: (s) => held.has(s) || (orgLevel && DATA_PLANE.has(s)),
  };
}

/** An API key as the rules see it: an existing one, or one a create or update would make. */
export interface KeyTarget {
  /** Null for a key not created yet. */
  id: string | null;
  type: KeyType;
  scopes: readonly string[];
  /** The person a workspace-user key acts for, ranked in the key's workspace (personRank). */
  owner: { userId: string; rank: number } | null;
}

/**
 * `use`: create it, rotate it, rename it, change its scopes, delete it. `reveal`: collect the
 * secret a scheduled rotation made. `govern`: change what binds it (limits, usage, lifetime,
 * rotation schedule, defaults).
 */
export type KeyReach = 'use' | 'reveal' | 'govern';

/**
 * Why `auth` may not act on `target` with `reach`, or null when it may. One rule for every key
 * route, in this order:
 * - the key's type is not above the caller's (an organisation key is above any workspace key);
 * - every scope of the key is one the caller may grant (a caller obtains nothing it lacks);
 * - to reveal or govern, a key must be strictly stronger than the target (a higher type, or the
 *   same type with more scopes): never the key itself, nor an equal that it minted, so a key cannot
 *   collect its own future secret or lift its own limits through a helper;
 * - a key acting for a person: the caller is that person, or ranks at least as high (`use`,
 *   `reveal`) or strictly higher (`govern`: limits are set from above, so members and managers do
 *   not change their own or their peers' keys' limits; at the top, the organisation's owners,
 *   admins and keys set each other's); members act only on their own keys.
 */
export function keyRefusal(auth: AuthContext, target: KeyTarget, reach: KeyReach): string | null {
  const me = standingOf(auth);
  const level = TYPE_LEVEL[target.type];
  if (me.level < level) return `it is a ${target.type} key, above what you may create`;
  const beyond = target.scopes.filter((s) => !me.grants(s));
  if (beyond.length) return `it holds scopes you do not: ${beyond.join(', ')}`;
  if (reach !== 'use' && me.keyId !== null) {
    if (me.keyId === target.id) {
      return reach === 'reveal'
        ? 'an API key cannot reveal its own rotated secret: ask an admin, or rotate it with POST /v1/api-keys/{id}/rotate'
        : 'an API key cannot change its own limits, usage, lifetime, rotation or defaults: ask an admin';
    }
    const stronger = me.level > level || [...me.held].some((s) => !target.scopes.includes(s));
    if (!stronger) return 'it is as strong as your own key (same type, same scopes); only a stronger key or an admin may';
  }
  if (target.owner) {
    const { userId, rank } = target.owner;
    if (me.userId !== null && me.userId === userId) {
      if (reach === 'govern' && me.rank < RANK.workspaceAdmin) {
        return 'the limits, lifetime and defaults of your own keys are set by a workspace admin or above';
      }
    } else if (me.userId !== null && me.rank <= RANK.member) {
      return 'workspace members create and manage user keys only for themselves';
    } else if (reach === 'govern' && me.rank < RANK.organisation ? me.rank <= rank : me.rank < rank) {
      const whom = RANK_NAMES[rank] ?? 'someone';
      return reach === 'govern' && me.rank === rank
        ? `it belongs to ${whom}, the same rank as you: their limits are set from above`
        : `it belongs to ${whom}, who outranks you`;
    }
  }
  return null;
}

/**
 * Why `auth` may not set the limits (budgets, rate limits, usage resets) of a workspace, or null.
 * Limits are set from above the workspace (spec §2.4): organisation keys, owners and admins, and
 * the workspace's admins. Never a key of the workspace itself, or it could lift its own limits.
 */
export function workspaceLimitsRefusal(auth: AuthContext, facts: RoleFacts, workspaceId: string): string | null {
  if (actsForOrganisation(auth, facts)) return null;
  if (auth.kind === 'session' && effectiveWorkspaceRole(facts, workspaceId, auth.userId) === 'admin') return null;
  return auth.kind === 'api_key'
    ? "a workspace's own keys cannot change its limits or reset its usage: an organisation key, owner or admin, or a workspace admin sets them"
    : "only organisation owners and admins and the workspace's admins set its limits and reset its usage";
}
