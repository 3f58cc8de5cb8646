// Units and cost of one answer. Usage comes from the upstream when it reported it (OpenAI or
// Anthropic shape); otherwise the prompt and the generated text are counted with the tokenizer.
// Prices come from the offline pricing files; an unknown model costs 0 and is marked unpriced.
import type { PricingService } from '../pricing/service.ts';
import type { CostOverrides, UsageUnits } from '../pricing/types.ts';
import { emptyUsage, usageFromAnthropic, usageFromOpenAI } from '../pricing/usage.ts';
import { countChatPromptTokens, countCompletionTokens, countPromptTokens } from '../pricing/tokenCount.ts';
import type { GatewayCall, Target } from './attempt.ts';
import type { Accountant, Accounting } from './respond.ts';
import type { Units } from './logEvent.ts';

type Json = Record<string, unknown>;

/** Usage in either wire shape -> the cost engine's units. */
export function unitsFromUsage(usage: Json): UsageUnits {
  const openaiShape = 'prompt_tokens' in usage || 'completion_tokens' in usage;
  return openaiShape ? usageFromOpenAI(usage) : usageFromAnthropic(usage);
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

export function createAccountant(pricing: PricingService): Accountant {
  return {
    account(target: Target, model: string | null, call: GatewayCall, usage: Json | null, generatedText: string | null): Accounting {
      const u = usage ? unitsFromUsage(usage) : countedUsage(call, model, generatedText);
      const units = logUnits(u);
      if (!model) return { units, cents: 0, priced: false };
      const overrides = (target.pricingOverrides?.(model) ?? {}) as CostOverrides;
      const cost = pricing.cost(target.spec.pricingId, model, u, overrides);
      return { units, cents: cost.cents, priced: cost.priced };
    },
  };
}
