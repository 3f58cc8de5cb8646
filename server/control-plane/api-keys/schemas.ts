// Request and response schemas of the API-key routes (Portkey's shapes, spec §2.1).
import { Type } from 'typebox';
import { AnyObject, ListOf, Nullable, PageQuery, RateLimit, UsageLimits, UsageLimitsView } from '../../http/schemas.ts';

const KeyDefaults = Type.Object(
  {
    metadata: Type.Optional(Type.Record(Type.String(), Type.String({ maxLength: 128 }))),
    config_id: Type.Optional(Nullable(Type.String())),
    allow_config_override: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: true },
);

const RotationPolicy = Type.Object({
  rotation_period: Type.Optional(Nullable(Type.Enum(['weekly', 'monthly']))),
  rotation_period_days: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 365 }))),
  next_rotation_at: Type.Optional(Nullable(Type.String())),
  key_transition_period_ms: Type.Optional(Type.Integer({ minimum: 1_800_000 })),
});

const Email = Type.String({ format: 'email' });

export const CreateApiKeyBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 255 }),
  description: Type.Optional(Nullable(Type.String({ maxLength: 1024 }))),
  organisation_id: Type.Optional(Type.String()),
  workspace_id: Type.Optional(Type.String()),
  user_id: Type.Optional(Type.String()),
  scopes: Type.Array(Type.String(), { minItems: 1 }),
  rate_limits: Type.Optional(Nullable(Type.Array(RateLimit))),
  usage_limits: Type.Optional(Nullable(UsageLimits)),
  defaults: Type.Optional(Nullable(KeyDefaults)),
  alert_emails: Type.Optional(Type.Array(Email)),
  expires_at: Type.Optional(Nullable(Type.String())),
  rotation_policy: Type.Optional(Nullable(RotationPolicy)),
});

export const UpdateApiKeyBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  description: Type.Optional(Nullable(Type.String({ maxLength: 1024 }))),
  workspace_id: Type.Optional(Type.String()),
  user_id: Type.Optional(Type.String()),
  scopes: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
  rate_limits: Type.Optional(Nullable(Type.Array(RateLimit))),
  usage_limits: Type.Optional(Nullable(UsageLimits)),
  reset_usage: Type.Optional(Type.Boolean()),
  defaults: Type.Optional(Nullable(KeyDefaults)),
  alert_emails: Type.Optional(Type.Array(Email)),
  expires_at: Type.Optional(Nullable(Type.String())),
  rotation_policy: Type.Optional(Nullable(RotationPolicy)),
});

export const CreatedApiKey = Type.Object({
  id: Type.String(),
  key: Type.String(),
  object: Type.Literal('api-key'),
});

export const ApiKey = Type.Object({
  id: Type.String(),
  key: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  type: Type.String(),
  organisation_id: Type.String(),
  workspace_id: Nullable(Type.String()),
  user_id: Nullable(Type.String()),
  status: Type.String(),
  created_at: Type.String(),
  last_updated_at: Type.String(),
  creation_mode: Type.String(),
  rate_limits: Nullable(Type.Array(RateLimit)),
  usage_limits: Nullable(UsageLimitsView),
  current_usage: Type.Number(),
  reset_usage: Type.Number(),
  scopes: Type.Array(Type.String()),
  defaults: AnyObject,
  alert_emails: Type.Array(Type.String()),
  expires_at: Nullable(Type.String()),
  last_reset_at: Nullable(Type.String()),
  rotation_policy: Nullable(AnyObject),
  last_rotated_at: Nullable(Type.String()),
  key_transition_expires_at: Nullable(Type.String()),
  rotated_key_available: Type.Boolean(),
  object: Type.Literal('api-key'),
});

export const RotateApiKeyBody = Type.Object({
  key_transition_period_ms: Type.Optional(Type.Integer({ minimum: 1_800_000 })),
});

/** Portkey's RotateApiKeyResponse. */
export const RotatedApiKey = Type.Object({
  id: Type.String(),
  key: Type.String(),
  key_transition_expires_at: Type.String(),
});

export const RevealedApiKey = Type.Object({
  id: Type.String(),
  key: Type.String(),
  last_rotated_at: Nullable(Type.String()),
  key_transition_expires_at: Nullable(Type.String()),
  object: Type.Literal('api-key'),
});

export const ApiKeyList = ListOf(ApiKey);

export const ListApiKeysQuery = Type.Object({
  ...PageQuery,
  workspace_id: Type.Optional(Type.String()),
  ids: Type.Optional(Type.String()),
});

export const KeyIdParams = Type.Object({ id: Type.String() });
export const CreateKeyParams = Type.Object({ type: Type.String(), subType: Type.String() });
