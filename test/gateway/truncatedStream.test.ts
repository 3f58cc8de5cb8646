// How an OpenAI-format stream ends, as the official openai SDK sees it: an upstream that closes
// cleanly in the middle of an answer (no finish_reason, no [DONE]) is an error in the client and
// a failed request in the log, while servers that end with [DONE], or finish the answer and close
// without [DONE] (many LAN servers), still succeed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { startGateway, type GatewayFixture } from '../helpers/gateway.ts';
import { OPENAI_STREAM_CUT_MESSAGE } from '../../server/gateway/stream.ts';
import { preloadTokenizer } from '../../server/pricing/tokenCount.ts';

let g: GatewayFixture;
beforeAll(async () => {
  preloadTokenizer(); // these upstreams report no usage: the gateway counts tokens
  g = await startGateway();
  await g.addProvider({ slug: 'local-openai' });
});
afterAll(() => g.close());

const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) => ({
  data: {
    id: 'chatcmpl-t',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-4o',
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  },
});
const ANSWER = [chunk({ role: 'assistant', content: '' }), chunk({ content: 'Hello ' }), chunk({ content: 'wor' })];

async function streamChat(trace: string) {
  const stream = await g.openai({ headers: { 'x-portkey-trace-id': trace } }).chat.completions.create({
    model: '@local-openai/gpt-4o',
    messages: [{ role: 'user', content: 'say hello world' }],
    stream: true,
  });
  let text = '';
  const error = await (async () => {
    for await (const c of stream) text += c.choices[0]?.delta?.content ?? '';
  })().then(
    () => null,
    (e: unknown) => e,
  );
  return { text, error };
}

describe('an OpenAI-format stream', () => {
  it('closed mid-answer without finish_reason or [DONE]: the SDK throws and the log says failed', async () => {
    g.mock.next({ events: ANSWER });
    const { text, error } = await streamChat('truncated-stream');
    expect(text).toBe('Hello wor');
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as Error).message).toBe(OPENAI_STREAM_CUT_MESSAGE);

    const log = await g.logByTrace('truncated-stream');
    expect(log.metrics).toMatchObject({
      is_success: false,
      response_status_code: 502,
      stream_mode: true,
      error_message: OPENAI_STREAM_CUT_MESSAGE,
    });
  });

  it.each([
    { ending: 'a finish_reason and [DONE]', trace: 'end-finish-done', events: [...ANSWER, chunk({}, 'stop'), { data: '[DONE]' }] },
    {
      ending: 'a finish_reason, then a close without [DONE] (as many LAN servers do)',
      trace: 'end-finish',
      events: [...ANSWER, chunk({}, 'stop')],
    },
    { ending: '[DONE] alone', trace: 'end-done', events: [...ANSWER, { data: '[DONE]' }] },
  ])('ending with $ending: the answer is whole and the log says success', async ({ trace, events }) => {
    g.mock.next({ events });
    const { text, error } = await streamChat(trace);
    expect(error).toBeNull();
    expect(text).toBe('Hello wor');
    const log = await g.logByTrace(trace);
    expect(log.metrics).toMatchObject({ is_success: true, response_status_code: 200, error_message: null });
  });
});
