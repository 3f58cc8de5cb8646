// The checks that reach outside the engine: default.jwt (inline JWKS and a JWKS URL on loopback),
// default.webhook (a real HTTP server on loopback that passes, fails, hangs or errs) and
// default.llmJudge (the loopback mock LLM through a "complete one chat" function, as the gateway
// injects it).
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, chatAnswer } from '../../../test/kits/guardrails.ts';
import { startMockLlm, type MockLlm } from '../../../test/helpers/mockLlm.ts';
import type { CompleteChat } from '../types.ts';
import { parseJudgeAnswer } from './judgeCheck.ts';

// ---- JWT ----

const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
const jwk = (key: crypto.KeyObject, kid: string) => ({ ...key.export({ format: 'jwk' }), kid });
const JWKS = { keys: [jwk(rsa.publicKey, 'rsa-1'), jwk(ec.publicKey, 'ec-1')] };

function sign(claims: Record<string, unknown>, options: { kid?: string; alg?: string; key?: crypto.KeyObject } = {}): string {
  const alg = options.alg ?? 'RS256';
  const header = Buffer.from(JSON.stringify({ alg, typ: 'JWT', kid: options.kid ?? 'rsa-1' })).toString('base64url');
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const data = `${header}.${body}`;
  const key = options.key ?? rsa.privateKey;
  const sig = alg.startsWith('ES')
    ? crypto.sign('sha256', Buffer.from(data), { key, dsaEncoding: 'ieee-p1363' })
    : crypto.sign('sha256', Buffer.from(data), key);
  return `${data}.${sig.toString('base64url')}`;
}

const now = () => Math.floor(Date.now() / 1000);

describe('default.jwt', () => {
  const jwt = check('default.jwt', { jwks: JWKS, algorithms: ['RS256', 'ES256'] }, { saved: false });
  it.each([
    ['a valid token', () => sign({ sub: 'a', iat: now(), exp: now() + 60 }), true],
    ['an ES256 token', () => sign({ iat: now(), exp: now() + 60 }, { alg: 'ES256', kid: 'ec-1', key: ec.privateKey }), true],
    ['an expired token', () => sign({ iat: now() - 120, exp: now() - 60 }), false],
    ['a token not valid yet', () => sign({ iat: now(), nbf: now() + 3600 }), false],
    ['a token older than maxTokenAge', () => sign({ iat: now() - 3 * 86400 }), false],
    ['signed by another key', () => sign({ iat: now() }, { key: other.privateKey }), false],
    ['an unknown kid', () => sign({ iat: now() }, { kid: 'nope' }), false],
    [
      'a tampered payload',
      () => sign({ iat: now(), role: 'user' }).replace(/\.[^.]+\./, `.${Buffer.from('{"role":"admin"}').toString('base64url')}.`),
      false,
    ],
    ['not a JWT', () => 'hello', false],
  ])('%s', async (_name, token, verdict) => {
    const v = await (await jwt)({ headers: { authorization: `Bearer ${token()}` } });
    expect(v.verdict).toBe(verdict);
  });

  it('refuses an algorithm outside the list, and a request without the header', async () => {
    const only = check('default.jwt', { jwks: JWKS, algorithms: ['ES256'] }, { saved: false });
    expect((await only({ headers: { authorization: `Bearer ${sign({ iat: now() })}` } })).explanation).toMatch(/not among the allowed/);
    expect((await only({ headers: {} })).explanation).toMatch(/no token in the Authorization header/);
  });

  it('reads another header when told', async () => {
    const custom = check('default.jwt', { jwks: JWKS, headerKey: 'x-user-token' }, { saved: false });
    expect((await custom({ headers: { 'x-user-token': sign({ iat: now() }) } })).verdict).toBe(true);
  });

  it('fetches a JWKS URL once and keeps it; only saved guardrails may name one', async () => {
    let fetches = 0;
    const server = http.createServer((_req, res) => {
      fetches++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(JWKS));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    try {
      const fromUrl = check('default.jwt', { jwksUri: url });
      for (let i = 0; i < 3; i++) expect((await fromUrl({ headers: { authorization: sign({ iat: now() }) } })).verdict).toBe(true);
      expect(fetches).toBe(1);
      expect(() => check('default.jwt', { jwksUri: url }, { saved: false })).toThrow(/reaches the network/);
    } finally {
      server.close();
    }
  });

  it('needs a JWKS', () => expect(() => check('default.jwt', {})).toThrow(/jwksUri|jwks/));
});

// ---- webhook ----

describe('default.webhook', () => {
  let server: http.Server;
  let base = '';
  const received: Record<string, unknown>[] = [];

  beforeAll(async () => {
    server = http.createServer(async (req, res) => {
      let raw = '';
      for await (const c of req) raw += c;
      const body = JSON.parse(raw) as Record<string, unknown>;
      received.push({ ...body, headers: req.headers });
      const reply = (status: number, payload: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(typeof payload === 'string' ? payload : JSON.stringify(payload));
      switch (req.url) {
        case '/pass':
          return reply(200, { verdict: true });
        case '/fail':
          return reply(200, { verdict: false, explanation: 'policy 7 forbids this' });
        case '/hang':
          return; // never answers
        case '/error':
          return reply(500, { error: 'boom' });
        case '/garbage':
          return reply(200, 'not json');
        case '/rewrite':
          return reply(200, {
            verdict: true,
            transformedData: { request: { json: { messages: [{ role: 'user', content: 'rewritten' }] } } },
          });
        default:
          return reply(404, {});
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const hook = (path: string, extra: Record<string, unknown> = {}) => check('default.webhook', { webhookURL: `${base}${path}`, ...extra });

  it("takes the webhook's verdict and explanation", async () => {
    expect((await hook('/pass')({ text: 'hi' })).verdict).toBe(true);
    const fail = await hook('/fail')({ text: 'hi' });
    expect(fail).toMatchObject({ verdict: false, explanation: 'policy 7 forbids this' });
  });

  it("sends Portkey's payload with the caller's credentials stripped and the admin's headers added", async () => {
    received.length = 0;
    await hook('/pass', { headers: { 'x-webhook-secret': 's3' } })({
      text: 'hi there',
      headers: { authorization: 'Bearer sk-caller', 'x-trace': '1' },
      metadata: { team: 'a' },
    });
    const got = received[0] as {
      request: { text: string; headers: Record<string, string> };
      eventType: string;
      metadata: unknown;
      headers: Record<string, string>;
    };
    expect(got.eventType).toBe('beforeRequestHook');
    expect(got.request.text).toBe('hi there');
    expect(got.request.headers).toEqual({ 'x-trace': '1' });
    expect(got.metadata).toEqual({ team: 'a' });
    expect(got.headers['x-webhook-secret']).toBe('s3');
  });

  it('a hung webhook fails the check once its timeout passes, and nothing else waits', async () => {
    const started = Date.now();
    const v = await hook('/hang', { timeout: 200 })({ text: 'hi' });
    expect(v.verdict).toBe(false);
    expect(v.explanation).toMatch(/no answer within 200 ms/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('an error status or an unreadable answer fails it, unless failOnError is off', async () => {
    expect((await hook('/error')({ text: 'x' })).explanation).toMatch(/answered 500/);
    expect((await hook('/garbage')({ text: 'x' })).explanation).toMatch(/not JSON/);
    const lenient = await hook('/error', { failOnError: false })({ text: 'x' });
    expect(lenient.verdict).toBe(true);
    expect(lenient.error).toMatch(/answered 500/);
  });

  it('can rewrite the request', async () => {
    expect((await hook('/rewrite')({ text: 'x' })).body).toEqual({ messages: [{ role: 'user', content: 'rewritten' }] });
  });

  it('is refused inline (the network is for URLs an admin saved) and for metadata-service URLs', () => {
    expect(() => check('default.webhook', { webhookURL: `${base}/pass` }, { saved: false })).toThrow(/admin saved/);
    expect(() => check('default.webhook', { webhookURL: 'http://169.254.169.254/latest' })).toThrow(/metadata/i);
    expect(() => check('default.webhook', { webhookURL: `${base}/pass`, timeout: 60_000 })).toThrow(/<= 30000/);
  });
});

// ---- LLM judge ----

describe('default.llmJudge', () => {
  let mock: MockLlm;
  beforeAll(async () => {
    mock = await startMockLlm();
  });
  afterAll(() => mock.close());

  /** What the gateway injects, reduced to a direct call to the mock (the gateway test goes through the catalog). */
  const completeChat: CompleteChat = async (model, messages, { timeoutMs, signal }) => {
    const res = await fetch(`${mock.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: model.split('/')[1], messages }),
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
    });
    const body = (await res.json()) as { choices: { message: { content: string } }[] };
    return body.choices[0]!.message.content;
  };
  const says = (content: string) => ({
    body: { id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] },
  });

  it.each([
    ['llama-guard', 'safe', true],
    ['llama-guard', 'unsafe\nS1,S10', false],
    ['json', '{"verdict": true, "reason": "fine"}', true],
    ['json', 'Sure! ```json\n{"verdict": false, "reason": "threat"}\n```', false],
    ['pass-fail', 'PASS - harmless', true],
    ['pass-fail', 'FAIL: asks for weapons', false],
  ] as const)('%s mode: %j', async (mode, answer, verdict) => {
    mock.next(says(answer));
    const v = await check('default.llmJudge', { model: '@guard/llama-guard-3', mode })({ text: 'some text', services: { completeChat } });
    expect(v.verdict).toBe(verdict);
  });

  it('shows the model the policy and the text, and reports the categories Llama Guard names', async () => {
    mock.requests.length = 0;
    mock.next(says('{"verdict": true, "reason": "ok"}'));
    await check('default.llmJudge', { model: '@guard/m', prompt: 'Only talk about cats.' })({
      text: 'tell me about dogs',
      services: { completeChat },
    });
    const sent = mock.requests[0]!.body as { model: string; messages: { role: string; content: string }[] };
    expect(sent.model).toBe('m');
    expect(sent.messages[0]!.content).toContain('Only talk about cats.');
    expect(sent.messages[1]!.content).toContain('tell me about dogs');

    mock.next(says('unsafe\nS2'));
    const v = await check('default.llmJudge', { model: '@guard/m', mode: 'llama-guard' })({
      answer: chatAnswer('bad words'),
      services: { completeChat },
    });
    expect(v).toMatchObject({ verdict: false, data: { categories: ['S2'] } });
  });

  it('fails on an answer it cannot parse, an error or a timeout (unless failOnError is off)', async () => {
    mock.next(says('I think it is probably fine'));
    expect((await check('default.llmJudge', { model: '@g/m' })({ text: 'x', services: { completeChat } })).explanation).toMatch(
      /did not follow the json format/,
    );
    mock.next({ delayMs: 2000 });
    const slow = await check('default.llmJudge', { model: '@g/m', timeout: 150 })({ text: 'x', services: { completeChat } });
    expect(slow.verdict).toBe(false);
    mock.next(says('gibberish'));
    expect(
      (await check('default.llmJudge', { model: '@g/m', failOnError: false })({ text: 'x', services: { completeChat } })).verdict,
    ).toBe(true);
    expect((await check('default.llmJudge', { model: '@g/m' })({ text: 'x' })).explanation).toMatch(/no model catalog/);
  });

  it('parses answers without the model', () => {
    expect(parseJudgeAnswer('llama-guard', '  Safe  ')).toMatchObject({ verdict: true });
    expect(parseJudgeAnswer('llama-guard', 'maybe')).toBeNull();
    expect(parseJudgeAnswer('pass-fail', 'pass')).toMatchObject({ verdict: true });
    expect(parseJudgeAnswer('json', '{"verdict":"yes"}')).toBeNull();
  });

  it('needs a catalog model, and is refused inline', () => {
    expect(() => check('default.llmJudge', { model: 'gpt-4o' })).toThrow(/must match pattern/);
    expect(() => check('default.llmJudge', { model: '@g/m' }, { saved: false })).toThrow(/admin saved/);
    expect(() => check('default.llmJudge', { model: '@g/m', mode: 'llama-guard', prompt: 'x' })).toThrow(/not used with mode llama-guard/);
  });
});
