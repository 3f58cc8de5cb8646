// The log filter set: spec §2.9's analytics filters plus the list's own (latency, cache status,
// stream, text search). Parsed from a query string (every value a string) or from an export's
// JSON filters (numbers, objects) into one typed value; bad input is a 400 that names the filter
// and says what it expects. The SQL side turns the value into DuckDB conditions with bound
// parameters only.
import { LIST, VARCHAR, listValue, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { badRequest } from '../errors.ts';
import { refuseDeepJson } from '../http/jsonDepth.ts';
import { METADATA_PAIR, METADATA_VALUE, escapeMetadata } from './events.ts';

export interface Range {
  min?: number;
  max?: number;
}

export interface StatusMatch {
  min: number;
  max: number;
}

export interface LogFilter {
  /** Epoch milliseconds, both ends inclusive. */
  time: Range;
  /** A workspace id or slug the caller named (workspace_slug / workspace_id); resolved by the caller. */
  workspace?: string;
  apiKeyIds?: string[];
  /** `ai_org`: openai, anthropic, … */
  aiServices?: string[];
  models?: string[];
  /** `provider__model` pairs. */
  aiOrgModels?: [string, string][];
  statusCodes?: StatusMatch[];
  cost: Range;
  totalUnits: Range;
  promptTokens: Range;
  completionTokens: Range;
  responseTime: Range;
  weightedFeedback: Range;
  cacheStatuses?: string[];
  configs?: string[];
  promptSlugs?: string[];
  traceId?: string;
  spanId?: string;
  metadata?: Record<string, string>;
  virtualKeys?: string[];
  stream?: boolean;
  /** Lower-cased text searched in metadata values and model names. */
  search?: string;
  /** Requests one of these guardrails (slugs, or inline guardrails' ids) ran on. */
  guardrails?: string[];
  /** With `guardrails`: one of them passed / failed; without: every guardrail passed / one failed. */
  guardrailVerdict?: 'pass' | 'fail';
}

/** Which rows a caller may see at all, whatever the filter says (see visibility.ts). */
export interface RowScope {
  /** null: every workspace of the organisation (organisation keys). */
  workspaceId: string | null;
  /** Set when data visibility limits the caller to the rows made by one user's keys. */
  owner: { userId: string; apiKeyIds: readonly string[] } | null;
}

type Kind = 'time' | 'number' | 'list' | 'text' | 'bool' | 'metadata' | 'status' | 'pairs' | 'search' | 'verdict';
type RangeKey = 'time' | 'cost' | 'totalUnits' | 'promptTokens' | 'completionTokens' | 'responseTime' | 'weightedFeedback';
type ListKey = 'apiKeyIds' | 'aiServices' | 'models' | 'cacheStatuses' | 'configs' | 'promptSlugs' | 'virtualKeys' | 'guardrails';

interface Spec {
  kind: Kind;
  apply(f: LogFilter, value: never): void;
}

const range = (key: RangeKey, end: 'min' | 'max', kind: 'time' | 'number' = 'number'): Spec => ({
  kind,
  apply: (f, v: number) => void (f[key][end] = v),
});
const list = (key: ListKey, transform: (s: string) => string = (s) => s): Spec => ({
  kind: 'list',
  apply: (f, v: string[]) => void (f[key] = [...new Set([...(f[key] ?? []), ...v.map(transform)])]),
});

/** Every filter a log list or export accepts, by the name clients send. */
const FILTERS: Record<string, Spec> = {
  time_of_generation_min: range('time', 'min', 'time'),
  time_of_generation_max: range('time', 'max', 'time'),
  workspace_slug: { kind: 'text', apply: (f, v: string) => void (f.workspace = v) },
  workspace_id: { kind: 'text', apply: (f, v: string) => void (f.workspace = v) },
  api_key_ids: list('apiKeyIds'),
  ai_service: list('aiServices'),
  provider: list('aiServices'),
  ai_model: list('models'),
  model: list('models'),
  ai_org_model: { kind: 'pairs', apply: (f, v: [string, string][]) => void (f.aiOrgModels = v) },
  status_code: { kind: 'status', apply: (f, v: StatusMatch[]) => void (f.statusCodes = v) },
  cost_min: range('cost', 'min'),
  cost_max: range('cost', 'max'),
  total_units_min: range('totalUnits', 'min'),
  total_units_max: range('totalUnits', 'max'),
  prompt_token_min: range('promptTokens', 'min'),
  prompt_token_max: range('promptTokens', 'max'),
  completion_token_min: range('completionTokens', 'min'),
  completion_token_max: range('completionTokens', 'max'),
  response_time_min: range('responseTime', 'min'),
  response_time_max: range('responseTime', 'max'),
  weighted_feedback_min: range('weightedFeedback', 'min'),
  weighted_feedback_max: range('weightedFeedback', 'max'),
  cache_status: list('cacheStatuses', (s) => s.toUpperCase()),
  configs: list('configs'),
  prompt_slug: list('promptSlugs'),
  trace_id: { kind: 'text', apply: (f, v: string) => void (f.traceId = v) },
  span_id: { kind: 'text', apply: (f, v: string) => void (f.spanId = v) },
  metadata: { kind: 'metadata', apply: (f, v: Record<string, string>) => void (f.metadata = v) },
  virtual_keys: list('virtualKeys'),
  stream: { kind: 'bool', apply: (f, v: boolean) => void (f.stream = v) },
  search: { kind: 'search', apply: (f, v: string) => void (f.search = v) },
  guardrails: list('guardrails'),
  guardrail_verdict: { kind: 'verdict', apply: (f, v: 'pass' | 'fail') => void (f.guardrailVerdict = v) },
};

export const FILTER_NAMES: readonly string[] = Object.keys(FILTERS);

export function emptyFilter(): LogFilter {
  return { time: {}, cost: {}, totalUnits: {}, promptTokens: {}, completionTokens: {}, responseTime: {}, weightedFeedback: {} };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const MAX_LIST = 500;
const MAX_TEXT = 512;

function describe(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function fail(name: string, expected: string, value: unknown): never {
  throw badRequest(`Filter ${name} must be ${expected} (got ${describe(value)})`, { param: name });
}

function text(name: string, value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') fail(name, 'a string', value);
  const v = value.trim();
  if (v.length > MAX_TEXT) fail(name, `at most ${MAX_TEXT} characters`, value);
  return v;
}

function csvList(name: string, value: unknown): string[] {
  const items = (Array.isArray(value) ? value.map((v) => text(name, v)) : text(name, value).split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length > MAX_LIST) fail(name, `a list of at most ${MAX_LIST} values`, `${items.length} values`);
  return items;
}

function parseValue(name: string, kind: Kind, value: unknown): unknown {
  switch (kind) {
    case 'time': {
      const v = text(name, value);
      const m = ISO_DATE.exec(v);
      // A date-time without a zone is UTC, like a bare date, whatever the server's time zone.
      const ms = m ? Date.parse(`${v.replace(' ', 'T')}${v.length > 10 && !m[1] ? 'Z' : ''}`) : NaN;
      if (!Number.isFinite(ms)) fail(name, 'an ISO 8601 date or date-time such as 2024-10-20 or 2024-10-20T08:00:00Z', value);
      return ms;
    }
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(n)) fail(name, 'a number', value);
      return n;
    }
    case 'text': {
      const v = text(name, value);
      if (!v) fail(name, 'a non-empty string', value);
      return v;
    }
    case 'search':
      return text(name, value).toLowerCase();
    case 'verdict': {
      const v = text(name, value).toLowerCase();
      if (v !== 'pass' && v !== 'fail') fail(name, 'pass or fail', value);
      return v;
    }
    case 'list': {
      const items = csvList(name, value);
      if (items.length === 0) fail(name, 'a comma-separated list of values', value);
      return items;
    }
    case 'bool': {
      if (typeof value === 'boolean') return value;
      const v = text(name, value).toLowerCase();
      if (v === 'true' || v === '1') return true;
      if (v === 'false' || v === '0') return false;
      return fail(name, 'true or false', value);
    }
    case 'status': {
      const items = csvList(name, value);
      if (items.length === 0) fail(name, 'a comma-separated list of HTTP status codes such as 200,429 or 5xx', value);
      return items.map((item) => {
        const wild = /^([1-5])xx$/i.exec(item);
        if (wild) return { min: Number(wild[1]) * 100, max: Number(wild[1]) * 100 + 99 };
        if (!/^[1-5]\d\d$/.test(item)) fail(name, 'a comma-separated list of HTTP status codes such as 200,429 or 5xx', item);
        return { min: Number(item), max: Number(item) };
      });
    }
    case 'pairs': {
      const items = csvList(name, value);
      if (items.length === 0) fail(name, 'a comma-separated list of provider__model pairs such as openai__gpt-4o', value);
      return items.map((item) => {
        const at = item.indexOf('__');
        if (at <= 0 || at + 2 >= item.length) fail(name, 'a comma-separated list of provider__model pairs such as openai__gpt-4o', item);
        return [item.slice(0, at), item.slice(at + 2)];
      });
    }
    case 'metadata': {
      let obj: unknown = value;
      if (typeof value === 'string') {
        refuseDeepJson(value, name, name);
        try {
          obj = JSON.parse(value);
        } catch {
          fail(name, 'a JSON object of strings such as {"team":"search"}', value);
        }
      }
      if (typeof obj !== 'object' || obj === null || Array.isArray(obj))
        fail(name, 'a JSON object of strings such as {"team":"search"}', value);
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(obj)) out[k] = text(`${name}.${k}`, v);
      return out;
    }
  }
}

export interface ParseOptions {
  /** Names that are not filters but that the caller handles itself (paging, cursor). */
  extra?: readonly string[];
}

/**
 * Reads the filters in `input`; any other name (apart from `extra`) is refused, so a misspelt
 * filter never silently returns everything.
 */
export function parseLogFilter(input: Record<string, unknown>, options: ParseOptions = {}): LogFilter {
  const filter = emptyFilter();
  const extra = new Set(options.extra ?? []);
  for (const [name, value] of Object.entries(input)) {
    if (value === undefined || value === null || value === '' || extra.has(name)) continue;
    const spec = FILTERS[name];
    if (!spec) {
      throw badRequest(`Unknown filter "${name}". Known filters: ${[...FILTER_NAMES, ...extra].join(', ')}`, { param: name });
    }
    spec.apply(filter, parseValue(name, spec.kind, value) as never);
  }
  const ranges: [RangeKey, string][] = [
    ['time', 'time_of_generation'],
    ['cost', 'cost'],
    ['totalUnits', 'total_units'],
    ['promptTokens', 'prompt_token'],
    ['completionTokens', 'completion_token'],
    ['responseTime', 'response_time'],
    ['weightedFeedback', 'weighted_feedback'],
  ];
  for (const [key, name] of ranges) {
    const { min, max } = filter[key];
    if (min !== undefined && max !== undefined && min > max) {
      const show = (v: number) => (key === 'time' ? new Date(v).toISOString() : String(v));
      throw badRequest(`Filter ${name}_min (${show(min)}) is after ${name}_max (${show(max)}): no row can match`, { param: `${name}_min` });
    }
  }
  return filter;
}

/** Bound parameters for one DuckDB statement, numbered in the order they are added. */
export class SqlParams {
  readonly values: DuckDBValue[] = [];
  readonly types: (DuckDBType | undefined)[] = [];

  add(value: DuckDBValue, type?: DuckDBType): string {
    this.values.push(value);
    this.types.push(type);
    return `$${this.values.length}`;
  }

  list(values: readonly string[]): string {
    return this.add(listValue([...values]), LIST(VARCHAR));
  }

  /** A TIMESTAMP from epoch milliseconds (or microseconds with `micros`), exact to the microsecond. */
  timestamp(ms: number, micros?: bigint): string {
    return `make_timestamp(${this.add(micros ?? BigInt(Math.round(ms)) * 1000n)}::BIGINT)`;
  }
}

/**
 * The conditions (to be AND-ed) that select the rows of `request_logs` aliased `t` which `scope`
 * lets the caller see and `filter` asks for.
 */
export function logConditions(filter: LogFilter, scope: RowScope, p: SqlParams, t = 'l'): string[] {
  const c: string[] = [];
  const col = (name: string) => `${t}.${name}`;
  if (scope.workspaceId !== null) c.push(`${col('workspace_id')} = ${p.add(scope.workspaceId)}`);
  if (scope.owner) {
    c.push(`(list_contains(${p.list(scope.owner.apiKeyIds)}, ${col('api_key_id')}) OR ${col('user_id')} = ${p.add(scope.owner.userId)})`);
  }
  const inRange = (expr: string, r: Range, ts = false) => {
    const v = (n: number) => (ts ? p.timestamp(n) : p.add(n));
    if (r.min !== undefined) c.push(`${expr} >= ${v(r.min)}`);
    if (r.max !== undefined) c.push(`${expr} <= ${v(r.max)}`);
  };
  inRange(col('created_at'), filter.time, true);
  inRange(col('cost'), filter.cost);
  inRange(col('total_units'), filter.totalUnits);
  inRange(col('req_units'), filter.promptTokens);
  inRange(col('res_units'), filter.completionTokens);
  inRange(col('response_time'), filter.responseTime);
  const inList = (expr: string, values: string[] | undefined) => {
    if (values) c.push(`list_contains(${p.list(values)}, ${expr})`);
  };
  inList(col('api_key_id'), filter.apiKeyIds);
  inList(col('ai_org'), filter.aiServices);
  inList(col('ai_model'), filter.models);
  inList(`upper(${col('cache_status')})`, filter.cacheStatuses);
  inList(col('virtual_key'), filter.virtualKeys);
  if (filter.configs) {
    const l = p.list(filter.configs);
    c.push(`(list_contains(${l}, ${col('config')}) OR list_contains(${l}, ${col('config_id')}))`);
  }
  if (filter.promptSlugs) {
    const l = p.list(filter.promptSlugs);
    c.push(`(list_contains(${l}, ${col('prompt_slug')}) OR list_contains(${l}, ${col('prompt_id')}))`);
  }
  if (filter.aiOrgModels) {
    const pairs = filter.aiOrgModels.map(([org, model]) => `(${col('ai_org')} = ${p.add(org)} AND ${col('ai_model')} = ${p.add(model)})`);
    c.push(`(${pairs.join(' OR ')})`);
  }
  if (filter.statusCodes) {
    const codes = filter.statusCodes.map((s) =>
      s.min === s.max
        ? `${col('response_status_code')} = ${p.add(s.min)}`
        : `${col('response_status_code')} BETWEEN ${p.add(s.min)} AND ${p.add(s.max)}`,
    );
    c.push(`(${codes.join(' OR ')})`);
  }
  if (filter.traceId !== undefined) c.push(`${col('trace_id')} = ${p.add(filter.traceId)}`);
  if (filter.spanId !== undefined) c.push(`${col('span_id')} = ${p.add(filter.spanId)}`);
  // Metadata is read from metadata_user and metadata_text (events.ts), never from the lists: those
  // cost ~0.3 s per 10 million rows to decode.
  for (const [key, value] of Object.entries(filter.metadata ?? {})) {
    c.push(
      key === '_user'
        ? `${col('metadata_user')} = ${p.add(value)}`
        : `contains(${col('metadata_text')}, ${p.add(METADATA_PAIR + escapeMetadata(key) + METADATA_VALUE + escapeMetadata(value) + METADATA_PAIR)})`,
    );
  }
  if (filter.stream !== undefined) c.push(`${col('stream_mode')} = ${p.add(filter.stream)}`);
  if (filter.guardrails || filter.guardrailVerdict) c.push(guardrailCondition(filter, p, col));
  if (filter.search) c.push(searchCondition(filter.search, p, col));
  const fb = filter.weightedFeedback;
  if (fb.min !== undefined || fb.max !== undefined) {
    // Feedback is given per trace (spec §2.16); a row matches through the average weighted value
    // (value × weight) of its trace's feedback in its workspace, found by the trace key (log
    // migration 0005), which stands for both.
    const bounds = [
      fb.min !== undefined ? `f.avg_weighted_value >= ${p.add(fb.min)}` : null,
      fb.max !== undefined ? `f.avg_weighted_value <= ${p.add(fb.max)}` : null,
    ].filter(Boolean);
    c.push(`EXISTS (SELECT 1 FROM feedback_by_trace f WHERE f.trace_key = ${col('trace_key')} AND ${bounds.join(' AND ')})`);
  }
  return c;
}

/**
 * Guardrail verdicts (log migration 0006): the row's lists of guardrails that passed and failed, and
 * the verdicts of its async guardrails, which arrive later in their own table.
 */
function guardrailCondition(filter: LogFilter, p: SqlParams, col: (name: string) => string): string {
  const ids = filter.guardrails ? p.list(filter.guardrails) : null;
  const verdict = filter.guardrailVerdict;
  const lateWith = (cond: string) =>
    `EXISTS (SELECT 1 FROM guardrail_async_results a WHERE a.request_id = ${col('id')}${cond ? ` AND ${cond}` : ''})`;
  const inIds = ids ? `list_contains(${ids}, a.guardrail_id)` : '';
  const and = (...parts: string[]) => parts.filter(Boolean).join(' AND ');
  const passed = col('guardrails_passed');
  const failed = col('guardrails_failed');
  if (ids) {
    if (verdict === 'fail') return `(list_has_any(${failed}, ${ids}) OR ${lateWith(and('NOT a.verdict', inIds))})`;
    if (verdict === 'pass') return `(list_has_any(${passed}, ${ids}) OR ${lateWith(and('a.verdict', inIds))})`;
    return `(list_has_any(${passed}, ${ids}) OR list_has_any(${failed}, ${ids}) OR ${lateWith(inIds)})`;
  }
  if (verdict === 'fail') return `(len(coalesce(${failed}, [])) > 0 OR ${lateWith('NOT a.verdict')})`;
  return `(len(coalesce(${passed}, [])) > 0 AND len(coalesce(${failed}, [])) = 0 AND NOT ${lateWith('NOT a.verdict')})`;
}

/**
 * Text search: the model names, and every metadata value, in any case. Deleting each PAIR separator
 * and the key after it leaves the values of metadata_text, each after a VALUE separator; search text
 * without separator or escape characters can only match within one value. (regexp_replace runs once
 * per distinct text of a dictionary-compressed row group; regexp_matches, once per row, took ~1.3 s
 * over 10 million rows.) Search text holding those characters (U+0010 to U+001F) is looked for in the
 * lists instead: slow, and never typed by a person.
 */
function searchCondition(search: string, p: SqlParams, col: (name: string) => string): string {
  const q = p.add(search);
  const models = `contains(lower(${col('ai_model')}), ${q}) OR contains(lower(${col('request_model')}), ${q})`;
  // eslint-disable-next-line no-control-regex -- the separators are control characters on purpose
  if (/[\x10-\x1f]/.test(search)) {
    return `(${models} OR len(list_filter(${col('metadata_value')}, lambda v: contains(lower(v), ${q}))) > 0)`;
  }
  const keys = p.add(`${METADATA_PAIR}[^${METADATA_VALUE}${METADATA_PAIR}]*`);
  return (
    `(${models} OR contains(lower(${col('metadata_user')}), ${q})` +
    ` OR contains(regexp_replace(lower(${col('metadata_text')}), ${keys}, '', 'g'), ${q}))`
  );
}

/**
 * An RE2 pattern over metadata_text whose group 1 is the VALUE separator and the escaped value of
 * metadata key `key`; it does not match a row without that key, or whose value for it is NULL.
 */
export function metadataValuePattern(key: string): string {
  return `${METADATA_PAIR}${escapeRegExp(escapeMetadata(key))}(${METADATA_VALUE}[^${METADATA_PAIR}]*)`;
}

/** `s` as a literal in an RE2 pattern. */
function escapeRegExp(s: string): string {
  return s.replace(/[\\^$.|?*+()[\]{}-]/g, (c) => `\\${c}`);
}

export function whereSql(conditions: string[]): string {
  return conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
}
