// Workspace shapes (spec §2.4).
import { Type } from 'typebox';
import { AnyObject, ListOf, Nullable, PageQuery } from '../../http/schemas.ts';

export const Workspace = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  status: Type.String(),
  created_at: Type.String(),
  last_updated_at: Type.String(),
  defaults: AnyObject,
  usage_limits: Type.Array(AnyObject),
  rate_limits: Type.Array(AnyObject),
  object: Type.Literal('workspace'),
});

export const WorkspaceList = ListOf(Workspace);

export const ListWorkspacesQuery = Type.Object({
  ...PageQuery,
  name: Type.Optional(Type.String()),
  exact_name: Type.Optional(Type.String()),
  status: Type.Optional(Type.String({ pattern: '^(active|archived)(,(active|archived))*$' })),
});
