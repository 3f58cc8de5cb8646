// Admin API: /v1/admin/workspaces/{id}/users[/{userId}] (spec §2.4). The SDK repeats workspaceId
// and userId in bodies and query strings; they are ignored in favour of the path.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { MembersService } from './service.ts';
import { paging } from '../../http/paging.ts';
import { Empty } from '../../http/schemas.ts';
import {
  AddMembersBody,
  ListMembersQuery,
  MemberParams,
  UpdateMemberBody,
  WorkspaceMember,
  WorkspaceMemberList,
  WorkspaceOnlyParams,
} from './schemas.ts';

export function memberRoutes(members: MembersService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/admin/workspaces/:workspaceId/users',
      { schema: { params: WorkspaceOnlyParams, body: AddMembersBody, response: { 200: Empty } } },
      async (req) => members.add(req.caller, req.params.workspaceId, req.body),
    );

    app.get(
      '/admin/workspaces/:workspaceId/users',
      { schema: { params: WorkspaceOnlyParams, querystring: ListMembersQuery, response: { 200: WorkspaceMemberList } } },
      async (req) => members.list(req.caller, req.params.workspaceId, req.query, paging(req.query.current_page, req.query.page_size)),
    );

    app.get(
      '/admin/workspaces/:workspaceId/users/:userId',
      { schema: { params: MemberParams, response: { 200: WorkspaceMember } } },
      async (req) => members.get(req.caller, req.params.workspaceId, req.params.userId),
    );

    app.put(
      '/admin/workspaces/:workspaceId/users/:userId',
      { schema: { params: MemberParams, body: UpdateMemberBody, response: { 200: Empty } } },
      async (req) => members.update(req.caller, req.params.workspaceId, req.params.userId, req.body.role),
    );

    app.delete(
      '/admin/workspaces/:workspaceId/users/:userId',
      { schema: { params: MemberParams, response: { 200: Empty } } },
      async (req) => members.delete(req.caller, req.params.workspaceId, req.params.userId),
    );
  };
}
