// The analytics query string: the log filter set (server/logs/filters.ts, shared with logs and
// exports so all three select the same rows) with the time range required, plus the names that
// shape an answer (ordering, paging, columns). Ordering is checked strictly: an unknown field or
// direction is a 400 that lists what is allowed.
import { badRequest } from '../errors.ts';
import { parseLogFilter, type LogFilter } from '../logs/filters.ts';
import { chooseBuckets, offsetOf, type Buckets } from './buckets.ts';

/** Query names that are not row filters. */
export const SHAPE_PARAMS = ['order_by', 'order_by_type', 'page_size', 'current_page', 'columns', 'include_total'] as const;

export interface AnalyticsQuery {
  filter: LogFilter;
  /** Epoch ms, both inclusive. */
  range: { min: number; max: number };
  buckets: Buckets;
  /** The workspace the caller named (workspace_slug or workspace_id), resolved by access.ts. */
  workspace?: string;
}

export function parseAnalyticsQuery(query: Record<string, unknown>): AnalyticsQuery {
  for (const name of ['time_of_generation_min', 'time_of_generation_max'] as const) {
    if (query[name] === undefined || query[name] === '') {
      throw badRequest(`${name} is required: an ISO 8601 date-time such as 2024-10-20T08:00:00Z`, { param: name });
    }
  }
  const q = restorePlus(query);
  const filter = parseLogFilter(q, { extra: SHAPE_PARAMS });
  const range = { min: filter.time.min!, max: filter.time.max! };
  const buckets = chooseBuckets(range.min, range.max, offsetOf(String(q.time_of_generation_min)));
  return { filter, range, buckets, workspace: filter.workspace };
}

/**
 * A `+05:30` offset sent unencoded in a URL arrives as ` 05:30`; read it as the offset it was
 * (`-` offsets and `Z` survive URLs as they are).
 */
function restorePlus(query: Record<string, unknown>): Record<string, unknown> {
  const out = { ...query };
  for (const name of ['time_of_generation_min', 'time_of_generation_max']) {
    const v = out[name];
    if (typeof v === 'string') out[name] = v.replace(/ (\d{2}:?\d{2})$/, '+$1');
  }
  return out;
}

export interface Ordering {
  field: string;
  direction: 'asc' | 'desc';
}

/**
 * `order_by` / `order_by_type` against the fields an answer has. Unknown values are refused with
 * the list of allowed ones rather than silently ignored (CL-BE v1.16 strict order_by).
 */
export function parseOrdering(query: Record<string, unknown>, allowed: readonly string[], fallback: Ordering): Ordering {
  const by = query.order_by;
  const type = query.order_by_type;
  let field = fallback.field;
  if (by !== undefined && by !== '') {
    if (typeof by !== 'string' || !allowed.includes(by)) {
      throw badRequest(`order_by must be one of: ${allowed.join(', ')} (got ${JSON.stringify(by)})`, { param: 'order_by' });
    }
    field = by;
  }
  let direction = fallback.direction;
  if (type !== undefined && type !== '') {
    const t = typeof type === 'string' ? type.toLowerCase() : '';
    if (t !== 'asc' && t !== 'desc') {
      throw badRequest(`order_by_type must be one of: asc, desc (got ${JSON.stringify(type)})`, { param: 'order_by_type' });
    }
    direction = t;
  }
  return { field, direction };
}
