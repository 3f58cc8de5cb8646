import { describe, expect, it } from 'vitest';
import { createSseParser, sseData, sseEvent, type SseEvent } from './sse.ts';

function parseAll(pieces: string[]): SseEvent[] {
  const p = createSseParser();
  const out: SseEvent[] = [];
  for (const piece of pieces) out.push(...p.push(piece));
  out.push(...p.flush());
  return out;
}

// Mixed on purpose: named events, \r\n and \n endings, a comment, multi-line data, an id, [DONE].
const SAMPLE =
  ': keep-alive\n\n' +
  'event: message_start\r\ndata: {"type":"message_start"}\r\n\r\n' +
  'data: {"a":1}\n\n' +
  'data: first line\ndata: second line\n\n' +
  'id: 42\nevent: custom\ndata:no-space\n\n' +
  'data: {"text":"naïve — 東京 🙂"}\n\n' +
  'data: [DONE]\n\n';

const SAMPLE_EVENTS: SseEvent[] = [
  { event: 'message_start', data: '{"type":"message_start"}' },
  { data: '{"a":1}' },
  { data: 'first line\nsecond line' },
  { event: 'custom', data: 'no-space', id: '42' },
  { data: '{"text":"naïve — 東京 🙂"}' },
  { data: '[DONE]' },
];

describe('createSseParser', () => {
  it('parses a whole stream in one push', () => {
    expect(parseAll([SAMPLE])).toEqual(SAMPLE_EVENTS);
  });

  it('gives the same events with the stream split at every offset', () => {
    for (let i = 0; i <= SAMPLE.length; i++) {
      expect(parseAll([SAMPLE.slice(0, i), SAMPLE.slice(i)]), `split at ${i}`).toEqual(SAMPLE_EVENTS);
    }
  });

  it('gives the same events with the stream split at every pair of offsets', () => {
    for (let i = 0; i <= SAMPLE.length; i += 3) {
      for (let j = i; j <= SAMPLE.length; j += 5) {
        expect(parseAll([SAMPLE.slice(0, i), SAMPLE.slice(i, j), SAMPLE.slice(j)])).toEqual(SAMPLE_EVENTS);
      }
    }
  });

  it('gives the same events fed one character at a time', () => {
    expect(parseAll([...SAMPLE])).toEqual(SAMPLE_EVENTS);
  });

  it('gives the same events from bytes split at every byte offset and decoded as a stream', () => {
    // What the gateway does with an upstream body: multi-byte characters get cut in half.
    const bytes = new TextEncoder().encode(SAMPLE);
    for (let i = 0; i <= bytes.length; i++) {
      const decoder = new TextDecoder();
      const pieces = [
        decoder.decode(bytes.subarray(0, i), { stream: true }),
        decoder.decode(bytes.subarray(i), { stream: true }),
        decoder.decode(),
      ];
      expect(parseAll(pieces), `byte split at ${i}`).toEqual(SAMPLE_EVENTS);
    }
  });

  it('handles a \\r\\n split between two chunks', () => {
    expect(parseAll(['data: x\r', '\n\r', '\n'])).toEqual([{ data: 'x' }]);
  });

  it('delivers a final event that has no blank line after it on flush', () => {
    const p = createSseParser();
    expect(p.push('data: {"a":1}\n\ndata: [DONE]')).toEqual([{ data: '{"a":1}' }]);
    expect(p.flush()).toEqual([{ data: '[DONE]' }]);
    expect(p.flush()).toEqual([]);
  });

  it('ignores comments, retry and unknown fields, and blank lines between events', () => {
    expect(parseAll([':comment\nretry: 100\nfoo: bar\n\n\n\ndata: ok\n\n'])).toEqual([{ data: 'ok' }]);
  });

  it('keeps an empty data line as an empty string and a field without a colon as empty', () => {
    expect(parseAll(['data:\n\n', 'data\n\n'])).toEqual([{ data: '' }, { data: '' }]);
  });

  it('keeps colons and leading spaces past the first inside data', () => {
    expect(parseAll(['data:  two spaces: and a colon\n\n'])).toEqual([{ data: ' two spaces: and a colon' }]);
  });
});

describe('sseData / sseEvent', () => {
  it('frames a payload', () => {
    expect(sseData('{"a":1}')).toBe('data: {"a":1}\n\n');
    expect(sseData('[DONE]')).toBe('data: [DONE]\n\n');
    expect(sseEvent('message_stop', '{"type":"message_stop"}')).toBe('event: message_stop\ndata: {"type":"message_stop"}\n\n');
  });

  it('splits a payload with newlines into data lines that parse back to the same text', () => {
    const framed = sseData('one\ntwo\r\nthree');
    expect(framed).toBe('data: one\ndata: two\ndata: three\n\n');
    expect(parseAll([framed])).toEqual([{ data: 'one\ntwo\nthree' }]);
    expect(parseAll([sseEvent('x', 'a\nb')])).toEqual([{ event: 'x', data: 'a\nb' }]);
  });
});
