import { describe, expect, it } from 'vitest';
import { cacheKey, canonicalJson, normaliseUpstream, type CacheKeyInput } from './key.ts';

const base: CacheKeyInput = {
  workspaceId: 'ws_1',
  provider: 'openai',
  upstream: 'https://api.openai.com/v1',
  endpoint: '/chat/completions',
  body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], temperature: 0 },
};
const key = (over: Partial<CacheKeyInput> = {}) => cacheKey({ ...base, ...over });

describe('cacheKey', () => {
  it('is a hex SHA-256', () => {
    expect(key()).toMatch(/^[0-9a-f]{64}$/);
    expect(key()).toBe(key());
  });

  it.each<[string, Partial<CacheKeyInput>]>([
    ['workspace', { workspaceId: 'ws_2' }],
    ['provider', { provider: 'azure-openai' }],
    ['upstream host (the peer shared one entry across custom hosts)', { upstream: 'http://10.0.0.5:8000/v1' }],
    ['upstream port', { upstream: 'https://api.openai.com:8443/v1' }],
    ['upstream path', { upstream: 'https://api.openai.com/v2' }],
    ['endpoint', { endpoint: '/completions' }],
    ['namespace', { namespace: 'team-a' }],
    ['metadata', { metadata: { _user: 'alice' } }],
    ['model', { body: { ...(base.body as object), model: 'gpt-4o' } }],
    ['a parameter', { body: { ...(base.body as object), temperature: 0.1 } }],
    [
      'message order',
      {
        body: {
          ...(base.body as object),
          messages: [
            { role: 'user', content: 'Hi' },
            { role: 'user', content: 'Yo' },
          ],
        },
      },
    ],
    ['anthropic-beta', { headers: { 'anthropic-beta': 'output-128k-2025-02-19' } }],
  ])('changes with the %s', (_, over) => {
    expect(key(over)).not.toBe(key());
  });

  it('different namespaces partition the same request', () => {
    expect(key({ namespace: 'a' })).not.toBe(key({ namespace: 'b' }));
    expect(key({ namespace: null })).toBe(key());
  });

  it.each<[string, unknown]>([
    ['stream: true', { ...(base.body as object), stream: true }],
    ['stream: false (the peer never cached it)', { ...(base.body as object), stream: false }],
    ['stream with stream_options', { ...(base.body as object), stream: true, stream_options: { include_usage: true } }],
  ])('ignores %s', (_, body) => {
    expect(key({ body })).toBe(key());
  });

  it('keeps a nested field named stream: it is content, not delivery', () => {
    const withTool = (streamProp: boolean) => ({
      ...(base.body as object),
      tools: [
        {
          type: 'function',
          function: { name: 'f', parameters: { type: 'object', properties: { stream: { type: 'boolean', default: streamProp } } } },
        },
      ],
    });
    expect(key({ body: withTool(true) })).not.toBe(key({ body: withTool(false) }));
  });

  it('ignores object key order at every depth, but not array order', () => {
    const a = {
      model: 'm',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }],
      response_format: { type: 'json_schema', json_schema: { name: 'n', schema: { a: 1, b: 2 } } },
    };
    const b = {
      response_format: { json_schema: { schema: { b: 2, a: 1 }, name: 'n' }, type: 'json_schema' },
      messages: [{ content: [{ text: 'x', type: 'text' }], role: 'user' }],
      model: 'm',
    };
    expect(key({ body: a })).toBe(key({ body: b }));
    expect(key({ body: { stop: ['a', 'b'] } })).not.toBe(key({ body: { stop: ['b', 'a'] } }));
  });

  it('never depends on a secret: credential headers, URL userinfo and query are ignored', () => {
    const secrets = {
      authorization: 'Bearer sk-live-1',
      'x-api-key': 'sk-ant-1',
      'api-key': 'azure-1',
      'x-portkey-api-key': 'pk-1',
      'x-portkey-virtual-key': 'vk-1',
      cookie: 'session=1',
    };
    const rotated = Object.fromEntries(Object.keys(secrets).map((k) => [k, 'something-else']));
    expect(key({ headers: secrets })).toBe(key());
    expect(key({ headers: rotated })).toBe(key());
    expect(key({ upstream: 'https://user:sk-secret@api.openai.com/v1?key=sk-secret' })).toBe(key());
  });

  it('treats comma lists in vary headers as sets', () => {
    expect(key({ headers: { 'anthropic-beta': 'a, b' } })).toBe(key({ headers: { 'Anthropic-Beta': ['b', 'a'] } }));
  });

  it('normalises the endpoint spelling', () => {
    expect(key({ endpoint: 'chat/completions/' })).toBe(key());
    expect(key({ endpoint: '/chat/completions?x=1' })).toBe(key());
  });
});

describe('normaliseUpstream', () => {
  it.each([
    ['https://api.openai.com/v1', 'https://api.openai.com/v1'],
    ['https://API.OpenAI.com:443/v1/', 'https://api.openai.com/v1'],
    ['http://user:pass@10.0.0.5:8000/v1?api_key=x#frag', 'http://10.0.0.5:8000/v1'],
    ['http://localhost:11434', 'http://localhost:11434'],
    ['  Not A URL ', 'not a url'],
  ])('%s → %s', (input, expected) => expect(normaliseUpstream(input)).toBe(expected));
});

describe('canonicalJson', () => {
  it('sorts keys and follows JSON.stringify for undefined and non-finite numbers', () => {
    expect(canonicalJson({ b: 1, a: [undefined, Number.NaN, { d: undefined, c: 'x' }] })).toBe('{"a":[null,null,{"c":"x"}],"b":1}');
  });
});
