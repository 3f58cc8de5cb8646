// The small tables both translation directions share: stop reasons and token usage.
import type { AnthropicUsage, MessageDeltaUsage, StopReason } from './anthropicTypes.ts';
import type { ChatFinishReason, ChatUsage } from './openaiTypes.ts';

const FINISH_BY_STOP: Record<StopReason, ChatFinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  // A server-tool loop hit its iteration limit; the turn is over as far as a chat client can tell.
  pause_turn: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};

/** Anthropic stop_reason → OpenAI finish_reason. Unknown future reasons read as a normal stop. */
export function finishReasonOf(stop: string | null | undefined): ChatFinishReason | null {
  if (stop == null) return null;
  return FINISH_BY_STOP[stop as StopReason] ?? 'stop';
}

const STOP_BY_FINISH: Record<ChatFinishReason, StopReason> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  function_call: 'tool_use',
  content_filter: 'refusal',
};

/**
 * OpenAI finish_reason → Anthropic stop_reason. OpenAI does not say which stop sequence fired, so
 * `stop` is always `end_turn`, never `stop_sequence`.
 */
export function stopReasonOf(finish: string | null | undefined): StopReason | null {
  if (finish == null) return null;
  return STOP_BY_FINISH[finish as ChatFinishReason] ?? 'end_turn';
}

type AnyAnthropicUsage = Partial<AnthropicUsage> | Partial<MessageDeltaUsage>;

/**
 * Anthropic's input_tokens excludes cached tokens; OpenAI's prompt_tokens includes them. The cache
 * figures stay on the usage object as well, because cache writes and reads are priced differently.
 */
export function chatUsageOf(u: AnyAnthropicUsage): ChatUsage {
  const read = u.cache_read_input_tokens ?? 0;
  const created = u.cache_creation_input_tokens ?? 0;
  const prompt = (u.input_tokens ?? 0) + read + created;
  const completion = u.output_tokens ?? 0;
  const usage: ChatUsage = {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: read },
    cache_read_input_tokens: read,
    cache_creation_input_tokens: created,
  };
  // 1-hour cache writes cost more than 5-minute ones; the split must reach the cost engine.
  if (u.cache_creation) usage.cache_creation = u.cache_creation;
  return usage;
}

/**
 * The inverse of chatUsageOf: cached tokens come out of prompt_tokens. An upstream that is itself a
 * translating gateway may report cache_creation_input_tokens too; it is honoured when present.
 */
export function anthropicUsageOf(u: Partial<ChatUsage> | null | undefined): AnthropicUsage {
  const read = u?.prompt_tokens_details?.cached_tokens ?? u?.cache_read_input_tokens ?? 0;
  const created = u?.cache_creation_input_tokens ?? 0;
  return {
    input_tokens: Math.max(0, (u?.prompt_tokens ?? 0) - read - created),
    output_tokens: u?.completion_tokens ?? 0,
    cache_creation_input_tokens: created,
    cache_read_input_tokens: read,
  };
}
