// The organisation's metadata JSON schemas (spec §3.3, enforcing-request-metadata): draft-07 schemas
// that an API key's `defaults.metadata` and a workspace's `metadata` must match when they are
// created or changed. Compiled once per stored schema; a schema that does not compile is refused
// when the settings are written, so a bad one never locks anyone out of creating keys.
import { Ajv } from 'ajv';
import { badRequest } from '../errors.ts';

export type MetadataSubject = 'api_key' | 'workspace';
const SETTING: Record<MetadataSubject, string> = { api_key: 'api_key_metadata_schema', workspace: 'workspace_metadata_schema' };

// No coercion, no defaults, no removal: the schema judges the metadata as sent.
const ajv = new Ajv({ allErrors: false, strict: false });
const compiled = new WeakMap<object, ReturnType<Ajv['compile']>>();

function validatorFor(schema: object) {
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, (validate = ajv.compile(schema)));
  return validate;
}

/** The reason a schema cannot be used, or null (the settings API refuses such a schema). */
export function schemaProblem(schema: object): string | null {
  try {
    validatorFor(schema);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * Throws a 400 naming the first mismatch when `metadata` does not match the organisation's schema
 * for `subject`; does nothing when there is no schema. `param` is where the metadata sits in the body.
 */
export function checkMetadata(settings: Record<string, unknown>, subject: MetadataSubject, metadata: unknown, param: string): void {
  const schema = settings[SETTING[subject]];
  if (schema === null || typeof schema !== 'object') return;
  const validate = validatorFor(schema);
  if (validate(metadata ?? {})) return;
  const first = validate.errors?.[0];
  const where = first?.instancePath ? `${param}${first.instancePath.replace(/\//g, '.')}` : param;
  const detail = first ? `${where} ${first.message}` : `${param} is not valid`;
  throw badRequest(`${detail}: the organisation's ${SETTING[subject]} requires it (ask an organisation admin for the expected metadata)`, {
    param,
  });
}
