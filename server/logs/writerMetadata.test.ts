// Metadata reaches DuckDB's VARCHAR[] columns as list text (writer.ts listLiteral): every value
// must come back exactly, whatever quotes, brackets, commas or escapes it holds.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LogWriter, listLiteral } from './writer.ts';
import { metadataText } from './events.ts';
import { makeLogEvent } from '../../test/helpers/logEvents.ts';
import { tempLogDatabase } from '../../test/helpers/logDatabase.ts';

const logs = tempLogDatabase('writer-metadata');

const AWKWARD = [
  'plain',
  "it's",
  'a,b',
  '[x]',
  'say "hi"',
  'back\\slash',
  '\\"',
  ' spaced ',
  '',
  'NULL',
  'null',
  'ü漢字',
  'line\nbreak',
  '{k: v}',
];

describe('metadata lists', () => {
  it('listLiteral quotes and escapes', () => {
    expect(listLiteral([])).toBe('[]');
    expect(listLiteral(['a', 'b"c', 'd\\e', null])).toBe('["a","b\\"c","d\\\\e",NULL]');
  });

  it('round-trips awkward keys and values through the LogWriter', async () => {
    const { db, dir } = await logs.open();
    const writer = new LogWriter(db, { journalDir: path.join(dir, 'journal'), flushIntervalMs: 60_000 });
    await writer.open();
    const metadata = Object.fromEntries(AWKWARD.map((v, i) => [`${v}-${i}`, v]));
    const events = [makeLogEvent({ metadata: { ...metadata, _user: 'o"neil' } }), makeLogEvent({ metadata: {} })];
    events.forEach((e) => writer.write(e));
    await writer.close();
    const rows = (
      await db.writer.runAndReadAll('SELECT id, metadata_key, metadata_value, metadata_user, metadata_text FROM request_logs')
    ).getRowObjectsJS();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const first = byId.get(events[0]!.id)!;
    expect(first.metadata_key).toEqual([...Object.keys(metadata), '_user']);
    expect(first.metadata_value).toEqual([...AWKWARD, 'o"neil']);
    expect(first.metadata_user).toBe('o"neil');
    expect(first.metadata_text).toBe(metadataText(metadata));
    const second = byId.get(events[1]!.id)!;
    expect(second.metadata_key).toEqual([]);
    expect(second.metadata_user).toBeNull();
    expect(second.metadata_text).toBe('\x1f');
  });
});
