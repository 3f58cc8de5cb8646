// Upstream answers that are not what they claim, as the official SDKs see them and as the log
// records them: HTML or broken JSON on a JSON endpoint, a stream nobody asked for (and JSON where a
// stream was asked for), a body cut short, and stream events that are not JSON, for every client
// format (OpenAI chat, Anthropic messages, both translations, and pass-through streams).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { startGateway, type GatewayFixture } from '../helpers/gateway.ts';
import { chatChunk, claudeEvents } from '../helpers/llmWire.ts';
import { preloadTokenizer } from '../../server/pricing/tokenCount.ts';

const OPENAI_KEY = 'sk-mock-secret-0001';
const messages = [{ role: 'user' as const, content: 'hello' }];

let g: GatewayFixture;
let host: string;
beforeAll(async () => {
  preloadTokenizer(); // cut streams report no usage: the gateway counts tokens
  g = await startGateway();
  host = g.mock.url;
  await g.addProvider({ slug: 'local-openai', key: OPENAI_KEY });
  await g.addProvider({ slug: 'local-openai-2', key: OPENAI_KEY });
  await g.addProvider({ slug: 'claude', aiProvider: 'anthropic', key: 'sk-ant-mock-0001' });
});
afterAll(() => g.close());

let traces = 0;
const newTrace = () => `trace-answers-${Date.now()}-${++traces}`;

interface ErrorEnvelope {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/** A login page, as a reverse proxy or captive portal in front of a LAN server answers. */
const LOGIN_PAGE =
  '<!DOCTYPE html>\n<html>\n<head><title>Sign in</title></head>\n<body>\u0007\u001b[31m<form action="/login">' +
  'x'.repeat(5000) +
  '</form></body></html>';

/** The message inside an Anthropic SDK error (its own message is the whole JSON body). */
const anthropicMessage = (err: unknown) =>
  ((err as InstanceType<typeof Anthropic.APIError>).error as { error?: { message?: string } })?.error?.message;

async function logOf(trace: string) {
  return (await g.logByTrace(trace)).metrics;
}

describe('a JSON endpoint whose upstream answer is not JSON', () => {
  it('200 text/html: the openai SDK gets a 502 that quotes the page (bounded, no control characters) and names the upstream; the log says 502 with that message', async () => {
    const trace = newTrace();
    g.mock.next({ status: 200, body: LOGIN_PAGE });
    const err = await g
      .openai({ headers: { 'x-portkey-trace-id': trace } })
      .chat.completions.create({ model: '@local-openai/gpt-4o', messages })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    const apiError = err as InstanceType<typeof OpenAI.APIError>;
    expect(apiError.status).toBe(502);
    const message = apiError.message.replace(/^502 /, '');
    expect(message).toContain(`@local-openai at ${host}`);
    expect(message).toContain('text/html');
    expect(message).toContain('"<!DOCTYPE html> <html> <head><title>Sign in</title></head> <body>');
    // eslint-disable-next-line no-control-regex
    expect(message).not.toMatch(/[\u0000-\u001f]/);
    expect(message.length).toBeLessThan(400);
    expect(message).not.toContain(OPENAI_KEY);
    expect(apiError.type).toBe('upstream_error');

    const log = await logOf(trace);
    expect(log).toMatchObject({ response_status_code: 502, is_success: false, error_message: message });
  });

  it('invalid JSON labelled application/json: a 502 quoting what came back', async () => {
    const trace = newTrace();
    g.mock.next({ status: 200, body: '{"id":"chatcmpl-1","choices":[{"message":', headers: { 'content-type': 'application/json' } });
    const res = await g.post('/v1/chat/completions', { model: '@local-openai/gpt-4o', messages }, { 'x-portkey-trace-id': trace });
    expect(res.status).toBe(502);
    const body = (await res.json()) as ErrorEnvelope;
    expect(body.error.message).toContain(`@local-openai at ${host}`);
    expect(body.error.message).toContain('"{"id":"chatcmpl-1","choices":[{"message":"');
    expect(await logOf(trace)).toMatchObject({ response_status_code: 502, is_success: false, error_message: body.error.message });
  });

  it('JSON that is not an object (a bare string) is not a chat completion either', async () => {
    g.mock.next({ status: 200, body: '"ok"', headers: { 'content-type': 'application/json' } });
    const res = await g.post('/v1/chat/completions', { model: '@local-openai/gpt-4o', messages });
    expect(res.status).toBe(502);
    expect(((await res.json()) as ErrorEnvelope).error.message).toContain('"\\"ok\\""'.replace(/\\/g, ''));
  });

  it('a JSON answer labelled text/plain (as some LAN servers send) is still a good answer', async () => {
    const answer = {
      id: 'chatcmpl-plain',
      object: 'chat.completion',
      created: 1,
      model: 'gpt-4o',
      choices: [{ index: 0, message: { role: 'assistant', content: 'plain but fine' }, finish_reason: 'stop', logprobs: null }],
    };
    g.mock.next({ status: 200, body: JSON.stringify(answer), headers: { 'content-type': 'text/plain' } });
    const res = await g.openai().chat.completions.create({ model: '@local-openai/gpt-4o', messages });
    expect(res.choices[0]!.message.content).toBe('plain but fine');
  });

  it('an upstream that echoes its key in the page does not get it quoted', async () => {
    g.mock.next({ status: 200, body: `<p>bad key ${OPENAI_KEY}</p>` });
    const res = await g.post('/v1/chat/completions', { model: '@local-openai/gpt-4o', messages });
    expect(res.status).toBe(502);
    const text = await res.text();
    expect(text).not.toContain(OPENAI_KEY);
    expect(text).toContain('bad key ********');
  });

  it('@anthropic-ai/sdk on /v1/messages gets the 502 as an Anthropic error (an Anthropic upstream and a translated one)', async () => {
    for (const model of ['@claude/claude-3-5-sonnet-20241022', '@local-openai/gpt-4o']) {
      const trace = newTrace();
      g.mock.next({ status: 200, body: '<html><body>Gateway Timeout</body></html>' });
      const err = await new Anthropic({ baseURL: g.url, apiKey: g.credentials.workspace_api_key, maxRetries: 0 }).messages
        .create({ model, max_tokens: 16, messages }, { headers: { 'x-portkey-trace-id': trace } })
        .catch((e: unknown) => e);
      expect(err, model).toBeInstanceOf(Anthropic.APIError);
      const apiError = err as InstanceType<typeof Anthropic.APIError>;
      expect(apiError.status).toBe(502);
      expect(apiError.error).toMatchObject({ type: 'error', error: { type: 'api_error' } });
      expect(anthropicMessage(apiError)).toBe(
        `@claude at ${host} answered 200 with a body that is not JSON (text/html): "<html><body>Gateway Timeout</body></html>"`.replace(
          '@claude',
          model.startsWith('@claude') ? '@claude' : '@local-openai',
        ),
      );
      expect(await logOf(trace)).toMatchObject({ response_status_code: 502, is_success: false });
    }
  });

  it('the portkey-ai SDK gets the 502 with the quote', async () => {
    const before = g.mock.requests.length;
    g.mock.next({ status: 200, body: '<html>maintenance</html>' });
    const err = await g
      .portkey({ provider: '@local-openai' })
      .chat.completions.create({ model: 'gpt-4o', messages })
      .catch((e: unknown) => e);
    expect((err as { status?: number }).status).toBe(502);
    expect((err as Error).message).toContain('<html>maintenance</html>');
    // A 502 the gateway made is not retried by the SDK.
    expect(g.mock.requests.length).toBe(before + 1);
  });

  it('embeddings get the same 502', async () => {
    g.mock.next({ status: 200, body: '<html>nope</html>' });
    const err = await g
      .openai()
      .embeddings.create({ model: '@local-openai/text-embedding-3-small', input: 'x' })
      .catch((e: unknown) => e);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
  });

  it('counts as a failure for routing: a fallback config moves on to its next target', async () => {
    g.mock.next({ status: 200, body: '<html>captive portal</html>' });
    const config = { strategy: { mode: 'fallback' }, targets: [{ provider: '@local-openai' }, { provider: '@local-openai-2' }] };
    const res = await g.post('/v1/chat/completions', { model: 'gpt-4o', messages }, { 'x-portkey-config': JSON.stringify(config) });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[1]');
    expect(((await res.json()) as { choices: { message: { content: string } }[] }).choices[0]!.message.content).toBe('echo: hello');
  });

  it('a body cut short (the upstream closes mid-answer): a 502 that says so, logged', async () => {
    const trace = newTrace();
    g.mock.next({
      body: {
        id: 'chatcmpl-cut',
        object: 'chat.completion',
        choices: [{ index: 0, message: { role: 'assistant', content: 'long answer' } }],
      },
      cutBodyAt: 30,
    });
    const res = await g.post('/v1/chat/completions', { model: '@local-openai/gpt-4o', messages }, { 'x-portkey-trace-id': trace });
    expect(res.status).toBe(502);
    const body = (await res.json()) as ErrorEnvelope;
    expect(body.error.message).toContain(`@local-openai at ${host}`);
    expect(body.error.message).toMatch(/closed the connection before its answer was complete/);
    expect(await logOf(trace)).toMatchObject({ response_status_code: 502, is_success: false, error_message: body.error.message });
  });
});

describe('a stream where none was asked for, and the reverse', () => {
  it('text/event-stream for a non-stream request: a 502 naming what came back', async () => {
    const trace = newTrace();
    g.mock.next({
      status: 200,
      body: `data: ${JSON.stringify(chatChunk({ content: 'hi' }).data)}\n\n`,
      headers: { 'content-type': 'text/event-stream' },
    });
    const err = await g
      .openai({ headers: { 'x-portkey-trace-id': trace } })
      .chat.completions.create({ model: '@local-openai/gpt-4o', messages })
      .catch((e: unknown) => e);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
    expect((err as Error).message).toMatch(/event stream \(text\/event-stream\) to a request that did not ask for one: "data: \{/);
    expect(await logOf(trace)).toMatchObject({ response_status_code: 502, is_success: false, stream_mode: false });
  });

  it('a JSON answer to a stream request: the SDK gets a 502 instead of an empty stream', async () => {
    const trace = newTrace();
    g.mock.next({
      status: 200,
      body: { id: 'chatcmpl-x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'whole' } }] },
    });
    const err = await g
      .openai({ headers: { 'x-portkey-trace-id': trace } })
      .chat.completions.create({ model: '@local-openai/gpt-4o', messages, stream: true })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
    expect((err as Error).message).toMatch(
      /answered a streaming request with application\/json instead of an event stream: "\{"id":"chatcmpl-x"/,
    );
    expect(await logOf(trace)).toMatchObject({ response_status_code: 502, is_success: false, stream_mode: true });
  });
});

describe('a stream the upstream breaks off', () => {
  it('ends with an error event saying the upstream closed mid-answer (not that it could not be reached), logged as 502', async () => {
    const trace = newTrace();
    g.mock.next({ chunks: ['one ', 'two ', 'three'], dieAfterChunks: 1 });
    const stream = await g
      .openai({ headers: { 'x-portkey-trace-id': trace } })
      .chat.completions.create({ model: '@local-openai/gpt-4o', messages, stream: true });
    let text = '';
    const err = await (async () => {
      for await (const c of stream) text += c.choices[0]?.delta?.content ?? '';
    })().catch((e: unknown) => e);
    expect(text).toBe('one ');
    const message = `@local-openai at ${host} closed the connection before its answer was complete (the connection closed unexpectedly)`;
    expect((err as Error).message).toBe(message);
    expect(await logOf(trace)).toMatchObject({ response_status_code: 502, is_success: false, error_message: message });
  });
});

describe('a stream event that is not JSON ends the stream with an error event', () => {
  const BAD = '{not json';

  it('OpenAI chat (passed through): the openai SDK raises an APIError quoting the event, the log says 502', async () => {
    const trace = newTrace();
    g.mock.next({
      events: [chatChunk({ role: 'assistant', content: 'Hel' }), { data: BAD }, chatChunk({ content: 'lo' }), chatChunk({}, 'stop')],
    });
    const stream = await g
      .openai({ headers: { 'x-portkey-trace-id': trace } })
      .chat.completions.create({ model: '@local-openai/gpt-4o', messages, stream: true });
    let text = '';
    const err = await (async () => {
      for await (const c of stream) text += c.choices[0]?.delta?.content ?? '';
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as Error).message).toBe(`@local-openai at ${host} sent a stream event that is not JSON: "${BAD}"`);
    // What came before the bad event reached the client; nothing after it did.
    expect(text).toBe('Hel');
    expect(await logOf(trace)).toMatchObject({
      response_status_code: 502,
      is_success: false,
      stream_mode: true,
      error_message: `@local-openai at ${host} sent a stream event that is not JSON: "${BAD}"`,
    });
  });

  it('through the portkey-ai SDK: the stream ends with the error chunk (this SDK hands error payloads over rather than throwing)', async () => {
    g.mock.next({ events: [chatChunk({ role: 'assistant', content: 'Hel' }), { data: BAD }, chatChunk({}, 'stop')] });
    const stream = await g.portkey({ provider: '@local-openai' }).chat.completions.create({ model: 'gpt-4o', messages, stream: true });
    const chunks: unknown[] = [];
    for await (const c of stream) chunks.push(c);
    expect(chunks).toHaveLength(2);
    expect(chunks.at(-1)).toMatchObject({
      error: { message: `@local-openai at ${host} sent a stream event that is not JSON: "${BAD}"`, type: 'upstream_error' },
    });
  });

  it('Anthropic messages (passed through): @anthropic-ai/sdk raises an api_error, the log says 502', async () => {
    const trace = newTrace();
    const events = claudeEvents([{ text: ['Hel', 'lo'] }], 'end_turn', { input_tokens: 3, output_tokens: 2 });
    g.mock.next({ events: [...events.slice(0, 4), { event: 'content_block_delta', data: BAD }, ...events.slice(4)] });
    const texts: string[] = [];
    const stream = new Anthropic({ baseURL: g.url, apiKey: g.credentials.workspace_api_key, maxRetries: 0 }).messages
      .stream({ model: '@claude/claude-3-5-sonnet-20241022', max_tokens: 16, messages }, { headers: { 'x-portkey-trace-id': trace } })
      .on('text', (t) => texts.push(t));
    const err = await stream.finalMessage().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.APIError);
    expect((err as InstanceType<typeof Anthropic.APIError>).type).toBe('api_error');
    expect(anthropicMessage(err)).toBe(`@claude at ${host} sent a stream event that is not JSON: "${BAD}"`);
    expect(texts).toEqual(['Hel']);
    expect(await logOf(trace)).toMatchObject({ response_status_code: 502, is_success: false, stream_mode: true });
  });

  it('translated, Anthropic upstream to an openai client', async () => {
    const trace = newTrace();
    const events = claudeEvents([{ text: ['Hel', 'lo'] }], 'end_turn', { input_tokens: 3, output_tokens: 2 });
    g.mock.next({ events: [...events.slice(0, 4), { event: 'content_block_delta', data: BAD }, ...events.slice(4)] });
    const stream = await g
      .openai({ headers: { 'x-portkey-trace-id': trace } })
      .chat.completions.create({ model: '@claude/claude-3-5-sonnet-20241022', messages, stream: true });
    let text = '';
    const err = await (async () => {
      for await (const c of stream) text += c.choices[0]?.delta?.content ?? '';
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as Error).message).toBe(`@claude at ${host} sent a stream event that is not JSON: "${BAD}"`);
    expect(text).toBe('Hel');
    expect(await logOf(trace)).toMatchObject({ response_status_code: 502, is_success: false, stream_mode: true });
  });

  it('translated, OpenAI upstream to an Anthropic client', async () => {
    const trace = newTrace();
    g.mock.next({ events: [chatChunk({ role: 'assistant', content: 'Hel' }), { data: BAD }, chatChunk({}, 'stop')] });
    const texts: string[] = [];
    const stream = new Anthropic({ baseURL: g.url, apiKey: g.credentials.workspace_api_key, maxRetries: 0 }).messages
      .stream({ model: '@local-openai/gpt-4o', max_tokens: 16, messages }, { headers: { 'x-portkey-trace-id': trace } })
      .on('text', (t) => texts.push(t));
    const err = await stream.finalMessage().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.APIError);
    expect(anthropicMessage(err)).toBe(`@local-openai at ${host} sent a stream event that is not JSON: "${BAD}"`);
    expect(texts).toEqual(['Hel']);
    expect(await logOf(trace)).toMatchObject({ response_status_code: 502, is_success: false, stream_mode: true });
  });

  it('JSON of the wrong shape (a message_start with no message) is reported the same way, not as an unreachable upstream', async () => {
    const trace = newTrace();
    g.mock.next({ events: [{ event: 'message_start', data: { type: 'message_start' } }] });
    const stream = await g
      .openai({ headers: { 'x-portkey-trace-id': trace } })
      .chat.completions.create({ model: '@claude/claude-3-5-sonnet-20241022', messages, stream: true });
    const err = await (async () => {
      for await (const _ of stream) void _;
    })().catch((e: unknown) => e);
    expect((err as Error).message).toBe(`@claude at ${host} sent a stream event it could not read: "{"type":"message_start"}"`);
    expect(await logOf(trace)).toMatchObject({ response_status_code: 502, is_success: false });
  });

  it('/v1/responses (pass-through): the bytes go out as they came, then an error event ends the stream, and the log says 502', async () => {
    const trace = newTrace();
    const created = { type: 'response.created', response: { id: 'resp_1', status: 'in_progress' } };
    g.mock.next({
      // Apart, so the bad event is not in the same network read as the one after it (a read is
      // forwarded whole, then checked).
      chunkDelayMs: 20,
      events: [
        { event: 'response.created', data: created },
        { event: 'response.output_text.delta', data: BAD },
        { event: 'response.completed', data: { type: 'response.completed', response: { id: 'resp_1', usage: { input_tokens: 1 } } } },
      ],
    });
    const res = await g.post(
      '/v1/responses',
      { model: '@local-openai/gpt-4o', input: 'hi', stream: true },
      { 'x-portkey-trace-id': trace },
    );
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain(`event: response.output_text.delta\ndata: ${BAD}\n\n`);
    expect(text).not.toContain('response.completed');
    expect(text).toMatch(
      /event: error\ndata: \{"type":"error","code":"invalid_upstream_response","message":"@local-openai at [^"]+ sent a stream event that is not JSON: \\"\{not json\\"","param":null/,
    );
    expect(await logOf(trace)).toMatchObject({ response_status_code: 502, is_success: false, stream_mode: true });
  });

  it('/v1/responses closed before its last event: an error event ends the stream and the log says 502', async () => {
    const trace = newTrace();
    const created = { type: 'response.created', response: { id: 'resp_2', status: 'in_progress' } };
    g.mock.next({ events: [{ event: 'response.created', data: created }] });
    const res = await g.post(
      '/v1/responses',
      { model: '@local-openai/gpt-4o', input: 'hi', stream: true },
      { 'x-portkey-trace-id': trace },
    );
    const text = await res.text();
    const message = `@local-openai at ${host} closed the stream before the response was complete.`;
    expect(text).toBe(
      `event: response.created\ndata: ${JSON.stringify(created)}\n\n` +
        `event: error\ndata: ${JSON.stringify({ type: 'error', code: 'upstream_cut_off', message, param: null })}\n\n`,
    );
    expect(await logOf(trace)).toMatchObject({ response_status_code: 502, is_success: false, error_message: message });
  });

  it('other pass-through streams (shape unknown to the gateway) are forwarded byte for byte, unchecked', async () => {
    const trace = newTrace();
    g.mock.next({ rawChunks: ['data: {not json\n\n', 'data: plain text\n\n'] });
    const res = await g.post(
      '/v1/audio/speech',
      { stream: true, model: '@local-openai/tts-1', input: 'hi' },
      { 'x-portkey-trace-id': trace },
    );
    expect(await res.text()).toBe('data: {not json\n\ndata: plain text\n\n');
    expect(await logOf(trace)).toMatchObject({ response_status_code: 200, is_success: true });
  });
});
