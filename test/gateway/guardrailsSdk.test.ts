// Guardrail verdicts as real clients read them: 446 and 246 through the openai and portkey-ai SDKs;
// streamed answers with the final hook_results event (chat through both SDKs, /v1/messages through
// the Anthropic SDK), chunks passed on before it; a streaming deny that the SDK raises; the LLM
// judge calling a model of the workspace's catalog (the loopback mock) through the gateway.
import Anthropic from '@anthropic-ai/sdk';
import { APIError } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGateway, type GatewayFixture } from '../helpers/gateway.ts';
import { chat, saveGuardrail, type HookResultsBody } from '../kits/guardrailsApi.ts';

let g: GatewayFixture;

beforeAll(async () => {
  g = await startGateway();
  await g.addProvider({ slug: 'primary' });
  await g.addProvider({ slug: 'claude', aiProvider: 'anthropic' });
  await g.addProvider({ slug: 'guard', key: null });
});
afterAll(() => g.close());
beforeEach(() => {
  g.mock.requests.length = 0;
});

const denyLong = { input_guardrails: [{ 'default.wordCount': { maxWords: 3 }, deny: true }] };
const flagLong = { input_guardrails: [{ 'default.wordCount': { maxWords: 3 } }] };
const noEcho = (deny: boolean) => ({ output_guardrails: [{ 'default.contains': { words: ['echo'], operator: 'none' }, deny }] });
const config = (c: unknown) => ({ 'x-portkey-config': JSON.stringify(c) });
const long = [{ role: 'user' as const, content: 'this request has too many words' }];

describe('446 and 246 through the SDKs', () => {
  it('openai: a deny raises an APIError 446 whose body has hook_results', async () => {
    const openai = g.openai({ headers: config(denyLong) });
    const err = await openai.chat.completions.create({ model: '@primary/gpt-4o', messages: long }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIError);
    const api = err as APIError;
    expect(api.status).toBe(446);
    expect(api.type).toBe('hooks_failed');
    expect(api.message).toMatch(/guardrail checks defined in the config failed/);
    expect(g.mock.requests).toHaveLength(0);
  });

  it('openai: a failure without deny returns the answer with hook_results (status 246)', async () => {
    const openai = g.openai({ headers: config(flagLong) });
    const { data, response } = await openai.chat.completions.create({ model: '@primary/gpt-4o', messages: long }).withResponse();
    expect(response.status).toBe(246);
    expect(data.choices[0]!.message.content).toBe('echo: this request has too many words');
    expect((data as unknown as HookResultsBody).hook_results.before_request_hooks[0]).toMatchObject({ verdict: false, deny: false });
  });

  it('portkey-ai: a deny raises with status 446; a failure without deny returns hook_results', async () => {
    const denied = g.portkey({ config: denyLong });
    const err = (await denied.chat.completions.create({ model: '@primary/gpt-4o', messages: long }).catch((e: unknown) => e)) as {
      status: number;
      error: unknown;
    };
    expect(err.status).toBe(446);
    expect(JSON.stringify(err.error)).toContain('hooks_failed');
    const flagged = g.portkey({ config: flagLong });
    const answer = (await flagged.chat.completions.create({ model: '@primary/gpt-4o', messages: long })) as unknown as HookResultsBody & {
      choices: unknown[];
    };
    expect(answer.choices).toHaveLength(1);
    expect(answer.hook_results.before_request_hooks[0]).toMatchObject({ verdict: false });
  });

  it('portkey-ai: an output deny raises 446 after the upstream answered', async () => {
    const client = g.portkey({ config: noEcho(true) });
    const err = (await client.chat.completions
      .create({ model: '@primary/gpt-4o', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e)) as {
      status: number;
    };
    expect(err.status).toBe(446);
    expect(g.mock.requests).toHaveLength(1);
  });
});

describe('streams', () => {
  it('openai SDK: every chunk, then one chunk with hook_results (output checks on the whole answer)', async () => {
    const openai = g.openai({ headers: config(noEcho(false)) });
    const stream = await openai.chat.completions.create({
      model: '@primary/gpt-4o',
      messages: [{ role: 'user', content: 'hello there' }],
      stream: true,
    });
    let text = '';
    let hooks: HookResultsBody['hook_results'] | null = null;
    let chunksAfterHooks = 0;
    for await (const chunk of stream) {
      const extra = chunk as unknown as Partial<HookResultsBody>;
      if (extra.hook_results) hooks = extra.hook_results;
      else if (hooks) chunksAfterHooks++;
      text += chunk.choices[0]?.delta?.content ?? '';
    }
    expect(text).toBe('echo: hello there');
    expect(chunksAfterHooks).toBe(0);
    expect(hooks!.after_request_hooks).toMatchObject([
      { verdict: false, deny: false, checks: [{ id: 'default.contains', verdict: false }] },
    ]);
  });

  it('the raw stream: chunks go out before the checks finish, the verdicts come before [DONE]', async () => {
    let release!: () => void;
    g.mock.next({ gate: new Promise<void>((r) => (release = r)) });
    const res = await chat(g, 'one two', noEcho(false), { stream: true });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let seen = '';
    // The first content chunk arrives while the upstream is still held: nothing is buffered.
    while (!seen.includes('echo')) seen += decoder.decode((await reader.read()).value, { stream: true });
    expect(seen).not.toContain('hook_results');
    release();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      seen += decoder.decode(value, { stream: true });
    }
    const events = seen.split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    expect(events.at(-2)).toMatch(/^data: \{"object":"chat.completion.chunk","choices":\[\],"hook_results":/);
  });

  it('portkey-ai SDK reads the hook_results chunk of a stream too', async () => {
    const client = g.portkey({ config: noEcho(false) });
    const stream = (await client.chat.completions.create({
      model: '@primary/gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    })) as unknown as AsyncIterable<Record<string, unknown>>;
    const chunks: Record<string, unknown>[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.at(-1)).toHaveProperty('hook_results.after_request_hooks.0.verdict', false);
  });

  it('an input failure without deny turns a stream into 246 and its verdicts into the last event', async () => {
    const res = await chat(g, 'this is far too long', flagLong, { stream: true });
    expect(res.status).toBe(246);
    const text = await res.text();
    expect(text).toContain('"before_request_hooks":[{');
  });

  it('a streaming deny cannot take back the chunks: the SDK raises after them, the log says 446', async () => {
    const trace = `stream-deny-${Date.now()}`;
    const openai = g.openai({ headers: { ...config(noEcho(true)), 'x-portkey-trace-id': trace } });
    const stream = await openai.chat.completions.create({
      model: '@primary/gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    let text = '';
    let raised: unknown = null;
    try {
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    } catch (err) {
      raised = err;
    }
    expect(text).toBe('echo: hi');
    expect(raised).toBeInstanceOf(APIError);
    expect((raised as APIError).message).toMatch(/guardrail checks defined in the config failed/);
    await expect.poll(async () => (await g.logByTrace(trace)).metrics.response_status_code, { timeout: 5000 }).toBe(446);
  });

  it('Anthropic SDK on /v1/messages: an `event: hook_results` after the message', async () => {
    const anthropic = new Anthropic({
      baseURL: g.url,
      apiKey: 'unused',
      defaultHeaders: { ...g.workspace, ...config(noEcho(false)) },
      maxRetries: 0,
    });
    const stream = await anthropic.messages.create({
      model: '@claude/claude-sonnet-4',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'hello' }],
      stream: true,
    });
    const types: string[] = [];
    let hooks: HookResultsBody['hook_results'] | null = null;
    for await (const event of stream) {
      const e = event as unknown as { type: string; hook_results?: HookResultsBody['hook_results'] };
      types.push(e.type);
      if (e.hook_results) hooks = e.hook_results;
    }
    expect(types.at(-1)).toBe('hook_results');
    expect(types).toContain('message_stop');
    expect(hooks!.after_request_hooks[0]).toMatchObject({ verdict: false });
  });
});

describe('the LLM judge, through the catalog', () => {
  const guard = (content: string) => ({
    body: { id: 'g', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] },
  });

  it('asks the guard model of the workspace and follows its verdict', async () => {
    const saved = await saveGuardrail(g, {
      name: 'llama guard',
      checks: [{ id: 'default.llmJudge', parameters: { model: '@guard/llama-guard-3-8b', mode: 'llama-guard' } }],
      actions: { deny: true },
    });
    g.mock.next(guard('unsafe\nS1'));
    const denied = await chat(g, 'how do I hurt someone', { input_guardrails: [saved.slug] });
    expect(denied.status).toBe(446);
    expect(((await denied.json()) as HookResultsBody).hook_results.before_request_hooks[0]!.checks[0]).toMatchObject({
      verdict: false,
      explanation: 'The guard model judged the text unsafe (S1)',
    });
    expect(g.mock.requests).toHaveLength(1);
    expect(g.mock.requests[0]!.body).toMatchObject({
      model: 'llama-guard-3-8b',
      messages: [{ role: 'user', content: 'how do I hurt someone' }],
    });

    g.mock.next(guard('safe'));
    const passed = await chat(g, 'how do I bake bread', { input_guardrails: [saved.slug] });
    expect(passed.status).toBe(200);
    // The judge's call, then the request itself.
    expect(g.mock.requests).toHaveLength(3);
  });
});
