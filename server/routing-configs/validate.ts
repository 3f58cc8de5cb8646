// Strict validation of routing configs (inline x-portkey-config headers and saved configs). Portkey's
// own schema ignores unknown keys, so a typo such as `retries` silently does nothing; here every
// key must be known, every value typed, and every tree routable, and the first problem found is a
// 400 naming its JSON path: `config.targets[1].strategy.mode must be one of … (got "fallbak")`.
import { badRequest } from '../errors.ts';
import { SLUG_PATTERN } from '../ids.ts';
import { refuseDeepJson } from '../http/jsonDepth.ts';
import { validateQuery } from './validateQuery.ts';
import {
  array,
  at,
  boolean,
  fail,
  got,
  integer,
  isObject,
  knownKeys,
  object,
  oneOf,
  plainObject,
  statusCodes,
  string,
  stringList,
} from './validateValues.ts';
import {
  MAX_RETRY_ATTEMPTS,
  MIN_CIRCUIT_COOLDOWN_MS,
  PROVIDER_OPTION_KEYS,
  type CacheSettings,
  type CircuitBreakerSettings,
  type ConfigNode,
  type ForwardHeader,
  type RetrySettings,
  type Strategy,
  type StrategyMode,
} from './types.ts';

export const MAX_TARGETS_PER_GROUP = 100;
/** Levels of `targets` below the root. */
export const MAX_CONFIG_DEPTH = 10;
/** Nodes in one tree: 100 targets × 10 levels would otherwise allow an absurd tree. */
export const MAX_CONFIG_NODES = 1000;
export const MAX_CONDITIONS = 100;

export const STRATEGY_MODES: readonly StrategyMode[] = ['single', 'fallback', 'loadbalance', 'conditional'];

type Check = (value: unknown, path: string) => unknown;

// ---- field checks ----

const PROVIDER_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const CATALOG_SLUG = new RegExp(SLUG_PATTERN);
/** RFC 9110 token characters. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function provider(v: unknown, path: string): string {
  const s = string(v, path);
  if (s.startsWith('@') ? CATALOG_SLUG.test(s.slice(1)) : PROVIDER_ID.test(s)) return s;
  return fail(path, `must be "@provider-slug" (a model catalog provider) or a provider id such as "openai" (got ${got(s)})`);
}

function virtualKey(v: unknown, path: string): string {
  const s = string(v, path);
  if (!CATALOG_SLUG.test(s)) fail(path, `must be a provider slug: letters, digits, "-" and "_" (got ${got(s)})`);
  return s;
}

function customHost(v: unknown, path: string): string {
  const s = string(v, path);
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return fail(path, `must be an http(s) URL (got ${got(s)})`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail(path, `must be an http(s) URL (got ${got(s)})`);
  if (s.includes('#')) fail(path, 'must not have a #fragment');
  return s;
}

function forwardHeaders(v: unknown, path: string): ForwardHeader[] {
  const header = (h: unknown, p: string) => {
    const name = string(h, p);
    if (!HEADER_NAME.test(name)) fail(p, `must be an HTTP header name (got ${got(name)})`);
    return name;
  };
  return array(v, path, { max: 100 }).map((entry, i) => {
    const p = `${path}[${i}]`;
    if (typeof entry === 'string') return header(entry, p);
    if (!isObject(entry)) fail(p, `must be a header name or {from, to} (got ${got(entry)})`);
    knownKeys(entry, p, ['from', 'to']);
    return { from: header(entry.from, `${p}.from`), to: header(entry.to, `${p}.to`) };
  });
}

function retry(v: unknown, path: string): RetrySettings {
  const o = object(v, path);
  knownKeys(o, path, ['attempts', 'on_status_codes', 'use_retry_after_headers', 'use_retry_after_header']);
  if (o.attempts === undefined) fail(path, `needs attempts (0 to ${MAX_RETRY_ATTEMPTS})`);
  // The OSS gateway spells it without the final s; both mean the same, the plural is kept.
  if (o.use_retry_after_header !== undefined && o.use_retry_after_headers !== undefined) {
    fail(path, 'has both use_retry_after_headers and use_retry_after_header; keep use_retry_after_headers');
  }
  const out: RetrySettings = { attempts: integer(o.attempts, `${path}.attempts`, 0, MAX_RETRY_ATTEMPTS) };
  if (o.on_status_codes !== undefined) out.on_status_codes = statusCodes(o.on_status_codes, `${path}.on_status_codes`);
  if (o.use_retry_after_headers !== undefined)
    out.use_retry_after_headers = boolean(o.use_retry_after_headers, `${path}.use_retry_after_headers`);
  if (o.use_retry_after_header !== undefined)
    out.use_retry_after_headers = boolean(o.use_retry_after_header, `${path}.use_retry_after_header`);
  return out;
}

function cache(v: unknown, path: string): CacheSettings {
  const o = object(v, path);
  knownKeys(o, path, ['mode', 'max_age']);
  if (o.mode === undefined) fail(path, 'needs mode (simple or semantic)');
  const out: CacheSettings = { mode: oneOf(o.mode, `${path}.mode`, ['simple', 'semantic'] as const) };
  if (o.max_age !== undefined) {
    const age = o.max_age;
    if (typeof age !== 'number' || !Number.isFinite(age) || age <= 0)
      fail(`${path}.max_age`, `must be a positive number of seconds (got ${got(age)})`);
    out.max_age = age;
  }
  return out;
}

function circuitBreaker(v: unknown, path: string): CircuitBreakerSettings {
  const o = object(v, path);
  knownKeys(o, path, ['failure_threshold', 'cooldown_interval', 'failure_status_codes']);
  if (o.failure_threshold === undefined) fail(path, 'needs failure_threshold (consecutive failures that open the circuit)');
  if (o.cooldown_interval === undefined) fail(path, `needs cooldown_interval (milliseconds, at least ${MIN_CIRCUIT_COOLDOWN_MS})`);
  const out: CircuitBreakerSettings = {
    failure_threshold: integer(o.failure_threshold, `${path}.failure_threshold`, 1),
    cooldown_interval: integer(
      o.cooldown_interval,
      `${path}.cooldown_interval`,
      MIN_CIRCUIT_COOLDOWN_MS,
      Number.MAX_SAFE_INTEGER,
      ' milliseconds',
    ),
  };
  if (o.failure_status_codes !== undefined) out.failure_status_codes = statusCodes(o.failure_status_codes, `${path}.failure_status_codes`);
  return out;
}

/** Guardrail and mutator lists: ids or shorthand objects; their insides belong to the guardrails code. */
function idsOrObjects(v: unknown, path: string): unknown[] {
  return array(v, path, { max: 100 }).map((entry, i) => {
    if (typeof entry === 'string') return string(entry, `${path}[${i}]`);
    return plainObject(entry, `${path}[${i}]`);
  });
}

function hooks(v: unknown, path: string): unknown[] {
  return array(v, path, { max: 100 }).map((entry, i) => plainObject(entry, `${path}[${i}]`));
}

function providerOption(key: string): Check {
  if (key === 'strict_open_ai_compliance') return boolean;
  if (key === 'vertex_service_account_json') {
    return (v, p) => (typeof v === 'string' ? v : plainObject(v, p));
  }
  // Portkey's examples leave unused provider settings as "": accept empty strings.
  return (v, p) => string(v, p, { empty: true });
}

const FIELDS: Record<string, Check> = {
  name: (v, p) => string(v, p, { max: 200 }),
  provider,
  api_key: (v, p) => string(v, p),
  virtual_key: virtualKey,
  custom_host: customHost,
  passthrough: boolean,
  weight: (v, p) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) fail(p, `must be a number ≥ 0 (got ${got(v)})`);
    return v;
  },
  override_params: plainObject,
  default_params: plainObject,
  drop_params: stringList,
  forward_headers: forwardHeaders,
  retry,
  cache,
  request_timeout: (v, p) => integer(v, p, 1, Number.MAX_SAFE_INTEGER, ' milliseconds'),
  circuit_breaker: circuitBreaker,
  // Their shape only: what is inside belongs to the guardrails engine, which compiles them (and
  // refuses a bad check with a 400 naming its path) when a saved config is written or a request
  // names the config (docs/adr/0018).
  input_guardrails: idsOrObjects,
  output_guardrails: idsOrObjects,
  input_mutators: idsOrObjects,
  output_mutators: idsOrObjects,
  before_request_hooks: hooks,
  after_request_hooks: hooks,
  ...Object.fromEntries(PROVIDER_OPTION_KEYS.map((k) => [k, providerOption(k)])),
};

/** Every key a config node may carry: routing fields, then provider settings. */
export const CONFIG_NODE_KEYS: readonly string[] = ['strategy', 'targets', ...Object.keys(FIELDS)];

/** Keys that describe one upstream; on a group (which has targets) nothing would read them. */
const LEAF_ONLY = ['provider', 'api_key', 'virtual_key', 'passthrough'] as const;

// ---- strategy ----

export const STRATEGY_KEYS = ['mode', 'on_status_codes', 'conditions', 'default', 'sticky'];
/** Strategy keys that only one mode reads; elsewhere they would be silently ignored. */
const MODE_OF_KEY: Record<string, StrategyMode> = {
  on_status_codes: 'fallback',
  conditions: 'conditional',
  default: 'conditional',
  sticky: 'loadbalance',
};

function sticky(v: unknown, path: string): NonNullable<Strategy['sticky']> {
  const o = object(v, path);
  knownKeys(o, path, ['enabled', 'hash_fields', 'ttl']);
  if (o.enabled === undefined) fail(path, 'needs enabled (true or false)');
  const out: NonNullable<Strategy['sticky']> = { enabled: boolean(o.enabled, `${path}.enabled`) };
  if (o.hash_fields !== undefined) {
    out.hash_fields = stringList(o.hash_fields, `${path}.hash_fields`).map((f, i) => {
      if (!/^(metadata|params)\.[^.]+(\.[^.]+)*$/.test(f)) {
        fail(`${path}.hash_fields[${i}]`, `must be a field path such as metadata.user_id or params.model (got ${got(f)})`);
      }
      return f;
    });
  }
  if (o.ttl !== undefined) out.ttl = integer(o.ttl, `${path}.ttl`, 1, Number.MAX_SAFE_INTEGER, ' seconds');
  return out;
}

function strategy(v: unknown, path: string): Strategy {
  const o = object(v, path);
  knownKeys(o, path, STRATEGY_KEYS);
  if (o.mode === undefined) fail(path, `needs mode (one of ${STRATEGY_MODES.join(', ')})`);
  const mode = oneOf(o.mode, `${path}.mode`, STRATEGY_MODES);
  for (const key of Object.keys(o)) {
    const only = MODE_OF_KEY[key];
    if (only && only !== mode) fail(`${path}.${key}`, `is only used with mode ${only} (this strategy is ${mode})`);
  }
  const out: Strategy = { mode };
  if (o.on_status_codes !== undefined) out.on_status_codes = statusCodes(o.on_status_codes, `${path}.on_status_codes`);
  if (mode === 'conditional') {
    if (o.conditions === undefined) fail(path, 'needs conditions: a list of {query, then} for mode conditional');
    out.conditions = array(o.conditions, `${path}.conditions`, { min: 1, max: MAX_CONDITIONS }).map((c, i) => {
      const p = `${path}.conditions[${i}]`;
      const cond = object(c, p);
      knownKeys(cond, p, ['query', 'then']);
      if (cond.query === undefined) fail(p, 'needs query');
      if (cond.then === undefined) fail(p, 'needs then (the name of a target)');
      return { query: validateQuery(cond.query, `${p}.query`), then: string(cond.then, `${p}.then`) };
    });
    if (o.default !== undefined) out.default = string(o.default, `${path}.default`);
  }
  if (o.sticky !== undefined) out.sticky = sticky(o.sticky, `${path}.sticky`);
  return out;
}

// ---- the tree ----

interface Walk {
  nodes: number;
}

function groupChecks(out: ConfigNode, path: string, hasStrategy: boolean): void {
  const targets = out.targets!;
  for (const key of LEAF_ONLY) {
    if (out[key] !== undefined)
      fail(`${path}.${key}`, 'is set on a group (a node with targets), where nothing reads it; set it on the targets');
  }
  if (!hasStrategy && targets.length > 1) {
    fail(path, `has ${targets.length} targets but no strategy: set strategy.mode (one of ${STRATEGY_MODES.join(', ')})`);
  }
  const names = new Map<string, number>();
  targets.forEach((t, i) => {
    if (t.name === undefined) return;
    const seen = names.get(t.name);
    if (seen !== undefined)
      fail(`${path}.targets[${i}].name`, `${got(t.name)} is already the name of ${path}.targets[${seen}]; names in a group must differ`);
    names.set(t.name, i);
  });
  const s = out.strategy;
  if (s?.mode === 'conditional') {
    const known = () => (names.size ? [...names.keys()].map((n) => JSON.stringify(n)).join(', ') : 'none: give the targets a name');
    s.conditions!.forEach((c, i) => {
      if (!names.has(c.then))
        fail(`${path}.strategy.conditions[${i}].then`, `names no target of this group (got ${got(c.then)}; target names: ${known()})`);
    });
    if (s.default !== undefined && !names.has(s.default)) {
      fail(`${path}.strategy.default`, `names no target of this group (got ${got(s.default)}; target names: ${known()})`);
    }
  }
  if (s?.mode === 'loadbalance' && targets.every((t) => (t.weight ?? 1) === 0)) {
    fail(`${path}.targets`, 'all have weight 0; a load-balanced group needs at least one target with weight above 0');
  }
}

function leafChecks(out: ConfigNode, path: string, isRoot: boolean): void {
  const catalog = typeof out.provider === 'string' && out.provider.startsWith('@');
  if (out.passthrough === true && (out.provider !== undefined || out.virtual_key !== undefined)) {
    fail(`${path}.passthrough`, 'takes the provider from the request; remove provider and virtual_key, or passthrough');
  }
  if (catalog && out.virtual_key !== undefined) {
    fail(path, 'has both provider "@slug" and virtual_key; give one of them');
  }
  if (out.api_key !== undefined && (catalog || out.virtual_key !== undefined)) {
    fail(`${path}.api_key`, 'is not used with a catalog provider (@slug or virtual_key), whose saved key is sent; remove it');
  }
  // The root may leave the provider to the request's headers or model (as Portkey does); a target may not.
  if (!isRoot && out.provider === undefined && out.virtual_key === undefined && out.passthrough !== true) {
    fail(path, 'names no provider: give provider ("@provider-slug" or a provider id such as openai), virtual_key, or passthrough: true');
  }
}

function node(raw: unknown, path: string, depth: number, walk: Walk): ConfigNode {
  const input = object(raw, path);
  if (++walk.nodes > MAX_CONFIG_NODES) fail(path, `makes the config larger than ${MAX_CONFIG_NODES} nodes`);
  knownKeys(input, path, CONFIG_NODE_KEYS);
  const out: ConfigNode = {};
  for (const [key, value] of Object.entries(input)) {
    const p = at(path, key);
    if (key === 'strategy') out.strategy = strategy(value, p);
    else if (key === 'targets') {
      if (depth >= MAX_CONFIG_DEPTH) fail(p, `nests targets deeper than ${MAX_CONFIG_DEPTH} levels`);
      out.targets = array(value, p, { min: 1, max: MAX_TARGETS_PER_GROUP }).map((t, i) => node(t, `${p}[${i}]`, depth + 1, walk));
    } else out[key] = FIELDS[key]!(value, p);
  }
  if (out.targets) groupChecks(out, path, out.strategy !== undefined);
  else if (out.strategy) fail(`${path}.strategy`, 'is set but there are no targets to route between; add targets');
  else leafChecks(out, path, depth === 0);
  return out;
}

/**
 * Checks a config (an object, or the same as a JSON string) and returns a clean copy the router
 * can trust. Throws a 400 AppError whose message and `param` name the JSON path at fault.
 */
export function validateConfig(raw: unknown): ConfigNode {
  let value = raw;
  if (typeof raw === 'string') {
    refuseDeepJson(raw, 'config', 'config');
    try {
      value = JSON.parse(raw);
    } catch (err) {
      throw badRequest(`config is not valid JSON: ${(err as Error).message}`, { param: 'config' });
    }
  }
  const config = node(value, 'config', 0, { nodes: 0 });
  if (Object.keys(config).length === 0) {
    fail('config', 'is empty: give a provider, targets with a strategy, or settings such as retry, cache or request_timeout');
  }
  return config;
}
