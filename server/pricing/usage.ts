// Normalisers from the usage objects providers return to UsageUnits, the disjoint parts the cost
// formula prices. Rule (worked-examples.json): uncached input = prompt − cached − cache write;
// reasoning is part of output. Missing or malformed counts read as 0; nothing here throws.
import type { UsageUnits } from './types.ts';

export function emptyUsage(): UsageUnits {
  return {
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    audioInputTokens: 0,
    audioOutputTokens: 0,
  };
}

function n(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

function has(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value);
}

function obj(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Anthropic's 1-hour cache writes have their own price (`additional_units.cache_write_1h`). */
function splitOneHourWrites(units: UsageUnits, cacheCreation: unknown): UsageUnits {
  const oneHour = Math.min(n(obj(cacheCreation).ephemeral_1h_input_tokens), units.cacheWriteTokens);
  if (oneHour === 0) return units;
  return {
    ...units,
    cacheWriteTokens: units.cacheWriteTokens - oneHour,
    additionalUnits: { ...units.additionalUnits, cache_write_1h: oneHour },
  };
}

/** OpenAI chat/completions/embeddings usage, as OpenAI and Portkey-shaped responses carry it. */
export interface OpenAIUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  prompt_tokens_details?: {
    cached_tokens?: number;
    audio_tokens?: number;
    cached_tokens_details?: { text_tokens?: number; audio_tokens?: number };
  } | null;
  completion_tokens_details?: { reasoning_tokens?: number; audio_tokens?: number } | null;
  /** Added by Portkey's Anthropic transform (and by Bedrock/Vertex Claude). */
  cache_read_input_tokens?: number;
  cache_creation_input_tokens?: number;
  cache_creation?: { ephemeral_5m_input_tokens?: number; ephemeral_1h_input_tokens?: number };
}

/**
 * OpenAI-shaped usage. Embeddings (`{prompt_tokens, total_tokens}`) fall out as input only.
 *
 * Anthropic-derived fields: Portkey's Anthropic-to-OpenAI transform puts Anthropic's
 * `input_tokens`, which EXCLUDES cache tokens, in `prompt_tokens`, and adds
 * `cache_read_input_tokens` / `cache_creation_input_tokens` beside it. So when those fields are
 * present and `prompt_tokens_details.cached_tokens` is not, prompt_tokens is already uncached.
 * When `cached_tokens` is present too, prompt_tokens is the OpenAI-style total and the cache
 * parts are subtracted.
 */
export function usageFromOpenAI(raw: OpenAIUsage | null | undefined): UsageUnits {
  const u = obj(raw) as OpenAIUsage;
  const prompt = obj(u.prompt_tokens_details);
  const completion = obj(u.completion_tokens_details);
  const anthropicStyle = (has(u.cache_read_input_tokens) || has(u.cache_creation_input_tokens)) && !has(prompt.cached_tokens);

  const cacheWrite = n(u.cache_creation_input_tokens);
  const cached = has(prompt.cached_tokens) ? n(prompt.cached_tokens) : n(u.cache_read_input_tokens);
  const cachedAudio = Math.min(n(obj(prompt.cached_tokens_details).audio_tokens), cached);
  const audioIn = Math.max(0, n(prompt.audio_tokens) - cachedAudio);
  const uncached = anthropicStyle ? n(u.prompt_tokens) : n(u.prompt_tokens) - cached - cacheWrite;
  const audioOut = Math.min(n(completion.audio_tokens), n(u.completion_tokens));

  const units: UsageUnits = {
    inputTokens: Math.max(0, uncached - audioIn),
    outputTokens: n(u.completion_tokens) - audioOut,
    cacheReadTokens: cached - cachedAudio,
    cacheWriteTokens: cacheWrite,
    reasoningTokens: n(completion.reasoning_tokens),
    audioInputTokens: audioIn,
    audioOutputTokens: audioOut,
  };
  if (cachedAudio > 0) units.cacheReadAudioTokens = cachedAudio;
  return splitOneHourWrites(units, u.cache_creation);
}

/** OpenAI Responses API usage: input/output totals with cached and reasoning details. */
export interface OpenAIResponsesUsage {
  input_tokens?: number;
  output_tokens?: number;
  input_tokens_details?: { cached_tokens?: number } | null;
  output_tokens_details?: { reasoning_tokens?: number } | null;
}

export function usageFromOpenAIResponses(raw: OpenAIResponsesUsage | null | undefined): UsageUnits {
  const u = obj(raw) as OpenAIResponsesUsage;
  const cached = n(obj(u.input_tokens_details).cached_tokens);
  return {
    ...emptyUsage(),
    inputTokens: Math.max(0, n(u.input_tokens) - cached),
    cacheReadTokens: cached,
    outputTokens: n(u.output_tokens),
    reasoningTokens: n(obj(u.output_tokens_details).reasoning_tokens),
  };
}

/** Anthropic Messages API usage: `input_tokens` already excludes both cache parts. */
export interface AnthropicUsage {
  input_tokens?: number;
  output_tokens?: number;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_creation?: { ephemeral_5m_input_tokens?: number; ephemeral_1h_input_tokens?: number } | null;
  server_tool_use?: { web_search_requests?: number } | null;
}

export function usageFromAnthropic(raw: AnthropicUsage | null | undefined): UsageUnits {
  const u = obj(raw) as AnthropicUsage;
  const units: UsageUnits = {
    ...emptyUsage(),
    inputTokens: n(u.input_tokens),
    outputTokens: n(u.output_tokens),
    cacheReadTokens: n(u.cache_read_input_tokens),
    cacheWriteTokens: n(u.cache_creation_input_tokens),
  };
  const searches = n(obj(u.server_tool_use).web_search_requests);
  if (searches > 0) units.additionalUnits = { web_search: searches };
  return splitOneHourWrites(units, u.cache_creation);
}

/** Bedrock Converse usage: `inputTokens` excludes the cache parts, as with Anthropic. */
export interface BedrockConverseUsage {
  inputTokens?: number;
  outputTokens?: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
}

export function usageFromBedrockConverse(raw: BedrockConverseUsage | null | undefined): UsageUnits {
  const u = obj(raw) as BedrockConverseUsage;
  return {
    ...emptyUsage(),
    inputTokens: n(u.inputTokens),
    outputTokens: n(u.outputTokens),
    cacheReadTokens: n(u.cacheReadInputTokens),
    cacheWriteTokens: n(u.cacheWriteInputTokens),
  };
}

/** Gemini `usageMetadata`: the prompt count includes cached tokens; output = candidates + thoughts. */
export interface GeminiUsage {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  thoughtsTokenCount?: number;
  cachedContentTokenCount?: number;
  promptTokensDetails?: Array<{ modality?: string; tokenCount?: number }>;
}

export function usageFromGemini(raw: GeminiUsage | null | undefined): UsageUnits {
  const u = obj(raw) as GeminiUsage;
  const cached = n(u.cachedContentTokenCount);
  const details = Array.isArray(u.promptTokensDetails) ? u.promptTokensDetails : [];
  const audio = details.filter((d) => obj(d).modality === 'AUDIO').reduce((sum, d) => sum + n(d.tokenCount), 0);
  const uncached = Math.max(0, n(u.promptTokenCount) - cached);
  const audioIn = Math.min(audio, uncached);
  const thoughts = n(u.thoughtsTokenCount);
  return {
    ...emptyUsage(),
    inputTokens: uncached - audioIn,
    audioInputTokens: audioIn,
    cacheReadTokens: cached,
    outputTokens: n(u.candidatesTokenCount) + thoughts,
    reasoningTokens: thoughts,
  };
}
