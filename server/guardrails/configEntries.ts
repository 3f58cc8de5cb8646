// Reads the guardrail entries of a routing config, in the forms Portkey's configs write them:
//   input_guardrails / output_guardrails / input_mutators / output_mutators:
//     "guard_pii-1a2b3c"                                        a saved guardrail, by slug or id
//     {"default.regexMatch": {"rule": "…"}, "deny": true, …}     shorthand: check ids to parameters
//   before_request_hooks / after_request_hooks:
//     {"type": "guardrail", "id": "…", "checks": [{id, parameters}], "deny": true, …}
// Inline definitions get a stable id from their content, so logs and analytics group them.
import crypto from 'node:crypto';
import { GuardrailDefinitionError, readActions, readChecks, type GuardrailSpec } from './compile.ts';
import type { Json } from './types.ts';

export type ConfigListKey =
  'input_guardrails' | 'output_guardrails' | 'input_mutators' | 'output_mutators' | 'before_request_hooks' | 'after_request_hooks';

export const INPUT_KEYS: readonly ConfigListKey[] = ['input_guardrails', 'input_mutators', 'before_request_hooks'];
export const OUTPUT_KEYS: readonly ConfigListKey[] = ['output_guardrails', 'output_mutators', 'after_request_hooks'];

export type ParsedEntry = { kind: 'ref'; ref: string; path: string } | { kind: 'inline'; spec: GuardrailSpec; path: string };

const RESERVED = new Set(['deny', 'async', 'on_fail', 'on_success', 'id', 'type', 'sequential', 'name', 'guardrail_version_id']);
const HOOK_KEYS = new Set([...RESERVED, 'checks']);

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function inlineId(value: unknown, input: boolean): string {
  const hash = crypto.createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 10);
  return `${input ? 'input' : 'output'}_guardrail_${hash}`;
}

function actionsOf(o: Json, path: string) {
  const actions: Json = {};
  for (const key of ['deny', 'async', 'on_success', 'on_fail']) if (o[key] !== undefined) actions[key] = o[key];
  return readActions(actions, path);
}

function common(o: Json, path: string, input: boolean, fallbackType: 'guardrail' | 'mutator') {
  if (o.id !== undefined && (typeof o.id !== 'string' || !o.id))
    throw new GuardrailDefinitionError(`${path}.id`, `${path}.id must be a non-empty string`);
  if (o.name !== undefined && typeof o.name !== 'string')
    throw new GuardrailDefinitionError(`${path}.name`, `${path}.name must be a string`);
  if (o.sequential !== undefined && typeof o.sequential !== 'boolean')
    throw new GuardrailDefinitionError(`${path}.sequential`, `${path}.sequential must be true or false`);
  if (o.type !== undefined && o.type !== 'guardrail' && o.type !== 'mutator') {
    throw new GuardrailDefinitionError(`${path}.type`, `${path}.type must be guardrail or mutator`);
  }
  return {
    name: typeof o.name === 'string' ? o.name : null,
    type: (o.type as 'guardrail' | 'mutator' | undefined) ?? fallbackType,
    actions: actionsOf(o, path),
    sequential: o.sequential === true,
    id: typeof o.id === 'string' ? o.id : inlineId(o, input),
  };
}

/** One entry of a guardrail list (`input_guardrails[0]`): a saved guardrail's slug or id, or shorthand. */
export function parseListEntry(value: unknown, path: string, key: ConfigListKey): ParsedEntry {
  const input = INPUT_KEYS.includes(key);
  if (typeof value === 'string') {
    if (!value.trim()) throw new GuardrailDefinitionError(path, `${path} must name a guardrail`);
    return { kind: 'ref', ref: value.trim(), path };
  }
  if (key === 'before_request_hooks' || key === 'after_request_hooks') return parseHook(value, path, input);
  if (!isObject(value))
    throw new GuardrailDefinitionError(
      path,
      `${path} must be a guardrail id or an object such as {"default.wordCount": {"maxWords": 500}, "deny": true}`,
    );
  const checkKeys = Object.keys(value).filter((k) => !RESERVED.has(k));
  if (checkKeys.length === 0) throw new GuardrailDefinitionError(path, `${path} names no check: add one such as "default.wordCount": {…}`);
  const checks = checkKeys.map((k) => {
    const parameters = value[k];
    if (parameters !== null && parameters !== undefined && !isObject(parameters)) {
      throw new GuardrailDefinitionError(`${path}.${k}`, `${path}.${k} must be an object of the check's parameters`);
    }
    return { id: k.includes('.') ? k : `default.${k}`, ...(isObject(parameters) ? { parameters } : {}) };
  });
  const mutator = key === 'input_mutators' || key === 'output_mutators';
  const c = common(value, path, input, mutator ? 'mutator' : 'guardrail');
  return { kind: 'inline', path, spec: { id: c.id, name: c.name, type: c.type, checks, actions: c.actions, sequential: c.sequential } };
}

function parseHook(value: unknown, path: string, input: boolean): ParsedEntry {
  if (!isObject(value)) throw new GuardrailDefinitionError(path, `${path} must be a hook object {type, id, checks, deny, …}`);
  for (const key of Object.keys(value)) {
    if (!HOOK_KEYS.has(key))
      throw new GuardrailDefinitionError(
        `${path}.${key}`,
        `${path} has an unknown key "${key}"; a hook has type, id, name, checks, deny, async, on_success, on_fail and sequential`,
      );
  }
  // A hook without checks names a saved guardrail by its id.
  if (value.checks === undefined) {
    if (typeof value.id !== 'string' || !value.id)
      throw new GuardrailDefinitionError(path, `${path} needs checks, or the id of a saved guardrail`);
    return { kind: 'ref', ref: value.id, path };
  }
  const c = common(value, path, input, 'guardrail');
  const checks = readChecks(value.checks, `${path}.checks`);
  return { kind: 'inline', path, spec: { id: c.id, name: c.name, type: c.type, checks, actions: c.actions, sequential: c.sequential } };
}
