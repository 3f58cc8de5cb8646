// OpenAI chat completion → Anthropic message, for `/v1/messages` routed to an OpenAI-compatible upstream.
//
// Reasoning text from the upstream (`reasoning_content`, or `reasoning` on vLLM/OpenRouter) becomes
// a leading `thinking` block with an empty signature, so Anthropic clients show it; it is dropped
// again if the client sends it back. Tool-call arguments that are not a JSON object become `{}`
// (Anthropic's input must be an object); the client's tool then reports the missing arguments.
import type { ContentBlock, MessagesResponse, StopReason } from './anthropicTypes.ts';
import { anthropicUsageOf, stopReasonOf } from './mappings.ts';
import type { ChatCompletion, Extra } from './openaiTypes.ts';

export interface ChatToMessagesResponseOptions {
  /** Model name reported to the client; defaults to the upstream's. */
  model?: string;
}

export function chatResponseToMessages(resp: ChatCompletion, options: ChatToMessagesResponseOptions = {}): MessagesResponse {
  const choice = resp.choices?.[0];
  const msg = choice?.message;
  const content: ContentBlock[] = [];

  const reasoning = msg?.reasoning_content ?? (typeof msg?.reasoning === 'string' ? msg.reasoning : undefined);
  if (reasoning) content.push({ type: 'thinking', thinking: reasoning, signature: '' });

  const text = typeof msg?.content === 'string' ? msg.content : Array.isArray(msg?.content) ? joinText(msg.content) : '';
  if (text !== '') content.push({ type: 'text', text });
  // A refusal arrives instead of content; Anthropic reports it as text with stop_reason `refusal`.
  if (msg?.refusal) content.push({ type: 'text', text: msg.refusal });

  for (const call of msg?.tool_calls ?? []) {
    content.push({ type: 'tool_use', id: call.id, name: call.function.name, input: parseInput(call.function.arguments) });
  }

  return {
    id: resp.id,
    type: 'message',
    role: 'assistant',
    model: options.model ?? resp.model,
    content,
    stop_reason: stopReasonFor(choice?.finish_reason, msg?.tool_calls?.length ?? 0, !!msg?.refusal),
    stop_sequence: null,
    usage: anthropicUsageOf(resp.usage),
  };
}

/**
 * Some OpenAI-compatible servers report `stop` for a turn that called tools. Anthropic clients
 * run tools only on `tool_use`, so a turn with tool calls that was not cut short says so.
 */
export function stopReasonFor(finish: string | null | undefined, toolCalls: number, refused: boolean): StopReason {
  const stop = stopReasonOf(finish) ?? 'end_turn';
  if (refused) return 'refusal';
  if (toolCalls > 0 && stop === 'end_turn') return 'tool_use';
  return stop;
}

function joinText(parts: unknown[]): string {
  let text = '';
  for (const p of parts) {
    if (typeof p === 'object' && p !== null && (p as Extra).type === 'text') text += String((p as Extra).text ?? '');
  }
  return text;
}

function parseInput(args: string | undefined): unknown {
  if (!args) return {};
  try {
    const parsed: unknown = JSON.parse(args);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : {};
  } catch {
    return {};
  }
}
