// Organisation user shapes (spec §2.5; OAS User, UserList). This list pages with camelCase
// `pageSize`/`currentPage`, unlike the rest of the Admin API.
import { Type } from 'typebox';
import { ListOf, Nullable } from '../../http/schemas.ts';

export const User = Type.Object({
  object: Type.Literal('user'),
  id: Type.String(),
  email: Type.String(),
  first_name: Nullable(Type.String()),
  last_name: Nullable(Type.String()),
  role: Type.String(),
  status: Type.String(),
  created_at: Type.String(),
  last_updated_at: Type.String(),
  workspace_ids: Type.Array(Type.String()),
});

export const UserList = ListOf(User);

export const ListUsersQuery = Type.Object({
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  currentPage: Type.Optional(Type.Integer({ minimum: 0 })),
  role: Type.Optional(Type.Enum(['owner', 'admin', 'member'])),
  email: Type.Optional(Type.String()),
});

/** Owners are made by the appliance (first run) and by SCIM, not by this route. */
export const UpdateUserBody = Type.Object({ role: Type.Enum(['admin', 'member']) });

export const UserParams = Type.Object({ userId: Type.String({ minLength: 1 }) });
