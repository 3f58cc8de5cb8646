// Request and response schemas of /providers and the legacy /virtual-keys (OAS Providers, VirtualKeys).
import { Type } from 'typebox';
import { AnyObject, ListOf, Nullable, PageQuery, RateLimit, UsageLimits, UsageLimitsView } from '../../http/schemas.ts';
import { SecretMapping, Slug } from './integrationSchemas.ts';

const Opt = Type.Optional;
const Note = Type.String({ maxLength: 1024 });

const Limits = {
  note: Opt(Nullable(Note)),
  max_concurrent_requests: Opt(Nullable(Type.Integer({ minimum: 1, maximum: 1_000_000 }))),
  usage_limits: Opt(Nullable(UsageLimits)),
  rate_limits: Opt(Nullable(Type.Array(RateLimit))),
  expires_at: Opt(Nullable(Type.String())),
};

export const CreateProviderBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 255 }),
  integration_id: Type.String({ minLength: 1 }),
  workspace_id: Opt(Nullable(Type.String())),
  slug: Opt(Slug),
  ...Limits,
});

export const UpdateProviderBody = Type.Object({
  name: Opt(Type.String({ minLength: 1, maxLength: 255 })),
  // Terraform sends the workspace in the body of an update.
  workspace_id: Opt(Nullable(Type.String())),
  reset_usage: Opt(Type.Boolean()),
  ...Limits,
});

export const WorkspaceQuery = Type.Object({ workspace_id: Opt(Type.String()) });
export const ListProvidersQuery = Type.Object({ ...PageQuery, workspace_id: Opt(Type.String()) });

const LegacyDeployment = Type.Object({
  apiVersion: Type.String({ maxLength: 30 }),
  deploymentName: Type.String({ minLength: 1 }),
  alias: Opt(Type.String()),
  is_default: Opt(Type.Boolean()),
});

const Str = (maxLength = 1024) => Opt(Nullable(Type.String({ maxLength })));

/** Provider settings legacy virtual keys carry at the top level (see legacyModelConfig.ts). */
const LegacyFields = {
  resourceName: Str(),
  deploymentName: Str(),
  apiVersion: Str(30),
  deploymentConfig: Opt(Nullable(Type.Array(LegacyDeployment))),
  azureAuthMode: Opt(Nullable(Type.Enum(['default', 'entra', 'managed', 'workload', 'entraFederated']))),
  azureEntraTenantId: Str(),
  azureEntraClientId: Str(),
  azureEntraClientSecret: Str(4096),
  azureManagedClientId: Str(),
  awsAuthType: Opt(Nullable(Type.Enum(['accessKey', 'assumedRole', 'serviceRole', 'apiKey']))),
  awsAccessKeyId: Str(),
  awsSecretAccessKey: Str(4096),
  awsSessionToken: Str(8192),
  awsRegion: Str(),
  awsRoleArn: Str(),
  awsExternalId: Str(),
  vertexProjectId: Str(),
  vertexRegion: Str(),
  vertexServiceAccountJson: Opt(Nullable(Type.Union([AnyObject, Type.String({ maxLength: 65536 })]))),
  workersAiAccountId: Str(),
  customHost: Str(2048),
  customHeaders: Opt(Nullable(Type.Record(Type.String(), Type.String()))),
};

const VirtualKeyFields = {
  key: Opt(Nullable(Type.String({ maxLength: 65536 }))),
  workspace_id: Opt(Nullable(Type.String())),
  secret_mappings: Opt(Nullable(Type.Array(SecretMapping))),
  model_config: Opt(Nullable(AnyObject)),
  ...Limits,
  ...LegacyFields,
};

export const CreateVirtualKeyBody = Type.Object({
  name: Opt(Type.String({ minLength: 1, maxLength: 255 })),
  provider: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' }),
  ...VirtualKeyFields,
});

export const UpdateVirtualKeyBody = Type.Object({
  name: Opt(Type.String({ minLength: 1, maxLength: 255 })),
  reset_usage: Opt(Type.Boolean()),
  ...VirtualKeyFields,
});

// Responses.

export const ProviderCreated = Type.Object({ id: Type.String(), slug: Type.String(), object: Type.Literal('provider') });
export const ProviderUpdated = Type.Object({ id: Type.String(), slug: Type.String() });

export const Provider = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  note: Nullable(Type.String()),
  integration_id: Type.String(),
  ai_provider_name: Type.String(),
  workspace_id: Type.String(),
  status: Type.String(),
  usage_limits: Nullable(UsageLimitsView),
  current_usage: Type.Number(),
  reset_usage: Type.Number(),
  rate_limits: Nullable(Type.Array(RateLimit)),
  max_concurrent_requests: Nullable(Type.Integer()),
  expires_at: Nullable(Type.String()),
  created_at: Type.String(),
  last_updated_at: Type.String(),
  object: Type.Literal('provider'),
});

export const ProviderList = ListOf(Provider);

export const VirtualKey = Type.Object({
  ...Provider.properties,
  model_config: AnyObject,
  secret_mappings: Type.Array(AnyObject),
  masked_api_key: Nullable(Type.String()),
  object: Type.Literal('virtual-key'),
});

export const VirtualKeyList = ListOf(VirtualKey);

export const VirtualKeyCreated = Type.Object({ success: Type.Literal(true), data: Type.Object({ slug: Type.String() }) });
