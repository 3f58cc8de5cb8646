// The small checks config validation is made of. Each returns the value it accepted or throws a 400
// AppError whose message starts with the JSON path at fault and whose `param` is that path.
import { badRequest } from '../errors.ts';
import { nearest } from '../nearestName.ts';

export type Json = Record<string, unknown>;

export function fail(path: string, problem: string): never {
  throw badRequest(`${path} ${problem}`, { param: path });
}

export const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** How a rejected value is shown: strings quoted and cut short, containers by kind. */
export function got(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  return String(v);
}

/** `config.retry`, or `config.query["metadata.tier"]` for keys that are not identifiers. */
export const at = (path: string, key: string) =>
  /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

export function object(v: unknown, path: string): Json {
  if (!isObject(v)) fail(path, `must be an object (got ${got(v)})`);
  return v;
}

export function array(v: unknown, path: string, { min = 0, max = Infinity } = {}): unknown[] {
  if (!Array.isArray(v)) fail(path, `must be an array (got ${got(v)})`);
  if (v.length < min) fail(path, min === 1 ? 'must not be empty' : `must have at least ${min} entries`);
  if (v.length > max) fail(path, `has ${v.length} entries; at most ${max} are allowed`);
  return v;
}

export function string(v: unknown, path: string, { empty = false, max = 10_000 } = {}): string {
  if (typeof v !== 'string') fail(path, `must be a string (got ${got(v)})`);
  if (!empty && v.trim() === '') fail(path, 'must not be empty');
  if (v.length > max) fail(path, `must be at most ${max} characters`);
  return v;
}

export function boolean(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') fail(path, `must be true or false (got ${got(v)})`);
  return v;
}

export function integer(v: unknown, path: string, min: number, max = Number.MAX_SAFE_INTEGER, unit = ''): number {
  const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) fail(path, `must be an integer ${range}${unit} (got ${got(v)})`);
  return v;
}

export function oneOf<T extends string>(v: unknown, path: string, allowed: readonly T[]): T {
  if (typeof v !== 'string' || !allowed.includes(v as T)) fail(path, `must be one of ${allowed.join(', ')} (got ${got(v)})`);
  return v as T;
}

export function statusCodes(v: unknown, path: string): number[] {
  return array(v, path, { min: 1, max: 500 }).map((s, i) => integer(s, `${path}[${i}]`, 100, 599, ' (an HTTP status)'));
}

export function stringList(v: unknown, path: string): string[] {
  return array(v, path, { max: 1000 }).map((s, i) => string(s, `${path}[${i}]`));
}

/** A free-form JSON object (override_params, …), copied so the caller's object is never shared. */
export function plainObject(v: unknown, path: string): Json {
  return JSON.parse(JSON.stringify(object(v, path))) as Json;
}

/** Rejects keys outside `allowed`, suggesting the nearest allowed one. */
export function knownKeys(obj: Json, path: string, allowed: readonly string[]): void {
  for (const key of Object.keys(obj)) {
    if (allowed.includes(key)) continue;
    const near = nearest(key, allowed);
    const hint = near ? ` (did you mean "${near}"?)` : '';
    throw badRequest(`${path} has an unknown key ${JSON.stringify(key)}${hint}; allowed keys: ${allowed.join(', ')}`, {
      param: at(path, key),
    });
  }
}
