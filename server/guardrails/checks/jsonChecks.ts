// Checks on JSON held in the text (an answer that must be JSON of a given shape): the whole text,
// else the first ```json block, else the first balanced {...}. The JSON Schema is compiled once.
import { Ajv } from 'ajv';
import { createRequire } from 'node:module';
import { ParameterError, type CheckDefinition, type Json } from '../types.ts';
import { BOTH, NOT, judged, params, plural } from './verdicts.ts';

const addFormats = createRequire(import.meta.url)('ajv-formats') as (ajv: Ajv) => Ajv;
// The admin's schema judges the JSON as written: no defaults, no coercion.
const ajv = addFormats(new Ajv({ allErrors: false, strict: false }));

function tryParse(text: string): { found: true; value: unknown } | { found: false } {
  try {
    return { found: true, value: JSON.parse(text) };
  } catch {
    return { found: false };
  }
}

/** The first balanced {...} or [...] starting at `start` (strings and escapes respected). */
function balanced(text: string, start: number): string | null {
  const open = text[start]!;
  const close = open === '{' ? '}' : ']';
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === open) depth++;
    else if (c === close && --depth === 0) return text.slice(start, i + 1);
  }
  return null;
}

/** JSON the text holds, if any. */
export function jsonIn(text: string): { found: true; value: unknown } | { found: false } {
  const whole = tryParse(text.trim());
  if (whole.found) return whole;
  const fenced = /```(?:json)?[ \t]*\n([\s\S]*?)```/i.exec(text);
  if (fenced) {
    const parsed = tryParse(fenced[1]!.trim());
    if (parsed.found) return parsed;
  }
  // A few candidates at most: each scan reads the rest of the text.
  for (let i = text.indexOf('{'), tries = 0; i !== -1 && tries < 20; i = text.indexOf('{', i + 1), tries++) {
    const candidate = balanced(text, i);
    if (!candidate) break;
    const parsed = tryParse(candidate);
    if (parsed.found) return parsed;
  }
  return { found: false };
}

const jsonSchema: CheckDefinition = {
  id: 'default.jsonSchema',
  name: 'JSON Schema',
  description: 'Passes when the text holds JSON that matches the JSON Schema.',
  phases: BOTH,
  readsText: true,
  parameters: params({ schema: { type: 'object', description: 'The JSON Schema that the JSON in the text must match' }, not: NOT }, [
    'schema',
  ]),
  compile(p) {
    let validate: ReturnType<Ajv['compile']>;
    try {
      validate = ajv.compile(p.schema as Json);
    } catch (err) {
      throw new ParameterError('schema', `schema is not a usable JSON Schema: ${(err as Error).message}`);
    }
    return ({ text }) => {
      const json = jsonIn(text.latest);
      if (!json.found) return judged(false, p.not, '', 'The text holds no JSON', { found: false });
      const ok = validate(json.value) as boolean;
      const first = validate.errors?.[0];
      const why = first ? `${first.instancePath || '(root)'} ${first.message ?? 'does not match'}` : '';
      return judged(ok, p.not, 'The JSON in the text matches the schema', `The JSON in the text does not match the schema: ${why}`, {
        found: true,
        ...(ok ? {} : { error: why }),
      });
    };
  },
};

const jsonKeys: CheckDefinition = {
  id: 'default.jsonKeys',
  name: 'JSON keys',
  description: 'Checks the keys of the JSON object the text holds: any, all or none of the listed keys.',
  phases: BOTH,
  readsText: true,
  parameters: params(
    {
      keys: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        minItems: 1,
        description: 'Keys to look for at the top level of the JSON object',
      },
      operator: {
        type: 'string',
        enum: ['any', 'all', 'none'],
        default: 'any',
        description: 'any: passes when one of the keys is there; all: when every one is; none: when none is',
      },
    },
    ['keys'],
  ),
  compile(p) {
    const keys = p.keys as string[];
    const operator = p.operator as 'any' | 'all' | 'none';
    return ({ text }) => {
      const json = jsonIn(text.latest);
      const object =
        json.found && typeof json.value === 'object' && json.value !== null && !Array.isArray(json.value) ? (json.value as Json) : null;
      if (!object) return { verdict: false, explanation: 'The text holds no JSON object', data: { found: false } };
      const present = keys.filter((k) => Object.hasOwn(object, k)).length;
      const verdict = operator === 'any' ? present > 0 : operator === 'all' ? present === keys.length : present === 0;
      return {
        verdict,
        explanation: `The JSON object has ${present} of the ${plural(keys.length, 'listed key')}; the check wants ${operator === 'none' ? 'none' : operator} of them`,
        data: { found: true, present, listed: keys.length, operator },
      };
    };
  },
};

export const JSON_CHECKS: readonly CheckDefinition[] = [jsonSchema, jsonKeys];
