// The filters GET /v1/logs, the exports and the analytics routes take (server/logs/filters.ts),
// as the console offers them. In the URL they carry the API's own names (`?status_code=5xx&model=
// gpt-4o`), so a filtered view is a link, and the query sent is the URL's filters as they are.
import { localIso } from './format';

export type FilterKind = 'text' | 'list' | 'select' | 'bool' | 'range' | 'json';

export interface FilterDef {
  /** The API's name; for ranges the base of `<name>_min` / `<name>_max`. */
  name: string;
  label: string;
  kind: FilterKind;
  options?: readonly string[];
  placeholder?: string;
  description?: string;
}

export const LOG_FILTERS: readonly FilterDef[] = [
  { name: 'status_code', label: 'Status', kind: 'list', placeholder: '200, 429, 5xx' },
  { name: 'model', label: 'Model', kind: 'list', placeholder: 'gpt-4o, llama3.1:8b' },
  {
    name: 'virtual_keys',
    label: 'Provider',
    kind: 'list',
    placeholder: 'provider slug, e.g. lan-vllm',
    description: 'The catalog provider (@slug) that answered',
  },
  { name: 'ai_service', label: 'AI service', kind: 'list', placeholder: 'vllm, ollama, azure-openai' },
  { name: 'api_key_ids', label: 'API key', kind: 'list', placeholder: 'API key id' },
  { name: 'configs', label: 'Config', kind: 'list', placeholder: 'pc-… slug' },
  { name: 'prompt_slug', label: 'Prompt', kind: 'list' },
  {
    name: 'cache_status',
    label: 'Cache',
    kind: 'select',
    options: ['HIT', 'MISS', 'SEMANTIC HIT', 'SEMANTIC MISS', 'REFRESH', 'DISABLED'],
  },
  { name: 'stream', label: 'Streamed', kind: 'bool' },
  { name: 'metadata', label: 'Metadata', kind: 'json', placeholder: '{"team":"search"}', description: 'A JSON object of values to match' },
  { name: 'trace_id', label: 'Trace', kind: 'text' },
  { name: 'span_id', label: 'Span', kind: 'text' },
  { name: 'cost', label: 'Cost (cents)', kind: 'range' },
  { name: 'total_units', label: 'Tokens', kind: 'range' },
  { name: 'prompt_token', label: 'Input tokens', kind: 'range' },
  { name: 'completion_token', label: 'Output tokens', kind: 'range' },
  { name: 'response_time', label: 'Latency (ms)', kind: 'range' },
  { name: 'weighted_feedback', label: 'Feedback', kind: 'range' },
];

/** The filters the analytics dashboard offers (the rest also work there, through the URL). */
export const ANALYTICS_FILTERS: readonly FilterDef[] = LOG_FILTERS.filter((f) =>
  ['virtual_keys', 'ai_service', 'model', 'api_key_ids', 'metadata', 'status_code', 'configs'].includes(f.name),
);

/** URL parameter names a filter uses. */
export const paramNames = (def: FilterDef) => (def.kind === 'range' ? [`${def.name}_min`, `${def.name}_max`] : [def.name]);

/** The filters set in the URL, by API name (search included). */
export function filtersFrom(params: URLSearchParams, defs: readonly FilterDef[] = LOG_FILTERS): Record<string, string> {
  const out: Record<string, string> = {};
  for (const def of defs) {
    for (const name of paramNames(def)) {
      const v = params.get(name);
      if (v !== null && v !== '') out[name] = v;
    }
  }
  const search = params.get('search');
  if (search) out.search = search;
  return out;
}

/** A chip's text: "Status: 5xx", "Latency (ms): 100 – 500". */
export function describeFilter(def: FilterDef, values: Record<string, string>): string | null {
  if (def.kind === 'range') {
    const min = values[`${def.name}_min`];
    const max = values[`${def.name}_max`];
    if (min === undefined && max === undefined) return null;
    return `${def.label}: ${min !== undefined && max !== undefined ? `${min} – ${max}` : min !== undefined ? `≥ ${min}` : `≤ ${max}`}`;
  }
  const v = values[def.name];
  return v === undefined ? null : `${def.label}: ${v}`;
}

/** The time window as the API wants it: ISO 8601 with the viewer's offset. */
export function timeQuery(window: { min: number; max: number }): { time_of_generation_min: string; time_of_generation_max: string } {
  // Whole seconds: the end rounds up, so a request made earlier in the current second is in the window.
  return {
    time_of_generation_min: localIso(new Date(window.min)),
    time_of_generation_max: localIso(new Date(Math.ceil(window.max / 1000) * 1000)),
  };
}
