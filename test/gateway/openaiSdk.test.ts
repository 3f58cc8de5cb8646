// The gateway through the official openai SDK (v6), against a mock upstream on loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { startGateway, type GatewayFixture } from '../helpers/gateway.ts';
import { chatToolCallAnswer } from '../helpers/llmWire.ts';

let g: GatewayFixture;
beforeAll(async () => {
  g = await startGateway();
  await g.addProvider({ slug: 'local-openai', models: ['gpt-4o', 'text-embedding-3-small'] });
});
afterAll(async () => {
  await g.close();
});

describe('chat completions', () => {
  it('answers through @slug/model, with the provider key decrypted for the upstream', async () => {
    const { data: completion, response } = await g
      .openai()
      .chat.completions.create({ model: '@local-openai/gpt-4o', messages: [{ role: 'user', content: 'hello there' }] })
      .withResponse();
    expect(completion.choices[0]!.message.content).toBe('echo: hello there');
    expect(completion.usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 });
    expect(response.headers.get('x-portkey-trace-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('x-portkey-provider')).toBe('openai');
    expect(response.headers.get('x-portkey-cache-status')).toBe('DISABLED');
    expect(response.headers.get('x-portkey-retry-attempt-count')).toBe('0');

    const upstream = g.mock.requests.at(-1)!;
    expect(upstream.path).toBe('/v1/chat/completions');
    expect(upstream.headers.authorization).toBe('Bearer sk-mock-secret-0001');
    expect((upstream.body as { model: string }).model).toBe('gpt-4o');
    // The gateway key never reaches the upstream.
    expect(JSON.stringify(upstream.headers)).not.toContain(g.credentials.workspace_api_key);
  });

  it('passes unknown fields through and does not clamp numbers', async () => {
    await g.openai().chat.completions.create({
      model: '@local-openai/my-local-model',
      messages: [{ role: 'user', content: 'x' }],
      temperature: 5,
      // @ts-expect-error: a field the SDK does not know, as vLLM users send
      chat_template_kwargs: { enable_thinking: false },
      min_p: 0.05,
    });
    const body = g.mock.requests.at(-1)!.body as Record<string, unknown>;
    expect(body).toMatchObject({ temperature: 5, chat_template_kwargs: { enable_thinking: false }, min_p: 0.05 });
  });

  it('round-trips tools and tool calls', async () => {
    g.mock.next({ body: chatToolCallAnswer('call_1', '{"city":"Oslo"}') });
    const tools = [
      {
        type: 'function' as const,
        function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
      },
    ];
    const res = await g.openai().chat.completions.create({
      model: '@local-openai/gpt-4o',
      messages: [{ role: 'user', content: 'weather in Oslo?' }],
      tools,
      tool_choice: 'auto',
    });
    expect(res.choices[0]!.message.tool_calls?.[0]).toMatchObject({ function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } });
    expect((g.mock.requests.at(-1)!.body as { tools: unknown }).tools).toEqual(tools);
  });

  it('streams chunks as they arrive, without buffering the whole answer', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    g.mock.next({ chunks: ['first ', 'second ', 'third'], gate });
    const stream = await g.openai().chat.completions.create({
      model: '@local-openai/gpt-4o',
      messages: [{ role: 'user', content: 'go' }],
      stream: true,
    });
    const seen: string[] = [];
    for await (const chunk of stream) {
      const piece = chunk.choices[0]?.delta?.content;
      if (piece) {
        seen.push(piece);
        // The upstream holds the rest until the client has the first piece: a gateway that
        // buffered would never get here.
        if (seen.length === 1) release();
      }
    }
    expect(seen.join('')).toBe('first second third');
  });

  it('does not add a usage chunk the client did not ask for, but logs the usage', async () => {
    const traceId = `trace-${Date.now()}-usage`;
    const stream = await g.openai({ headers: { 'x-portkey-trace-id': traceId } }).chat.completions.create({
      model: '@local-openai/gpt-4o',
      messages: [{ role: 'user', content: 'count these words' }],
      stream: true,
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const c of stream) chunks.push(c);
    expect(chunks.every((c) => c.choices.length > 0)).toBe(true);
    expect((g.mock.requests.at(-1)!.body as { stream_options: unknown }).stream_options).toEqual({ include_usage: true });
    const log = await g.logByTrace(traceId);
    expect(log.metrics).toMatchObject({ req_units: 3, res_units: 4, total_units: 7, stream_mode: true, is_success: true });
    expect((log.response as { body: { choices: { message: { content: string } }[] } }).body.choices[0]!.message.content).toBe(
      'echo: count these words',
    );
  });

  it('gives the client the usage chunk when it asks', async () => {
    const stream = await g.openai().chat.completions.create({
      model: '@local-openai/gpt-4o',
      messages: [{ role: 'user', content: 'a b' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const c of stream) if (c.usage) usage = c.usage;
    expect(usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 3 });
  });

  it('surfaces an upstream that dies mid-stream as an error in the SDK', async () => {
    g.mock.next({ chunks: ['one ', 'two ', 'three ', 'four'], dieAfterChunks: 2 });
    const stream = await g.openai().chat.completions.create({
      model: '@local-openai/gpt-4o',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    });
    const got: string[] = [];
    const run = async () => {
      for await (const c of stream) if (c.choices[0]?.delta?.content) got.push(c.choices[0].delta.content);
    };
    await expect(run()).rejects.toThrow(/Could not reach @local-openai|closed/);
    expect(got.join('')).toBe('one two ');
  });
});

describe('other endpoints', () => {
  it('embeddings', async () => {
    const res = await g.openai().embeddings.create({ model: '@local-openai/text-embedding-3-small', input: ['a b c', 'd'] });
    expect(res.data).toHaveLength(2);
    expect(res.usage.prompt_tokens).toBe(4);
    expect(g.mock.requests.at(-1)!.path).toBe('/v1/embeddings');
  });

  it('text completions', async () => {
    const res = await g.openai().completions.create({ model: '@local-openai/gpt-3.5-turbo-instruct', prompt: 'say hi' });
    expect(res.choices[0]!.text).toBe('echo: say hi');
  });

  it('passes other provider routes through unchanged', async () => {
    const res = await g.post('/v1/rerank', { model: '@local-openai/rerank-1', query: 'q', documents: ['a', 'b'], top_n: 1 });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { echo: { path: string; body: Record<string, unknown> } };
    expect(body.echo.path).toBe('/v1/rerank');
    expect(body.echo.body).toEqual({ model: 'rerank-1', query: 'q', documents: ['a', 'b'], top_n: 1 });
  });

  it('lists the models the workspace can use', async () => {
    const list = await g.openai().models.list();
    expect(list.data.map((m) => m.id)).toEqual(['@local-openai/gpt-4o', '@local-openai/text-embedding-3-small']);
    expect(list.data[0]).toMatchObject({ object: 'model', slug: 'gpt-4o', provider: 'local-openai', ai_service: 'openai' });
  });
});

describe('errors the SDK understands', () => {
  it('upstream 429 reaches the SDK as a RateLimitError with the upstream message', async () => {
    g.mock.next({
      status: 429,
      body: { error: { message: 'slow down please', type: 'rate_limit_error', code: 'rate_limited', param: null } },
    });
    const err = await g
      .openai()
      .chat.completions.create({ model: '@local-openai/gpt-4o', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect((err as Error).message).toContain('slow down please');
  });

  it('an HTML error page becomes a JSON error that says what happened', async () => {
    g.mock.next({ status: 502, body: '<html><body><h1>502 Bad Gateway</h1>nginx</body></html>' });
    const res = await g.post('/v1/chat/completions', { model: '@local-openai/gpt-4o', messages: [{ role: 'user', content: 'x' }] });
    expect(res.status).toBe(502);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/@local-openai at http:\/\/127\.0\.0\.1:\d+ answered 502 .*502 Bad Gateway nginx/);
  });

  it('an unknown provider slug is a 404 naming it', async () => {
    const err = await g
      .openai()
      .chat.completions.create({ model: '@nope/gpt-4o', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect((err as Error).message).toContain('"@nope"');
  });

  it('an organisation admin key is refused with 403', async () => {
    const err = await g
      .openai({ apiKey: g.credentials.admin_api_key })
      .chat.completions.create({ model: '@local-openai/gpt-4o', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.PermissionDeniedError);
  });

  it('a request without any provider is a 400 that says how to name one', async () => {
    const err = await g
      .openai()
      .chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as Error).message).toMatch(/@provider-slug/);
  });
});
