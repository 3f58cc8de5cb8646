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
import { compileGuardrail, readActions, readChecks, type CheckSpec } from '../compile.ts';
import { definitionError, guardrailReferences, type WorkspacePort } from './references.ts';
import type { GuardrailLibrary } from '../library.ts';
import type { CurrentGuardrailRow, GuardrailRow, GuardrailsRepository } from './repository.ts';

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

function maskChecks(checks: CheckSpec[]): CheckSpec[] {
  return checks.map((c) => {
    const headers = c.parameters?.headers;
    if (c.id !== 'default.webhook' || typeof headers !== 'object' || headers === null) return c;
    return { ...c, parameters: { ...c.parameters, headers: Object.fromEntries(Object.keys(headers).map((k) => [k, MASK])) } };
  });
}

/** Header values sent back masked keep what was stored for the same check and header. */
export function unmaskChecks(next: CheckSpec[], stored: CheckSpec[]): CheckSpec[] {
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
  const refs = guardrailReferences(deps);

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

  function create(auth: AuthContext, input: CreateGuardrailInput) {
    const ws = workspaceOf(auth, given(input.workspace_id));
    const orgRef = given(input.organisation_id);
    if (orgRef && orgRef !== auth.organisationId) throw notFound(`Organisation "${orgRef}" was not found`);
    // Asking for an organisation guardrail from inside a workspace is refused, not quietly narrowed.
    if (orgRef && !given(input.workspace_id) && auth.workspaceId !== null) {
      throw forbidden(
        'You do not have enough permissions to execute this request (organisation guardrails are created at organisation level)',
      );
    }
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

  /**
   * A saved guardrail's current definition as stored (webhook headers unmasked), for the guardrail
   * test; never sent to a client. `update` when the caller's own checks may pick up stored header values.
   */
  function stored(auth: AuthContext, ref: string, action: 'read' | 'update') {
    const row = load(auth, ref);
    requireAccess(auth, row, action);
    return { slug: row.slug, name: row.name, checks: parseJson<CheckSpec[]>(row.checks, []), actions: parseJson<unknown>(row.actions, {}) };
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
      const users = refs.namedBy(row);
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
    const users = refs.namedBy(row);
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
          : refs.checkRefs(auth.organisationId, null, input.input_guardrails, 'input_guardrails'),
      output:
        input.output_guardrails === undefined
          ? current.output_guardrails
          : refs.checkRefs(auth.organisationId, null, input.output_guardrails, 'output_guardrails'),
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

  return {
    create,
    list,
    get,
    update,
    delete: remove,
    getDefaults,
    putDefaults,
    stored,
    /** The workspace a request names (or the caller is bound to), checked against the caller; null for none. */
    workspaceOf: (auth: AuthContext, ref: string | null | undefined) => workspaceOf(auth, given(ref)),
    checkWorkspaceDefaults: refs.checkWorkspaceDefaults,
    checkConfig: refs.checkConfig,
  };
}

export type GuardrailsAdmin = ReturnType<typeof guardrailsAdmin>;
