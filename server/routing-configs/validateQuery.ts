// Checks the query of a conditional-routing condition: field paths the router can read
// (metadata.*, params.*, url.pathname), known operators only, operands of the right kind.
import type { ConditionQuery } from './types.ts';
import { array, at, fail, got, isObject, object } from './validateValues.ts';

const OPERATORS = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$regex'] as const;
const FIELD = /^(metadata|params)\.[^.]+(\.[^.]+)*$/;
const MAX_QUERY_DEPTH = 10;

const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

function operand(op: string, v: unknown, path: string): void {
  switch (op) {
    case '$in':
    case '$nin':
      array(v, path, { max: 1000 }).forEach((e, i) => {
        if (!isScalar(e)) fail(`${path}[${i}]`, `must be a string, number, boolean or null (got ${got(e)})`);
      });
      return;
    case '$regex':
      if (typeof v !== 'string') fail(path, `must be a regular expression as a string (got ${got(v)})`);
      try {
        new RegExp(v);
      } catch (err) {
        fail(path, `is not a valid regular expression: ${(err as Error).message}`);
      }
      return;
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte':
      if (typeof v === 'number' ? !Number.isFinite(v) : typeof v !== 'string' || v.trim() === '' || !Number.isFinite(Number(v))) {
        fail(path, `must be a number (got ${got(v)})`);
      }
      return;
    default:
      if (!isScalar(v)) fail(path, `must be a string, number, boolean or null (got ${got(v)})`);
  }
}

export function validateQuery(raw: unknown, path: string, depth = 0): ConditionQuery {
  const query = object(raw, path);
  if (Object.keys(query).length === 0) fail(path, 'must test at least one field, e.g. {"metadata.tier": {"$eq": "pro"}}');
  if (depth > MAX_QUERY_DEPTH) fail(path, `nests $and/$or deeper than ${MAX_QUERY_DEPTH} levels`);
  const out: ConditionQuery = {};
  for (const [key, value] of Object.entries(query)) {
    const p = at(path, key);
    if (key === '$and' || key === '$or') {
      out[key] = array(value, p, { min: 1, max: 100 }).map((q, i) => validateQuery(q, `${p}[${i}]`, depth + 1));
      continue;
    }
    if (key.startsWith('$')) fail(p, `is not a query operator here; use $and or $or, or a field such as "metadata.tier"`);
    if (key !== 'url.pathname' && !FIELD.test(key)) {
      fail(p, 'is not a field the router can read: use metadata.<key>, params.<name> or url.pathname');
    }
    if (!isObject(value)) {
      // A bare value means equality, as in Mongo-style queries.
      operand('$eq', value, p);
      out[key] = value;
      continue;
    }
    if (Object.keys(value).length === 0) fail(p, `must have an operator (${OPERATORS.join(', ')})`);
    for (const [op, v] of Object.entries(value)) {
      if (!(OPERATORS as readonly string[]).includes(op)) fail(at(p, op), `is not an operator; use one of ${OPERATORS.join(', ')}`);
      operand(op, v, at(p, op));
    }
    out[key] = JSON.parse(JSON.stringify(value)) as unknown;
  }
  return out;
}
