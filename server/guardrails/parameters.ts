// Check parameters against each check's JSON Schema: defaults filled in, nothing coerced, unknown
// parameters refused (a misspelt `maxWord` must not leave a check that never fails). One validator
// per check definition, compiled the first time it is needed.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { createRequire } from 'node:module';
import type { CheckDefinition, Json } from './types.ts';

// ajv-formats is CommonJS whose typings describe an ES default export; require gives the function.
const addFormats = createRequire(import.meta.url)('ajv-formats') as (ajv: Ajv) => Ajv;

const ajv = addFormats(new Ajv({ useDefaults: true, coerceTypes: false, allErrors: false, strict: false }));
const validators = new Map<string, ValidateFunction>();

function describe(where: string, e: ErrorObject): string {
  const at = `${where}${e.instancePath.replace(/\//g, '.')}`;
  switch (e.keyword) {
    case 'required':
      return `${at} needs "${(e.params as { missingProperty: string }).missingProperty}"`;
    case 'additionalProperties':
      return `${at} has an unknown parameter "${(e.params as { additionalProperty: string }).additionalProperty}"`;
    case 'enum':
      return `${at} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${at} ${e.message ?? 'is not valid'}`;
  }
}

/** A copy of `given` with defaults filled in, or the first problem as a sentence naming `where`. */
export function validateParameters(
  check: CheckDefinition,
  given: unknown,
  where: string,
): { ok: true; value: Json } | { ok: false; message: string } {
  let validate = validators.get(check.id);
  if (!validate) validators.set(check.id, (validate = ajv.compile(check.parameters)));
  const value = structuredClone(given ?? {}) as Json;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: `${where} must be an object of parameters` };
  }
  if (validate(value)) return { ok: true, value };
  return { ok: false, message: describe(where, validate.errors![0]!) };
}
