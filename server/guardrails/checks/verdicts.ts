// Small helpers every check uses: the `not` switch, and the parameter-schema pieces they share.
import type { CheckVerdict, HookPhase, Json } from '../types.ts';

export const BOTH: readonly HookPhase[] = ['beforeRequestHook', 'afterRequestHook'];
export const BEFORE: readonly HookPhase[] = ['beforeRequestHook'];
export const AFTER: readonly HookPhase[] = ['afterRequestHook'];

export const NOT = { type: 'boolean', default: false, description: 'Invert the verdict: the check fails where it would pass' };

/** An object schema that refuses unknown parameters. */
export function params(properties: Json, required: string[] = [], extra: Json = {}): Json {
  return { type: 'object', properties, required, additionalProperties: false, ...extra };
}

/**
 * The verdict of a check whose condition `held`, flipped by `not`; `yes`/`no` explain the
 * condition holding or not, so the explanation stays true whichever way `not` points.
 */
export function judged(held: boolean, not: unknown, yes: string, no: string, data?: Json): CheckVerdict {
  const verdict = not === true ? !held : held;
  return { verdict, explanation: held ? yes : no, ...(data ? { data } : {}) };
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Lists that Portkey also accepts as one comma-separated string. */
export function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') {
    return value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  return [];
}

export const STRING_LIST = {
  oneOf: [{ type: 'array', items: { type: 'string' } }, { type: 'string' }],
};
