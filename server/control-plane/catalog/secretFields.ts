// Which configuration fields are secrets, in one place, and how a configurations object is split
// into a part that may be shown and a part that is only ever stored sealed (AES-256-GCM).
import { maskSecret, type SecretBox } from '../../secrets/cipher.ts';

export type Configurations = Record<string, unknown>;

/**
 * Secret fields named by the OAS configuration schemas (Bedrock/SageMaker, Azure OpenAI, Azure AI,
 * Vertex) plus the ones other providers use. `custom_headers` is here because its values usually
 * carry auth (`Authorization`, `api-key`, `x-api-key`).
 */
export const SECRET_CONFIGURATION_FIELDS: ReadonlySet<string> = new Set([
  'aws_secret_access_key',
  'aws_session_token',
  'azure_entra_client_secret',
  'azure_api_key',
  'azure_ad_token',
  'vertex_service_account_json',
  'custom_headers',
  'api_key',
  'client_secret',
  'password',
  'private_key',
  'snowflake_private_key',
  'huggingface_api_key',
]);

/** Unlisted fields whose names say they are secret are sealed too: hiding a harmless value costs nothing. */
const SECRET_NAME = /secret|password|passwd|token|api_?key|private_?key|credential|service_account/i;

/** Responses show a secret field as `masked_<field>` (OAS IntegrationDetailResponse). */
export const MASKED_PREFIX = 'masked_';

export function isSecretField(name: string): boolean {
  return SECRET_CONFIGURATION_FIELDS.has(name) || SECRET_NAME.test(name);
}

export function splitConfigurations(configs: Configurations): { plain: Configurations; secret: Configurations } {
  const plain: Configurations = {};
  const secret: Configurations = {};
  for (const [field, value] of Object.entries(configs)) {
    if (value === undefined) continue;
    (isSecretField(field) ? secret : plain)[field] = value;
  }
  return { plain, secret };
}

/**
 * Applies an update to stored configurations, one top-level field at a time: a field set to null
 * is removed, a field left out is kept. Replacing the whole object would make every caller resend
 * secrets it can never read back. `masked_*` fields echoed from a GET are ignored.
 */
export function patchConfigurations(current: Configurations, patch: Configurations): Configurations {
  const next: Configurations = { ...current };
  for (const [field, value] of Object.entries(patch)) {
    if (field.startsWith(MASKED_PREFIX) || value === undefined) continue;
    if (value === null) delete next[field];
    else next[field] = value;
  }
  return next;
}

/** A masked copy of a secret value: strings keep their first and last characters, objects their keys. */
export function maskValue(value: unknown): unknown {
  if (typeof value === 'string') return maskSecret(value);
  if (Array.isArray(value)) return value.map(maskValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskValue(v)]));
  }
  return '********';
}

/** What a response shows: plain fields as they are, secret fields only as `masked_<field>`. */
export function maskedConfigurations(plain: Configurations, secret: Configurations): Configurations {
  const shown: Configurations = { ...plain };
  for (const [field, value] of Object.entries(secret)) shown[`${MASKED_PREFIX}${field}`] = maskValue(value);
  return shown;
}

export function sealSecrets(box: SecretBox, secret: Configurations): string | null {
  return Object.keys(secret).length === 0 ? null : box.encrypt(JSON.stringify(secret));
}

export function openSecrets(box: SecretBox, sealed: string | null): Configurations {
  return sealed ? (JSON.parse(box.decrypt(sealed)) as Configurations) : {};
}

/** Sealed column values for a configurations object: the shown part and the sealed part. */
export function configurationColumns(
  box: SecretBox,
  configs: Configurations,
): { configurations: string; secret_configurations: string | null } {
  const { plain, secret } = splitConfigurations(configs);
  return { configurations: JSON.stringify(plain), secret_configurations: sealSecrets(box, secret) };
}

/** Sealed column values for a provider key; null clears it. */
export function keyColumns(box: SecretBox, key: string | null | undefined): { key_encrypted: string | null; masked_key: string | null } {
  if (key === null || key === undefined || key === '') return { key_encrypted: null, masked_key: null };
  return { key_encrypted: box.encrypt(key), masked_key: maskSecret(key) };
}
