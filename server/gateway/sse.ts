// Server-sent events: an incremental parser for upstream streams and the two serialisers the
// gateway writes with. Text in, text out; byte decoding (TextDecoder with stream: true) is the caller's.

export interface SseEvent {
  event?: string;
  data: string;
  id?: string;
}

/**
 * Thrown for an upstream event the gateway cannot read: its data is not JSON (`notJson`), or it
 * is JSON of a shape the event's reader could not follow. The stream ends there with an error.
 */
export class UnreadableEvent extends Error {
  constructor(
    readonly data: string,
    readonly notJson: boolean,
  ) {
    super(notJson ? 'stream event is not JSON' : 'stream event could not be read');
  }
}

export interface SseParser {
  /** Feeds the next piece of the stream; returns the events it completed. */
  push(text: string): SseEvent[];
  /** End of stream: completes a trailing event that had no blank line after it. */
  flush(): SseEvent[];
}

/**
 * Follows the WHATWG event-stream rules for `\n` and `\r\n` line endings. A lone `\r` as a line
 * ending is not supported: no LLM upstream sends it, and honouring it would mean holding back every
 * chunk that ends in `\r`. Unlike the spec, a final event without a trailing blank line is delivered
 * on flush(), because some upstreams close right after `data: [DONE]`.
 */
export function createSseParser(): SseParser {
  let pending = '';
  let event: string | undefined;
  let id: string | undefined;
  let data: string[] = [];

  function dispatch(out: SseEvent[]) {
    if (data.length === 0 && event === undefined) return;
    const ev: SseEvent = { data: data.length === 1 ? (data[0] as string) : data.join('\n') };
    if (event !== undefined) ev.event = event;
    if (id !== undefined) ev.id = id;
    out.push(ev);
    event = undefined;
    data = [];
    // `id` persists across events per the spec (last event id), but we report it only on the
    // event that carried it, which is what a proxy needs.
    id = undefined;
  }

  function line(raw: string, out: SseEvent[]) {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text === '') return dispatch(out);
    // Fast path: nearly every line of an LLM stream is `data: {...}`.
    if (text.startsWith('data: ')) {
      data.push(text.slice(6));
      return;
    }
    if (text.charCodeAt(0) === 58 /* ':' */) return; // comment / keep-alive
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.charCodeAt(0) === 32 /* ' ' */) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id' && !value.includes('\0')) id = value;
    // `retry` and unknown fields are ignored, as the spec says.
  }

  return {
    push(text) {
      const out: SseEvent[] = [];
      const buf = pending === '' ? text : pending + text;
      let start = 0;
      let nl = buf.indexOf('\n', start);
      while (nl !== -1) {
        line(buf.slice(start, nl), out);
        start = nl + 1;
        nl = buf.indexOf('\n', start);
      }
      pending = start === 0 ? buf : buf.slice(start);
      return out;
    },
    flush() {
      const out: SseEvent[] = [];
      if (pending !== '') line(pending, out);
      pending = '';
      dispatch(out);
      return out;
    },
  };
}

/** `data: <payload>\n\n`. A payload with newlines becomes several data lines, as the format requires. */
export function sseData(payload: string): string {
  return `data: ${dataLines(payload)}\n\n`;
}

/** `event: <name>\ndata: <payload>\n\n` (Anthropic-style named events). */
export function sseEvent(event: string, payload: string): string {
  return `event: ${event}\ndata: ${dataLines(payload)}\n\n`;
}

function dataLines(payload: string): string {
  // JSON.stringify never emits a raw newline, so this check is the whole cost on the hot path.
  if (!payload.includes('\n') && !payload.includes('\r')) return payload;
  return payload.split(/\r\n|\r|\n/).join('\ndata: ');
}
