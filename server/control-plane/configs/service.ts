// Saved routing configs (spec §2.3): create, read, list, update (each update is a new version),
// delete, version history, and resolveConfig for the request path, served from a cache that every
// write clears. Config bodies go through validateConfig, so a saved config always routes.
import crypto from 'node:crypto';
import { badRequest, internalError, notFound } from '../../errors.ts';
import { isoNow, parseJson } from '../../db/rows.ts';
import type { Sqlite } from '../../db/sqlite.ts';
import type { Paging } from '../../http/paging.ts';
import { newId, slugify } from '../../ids.ts';
import { type AuthContext, requireScope, requireWorkspace } from '../../identity/auth.ts';
import { validateConfig } from '../../routing-configs/validate.ts';
import { given, workspaceAccess } from '../../identity/workspaces.ts';
import type { ConfigNode } from '../../routing-configs/types.ts';
import type { WorkspacesRepository } from '../workspaces/repository.ts';
import { ConfigCache, type ResolvedConfig } from './cache.ts';
import { type ConfigRow, type ConfigVersionRow, type CurrentConfigRow, configsRepository } from './repository.ts';

type IsDefault = boolean | number;

export interface CreateConfigInput {
  name: string;
  config: unknown;
  is_default?: IsDefault;
  isDefault?: IsDefault;
  workspace_id?: string | null;
}

export interface UpdateConfigInput {
  name?: string;
  config?: unknown;
  status?: 'active' | 'archived';
  is_default?: IsDefault;
  isDefault?: IsDefault;
  workspace_id?: string | null;
}

export interface ConfigsDeps {
  db: Sqlite;
  workspaces: WorkspacesRepository;
  now: () => number;
  /** Throws a 400 naming the path when a config's guardrail entries would not run in the workspace. */
  checkGuardrails?: (organisationId: string, workspaceId: string, config: ConfigNode) => void;
}

/** Portkey shows every saved config with this type (OAS versions example). */
const CONFIG_TYPE = 'ORG_CONFIG';

function summaryView(row: ConfigRow) {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    organisation_id: row.organisation_id,
    workspace_id: row.workspace_id,
    is_default: row.is_default,
    status: row.status,
    owner_id: row.owner_id,
    updated_by: row.updated_by,
    created_at: row.created_at,
    last_updated_at: row.last_updated_at,
    object: 'config' as const,
  };
}

function detailView(row: CurrentConfigRow) {
  return {
    ...summaryView(row),
    config: parseJson<Record<string, unknown>>(row.config, {}),
    format: 'json' as const,
    type: CONFIG_TYPE,
    version_id: row.current_version_id,
    version: row.version,
  };
}

function versionView(row: CurrentConfigRow, v: ConfigVersionRow) {
  return {
    ...summaryView(row),
    name: v.name,
    updated_by: v.created_by,
    created_at: v.created_at,
    last_updated_at: v.created_at,
    config: v.config,
    format: 'json' as const,
    type: CONFIG_TYPE,
    version_id: v.id,
    version: v.version,
  };
}

/** `pc-<first letters of the name>-<6 hex>`, like Portkey's `pc-pplx-c-ca7a87`. */
const configSlug = (name: string) => `pc-${slugify(name, 6)}-${crypto.randomBytes(3).toString('hex')}`;

/** Who made a change: the user behind the key, or the service key itself. */
const actorOf = (auth: AuthContext) => auth.userId ?? auth.key.id;

const defaultFlag = (input: { is_default?: IsDefault; isDefault?: IsDefault }): number | undefined => {
  const flag = input.is_default ?? input.isDefault;
  return flag === undefined ? undefined : flag === true || flag === 1 ? 1 : 0;
};

export function configsService(deps: ConfigsDeps) {
  const repo = configsRepository(deps.db);
  const ws = workspaceAccess(deps.workspaces);
  const cache = new ConfigCache(repo);

  /** One transaction for every write; the cache is cleared whether it committed or not. */
  function mutate<T>(fn: () => T): T {
    try {
      return repo.transaction(fn);
    } finally {
      cache.clear();
    }
  }

  /** The config `ref` (slug or UUID) names, checked against the caller and an optional workspace. */
  function load(auth: AuthContext, ref: string, workspaceRef: string | null | undefined): CurrentConfigRow {
    const row = repo.get(ref);
    if (!row || row.organisation_id !== auth.organisationId) throw notFound(`Config "${ref}" was not found`);
    requireWorkspace(auth, row.workspace_id);
    const wanted = given(workspaceRef);
    if (wanted) {
      const named = ws.named(auth, wanted);
      if (named && named.id !== row.workspace_id) throw notFound(`Config "${ref}" was not found in workspace "${named.slug}"`);
    }
    return row;
  }

  function uniqueSlug(name: string): string {
    for (let i = 0; i < 5; i++) {
      const slug = configSlug(name);
      if (!repo.slugTaken(slug)) return slug;
    }
    throw internalError(new Error('could not find a free config slug in 5 tries'));
  }

  function create(auth: AuthContext, input: CreateConfigInput) {
    requireScope(auth, 'configs.create');
    const workspace = ws.required(auth, input.workspace_id ?? undefined, 'configs');
    const config = validateConfig(input.config);
    deps.checkGuardrails?.(auth.organisationId, workspace.id, config);
    const at = isoNow(deps.now());
    const actor = actorOf(auth);
    const row: ConfigRow = {
      id: newId(),
      organisation_id: auth.organisationId,
      workspace_id: workspace.id,
      slug: uniqueSlug(input.name),
      name: input.name,
      is_default: defaultFlag(input) ?? 0,
      status: 'active',
      current_version_id: newId(),
      owner_id: actor,
      updated_by: actor,
      created_at: at,
      last_updated_at: at,
    };
    mutate(() => {
      if (row.is_default) repo.clearOtherDefaults(row.workspace_id, row.id);
      repo.insert(row);
      repo.insertVersion({
        id: row.current_version_id,
        config_id: row.id,
        version: 1,
        name: row.name,
        config: JSON.stringify(config),
        created_by: actor,
        created_at: at,
      });
    });
    const data = { id: row.id, slug: row.slug, version_id: row.current_version_id };
    return { success: true as const, data, ...data, object: 'config' as const };
  }

  function get(auth: AuthContext, ref: string, workspaceRef: string | undefined) {
    requireScope(auth, 'configs.read');
    const view = detailView(load(auth, ref, workspaceRef));
    return { success: true as const, data: view, ...view };
  }

  function list(auth: AuthContext, query: { workspace_id?: string }, page: Paging) {
    requireScope(auth, 'configs.list');
    // Workspace keys see their workspace; organisation keys see every workspace unless they name one.
    const workspace = ws.named(auth, query.workspace_id);
    const { total, rows } = repo.list({ organisationId: auth.organisationId, workspaceId: workspace?.id ?? null, ...page });
    return { success: true as const, object: 'list' as const, total, data: rows.map(summaryView) };
  }

  function update(auth: AuthContext, ref: string, input: UpdateConfigInput) {
    requireScope(auth, 'configs.update');
    const row = load(auth, ref, input.workspace_id);
    const isDefault = defaultFlag(input);
    if (input.name === undefined && input.config === undefined && input.status === undefined && isDefault === undefined) {
      throw badRequest('Nothing to update: send name, config, status or is_default');
    }
    const validated = input.config === undefined ? null : validateConfig(input.config);
    if (validated) deps.checkGuardrails?.(auth.organisationId, row.workspace_id, validated);
    const config = validated ? JSON.stringify(validated) : row.config;
    const at = isoNow(deps.now());
    const actor = actorOf(auth);
    const versionId = newId();
    const name = input.name ?? row.name;
    mutate(() => {
      if (isDefault) repo.clearOtherDefaults(row.workspace_id, row.id);
      repo.insertVersion({
        id: versionId,
        config_id: row.id,
        version: repo.nextVersion(row.id),
        name,
        config,
        created_by: actor,
        created_at: at,
      });
      repo.update(row.id, {
        name,
        status: input.status ?? row.status,
        is_default: isDefault ?? row.is_default,
        current_version_id: versionId,
        updated_by: actor,
        last_updated_at: at,
      });
    });
    const data = { id: row.id, slug: row.slug, version_id: versionId };
    return { success: true as const, data, ...data, object: 'config' as const };
  }

  function remove(auth: AuthContext, ref: string, workspaceRef: string | undefined) {
    requireScope(auth, 'configs.delete');
    const row = load(auth, ref, workspaceRef);
    mutate(() => repo.delete(row.id));
    return {};
  }

  function versions(auth: AuthContext, ref: string, workspaceRef: string | undefined, page: Paging) {
    requireScope(auth, 'configs.read');
    const row = load(auth, ref, workspaceRef);
    const { total, rows } = repo.versions(row.id, page.limit, page.offset);
    return { object: 'list' as const, total, data: rows.map((v) => versionView(row, v)) };
  }

  return {
    repo,
    create,
    get,
    list,
    update,
    delete: remove,
    versions,
    /** For the request path: the active config a slug or id names in the workspace, from memory. */
    resolveConfig: (workspaceId: string, slugOrId: string): ResolvedConfig | null => cache.resolve(workspaceId, slugOrId),
    /** For other domains whose writes change what resolves (workspace archive, delete). */
    invalidate: (): void => cache.clear(),
  };
}

export type ConfigsService = ReturnType<typeof configsService>;
