// Workspace member shapes (spec §2.4; OAS WorkspaceMember). The SDK repeats `workspaceId` and
// `userId` in bodies and query strings; unknown keys are tolerated and ignored.
import { Type } from 'typebox';
import { AnyObject, ListOf, Nullable, PageQuery } from '../../http/schemas.ts';

export const WorkspaceRoleSchema = Type.Enum(['admin', 'manager', 'member']);

export const WorkspaceMember = Type.Object({
  object: Type.Literal('workspace-user'),
  id: Type.String(),
  user_id: Type.String(),
  workspace_id: Type.String(),
  email: Type.String(),
  first_name: Nullable(Type.String()),
  last_name: Nullable(Type.String()),
  org_role: Type.String(),
  role: Type.String(),
  status: Type.String(),
  created_at: Type.String(),
  last_updated_at: Type.String(),
  scopes: Type.Array(Type.String()),
  settings: Nullable(AnyObject),
});

export const WorkspaceMemberList = ListOf(WorkspaceMember);

export const AddMembersBody = Type.Object({
  users: Type.Array(
    Type.Object({
      /** The user's UUID (an email is accepted too). */
      id: Type.String({ minLength: 1 }),
      role: WorkspaceRoleSchema,
    }),
    { minItems: 1, maxItems: 1000 },
  ),
});

export const UpdateMemberBody = Type.Object({ role: WorkspaceRoleSchema });

export const ListMembersQuery = Type.Object({
  ...PageQuery,
  role: Type.Optional(WorkspaceRoleSchema),
  email: Type.Optional(Type.String()),
});

export const MemberParams = Type.Object({ workspaceId: Type.String({ minLength: 1 }), userId: Type.String({ minLength: 1 }) });
export const WorkspaceOnlyParams = Type.Object({ workspaceId: Type.String({ minLength: 1 }) });
