// Request and response schemas of /integrations, its workspaces and its models (OAS
// CreateIntegrationRequest, UpdateIntegrationRequest, IntegrationDetailResponse, Bulk*Request).
import { Type, type TSchema } from 'typebox';
import { AnyObject, ListOf, Nullable, PageQuery, RateLimit, UsageLimits } from '../../http/schemas.ts';
import { SLUG_PATTERN } from '../../ids.ts';

const Opt = Type.Optional;
const Text = (maxLength = 1024) => Type.String({ maxLength });
/** Fields of a configurations object may be null in an update: null removes the field. */
const Field = <T extends TSchema>(schema: T) => Opt(Nullable(schema));

export const Slug = Type.String({ minLength: 1, maxLength: 255, pattern: SLUG_PATTERN });
/** Model names carry `/`, `:` and `.` (`meta-llama/Llama-3-8B`, `llama3:8b`); commas would break `?slugs=`. */
const ModelSlug = Type.String({ minLength: 1, maxLength: 255, pattern: '^[^\\s,]+$' });
const Headers = Type.Record(Type.String(), Type.String());

const AzureDeployment = Type.Object(
  {
    alias: Opt(Type.String()),
    azure_api_version: Type.String({ maxLength: 30 }),
    azure_deployment_name: Type.String(),
    is_default: Opt(Type.Boolean()),
    azure_model_slug: Opt(Type.String()),
  },
  { additionalProperties: true },
);

/** The union of the OAS *Configuration schemas; other providers' fields pass through. */
export const Configurations = Type.Object(
  {
    openai_organization: Field(Text()),
    openai_project: Field(Text()),
    azure_auth_mode: Field(Type.Enum(['default', 'entra', 'managed', 'workload', 'entraFederated'])),
    azure_resource_name: Field(Text()),
    azure_deployment_config: Field(Type.Array(AzureDeployment)),
    azure_entra_tenant_id: Field(Text()),
    azure_entra_client_id: Field(Text()),
    azure_entra_client_secret: Field(Text(4096)),
    azure_managed_client_id: Field(Text()),
    azure_foundry_url: Field(Text(2048)),
    azure_api_version: Field(Text(30)),
    azure_deployment_name: Field(Text()),
    aws_auth_type: Field(Type.Enum(['accessKey', 'assumedRole', 'serviceRole', 'apiKey'])),
    aws_region: Field(Text()),
    aws_access_key_id: Field(Text()),
    aws_secret_access_key: Field(Text(4096)),
    aws_session_token: Field(Text(8192)),
    aws_role_arn: Field(Text()),
    aws_external_id: Field(Text()),
    vertex_auth_type: Field(Type.Enum(['basic', 'serviceAccount'])),
    vertex_region: Field(Text()),
    vertex_project_id: Field(Text()),
    vertex_service_account_json: Field(Type.Union([AnyObject, Text(65536)])),
    workers_ai_account_id: Field(Text()),
    huggingface_base_url: Field(Text(2048)),
    snowflake_account: Field(Text()),
    custom_host: Field(Text(2048)),
    custom_headers: Field(Headers),
  },
  { additionalProperties: true },
);

export const SecretMapping = Type.Object({
  target_field: Type.String({ minLength: 1 }),
  secret_reference_id: Type.String({ minLength: 1 }),
  secret_key: Opt(Nullable(Type.String())),
  value_format: Opt(Nullable(Type.Enum(['json', 'string']))),
});

const Multiplier = Nullable(Type.Number({ minimum: 0 }));
const MULTIPLIER_KEYS = [
  'default',
  'request_token',
  'response_token',
  'cache_read_input_token',
  'cache_write_input_token',
  'cache_read_audio_input_token',
  'request_audio_token',
  'response_audio_token',
  'reasoning_token',
  'prediction_accepted_token',
  'prediction_rejected_token',
  'request_image_token',
  'response_image_token',
  'request_text_token',
  'response_text_token',
  'cache_read_image_input_token',
  'cache_read_text_input_token',
  'cache_write_text_input_token',
  'cache_write_image_input_token',
] as const;

export const PricingAdjustments = Type.Object({
  multiplier: Opt(
    Type.Object({
      ...Object.fromEntries(MULTIPLIER_KEYS.map((k) => [k, Opt(Multiplier)])),
      image: Opt(Nullable(Type.Object({ default: Opt(Multiplier) }))),
      additional_units: Opt(Nullable(Type.Record(Type.String(), Multiplier))),
    }),
  ),
});

export const CreateIntegrationBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 255 }),
  slug: Opt(Slug),
  ai_provider_id: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' }),
  key: Opt(Nullable(Type.String({ maxLength: 65536 }))),
  description: Opt(Nullable(Text())),
  workspace_id: Opt(Nullable(Type.String())),
  configurations: Opt(Nullable(Configurations)),
  create_default_provider: Opt(Type.Boolean()),
  default_provider_slug: Opt(Slug),
  secret_mappings: Opt(Nullable(Type.Array(SecretMapping))),
  pricing_adjustments: Opt(Nullable(PricingAdjustments)),
  max_concurrent_requests: Opt(Nullable(Type.Integer({ minimum: 1, maximum: 1_000_000 }))),
});

export const UpdateIntegrationBody = Type.Object({
  name: Opt(Type.String({ minLength: 1, maxLength: 255 })),
  key: Opt(Nullable(Type.String({ maxLength: 65536 }))),
  description: Opt(Nullable(Text())),
  configurations: Opt(Nullable(Configurations)),
  secret_mappings: Opt(Nullable(Type.Array(SecretMapping))),
  pricing_adjustments: Opt(Nullable(PricingAdjustments)),
  max_concurrent_requests: Opt(Nullable(Type.Integer({ minimum: 1, maximum: 1_000_000 }))),
});

export const ListIntegrationsQuery = Type.Object({
  ...PageQuery,
  workspace_id: Opt(Type.String()),
  type: Opt(Type.Enum(['workspace', 'organisation', 'all'])),
});

export const SlugParams = Type.Object({ slug: Type.String() });

const Allocation = {
  usage_limits: Opt(Nullable(Type.Array(UsageLimits, { maxItems: 1 }))),
  rate_limits: Opt(Nullable(Type.Array(RateLimit, { maxItems: 1 }))),
};

export const UpdateWorkspacesBody = Type.Object({
  workspaces: Opt(
    Type.Array(
      Type.Object({
        id: Type.String({ minLength: 1 }),
        enabled: Type.Boolean(),
        ...Allocation,
        reset_usage: Opt(Type.Boolean()),
        create_default_provider: Opt(Type.Boolean()),
        default_provider_slug: Opt(Slug),
      }),
    ),
  ),
  global_workspace_access: Opt(Nullable(Type.Object({ enabled: Type.Boolean(), ...Allocation }))),
  override_existing_workspace_access: Opt(Type.Boolean()),
  override_existing_workspaces_access: Opt(Type.Boolean()),
  create_default_provider: Opt(Type.Boolean()),
  default_provider_slug: Opt(Slug),
});

const PricingConfig = Type.Object(
  {
    type: Type.Enum(['static']),
    pay_as_you_go: Opt(
      Type.Object(
        {
          request_token: Opt(Type.Object({ price: Type.Number({ minimum: 0 }) })),
          response_token: Opt(Type.Object({ price: Type.Number({ minimum: 0 }) })),
        },
        { additionalProperties: true },
      ),
    ),
  },
  { additionalProperties: true },
);

export const UpdateModelsBody = Type.Object({
  models: Type.Array(
    Type.Object({
      slug: ModelSlug,
      enabled: Type.Boolean(),
      is_custom: Opt(Nullable(Type.Boolean())),
      is_finetune: Opt(Nullable(Type.Boolean())),
      base_model_slug: Opt(Nullable(Type.String({ maxLength: 255 }))),
      configurations: Opt(
        Nullable(Type.Object({ custom_host: Field(Text(2048)), custom_headers: Field(Headers) }, { additionalProperties: true })),
      ),
      pricing_config: Opt(Nullable(PricingConfig)),
    }),
  ),
  allow_all_models: Opt(Type.Boolean()),
});

export const DeleteModelsQuery = Type.Object({ slugs: Opt(Type.String()) });

// Responses.

export const Created = Type.Object({ id: Type.String(), slug: Type.String() });

export const IntegrationSummary = Type.Object({
  id: Type.String(),
  organisation_id: Type.String(),
  workspace_id: Nullable(Type.String()),
  type: Type.String(),
  ai_provider_id: Type.String(),
  name: Type.String(),
  slug: Type.String(),
  description: Nullable(Type.String()),
  status: Type.String(),
  created_at: Type.String(),
  last_updated_at: Type.String(),
  object: Type.Literal('integration'),
});

export const IntegrationList = ListOf(IntegrationSummary);

export const IntegrationDetail = Type.Object({
  ...IntegrationSummary.properties,
  masked_key: Nullable(Type.String()),
  configurations: AnyObject,
  global_workspace_access_settings: Nullable(AnyObject),
  allow_all_models: Type.Boolean(),
  workspace_count: Type.Integer(),
  secret_mappings: Type.Array(AnyObject),
  pricing_adjustments: Nullable(AnyObject),
  max_concurrent_requests: Nullable(Type.Integer()),
});

export const IntegrationWorkspaces = Type.Object({
  total: Type.Integer(),
  workspaces: Type.Array(
    Type.Object({
      id: Type.String(),
      slug: Type.String(),
      name: Type.String(),
      enabled: Type.Boolean(),
      usage_limits: Type.Array(AnyObject),
      rate_limits: Type.Array(AnyObject),
    }),
  ),
});

export const IntegrationModels = Type.Object({
  total: Type.Integer(),
  allow_all_models: Type.Boolean(),
  models: Type.Array(
    Type.Object({
      slug: Type.String(),
      name: Type.String(),
      enabled: Type.Boolean(),
      is_custom: Type.Boolean(),
      is_finetune: Type.Boolean(),
      base_model_slug: Nullable(Type.String()),
      configurations: Nullable(AnyObject),
      pricing_config: Nullable(AnyObject),
      created_at: Type.String(),
      last_updated_at: Type.String(),
    }),
  ),
});
