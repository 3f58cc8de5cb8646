// Request and response schemas of /v1/configs (OAS tag Configs). The config body itself is left to
// validateConfig, which names the JSON path of what is wrong; create and get answer in both the
// wrapped `{success, data}` shape (OAS) and flat (Terraform, the SDK's response types), spec §1.5.
import { Type } from 'typebox';
import { AnyObject, Nullable, PageQuery } from '../../http/schemas.ts';

const Opt = Type.Optional;

/** OAS types is_default as 0/1; people send booleans. */
const IsDefault = Type.Union([Type.Boolean(), Type.Integer({ minimum: 0, maximum: 1 })]);

export const CreateConfigBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 255 }),
  // An object, or the same as a JSON string.
  config: Type.Unknown(),
  // The SDK turns isDefault into is_default; raw HTTP clients follow the OAS spelling.
  is_default: Opt(IsDefault),
  isDefault: Opt(IsDefault),
  workspace_id: Opt(Nullable(Type.String())),
});

export const UpdateConfigBody = Type.Object({
  name: Opt(Type.String({ minLength: 1, maxLength: 255 })),
  config: Opt(Type.Unknown()),
  status: Opt(Type.Enum(['active', 'archived'])),
  is_default: Opt(IsDefault),
  isDefault: Opt(IsDefault),
  workspace_id: Opt(Nullable(Type.String())),
  // The SDK repeats the path's slug in the body.
  slug: Opt(Type.String()),
});

export const SlugParams = Type.Object({ slug: Type.String({ minLength: 1 }) });
export const WorkspaceQuery = Type.Object({ workspace_id: Opt(Type.String()) });
export const ListConfigsQuery = Type.Object({ ...PageQuery, workspace_id: Opt(Type.String()) });

const Summary = {
  id: Type.String(),
  name: Type.String(),
  slug: Type.String(),
  organisation_id: Type.String(),
  workspace_id: Type.String(),
  is_default: Type.Integer(),
  status: Type.String(),
  owner_id: Nullable(Type.String()),
  updated_by: Nullable(Type.String()),
  created_at: Type.String(),
  last_updated_at: Type.String(),
};

const ConfigSummary = Type.Object({ ...Summary, object: Type.Literal('config') });

const Detail = {
  ...Summary,
  config: AnyObject,
  format: Type.Literal('json'),
  type: Type.String(),
  version_id: Type.String(),
  /** 1 for the first version, counting up with every update. */
  version: Type.Integer(),
  object: Type.Literal('config'),
};

export const ConfigDetail = Type.Object({ success: Type.Literal(true), data: Type.Object(Detail), ...Detail });

export const ConfigList = Type.Object({
  success: Type.Literal(true),
  object: Type.Literal('list'),
  total: Type.Integer(),
  data: Type.Array(ConfigSummary),
});

const WrittenData = { id: Type.String(), slug: Type.String(), version_id: Type.String() };
/** What create and update answer: the config and the version just written. */
export const ConfigWritten = Type.Object({
  success: Type.Literal(true),
  data: Type.Object(WrittenData),
  ...WrittenData,
  object: Type.Literal('config'),
});

const Version = Type.Object({
  ...Summary,
  /** The config of this version, serialised (OAS: "Serialized configuration for this version"). */
  config: Type.String(),
  format: Type.Literal('json'),
  type: Type.String(),
  version_id: Type.String(),
  version: Type.Integer(),
  object: Type.Literal('config'),
});

export const ConfigVersionList = Type.Object({ object: Type.Literal('list'), total: Type.Integer(), data: Type.Array(Version) });
export const VersionsQuery = Type.Object({ ...PageQuery, workspace_id: Opt(Type.String()) });
