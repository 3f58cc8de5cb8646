// Admin API: /v1/admin/workspaces and /v1/admin/workspaces/{id or slug} (spec §2.4).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { WorkspacesService } from './service.ts';
import { paging } from '../../http/paging.ts';
import { Empty } from '../../http/schemas.ts';
import {
  CreateWorkspaceBody,
  DeleteWorkspaceBody,
  GetWorkspaceQuery,
  ListWorkspacesQuery,
  UpdateWorkspaceBody,
  Workspace,
  WorkspaceList,
  WorkspaceParams,
  WorkspaceWithUsers,
} from './schemas.ts';

export function workspaceRoutes(workspaces: WorkspacesService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post('/admin/workspaces', { schema: { body: CreateWorkspaceBody, response: { 200: Workspace } } }, async (req) =>
      workspaces.create(req.caller, req.body),
    );

    app.get('/admin/workspaces', { schema: { querystring: ListWorkspacesQuery, response: { 200: WorkspaceList } } }, async (req) =>
      workspaces.list(req.caller, req.query, paging(req.query.current_page, req.query.page_size)),
    );

    app.get(
      '/admin/workspaces/:workspaceId',
      { schema: { params: WorkspaceParams, querystring: GetWorkspaceQuery, response: { 200: WorkspaceWithUsers } } },
      async (req) => workspaces.get(req.caller, req.params.workspaceId),
    );

    app.put(
      '/admin/workspaces/:workspaceId',
      { schema: { params: WorkspaceParams, body: UpdateWorkspaceBody, response: { 200: Workspace } } },
      async (req) => workspaces.update(req.caller, req.params.workspaceId, req.body),
    );

    app.delete(
      '/admin/workspaces/:workspaceId',
      { schema: { params: WorkspaceParams, body: DeleteWorkspaceBody, response: { 200: Empty } } },
      async (req) => workspaces.delete(req.caller, req.params.workspaceId, req.body),
    );
  };
}
