// Admin API: /v1/admin/users and /v1/admin/users/{userId} (spec §2.5).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { UsersService } from './service.ts';
import { paging } from '../../http/paging.ts';
import { Empty } from '../../http/schemas.ts';
import { ListUsersQuery, UpdateUserBody, User, UserList, UserParams } from './schemas.ts';

export function userRoutes(users: UsersService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/admin/users', { schema: { querystring: ListUsersQuery, response: { 200: UserList } } }, async (req) =>
      users.list(req.caller, req.query, paging(req.query.currentPage, req.query.pageSize)),
    );

    app.get('/admin/users/:userId', { schema: { params: UserParams, response: { 200: User } } }, async (req) =>
      users.get(req.caller, req.params.userId),
    );

    // Answers with the updated user: Terraform reads a user back from this call.
    app.put('/admin/users/:userId', { schema: { params: UserParams, body: UpdateUserBody, response: { 200: User } } }, async (req) =>
      users.update(req.caller, req.params.userId, req.body.role),
    );

    app.delete('/admin/users/:userId', { schema: { params: UserParams, response: { 200: Empty } } }, async (req) =>
      users.delete(req.caller, req.params.userId),
    );
  };
}
