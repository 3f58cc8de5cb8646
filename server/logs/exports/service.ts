// Log exports (spec §2.10): create a draft (a filter and the fields wanted), edit it, start it,
// cancel it, download the JSONL file. Workspace keys reach their workspace's exports; user keys
// only the exports they made (v1.19). What an export holds follows its creator's data visibility.
import fs from 'node:fs';
import { conflict, badRequest, forbidden, notFound } from '../../errors.ts';
import { isoNow, parseJson } from '../../db/rows.ts';
import { newId } from '../../ids.ts';
import { requireScope, type AuthContext } from '../../identity/auth.ts';
import type { WorkspaceAccess } from '../../identity/workspaces.ts';
import type { Paging } from '../../http/paging.ts';
import { parseLogFilter, type LogFilter, type RowScope } from '../filters.ts';
import type { DataVisibility } from '../visibility.ts';
import { EXPORT_FIELDS, type ExportField } from './fields.ts';
import type { ExportRow, ExportsRepository } from './repository.ts';
import { exportFile, type ExportJob, type ExportRunner } from './runner.ts';

export const MAX_EXPORT_ROWS = 50_000;

export interface ExportInput {
  workspace_id?: string;
  description?: string;
  filters: Record<string, unknown>;
  requested_data?: ExportField[];
}

export interface ExportsDeps {
  repo: ExportsRepository;
  runner: ExportRunner;
  visibility: DataVisibility;
  ws: WorkspaceAccess;
  dir: string;
  count: (filter: LogFilter, scope: RowScope) => Promise<number>;
  /**
   * Fields never let out in exports of a workspace (null: the organisation's): the security setting
   * export_settings.deniedFields that holds there.
   */
  deniedFields: (workspaceId: string | null) => readonly string[];
  now: () => number;
}

const PAGING_KEYS = ['page_size', 'current_page'] as const;

function wholeNumber(name: string, value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max)
    throw badRequest(`Filter ${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)})`, { param: name });
  return n;
}

/** An export's filters, checked: the log filters plus the export's page (page_size ≤ 50000). */
export function exportFilter(filters: Record<string, unknown>) {
  const filter = parseLogFilter(filters, { extra: PAGING_KEYS });
  const limit = wholeNumber('page_size', filters.page_size, 1, MAX_EXPORT_ROWS, MAX_EXPORT_ROWS);
  const page = wholeNumber('current_page', filters.current_page, 0, 1_000_000, 0);
  return { filter, limit, offset: page * limit };
}

export function exportView(row: ExportRow) {
  const total = row.total_rows ?? 0;
  return {
    id: row.id,
    organisation_id: row.organisation_id,
    workspace_id: row.workspace_id,
    filters: parseJson<Record<string, unknown>>(row.filters, {}),
    requested_data: parseJson<string[]>(row.requested_data, []),
    status: row.status,
    description: row.description ?? '',
    created_at: row.created_at,
    last_updated_at: row.last_updated_at,
    created_by: row.created_by,
    total_rows: total,
    exported_rows: row.exported_rows,
    /** Percent done, 0 to 100. */
    progress: row.status === 'success' ? 100 : total > 0 ? Math.min(100, Math.floor((row.exported_rows / total) * 100)) : 0,
    error_message: row.error_message,
    started_at: row.started_at,
    finished_at: row.finished_at,
    object: 'export' as const,
  };
}

export function exportsService(deps: ExportsDeps) {
  const { repo, runner, visibility } = deps;

  /** An export the caller may see, or 404 (another workspace's, or another user's, look absent). */
  function load(auth: AuthContext, id: string): ExportRow {
    requireScope(auth, 'logs.export');
    const row = repo.get(id);
    const visible =
      row !== null &&
      row.organisation_id === auth.organisationId &&
      (auth.workspaceId === null || row.workspace_id === auth.workspaceId) &&
      (auth.key.type !== 'workspace-user' || row.created_by_user_id === auth.userId);
    if (!visible) throw notFound(`Export "${id}" was not found`);
    return row;
  }

  /** The workspace an export covers: the one named (body, else filters.workspace_slug) or the caller's; null = all. */
  function workspaceOf(auth: AuthContext, input: ExportInput, filter: LogFilter): string | null {
    const named = input.workspace_id?.trim() || undefined;
    if (named && filter.workspace && named !== filter.workspace) {
      const a = deps.ws.named(auth, named);
      const b = deps.ws.named(auth, filter.workspace);
      if (a?.id !== b?.id) throw badRequest('workspace_id and filters.workspace_slug name different workspaces', { param: 'workspace_id' });
    }
    return deps.ws.named(auth, named ?? filter.workspace)?.id ?? null;
  }

  function jobOf(row: ExportRow): ExportJob {
    const { filter, limit, offset } = exportFilter(parseJson(row.filters, {}));
    return {
      filter,
      scope: { workspaceId: row.workspace_id, owner: visibility.ownerOf(row.created_by_user_id, row.workspace_id) },
      fields: parseJson<ExportField[]>(row.requested_data, []),
      limit,
      offset,
    };
  }

  /** Rows the export would hold now. */
  async function totalOf(row: Pick<ExportRow, 'filters' | 'workspace_id' | 'created_by_user_id'>): Promise<number> {
    const { filter, limit, offset } = exportFilter(parseJson(row.filters, {}));
    const scope = { workspaceId: row.workspace_id, owner: visibility.ownerOf(row.created_by_user_id, row.workspace_id) };
    return Math.max(0, Math.min(limit, (await deps.count(filter, scope)) - offset));
  }

  /** The requested fields, once each, refusing any the export settings of the workspace deny. */
  function allowedFields(
    workspaceId: string | null,
    requested: readonly string[],
    status: 'badRequest' | 'forbidden' = 'badRequest',
  ): string[] {
    const denied = deps.deniedFields(workspaceId).filter((f) => requested.includes(f));
    if (denied.length) {
      const message = `The organisation's export settings do not allow exporting ${denied.map((f) => `"${f}"`).join(', ')}: leave ${denied.length === 1 ? 'it' : 'them'} out of requested_data`;
      throw status === 'forbidden' ? forbidden(message) : badRequest(message, { param: 'requested_data' });
    }
    return [...new Set(requested)];
  }

  function removeFiles(id: string) {
    fs.rmSync(exportFile(deps.dir, id), { force: true });
  }

  return {
    jobOf,

    async create(auth: AuthContext, input: ExportInput) {
      requireScope(auth, 'logs.export');
      const { filter } = exportFilter(input.filters);
      const at = isoNow(deps.now());
      // The person behind a user key or a session (an owner's or admin's too); null for service keys.
      const byUser = auth.userId;
      const workspaceId = workspaceOf(auth, input, filter);
      const row: ExportRow = {
        id: newId(),
        organisation_id: auth.organisationId,
        workspace_id: workspaceId,
        description: input.description ?? null,
        filters: JSON.stringify(input.filters),
        requested_data: JSON.stringify(allowedFields(workspaceId, input.requested_data ?? [])),
        status: 'draft',
        total_rows: null,
        exported_rows: 0,
        error_message: null,
        file_bytes: null,
        created_by: byUser ?? auth.key.id,
        created_by_user_id: byUser,
        created_by_api_key_id: auth.key.id,
        started_at: null,
        finished_at: null,
        created_at: at,
        last_updated_at: at,
      };
      row.total_rows = await totalOf(row);
      repo.insert(row);
      return { id: row.id, total: row.total_rows, object: 'export' as const };
    },

    list(auth: AuthContext, workspaceRef: string | undefined, page: Paging) {
      requireScope(auth, 'logs.export');
      const workspace = deps.ws.named(auth, workspaceRef);
      const { total, rows } = repo.list(
        {
          organisationId: auth.organisationId,
          workspaceId: workspace?.id ?? null,
          createdByUserId: auth.key.type === 'workspace-user' ? auth.userId : null,
        },
        page.limit,
        page.offset,
      );
      return { object: 'list' as const, total, data: rows.map(exportView) };
    },

    /**
     * GET /logs/exports/field-restrictions: the fields exports of a workspace may not and may ask
     * for, in export field order. Organisation keys naming none get the organisation's answer.
     */
    fieldRestrictions(auth: AuthContext, workspaceRef: string | undefined) {
      requireScope(auth, 'logs.export');
      const workspaceId = deps.ws.named(auth, workspaceRef)?.id ?? null;
      const denied = new Set(deps.deniedFields(workspaceId));
      return {
        object: 'export-field-restrictions' as const,
        workspace_id: workspaceId,
        denied_fields: EXPORT_FIELDS.filter((f) => denied.has(f)),
        allowed_fields: EXPORT_FIELDS.filter((f) => !denied.has(f)),
      };
    },

    get: (auth: AuthContext, id: string) => exportView(load(auth, id)),

    async update(auth: AuthContext, id: string, input: ExportInput) {
      const row = load(auth, id);
      if (row.status === 'in_progress') throw conflict(`Export "${id}" is running; cancel it before editing it`);
      const { filter } = exportFilter(input.filters);
      const workspaceId = input.workspace_id !== undefined || filter.workspace ? workspaceOf(auth, input, filter) : row.workspace_id;
      const next: ExportRow = {
        ...row,
        workspace_id: workspaceId,
        filters: JSON.stringify(input.filters),
        requested_data: input.requested_data ? JSON.stringify(allowedFields(workspaceId, input.requested_data)) : row.requested_data,
        description: input.description ?? row.description,
        status: 'draft',
        exported_rows: 0,
        error_message: null,
        file_bytes: null,
        started_at: null,
        finished_at: null,
        last_updated_at: isoNow(deps.now()),
      };
      next.total_rows = await totalOf(next);
      const { id: _id, ...patch } = next;
      repo.update(id, patch);
      // A changed export no longer matches its old file.
      removeFiles(id);
      return { id, total: next.total_rows, object: 'export' as const };
    },

    start(auth: AuthContext, id: string) {
      const row = load(auth, id);
      if (row.status === 'in_progress') throw conflict(`Export "${id}" is already running`);
      const fields = parseJson<string[]>(row.requested_data, []);
      if (fields.length === 0) {
        throw badRequest(`Export "${id}" asks for no fields: set requested_data first`, { param: 'requested_data' });
      }
      // The settings may have changed since the draft was saved.
      allowedFields(row.workspace_id, fields, 'forbidden');
      const at = isoNow(deps.now());
      removeFiles(id);
      repo.update(id, {
        status: 'in_progress',
        exported_rows: 0,
        error_message: null,
        file_bytes: null,
        started_at: at,
        finished_at: null,
        last_updated_at: at,
      });
      runner.enqueue(id);
      return { message: `Export ${id} started`, object: 'export' as const };
    },

    cancel(auth: AuthContext, id: string) {
      const row = load(auth, id);
      if (row.status !== 'in_progress') throw conflict(`Export "${id}" is not running (status: ${row.status})`);
      const at = isoNow(deps.now());
      repo.update(id, { status: 'stopped', finished_at: at, last_updated_at: at }, 'in_progress');
      runner.cancel(id);
      return { message: `Export ${id} cancelled`, object: 'export' as const };
    },

    /** The finished file of an export the caller may see. */
    file(auth: AuthContext, id: string): { path: string; name: string; bytes: number } {
      const row = load(auth, id);
      const path = exportFile(deps.dir, id);
      if (row.status !== 'success' || !fs.existsSync(path)) {
        const view = exportView(row);
        throw conflict(
          `Export "${id}" has no file to download yet (status: ${row.status}, ${view.progress}% done); download it when its status is success`,
        );
      }
      return { path, name: `logs-export-${id}.jsonl`, bytes: fs.statSync(path).size };
    },
  };
}

export type ExportsService = ReturnType<typeof exportsService>;
