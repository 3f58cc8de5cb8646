// metadata_text (events.ts, log migration 0004): the writer's encoding, and the migration's SQL
// backfill of older rows, which must produce the very same text for every key and value.
import { describe, expect, it } from 'vitest';
import { escapeMetadata, metadataText } from './events.ts';
import { listLiteral } from './writer.ts';
import { tempLogDatabase } from '../../test/helpers/logDatabase.ts';

const logs = tempLogDatabase('metadata-text');

/** Keys and values with the separators, the escape character, things that look like escapes, and more. */
export const AWKWARD_METADATA: Record<string, string>[] = [
  { team: 'search', env: 'prod', _user: 'alice' },
  {},
  { _user: 'only-user' },
  { 'a\x1fb': 'x\x1ey', 'k\x1c': '\x1c\x10', '\x1d': '\x1d\x1d' },
  { note: 'Regex a.b*c (x) [y] \\ $ ^', env: '' },
  { ünï: 'ÜBER', quote: 'say "hi"', list: '["a","b"]', nul: 'NULL' },
  { '1': 'numeric key first', z: 'last' },
];

describe('metadata text', () => {
  it('puts each pair between separators, escapes them inside keys and values, and leaves _user out', () => {
    expect(metadataText({})).toBe('\x1f');
    expect(metadataText({ _user: 'u' })).toBe('\x1f');
    expect(metadataText({ team: 'search', _user: 'u', env: 'prod' })).toBe('\x1fteam\x1esearch\x1fenv\x1eprod\x1f');
    expect(escapeMetadata('a\x1cb\x1dc\x1ed\x1fe')).toBe('a\x1c\x10b\x1c\x11c\x1c\x12d\x1c\x13e');
    // A value with no value: the key alone, so no `key VALUE value` needle can match it.
    expect(metadataText({ k: null })).toBe('\x1fk\x1f');
  });

  it('is backfilled by log migration 0004 exactly as the writer encodes it', async () => {
    let { db } = await logs.open(3);
    const rows: { id: string; keys: string[] | null; values: (string | null)[] | null }[] = [
      ...AWKWARD_METADATA.map((m, i) => ({ id: `r${i}`, keys: Object.keys(m), values: Object.values(m) })),
      { id: 'null-value', keys: ['k', 'v'], values: [null, 'x'] },
      { id: 'null-lists', keys: null, values: null },
    ];
    for (const r of rows) {
      await db.writer.run(
        `INSERT INTO request_logs (id, created_at, metadata_key, metadata_value) VALUES ($1, now(), $2::VARCHAR[], $3::VARCHAR[])`,
        [r.id, r.keys ? listLiteral(r.keys) : null, r.values ? listLiteral(r.values) : null],
      );
    }
    ({ db } = await logs.open());
    const found = (await db.writer.runAndReadAll('SELECT id, metadata_text FROM request_logs ORDER BY id')).getRowObjectsJS();
    const expected = rows.map((r) => ({
      id: r.id,
      metadata_text: metadataText(Object.fromEntries((r.keys ?? []).map((k, i) => [k, r.values![i]]))),
    }));
    expect(found).toEqual(expected.sort((a, b) => (a.id < b.id ? -1 : 1)));
  });
});
