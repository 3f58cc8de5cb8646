// Table tests of the JSON checks, on answers (their usual place) and requests.
import { describe, expect, it } from 'vitest';
import { chatAnswer, check } from '../../../test/kits/guardrails.ts';

const schema = {
  type: 'object',
  properties: { result: { type: 'string' }, confidence: { type: 'number', minimum: 0, maximum: 1 } },
  required: ['result'],
};

describe('default.jsonSchema', () => {
  it.each([
    ['the whole answer is matching JSON', '{"result":"ok","confidence":0.9}', true],
    ['JSON in a ```json block', 'Here you go:\n```json\n{"result":"ok"}\n```', true],
    ['JSON inside prose', 'The answer is {"result": "ok"} as asked.', true],
    ['a required key missing', '{"confidence":0.5}', false],
    ['a value out of range', '{"result":"ok","confidence":3}', false],
    ['no JSON at all', 'just words', false],
    ['braces that are not JSON', 'set {a, b} and {"result": "x"}', true],
  ])('%s', async (_name, text, verdict) => {
    const v = await check('default.jsonSchema', { schema })({ answer: chatAnswer(text) });
    expect(v.verdict).toBe(verdict);
  });

  it('says which part of the JSON does not match', async () => {
    const v = await check('default.jsonSchema', { schema })({ answer: chatAnswer('{"confidence":2,"result":"x"}') });
    expect(v.explanation).toMatch(/\/confidence must be <= 1/);
  });

  it('not inverts; a schema that does not compile is refused', async () => {
    expect((await check('default.jsonSchema', { schema, not: true })({ answer: chatAnswer('{"result":"ok"}') })).verdict).toBe(false);
    expect(() => check('default.jsonSchema', { schema: { type: 'nonsense' } })).toThrow(/not a usable JSON Schema/);
  });
});

describe('default.jsonKeys', () => {
  it.each([
    ['any: one present', { keys: ['a', 'z'], operator: 'any' }, '{"a":1}', true],
    ['any: none present', { keys: ['y', 'z'], operator: 'any' }, '{"a":1}', false],
    ['all: all present', { keys: ['a', 'b'], operator: 'all' }, '{"a":1,"b":2}', true],
    ['all: one missing', { keys: ['a', 'b'], operator: 'all' }, '{"a":1}', false],
    ['none: none present', { keys: ['secret'], operator: 'none' }, '{"a":1}', true],
    ['none: one present', { keys: ['secret'], operator: 'none' }, '{"secret":1}', false],
    ['no object', { keys: ['a'] }, '[1,2]', false],
  ])('%s', async (_name, params, text, verdict) => {
    expect((await check('default.jsonKeys', params)({ answer: chatAnswer(text) })).verdict).toBe(verdict);
  });
});
