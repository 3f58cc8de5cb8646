// Units and cost of one answer. Usage comes from the upstream when it reported it (OpenAI chat,
// OpenAI Responses or Anthropic shape); otherwise the prompt and the generated text are counted
// with the tokenizer. Prices come from the offline pricing files; an unknown model costs 0 and is
// marked unpriced, and so is a pass-through answer nothing could be measured from.
import type { PricingService } from '../pricing/service.ts';
import type { CostOverrides, UsageUnits } from '../pricing/types.ts';
import { emptyUsage, usageFromAnthropic, usageFromOpenAI, usageFromOpenAIResponses } from '../pricing/usage.ts';
import { countChatPromptTokens, countCompletionTokens, countPromptTokens } from '../pricing/tokenCount.ts';
import type { GatewayCall, Target } from './attempt.ts';
import type { Accountant, Accounting, Measured } from './respond.ts';
import { NO_UNITS, type Units } from './logEvent.ts';

type Json = Record<string, unknown>;

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

/** Counted usage for an answer the upstream did not measure. */
export function countedUsage(call: GatewayCall, model: string | null, generatedText: string | null): UsageUnits {
  const units = emptyUsage();
  const body = call.body;
  if (!body) return units;
  if (call.endpoint === 'chatComplete' || call.endpoint === 'messages') {
    units.inputTokens = countChatPromptTokens(body.messages, { model, tools: body.tools, system: body.system });
  } else if (call.endpoint === 'complete') {
    units.inputTokens = countPromptTokens(body.prompt, model);
  } else if (call.endpoint === 'embed') {
    units.inputTokens = countPromptTokens(body.input, model);
  }
  if (generatedText) units.outputTokens = countCompletionTokens(generatedText, model);
  return units;
}

/** The request log's units of a usage (req_units, res_units, …). */
export function logUnits(u: UsageUnits): Units {
  // The pricing units keep Anthropic's 1-hour cache writes apart (their own price); the log counts all writes.
  const cacheWrite = u.cacheWriteTokens + (u.additionalUnits?.cache_write_1h ?? 0);
  const req = u.inputTokens + u.cacheReadTokens + cacheWrite + u.audioInputTokens + (u.cacheReadAudioTokens ?? 0);
  const res = u.outputTokens + u.audioOutputTokens;
  return { req, res, total: req + res, cacheRead: u.cacheReadTokens, cacheWrite, reasoning: u.reasoningTokens };
}

/** Nothing in the answer says how big it was: its cost is unknown, which is not the same as free. */
const UNMEASURED: Accounting = { units: NO_UNITS, cents: 0, priced: false };

export function createAccountant(pricing: PricingService): Accountant {
  return {
    account(target: Target, model: string | null, call: GatewayCall, { usage, generatedText = null, images = null }: Measured): Accounting {
      // The tokenizer counts chat, completion and embedding requests; a pass-through body is none of those.
      if (!usage && !images && call.endpoint === 'proxy') return UNMEASURED;
      const u = usage ? unitsFromUsage(usage) : countedUsage(call, model, generatedText);
      if (images) u.images = images;
      const units = logUnits(u);
      if (!model) return { units, cents: 0, priced: false };
      const overrides = (target.pricingOverrides?.(model) ?? {}) as CostOverrides;
      const cost = pricing.cost(target.spec.pricingId, model, u, overrides);
      return { units, cents: cost.cents, priced: cost.priced };
    },
  };
}
