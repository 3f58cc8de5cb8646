// Anthropic Messages response → OpenAI chat completion, for `/v1/chat/completions` routed to Anthropic.
//
// Thinking is kept, not dropped: the joined text goes to `message.reasoning_content` (the field
// DeepSeek, vLLM and most chat clients read), and the blocks themselves, signatures included, go
// to `message.thinking_blocks` so a client can send them back on its next turn, which Anthropic
// requires when thinking is combined with tool use. Server-tool blocks (server_tool_use,
// web_search_tool_result, …) and text citations have no chat equivalent and are dropped.
import type { ContentBlock, MessagesResponse } from './anthropicTypes.ts';
import { chatUsageOf, finishReasonOf } from './mappings.ts';
import type { ChatCompletion, ChatResponseMessage, ChatThinkingBlock, ChatToolCall } from './openaiTypes.ts';

export interface MessagesToChatOptions {
  /** Unix seconds for `created`; defaults to now. */
  created?: number;
}

export function messagesResponseToChat(resp: MessagesResponse, options: MessagesToChatOptions = {}): ChatCompletion {
  let text = '';
  let hasText = false;
  let reasoning = '';
  const toolCalls: ChatToolCall[] = [];
  const thinkingBlocks: ChatThinkingBlock[] = [];

  for (const raw of resp.content) {
    const block = raw as ContentBlock;
    switch (block.type) {
      case 'text':
        text += block.text;
        hasText = true;
        break;
      case 'tool_use':
        toolCalls.push({
          id: block.id,
          type: 'function',
          function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) },
        });
        break;
      case 'thinking':
        reasoning += block.thinking;
        thinkingBlocks.push({ type: 'thinking', thinking: block.thinking, signature: block.signature });
        break;
      case 'redacted_thinking':
        thinkingBlocks.push({ type: 'redacted_thinking', data: block.data });
        break;
    }
  }

  const message: ChatResponseMessage = {
    role: 'assistant',
    // OpenAI sends null content for a pure tool-call turn, and a string otherwise.
    content: hasText || toolCalls.length === 0 ? text : null,
    refusal: null,
  };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (thinkingBlocks.length > 0) {
    message.reasoning_content = reasoning;
    message.thinking_blocks = thinkingBlocks;
  }

  return {
    id: resp.id,
    object: 'chat.completion',
    created: options.created ?? Math.floor(Date.now() / 1000),
    model: resp.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReasonOf(resp.stop_reason) }],
    usage: chatUsageOf(resp.usage),
  };
}
