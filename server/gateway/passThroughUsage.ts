// What pass-through answers (/v1/responses, /v1/images/…) say about their own size, read beside
// the forwarding and never instead of it: the bytes reach the client exactly as the upstream sent
// them, and a stream is watched as it goes, not held back. A stream of a known shape (the
// Responses API's) is also checked: an event that is not JSON, or a close before the response's
// last event, ends it with an error event in that API's format.
import type { UsageUnits } from '../pricing/types.ts';
import { createSseParser, sseEvent, type SseEvent } from './sse.ts';
import { parseJson, type Json } from './stream.ts';

/** Watches a forwarded stream for what it reports; sees the same bytes the client gets. */
export interface StreamTap {
  push(bytes: Uint8Array): void;
  /** The upstream stream ended (cleanly or not). */
  end(): void;
  /** Usage as the stream reported it, or null when it never did. */
  usage(): Json | null;
  /** The data of the first event that is not JSON, or null. */
  unreadable(): string | null;
  /** After end(): whether the stream reached its last event (a response's end, an error, or `[DONE]`). */
  complete(): boolean;
  /** The event that tells the client, in the route's own format, that the stream failed. */
  error(message: string, code: string): string;
}

export type ImageCount = NonNullable<UsageUnits['images']>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The Responses API's last events: each carries the whole response, `usage` included. */
const RESPONSE_END_EVENTS = new Set(['response.completed', 'response.incomplete', 'response.failed', 'error']);

/**
 * Watches a Responses API stream: usage from its `response.completed` (or incomplete/failed)
 * event, and whether every event is JSON (each is parsed, as the unified routes parse theirs).
 */
export function responsesUsageTap(): StreamTap {
  const parser = createSseParser();
  const decoder = new TextDecoder();
  let usage: Json | null = null;
  let unreadable: string | null = null;
  let ended = false;
  const look = (events: SseEvent[]) => {
    for (const e of events) {
      if (unreadable !== null) return;
      if (e.data === '') continue;
      // Some servers end with OpenAI's chat-style `[DONE]`: they said the answer is whole.
      if (e.data === '[DONE]') {
        ended = true;
        continue;
      }
      const payload = parseJson(e.data);
      if (payload === null) {
        unreadable = e.data;
        return;
      }
      const type = typeof payload.type === 'string' ? payload.type : e.event;
      if (type === undefined || !RESPONSE_END_EVENTS.has(type)) continue;
      ended = true;
      const response = payload.response;
      if (isObject(response) && isObject(response.usage)) usage = response.usage;
    }
  };
  return {
    push: (bytes) => look(parser.push(decoder.decode(bytes, { stream: true }))),
    end: () => look([...parser.push(decoder.decode()), ...parser.flush()]),
    usage: () => usage,
    unreadable: () => unreadable,
    complete: () => ended,
    // The Responses API's own error event, which the openai SDK raises as an APIError.
    error: (message, code) => sseEvent('error', JSON.stringify({ type: 'error', code, message, param: null })),
  };
}

/** The tap for a pass-through route whose stream reports usage, or null. `path` is after /v1. */
export function passThroughTap(path: string): StreamTap | null {
  return path === '/responses' || path.startsWith('/responses/') ? responsesUsageTap() : null;
}

const IMAGE_ROUTES = new Set(['/images/generations', '/images/edits', '/images/variations']);

/**
 * Images an answer from the image routes holds, with the quality and size they are priced by:
 * the answer's own (gpt-image-1 reports what `auto` became), else the request's. The count is the
 * length of `data`, else the request's `n`. Null for other routes or when the count is unknown.
 */
export function imagesOf(path: string, response: unknown, request: Json | null): ImageCount | null {
  if (!IMAGE_ROUTES.has(path)) return null;
  const answer = isObject(response) ? response : {};
  const n = request?.n;
  const count = Array.isArray(answer.data) ? answer.data.length : typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : 0;
  if (count === 0) return null;
  const images: ImageCount = { count };
  const quality = typeof answer.quality === 'string' ? answer.quality : request?.quality;
  const size = typeof answer.size === 'string' ? answer.size : request?.size;
  if (typeof quality === 'string') images.quality = quality;
  if (typeof size === 'string') images.size = size;
  return images;
}
