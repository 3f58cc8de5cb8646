// Turns a guardrail definition (a saved one, or one written inline in a routing config) into the
// form the engine runs: each check's parameters validated against its schema with defaults filled
// in and compiled into a handler, once per guardrail version (the callers cache the result), and
// the actions normalised. Problems are GuardrailDefinitionErrors that name the JSON path at fault.
import { CHECKS, unknownCheckMessage } from './checks/registry.ts';
import { validateParameters } from './parameters.ts';
import { ParameterError, type CheckHandler, type Feedback, type GuardrailActions, type HookPhase, type Json } from './types.ts';

export class GuardrailDefinitionError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'GuardrailDefinitionError';
  }
}

export interface CheckSpec {
  id: string;
  parameters?: Json;
  name?: string;
  is_enabled?: boolean;
}

export interface GuardrailSpec {
  /** The slug of a saved guardrail, or a generated id for an inline one. */
  id: string;
  name: string | null;
  type: 'guardrail' | 'mutator';
  checks: CheckSpec[];
  actions: GuardrailActions;
  /** Checks run one after another, each seeing the text the previous one changed. */
  sequential: boolean;
}

export interface CompiledCheck {
  id: string;
  phases: readonly HookPhase[];
  readsText: boolean;
  handler: CheckHandler;
}

export interface CompiledGuardrail {
  id: string;
  name: string | null;
  type: 'guardrail' | 'mutator';
  checks: CompiledCheck[];
  actions: GuardrailActions;
  sequential: boolean;
}

export interface CompileOptions {
  /** Saved by an admin through the Admin API: only such guardrails may reach the network. */
  saved: boolean;
  /** Where the definition sits, for messages: `checks`, `config.input_guardrails[0]`. */
  path: string;
  /** The phase it is attached to, when known: checks that cannot run there are refused. */
  phase?: HookPhase;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const PHASE_WORDS: Record<HookPhase, string> = { beforeRequestHook: 'on requests (input)', afterRequestHook: 'on answers (output)' };

export function compileCheck(spec: CheckSpec, options: CompileOptions & { index: number }): CompiledCheck | null {
  const at = `${options.path}[${options.index}]`;
  const problem = unknownCheckMessage(spec.id);
  if (problem) throw new GuardrailDefinitionError(`${at}.id`, problem);
  const def = CHECKS.get(spec.id)!;
  if (options.phase && !def.phases.includes(options.phase)) {
    throw new GuardrailDefinitionError(
      at,
      `${spec.id} runs only ${def.phases.map((p) => PHASE_WORDS[p]).join(' and ')}, not ${PHASE_WORDS[options.phase]}`,
    );
  }
  const valid = validateParameters(def, spec.parameters, `${at}.parameters`);
  if (!valid.ok) throw new GuardrailDefinitionError(`${at}.parameters`, valid.message);
  if (!options.saved && def.egress?.(valid.value)) {
    throw new GuardrailDefinitionError(
      at,
      `${spec.id} reaches the network, so it may only be used in a guardrail an admin saved (POST /v1/guardrails), then named by its id`,
    );
  }
  if (spec.is_enabled === false) return null;
  try {
    return { id: spec.id, phases: def.phases, readsText: def.readsText === true, handler: def.compile(valid.value) };
  } catch (err) {
    // ParameterError messages start with the parameter's name: prefix its path.
    if (err instanceof ParameterError)
      throw new GuardrailDefinitionError(`${at}.parameters.${err.field}`, `${at}.parameters.${err.message}`);
    throw err;
  }
}

export function compileGuardrail(spec: GuardrailSpec, options: CompileOptions): CompiledGuardrail {
  const checks: CompiledCheck[] = [];
  spec.checks.forEach((c, index) => {
    const compiled = compileCheck(c, { ...options, index });
    if (compiled) checks.push(compiled);
  });
  return { id: spec.id, name: spec.name, type: spec.type, checks, actions: spec.actions, sequential: spec.sequential };
}

// ---- reading definitions ----

function feedback(value: unknown, path: string, fallback: number): Feedback | null {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) throw new GuardrailDefinitionError(path, `${path} must be an object`);
  const f = value.feedback;
  if (f === undefined || f === null) return null;
  if (!isObject(f)) throw new GuardrailDefinitionError(`${path}.feedback`, `${path}.feedback must be an object {value, weight, metadata}`);
  const v = f.value ?? fallback;
  const w = f.weight ?? 1;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < -10 || v > 10) {
    throw new GuardrailDefinitionError(`${path}.feedback.value`, `${path}.feedback.value must be a whole number from -10 to 10`);
  }
  if (typeof w !== 'number' || w < 0 || w > 1)
    throw new GuardrailDefinitionError(`${path}.feedback.weight`, `${path}.feedback.weight must be a number from 0 to 1`);
  const m = f.metadata ?? '';
  if (typeof m !== 'string' && !isObject(m))
    throw new GuardrailDefinitionError(`${path}.feedback.metadata`, `${path}.feedback.metadata must be a string or an object`);
  return { value: v, weight: w, metadata: typeof m === 'string' ? m : JSON.stringify(m) };
}

const ACTION_KEYS = new Set(['deny', 'async', 'on_success', 'on_fail']);

/** Actions with Portkey's defaults: no deny, not async, no feedback unless asked for. */
export function readActions(value: unknown, path: string): GuardrailActions {
  if (value === undefined || value === null)
    return { deny: false, async: false, on_success: { feedback: null }, on_fail: { feedback: null } };
  if (!isObject(value)) throw new GuardrailDefinitionError(path, `${path} must be an object {deny, async, on_success, on_fail}`);
  for (const key of Object.keys(value)) {
    if (!ACTION_KEYS.has(key))
      throw new GuardrailDefinitionError(
        `${path}.${key}`,
        `${path} has an unknown key "${key}"; actions are deny, async, on_success and on_fail`,
      );
  }
  for (const key of ['deny', 'async'] as const) {
    if (value[key] !== undefined && typeof value[key] !== 'boolean')
      throw new GuardrailDefinitionError(`${path}.${key}`, `${path}.${key} must be true or false`);
  }
  return {
    deny: value.deny === true,
    async: value.async === true,
    on_success: { feedback: feedback(value.on_success, `${path}.on_success`, 5) },
    on_fail: { feedback: feedback(value.on_fail, `${path}.on_fail`, -5) },
  };
}

export function readChecks(value: unknown, path: string): CheckSpec[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new GuardrailDefinitionError(path, `${path} must be a list of at least one check {id, parameters}`);
  if (value.length > 50) throw new GuardrailDefinitionError(path, `${path} has more than 50 checks`);
  return value.map((c, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(c)) throw new GuardrailDefinitionError(at, `${at} must be an object {id, parameters}`);
    for (const key of Object.keys(c)) {
      if (!['id', 'parameters', 'name', 'is_enabled'].includes(key))
        throw new GuardrailDefinitionError(
          `${at}.${key}`,
          `${at} has an unknown key "${key}"; a check has id, parameters, name and is_enabled`,
        );
    }
    if (typeof c.id !== 'string' || !c.id)
      throw new GuardrailDefinitionError(`${at}.id`, `${at}.id must be a check id such as default.regexMatch`);
    if (c.parameters !== undefined && c.parameters !== null && !isObject(c.parameters))
      throw new GuardrailDefinitionError(`${at}.parameters`, `${at}.parameters must be an object`);
    if (c.is_enabled !== undefined && typeof c.is_enabled !== 'boolean')
      throw new GuardrailDefinitionError(`${at}.is_enabled`, `${at}.is_enabled must be true or false`);
    if (c.name !== undefined && typeof c.name !== 'string') throw new GuardrailDefinitionError(`${at}.name`, `${at}.name must be a string`);
    return {
      id: c.id,
      ...(isObject(c.parameters) ? { parameters: c.parameters } : {}),
      ...(typeof c.name === 'string' ? { name: c.name } : {}),
      ...(typeof c.is_enabled === 'boolean' ? { is_enabled: c.is_enabled } : {}),
    };
  });
}
