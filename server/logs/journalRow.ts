// A request-log event as one journal entry: the `request_logs` row as a JSON array (in LOG_COLUMNS
// order) and the two `request_log_bodies` texts as they are stored. DuckDB turns a whole batch of
// entries into rows with one INSERT ... SELECT per table, instead of one N-API call per value.
//
// In a journal segment an entry is one line, `row` or `row TAB request TAB response`: JSON text
// has no raw tab or newline (JSON.stringify escapes them), so a line splits back exactly. A
// segment starts with a header naming the columns, so a segment left by a version with other
// columns still replays by name.
import { LOG_COLUMNS, MAX_STORED_BODY_CHARS, capBody, traceKeySql, type Column, type LogEvent } from './events.ts';

export interface JournalEntry {
  /** The request_logs columns, as a JSON array in LOG_COLUMNS order. */
  row: string;
  /** The request_log_bodies texts; null in metrics-only mode (has_bodies false). */
  request: string | null;
  response: string | null;
}

const NAMES = LOG_COLUMNS.map((c) => c.name);

/** The first line of every segment. */
export const SEGMENT_HEADER = `${JSON.stringify({ columns: NAMES })}\n`;

/** A value as the column's type asks (integers rounded, NaN as null), for JSON.stringify. */
function rowValue(type: Column['type'], v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'varchar':
      return typeof v === 'string' ? v : String(v);
    case 'boolean':
      return Boolean(v);
    case 'integer':
    case 'smallint':
    case 'timestamp': // epoch ms
      return Math.round(Number(v));
    case 'double':
      return Number(v);
    case 'varchar[]':
      return (v as unknown[]).map((item) => (item === null || item === undefined ? null : String(item)));
  }
}

/** An event as its journal entry. */
export function journalEntry(e: LogEvent): JournalEntry {
  // An array, not an object: with this many keys an object built one key at a time leaves V8's fast
  // properties, and building and stringifying it took about three times as long.
  const values = new Array<unknown>(LOG_COLUMNS.length);
  for (let i = 0; i < LOG_COLUMNS.length; i++) {
    const column = LOG_COLUMNS[i]!;
    values[i] = rowValue(column.type, column.get(e));
  }
  let row = JSON.stringify(values);
  // JSON.stringify writes a lone surrogate as a \udXXX escape, which DuckDB's JSON reader refuses
  // (and would fail the whole batch with). Store U+FFFD instead, as a VARCHAR append did. The body
  // texts are stored as they are, never parsed by DuckDB.
  if (row.includes('\\ud')) row = JSON.stringify(JSON.parse(row, (_k, v: unknown) => (typeof v === 'string' ? wellFormed(v) : v)));
  const b = e.bodies;
  if (!b) return { row, request: null, response: null };
  return {
    row,
    request: jsonObject([
      ['body', capped(b.request)],
      ['headers', b.request_headers],
      ['portkeyHeaders', b.portkey_headers],
      ['transformedRequest', capped(b.transformed_request)],
    ]),
    response: jsonObject([
      ['body', capped(b.response)],
      ['headers', b.response_headers],
      ['originalResponse', capped(b.original_response)],
    ]),
  };
}

/** The entry as one journal line, newline included. */
export function journalLine(entry: JournalEntry): string {
  return entry.request === null ? `${entry.row}\n` : `${entry.row}\t${entry.request}\t${entry.response}\n`;
}

/** JSON text made already, placed in an object as it is. */
class Serialised {
  constructor(readonly text: string) {}
}

/**
 * A body as events.ts capBody caps it, in JSON, stringified once (capBody stringifies to measure,
 * then the part holding it was stringified again); undefined stays undefined (left out).
 */
function capped(value: unknown): Serialised | undefined {
  if (value === undefined) return undefined;
  if (value === null) return new Serialised('null');
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined) return undefined;
  if (text.length > MAX_STORED_BODY_CHARS) return new Serialised(JSON.stringify(capBody(value)));
  return new Serialised(typeof value === 'string' ? JSON.stringify(value) : text);
}

/** What JSON.stringify gives for an object with these entries in this order (undefined ones left out). */
function jsonObject(entries: [string, unknown][]): string {
  let out = '';
  for (const [key, value] of entries) {
    const json = value instanceof Serialised ? value.text : JSON.stringify(value);
    if (json === undefined) continue;
    out += `${out ? ',' : '{'}"${key}":${json}`;
  }
  return out ? `${out}}` : '{}';
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const wellFormed = (s: string) => s.replace(LONE_SURROGATE, '\ufffd');

/**
 * Reads one segment back: its entries, without the lines cut short (a write torn by a crash, whose
 * response never completed). Rows written with other columns are moved into today's order by name
 * (a column they lack is null); segments of the older format (one LogEvent per line) are converted.
 */
export function replaySegment(text: string): JournalEntry[] {
  const lines = text.split('\n');
  let columns: string[] | null = null;
  const header = parse(lines[0] ?? '');
  if (isObject(header) && Array.isArray(header.columns)) {
    columns = header.columns.map(String);
    lines.shift();
  }
  const remap = columns && columns.join('\n') !== NAMES.join('\n') ? columns : null;
  const entries: JournalEntry[] = [];
  for (const line of lines) {
    const entry = line ? (columns ? replayedEntry(line, remap) : legacyEntry(line)) : null;
    if (entry) entries.push(entry);
  }
  return entries;
}

function replayedEntry(line: string, remap: string[] | null): JournalEntry | null {
  const [row, request, response, ...extra] = line.split('\t');
  const values = parse(row!);
  if (!Array.isArray(values) || extra.length > 0) return null;
  const byName = remap ? new Map(remap.map((name, i) => [name, values[i] as unknown])) : null;
  const rowText = byName ? JSON.stringify(NAMES.map((name) => byName.get(name) ?? null)) : row!;
  const hasBodies = byName ? byName.get('has_bodies') === true : values[NAMES.indexOf('has_bodies')] === true;
  if (!hasBodies) return request === undefined ? { row: rowText, request: null, response: null } : null;
  // Both body texts are JSON objects: a torn one does not parse.
  if (!isObject(parse(request ?? '')) || !isObject(parse(response ?? ''))) return null;
  return { row: rowText, request: request!, response: response! };
}

function legacyEntry(line: string): JournalEntry | null {
  const event = parse(line);
  return isObject(event) && typeof event.id === 'string' ? journalEntry(event as unknown as LogEvent) : null;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** How a row's text element becomes the column's value in SQL (`l` is the row as a VARCHAR list). */
function columnValue(c: Column, i: number): string {
  const v = `l[${i + 1}]`;
  switch (c.type) {
    case 'varchar':
      return v;
    case 'boolean':
      return `${v}::BOOLEAN`;
    case 'integer':
      return `${v}::INTEGER`;
    case 'smallint':
      return `${v}::SMALLINT`;
    case 'double':
      return `${v}::DOUBLE`;
    case 'timestamp':
      return `make_timestamp(${v}::BIGINT * 1000)`;
    case 'varchar[]':
      return `json_transform(${v}, '["VARCHAR"]')`;
  }
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The staging table (temporary, per connection) a batch of entries is appended to. */
export const STAGING_TABLE = 'request_log_entries';

/** Statements that move the staged entries into `request_logs` and `request_log_bodies`. */
export function ingestStatements(staging: string = STAGING_TABLE) {
  const table = `temp.main.${staging}`;
  const id = `'$[${NAMES.indexOf('id')}]'`;
  const createdAt = `'$[${NAMES.indexOf('created_at')}]'`;
  const ids = `SELECT json_extract_string("row", ${id}) FROM ${table}`;
  // Derived from two columns in SQL, so it is not part of the journal line (log migration 0005).
  const traceKey = traceKeySql(`l[${NAMES.indexOf('workspace_id') + 1}]`, `l[${NAMES.indexOf('trace_id') + 1}]`);
  return {
    createStaging: `CREATE TEMP TABLE IF NOT EXISTS ${staging} ("row" VARCHAR, request VARCHAR, response VARCHAR)`,
    /** Replays delete rows of the same ids first, so a crash between insert and delete cannot duplicate them. */
    deleteSame: [`DELETE FROM request_logs WHERE id IN (${ids})`, `DELETE FROM request_log_bodies WHERE id IN (${ids})`],
    insert: [
      // Each element as text (nested lists as their JSON), then cast: one parse per row.
      `INSERT INTO request_logs (${LOG_COLUMNS.map((c) => quoted(c.name)).join(', ')}, trace_key)
       SELECT ${LOG_COLUMNS.map(columnValue).join(', ')}, ${traceKey}
       FROM (SELECT json_transform("row", '["VARCHAR"]') AS l FROM ${table})`,
      `INSERT INTO request_log_bodies (id, created_at, request, response)
       SELECT k[1], make_timestamp(k[2]::BIGINT * 1000), request, response
       FROM (SELECT json_extract_string("row", [${id}, ${createdAt}]) AS k, request, response FROM ${table} WHERE request IS NOT NULL)`,
    ],
    clearStaging: `DELETE FROM ${table}`,
  };
}
