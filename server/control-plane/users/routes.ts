// Admin API: /v1/admin/users and /v1/admin/users/{userId} (spec §2.5).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { paging } from '../../http/paging.ts';
import { Empty } from '../../http/schemas.ts';
import { ListUsersQuery, UpdateUserBody, User, UserList, UserParams } from './schemas.ts';

export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const users = app.services.users;

  app.get('/admin/users', { schema: { querystring: ListUsersQuery, response: { 200: UserList } } }, async (req) =>
    users.list(req.auth!, req.query, paging(req.query.currentPage, req.query.pageSize)),
  );

  app.get('/admin/users/:userId', { schema: { params: UserParams, response: { 200: User } } }, async (req) =>
    users.get(req.auth!, req.params.userId),
  );

  // Answers with the updated user: Terraform reads a user back from this call.
  app.put('/admin/users/:userId', { schema: { params: UserParams, body: UpdateUserBody, response: { 200: User } } }, async (req) =>
    users.update(req.auth!, req.params.userId, req.body.role),
  );

  app.delete('/admin/users/:userId', { schema: { params: UserParams, response: { 200: Empty } } }, async (req) =>
    users.delete(req.auth!, req.params.userId),
  );
};
