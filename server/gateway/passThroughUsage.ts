// What pass-through answers (/v1/responses, /v1/images/…) say about their own size, read beside
// the forwarding and never instead of it: the bytes reach the client exactly as the upstream sent
// them, and a stream is watched as it goes, not held back.
import type { UsageUnits } from '../pricing/types.ts';
import { createSseParser, type SseEvent } from './sse.ts';
import { parseJson, type Json } from './stream.ts';

/** Watches a forwarded stream for what it reports; sees the same bytes the client gets. */
export interface StreamTap {
  push(bytes: Uint8Array): void;
  /** The upstream stream ended (cleanly or not). */
  end(): void;
  /** Usage as the stream reported it, or null when it never did. */
  usage(): Json | null;
}

export type ImageCount = NonNullable<UsageUnits['images']>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The Responses API's last events: each carries the whole response, `usage` included. */
const RESPONSE_END_EVENTS = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/** Usage of a Responses API stream, from its `response.completed` (or incomplete/failed) event. */
export function responsesUsageTap(): StreamTap {
  const parser = createSseParser();
  const decoder = new TextDecoder();
  let usage: Json | null = null;
  const look = (events: SseEvent[]) => {
    for (const e of events) {
      // Deltas are nearly all of a stream and are not parsed. A server that names no events
      // still has to mention usage for its event to matter.
      if (e.event !== undefined ? !RESPONSE_END_EVENTS.has(e.event) : !e.data.includes('"usage"')) continue;
      const response = parseJson(e.data)?.response;
      if (isObject(response) && isObject(response.usage)) usage = response.usage;
    }
  };
  return {
    push: (bytes) => look(parser.push(decoder.decode(bytes, { stream: true }))),
    end: () => look([...parser.push(decoder.decode()), ...parser.flush()]),
    usage: () => usage,
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
