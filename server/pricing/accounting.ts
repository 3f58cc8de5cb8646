// Units of one answer from what the provider reported, or from counting tokens when it reported
// nothing: the cost engine's units (UsageUnits) and the request log's totals (LogUnits). Shared by
// the gateway and the custom-log ingest, so both count a request the same way.
import type { Endpoint } from '../provider-specs/registry.ts';
import type { UsageUnits } from './types.ts';
import { emptyUsage, usageFromAnthropic, usageFromOpenAI, usageFromOpenAIResponses } from './usage.ts';
import { countChatPromptTokens, countCompletionTokens, countPromptTokens } from './tokenCount.ts';

type Json = Record<string, unknown>;

/** The request log's unit columns (req_units, res_units, total_units, cache and reasoning). */
export interface LogUnits {
  req: number;
  res: number;
  total: number;
  cacheRead: number;
  cacheWrite: number;
  reasoning: number;
}

export const NO_UNITS: LogUnits = { req: 0, res: 0, total: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0 };

/**
 * Usage in any of the three wire shapes -> the cost engine's units. The Responses API's
 * `input_tokens` includes the cached part, Anthropic's excludes it; only the Responses API has
 * the `*_tokens_details` objects (its usage without them reads the same either way).
 */
export function unitsFromUsage(usage: Json): UsageUnits {
  if ('prompt_tokens' in usage || 'completion_tokens' in usage) return usageFromOpenAI(usage);
  if ('input_tokens_details' in usage || 'output_tokens_details' in usage) return usageFromOpenAIResponses(usage);
  return usageFromAnthropic(usage);
}

/** Counted usage for an answer the upstream did not measure: the request's prompt and the generated text. */
export function countedUsage(
  request: { endpoint: Endpoint; body: Json | null },
  model: string | null,
  generatedText: string | null,
): UsageUnits {
  const units = emptyUsage();
  const body = request.body;
  if (!body) return units;
  if (request.endpoint === 'chatComplete' || request.endpoint === 'messages') {
    units.inputTokens = countChatPromptTokens(body.messages, { model, tools: body.tools, system: body.system });
  } else if (request.endpoint === 'complete') {
    units.inputTokens = countPromptTokens(body.prompt, model);
  } else if (request.endpoint === 'embed') {
    units.inputTokens = countPromptTokens(body.input, model);
  }
  if (generatedText) units.outputTokens = countCompletionTokens(generatedText, model);
  return units;
}

/** The request log's units of a usage (req_units, res_units, …). */
export function logUnits(u: UsageUnits): LogUnits {
  // The pricing units keep Anthropic's 1-hour cache writes apart (their own price); the log counts all writes.
  const cacheWrite = u.cacheWriteTokens + (u.additionalUnits?.cache_write_1h ?? 0);
  const req = u.inputTokens + u.cacheReadTokens + cacheWrite + u.audioInputTokens + (u.cacheReadAudioTokens ?? 0);
  const res = u.outputTokens + u.audioOutputTokens;
  return { req, res, total: req + res, cacheRead: u.cacheReadTokens, cacheWrite, reasoning: u.reasoningTokens };
}
