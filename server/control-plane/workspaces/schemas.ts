// Workspace shapes (spec §2.4; OAS Workspace, WorkspaceWithUsers). Unknown body keys are kept out of
// storage but tolerated: the SDK sends `workspaceId`, Terraform sends `icon`.
import { Type } from 'typebox';
import { AnyObject, ListOf, Nullable, PageQuery, RateLimit, UsageLimits } from '../../http/schemas.ts';
import { WorkspaceMember } from '../members/schemas.ts';

const StringMap = Type.Record(Type.String(), Type.String({ maxLength: 1024 }));

/**
 * `defaults`: what requests in the workspace inherit. Other keys are stored as given, except the
 * names of security settings, which belong to the workspace's settings (ADR 0009).
 */
const WorkspaceDefaults = Type.Object(
  {
    metadata: Type.Optional(Nullable(StringMap)),
    input_guardrails: Type.Optional(Nullable(Type.Array(Type.String()))),
    output_guardrails: Type.Optional(Nullable(Type.Array(Type.String()))),
    user_api_key_config: Type.Optional(Nullable(Type.String())),
  },
  { additionalProperties: true },
);

const Limits = {
  usage_limits: Type.Optional(Nullable(Type.Array(UsageLimits))),
  rate_limits: Type.Optional(Nullable(Type.Array(RateLimit))),
};

export const CreateWorkspaceBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 255 }),
  description: Type.Optional(Nullable(Type.String({ maxLength: 1024 }))),
  defaults: Type.Optional(Nullable(WorkspaceDefaults)),
  metadata: Type.Optional(Nullable(StringMap)),
  /** Users (UUID or email) to add as members. */
  users: Type.Optional(Type.Array(Type.String())),
  ...Limits,
});

export const UpdateWorkspaceBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  description: Type.Optional(Nullable(Type.String({ maxLength: 1024 }))),
  defaults: Type.Optional(Nullable(WorkspaceDefaults)),
  metadata: Type.Optional(Nullable(StringMap)),
  status: Type.Optional(Type.Enum(['active', 'archived'])),
  reset_usage: Type.Optional(Type.Boolean()),
  ...Limits,
});

/** Terraform sends `{name, force_delete}`; the SDK sends `{workspaceId}`; curl sends nothing (null). */
export const DeleteWorkspaceBody = Nullable(
  Type.Object({
    name: Type.Optional(Type.String()),
    force_delete: Type.Optional(Type.Boolean()),
  }),
);

export const Workspace = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  status: Type.String(),
  created_at: Type.String(),
  last_updated_at: Type.String(),
  defaults: AnyObject,
  metadata: AnyObject,
  usage_limits: Type.Array(AnyObject),
  rate_limits: Type.Array(AnyObject),
  last_reset_at: Nullable(Type.String()),
  object: Type.Literal('workspace'),
});

export const WorkspaceWithUsers = Type.Object({ ...Workspace.properties, users: Type.Array(WorkspaceMember) });

export const WorkspaceList = ListOf(Workspace);

export const ListWorkspacesQuery = Type.Object({
  ...PageQuery,
  name: Type.Optional(Type.String()),
  exact_name: Type.Optional(Type.String()),
  status: Type.Optional(Type.String({ pattern: '^(active|archived)(,(active|archived))*$' })),
});

export const WorkspaceParams = Type.Object({ workspaceId: Type.String({ minLength: 1 }) });

export const GetWorkspaceQuery = Type.Object({ name_format: Type.Optional(Type.Enum(['plain', 'display'])) });
