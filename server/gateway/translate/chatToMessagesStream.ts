// OpenAI `chat.completion.chunk` stream → Anthropic Messages SSE events, one stateful transformer
// per stream, for `/v1/messages` routed to an OpenAI-compatible upstream. Returns {event, data}
// items; the caller frames them with sseEvent().
//
// Anthropic opens one content block at a time and numbers blocks across text, thinking and tools,
// so a change of kind closes the open block and starts the next index. OpenAI upstreams stream
// tool calls one after another; should a fragment for an earlier call arrive late, it is sent with
// that call's block index, which the Anthropic SDK accumulates by index all the same.
// message_start carries zero input tokens because OpenAI reports usage only at the end; the real
// figures ride on message_delta, whose usage the Anthropic SDK copies over the start's.
import { UnreadableEvent, type SseEvent } from '../sse.ts';
import type { StopReason } from './anthropicTypes.ts';
import { anthropicErrorOf, anthropicStreamErrorPayload } from './errors.ts';
import { anthropicUsageOf } from './mappings.ts';
import type { ChatChunk, ChatUsage } from './openaiTypes.ts';
import { stopReasonFor } from './chatToMessagesResponse.ts';

export interface AnthropicSseItem {
  event: string;
  data: string;
}

export interface ChatToMessagesStreamOptions {
  /** Message id; defaults to the first chunk's id. */
  id?: string;
  /** Model name reported to the client; defaults to the upstream's. */
  model?: string;
}

export interface ChatToMessagesStream {
  /** One upstream SSE event in, zero or more Anthropic events out. */
  (event: SseEvent): AnthropicSseItem[];
  /** Upstream closed: finishes the message if the upstream did, otherwise sends an error event. */
  end(): AnthropicSseItem[];
  /** The upstream's usage in OpenAI shape, for logging and cost. */
  finalUsage(): ChatUsage | undefined;
}

type BlockKind = 'text' | 'thinking' | 'tool';

const STREAM_CUT = 'The upstream provider closed the stream before the response was complete.';

export function createChatToMessagesStream(options: ChatToMessagesStreamOptions = {}): ChatToMessagesStream {
  let started = false;
  let done = false;
  let open: BlockKind | null = null;
  let nextBlock = 0;
  // OpenAI tool-call index → Anthropic content block index.
  const blockOfTool: number[] = [];
  let finish: string | null = null;
  let toolCalls = 0;
  let refused = false;
  let usage: ChatUsage | undefined;

  const item = (event: string, data: string): AnthropicSseItem => ({ event, data });

  function start(out: AnthropicSseItem[], chunk: Partial<ChatChunk>) {
    started = true;
    const message = {
      id: options.id ?? chunk.id ?? 'msg_gateway',
      type: 'message',
      role: 'assistant',
      model: options.model ?? chunk.model ?? '',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 0, output_tokens: 0 },
    };
    out.push(item('message_start', JSON.stringify({ type: 'message_start', message })));
  }

  function closeBlock(out: AnthropicSseItem[]) {
    if (open === null) return;
    out.push(item('content_block_stop', `{"type":"content_block_stop","index":${nextBlock - 1}}`));
    open = null;
  }

  function openBlock(out: AnthropicSseItem[], kind: BlockKind, contentBlock: object): number {
    closeBlock(out);
    const index = nextBlock++;
    open = kind;
    out.push(item('content_block_start', JSON.stringify({ type: 'content_block_start', index, content_block: contentBlock })));
    return index;
  }

  function delta(out: AnthropicSseItem[], index: number, d: string) {
    out.push(item('content_block_delta', `{"type":"content_block_delta","index":${index},"delta":${d}}`));
  }

  function finishMessage(out: AnthropicSseItem[]) {
    if (!started) start(out, {});
    closeBlock(out);
    const stop: StopReason = stopReasonFor(finish, toolCalls, refused);
    const u = anthropicUsageOf(usage);
    out.push(
      item('message_delta', JSON.stringify({ type: 'message_delta', delta: { stop_reason: stop, stop_sequence: null }, usage: u })),
      item('message_stop', '{"type":"message_stop"}'),
    );
    done = true;
  }

  function fail(out: AnthropicSseItem[], data: string) {
    out.push(item('error', data));
    done = true;
    return out;
  }

  function transform(sse: SseEvent): AnthropicSseItem[] {
    const out: AnthropicSseItem[] = [];
    if (done || sse.data === '') return out;
    if (sse.data === '[DONE]') {
      finishMessage(out);
      return out;
    }
    let chunk: ChatChunk & { error?: unknown };
    try {
      chunk = JSON.parse(sse.data) as ChatChunk & { error?: unknown };
    } catch {
      throw new UnreadableEvent(sse.data, true);
    }
    if (typeof chunk !== 'object' || chunk === null || Array.isArray(chunk)) throw new UnreadableEvent(sse.data, true);
    if (chunk.error) return fail(out, JSON.stringify(anthropicErrorOf(chunk)));
    if (!started) start(out, chunk);
    if (chunk.usage) usage = chunk.usage;

    const choice = chunk.choices?.[0];
    if (!choice) return out;
    const d = choice.delta ?? {};

    const reasoning = d.reasoning_content ?? d.reasoning;
    if (reasoning) {
      const index = open === 'thinking' ? nextBlock - 1 : openBlock(out, 'thinking', { type: 'thinking', thinking: '', signature: '' });
      delta(out, index, `{"type":"thinking_delta","thinking":${JSON.stringify(reasoning)}}`);
    }
    const text = d.content || d.refusal;
    if (d.refusal) refused = true;
    if (text) {
      const index = open === 'text' ? nextBlock - 1 : openBlock(out, 'text', { type: 'text', text: '' });
      delta(out, index, `{"type":"text_delta","text":${JSON.stringify(text)}}`);
    }
    for (const tc of d.tool_calls ?? []) {
      // A few servers leave `index` out: a fragment with an id is a new call, one without continues the last.
      const key = typeof tc.index === 'number' ? tc.index : tc.id ? toolCalls : Math.max(0, toolCalls - 1);
      let index = blockOfTool[key];
      if (index === undefined) {
        toolCalls++;
        index = openBlock(out, 'tool', {
          type: 'tool_use',
          // A server that omits the id still needs one: the client echoes it in tool_result.
          id: tc.id ?? `toolu_${chunk.id ?? 'gateway'}_${key}`,
          name: tc.function?.name ?? '',
          input: {},
        });
        blockOfTool[key] = index;
      }
      const args = tc.function?.arguments;
      if (args) delta(out, index, `{"type":"input_json_delta","partial_json":${JSON.stringify(args)}}`);
    }
    if (choice.finish_reason) finish = choice.finish_reason;
    return out;
  }

  return Object.assign(transform, {
    end(): AnthropicSseItem[] {
      const out: AnthropicSseItem[] = [];
      if (done) return out;
      // Some servers finish the message and close without `[DONE]`; that is a complete answer.
      if (finish !== null) {
        finishMessage(out);
        return out;
      }
      return fail(out, anthropicStreamErrorPayload(STREAM_CUT));
    },
    finalUsage: () => usage,
  });
}
