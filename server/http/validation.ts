// Schema validation. Bodies are validated strictly (a number is not a string); query strings,
// params and headers are coerced, since everything in a URL arrives as text.
import { Ajv, type ErrorObject } from 'ajv';
import { createRequire } from 'node:module';
import type { FastifySchemaCompiler } from 'fastify';

// ajv-formats is CommonJS whose typings describe an ES default export; require gives the function.
const addFormats = createRequire(import.meta.url)('ajv-formats') as (ajv: Ajv) => Ajv;

function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({
    coerceTypes: coerce ? 'array' : false,
    useDefaults: true,
    removeAdditional: true,
    allErrors: false,
    strict: false,
  });
  addFormats(ajv);
  return ajv;
}

const strict = makeAjv(false);
const coercing = makeAjv(true);

/** The path of the first number that is not finite (`1e309` parses and coerces to Infinity), or null. */
function nonFinitePath(value: unknown, path = ''): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, inner] of Object.entries(value)) {
    const found = nonFinitePath(inner, `${path}/${key}`);
    if (found !== null) return found;
  }
  return null;
}

/**
 * ajv counts Infinity as an integer, so `current_page=1e309` would reach the SQL as an offset:
 * a validated value must also hold only finite numbers.
 */
export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const validate = (httpPart === 'body' ? strict : coercing).compile(schema as object);
  const checked = (data: unknown) => {
    if (!validate(data)) {
      checked.errors = validate.errors;
      return false;
    }
    const at = nonFinitePath(data);
    if (at === null) return true;
    checked.errors = [{ keyword: 'finite', instancePath: at, schemaPath: '', params: {}, message: 'must be a finite number' }];
    return false;
  };
  checked.errors = null as ErrorObject[] | null | undefined;
  return checked;
};

/** Turns ajv's errors into one sentence a person can act on: `body.scopes must be array`. */
export function describeValidationErrors(context: string, errors: ErrorObject[]): string {
  const relevant = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf');
  const first = relevant[0] ?? errors[0];
  if (!first) return `Invalid ${context}`;
  const where = `${context}${first.instancePath.replace(/\//g, '.')}`;
  if (first.keyword === 'required') {
    return `${where} must have the property "${(first.params as { missingProperty: string }).missingProperty}"`;
  }
  if (first.keyword === 'enum') {
    const allowed = (first.params as { allowedValues: unknown[] }).allowedValues;
    return `${where} must be one of: ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  if (first.keyword === 'additionalProperties') {
    return `${where} has an unknown property "${(first.params as { additionalProperty: string }).additionalProperty}"`;
  }
  // Alternatives at the same path ("must be string", "must be null") read as one sentence.
  const sameSpot = relevant.filter((e) => e.instancePath === first.instancePath && e.keyword === 'type');
  if (first.keyword === 'type' && sameSpot.length > 1) {
    return `${where} must be ${sameSpot.map((e) => (e.params as { type: string }).type).join(' or ')}`;
  }
  return `${where} ${first.message ?? 'is invalid'}`;
}
