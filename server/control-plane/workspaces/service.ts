// Workspaces (spec §2.4): create, list, read, update (defaults, metadata, limits, archive,
// reset_usage) and delete, forced or not. Every write clears the gateway's workspace cache; writes
// that remove or hide what the gateway resolves clear the key, catalog and config caches too.
// Limits are set from above the workspace, never by its own keys (identity/authority.ts), and
// defaults carry no security setting past the overrides table (organisation/securitySettings.ts).
import type { Static } from 'typebox';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../errors.ts';
import { isoNow, parseJson } from '../../db/rows.ts';
import type { Sqlite } from '../../db/sqlite.ts';
import type { Paging } from '../../http/paging.ts';
import { newId, randomSlug } from '../../ids.ts';
import { checkMetadata } from '../../settings/metadataSchemas.ts';
import { checkDefaultsHoldNoSettings } from '../../settings/securitySettings.ts';
import { type AuthContext, requireScope } from '../../identity/auth.ts';
import { type RoleFacts, actsForOrganisation, canSeeArchivedWorkspaces } from '../../identity/roles.ts';
import { workspaceLimitsRefusal } from '../../identity/authority.ts';
import type { UserRow, UsersRepository } from '../users/repository.ts';
import { memberView } from '../members/views.ts';
import { visibleWorkspaces } from '../../identity/workspaces.ts';
import type { WorkspaceCache } from './cache.ts';
import { describeDependents, hasDependents, workspaceDependents } from './dependents.ts';
import { type WorkspaceChanges, type WorkspacesRepository, workspaceView } from './repository.ts';
import type { CreateWorkspaceBody, DeleteWorkspaceBody, UpdateWorkspaceBody } from './schemas.ts';
import { type UsageLedger, usageSubject } from '../../identity/usage.ts';

export type CreateWorkspaceInput = Static<typeof CreateWorkspaceBody>;
export type UpdateWorkspaceInput = Static<typeof UpdateWorkspaceBody>;
export type DeleteWorkspaceInput = Static<typeof DeleteWorkspaceBody>;

export interface WorkspaceListQuery {
  name?: string;
  exact_name?: string;
  status?: string;
}

export interface WorkspacesDeps {
  db: Sqlite;
  repo: WorkspacesRepository;
  users: UsersRepository;
  facts: RoleFacts;
  cache: WorkspaceCache;
  /** Drops API keys from the auth cache. */
  forgetKeys: (ids: string[]) => void;
  /** Clears the catalog and config caches after a workspace is archived, restored or deleted. */
  forgetResolved: () => void;
  /** Does `ref` (slug or UUID) name a config in the workspace? */
  configExists: (workspaceId: string, ref: string) => boolean;
  /** The organisation's settings (the workspace metadata schema). */
  settings: { get(): Record<string, unknown> };
  /** Throws a 400 when defaults.input_guardrails/output_guardrails name guardrails the workspace cannot use. */
  checkGuardrails?: (organisationId: string, workspaceId: string | null, defaults: Record<string, unknown> | null | undefined) => void;
  now: () => number;
  /** Live budget counters (the limits engine): views show them, reset_usage zeroes them. */
  usage?: UsageLedger;
}

/** Most members a single workspace read shows; the members route pages through the rest. */
const MEMBERS_IN_VIEW = 1000;

type UsageLimit = NonNullable<CreateWorkspaceInput['usage_limits']>[number];

function checkUsageLimits(limits: UsageLimit[] | null | undefined): UsageLimit[] | undefined {
  if (limits === undefined) return undefined;
  (limits ?? []).forEach((l, i) => {
    const where = `usage_limits.${i}`;
    if (l.periodic_reset && l.periodic_reset_days) {
      throw badRequest(`${where} takes periodic_reset or periodic_reset_days, not both`, { param: 'usage_limits' });
    }
    if (l.alert_threshold != null && l.credit_limit != null && l.alert_threshold >= l.credit_limit) {
      throw badRequest(`${where}.alert_threshold must be below credit_limit`, { param: 'usage_limits' });
    }
  });
  return limits ?? [];
}

/** Given defaults keys replace stored ones; null values clear them (user_api_key_config: null). */
function mergeDefaults(stored: Record<string, unknown>, given: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(given)) {
    if (key === 'is_default' || key === 'object') continue;
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

export function workspacesService(deps: WorkspacesDeps) {
  const { repo, users, facts, cache } = deps;
  const visible = visibleWorkspaces(repo, facts);
  const dependents = workspaceDependents(deps.db);

  function requireOrganisationLevel(auth: AuthContext, what: string): void {
    if (!actsForOrganisation(auth, facts)) {
      throw forbidden(`You do not have enough permissions to execute this request (only organisation admins ${what})`);
    }
  }

  function checkUserApiKeyConfig(workspaceId: string | null, defaults: Record<string, unknown> | null | undefined): void {
    const ref = defaults?.user_api_key_config;
    if (ref === undefined || ref === null) return;
    if (typeof ref !== 'string' || workspaceId === null || !deps.configExists(workspaceId, ref)) {
      throw badRequest(`defaults.user_api_key_config: config "${String(ref)}" was not found in this workspace`, {
        param: 'defaults.user_api_key_config',
      });
    }
  }

  function resolveUser(auth: AuthContext, ref: string): UserRow {
    const user = users.find(auth.organisationId, ref);
    if (!user || user.status !== 'active') {
      throw notFound(`User "${ref}" is not a member of the organisation: invite them first`);
    }
    return user;
  }

  function create(auth: AuthContext, input: CreateWorkspaceInput) {
    requireScope(auth, 'workspaces.create');
    requireOrganisationLevel(auth, 'create workspaces');
    checkUserApiKeyConfig(null, input.defaults);
    checkDefaultsHoldNoSettings(input.defaults, deps.settings.get(), '{id}');
    deps.checkGuardrails?.(auth.organisationId, null, input.defaults);
    checkMetadata(deps.settings.get(), 'workspace', input.metadata, 'metadata');
    const usageLimits = checkUsageLimits(input.usage_limits) ?? [];
    const memberIds = new Set((input.users ?? []).map((ref) => resolveUser(auth, ref).id));
    const at = isoNow(deps.now());
    const id = newId();
    repo.transaction(() => {
      repo.insert({
        id,
        organisation_id: auth.organisationId,
        slug: randomSlug('ws', input.name),
        name: input.name,
        description: input.description ?? null,
        is_default: 0,
        status: 'active',
        defaults: JSON.stringify(mergeDefaults({}, input.defaults ?? {})),
        metadata: JSON.stringify(input.metadata ?? {}),
        usage_limits: JSON.stringify(usageLimits),
        rate_limits: JSON.stringify(input.rate_limits ?? []),
        created_at: at,
        last_updated_at: at,
      });
      for (const userId of memberIds) users.addMember(id, userId, 'member', at);
    });
    return workspaceView(repo.get(id)!, deps.usage);
  }

  function list(auth: AuthContext, query: WorkspaceListQuery, page: Paging) {
    requireScope(auth, 'workspaces.list');
    const wanted = (query.status ?? 'active').split(',').map((s) => s.trim());
    // Archived workspaces are left out, not refused, for callers who may not see them.
    const statuses = wanted.filter((s) => s === 'active' || (s === 'archived' && canSeeArchivedWorkspaces(auth, facts)));
    const { total, rows } = repo.list({
      organisationId: auth.organisationId,
      ids: auth.workspaceId ? [auth.workspaceId] : undefined,
      statuses,
      name: query.name,
      exactName: query.exact_name,
      limit: page.limit,
      offset: page.offset,
    });
    return { total, object: 'list' as const, data: rows.map((r) => workspaceView(r, deps.usage)) };
  }

  function get(auth: AuthContext, ref: string) {
    requireScope(auth, 'workspaces.read');
    const ws = visible(auth, ref);
    const members = users.members({ workspaceId: ws.id, limit: MEMBERS_IN_VIEW, offset: 0 }).rows;
    return { ...workspaceView(ws, deps.usage), users: members.map(memberView) };
  }

  function update(auth: AuthContext, ref: string, input: UpdateWorkspaceInput) {
    requireScope(auth, 'workspaces.update');
    const ws = visible(auth, ref);
    if (input.usage_limits !== undefined || input.rate_limits !== undefined || input.reset_usage === true) {
      const why = workspaceLimitsRefusal(auth, facts, ws.id);
      if (why) throw forbidden(`You do not have enough permissions to change the limits of workspace "${ws.slug}": ${why}`);
    }
    const now = deps.now();
    const changes: WorkspaceChanges = {};
    if (input.status !== undefined && input.status !== ws.status) {
      requireOrganisationLevel(auth, 'archive and restore workspaces');
      if (ws.is_default && input.status === 'archived') throw badRequest('The default workspace cannot be archived');
      changes.status = input.status;
    }
    if (input.name !== undefined) changes.name = input.name;
    if (input.description !== undefined) changes.description = input.description;
    if (input.defaults !== undefined) {
      checkUserApiKeyConfig(ws.id, input.defaults);
      checkDefaultsHoldNoSettings(input.defaults, deps.settings.get(), ws.slug);
      deps.checkGuardrails?.(auth.organisationId, ws.id, input.defaults);
      changes.defaults = JSON.stringify(mergeDefaults(parseJson(ws.defaults, {}), input.defaults ?? {}));
    }
    if (input.metadata !== undefined) {
      checkMetadata(deps.settings.get(), 'workspace', input.metadata, 'metadata');
      changes.metadata = JSON.stringify(input.metadata ?? {});
    }
    const usageLimits = checkUsageLimits(input.usage_limits);
    if (usageLimits !== undefined) changes.usage_limits = JSON.stringify(usageLimits);
    if (input.rate_limits !== undefined) changes.rate_limits = JSON.stringify(input.rate_limits ?? []);
    if (input.reset_usage) {
      changes.current_usage = 0;
      changes.last_reset_at = isoNow(now);
      parseJson<unknown[]>(changes.usage_limits ?? ws.usage_limits, []).forEach((_, i) =>
        deps.usage?.reset(usageSubject.workspace(ws.id, i)),
      );
    }
    if (Object.keys(changes).length > 0) {
      changes.last_updated_at = isoNow(now);
      repo.update(ws.id, changes);
      cache.invalidate(ws.id);
      if (changes.status !== undefined) deps.forgetResolved();
    }
    return workspaceView(repo.get(ws.id)!, deps.usage);
  }

  function remove(auth: AuthContext, ref: string, input: DeleteWorkspaceInput) {
    requireScope(auth, 'workspaces.delete');
    requireOrganisationLevel(auth, 'delete workspaces');
    const ws = visible(auth, ref);
    if (ws.is_default) throw badRequest('The default workspace cannot be deleted');
    if (input?.name !== undefined && input.name !== ws.name) {
      throw badRequest(`name "${input.name}" does not match the workspace's name "${ws.name}"`, { param: 'name' });
    }
    const counts = dependents.count(ws.id);
    if (hasDependents(counts) && input?.force_delete !== true) {
      throw conflict(
        `Unable to delete workspace "${ws.slug}": it still has ${describeDependents(counts)}. ` +
          'Delete them first, or send {"force_delete": true} to delete them with the workspace.',
      );
    }
    let removedKeys: string[] = [];
    try {
      repo.transaction(() => {
        removedKeys = dependents.removeAll(ws.id).apiKeyIds;
        repo.delete(ws.id);
      });
    } catch (err) {
      // Something added later that this delete does not know about still points at the workspace.
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
        throw new AppError('AB07', 409, `Unable to delete workspace "${ws.slug}": other records still refer to it`, { detail: err });
      }
      throw err;
    } finally {
      cache.invalidate(ws.id);
      deps.forgetKeys(removedKeys);
      deps.forgetResolved();
    }
    return {};
  }

  return { create, list, get, update, delete: remove };
}

export type WorkspacesService = ReturnType<typeof workspacesService>;
