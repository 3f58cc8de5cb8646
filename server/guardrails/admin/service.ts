// Saved guardrails (spec §2.7): create, list, read, update (each update is a new version), delete;
// the organisation's default guardrails; and the check the workspaces API runs on a workspace's
// default guardrails. A guardrail is organisation-level (usable from every workspace, managed with
// organisation_guardrails.*) or belongs to one workspace (guardrails.*). Definitions are compiled
// on save, so a saved guardrail always runs; a guardrail still named by defaults cannot be deleted.
import crypto from 'node:crypto';
import { badRequest, conflict, forbidden, internalError, notFound } from '../../errors.ts';
import { isoNow, parseJson } from '../../db/rows.ts';
import type { Paging } from '../../http/paging.ts';
import { newId, slugify } from '../../ids.ts';
import { type AuthContext, hasScope, requireScope, requireWorkspace } from '../../identity/auth.ts';
import { GuardrailDefinitionError, compileGuardrail, readActions, readChecks, type CheckSpec } from '../compile.ts';
import { INPUT_KEYS, OUTPUT_KEYS, parseListEntry } from '../configEntries.ts';
import type { GuardrailLibrary } from '../library.ts';
import type { CurrentGuardrailRow, GuardrailRow, GuardrailsRepository } from './repository.ts';

/** What the guardrails API needs to know about workspaces (wired to the workspaces repository). */
export interface WorkspacePort {
  get(idOrSlug: string): { id: string; organisation_id: string; slug: string; status: string; defaults: string } | null;
  /** Every workspace of the organisation, archived ones too. */
  all(organisationId: string): { id: string; slug: string; defaults: string }[];
}

export interface GuardrailsAdminDeps {
  repo: GuardrailsRepository;
  library: GuardrailLibrary;
  workspaces: WorkspacePort;
  now: () => number;
}

export interface CreateGuardrailInput {
  name: string;
  workspace_id?: string | null;
  organisation_id?: string | null;
  checks: unknown;
  actions?: unknown;
}

export interface UpdateGuardrailInput {
  name?: string;
  checks?: unknown;
  actions?: unknown;
  status?: 'active' | 'archived';
  workspace_id?: string | null;
}

export interface DefaultsInput {
  input_guardrails?: string[] | null;
  output_guardrails?: string[] | null;
}

/** Webhook header values may hold credentials: shown as this, and kept when sent back as this. */
export const MASK = '********';

const given = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === '' ? undefined : v.trim());
const actorOf = (auth: AuthContext) => auth.userId ?? auth.key.id;
const guardrailSlug = (name: string) => `guard_${slugify(name, 24)}-${crypto.randomBytes(3).toString('hex')}`;

function definitionError(err: unknown): never {
  if (err instanceof GuardrailDefinitionError) throw badRequest(err.message, { param: err.path });
  throw err;
}

function maskChecks(checks: CheckSpec[]): CheckSpec[] {
  return checks.map((c) => {
    const headers = c.parameters?.headers;
    if (c.id !== 'default.webhook' || typeof headers !== 'object' || headers === null) return c;
    return { ...c, parameters: { ...c.parameters, headers: Object.fromEntries(Object.keys(headers).map((k) => [k, MASK])) } };
  });
}

/** Header values sent back masked keep what was stored for the same check and header. */
function unmaskChecks(next: CheckSpec[], stored: CheckSpec[]): CheckSpec[] {
  return next.map((c, i) => {
    const headers = c.parameters?.headers as Record<string, unknown> | undefined;
    if (c.id !== 'default.webhook' || !headers) return c;
    const before =
      stored[i]?.id === 'default.webhook' ? ((stored[i]!.parameters?.headers as Record<string, unknown> | undefined) ?? {}) : {};
    const merged = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v === MASK && k in before ? before[k] : v]));
    return { ...c, parameters: { ...c.parameters, headers: merged } };
  });
}

function summaryView(row: GuardrailRow) {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    organisation_id: row.organisation_id,
    workspace_id: row.workspace_id,
    status: row.status,
    created_at: row.created_at,
    last_updated_at: row.last_updated_at,
    owner_id: row.owner_id,
    updated_by: row.updated_by,
    object: 'guardrail' as const,
  };
}

function detailView(row: CurrentGuardrailRow) {
  return {
    ...summaryView(row),
    checks: maskChecks(parseJson<CheckSpec[]>(row.checks, [])),
    actions: parseJson<Record<string, unknown>>(row.actions, {}),
    version_id: row.current_version_id,
    version: row.version,
  };
}

export function guardrailsAdmin(deps: GuardrailsAdminDeps) {
  const { repo, library } = deps;

  function mutate<T>(fn: () => T): T {
    try {
      return repo.transaction(fn);
    } finally {
      library.invalidate();
    }
  }

  /** The workspace a request names (or the caller is bound to), checked against the caller. */
  function workspaceOf(auth: AuthContext, ref: string | undefined) {
    const wanted = ref ?? auth.workspaceId ?? undefined;
    if (!wanted) return null;
    const ws = deps.workspaces.get(wanted);
    if (!ws || ws.organisation_id !== auth.organisationId) throw notFound(`Workspace "${wanted}" was not found`);
    requireWorkspace(auth, ws.id);
    return ws;
  }

  /** Scope and reach for one action on one guardrail. */
  function requireAccess(auth: AuthContext, row: GuardrailRow, action: 'read' | 'update' | 'delete'): void {
    if (row.workspace_id !== null) {
      requireScope(auth, `guardrails.${action}`);
      requireWorkspace(auth, row.workspace_id);
      return;
    }
    // Organisation guardrails: every workspace may read what binds it; only organisation callers change them.
    if (action === 'read') {
      if (!hasScope(auth, 'guardrails.read')) requireScope(auth, 'organisation_guardrails.read');
      return;
    }
    requireScope(auth, `organisation_guardrails.${action}`);
    if (auth.workspaceId !== null) {
      throw forbidden(
        `You do not have enough permissions to execute this request (organisation guardrail "${row.slug}" is managed at organisation level)`,
      );
    }
  }

  function load(auth: AuthContext, ref: string): CurrentGuardrailRow {
    const row = repo.get(ref);
    if (!row || row.organisation_id !== auth.organisationId) throw notFound(`Guardrail "${ref}" was not found`);
    return row;
  }

  /** Checks and actions validated and compiled (so the gateway will run them), or a 400 naming the path. */
  function definition(checksInput: unknown, actionsInput: unknown) {
    try {
      const checks = readChecks(checksInput, 'checks');
      const actions = readActions(actionsInput, 'actions');
      compileGuardrail({ id: 'new', name: null, type: 'guardrail', checks, actions, sequential: false }, { saved: true, path: 'checks' });
      return { checks, actions };
    } catch (err) {
      return definitionError(err);
    }
  }

  function uniqueSlug(name: string): string {
    for (let i = 0; i < 5; i++) {
      const slug = guardrailSlug(name);
      if (!repo.slugTaken(slug)) return slug;
    }
    throw internalError(new Error('could not find a free guardrail slug in 5 tries'));
  }

  /** Where a guardrail is named as a default: the organisation's, or workspaces' (by slug). */
  function namedBy(row: GuardrailRow): string[] {
    const names = new Set([row.id, row.slug]);
    const out: string[] = [];
    const org = library.defaults(row.organisation_id);
    if ([...org.input, ...org.output].some((r) => names.has(r))) out.push('the organisation defaults');
    for (const ws of deps.workspaces.all(row.organisation_id)) {
      const d = parseJson<Record<string, unknown>>(ws.defaults, {});
      const refs = [
        ...(Array.isArray(d.input_guardrails) ? d.input_guardrails : []),
        ...(Array.isArray(d.output_guardrails) ? d.output_guardrails : []),
      ];
      if (refs.some((r) => typeof r === 'string' && names.has(r))) out.push(`the defaults of workspace ${ws.slug}`);
    }
    return out;
  }

  function create(auth: AuthContext, input: CreateGuardrailInput) {
    const ws = workspaceOf(auth, given(input.workspace_id));
    const orgRef = given(input.organisation_id);
    if (orgRef && orgRef !== auth.organisationId) throw notFound(`Organisation "${orgRef}" was not found`);
    requireScope(auth, ws ? 'guardrails.create' : 'organisation_guardrails.create');
    if (ws && ws.status !== 'active') throw badRequest(`Workspace "${ws.slug}" is archived`);
    const { checks, actions } = definition(input.checks, input.actions);
    const at = isoNow(deps.now());
    const actor = actorOf(auth);
    const row: GuardrailRow = {
      id: newId(),
      organisation_id: auth.organisationId,
      workspace_id: ws?.id ?? null,
      slug: uniqueSlug(input.name),
      name: input.name,
      status: 'active',
      current_version_id: newId(),
      owner_id: actor,
      updated_by: actor,
      created_at: at,
      last_updated_at: at,
    };
    mutate(() => {
      repo.insert(row);
      repo.insertVersion({
        id: row.current_version_id,
        guardrail_id: row.id,
        version: 1,
        name: row.name,
        checks: JSON.stringify(checks),
        actions: JSON.stringify(actions),
        created_by: actor,
        created_at: at,
      });
    });
    return { id: row.id, slug: row.slug, version_id: row.current_version_id, object: 'guardrail' as const };
  }

  function list(auth: AuthContext, query: { workspace_id?: string; organisation_id?: string; ids?: string }, page: Paging) {
    requireScope(auth, 'guardrails.list');
    const orgRef = given(query.organisation_id);
    if (orgRef && orgRef !== auth.organisationId) throw notFound(`Organisation "${orgRef}" was not found`);
    const ws = workspaceOf(auth, given(query.workspace_id));
    const ids = query.ids
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    // A workspace-bound caller sees its workspace's guardrails and the organisation's, which bind it too.
    const scope = ws ? { workspaceId: ws.id, withOrganisation: auth.workspaceId !== null } : orgRef ? { workspaceId: null } : {};
    const { total, rows } = repo.list({ organisationId: auth.organisationId, ...scope, ids, ...page });
    return { object: 'list' as const, total, data: rows.map(summaryView) };
  }

  function get(auth: AuthContext, ref: string) {
    const row = load(auth, ref);
    requireAccess(auth, row, 'read');
    return detailView(row);
  }

  function update(auth: AuthContext, ref: string, input: UpdateGuardrailInput) {
    const row = load(auth, ref);
    requireAccess(auth, row, 'update');
    const wsRef = given(input.workspace_id);
    if (wsRef) {
      const ws = workspaceOf(auth, wsRef);
      if (ws && ws.id !== row.workspace_id) throw notFound(`Guardrail "${ref}" was not found in workspace "${ws.slug}"`);
    }
    if (input.name === undefined && input.checks === undefined && input.actions === undefined && input.status === undefined) {
      throw badRequest('Nothing to update: send name, checks, actions or status');
    }
    const stored = parseJson<CheckSpec[]>(row.checks, []);
    const nextChecks = input.checks === undefined ? stored : unmaskChecks(readChecksOr400(input.checks), stored);
    const nextActions = input.actions === undefined ? parseJson<unknown>(row.actions, {}) : input.actions;
    const { checks, actions } = definition(nextChecks, nextActions);
    if (input.status === 'archived' && row.status !== 'archived') {
      const users = namedBy(row);
      if (users.length) throw conflict(`Guardrail "${row.slug}" is named in ${users.join(' and ')}: remove it there before archiving it`);
    }
    const at = isoNow(deps.now());
    const actor = actorOf(auth);
    const versionId = newId();
    const name = input.name ?? row.name;
    mutate(() => {
      repo.insertVersion({
        id: versionId,
        guardrail_id: row.id,
        version: repo.nextVersion(row.id),
        name,
        checks: JSON.stringify(checks),
        actions: JSON.stringify(actions),
        created_by: actor,
        created_at: at,
      });
      repo.update({
        id: row.id,
        name,
        status: input.status ?? row.status,
        current_version_id: versionId,
        updated_by: actor,
        last_updated_at: at,
      });
    });
    return { id: row.id, slug: row.slug, version_id: versionId, object: 'guardrail' as const };
  }

  function readChecksOr400(value: unknown): CheckSpec[] {
    try {
      return readChecks(value, 'checks');
    } catch (err) {
      return definitionError(err);
    }
  }

  function remove(auth: AuthContext, ref: string) {
    const row = load(auth, ref);
    requireAccess(auth, row, 'delete');
    const users = namedBy(row);
    if (users.length) throw conflict(`Guardrail "${row.slug}" is named in ${users.join(' and ')}: remove it there before deleting it`);
    mutate(() => repo.delete(row.id));
    return {};
  }

  // ---- defaults ----

  function defaultsView(organisationId: string) {
    const row = repo.defaults(organisationId);
    return {
      object: 'organisation_defaults' as const,
      organisation_id: organisationId,
      input_guardrails: parseJson<string[]>(row?.input_guardrails, []),
      output_guardrails: parseJson<string[]>(row?.output_guardrails, []),
      updated_by: row?.updated_by ?? null,
      last_updated_at: row?.last_updated_at ?? null,
    };
  }

  /**
   * Each of `refs` must name an active guardrail a request of `workspaceId` may use (null: every
   * workspace, so organisation guardrails only). Throws a 400 naming `param`.
   */
  function checkRefs(organisationId: string, workspaceId: string | null, refs: unknown, param: string): string[] {
    if (refs === undefined || refs === null) return [];
    if (!Array.isArray(refs) || refs.some((r) => typeof r !== 'string' || !r.trim())) {
      throw badRequest(`${param} must be a list of guardrail slugs or ids`, { param });
    }
    const out: string[] = [];
    for (const [i, ref] of (refs as string[]).entries()) {
      const slug = usableSlug(organisationId, workspaceId, ref.trim(), `${param}[${i}]`, param);
      if (!out.includes(slug)) out.push(slug);
    }
    return out;
  }

  /** The slug of the active guardrail `ref` names that `workspaceId` may use (null: every workspace), or a 400. */
  function usableSlug(organisationId: string, workspaceId: string | null, ref: string, at: string, param: string): string {
    const row = repo.get(ref);
    const usable = row && row.organisation_id === organisationId && (row.workspace_id === null || row.workspace_id === workspaceId);
    if (!usable) {
      const where = workspaceId
        ? 'in this workspace or the organisation'
        : 'at organisation level (defaults for every workspace can only name organisation guardrails)';
      throw badRequest(`${at}: guardrail "${ref}" was not found ${where}`, { param });
    }
    if (row.status !== 'active') throw badRequest(`${at}: guardrail "${ref}" is archived`, { param });
    return row.slug;
  }

  function getDefaults(auth: AuthContext) {
    requireScope(auth, 'organisation_settings.read');
    return defaultsView(auth.organisationId);
  }

  function putDefaults(auth: AuthContext, input: DefaultsInput) {
    requireScope(auth, 'organisation_settings.update');
    if (auth.workspaceId !== null) throw forbidden('Organisation defaults are set at organisation level');
    const current = defaultsView(auth.organisationId);
    const next = {
      input:
        input.input_guardrails === undefined
          ? current.input_guardrails
          : checkRefs(auth.organisationId, null, input.input_guardrails, 'input_guardrails'),
      output:
        input.output_guardrails === undefined
          ? current.output_guardrails
          : checkRefs(auth.organisationId, null, input.output_guardrails, 'output_guardrails'),
    };
    mutate(() =>
      repo.setDefaults({
        organisation_id: auth.organisationId,
        input_guardrails: JSON.stringify(next.input),
        output_guardrails: JSON.stringify(next.output),
        updated_by: actorOf(auth),
        last_updated_at: isoNow(deps.now()),
      }),
    );
    return defaultsView(auth.organisationId);
  }

  /** For the workspaces API: a workspace's `defaults.input_guardrails/output_guardrails` name usable guardrails. */
  function checkWorkspaceDefaults(
    organisationId: string,
    workspaceId: string | null,
    defaults: Record<string, unknown> | null | undefined,
  ): void {
    if (!defaults) return;
    checkRefs(organisationId, workspaceId, defaults.input_guardrails, 'defaults.input_guardrails');
    checkRefs(organisationId, workspaceId, defaults.output_guardrails, 'defaults.output_guardrails');
  }

  /**
   * For the configs API: every guardrail entry of a routing config, at every level, compiles (inline
   * ones) or names a guardrail the workspace can use (by slug or id). Throws a 400 naming the path.
   */
  function checkConfig(organisationId: string, workspaceId: string, config: Record<string, unknown>): void {
    const walk = (node: Record<string, unknown>, path: string) => {
      for (const key of [...INPUT_KEYS, ...OUTPUT_KEYS]) {
        const list = node[key];
        if (!Array.isArray(list)) continue;
        const phase = INPUT_KEYS.includes(key) ? 'beforeRequestHook' : 'afterRequestHook';
        list.forEach((value, i) => {
          const at = `${path}.${key}[${i}]`;
          try {
            const entry = parseListEntry(value, at, key);
            if (entry.kind === 'inline') compileGuardrail(entry.spec, { saved: false, path: `${at}.checks`, phase });
            else usableSlug(organisationId, workspaceId, entry.ref, at, at);
          } catch (err) {
            definitionError(err);
          }
        });
      }
      const targets = node.targets;
      if (Array.isArray(targets)) targets.forEach((t, i) => walk(t as Record<string, unknown>, `${path}.targets[${i}]`));
    };
    walk(config, 'config');
  }

  return { create, list, get, update, delete: remove, getDefaults, putDefaults, checkWorkspaceDefaults, checkConfig };
}

export type GuardrailsAdmin = ReturnType<typeof guardrailsAdmin>;
