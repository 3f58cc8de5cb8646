// API key lifecycle: create, list, read, update, rotate, reveal and delete, with the access rules
// of spec §2.1/§3.2. Which keys a caller may touch is one rule for every operation
// (identity/authority.ts keyRefusal, ADR 0010).
import { badRequest, conflict, forbidden, notFound } from '../../errors.ts';
import { isoNow, parseJson, toJson } from '../../db/rows.ts';
import { newId } from '../../ids.ts';
import {
  type ApiKeyPrincipal,
  type AuthContext,
  type KeyDefaults,
  type KeyType,
  type RateLimit,
  type UsageLimits,
  hasScope,
  requireScope,
  requireWorkspace,
} from '../../identity/auth.ts';
import { type KeyReach, type KeyTarget, keyRefusal, personRank } from '../../identity/authority.ts';
import type { WorkspaceRow, WorkspacesRepository } from '../workspaces/repository.ts';
import type { UsersRepository } from '../users/repository.ts';
import type { ApiKeyCache } from './cache.ts';
import { type ApiKeyRow, type ApiKeysRepository, generateRawKey, hashKey, maskKey, principalFromRow } from './repository.ts';
import { invalidScopes, keyScopeFamily } from '../../identity/scopes.ts';
import { checkMetadata } from '../../settings/metadataSchemas.ts';
import type { Paging } from '../../http/paging.ts';
import { type KeyLifecycle, storedSchedule } from './lifecycle.ts';
import { apiKeyView } from './views.ts';
import { type UsageLedger, usageSubject } from '../../identity/usage.ts';
import { MIN_TRANSITION_MS, type RotationPolicyInput, checkRotationPolicy, checkTransitionPeriod } from './rotation.ts';
import { userKeyCountRefusal, userKeyExpiry, userKeyLimits, userKeyOwnerProblem } from './userKeys.ts';

export interface CreateApiKeyInput {
  name: string;
  description?: string | null;
  organisation_id?: string;
  workspace_id?: string;
  user_id?: string;
  scopes: string[];
  rate_limits?: RateLimit[] | null;
  usage_limits?: UsageLimits | null;
  defaults?: KeyDefaults | null;
  alert_emails?: string[];
  expires_at?: string | null;
  rotation_policy?: RotationPolicyInput | null;
}

export interface UpdateApiKeyInput extends Partial<Omit<CreateApiKeyInput, 'scopes'>> {
  scopes?: string[];
  reset_usage?: boolean;
}

/**
 * What binds a key: its budget and rate limits, its usage, its lifetime, its rotation schedule and
 * its defaults (an enforced config, forced metadata). An update that touches one of these needs
 * `govern` reach: it comes from above the key, never from the key itself (ADR 0010).
 */
const GOVERNING_FIELDS = ['usage_limits', 'rate_limits', 'expires_at', 'rotation_policy', 'defaults'] as const;

function governs(input: UpdateApiKeyInput): boolean {
  return input.reset_usage === true || GOVERNING_FIELDS.some((f) => input[f] !== undefined);
}

const KEY_TYPES: Record<string, KeyType | undefined> = {
  'organisation/service': 'organisation-service',
  'workspace/service': 'workspace-service',
  'workspace/user': 'workspace-user',
};

export interface ApiKeysDeps {
  repo: ApiKeysRepository;
  cache: ApiKeyCache;
  workspaces: WorkspacesRepository;
  users: UsersRepository;
  keyPrefix: string;
  now: () => number;
  lifecycle: KeyLifecycle;
  /** The security settings that hold in a workspace (user-key limits and lifetimes, spec §3.3). */
  settings: { forWorkspace(workspaceId: string | null): Record<string, unknown> };
  /** Live budget counters (the limits engine): views show them, reset_usage zeroes them. */
  usage?: UsageLedger;
}

function checkExpiry(expiresAt: string | null | undefined, now: number): string | null {
  if (expiresAt === undefined || expiresAt === null) return null;
  const at = Date.parse(expiresAt);
  if (Number.isNaN(at)) throw badRequest(`expires_at "${expiresAt}" is not an ISO 8601 date-time`, { param: 'expires_at' });
  if (at <= now) throw badRequest('expires_at must be in the future', { param: 'expires_at' });
  return new Date(at).toISOString();
}

function checkUsageLimits(limits: UsageLimits | null | undefined): UsageLimits | null {
  if (!limits) return null;
  if (limits.periodic_reset && limits.periodic_reset_days) {
    throw badRequest('usage_limits takes periodic_reset or periodic_reset_days, not both', { param: 'usage_limits' });
  }
  if (limits.alert_threshold != null && limits.credit_limit != null && limits.alert_threshold >= limits.credit_limit) {
    throw badRequest('usage_limits.alert_threshold must be below credit_limit', { param: 'usage_limits' });
  }
  return limits;
}

export function apiKeysService(deps: ApiKeysDeps) {
  const { repo, cache, workspaces, users, lifecycle } = deps;

  /** The owner of a new workspace-user key: someone who can hold one there. */
  function checkUserKeyOwner(auth: AuthContext, workspaceId: string, userId: string): string {
    const user = users.get(userId);
    if (!user || user.organisation_id !== auth.organisationId) throw notFound(`User "${userId}" was not found`);
    const problem = userKeyOwnerProblem({
      userId: user.id,
      status: user.status,
      orgRole: user.role,
      workspaceRole: users.workspaceRole(workspaceId, user.id),
    });
    if (problem) throw badRequest(problem, { param: 'user_id' });
    return user.id;
  }

  /** The organisation's limit on live user keys per user and workspace (409 when reached). */
  function checkUserKeyCount(workspaceId: string, userId: string, now: number): void {
    const tooMany = userKeyCountRefusal(
      repo.countLiveUserKeys(workspaceId, userId, isoNow(now)),
      userKeyLimits(deps.settings.forWorkspace(workspaceId)),
    );
    if (tooMany) throw conflict(tooMany);
  }

  /** A key (existing or proposed) as the authority rule sees it, its owner ranked in its workspace. */
  function targetOf(
    key: { id: string | null; type: KeyType; workspace_id: string | null; user_id: string | null },
    scopes: readonly string[],
  ): KeyTarget {
    let owner: KeyTarget['owner'] = null;
    if (key.user_id !== null) {
      const user = users.get(key.user_id);
      const wsRole = key.workspace_id ? users.workspaceRole(key.workspace_id, key.user_id) : null;
      owner = { userId: key.user_id, rank: personRank(user?.role ?? null, wsRole) };
    }
    return { id: key.id, type: key.type, scopes, owner };
  }

  const storedScopes = (row: ApiKeyRow) => parseJson<string[]>(row.scopes, []);

  /** The one check every key operation makes: may this caller do `what` to this key? */
  function requireAuthority(auth: AuthContext, target: KeyTarget, reach: KeyReach, what: string): void {
    const why = keyRefusal(auth, target, reach);
    if (why) throw forbidden(`You do not have enough permissions to ${what} this API key: ${why}`);
  }

  function resolveWorkspace(auth: AuthContext, idOrSlug: string | undefined): WorkspaceRow {
    const ref = idOrSlug ?? auth.workspaceId;
    if (!ref) throw badRequest('workspace_id is required when an organisation key creates a workspace key', { param: 'workspace_id' });
    const ws = workspaces.get(ref);
    if (!ws || ws.organisation_id !== auth.organisationId) throw notFound(`Workspace "${ref}" was not found`);
    requireWorkspace(auth, ws.id);
    return ws;
  }

  /**
   * A workspace member reaches only their own user keys (the membersViewUserApiKeys and
   * membersManageUserApiKeys settings give them the scopes at all); others are not limited here.
   */
  function ownKeysOnly(auth: AuthContext): string | null {
    return auth.kind === 'session' && auth.session.workspaceRole === 'member' ? auth.userId : null;
  }

  function loadVisible(auth: AuthContext, id: string, action: string): ApiKeyRow {
    const row = repo.get(id);
    if (!row || row.organisation_id !== auth.organisationId) throw notFound(`API key "${id}" was not found`);
    requireScope(auth, `${keyScopeFamily(row.type)}.${action}`);
    const own = ownKeysOnly(auth);
    if (own !== null && row.user_id !== own) throw notFound(`API key "${id}" was not found`);
    if (row.workspace_id) requireWorkspace(auth, row.workspace_id);
    else if (auth.workspaceId !== null) throw forbidden();
    return row;
  }

  /** Scopes a key of `type` may hold; whether the caller may grant them is the authority rule's. */
  function checkScopes(type: KeyType, scopes: string[]): string[] {
    const unique = [...new Set(scopes)];
    if (unique.length === 0) throw badRequest('scopes must list at least one scope', { param: 'scopes' });
    const bad = invalidScopes(type, unique);
    if (bad.length) {
      throw badRequest(`A ${type} key cannot hold these scopes: ${bad.join(', ')}`, { param: 'scopes' });
    }
    return unique;
  }

  function create(
    auth: AuthContext,
    kind: string,
    subType: string,
    input: CreateApiKeyInput,
    options: { rawKey?: string; creationMode?: ApiKeyRow['creation_mode'] } = {},
  ) {
    const type = KEY_TYPES[`${kind}/${subType}`];
    if (!type) {
      throw badRequest(
        kind === 'organisation' && subType === 'user'
          ? 'Organisation API keys are service keys only: use /api-keys/organisation/service'
          : `Unknown key type "${kind}/${subType}": use organisation/service, workspace/service or workspace/user`,
      );
    }
    requireScope(auth, `${keyScopeFamily(type)}.create`);
    if (input.organisation_id && input.organisation_id !== auth.organisationId) {
      throw forbidden('You cannot create keys in another organisation');
    }
    let workspaceId: string | null = null;
    let userId: string | null = null;
    if (type === 'organisation-service') {
      if (auth.workspaceId !== null) throw forbidden();
    } else {
      const ws = resolveWorkspace(auth, input.workspace_id);
      if (ws.status !== 'active') throw badRequest(`Workspace "${ws.slug}" is archived`);
      workspaceId = ws.id;
    }
    const now = deps.now();
    let expiresAt = checkExpiry(input.expires_at, now);
    if (type === 'workspace-user') {
      if (!input.user_id) throw badRequest('user_id is required for a workspace user key', { param: 'user_id' });
      userId = checkUserKeyOwner(auth, workspaceId!, input.user_id);
      const expiry = userKeyExpiry(
        expiresAt === null ? undefined : Date.parse(expiresAt),
        now,
        userKeyLimits(deps.settings.forWorkspace(workspaceId!)),
        true,
      );
      expiresAt = expiry === null ? null : isoNow(expiry);
    }
    const scopes = checkScopes(type, input.scopes);
    // A caller creates only keys it could act on: within its own type, scopes and rank.
    requireAuthority(auth, targetOf({ id: null, type, workspace_id: workspaceId, user_id: userId }, scopes), 'use', 'create');
    if (userId !== null) checkUserKeyCount(workspaceId!, userId, now);
    checkMetadata(deps.settings.forWorkspace(null), 'api_key', input.defaults?.metadata, 'defaults.metadata');
    const rotation = checkRotationPolicy(input.rotation_policy, now);
    const raw = options.rawKey ?? generateRawKey(deps.keyPrefix);
    const at = isoNow(now);
    const row: ApiKeyRow = {
      id: newId(),
      organisation_id: auth.organisationId,
      workspace_id: workspaceId,
      user_id: userId,
      type,
      name: input.name,
      description: input.description ?? null,
      masked_key: maskKey(raw),
      scopes: JSON.stringify(scopes),
      status: 'active',
      creation_mode: options.creationMode ?? 'api',
      rate_limits: toJson(input.rate_limits),
      usage_limits: toJson(checkUsageLimits(input.usage_limits)),
      current_usage: 0,
      defaults: JSON.stringify(input.defaults ?? {}),
      alert_emails: JSON.stringify(input.alert_emails ?? []),
      expires_at: expiresAt,
      rotation_policy: toJson(rotation?.schedule),
      next_rotation_at: rotation?.nextRotationAt ?? null,
      last_rotated_at: null,
      last_reset_at: null,
      created_at: at,
      last_updated_at: at,
    };
    repo.insert(row, hashKey(raw));
    return { id: row.id, key: raw, object: 'api-key' as const };
  }

  function list(auth: AuthContext, query: { workspace_id?: string; ids?: string[] }, page: Paging) {
    const types = (['organisation-service', 'workspace-service', 'workspace-user'] as const).filter(
      (t) => (t !== 'organisation-service' || auth.workspaceId === null) && hasScope(auth, `${keyScopeFamily(t)}.list`),
    );
    if (types.length === 0) {
      throw forbidden('You do not have enough permissions to execute this request (this API key cannot list API keys)');
    }
    const workspaceId = query.workspace_id ? resolveWorkspace(auth, query.workspace_id).id : (auth.workspaceId ?? undefined);
    const { total, rows } = repo.list({
      organisationId: auth.organisationId,
      workspaceId,
      types: workspaceId ? types.filter((t) => t !== 'organisation-service') : [...types],
      userId: ownKeysOnly(auth) ?? undefined,
      ids: query.ids,
      limit: page.limit,
      offset: page.offset,
      nowIso: isoNow(deps.now()),
    });
    return { total, object: 'list' as const, data: rows.map((r) => apiKeyView(r, deps.usage)) };
  }

  function get(auth: AuthContext, id: string) {
    loadVisible(auth, id, 'read');
    return apiKeyView(repo.getView(id, isoNow(deps.now()))!, deps.usage);
  }

  function update(auth: AuthContext, id: string, input: UpdateApiKeyInput) {
    const row = loadVisible(auth, id, 'update');
    const scopes = input.scopes !== undefined ? checkScopes(row.type, input.scopes) : null;
    // The key as it is, then (with new scopes) as it would be: the caller must reach both.
    requireAuthority(auth, targetOf(row, storedScopes(row)), governs(input) ? 'govern' : 'use', 'change');
    if (scopes) requireAuthority(auth, targetOf(row, scopes), 'use', 'give these scopes to');
    if (input.user_id !== undefined && input.user_id !== row.user_id) {
      throw badRequest('user_id cannot be changed after a key is created', { param: 'user_id' });
    }
    if (input.workspace_id !== undefined && row.workspace_id) {
      const ws = workspaces.get(input.workspace_id);
      if (!ws || ws.id !== row.workspace_id) {
        throw badRequest('workspace_id cannot be changed after a key is created', { param: 'workspace_id' });
      }
    }
    const now = deps.now();
    const changes: Partial<ApiKeyRow> = { last_updated_at: isoNow(now) };
    if (input.name !== undefined) changes.name = input.name;
    if (input.description !== undefined) changes.description = input.description;
    if (scopes) changes.scopes = JSON.stringify(scopes);
    if (input.rate_limits !== undefined) changes.rate_limits = toJson(input.rate_limits);
    if (input.usage_limits !== undefined) {
      changes.usage_limits = toJson(checkUsageLimits(input.usage_limits));
      // Raising the limit reactivates an exhausted key (spec §2.4: budgets auto-reactivate).
      const limit = input.usage_limits?.credit_limit;
      if (row.status === 'exhausted' && (limit == null || limit > row.current_usage)) changes.status = 'active';
    }
    if (input.defaults !== undefined) {
      checkMetadata(deps.settings.forWorkspace(null), 'api_key', input.defaults?.metadata, 'defaults.metadata');
      changes.defaults = JSON.stringify(input.defaults ?? {});
    }
    if (input.alert_emails !== undefined) changes.alert_emails = JSON.stringify(input.alert_emails);
    if (input.expires_at !== undefined) {
      changes.expires_at = checkExpiry(input.expires_at, now);
      if (row.type === 'workspace-user') {
        const requested = changes.expires_at === null ? null : Date.parse(changes.expires_at);
        userKeyExpiry(requested, now, userKeyLimits(deps.settings.forWorkspace(row.workspace_id)), false);
      }
      if (row.status === 'expired') changes.status = 'active';
    }
    if (input.rotation_policy !== undefined) {
      const rotation = checkRotationPolicy(input.rotation_policy, now);
      changes.rotation_policy = toJson(rotation?.schedule);
      changes.next_rotation_at = rotation?.nextRotationAt ?? null;
    }
    if (input.reset_usage) {
      changes.current_usage = 0;
      changes.last_reset_at = isoNow(now);
      if (row.status === 'exhausted') changes.status = 'active';
    }
    repo.update(id, changes);
    cache.invalidate(id);
    if (input.reset_usage) deps.usage?.reset(usageSubject.apiKey(id));
    return {};
  }

  /** POST /api-keys/{id}/rotate: a new secret now; the old one works until key_transition_expires_at. */
  function rotate(auth: AuthContext, id: string, input: { key_transition_period_ms?: number }) {
    const row = loadVisible(auth, id, 'rotate');
    requireAuthority(auth, targetOf(row, storedScopes(row)), 'use', 'rotate');
    const now = deps.now();
    if (row.status === 'expired' || (row.expires_at !== null && Date.parse(row.expires_at) <= now)) {
      throw badRequest(`API key "${id}" has expired: give it a later expires_at before rotating it`);
    }
    const schedule = storedSchedule(row);
    const transitionMs = checkTransitionPeriod(
      input.key_transition_period_ms ?? schedule?.key_transition_period_ms ?? MIN_TRANSITION_MS,
      schedule,
    );
    return lifecycle.rotate(row, transitionMs, 'manual');
  }

  /**
   * POST /api-keys/{id}/reveal: the secret a scheduled rotation made, shown once (ADR 0003), only
   * to a caller that could have created the key (its family's create and rotate scopes, and the
   * authority rule) and, for a key, only to one strictly stronger: never the key itself, nor a
   * helper it minted, or a leaked old secret would outlive every scheduled rotation.
   */
  function reveal(auth: AuthContext, id: string) {
    const row = loadVisible(auth, id, 'rotate');
    requireAuthority(auth, targetOf(row, storedScopes(row)), 'reveal', 'reveal the rotated secret of');
    requireScope(auth, `${keyScopeFamily(row.type)}.create`);
    const key = lifecycle.reveal(id);
    if (key === null) {
      throw notFound(`API key "${id}" has no rotated secret waiting: it is kept only after a scheduled rotation, and shown once`);
    }
    const view = repo.getView(id, isoNow(deps.now()))!;
    return {
      id,
      key,
      last_rotated_at: view.last_rotated_at,
      key_transition_expires_at: view.key_transition_expires_at,
      object: 'api-key' as const,
    };
  }

  function remove(auth: AuthContext, id: string) {
    const row = loadVisible(auth, id, 'delete');
    requireAuthority(auth, targetOf(row, storedScopes(row)), 'use', 'delete');
    repo.delete(id);
    cache.invalidate(id);
    return {};
  }

  /** A person's own workspace user keys in one workspace, newest first (the console's playground chats as one). */
  function ownKeys(userId: string, workspaceId: string): ApiKeyPrincipal[] {
    const ws = workspaces.get(workspaceId);
    if (!ws) return [];
    const { rows } = repo.list({
      organisationId: ws.organisation_id,
      workspaceId,
      types: ['workspace-user'],
      userId,
      nowIso: isoNow(deps.now()),
      limit: 100,
      offset: 0,
    });
    return rows.map(principalFromRow);
  }

  return { create, list, get, update, rotate, reveal, delete: remove, ownKeys };
}

export type ApiKeysService = ReturnType<typeof apiKeysService>;
