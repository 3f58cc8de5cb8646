// The routing engine, pure: walks a validated config tree and decides which target to try, in
// which order, with which inherited settings, how often to retry and how long to wait. Everything
// with a side effect (the attempt itself, sleeping, randomness, the clock, circuit and sticky
// state) is injected, so the router is tested with tables of trees × upstream outcomes.
import { AppError } from '../../errors.ts';
import {
  DEFAULT_RETRY_STATUS_CODES,
  DEFAULT_STICKY_TTL_S,
  MAX_RETRY_ATTEMPTS,
  PROVIDER_OPTION_KEYS,
  type CacheSettings,
  type CircuitBreakerSettings,
  type ConditionQuery,
  type ConfigNode,
  type ForwardHeader,
  type RetrySettings,
} from '../../routing-configs/types.ts';

/** A leaf with everything it inherited from its ancestors. */
export interface EffectiveTarget {
  /** JSON path of the leaf: `config`, `config.targets[1].targets[0]`. */
  path: string;
  name: string | null;
  provider: string | null;
  apiKey: string | null;
  virtualKey: string | null;
  customHost: string | null;
  passthrough: boolean;
  overrideParams: Record<string, unknown>;
  defaultParams: Record<string, unknown>;
  dropParams: string[];
  forwardHeaders: ForwardHeader[];
  retry: RetrySettings | null;
  cache: CacheSettings | null;
  requestTimeout: number | null;
  circuitBreaker: CircuitBreakerSettings | null;
  providerOptions: Record<string, unknown>;
}

/** What the router needs to know about one attempt's result. */
export interface AttemptResult {
  status: number;
  /** Retry-After of the answer, in ms, when it had one. */
  retryAfterMs?: number | null;
}

export interface RouteRequest {
  metadata: Record<string, string>;
  params: Record<string, unknown>;
  pathname: string;
}

export interface CircuitState {
  isOpen(id: string, now: number): boolean;
  record(id: string, settings: CircuitBreakerSettings, failed: boolean, now: number): void;
}

export interface StickyState {
  get(key: string, now: number): number | undefined;
  set(key: string, index: number, ttlMs: number, now: number): void;
}

export interface RouterDeps<R extends AttemptResult> {
  attempt(target: EffectiveTarget, retry: number): Promise<R>;
  /** A result made by the router itself (no target could be tried). */
  refuse(error: AppError): R;
  random(): number;
  sleep(ms: number): Promise<void>;
  now(): number;
  circuits: CircuitState;
  sticky: StickyState;
  /** Backoff of the first retry in ms (doubles each time, with jitter). */
  backoffBaseMs: number;
  /** Prefix for circuit-breaker and sticky ids, so two configs never share state. */
  scope: string;
  /** Stop retrying and falling back (client gone, whole-request timeout). */
  cancelled(): boolean;
}

export interface RouteResult<R> {
  result: R;
  /** Path of the target that answered. */
  path: string;
  /** 0: no retries used; n: answered after n retries; -1: retries exhausted. */
  retryAttemptCount: number;
  /** Every attempt in order, for tests and logs. */
  attempts: { path: string; status: number }[];
}

const MAX_RETRY_AFTER_MS = 60_000;
const MAX_BACKOFF_MS = 16_000;

const isSuccess = (status: number) => status >= 200 && status < 300;

/** Child settings over inherited ones, the way Portkey's engine merges them (spec §1.5). */
export function inherit(parent: EffectiveTarget, node: ConfigNode, path: string): EffectiveTarget {
  const providerOptions = { ...parent.providerOptions };
  for (const key of PROVIDER_OPTION_KEYS) if (node[key] !== undefined) providerOptions[key] = node[key];
  return {
    path,
    name: node.name ?? null,
    provider: node.provider ?? null,
    apiKey: node.api_key ?? null,
    virtualKey: node.virtual_key ?? null,
    customHost: node.custom_host ?? parent.customHost,
    passthrough: node.passthrough === true,
    overrideParams: { ...parent.overrideParams, ...node.override_params },
    defaultParams: { ...parent.defaultParams, ...node.default_params },
    dropParams: [...new Set([...parent.dropParams, ...(node.drop_params ?? [])])],
    forwardHeaders: node.forward_headers ?? parent.forwardHeaders,
    retry: node.retry ?? parent.retry,
    cache: node.cache ?? parent.cache,
    requestTimeout: node.request_timeout ?? parent.requestTimeout,
    circuitBreaker: node.circuit_breaker ?? parent.circuitBreaker,
    providerOptions,
  };
}

export const ROOT: EffectiveTarget = {
  path: 'config',
  name: null,
  provider: null,
  apiKey: null,
  virtualKey: null,
  customHost: null,
  passthrough: false,
  overrideParams: {},
  defaultParams: {},
  dropParams: [],
  forwardHeaders: [],
  retry: null,
  cache: null,
  requestTimeout: null,
  circuitBreaker: null,
  providerOptions: {},
};

// ---- conditions ----

function fieldValue(field: string, req: RouteRequest): unknown {
  if (field === 'url.pathname') return req.pathname;
  const dot = field.indexOf('.');
  if (dot === -1) return undefined;
  const root = field.slice(0, dot);
  const rest = field.slice(dot + 1).split('.');
  let value: unknown = root === 'metadata' ? req.metadata : root === 'params' ? req.params : undefined;
  for (const part of rest) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

const compare = (a: unknown, b: unknown, op: (x: number, y: number) => boolean) => {
  const x = typeof a === 'number' ? a : typeof a === 'string' && a.trim() !== '' ? Number(a) : NaN;
  const y = typeof b === 'number' ? b : Number(b);
  return Number.isFinite(x) && Number.isFinite(y) && op(x, y);
};

// Loose equality across strings and numbers: metadata values are always strings.
const same = (a: unknown, b: unknown) => a === b || (a !== undefined && a !== null && b !== null && String(a) === String(b));

function operator(op: string, actual: unknown, expected: unknown): boolean {
  switch (op) {
    case '$eq':
      return same(actual, expected);
    case '$ne':
      return !same(actual, expected);
    case '$gt':
      return compare(actual, expected, (x, y) => x > y);
    case '$gte':
      return compare(actual, expected, (x, y) => x >= y);
    case '$lt':
      return compare(actual, expected, (x, y) => x < y);
    case '$lte':
      return compare(actual, expected, (x, y) => x <= y);
    case '$in':
      return Array.isArray(expected) && expected.some((e) => same(actual, e));
    case '$nin':
      return Array.isArray(expected) && !expected.some((e) => same(actual, e));
    case '$regex':
      return typeof actual === 'string' && typeof expected === 'string' && new RegExp(expected).test(actual);
    default:
      return false;
  }
}

export function matches(query: ConditionQuery, req: RouteRequest): boolean {
  return Object.entries(query).every(([key, value]) => {
    if (key === '$and') return Array.isArray(value) && value.every((q) => matches(q as ConditionQuery, req));
    if (key === '$or') return Array.isArray(value) && value.some((q) => matches(q as ConditionQuery, req));
    const actual = fieldValue(key, req);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return Object.entries(value).every(([op, expected]) => operator(op, actual, expected));
    }
    return same(actual, value);
  });
}

// ---- circuit breaker and sticky state, in memory ----

export class MemoryCircuits implements CircuitState {
  private readonly state = new Map<string, { failures: number; openUntil: number }>();

  isOpen(id: string, now: number): boolean {
    const s = this.state.get(id);
    return s !== undefined && s.openUntil > now;
  }

  /** Consecutive failures open the circuit for the cooldown; a success closes it. */
  record(id: string, settings: CircuitBreakerSettings, failed: boolean, now: number): void {
    if (!failed) {
      this.state.delete(id);
      return;
    }
    const s = this.state.get(id) ?? { failures: 0, openUntil: 0 };
    // After a cooldown the target gets one trial; failing it reopens the circuit at once.
    s.failures = s.openUntil !== 0 && s.openUntil <= now ? settings.failure_threshold : s.failures + 1;
    if (s.failures >= settings.failure_threshold) s.openUntil = now + settings.cooldown_interval;
    if (this.state.size > 10_000) this.state.clear();
    this.state.set(id, s);
  }
}

export class MemorySticky implements StickyState {
  private readonly pins = new Map<string, { index: number; until: number }>();

  get(key: string, now: number): number | undefined {
    const pin = this.pins.get(key);
    if (!pin) return undefined;
    if (pin.until <= now) {
      this.pins.delete(key);
      return undefined;
    }
    return pin.index;
  }

  set(key: string, index: number, ttlMs: number, now: number): void {
    if (this.pins.size > 100_000) this.pins.clear();
    this.pins.set(key, { index, until: now + ttlMs });
  }
}

/** Default failure statuses of a circuit breaker: server errors and rate limits. */
function countsAsFailure(status: number, settings: CircuitBreakerSettings): boolean {
  return settings.failure_status_codes ? settings.failure_status_codes.includes(status) : status >= 500 || status === 429;
}

// ---- the walk ----

export async function route<R extends AttemptResult>(config: ConfigNode, req: RouteRequest, deps: RouterDeps<R>): Promise<RouteResult<R>> {
  const attempts: RouteResult<R>['attempts'] = [];
  let retryAttemptCount = 0;
  let path = 'config';

  const circuitId = (t: EffectiveTarget) => `${deps.scope}:${t.path}`;

  /** Whether a node can be tried now: a leaf with an open circuit cannot; a group needs one open child. */
  const available = (node: ConfigNode, eff: EffectiveTarget): boolean => {
    if (!node.targets?.length) return !(eff.circuitBreaker && deps.circuits.isOpen(circuitId(eff), deps.now()));
    return node.targets.some((child, i) => available(child, inherit(eff, child, `${eff.path}.targets[${i}]`)));
  };

  async function leaf(t: EffectiveTarget): Promise<R> {
    const retry = t.retry;
    const max = Math.min(Math.max(0, retry?.attempts ?? 0), MAX_RETRY_ATTEMPTS);
    const retryOn = retry?.on_status_codes ?? DEFAULT_RETRY_STATUS_CODES;
    let result: R;
    for (let n = 0; ; n++) {
      result = await deps.attempt(t, n);
      attempts.push({ path: t.path, status: result.status });
      if (t.circuitBreaker)
        deps.circuits.record(circuitId(t), t.circuitBreaker, countsAsFailure(result.status, t.circuitBreaker), deps.now());
      path = t.path;
      retryAttemptCount = n;
      if (isSuccess(result.status) || !retryOn.includes(result.status) || max === 0) return result;
      if (n >= max || deps.cancelled()) break;
      let wait = Math.min(MAX_BACKOFF_MS, deps.backoffBaseMs * 2 ** n);
      wait = wait / 2 + (deps.random() * wait) / 2;
      if (retry?.use_retry_after_headers && result.retryAfterMs != null) {
        if (result.retryAfterMs > MAX_RETRY_AFTER_MS) break;
        wait = result.retryAfterMs;
      }
      await deps.sleep(wait);
      if (deps.cancelled()) break;
    }
    retryAttemptCount = -1;
    return result;
  }

  async function walk(node: ConfigNode, eff: EffectiveTarget): Promise<R> {
    const targets = node.targets;
    if (!targets?.length) {
      if (eff.circuitBreaker && deps.circuits.isOpen(circuitId(eff), deps.now())) {
        return deps.refuse(AppError.fromStatus(503, `The circuit breaker of target ${eff.path} is open; try again after its cooldown`));
      }
      return leaf(eff);
    }
    const child = (i: number) => inherit(eff, targets[i]!, `${eff.path}.targets[${i}]`);
    const mode = node.strategy?.mode ?? 'single';

    if (mode === 'single') return walk(targets[0]!, child(0));

    if (mode === 'conditional') {
      const conditions = node.strategy?.conditions ?? [];
      const chosen = conditions.find((c) => matches(c.query, req))?.then ?? node.strategy?.default;
      const index = targets.findIndex((t) => t.name !== undefined && t.name === chosen);
      if (index === -1) {
        return deps.refuse(
          AppError.fromStatus(400, `No condition of ${eff.path} matched this request and it has no default target`, {
            code: 'no_matching_condition',
          }),
        );
      }
      return walk(targets[index]!, child(index));
    }

    if (mode === 'fallback') {
      const fallOn = node.strategy?.on_status_codes;
      let last: R | null = null;
      for (let i = 0; i < targets.length; i++) {
        const c = child(i);
        if (!available(targets[i]!, c)) continue;
        last = await walk(targets[i]!, c);
        const done = fallOn ? !fallOn.includes(last.status) : isSuccess(last.status);
        if (done || deps.cancelled()) return last;
      }
      return (
        last ??
        deps.refuse(AppError.fromStatus(503, `Every target of ${eff.path} has an open circuit breaker; try again after the cooldown`))
      );
    }

    // loadbalance
    const open = targets.map((t, i) => i).filter((i) => available(targets[i]!, child(i)) && (targets[i]!.weight ?? 1) > 0);
    if (open.length === 0) {
      return deps.refuse(AppError.fromStatus(503, `Every target of ${eff.path} has an open circuit breaker; try again after the cooldown`));
    }
    const sticky = node.strategy?.sticky;
    const stickyKey = sticky?.enabled ? `${deps.scope}:${eff.path}:${stickyHash(sticky.hash_fields ?? [], req)}` : null;
    const pinned = stickyKey ? deps.sticky.get(stickyKey, deps.now()) : undefined;
    const index =
      pinned !== undefined && open.includes(pinned) ? pinned : pickWeighted(open, (i) => targets[i]!.weight ?? 1, deps.random());
    if (stickyKey) deps.sticky.set(stickyKey, index, (sticky?.ttl ?? DEFAULT_STICKY_TTL_S) * 1000, deps.now());
    return walk(targets[index]!, child(index));
  }

  const result = await walk(config, inherit(ROOT, config, 'config'));
  return { result, path, retryAttemptCount, attempts };
}

function pickWeighted(indices: number[], weight: (i: number) => number, r: number): number {
  const total = indices.reduce((s, i) => s + weight(i), 0);
  let x = r * total;
  for (const i of indices) {
    x -= weight(i);
    if (x < 0) return i;
  }
  return indices[indices.length - 1]!;
}

function stickyHash(fields: string[], req: RouteRequest): string {
  // Without hash fields, the caller's identity is the natural key.
  const names = fields.length > 0 ? fields : ['metadata._user'];
  return JSON.stringify(names.map((f) => fieldValue(f, req) ?? null));
}
