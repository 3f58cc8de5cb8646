// Anthropic Messages SSE events → OpenAI `chat.completion.chunk` data payloads, one stateful
// transformer per stream. Returns the payload strings; the caller frames them with sseData().
//
// Dropped on purpose: ping, content_block_stop, signature_delta and citations_delta (no chunk
// field for them; a streaming client cannot round-trip thinking signatures, a non-streaming one
// can via `thinking_blocks`), and server-tool blocks. thinking_delta becomes
// `delta.reasoning_content`, matching messagesResponseToChat.
import { UnreadableEvent, type SseEvent } from '../sse.ts';
import type { AnthropicUsage, ContentBlock, MessagesStreamEvent } from './anthropicTypes.ts';
import { chatStreamErrorPayload } from './errors.ts';
import { chatUsageOf, finishReasonOf } from './mappings.ts';
import type { ChatDelta, ChatFinishReason, ChatUsage } from './openaiTypes.ts';

export interface MessagesToChatStreamOptions {
  /** Chunk id; defaults to the upstream message id. */
  id?: string;
  /** Model name reported to the client; defaults to the upstream's. */
  model?: string;
  /** The client asked for `stream_options.include_usage`: send a final `choices: []` usage chunk. */
  includeUsage: boolean;
  /** Unix seconds for `created`; defaults to now. */
  created?: number;
}

export interface MessagesToChatStream {
  /** One upstream SSE event in, zero or more `data:` payloads out (JSON strings, or `[DONE]`). */
  (event: SseEvent): string[];
  /** Upstream closed. Returns an error payload when the message never finished, so the client knows. */
  end(): string[];
  /** Usage so far in OpenAI shape (with Anthropic's cache figures), for logging and cost. */
  finalUsage(): ChatUsage | undefined;
}

export const STREAM_CUT_MESSAGE = 'The upstream provider closed the stream before the response was complete.';

export function createMessagesToChatStream(options: MessagesToChatStreamOptions): MessagesToChatStream {
  const created = options.created ?? Math.floor(Date.now() / 1000);
  // Everything before the choices array is the same on every chunk: serialise it once.
  let head = '';
  let usage: Partial<AnthropicUsage> | undefined;
  let done = false;
  // Anthropic numbers content blocks across text, thinking and tools; OpenAI numbers tool calls only.
  const toolIndexByBlock: number[] = [];
  let toolCount = 0;

  function setHead(id: string, model: string) {
    head = `{"id":${JSON.stringify(options.id ?? id)},"object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(options.model ?? model)},"choices":`;
  }

  function chunk(delta: ChatDelta, finish: ChatFinishReason | null = null): string {
    if (head === '') setHead('', '');
    return `${head}[{"index":0,"delta":${JSON.stringify(delta)},"logprobs":null,"finish_reason":${finish === null ? 'null' : `"${finish}"`}}]}`;
  }

  function fail(message: string, type?: string): string[] {
    done = true;
    return [chatStreamErrorPayload(message, type)];
  }

  function transform(sse: SseEvent): string[] {
    if (done || sse.data === '') return [];
    let ev: MessagesStreamEvent;
    try {
      ev = JSON.parse(sse.data) as MessagesStreamEvent;
    } catch {
      throw new UnreadableEvent(sse.data, true);
    }
    if (typeof ev !== 'object' || ev === null || Array.isArray(ev)) throw new UnreadableEvent(sse.data, true);
    switch (ev.type) {
      case 'message_start':
        setHead(ev.message.id, ev.message.model);
        usage = { ...ev.message.usage };
        return [chunk({ role: 'assistant', content: '' })];

      case 'content_block_start': {
        const block = ev.content_block as ContentBlock;
        if (block.type === 'tool_use') {
          const index = toolCount++;
          toolIndexByBlock[ev.index] = index;
          return [chunk({ tool_calls: [{ index, id: block.id, type: 'function', function: { name: block.name, arguments: '' } }] })];
        }
        // Blocks normally start empty, but nothing in the protocol promises it.
        if (block.type === 'text' && block.text) return [chunk({ content: block.text })];
        if (block.type === 'thinking' && block.thinking) return [chunk({ reasoning_content: block.thinking })];
        return [];
      }

      case 'content_block_delta': {
        const d = ev.delta;
        switch (d.type) {
          case 'text_delta':
            return d.text ? [chunk({ content: d.text })] : [];
          case 'input_json_delta': {
            const index = toolIndexByBlock[ev.index];
            // Server-tool inputs also stream as input_json_delta; they have no tool call to join.
            if (index === undefined || !d.partial_json) return [];
            return [chunk({ tool_calls: [{ index, function: { arguments: d.partial_json } }] })];
          }
          case 'thinking_delta':
            return d.thinking ? [chunk({ reasoning_content: d.thinking })] : [];
          default:
            return [];
        }
      }

      case 'message_delta': {
        const u = ev.usage;
        usage ??= {};
        // Cumulative figures: overwrite, never add. Only output_tokens is always present.
        if (u) {
          usage.output_tokens = u.output_tokens;
          if (u.input_tokens != null) usage.input_tokens = u.input_tokens;
          if (u.cache_read_input_tokens != null) usage.cache_read_input_tokens = u.cache_read_input_tokens;
          if (u.cache_creation_input_tokens != null) usage.cache_creation_input_tokens = u.cache_creation_input_tokens;
        }
        return [chunk({}, finishReasonOf(ev.delta.stop_reason) ?? 'stop')];
      }

      case 'message_stop': {
        done = true;
        if (!options.includeUsage) return ['[DONE]'];
        if (head === '') setHead('', '');
        return [`${head}[],"usage":${JSON.stringify(chatUsageOf(usage ?? {}))}}`, '[DONE]'];
      }

      case 'error':
        return fail(ev.error?.message ?? 'The upstream provider reported an error.', ev.error?.type);

      default:
        // ping, content_block_stop, and event types newer than this code.
        return [];
    }
  }

  return Object.assign(transform, {
    end: () => (done ? [] : fail(STREAM_CUT_MESSAGE)),
    finalUsage: () => (usage ? chatUsageOf(usage) : undefined),
  });
}
