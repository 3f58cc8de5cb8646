// Workspace reads for the Admin API. Creation, update and membership arrive with the control plane.
import { type AuthContext, requireScope } from '../../identity/auth.ts';
import type { Paging } from '../../http/paging.ts';
import { type WorkspacesRepository, workspaceView } from './repository.ts';

export interface WorkspaceListQuery {
  name?: string;
  exact_name?: string;
  status?: string;
}

export function workspacesService(deps: { repo: WorkspacesRepository }) {
  const { repo } = deps;

  function list(auth: AuthContext, query: WorkspaceListQuery, page: Paging) {
    requireScope(auth, 'workspaces.list');
    const statuses = (query.status ?? 'active').split(',').map((s) => s.trim()).filter((s) => s === 'active' || s === 'archived');
    const { rows } = repo.list({
      organisationId: auth.organisationId,
      ids: auth.workspaceId ? [auth.workspaceId] : undefined,
      statuses: statuses.length ? statuses : ['active'],
      limit: 100_000,
      offset: 0,
    });
    const matching = rows.filter(
      (w) =>
        (query.exact_name === undefined || w.name === query.exact_name) &&
        (query.name === undefined || w.name.includes(query.name)),
    );
    return {
      total: matching.length,
      object: 'list' as const,
      data: matching.slice(page.offset, page.offset + page.limit).map(workspaceView),
    };
  }

  return { list };
}

export type WorkspacesService = ReturnType<typeof workspacesService>;
