// Rate limits on the request path (issue 14 item 4): rps/rpm/rph/rpd/rpw on requests and tokens for
// keys, workspaces and providers. A refusal is a 429 with Retry-After and OpenAI's x-ratelimit-*
// headers (the openai SDK raises RateLimitError and reads them); answers carry the headroom left;
// the window slides with the injected clock, so no test waits.
import { afterEach, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { START, TOKENS_PER_CALL, startLimits, type LimitsFixture } from '../helpers/limits.ts';

let f: LimitsFixture;
afterEach(async () => {
  await f?.close();
});

describe('request rate limits', () => {
  it('refuse the request over the limit with 429, Retry-After and x-ratelimit-*, then admit once the window slid', async () => {
    f = await startLimits();
    const { key } = await f.key({ rate_limits: [{ type: 'requests', unit: 'rpm', value: 3 }] });
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      f.clock.now = START + i * 10_000;
      const res = await f.chat(key);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-limit-requests')).toBe('3');
      remaining.push(res.headers.get('x-ratelimit-remaining-requests')!);
      await res.arrayBuffer();
    }
    expect(remaining).toEqual(['2', '1', '0']);

    f.clock.now = START + 30_000;
    const before = f.mock.requests.length;
    const client = new OpenAI({ baseURL: `${f.url}/v1`, apiKey: key, maxRetries: 0, defaultHeaders: { 'x-portkey-api-key': key } });
    const err = await client.chat.completions
      .create({ model: '@priced/m1', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    const rate = err as InstanceType<typeof OpenAI.RateLimitError>;
    expect(rate.message).toMatch(/rate limit of API key "limits \w+" reached: 3 requests per minute/);
    // The first request's one-second bucket leaves the window at START + 61 s.
    expect(rate.headers?.get('retry-after')).toBe('31');
    expect(rate.headers?.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(rate.headers?.get('x-ratelimit-reset-requests')).toBe('31s');
    expect(rate.headers?.get('x-portkey-trace-id')).toBeTruthy();
    expect(f.mock.requests.length).toBe(before);

    f.clock.now = START + 61_000;
    expect((await f.chat(key)).status).toBe(200);
    // A refusal never counts: the window still holds the two later requests and this one.
    f.clock.now = START + 61_500;
    expect((await f.chat(key)).status).toBe(429);
  });

  it('apply per second, and per week, to workspaces too', async () => {
    f = await startLimits();
    const ws = f.credentials.workspace.id;
    await f.api('PUT', `/v1/admin/workspaces/${ws}`, {
      rate_limits: [
        { type: 'requests', unit: 'rps', value: 2 },
        { type: 'requests', unit: 'rpw', value: 5 },
      ],
    });
    const { key } = await f.key();
    expect([(await f.chat(key)).status, (await f.chat(key)).status, (await f.chat(key)).status]).toEqual([200, 200, 429]);
    f.clock.now = START + 2_000;
    expect([(await f.chat(key)).status, (await f.chat(key)).status]).toEqual([200, 200]);
    f.clock.now = START + 4_000;
    // The refused third request counted nowhere: this is the fifth of the week.
    expect((await f.chat(key)).status).toBe(200);
    const weekly = await f.chat(key);
    expect(weekly.status).toBe(429);
    expect(((await weekly.json()) as { error: { message: string } }).error.message).toMatch(
      /workspace "ws-default" reached: 5 requests per week/,
    );
    expect(Number(weekly.headers.get('retry-after'))).toBeGreaterThan(6 * 86_400);
  });

  it("apply to a provider's own rate limits", async () => {
    f = await startLimits();
    const ws = f.credentials.workspace.id;
    await f.api('PUT', `/v1/providers/priced?workspace_id=${ws}`, { rate_limits: [{ type: 'requests', unit: 'rph', value: 1 }] });
    const a = await f.key();
    const b = await f.key();
    expect((await f.chat(a.key)).status).toBe(200);
    const other = await f.chat(b.key);
    expect(other.status).toBe(429);
    expect(((await other.json()) as { error: { message: string } }).error.message).toMatch(/provider @priced reached: 1 requests per hour/);
    // Decided per target, after routing, and still told when to come back, as a client expects.
    // The window keeps minute buckets for an hour: the first request's leaves it 61 minutes on.
    expect(Number(other.headers.get('retry-after'))).toBe(3660);
    expect(other.headers.get('x-ratelimit-remaining-requests')).toBe('0');
  });
});

describe('token rate limits', () => {
  it('count the tokens of each answer, streamed or not, and refuse while the window is full', async () => {
    f = await startLimits();
    const { key } = await f.key({ rate_limits: [{ type: 'tokens', unit: 'rpm', value: 10 }] });
    const streamed = await f.chat(key, { stream: true });
    expect(streamed.status).toBe(200);
    expect(await streamed.text()).toContain('[DONE]');
    const json = await f.chat(key);
    expect(json.headers.get('x-ratelimit-limit-tokens')).toBe('10');
    expect(json.headers.get('x-ratelimit-remaining-tokens')).toBe(String(10 - TOKENS_PER_CALL));
    await json.arrayBuffer();
    // 6 tokens used: a request is let in while any token is left, and its tokens count when it ends.
    expect((await f.chat(key)).status).toBe(200);
    const last = await f.chat(key, { stream: true });
    expect(last.status).toBe(200);
    await last.text();
    const refused = await f.chat(key);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-ratelimit-remaining-tokens')).toBe('0');
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/10 tokens per minute/);
    f.clock.now = START + 61_000;
    expect((await f.chat(key)).status).toBe(200);
  });
});
