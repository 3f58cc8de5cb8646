// Offline token counts against figures published in OpenAI's tiktoken cookbook ("How to count
// tokens with tiktoken"), which the js-tiktoken ranks reproduce token for token.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { countChatPromptTokens, countCompletionTokens, countPromptTokens, countTextTokens, encodingForModel } from './tokenCount.ts';

const require = createRequire(import.meta.url);
const ranksLoaded = () => Object.keys(require.cache).some((file) => /js-tiktoken[\\/]dist[\\/]ranks/.test(file));

// The cookbook's chat example: 129 prompt tokens for gpt-4-0613, 124 for gpt-4o.
const cookbookMessages = [
  { role: 'system', content: 'You are a helpful, pattern-following assistant that translates corporate jargon into plain English.' },
  { role: 'system', name: 'example_user', content: 'New synergies will help drive top-line growth.' },
  { role: 'system', name: 'example_assistant', content: 'Things working well together will increase revenue.' },
  {
    role: 'system',
    name: 'example_user',
    content: "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage.",
  },
  { role: 'system', name: 'example_assistant', content: "Let's talk later when we're less busy about how to do better." },
  { role: 'user', content: "This late pivot means we don't have time to boil the ocean for the client deliverable." },
];

describe('token counting', () => {
  it('loads no ranks when imported, only on first use', () => {
    expect(ranksLoaded()).toBe(false);
    countTextTokens('x');
    expect(ranksLoaded()).toBe(true);
  });

  it.each([
    ['tiktoken is great!', 'cl100k_base', 6],
    ['tiktoken is great!', 'o200k_base', 6],
    ['antidisestablishmentarianism', 'cl100k_base', 6],
    ['antidisestablishmentarianism', 'o200k_base', 6],
    ['お誕生日おめでとう', 'cl100k_base', 9],
    ['お誕生日おめでとう', 'o200k_base', 8],
    ['Hello, world!', 'o200k_base', 4],
    ['', 'o200k_base', 0],
  ] as const)('%j is %s: %i tokens', (text, encoding, tokens) => {
    expect(countTextTokens(text, encoding)).toBe(tokens);
  });

  it('counts special-token strings in user text as ordinary text instead of throwing', () => {
    expect(countTextTokens('<|endoftext|>', 'o200k_base')).toBe(7);
  });

  it("counts chat prompts with OpenAI's per-message overhead (the cookbook figures)", () => {
    expect(countChatPromptTokens(cookbookMessages, { model: 'gpt-4-0613' })).toBe(129);
    expect(countChatPromptTokens(cookbookMessages, { model: 'gpt-4o' })).toBe(124);
  });

  it('counts text parts, estimates images and adds tool calls and tool definitions', () => {
    const text = countChatPromptTokens([{ role: 'user', content: 'hello world' }]);
    expect(text).toBe(3 + 3 + 1 + 2); // priming + framing + "user" + "hello world"
    const parts = countChatPromptTokens([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'hello world' },
          { type: 'image_url', image_url: { url: 'data:…' } },
        ],
      },
    ]);
    expect(parts).toBe(text + 85);
    const withCall = countChatPromptTokens([
      { role: 'user', content: 'hello world' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } }],
      },
    ]);
    expect(withCall).toBeGreaterThan(text + 6);
    expect(
      countChatPromptTokens([{ role: 'user', content: 'hello world' }], { tools: [{ type: 'function', function: { name: 'lookup' } }] }),
    ).toBeGreaterThan(text);
    expect(countChatPromptTokens([{ role: 'user', content: 'hello world' }], { system: 'Be brief.' })).toBeGreaterThan(text);
  });

  it('counts completions prompts and embeddings input, including token-id lists', () => {
    expect(countPromptTokens('tiktoken is great!', 'gpt-3.5-turbo-instruct')).toBe(6);
    expect(countPromptTokens(['hello world', 'tiktoken is great!'], 'text-embedding-3-small')).toBe(8);
    expect(countPromptTokens([1, 2, 3, 4])).toBe(4);
    expect(countPromptTokens(undefined)).toBe(0);
    expect(countCompletionTokens('Hello, world!', 'gpt-4o')).toBe(4);
  });

  it('picks the encoding by model family', () => {
    expect(encodingForModel('gpt-4-0613')).toBe('cl100k_base');
    expect(encodingForModel('gpt-35-turbo')).toBe('cl100k_base');
    expect(encodingForModel('text-embedding-3-large')).toBe('cl100k_base');
    expect(encodingForModel('gpt-4o-mini')).toBe('o200k_base');
    expect(encodingForModel('gpt-4.1')).toBe('o200k_base');
    expect(encodingForModel('claude-sonnet-4-5')).toBe('o200k_base');
    expect(encodingForModel(undefined)).toBe('o200k_base');
  });

  it('stays fast on pathological text (one huge "word")', () => {
    const started = performance.now();
    const tokens = countTextTokens('a'.repeat(200_000) + ' ' + '='.repeat(50_000) + ' '.repeat(50_000));
    expect(tokens).toBeGreaterThan(10_000);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('scales from a prefix for very long text', () => {
    const sentence = 'The quick brown fox jumps over the lazy dog. ';
    const one = countTextTokens(sentence.repeat(1000));
    const huge = countTextTokens(sentence.repeat(20_000));
    expect(Math.abs(huge - one * 20) / (one * 20)).toBeLessThan(0.01);
  });
});
