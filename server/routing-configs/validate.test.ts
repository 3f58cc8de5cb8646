// Config validation as tables: configs that must pass (Portkey's documented examples among them),
// and one broken config per rule with the JSON path and wording the error must carry.
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import type { ConfigNode } from './types.ts';
import { MAX_CONFIG_DEPTH, MAX_CONFIG_NODES, MAX_TARGETS_PER_GROUP, validateConfig } from './validate.ts';

const leaf = (name: string, extra: Record<string, unknown> = {}) => ({ name, provider: `@${name}`, ...extra });

/** A chain of single-target groups `levels` deep, ending in a leaf. */
function nested(levels: number): Record<string, unknown> {
  let node: Record<string, unknown> = { provider: '@deep' };
  for (let i = 0; i < levels; i++) node = { strategy: { mode: 'fallback' }, targets: [node] };
  return node;
}

// The schema example of the behaviour study (§3), comments removed. As printed its strategy is
// `fallback` while carrying `conditions`/`default`, which only `conditional` reads.
const behaviourExample = {
  strategy: {
    mode: 'fallback',
    on_status_codes: [429, 500, 503],
    conditions: [
      { query: { 'metadata.tier': { $eq: 'pro' } }, then: 'big' },
      { query: { $or: [{ 'params.model': { $regex: '^gpt-4' } }, { 'url.pathname': '/v1/chat/completions' }] }, then: 'small' },
    ],
    default: 'small',
  },
  targets: [
    {
      name: 'big',
      provider: 'openai',
      api_key: 'sk-…',
      custom_host: 'http://127.0.0.1:18080/v1',
      weight: 0.7,
      override_params: { model: 'gpt-4o', max_tokens: 512 },
      retry: { attempts: 3, on_status_codes: [429, 503], use_retry_after_header: true },
      request_timeout: 10000,
      forward_headers: ['x-request-id'],
      strict_open_ai_compliance: false,
      cache: { mode: 'simple', max_age: 60000 },
    },
    {
      name: 'small',
      strategy: { mode: 'loadbalance' },
      targets: [
        { provider: 'groq', api_key: '…' },
        { provider: 'ollama', custom_host: 'http://127.0.0.1:11434' },
      ],
    },
  ],
  aws_access_key_id: '',
  aws_secret_access_key: '',
  aws_session_token: '',
  aws_region: '',
  vertex_project_id: '',
  vertex_region: '',
  vertex_service_account_json: {},
  openai_project: '',
  openai_organization: '',
  azure_model_name: '',
  azure_auth_mode: '',
};

/** The same example's guardrail, hook and mutator keys (their shape is checked here; the guardrails engine compiles them). */
const behaviourGuardrails = {
  input_guardrails: [{ 'default.regexMatch': { rule: '\\d{3}-\\d{2}-\\d{4}', not: true }, deny: true }],
  output_guardrails: [
    { 'default.contains': { words: ['Apple'], operator: 'none' }, deny: true, on_fail: { feedback: { value: -1, weight: 1 } } },
  ],
  input_mutators: [{ 'default.addPrefix': { prefix: 'Be concise. ' } }],
  before_request_hooks: [
    {
      type: 'guardrail',
      id: 'g1',
      deny: true,
      async: false,
      sequential: false,
      checks: [{ id: 'default.wordCount', parameters: { minWords: 1, maxWords: 500 }, is_enabled: true }],
    },
  ],
  after_request_hooks: [
    { type: 'guardrail', id: 'g2', checks: [{ id: 'default.jsonSchema', parameters: { schema: { type: 'object' } } }] },
  ],
};

const { on_status_codes: _dropped, ...conditionalStrategy } = { ...behaviourExample.strategy, mode: 'conditional' };
const behaviourExampleConditional = { ...behaviourExample, strategy: conditionalStrategy };

describe('valid configs', () => {
  const cases: [string, unknown][] = [
    // OpenAPI examples (create, update, get, versions) and the SDK samples.
    ['OAS create: retry only', { retry: { attempts: 3 } }],
    ['SDK sample: retry and simple cache', { retry: { attempts: 3 }, cache: { mode: 'simple' } }],
    ['SDK sample: semantic cache', { retry: { attempts: 3 }, cache: { mode: 'semantic' } }],
    [
      'OAS get: fallback over virtual keys with provider ids',
      {
        retry: { attempts: 5, on_status_codes: [429, 529] },
        cache: { mode: 'simple', max_age: 3600 },
        strategy: { mode: 'fallback' },
        targets: [
          { provider: 'openai', virtual_key: 'main-258f4d' },
          { provider: 'azure-openai', virtual_key: 'azure-test-4110dd' },
        ],
      },
    ],
    ['OAS update: a root virtual key', { virtual_key: 'copy-of-anthrop-b20259' }],
    ['behaviour study schema example, as conditional', behaviourExampleConditional],
    // Root leaves may leave the provider to the request.
    ['root leaf with a catalog provider', { provider: '@openai-prod' }],
    ['root leaf with only a timeout', { request_timeout: 30000 }],
    ['root leaf with only an api key (provider from the header)', { api_key: 'sk-x' }],
    ['root passthrough', { passthrough: true, retry: { attempts: 1 } }],
    ['inline provider with key and host', { provider: 'openai', api_key: 'sk-x', custom_host: 'https://llm.lan:8443/v1' }],
    ['one target without strategy is single', { targets: [{ provider: '@a' }] }],
    ['single', { strategy: { mode: 'single' }, targets: [leaf('a'), leaf('b')] }],
    ['fallback with on_status_codes', { strategy: { mode: 'fallback', on_status_codes: [429, 503] }, targets: [leaf('a'), leaf('b')] }],
    [
      'loadbalance with a zero and a fractional weight',
      { strategy: { mode: 'loadbalance' }, targets: [leaf('a', { weight: 0 }), leaf('b', { weight: 0.5 })] },
    ],
    [
      'loadbalance with sticky routing',
      {
        strategy: { mode: 'loadbalance', sticky: { enabled: true, hash_fields: ['metadata.user_id', 'params.model'], ttl: 600 } },
        targets: [leaf('a'), leaf('b')],
      },
    ],
    [
      'conditional with bare values, $in, $and and a numeric string bound',
      {
        strategy: {
          mode: 'conditional',
          conditions: [
            { query: { 'metadata.tier': 'pro' }, then: 'a' },
            {
              query: { $and: [{ 'params.model': { $in: ['gpt-4o', 'gpt-4.1'] } }, { 'params.max_tokens': { $gt: '100', $lte: 4096 } }] },
              then: 'b',
            },
            { query: { 'params.response_format.type': { $ne: null } }, then: 'b' },
          ],
        },
        targets: [leaf('a'), leaf('b')],
      },
    ],
    ['passthrough target', { strategy: { mode: 'fallback' }, targets: [leaf('a'), { passthrough: true }] }],
    [
      'every leaf setting at once',
      {
        provider: '@a',
        override_params: { model: 'gpt-4o', temperature: 0 },
        default_params: { max_tokens: 100 },
        drop_params: ['user', 'logprobs'],
        forward_headers: ['x-request-id', { from: 'x-team', to: 'x-upstream-team' }],
        retry: { attempts: 0, use_retry_after_headers: false },
        cache: { mode: 'simple', max_age: 0.5 },
        request_timeout: 1,
        circuit_breaker: { failure_threshold: 3, cooldown_interval: 30000, failure_status_codes: [500, 502] },
        azure_api_version: '2024-10-21',
        strict_open_ai_compliance: true,
        vertex_service_account_json: '{"type":"service_account"}',
      },
    ],
    [
      'group settings inherited by targets',
      { strategy: { mode: 'fallback' }, retry: { attempts: 2 }, custom_host: 'http://10.0.0.5/v1', targets: [{ provider: 'openai' }] },
    ],
    ['ten levels deep', nested(MAX_CONFIG_DEPTH)],
    [
      'a hundred targets',
      { strategy: { mode: 'loadbalance' }, targets: Array.from({ length: MAX_TARGETS_PER_GROUP }, (_, i) => leaf(`t${i}`)) },
    ],
    [
      'the same name in different groups',
      { strategy: { mode: 'fallback' }, targets: [{ name: 'x', strategy: { mode: 'single' }, targets: [leaf('x')] }] },
    ],
    ['as a JSON string', JSON.stringify({ strategy: { mode: 'fallback' }, targets: [leaf('a'), leaf('b')] })],
  ];

  it.each(cases)('%s', (_, config) => {
    const out = validateConfig(config);
    const expected = typeof config === 'string' ? (JSON.parse(config) as ConfigNode) : config;
    // Nothing is dropped or invented (the one renamed key is checked below).
    if (config !== behaviourExampleConditional) expect(out).toEqual(expected);
  });

  it('keeps the behaviour example whole, renaming use_retry_after_header to use_retry_after_headers', () => {
    const out = validateConfig(behaviourExampleConditional);
    expect(out.targets![0]!.retry).toEqual({ attempts: 3, on_status_codes: [429, 503], use_retry_after_headers: true });
    const { retry: _r, ...rest } = behaviourExampleConditional.targets[0]!;
    expect(out.targets![0]).toMatchObject(rest);
    expect(out.targets![1]).toEqual(behaviourExampleConditional.targets[1]);
    expect(out.strategy).toEqual(conditionalStrategy);
  });

  it('returns a copy: changing the input afterwards changes nothing', () => {
    const input = { provider: '@a', override_params: { model: 'x' }, retry: { attempts: 1 } };
    const out = validateConfig(input);
    input.override_params.model = 'y';
    input.retry.attempts = 5;
    expect(out).toEqual({ provider: '@a', override_params: { model: 'x' }, retry: { attempts: 1 } });
  });
});

describe('invalid configs name the path at fault', () => {
  const hundredOne = Array.from({ length: MAX_TARGETS_PER_GROUP + 1 }, (_, i) => leaf(`t${i}`));
  const wide = Array.from({ length: 20 }, (_, i) => ({
    strategy: { mode: 'fallback' },
    targets: Array.from({ length: 60 }, (_, j) => leaf(`t${i}-${j}`)),
  }));
  const cases: [string, unknown, string, string][] = [
    // [name, config, param, message fragment]
    ['not JSON', '{"retry": ', 'config', 'config is not valid JSON'],
    ['not an object', ['a'], 'config', 'config must be an object (got an array)'],
    ['null', null, 'config', 'config must be an object (got null)'],
    ['empty', {}, 'config', 'config is empty'],
    // Unknown keys, with a suggestion and the allowed list.
    [
      'typo at the root',
      { retries: { attempts: 3 } },
      'config.retries',
      'config has an unknown key "retries" (did you mean "retry"?); allowed keys: strategy, targets, name, provider',
    ],
    [
      'typo in a target',
      { strategy: { mode: 'fallback' }, targets: [leaf('a'), leaf('b', { overide_params: {} })] },
      'config.targets[1].overide_params',
      '(did you mean "override_params"?)',
    ],
    [
      'unknown key in retry',
      { retry: { attempt: 3 } },
      'config.retry.attempt',
      'config.retry has an unknown key "attempt" (did you mean "attempts"?); allowed keys: attempts, on_status_codes',
    ],
    ['unknown key in cache', { cache: { mode: 'simple', ttl: 60 } }, 'config.cache.ttl', 'allowed keys: mode, max_age'],
    [
      'unknown key in strategy',
      { strategy: { mode: 'fallback', on_status: [429] }, targets: [leaf('a')] },
      'config.strategy.on_status',
      '(did you mean "on_status_codes"?)',
    ],
    [
      'unknown key in circuit_breaker',
      { provider: '@a', circuit_breaker: { failure_threshold: 1, cooldown_interval: 30000, cooldown: 1 } },
      'config.circuit_breaker.cooldown',
      'allowed keys: failure_threshold, cooldown_interval, failure_status_codes',
    ],
    [
      'unknown key in a condition',
      { strategy: { mode: 'conditional', conditions: [{ query: { 'metadata.a': 1 }, then: 'a', else: 'b' }] }, targets: [leaf('a')] },
      'config.strategy.conditions[0].else',
      'allowed keys: query, then',
    ],
    // Strategy.
    [
      'unknown mode, nested',
      { strategy: { mode: 'fallback' }, targets: [leaf('a'), { strategy: { mode: 'fallbak' }, targets: [leaf('b')] }] },
      'config.targets[1].strategy.mode',
      'config.targets[1].strategy.mode must be one of single, fallback, loadbalance, conditional (got "fallbak")',
    ],
    ['strategy without mode', { strategy: {}, targets: [leaf('a')] }, 'config.strategy', 'config.strategy needs mode'],
    [
      'strategy is a string',
      { strategy: 'fallback', targets: [leaf('a')] },
      'config.strategy',
      'config.strategy must be an object (got "fallback")',
    ],
    ['strategy without targets', { strategy: { mode: 'fallback' } }, 'config.strategy', 'is set but there are no targets'],
    ['several targets without strategy', { targets: [leaf('a'), leaf('b')] }, 'config', 'config has 2 targets but no strategy'],
    ['a group with no targets', { strategy: { mode: 'fallback' }, targets: [] }, 'config.targets', 'config.targets must not be empty'],
    [
      'targets not an array',
      { strategy: { mode: 'fallback' }, targets: { provider: '@a' } },
      'config.targets',
      'must be an array (got an object)',
    ],
    [
      'on_status_codes outside fallback',
      { strategy: { mode: 'loadbalance', on_status_codes: [429] }, targets: [leaf('a')] },
      'config.strategy.on_status_codes',
      'is only used with mode fallback (this strategy is loadbalance)',
    ],
    [
      'the behaviour example as printed (conditions on fallback)',
      behaviourExample,
      'config.strategy.conditions',
      'config.strategy.conditions is only used with mode conditional (this strategy is fallback)',
    ],
    [
      'sticky outside loadbalance',
      { strategy: { mode: 'fallback', sticky: { enabled: true } }, targets: [leaf('a')] },
      'config.strategy.sticky',
      'only used with mode loadbalance',
    ],
    [
      'bad status code',
      { strategy: { mode: 'fallback', on_status_codes: [429, 'x'] }, targets: [leaf('a')] },
      'config.strategy.on_status_codes[1]',
      'must be an integer from 100 to 599 (an HTTP status) (got "x")',
    ],
    ['empty status list', { retry: { attempts: 1, on_status_codes: [] } }, 'config.retry.on_status_codes', 'must not be empty'],
    // Conditional.
    [
      'conditional without conditions',
      { strategy: { mode: 'conditional', default: 'a' }, targets: [leaf('a')] },
      'config.strategy',
      'needs conditions',
    ],
    [
      'conditional with empty conditions',
      { strategy: { mode: 'conditional', conditions: [] }, targets: [leaf('a')] },
      'config.strategy.conditions',
      'must not be empty',
    ],
    [
      'then names no target',
      { strategy: { mode: 'conditional', conditions: [{ query: { 'metadata.t': 'x' }, then: 'c' }] }, targets: [leaf('a'), leaf('b')] },
      'config.strategy.conditions[0].then',
      'names no target of this group (got "c"; target names: "a", "b")',
    ],
    [
      'then names a grandchild',
      {
        strategy: { mode: 'conditional', conditions: [{ query: { 'metadata.t': 'x' }, then: 'deep' }] },
        targets: [{ name: 'g', strategy: { mode: 'single' }, targets: [leaf('deep')] }],
      },
      'config.strategy.conditions[0].then',
      'names no target of this group',
    ],
    [
      'default names no target',
      { strategy: { mode: 'conditional', conditions: [{ query: { 'metadata.t': 'x' }, then: 'a' }], default: 'z' }, targets: [leaf('a')] },
      'config.strategy.default',
      'names no target of this group (got "z"',
    ],
    [
      'condition without then',
      { strategy: { mode: 'conditional', conditions: [{ query: { 'metadata.t': 'x' } }] }, targets: [leaf('a')] },
      'config.strategy.conditions[0]',
      'needs then',
    ],
    [
      'unknown operator',
      { strategy: { mode: 'conditional', conditions: [{ query: { 'metadata.tier': { $eqq: 'pro' } }, then: 'a' }] }, targets: [leaf('a')] },
      'config.strategy.conditions[0].query["metadata.tier"].$eqq',
      'is not an operator; use one of $eq',
    ],
    [
      'unknown logical operator',
      { strategy: { mode: 'conditional', conditions: [{ query: { $xor: [] }, then: 'a' }] }, targets: [leaf('a')] },
      'config.strategy.conditions[0].query.$xor',
      'is not a query operator here',
    ],
    [
      'unreadable field',
      { strategy: { mode: 'conditional', conditions: [{ query: { tier: 'pro' }, then: 'a' }] }, targets: [leaf('a')] },
      'config.strategy.conditions[0].query.tier',
      'use metadata.<key>, params.<name> or url.pathname',
    ],
    [
      '$in without an array',
      {
        strategy: { mode: 'conditional', conditions: [{ query: { 'params.model': { $in: 'gpt-4o' } }, then: 'a' }] },
        targets: [leaf('a')],
      },
      'config.strategy.conditions[0].query["params.model"].$in',
      'must be an array',
    ],
    [
      'bad regex',
      { strategy: { mode: 'conditional', conditions: [{ query: { 'params.model': { $regex: '(' } }, then: 'a' }] }, targets: [leaf('a')] },
      'config.strategy.conditions[0].query["params.model"].$regex',
      'is not a valid regular expression',
    ],
    [
      '$gt on a word',
      { strategy: { mode: 'conditional', conditions: [{ query: { 'params.n': { $gt: 'many' } }, then: 'a' }] }, targets: [leaf('a')] },
      'config.strategy.conditions[0].query["params.n"].$gt',
      'must be a number (got "many")',
    ],
    [
      'empty query',
      { strategy: { mode: 'conditional', conditions: [{ query: {}, then: 'a' }] }, targets: [leaf('a')] },
      'config.strategy.conditions[0].query',
      'must test at least one field',
    ],
    [
      'empty $or',
      { strategy: { mode: 'conditional', conditions: [{ query: { $or: [] }, then: 'a' }] }, targets: [leaf('a')] },
      'config.strategy.conditions[0].query.$or',
      'must not be empty',
    ],
    // Names and weights.
    [
      'duplicate names',
      { strategy: { mode: 'fallback' }, targets: [leaf('a'), leaf('b'), { name: 'a', provider: 'openai' }] },
      'config.targets[2].name',
      '"a" is already the name of config.targets[0]',
    ],
    [
      'all-zero weights',
      { strategy: { mode: 'loadbalance' }, targets: [leaf('a', { weight: 0 }), leaf('b', { weight: 0 })] },
      'config.targets',
      'all have weight 0',
    ],
    [
      'negative weight',
      { strategy: { mode: 'loadbalance' }, targets: [leaf('a', { weight: -1 }), leaf('b')] },
      'config.targets[0].weight',
      'must be a number ≥ 0 (got -1)',
    ],
    [
      'weight as a string',
      { strategy: { mode: 'loadbalance' }, targets: [leaf('a', { weight: '1' })] },
      'config.targets[0].weight',
      'must be a number ≥ 0 (got "1")',
    ],
    [
      'sticky ttl zero',
      { strategy: { mode: 'loadbalance', sticky: { enabled: true, ttl: 0 } }, targets: [leaf('a')] },
      'config.strategy.sticky.ttl',
      'must be an integer ≥ 1 seconds',
    ],
    [
      'sticky hash field outside metadata/params',
      { strategy: { mode: 'loadbalance', sticky: { enabled: true, hash_fields: ['user'] } }, targets: [leaf('a')] },
      'config.strategy.sticky.hash_fields[0]',
      'must be a field path',
    ],
    // Retry, circuit breaker, cache, timeout.
    [
      'retry attempts above 5',
      { retry: { attempts: 6 } },
      'config.retry.attempts',
      'config.retry.attempts must be an integer from 0 to 5 (got 6)',
    ],
    ['retry attempts negative', { retry: { attempts: -1 } }, 'config.retry.attempts', 'must be an integer from 0 to 5 (got -1)'],
    ['retry attempts fractional', { retry: { attempts: 1.5 } }, 'config.retry.attempts', 'must be an integer from 0 to 5'],
    ['retry without attempts', { retry: { on_status_codes: [429] } }, 'config.retry', 'config.retry needs attempts'],
    [
      'both retry-after spellings',
      { retry: { attempts: 1, use_retry_after_header: true, use_retry_after_headers: true } },
      'config.retry',
      'has both use_retry_after_headers and use_retry_after_header',
    ],
    [
      'retry-after flag not boolean',
      { retry: { attempts: 1, use_retry_after_headers: 'yes' } },
      'config.retry.use_retry_after_headers',
      'must be true or false (got "yes")',
    ],
    [
      'short cooldown',
      { provider: '@a', circuit_breaker: { failure_threshold: 3, cooldown_interval: 29999 } },
      'config.circuit_breaker.cooldown_interval',
      'must be an integer ≥ 30000 milliseconds (got 29999)',
    ],
    [
      'zero failure threshold',
      { provider: '@a', circuit_breaker: { failure_threshold: 0, cooldown_interval: 30000 } },
      'config.circuit_breaker.failure_threshold',
      'must be an integer ≥ 1',
    ],
    [
      'circuit breaker without cooldown',
      { provider: '@a', circuit_breaker: { failure_threshold: 3 } },
      'config.circuit_breaker',
      'needs cooldown_interval',
    ],
    [
      'cache max_age zero',
      { cache: { mode: 'simple', max_age: 0 } },
      'config.cache.max_age',
      'must be a positive number of seconds (got 0)',
    ],
    [
      'cache max_age as text',
      { cache: { mode: 'simple', max_age: '60' } },
      'config.cache.max_age',
      'must be a positive number of seconds (got "60")',
    ],
    ['cache mode unknown', { cache: { mode: 'exact' } }, 'config.cache.mode', 'must be one of simple, semantic (got "exact")'],
    ['cache without mode', { cache: { max_age: 60 } }, 'config.cache', 'needs mode'],
    ['request_timeout zero', { request_timeout: 0 }, 'config.request_timeout', 'must be an integer ≥ 1 milliseconds (got 0)'],
    ['request_timeout fractional', { request_timeout: 1.5 }, 'config.request_timeout', 'must be an integer ≥ 1'],
    ['request_timeout as text', { request_timeout: '1000' }, 'config.request_timeout', '(got "1000")'],
    // Leaves and providers.
    [
      'a target with no provider',
      { strategy: { mode: 'fallback' }, targets: [leaf('a'), { override_params: { model: 'x' } }] },
      'config.targets[1]',
      'config.targets[1] names no provider',
    ],
    [
      'provider with a space',
      { provider: 'open ai' },
      'config.provider',
      'must be "@provider-slug" (a model catalog provider) or a provider id such as "openai" (got "open ai")',
    ],
    ['provider with a model', { provider: '@openai-prod/gpt-4o' }, 'config.provider', 'must be "@provider-slug"'],
    ['bare @', { provider: '@' }, 'config.provider', 'must be "@provider-slug"'],
    ['provider not a string', { provider: 42 }, 'config.provider', 'must be a string (got 42)'],
    ['virtual key with a slash', { virtual_key: 'a/b' }, 'config.virtual_key', 'must be a provider slug'],
    ['@slug and virtual key', { provider: '@a', virtual_key: 'b' }, 'config', 'has both provider "@slug" and virtual_key'],
    ['api key with a catalog provider', { provider: '@a', api_key: 'sk-x' }, 'config.api_key', 'is not used with a catalog provider'],
    ['passthrough with a provider', { passthrough: true, provider: 'openai' }, 'config.passthrough', 'takes the provider from the request'],
    ['passthrough not boolean', { passthrough: 'true' }, 'config.passthrough', 'must be true or false'],
    [
      'provider on a group',
      { strategy: { mode: 'fallback' }, provider: 'openai', targets: [leaf('a')] },
      'config.provider',
      'is set on a group',
    ],
    ['custom host not a URL', { provider: 'openai', custom_host: 'llm.lan:8000' }, 'config.custom_host', 'must be an http(s) URL'],
    ['custom host ftp', { provider: 'openai', custom_host: 'ftp://llm.lan/' }, 'config.custom_host', 'must be an http(s) URL'],
    [
      'custom host with fragment',
      { provider: 'openai', custom_host: 'http://llm.lan/#x' },
      'config.custom_host',
      'must not have a #fragment',
    ],
    ['empty api key', { api_key: '' }, 'config.api_key', 'must not be empty'],
    [
      'provider option not a string',
      { provider: 'azure-openai', azure_resource_name: 7 },
      'config.azure_resource_name',
      'must be a string (got 7)',
    ],
    [
      'strict compliance not boolean',
      { provider: '@a', strict_open_ai_compliance: 'false' },
      'config.strict_open_ai_compliance',
      'must be true or false',
    ],
    // Params and headers.
    [
      'override_params not an object',
      { provider: '@a', override_params: ['model'] },
      'config.override_params',
      'must be an object (got an array)',
    ],
    ['drop_params with a number', { provider: '@a', drop_params: ['user', 3] }, 'config.drop_params[1]', 'must be a string (got 3)'],
    [
      'forward header with a space',
      { provider: '@a', forward_headers: ['x request'] },
      'config.forward_headers[0]',
      'must be an HTTP header name (got "x request")',
    ],
    [
      'forward header rename missing to',
      { provider: '@a', forward_headers: [{ from: 'x-a' }] },
      'config.forward_headers[0].to',
      'must be a string (got nothing)',
    ],
    [
      'forward header rename with an extra key',
      { provider: '@a', forward_headers: [{ from: 'x-a', to: 'x-b', as: 'x-c' }] },
      'config.forward_headers[0].as',
      'allowed keys: from, to',
    ],
    [
      'forward header as a number',
      { provider: '@a', forward_headers: [1] },
      'config.forward_headers[0]',
      'must be a header name or {from, to} (got 1)',
    ],
    ['guardrail entry a number', { input_guardrails: [1] }, 'config.input_guardrails[0]', 'must be an object (got 1)'],
    ['hooks not objects', { before_request_hooks: ['g1'] }, 'config.before_request_hooks[0]', 'must be an object'],
    // Limits.
    [
      'more than 100 targets',
      { strategy: { mode: 'loadbalance' }, targets: hundredOne },
      'config.targets',
      `has ${MAX_TARGETS_PER_GROUP + 1} entries; at most ${MAX_TARGETS_PER_GROUP} are allowed`,
    ],
    [
      'deeper than 10 levels',
      nested(MAX_CONFIG_DEPTH + 1),
      `config${'.targets[0]'.repeat(MAX_CONFIG_DEPTH)}.targets`,
      `nests targets deeper than ${MAX_CONFIG_DEPTH} levels`,
    ],
    // Node 1001 in walk order: the root, then 61 nodes per group (itself and 60 leaves).
    [
      'more than 1000 nodes',
      { strategy: { mode: 'fallback' }, targets: wide },
      'config.targets[16].targets[22]',
      `larger than ${MAX_CONFIG_NODES} nodes`,
    ],
  ];

  it.each(cases)('%s', (_, config, param, message) => {
    let error: unknown;
    try {
      validateConfig(config);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    const e = error as AppError;
    expect({ status: e.status, errorCode: e.errorCode, param: e.param }).toEqual({ status: 400, errorCode: 'AB01', param });
    expect(e.message).toContain(message);
  });
});

describe('guardrail, hook and mutator keys', () => {
  // Their shape is checked here; the guardrails engine compiles what is inside (guardrails/compile.ts).
  const placements: [string, (key: string, value: unknown) => unknown, string][] = [
    ['at the root', (key, value) => ({ provider: '@a', [key]: value }), 'config'],
    [
      'in a target',
      (key, value) => ({ strategy: { mode: 'fallback' }, targets: [leaf('a'), leaf('b', { [key]: value })] }),
      'config.targets[1]',
    ],
  ];
  const keys: [string, unknown][] = Object.entries(behaviourGuardrails);
  keys.push(['input_guardrails', ['pg-patron-1d0224']]);
  for (const [where, build] of placements) {
    it.each(keys)(`%s ${where} is accepted as written`, (key, value) => {
      const config = validateConfig(build(key, value)) as Record<string, unknown> & { targets?: Record<string, unknown>[] };
      const node = config.targets ? config.targets[1]! : config;
      expect(node[key]).toEqual(value);
    });
  }

  it.each([
    ['a hook that is not an object', { before_request_hooks: ['g1'] }, 'config.before_request_hooks[0]'],
    ['a guardrail list that is not a list', { output_guardrails: 'g1' }, 'config.output_guardrails'],
  ])('refuses %s', (_name, extra, param) => {
    expect(() => validateConfig({ provider: '@a', ...extra })).toThrow(expect.objectContaining({ status: 400, param }));
  });
});
