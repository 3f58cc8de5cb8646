// The config editor's pure parts: the server's error path finds its line, and version diffs.
import { describe, expect, it } from 'vitest';
import { diffLines } from './diff';
import { lineOf, pathOfMessage, spanOfPath } from './jsonPath';

const TEXT = `{
  "strategy": { "mode": "fallback" },
  "targets": [
    { "provider": "@a" },
    { "provider": "@b", "weight": "heavy" }
  ]
}`;

describe('config error paths', () => {
  it('reads the JSON path at the start of a validation message', () => {
    expect(pathOfMessage('config.targets[1].weight must be a number (got "heavy")')).toEqual(['targets', 1, 'weight']);
    expect(pathOfMessage('config.strategy.mode must be one of …')).toEqual(['strategy', 'mode']);
    expect(pathOfMessage('config is not valid JSON: Unexpected token')).toEqual([]);
    expect(pathOfMessage('name must not be empty')).toBeNull();
  });

  it('finds the line of the value a path names, or of its deepest existing parent', () => {
    expect(lineOf(TEXT, spanOfPath(TEXT, ['targets', 1, 'weight'])[0])).toBe(5);
    expect(lineOf(TEXT, spanOfPath(TEXT, ['strategy', 'mode'])[0])).toBe(2);
    expect(lineOf(TEXT, spanOfPath(TEXT, ['targets', 0, 'retry', 'attempts'])[0])).toBe(4);
    expect(spanOfPath('{"a": [1, 2', ['a', 5])).toEqual([0, 11]);
  });
});

describe('version diff', () => {
  it('marks removed and added lines around the common ones', () => {
    expect(diffLines('a\nb\nc', 'a\nc\nd')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'same', text: 'c' },
      { kind: 'added', text: 'd' },
    ]);
  });
});
