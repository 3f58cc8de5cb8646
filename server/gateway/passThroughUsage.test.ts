import { describe, expect, it } from 'vitest';
import { imagesOf, passThroughTap, responsesUsageTap } from './passThroughUsage.ts';

describe('imagesOf', () => {
  it.each([
    ['counts `data`', '/images/generations', { data: [{}, {}, {}] }, { n: 1 }, { count: 3 }],
    ['falls back to the request n', '/images/generations', { created: 1 }, { n: 2, size: '512x512' }, { count: 2, size: '512x512' }],
    [
      'prefers what the answer reports',
      '/images/edits',
      { data: [{}], quality: 'low', size: '1024x1024' },
      { quality: 'auto', size: 'auto' },
      { count: 1, quality: 'low', size: '1024x1024' },
    ],
    [
      'takes quality and size from the request',
      '/images/variations',
      { data: [{}] },
      { quality: 'hd', size: '1792x1024' },
      { count: 1, quality: 'hd', size: '1792x1024' },
    ],
    ['no count known', '/images/generations', { created: 1 }, null, null],
    ['not an image route', '/responses', { data: [{}] }, { n: 1 }, null],
    ['an odd n', '/images/generations', {}, { n: '2' }, null],
  ])('%s', (_, path, response, request, expected) => expect(imagesOf(path, response, request)).toEqual(expected));
});

describe('responsesUsageTap', () => {
  const usage = { input_tokens: 3, output_tokens: 2 };
  const bytes = (s: string) => new TextEncoder().encode(s);

  it('reads response.completed, split anywhere, and ignores the usage: null of earlier events', () => {
    const text =
      `event: response.created\ndata: {"type":"response.created","response":{"usage":null}}\n\n` +
      `event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":"\\"usage\\""}\n\n` +
      `event: response.completed\ndata: ${JSON.stringify({ type: 'response.completed', response: { usage } })}`;
    const tap = responsesUsageTap();
    for (let i = 0; i < text.length; i += 7) tap.push(bytes(text.slice(i, i + 7)));
    expect(tap.usage()).toBeNull();
    tap.end(); // the last event had no blank line after it
    expect(tap.usage()).toEqual(usage);
  });

  it('reads servers that name no events', () => {
    const tap = responsesUsageTap();
    tap.push(bytes(`data: ${JSON.stringify({ type: 'response.incomplete', response: { usage } })}\n\n`));
    expect(tap.usage()).toEqual(usage);
  });

  it('notes the first event that is not JSON, and whether the stream reached its end', () => {
    const tap = responsesUsageTap();
    tap.push(bytes('event: response.created\ndata: {"type":"response.created"}\n\n'));
    expect(tap.unreadable()).toBeNull();
    tap.push(bytes('event: response.output_text.delta\ndata: {not json\n\ndata: also bad\n\n'));
    expect(tap.unreadable()).toBe('{not json');
    tap.end();
    expect(tap.complete()).toBe(false);

    for (const last of [
      'event: response.failed\ndata: {"type":"response.failed"}',
      'event: error\ndata: {"type":"error"}',
      'data: [DONE]',
    ]) {
      const ended = responsesUsageTap();
      ended.push(bytes(`data: {"type":"response.created"}\n\n${last}\n\n`));
      ended.end();
      expect(ended.complete(), last).toBe(true);
      expect(ended.unreadable()).toBeNull();
    }
  });

  it('writes its error in the Responses API format', () => {
    expect(responsesUsageTap().error('it broke', 'upstream_cut_off')).toBe(
      'event: error\ndata: {"type":"error","code":"upstream_cut_off","message":"it broke","param":null}\n\n',
    );
  });

  it('is only set up for the Responses routes', () => {
    expect(passThroughTap('/responses')).not.toBeNull();
    expect(passThroughTap('/responses/resp_1')).not.toBeNull();
    expect(passThroughTap('/audio/speech')).toBeNull();
  });
});
