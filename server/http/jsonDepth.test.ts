import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './jsonDepth.ts';

/** The depth JSON.parse sees, for comparison with the text scan. */
function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + children.reduce<number>((max, child) => Math.max(max, depthOf(child)), 0);
}

describe('nestsDeeperThan', () => {
  it.each([
    ['a scalar', '"text"', 0],
    ['an empty object', '{}', 1],
    ['an array in an object', '{"a":[1,2]}', 2],
    ['siblings do not add up', '[[1],[2],[3],{"a":{}}]', 3],
    ['brackets inside strings do not count', '{"a":"[[[[{{{{"}', 1],
    ['an escaped quote does not end a string', '{"a":"\\"[[[[","b":[]}', 2],
    ['an escaped backslash before a quote ends it', '{"a":"\\\\","b":[[]]}', 3],
    ['unicode escapes and brackets in keys', '{"[\\u005b":{"}}":[]}}', 3],
  ])('%s', (_, text, depth) => {
    expect(depthOf(JSON.parse(text))).toBe(depth);
    expect(nestsDeeperThan(text, depth)).toBe(false);
    expect(nestsDeeperThan(text, depth - 1)).toBe(depth > 0);
  });

  it('allows exactly the documented limit and refuses one more', () => {
    const at = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
    expect(nestsDeeperThan(at)).toBe(false);
    expect(nestsDeeperThan(`[${at}]`)).toBe(true);
  });

  it('answers for malformed text without throwing (the parser reports it next)', () => {
    expect(nestsDeeperThan('{"a": "unterminated [[[[')).toBe(false);
    expect(nestsDeeperThan(']]]]}}}')).toBe(false);
    expect(nestsDeeperThan('['.repeat(200))).toBe(true);
  });
});
