// Stream transforms: each takes the upstream's SSE events and gives the text to send to the
// client, event by event, as they arrive. They also keep the usage and rebuild the whole response
// for the request log. Translating transforms (Anthropic <-> OpenAI) are in streamTranslate.ts.
import { AppError } from '../errors.ts';
import { sseData, sseEvent, UnreadableEvent, type SseEvent } from './sse.ts';
import { ChatReassembler, MessagesReassembler } from './reassemble.ts';
import { chatStreamErrorPayload, anthropicStreamErrorPayload } from './translate/errors.ts';
import { chatUsageOf } from './translate/mappings.ts';
import { STREAM_CUT_MESSAGE } from './translate/messagesToChatStream.ts';

export type Json = Record<string, unknown>;

export interface StreamTransform {
  /**
   * Text to send for one upstream event ('' to send nothing). Throws UnreadableEvent for an event
   * whose data is not JSON; the caller ends the stream there.
   */
  push(event: SseEvent): string;
  /** Text to send once the upstream stream has ended without a network error. */
  end(): string;
  /** Text that ends the stream early with an error, in the client's format. */
  error(message: string, type?: string): string;
  /** Usage in OpenAI's shape (with Anthropic cache fields when known), if the stream reported it. */
  usage(): Json | null;
  /** Generated text so far, for counting tokens when the upstream reports no usage. */
  text(): string;
  /** The whole response, rebuilt. */
  reassembled(): unknown;
  /** Set when the answer did not finish (the client was told in-stream). */
  failure(): AppError | null;
  /** Text to send after end(), once work that waits for the whole answer is done (output guardrails). */
  finish?(): Promise<string>;
}

/** A JSON object event payload, or UnreadableEvent. Empty data (a bare `data:` line) is null. */
export function readEvent(data: string): Json | null {
  if (data === '') return null;
  const payload = parseJson(data);
  if (payload === null) throw new UnreadableEvent(data, true);
  return payload;
}

export function parseJson(data: string): Json | null {
  try {
    const v = JSON.parse(data) as unknown;
    return v && typeof v === 'object' ? (v as Json) : null;
  } catch {
    return null;
  }
}

export const streamCut = (message = STREAM_CUT_MESSAGE) => AppError.fromStatus(502, message, { type: 'upstream_error' });

export const OPENAI_STREAM_CUT_MESSAGE =
  'The upstream provider closed the stream before the response was complete (no finish_reason and no [DONE]).';

export function errorFromPayload(payload: Json | null): AppError | null {
  const err = payload?.error as Json | undefined;
  if (!err || typeof err !== 'object') return null;
  return streamCut(typeof err.message === 'string' ? err.message : 'The upstream reported an error mid-stream');
}

/**
 * OpenAI-format upstream to an OpenAI client (chat or text completions). Events go out as they
 * came; the usage-only chunk is held back when the gateway, not the client, asked for it.
 */
export function openaiPassthrough(options: { stripUsageChunk: boolean }): StreamTransform {
  const acc = new ChatReassembler();
  let done = false;
  let failed: AppError | null = null;
  return {
    push(event) {
      if (event.data === '[DONE]') {
        done = true;
        return sseData('[DONE]');
      }
      const chunk = readEvent(event.data);
      if (chunk) {
        failed ??= errorFromPayload(chunk);
        acc.push(chunk);
        if (options.stripUsageChunk && chunk.usage && Array.isArray(chunk.choices) && chunk.choices.length === 0) return '';
      }
      return event.event ? sseEvent(event.event, event.data) : sseData(event.data);
    },
    end() {
      if (done || failed) return '';
      // Many LAN servers finish the answer and close without [DONE]: the client still gets one.
      if (acc.finished()) return sseData('[DONE]');
      // Closed with neither: half an answer, which the client must not take for a whole one.
      failed = streamCut(OPENAI_STREAM_CUT_MESSAGE);
      return sseData(chatStreamErrorPayload(failed.message, failed.type));
    },
    error: (message, type) => sseData(chatStreamErrorPayload(message, type)),
    usage: () => acc.usage,
    text: () => acc.text(),
    reassembled: () => acc.result(),
    failure: () => failed,
  };
}

/** Anthropic upstream to an Anthropic client: events pass through; usage and message are tracked. */
export function anthropicPassthrough(): StreamTransform {
  const acc = new MessagesReassembler();
  let stopped = false;
  let failed: AppError | null = null;
  return {
    push(event) {
      const payload = readEvent(event.data);
      if (payload) {
        acc.push(payload);
        if (payload.type === 'message_stop') stopped = true;
        if (payload.type === 'error') failed ??= errorFromPayload(payload);
      }
      return event.event ? sseEvent(event.event, event.data) : sseData(event.data);
    },
    end() {
      if (stopped || failed) return '';
      failed = streamCut();
      return sseEvent('error', anthropicStreamErrorPayload(failed.message));
    },
    error: (message, type) => sseEvent('error', anthropicStreamErrorPayload(message, type)),
    usage: () => {
      const u = acc.usage();
      return u ? (chatUsageOf(u) as unknown as Json) : null;
    },
    text: () => acc.text(),
    reassembled: () => acc.result(),
    failure: () => failed,
  };
}
