// Provider usage objects -> UsageUnits: the parts must be disjoint and add up to what was billed.
import { describe, expect, it } from 'vitest';
import {
  emptyUsage,
  usageFromAnthropic,
  usageFromBedrockConverse,
  usageFromGemini,
  usageFromOpenAI,
  usageFromOpenAIResponses,
} from './usage.ts';

const zero = emptyUsage();

describe('usageFromOpenAI', () => {
  it('splits cached tokens out of prompt_tokens and keeps reasoning inside output', () => {
    expect(
      usageFromOpenAI({
        prompt_tokens: 10000,
        completion_tokens: 6000,
        prompt_tokens_details: { cached_tokens: 4000 },
        completion_tokens_details: { reasoning_tokens: 5000 },
      }),
    ).toEqual({ ...zero, inputTokens: 6000, cacheReadTokens: 4000, outputTokens: 6000, reasoningTokens: 5000 });
  });

  it('reads embeddings usage as input only', () => {
    expect(usageFromOpenAI({ prompt_tokens: 50000, total_tokens: 50000 })).toEqual({ ...zero, inputTokens: 50000 });
  });

  it('separates audio, cached audio included, from text', () => {
    expect(
      usageFromOpenAI({
        prompt_tokens: 1000,
        completion_tokens: 300,
        prompt_tokens_details: { cached_tokens: 400, audio_tokens: 500, cached_tokens_details: { text_tokens: 300, audio_tokens: 100 } },
        completion_tokens_details: { audio_tokens: 200, reasoning_tokens: 0 },
      }),
    ).toEqual({
      ...zero,
      inputTokens: 200,
      cacheReadTokens: 300,
      cacheReadAudioTokens: 100,
      audioInputTokens: 400,
      outputTokens: 100,
      audioOutputTokens: 200,
    });
  });

  it("reads Portkey's Anthropic-derived shape, where prompt_tokens excludes the cache", () => {
    // What Portkey's Anthropic transform returns for worked example E4.
    const usage = usageFromOpenAI({
      prompt_tokens: 2000,
      completion_tokens: 1500,
      total_tokens: 43500,
      cache_read_input_tokens: 30000,
      cache_creation_input_tokens: 10000,
    });
    expect(usage).toEqual({ ...zero, inputTokens: 2000, cacheReadTokens: 30000, cacheWriteTokens: 10000, outputTokens: 1500 });
  });

  it('subtracts the cache write too when prompt_tokens is an OpenAI-style total', () => {
    const usage = usageFromOpenAI({
      prompt_tokens: 42000,
      completion_tokens: 1500,
      prompt_tokens_details: { cached_tokens: 30000 },
      cache_creation_input_tokens: 10000,
    });
    expect(usage).toMatchObject({ inputTokens: 2000, cacheReadTokens: 30000, cacheWriteTokens: 10000 });
  });

  it('moves 1-hour cache writes to their own unit', () => {
    const usage = usageFromOpenAI({
      prompt_tokens: 10,
      cache_creation_input_tokens: 500,
      cache_creation: { ephemeral_5m_input_tokens: 200, ephemeral_1h_input_tokens: 300 },
    });
    expect(usage).toMatchObject({ cacheWriteTokens: 200, additionalUnits: { cache_write_1h: 300 } });
  });

  it('treats missing, null and nonsense values as 0 and never goes negative', () => {
    expect(usageFromOpenAI(undefined)).toEqual(zero);
    expect(usageFromOpenAI(null)).toEqual(zero);
    expect(usageFromOpenAI({ prompt_tokens: 5, prompt_tokens_details: { cached_tokens: 50 }, completion_tokens: 'x' as never })).toEqual({
      ...zero,
      cacheReadTokens: 50,
    });
    expect(usageFromOpenAI({ prompt_tokens: 10, prompt_tokens_details: null, completion_tokens_details: null })).toEqual({
      ...zero,
      inputTokens: 10,
    });
  });
});

describe("other providers' native usage", () => {
  it('OpenAI Responses API', () => {
    expect(
      usageFromOpenAIResponses({
        input_tokens: 100,
        output_tokens: 50,
        input_tokens_details: { cached_tokens: 40 },
        output_tokens_details: { reasoning_tokens: 20 },
      }),
    ).toEqual({ ...zero, inputTokens: 60, cacheReadTokens: 40, outputTokens: 50, reasoningTokens: 20 });
  });

  it('Anthropic Messages: input_tokens is already uncached; web searches become a unit', () => {
    expect(
      usageFromAnthropic({
        input_tokens: 2000,
        cache_creation_input_tokens: 10000,
        cache_read_input_tokens: 30000,
        output_tokens: 1500,
        server_tool_use: { web_search_requests: 2 },
      }),
    ).toEqual({
      ...zero,
      inputTokens: 2000,
      cacheWriteTokens: 10000,
      cacheReadTokens: 30000,
      outputTokens: 1500,
      additionalUnits: { web_search: 2 },
    });
  });

  it('Bedrock Converse', () => {
    expect(
      usageFromBedrockConverse({ inputTokens: 8000, cacheReadInputTokens: 20000, cacheWriteInputTokens: 0, outputTokens: 1000 }),
    ).toEqual({
      ...zero,
      inputTokens: 8000,
      cacheReadTokens: 20000,
      outputTokens: 1000,
    });
  });

  it('Gemini: output is candidates plus thoughts; the prompt count includes cached and audio tokens', () => {
    expect(
      usageFromGemini({
        promptTokenCount: 1000,
        cachedContentTokenCount: 300,
        candidatesTokenCount: 200,
        thoughtsTokenCount: 100,
        promptTokensDetails: [
          { modality: 'TEXT', tokenCount: 900 },
          { modality: 'AUDIO', tokenCount: 100 },
        ],
      }),
    ).toEqual({ ...zero, inputTokens: 600, audioInputTokens: 100, cacheReadTokens: 300, outputTokens: 300, reasoningTokens: 100 });
  });
});
