// Legacy virtual keys spell provider settings in camelCase (`resourceName`, `deploymentConfig`,
// `awsSecretAccessKey`); integrations use snake_case configurations. This maps one onto the other.
import { MASKED_PREFIX, maskValue, type Configurations } from './secretFields.ts';

/** Legacy name -> integration configuration field, for fields that map one to one. */
const FIELD_MAP: ReadonlyArray<readonly [string, string]> = [
  ['resourceName', 'azure_resource_name'],
  ['azureAuthMode', 'azure_auth_mode'],
  ['azureEntraTenantId', 'azure_entra_tenant_id'],
  ['azureEntraClientId', 'azure_entra_client_id'],
  ['azureEntraClientSecret', 'azure_entra_client_secret'],
  ['azureManagedClientId', 'azure_managed_client_id'],
  ['awsAuthType', 'aws_auth_type'],
  ['awsAccessKeyId', 'aws_access_key_id'],
  ['awsSecretAccessKey', 'aws_secret_access_key'],
  ['awsSessionToken', 'aws_session_token'],
  ['awsRegion', 'aws_region'],
  ['awsRoleArn', 'aws_role_arn'],
  ['awsExternalId', 'aws_external_id'],
  ['vertexProjectId', 'vertex_project_id'],
  ['vertexRegion', 'vertex_region'],
  ['vertexServiceAccountJson', 'vertex_service_account_json'],
  ['workersAiAccountId', 'workers_ai_account_id'],
  ['customHost', 'custom_host'],
  ['customHeaders', 'custom_headers'],
];

export const LEGACY_FIELDS: readonly string[] = [
  ...FIELD_MAP.map(([legacy]) => legacy),
  'deploymentName',
  'apiVersion',
  'deploymentConfig',
];

export interface LegacyDeployment {
  deploymentName: string;
  apiVersion: string;
  alias?: string;
  is_default?: boolean;
}

interface AzureDeployment {
  azure_deployment_name: string;
  azure_api_version: string;
  alias?: string;
  is_default?: boolean;
  azure_model_slug?: string;
}

/**
 * Integration configurations from legacy fields; fields that are absent stay absent. `current` is
 * what an update applies to: a flat `deploymentName` or `apiVersion` edits its default deployment.
 */
export function configurationsFromLegacy(legacy: Record<string, unknown>, current: Configurations = {}): Configurations {
  const out: Configurations = {};
  for (const [from, to] of FIELD_MAP) if (legacy[from] !== undefined) out[to] = legacy[from];
  const list = legacy.deploymentConfig as LegacyDeployment[] | null | undefined;
  if (Array.isArray(list)) {
    out.azure_deployment_config = list.map((d): AzureDeployment => ({
      azure_deployment_name: d.deploymentName,
      azure_api_version: d.apiVersion,
      ...(d.alias !== undefined ? { alias: d.alias } : {}),
      is_default: d.is_default ?? false,
    }));
  } else {
    const flat = flatDeployment(legacy, current);
    if (flat) out.azure_deployment_config = flat;
  }
  return out;
}

/**
 * One deployment given flat, as the oldest Azure virtual keys did. Without saved deployments it is
 * the only (default) one; otherwise it changes only the name or version of the default deployment,
 * so that `{ apiVersion }` alone neither blanks the name nor is dropped.
 */
function flatDeployment(legacy: Record<string, unknown>, current: Configurations): AzureDeployment[] | null {
  const name = typeof legacy.deploymentName === 'string' ? legacy.deploymentName : undefined;
  const version = typeof legacy.apiVersion === 'string' ? legacy.apiVersion : undefined;
  if (name === undefined && version === undefined) return null;
  const saved = Array.isArray(current.azure_deployment_config) ? (current.azure_deployment_config as AzureDeployment[]) : [];
  if (saved.length === 0) {
    if (name === undefined) return null;
    return [{ azure_deployment_name: name, azure_api_version: version ?? '', is_default: true }];
  }
  const main = Math.max(
    saved.findIndex((d) => d.is_default),
    0,
  );
  return saved.map((d, i) =>
    i === main ? { ...d, azure_deployment_name: name ?? d.azure_deployment_name, azure_api_version: version ?? d.azure_api_version } : d,
  );
}

/** The legacy model_config of a virtual key, secret fields masked as `masked_<legacyName>`. */
export function modelConfigFrom(plain: Configurations, secret: Configurations): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [legacy, field] of FIELD_MAP) {
    if (plain[field] !== undefined) out[legacy] = plain[field];
    if (secret[field] !== undefined) out[`${MASKED_PREFIX}${legacy}`] = maskValue(secret[field]);
  }
  const deployments = plain.azure_deployment_config;
  if (Array.isArray(deployments) && deployments.length > 0) {
    const legacy = (deployments as AzureDeployment[]).map((d) => ({
      deploymentName: d.azure_deployment_name,
      apiVersion: d.azure_api_version,
      ...(d.alias !== undefined ? { alias: d.alias } : {}),
      is_default: d.is_default ?? false,
    }));
    const main = legacy.find((d) => d.is_default) ?? legacy[0]!;
    out.deploymentName = main.deploymentName;
    out.apiVersion = main.apiVersion;
    out.deploymentConfig = legacy;
  }
  return out;
}

/** `custom_host` -> `customHost`: the name a legacy caller used, for messages about its value. */
export function legacyName(field: string): string {
  return FIELD_MAP.find(([, f]) => f === field)?.[0] ?? field;
}

/** `model_config.awsSecretAccessKey` -> `configurations.aws_secret_access_key` (secret_mappings targets). */
export function integrationTarget(target: string): string {
  if (!target.startsWith('model_config.')) return target;
  const legacy = target.slice('model_config.'.length);
  return `configurations.${FIELD_MAP.find(([l]) => l === legacy)?.[1] ?? legacy}`;
}

/** `configurations.aws_secret_access_key` -> `model_config.awsSecretAccessKey`. */
export function legacyTarget(target: string): string {
  if (!target.startsWith('configurations.')) return target;
  const field = target.slice('configurations.'.length);
  return `model_config.${FIELD_MAP.find(([, f]) => f === field)?.[0] ?? field}`;
}
