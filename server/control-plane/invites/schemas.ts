// Invite shapes (spec §2.5; OAS CreateInvite, Invite, InviteList, SuccessInvite) and the public
// acceptance call. Lists page with camelCase `pageSize`/`currentPage`.
import { Type } from 'typebox';
import { ListOf, Nullable } from '../../http/schemas.ts';
import { User } from '../users/schemas.ts';

const InviteWorkspaceIn = Type.Object({
  /** The workspace's slug (as Portkey documents it) or UUID. */
  id: Type.String({ minLength: 1 }),
  role: Type.Enum(['admin', 'manager', 'member']),
});

/** The workspace user keys made when the invite is accepted, one per invited workspace. */
const KeyDetailsIn = Type.Object({
  scopes: Type.Array(Type.String(), { minItems: 1 }),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  description: Type.Optional(Nullable(Type.String({ maxLength: 1024 }))),
  metadata: Type.Optional(Type.Record(Type.String(), Type.String({ maxLength: 128 }))),
  expires_at: Type.Optional(Nullable(Type.String())),
});

export const CreateInviteBody = Type.Object({
  email: Type.String({ format: 'email', maxLength: 320 }),
  role: Type.Enum(['admin', 'member']),
  workspaces: Type.Optional(Type.Array(InviteWorkspaceIn, { maxItems: 500 })),
  workspace_api_key_details: Type.Optional(Nullable(KeyDetailsIn)),
});

const InviteWorkspaceOut = Type.Object({
  id: Type.String(),
  workspace_id: Type.String(),
  slug: Type.String(),
  role: Type.String(),
});

export const Invite = Type.Object({
  object: Type.Literal('invite'),
  id: Type.String(),
  email: Type.String(),
  role: Type.String(),
  status: Type.String(),
  created_at: Type.String(),
  expires_at: Type.String(),
  accepted_at: Nullable(Type.String()),
  invited_by: Nullable(Type.String()),
  workspaces: Type.Array(InviteWorkspaceOut),
  workspace_api_key_details: Nullable(Type.Object({ scopes: Type.Array(Type.String()) }, { additionalProperties: true })),
});

/** OAS SuccessInvite is `{id, invite_link}`; the invite itself rides along for Terraform, which reads it back. */
export const CreatedInvite = Type.Object({ ...Invite.properties, invite_link: Type.String() });

export const InviteList = ListOf(Invite);

/** OAS answers `{inviteLink}` (camelCase) here. */
export const ResentInvite = Type.Object({
  id: Type.String(),
  inviteLink: Type.String(),
  invite_link: Type.String(),
  expires_at: Type.String(),
});

export const ListInvitesQuery = Type.Object({
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  currentPage: Type.Optional(Type.Integer({ minimum: 0 })),
  role: Type.Optional(Type.Enum(['admin', 'member'])),
  email: Type.Optional(Type.String()),
  status: Type.Optional(Type.Enum(['pending', 'accepted', 'cancelled', 'expired'])),
});

export const InviteParams = Type.Object({ inviteId: Type.String({ minLength: 1 }) });

export const AcceptInviteBody = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 512 }),
  password: Type.String({ minLength: 8, maxLength: 1024 }),
  first_name: Type.String({ minLength: 1, maxLength: 255 }),
  last_name: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
});

export const AcceptedInvite = Type.Object({
  user: User,
  /** The raw keys, shown only here. */
  api_keys: Type.Array(
    Type.Object({
      id: Type.String(),
      key: Type.String(),
      workspace_id: Type.String(),
      workspace_slug: Type.String(),
      scopes: Type.Array(Type.String()),
    }),
  ),
});

export const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 512 }) });
