// Table tests of the text checks: each row is parameters × text → verdict (and, where it matters,
// what the explanation says). Inputs in the spirit of the peer's default-plugin tests.
import { describe, expect, it } from 'vitest';
import { check } from '../../../test/kits/guardrails.ts';
import { backtrackingRisk } from './patterns.ts';

type Row = [name: string, params: Record<string, unknown>, text: string, verdict: boolean];

async function table(id: string, rows: Row[]) {
  for (const [name, params, text, verdict] of rows) {
    const v = await check(id, params)({ text });
    expect({ name, verdict: v.verdict }).toEqual({ name, verdict });
    expect(v.explanation).not.toBe('');
  }
}

describe('default.regexMatch', () => {
  it('matches, inverts with not, and takes /pattern/flags', () =>
    table('default.regexMatch', [
      ['an SSN-like number matches', { rule: '\\d{3}-\\d{2}-\\d{4}' }, 'my number is 123-45-6789', true],
      ['no match fails', { rule: '\\d{3}-\\d{2}-\\d{4}' }, 'no numbers here', false],
      ['not: a match fails', { rule: '\\d{3}-\\d{2}-\\d{4}', not: true }, 'my number is 123-45-6789', false],
      ['not: no match passes', { rule: '\\d{3}-\\d{2}-\\d{4}', not: true }, 'nothing', true],
      ['/…/i is case-insensitive', { rule: '/^hello/i' }, 'HELLO world', true],
      ['without flags case matters', { rule: '^hello' }, 'HELLO world', false],
      ['empty text does not match', { rule: 'a' }, '', false],
    ]));

  it('explains where it matched without quoting the text', async () => {
    const v = await check('default.regexMatch', { rule: 'secret-\\d+' })({ text: 'the code is secret-42 ok' });
    expect(v.explanation).toContain('character 12');
    expect(JSON.stringify(v)).not.toContain('secret-42');
  });

  it.each([
    ['(a+)+$', true],
    ['(a|aa)*b', true],
    ['(\\w+\\s?)*$', true],
    ['(x)\\1', true],
    ['^\\d{3}-\\d{2}-\\d{4}$', false],
    ['(?:foo|bar) baz', false],
    ['(?<year>\\d{4})-(?<m>\\d\\d)', false],
    ['[(a+)+]', false],
    ['\\d+?\\w+', false],
  ])('refuses patterns that can backtrack catastrophically: %s -> %s', (pattern, risky) => {
    expect(backtrackingRisk(pattern) !== null).toBe(risky);
  });

  it('refuses a risky or broken pattern when the guardrail is compiled', () => {
    expect(() => check('default.regexMatch', { rule: '(a+)+$' })).toThrow(/can stall the appliance/);
    expect(() => check('default.regexMatch', { rule: '([a-z' })).toThrow(/not a valid regular expression/);
    expect(() => check('default.regexMatch', {})).toThrow(/needs "rule"/);
    expect(() => check('default.regexMatch', { rule: 'a', nott: true })).toThrow(/unknown parameter "nott"/);
  });
});

describe('default.contains', () => {
  it('any, all and none (case-sensitive)', () =>
    table('default.contains', [
      ['any: one present', { words: ['Apple', 'Pear'], operator: 'any' }, 'I like Apple pie', true],
      ['any: none present', { words: ['Apple', 'Pear'], operator: 'any' }, 'I like cherries', false],
      ['any is the default', { words: ['Apple'] }, 'Apple', true],
      ['all: both present', { words: ['Apple', 'Pear'], operator: 'all' }, 'Apple and Pear', true],
      ['all: one missing', { words: ['Apple', 'Pear'], operator: 'all' }, 'Apple only', false],
      ['none: none present', { words: ['Apple'], operator: 'none' }, 'cherries', true],
      ['none: one present', { words: ['Apple'], operator: 'none' }, 'an Apple', false],
      ['case matters', { words: ['Apple'], operator: 'any' }, 'apple', false],
      ['phrases', { words: ['thank you'], operator: 'any' }, 'well, thank you!', true],
    ]));
  it('refuses an empty word list and a bad operator', () => {
    expect(() => check('default.contains', { words: [] })).toThrow(/fewer than 1|must NOT have fewer/);
    expect(() => check('default.contains', { words: ['a'], operator: 'some' })).toThrow(/must be one of "any", "all", "none"/);
  });
});

describe('counts', () => {
  it('default.sentenceCount', () =>
    table('default.sentenceCount', [
      ['two sentences within 1..3', { minSentences: 1, maxSentences: 3 }, 'Hello there. How are you?', true],
      ['four sentences over 3', { minSentences: 1, maxSentences: 3 }, 'One. Two. Three. Four.', false],
      ['no end mark is one sentence', { minSentences: 1, maxSentences: 1 }, 'just words', true],
      ['empty text has none', { minSentences: 1 }, '', false],
      ['decimal points do not split', { maxSentences: 1 }, 'Pi is 3.14 exactly.', true],
      ['not inverts', { minSentences: 1, maxSentences: 3, not: true }, 'One. Two.', false],
    ]));
  it('default.wordCount', () =>
    table('default.wordCount', [
      ['five words within 1..10', { minWords: 1, maxWords: 10 }, 'the quick brown fox jumps', true],
      ['too few', { minWords: 6 }, 'the quick brown fox jumps', false],
      ['too many', { maxWords: 3 }, 'the quick brown fox', false],
      ['white space runs count once', { maxWords: 2 }, '  two \n\t words  ', true],
      ['defaults pass anything', {}, 'whatever', true],
      ['not inverts', { maxWords: 3, not: true }, 'the quick brown fox', true],
    ]));
  it('default.characterCount counts characters, not UTF-16 units', () =>
    table('default.characterCount', [
      ['within', { minCharacters: 1, maxCharacters: 5 }, 'hello', true],
      ['over', { maxCharacters: 4 }, 'hello', false],
      ['emoji are one character each', { maxCharacters: 2 }, '😀😀', true],
      ['under', { minCharacters: 10 }, 'short', false],
    ]));
  it('refuses a minimum above the maximum', () => {
    expect(() => check('default.wordCount', { minWords: 10, maxWords: 5 })).toThrow(/no text could pass/);
    expect(() => check('default.wordCount', { minWords: -1 })).toThrow(/must be >= 0/);
  });
});

describe('case and endings', () => {
  it('default.endsWith', () =>
    table('default.endsWith', [
      ['ends with a period', { suffix: '.' }, 'A sentence.', true],
      ['trailing space is ignored', { suffix: '.' }, 'A sentence.  \n', true],
      ['does not end with it', { suffix: '.' }, 'A question?', false],
      ['not inverts', { suffix: '.', not: true }, 'A question?', true],
    ]));
  it('default.isAllLowerCase and default.alluppercase', async () => {
    await table('default.isAllLowerCase', [
      ['all lower', {}, 'all lower case 123', true],
      ['one capital', {}, 'Not lower', false],
      ['not inverts', { not: true }, 'Not lower', true],
    ]);
    await table('default.alluppercase', [
      ['all upper', {}, 'SHOUTING 123!', true],
      ['one small letter', {}, 'SHOUTINg', false],
      ['not inverts', { not: true }, 'quiet', true],
    ]);
  });
});

describe('default.containsCode', () => {
  it('finds fenced blocks of the language', () =>
    table('default.containsCode', [
      ['sql block', { format: 'SQL' }, 'Run this:\n```sql\nSELECT 1;\n```', true],
      ['tag aliases', { format: 'Python' }, '```py\nprint(1)\n```', true],
      ['another language', { format: 'SQL' }, '```python\nprint(1)\n```', false],
      ['no block', { format: 'JavaScript' }, 'const x = 1 (no fence)', false],
      ['not: no sql passes', { format: 'SQL', not: true }, 'plain text', true],
      ['not: sql fails', { format: 'SQL', not: true }, '```sql\nDROP TABLE x;\n```', false],
    ]));
  it('refuses an unknown language', () => expect(() => check('default.containsCode', { format: 'COBOL' })).toThrow(/must be one of/));
});

describe('default.validUrls', () => {
  it('checks syntax and the allow-list, without any network call', () =>
    table('default.validUrls', [
      ['well-formed urls', {}, 'See https://example.com/docs and http://10.0.0.5:8080/x', true],
      ['no urls passes', {}, 'no links at all', true],
      ['a host with no TLD', {}, 'go to https://intranet_portal/page', false],
      ['a bad label', {}, 'see https://-bad-.example.com/', false],
      ['a numeric TLD', {}, 'see http://example.123/', false],
      ['allow-list: listed host', { allowedDomains: ['example.com'] }, 'https://example.com/a', true],
      ['allow-list: wildcard subdomain', { allowedDomains: ['*.corp.example'] }, 'https://wiki.corp.example/x', true],
      ['allow-list: other host', { allowedDomains: ['example.com'] }, 'https://evil.test/a https://example.com', false],
      ['allow-list: suffix trick', { allowedDomains: ['*.example.com'] }, 'https://notexample.com/', false],
      ['trailing punctuation is not part of the url', {}, 'Read https://example.com/docs.', true],
      ['not inverts', { not: true }, 'https://example.com', false],
    ]));
  it('refuses onlyDNS, which would need DNS', () => expect(() => check('default.validUrls', { onlyDNS: true })).toThrow(/air-gapped/));
});
