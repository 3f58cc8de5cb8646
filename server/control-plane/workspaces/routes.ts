// Admin API: /v1/admin/workspaces.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { paging } from '../../http/paging.ts';
import { ListWorkspacesQuery, WorkspaceList } from './schemas.ts';

export const workspaceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/admin/workspaces',
    { schema: { querystring: ListWorkspacesQuery, response: { 200: WorkspaceList } } },
    async (req) => app.services.workspaces.list(req.auth!, req.query, paging(req.query.current_page, req.query.page_size)),
  );
};
