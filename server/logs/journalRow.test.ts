// A journal entry is the request_logs row as DuckDB will read it, plus the body texts exactly as the
// log API reads them back, whatever shape the bodies have; its line splits back into the same entry.
import { describe, expect, it } from 'vitest';
import { LOG_COLUMNS, MAX_STORED_BODY_CHARS, capBody, serialiseBody, type LogBodies } from './events.ts';
import { SEGMENT_HEADER, journalEntry, journalLine, replaySegment } from './journalRow.ts';
import { makeLogEvent } from '../../test/helpers/logEvents.ts';

const big = 'x'.repeat(MAX_STORED_BODY_CHARS + 10);

/** The texts as the writer stored them before entries: capBody each body, then stringify the part. */
function expected(b: LogBodies) {
  return {
    request: serialiseBody({
      body: capBody(b.request),
      headers: b.request_headers,
      portkeyHeaders: b.portkey_headers,
      transformedRequest: capBody(b.transformed_request),
    }),
    response: serialiseBody({ body: capBody(b.response), headers: b.response_headers, originalResponse: capBody(b.original_response) }),
  };
}

describe('journal entries', () => {
  it.each<[string, LogBodies]>([
    ['objects and headers', { request: { model: 'm', messages: [] }, response: { id: 'x' }, request_headers: { a: '1', json: 'y' } }],
    ['string bodies', { request: 'raw "text"\n\ttab', response: 'data: {}\n\n', response_headers: { 'content-type': 'text/plain' } }],
    ['nulls and undefined', { request: null, response: undefined, transformed_request: undefined, original_response: null }],
    ['over the cap', { request: { text: big }, response: big, transformed_request: [big], original_response: { ok: true } }],
    ['nothing but headers', { request: undefined, response: undefined, portkey_headers: { 'x-portkey-trace-id': 't' } }],
    ['a lone surrogate', { request: { t: 'a\udc00' }, response: '\ud800' }],
  ])('stores the body texts as before: %s', (_, bodies) => {
    const entry = journalEntry(makeLogEvent({ bodies }));
    expect({ request: entry.request, response: entry.response }).toEqual(expected(bodies));
    const line = journalLine(entry);
    expect(line.indexOf('\n')).toBe(line.length - 1);
    expect(replaySegment(SEGMENT_HEADER + line)).toEqual([entry]);
  });

  it('holds every column in its row, typed as the column is', () => {
    const e = makeLogEvent({ req_units: 10.6, cost: 0.25, metadata: { team: 'a"b', _user: 'u' }, bodies: null, error_message: 'x\ny' });
    const entry = journalEntry(e);
    expect(entry).toMatchObject({ request: null, response: null });
    const values = JSON.parse(entry.row) as unknown[];
    const row = Object.fromEntries(LOG_COLUMNS.map((c, i) => [c.name, values[i]]));
    expect(values).toHaveLength(LOG_COLUMNS.length);
    expect(row).toMatchObject({
      id: e.id,
      created_at: e.created_at,
      req_units: 11,
      cost: 0.25,
      metadata_key: ['team', '_user'],
      metadata_value: ['a"b', 'u'],
      metadata_user: 'u',
      has_bodies: false,
      error_message: 'x\ny',
    });
    expect(journalLine(entry)).toBe(`${entry.row}\n`);
  });

  it('replaces lone surrogates in the row, which DuckDB cannot read', () => {
    const values = JSON.parse(journalEntry(makeLogEvent({ error_message: 'a\ud800b' })).row) as unknown[];
    expect(values[LOG_COLUMNS.findIndex((c) => c.name === 'error_message')]).toBe('a\ufffdb');
  });

  it('replays segments, drops torn lines, and reads older segments by column name or as events', () => {
    const entry = journalEntry(makeLogEvent());
    const metricsOnly = journalEntry(makeLogEvent({ bodies: null }));
    const line = journalLine(entry);
    const torn = [entry.row.length - 3, entry.row.length, entry.row.length + 5, line.length - 2].map((cut) => line.slice(0, cut));
    expect(replaySegment(SEGMENT_HEADER + journalLine(metricsOnly) + torn.join('\n') + '\n' + line)).toEqual([metricsOnly, entry]);
    // The LogEvent per line of the first journal format.
    const event = makeLogEvent();
    expect(replaySegment(`${JSON.stringify(event)}\n{"id":"torn","creat`)).toEqual([journalEntry(event)]);
    // Columns in another order, one unknown and one missing: moved by name.
    const names = LOG_COLUMNS.map((c) => c.name);
    const values = JSON.parse(metricsOnly.row) as unknown[];
    const older = [...names.slice(1).reverse(), 'retired'];
    const olderValues = [...values.slice(1).reverse(), 'x'];
    const [moved] = replaySegment(`${JSON.stringify({ columns: older })}\n${JSON.stringify(olderValues)}\n`);
    expect(JSON.parse(moved!.row)).toEqual([null, ...values.slice(1)]);
  });
});
