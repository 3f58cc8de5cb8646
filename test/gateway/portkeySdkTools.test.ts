// The portkey-ai SDK (v3) against the running gateway, beyond portkey-sdk.test.ts: tool calls
// (plain and streamed) come back as the SDK's parsed objects, and a client that stops reading a
// stream makes the gateway close its upstream request.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayFixture } from '../helpers/gateway.ts';
import { preloadTokenizer } from '../../server/pricing/tokenCount.ts';
import { chatToolCallAnswer } from '../helpers/llmWire.ts';

/** Polls for the request's log row: a stream the client left is logged after the client is gone. */
async function logOf(traceId: string): Promise<Awaited<ReturnType<GatewayFixture['logByTrace']>>> {
  const end = Date.now() + 5000;
  for (;;) {
    try {
      return await g.logByTrace(traceId);
    } catch (err) {
      if (Date.now() > end) throw err;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

let g: GatewayFixture;
beforeAll(async () => {
  // A cut stream is counted with the tokenizer, whose ranks load synchronously on first use; load
  // them up front (as server/main.ts does) so that stall does not land inside a test.
  preloadTokenizer();
  g = await startGateway();
  await g.addProvider({ slug: 'local-openai' });
});
afterAll(async () => {
  await g.close();
});

const tools = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Weather for a city',
      parameters: {
        type: 'object',
        properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } },
        required: ['city'],
      },
    },
  },
];

interface ToolCall {
  id: string;
  type: string;
  function: { name: string; arguments: string };
}

describe('tools through the portkey-ai SDK', () => {
  it('a tool call comes back parsed, and the tool result goes up unchanged on the next turn', async () => {
    g.mock.next({ body: chatToolCallAnswer('call_oslo', '{"city":"Oslo","unit":"c"}') });
    const portkey = g.portkey({ provider: '@local-openai' });
    const question = { role: 'user', content: 'weather in Oslo?' };
    const res = await portkey.chat.completions.create({ model: 'gpt-4o', messages: [question], tools, tool_choice: 'auto' });
    const choice = res.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    const call = choice.message!.tool_calls![0] as ToolCall;
    expect(call).toMatchObject({ id: 'call_oslo', type: 'function', function: { name: 'get_weather' } });
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Oslo', unit: 'c' });
    expect((g.mock.requests.at(-1)!.body as { tools: unknown; tool_choice: unknown }).tools).toEqual(tools);
    expect((g.mock.requests.at(-1)!.body as { tool_choice: unknown }).tool_choice).toBe('auto');

    const followUp = [question, choice.message!, { role: 'tool', tool_call_id: 'call_oslo', content: '{"temp":4}' }];
    const next = await portkey.chat.completions.create({ model: 'gpt-4o', messages: followUp, tools });
    expect(next.choices[0]!.message!.content).toBe('echo: weather in Oslo?');
    const sent = (g.mock.requests.at(-1)!.body as { messages: unknown[] }).messages;
    expect(sent).toEqual([
      question,
      { role: 'assistant', content: null, tool_calls: [call] },
      { role: 'tool', tool_call_id: 'call_oslo', content: '{"temp":4}' },
    ]);
  });

  it('a streamed tool call arrives in pieces the SDK yields in order, and they join into the arguments', async () => {
    const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
      id: 'chatcmpl-stream-tools',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'gpt-4o',
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
    g.mock.next({
      events: [
        {
          data: chunk({
            role: 'assistant',
            content: null,
            tool_calls: [{ index: 0, id: 'call_b', type: 'function', function: { name: 'get_weather', arguments: '' } }],
          }),
        },
        { data: chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }) },
        { data: chunk({ tool_calls: [{ index: 0, function: { arguments: '"Bergen"}' } }] }) },
        { data: chunk({}, 'tool_calls') },
        // Asked for by the gateway (stream_options.include_usage), not by the client: it is logged, not sent.
        { data: { ...chunk({}), choices: [], usage: { prompt_tokens: 12, completion_tokens: 9, total_tokens: 21 } } },
        { data: '[DONE]' },
      ],
    });
    const traceId = `trace-${Date.now()}-pk-stream-tools`;
    const stream = await g
      .portkey({ provider: '@local-openai', traceID: traceId })
      .chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'weather in Bergen?' }], tools, stream: true });
    let name = '';
    let args = '';
    let finish: string | undefined;
    for await (const c of stream) {
      expect(c.choices).toHaveLength(1);
      const choice = c.choices[0];
      for (const t of (choice?.delta?.tool_calls ?? []) as Partial<ToolCall>[]) {
        name += t.function?.name ?? '';
        args += t.function?.arguments ?? '';
      }
      finish = choice?.finish_reason ?? finish;
    }
    expect(name).toBe('get_weather');
    expect(JSON.parse(args)).toEqual({ city: 'Bergen' });
    expect(finish).toBe('tool_calls');
    const log = await g.logByTrace(traceId);
    expect(log.metrics).toMatchObject({ stream_mode: true, is_success: true, req_units: 12, res_units: 9 });
  });
});

describe('a portkey-ai stream the client stops reading', () => {
  it('closes the upstream request, and the log says 499', async () => {
    // An upstream of this file's own, so it can tell when its request is closed under it.
    let upstreamClosed!: () => void;
    const closed = new Promise<void>((resolve) => (upstreamClosed = resolve));
    let finished = false;
    const server = http.createServer(async (req, res) => {
      for await (const piece of req) void piece;
      res.on('close', () => {
        if (!res.writableFinished) upstreamClosed();
      });
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      // Far more than the client will read; each piece waits a moment so the stream stays open.
      for (let i = 0; i < 1000 && !res.destroyed; i++) {
        const data = {
          id: 'c',
          object: 'chat.completion.chunk',
          created: 1,
          model: 'gpt-4o',
          choices: [{ index: 0, delta: { content: `w${i} ` }, finish_reason: null }],
        };
        res.write(`data: ${JSON.stringify(data)}\n\n`);
        await new Promise((r) => setTimeout(r, 20));
      }
      if (!res.destroyed) {
        finished = true;
        res.end('data: [DONE]\n\n');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await g.addProvider({ slug: 'endless', customHost: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` });
      const traceId = `trace-${Date.now()}-pk-gone`;
      const stream = await g
        .portkey({ provider: '@endless', traceID: traceId })
        .chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'talk forever' }], stream: true });
      const seen: string[] = [];
      for await (const c of stream) {
        const piece = c.choices[0]?.delta?.content;
        if (typeof piece === 'string' && piece) seen.push(piece);
        // Leaving the loop is how an SDK user aborts: it cancels the response body.
        if (seen.length === 2) break;
      }
      expect(seen).toEqual(['w0 ', 'w1 ']);

      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        closed,
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('the upstream request was never closed')), 5000);
        }),
      ]).finally(() => clearTimeout(timer));
      expect(finished).toBe(false);
      const log = await logOf(traceId);
      expect(log.metrics).toMatchObject({ response_status_code: 499, stream_mode: true, is_success: false });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
