// The fields an export may ask for (OAS LogExportsRequestedData) and how one log row becomes one
// JSONL record holding exactly those fields, in the order asked.
import type { Row } from '../repository.ts';
import { EXPORT_FIELDS, type ExportField } from '../../settings/exportFields.ts';

export { EXPORT_FIELDS, type ExportField };

/** Columns of `request_logs` (aliased `l`) the records are built from. */
export const EXPORT_COLUMNS = `l.id, epoch_us(l.created_at) AS created_us, l.trace_id, l.is_success, l.ai_org, l.ai_model, l.req_units,
  l.res_units, l.total_units, l.request_url, l.cost, l.cost_currency, l.response_time, l.response_status_code, l.mode, l.config,
  l.prompt_slug, l.metadata_key, l.metadata_value, l.has_bodies`;

export const needsBodies = (fields: readonly ExportField[]) => fields.includes('request') || fields.includes('response');

function bodyOf(stored: unknown): unknown {
  if (typeof stored !== 'string') return null;
  try {
    return (JSON.parse(stored) as { body?: unknown }).body ?? null;
  } catch {
    return null;
  }
}

const num = (v: unknown) => (typeof v === 'bigint' ? Number(v) : v);

/** One export record. `bodies` holds the stored request/response JSON when the row kept them. */
export function exportRecord(row: Row, bodies: { request: unknown; response: unknown } | undefined, fields: readonly ExportField[]) {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    switch (f) {
      case 'created_at':
        out[f] = new Date(Number(BigInt(row.created_us as bigint) / 1000n)).toISOString();
        break;
      case 'request':
        out[f] = bodies ? bodyOf(bodies.request) : null;
        break;
      case 'response':
        out[f] = bodies ? bodyOf(bodies.response) : null;
        break;
      case 'metadata': {
        const keys = (row.metadata_key as string[] | null) ?? [];
        const values = (row.metadata_value as string[] | null) ?? [];
        out[f] = Object.fromEntries(keys.map((k, i) => [k, values[i] ?? '']));
        break;
      }
      default:
        out[f] = num(row[f]) ?? null;
    }
  }
  return out;
}
