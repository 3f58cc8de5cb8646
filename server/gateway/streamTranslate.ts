// Stream transforms that translate between wire formats, built on ./translate's stateful stream
// converters: Anthropic events to chat.completion.chunk, and OpenAI chunks to Anthropic events.
import { sseData, sseEvent } from './sse.ts';
import { ChatReassembler, MessagesReassembler } from './reassemble.ts';
import { errorFromPayload, parseJson, streamCut, type Json, type StreamTransform } from './stream.ts';
import { createMessagesToChatStream } from './translate/messagesToChatStream.ts';
import { createChatToMessagesStream, type AnthropicSseItem } from './translate/chatToMessagesStream.ts';
import { anthropicStreamErrorPayload, chatStreamErrorPayload } from './translate/errors.ts';
import type { AppError } from '../errors.ts';

/** Anthropic upstream, OpenAI chat client. */
export function messagesToChatTransform(options: { includeUsage: boolean; model?: string }): StreamTransform {
  const convert = createMessagesToChatStream({ includeUsage: options.includeUsage, model: options.model });
  const acc = new ChatReassembler();
  let failed: AppError | null = null;
  const emit = (payloads: string[]) => {
    let out = '';
    for (const p of payloads) {
      if (p !== '[DONE]') {
        const chunk = parseJson(p);
        if (chunk) {
          failed ??= errorFromPayload(chunk);
          acc.push(chunk);
        }
      }
      out += sseData(p);
    }
    return out;
  };
  return {
    push: (event) => emit(convert(event)),
    end: () => emit(convert.end()),
    error: (message, type) => sseData(chatStreamErrorPayload(message, type)),
    usage: () => (convert.finalUsage() as unknown as Json | undefined) ?? null,
    text: () => acc.text(),
    reassembled: () => ({ ...acc.result(), usage: convert.finalUsage() }),
    failure: () => failed,
  };
}

/** OpenAI-compatible upstream, Anthropic client (`/v1/messages`). */
export function chatToMessagesTransform(options: { model?: string } = {}): StreamTransform {
  const convert = createChatToMessagesStream({ model: options.model });
  const acc = new MessagesReassembler();
  let failed: AppError | null = null;
  const emit = (items: AnthropicSseItem[]) => {
    let out = '';
    for (const item of items) {
      const payload = parseJson(item.data);
      if (payload) {
        acc.push(payload);
        if (item.event === 'error') failed ??= errorFromPayload(payload) ?? streamCut();
      }
      out += sseEvent(item.event, item.data);
    }
    return out;
  };
  return {
    push: (event) => emit(convert(event)),
    end: () => emit(convert.end()),
    error: (message, type) => sseEvent('error', anthropicStreamErrorPayload(message, type)),
    usage: () => (convert.finalUsage() as unknown as Json | undefined) ?? null,
    text: () => acc.text(),
    reassembled: () => acc.result(),
    failure: () => failed,
  };
}
