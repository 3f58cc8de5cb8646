// Admin API: /v1/admin/workspaces and /v1/admin/workspaces/{id or slug} (spec §2.4).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
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

export const workspaceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const workspaces = app.services.workspaces;

  app.post('/admin/workspaces', { schema: { body: CreateWorkspaceBody, response: { 200: Workspace } } }, async (req) =>
    workspaces.create(req.auth!, req.body),
  );

  app.get('/admin/workspaces', { schema: { querystring: ListWorkspacesQuery, response: { 200: WorkspaceList } } }, async (req) =>
    workspaces.list(req.auth!, req.query, paging(req.query.current_page, req.query.page_size)),
  );

  app.get(
    '/admin/workspaces/:workspaceId',
    { schema: { params: WorkspaceParams, querystring: GetWorkspaceQuery, response: { 200: WorkspaceWithUsers } } },
    async (req) => workspaces.get(req.auth!, req.params.workspaceId),
  );

  app.put(
    '/admin/workspaces/:workspaceId',
    { schema: { params: WorkspaceParams, body: UpdateWorkspaceBody, response: { 200: Workspace } } },
    async (req) => workspaces.update(req.auth!, req.params.workspaceId, req.body),
  );

  app.delete(
    '/admin/workspaces/:workspaceId',
    { schema: { params: WorkspaceParams, body: DeleteWorkspaceBody, response: { 200: Empty } } },
    async (req) => workspaces.delete(req.auth!, req.params.workspaceId, req.body),
  );
};
