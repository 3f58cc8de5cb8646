// Table tests of the checks on the request itself: models, metadata, request types, tools and
// parameters, and addPrefix's changes.
import { describe, expect, it } from 'vitest';
import { chatRequest, check, type Case } from '../../../test/kits/guardrails.ts';

type Row = [name: string, params: Record<string, unknown>, c: Case, verdict: boolean];

async function table(id: string, rows: Row[]) {
  for (const [name, params, c, verdict] of rows) {
    const v = await check(id, params)(c);
    expect({ name, verdict: v.verdict }).toEqual({ name, verdict });
  }
}

describe('default.modelWhitelist', () => {
  it('matches the model as written or bare, with * wildcards', () =>
    table('default.modelWhitelist', [
      ['listed', { models: ['gpt-4o'] }, { model: 'gpt-4o' }, true],
      ['catalog form, bare listed', { models: ['gpt-4o'] }, { model: '@openai-prod/gpt-4o' }, true],
      ['catalog form listed', { models: ['@openai-prod/gpt-4o'] }, { model: '@openai-prod/gpt-4o' }, true],
      ['other provider slug not listed', { models: ['@openai-prod/gpt-4o'] }, { model: '@other/gpt-4o' }, false],
      ['not listed', { models: ['gpt-4o'] }, { model: 'gpt-4o-mini' }, false],
      ['wildcard', { models: ['gpt-4o*'] }, { model: 'gpt-4o-mini' }, true],
      ['wildcard is not a regex', { models: ['gpt.4o'] }, { model: 'gpt-4o' }, false],
      ['no model', { models: ['*'] }, { model: null }, false],
      ['not: blocked list', { models: ['gpt-4o'], not: true }, { model: 'gpt-4o' }, false],
    ]));
});

describe('default.modelRules', () => {
  const rules = {
    defaults: ['gpt-4o-mini'],
    metadata: { tier: { pro: ['gpt-4o', 'claude-*'], free: ['gpt-4o-mini'] }, team: { research: ['o1'] } },
  };
  it('uses the matching metadata rules, else the defaults', () =>
    table('default.modelRules', [
      ['defaults without metadata', { rules }, { model: 'gpt-4o-mini' }, true],
      ['defaults refuse others', { rules }, { model: 'gpt-4o' }, false],
      ['pro tier gets gpt-4o', { rules }, { model: 'gpt-4o', metadata: { tier: 'pro' } }, true],
      ['pro tier wildcard', { rules }, { model: '@anthropic/claude-sonnet', metadata: { tier: 'pro' } }, true],
      ['pro tier does not fall back to defaults', { rules }, { model: 'gpt-4o-mini', metadata: { tier: 'pro' } }, false],
      ['two rules add up', { rules }, { model: 'o1', metadata: { tier: 'pro', team: 'research' } }, true],
      ['unknown value uses defaults', { rules }, { model: 'gpt-4o-mini', metadata: { tier: 'gold' } }, true],
      ['not: the rule blocks', { rules, not: true }, { model: 'gpt-4o', metadata: { tier: 'pro' } }, false],
      ['wildcard all', { rules: { defaults: ['*'] } }, { model: 'anything' }, true],
    ]));
});

describe('metadata checks', () => {
  it('default.requiredMetadataKeys', () =>
    table('default.requiredMetadataKeys', [
      ['all present', { metadataKeys: ['a', 'b'] }, { metadata: { a: '1', b: '2' } }, true],
      ['all: one missing', { metadataKeys: ['a', 'b'] }, { metadata: { a: '1' } }, false],
      ['any: one present', { metadataKeys: ['a', 'b'], operator: 'any' }, { metadata: { b: '1' } }, true],
      ['any: none', { metadataKeys: ['a', 'b'], operator: 'any' }, { metadata: {} }, false],
      ['none: none present', { metadataKeys: ['debug'], operator: 'none' }, { metadata: { a: '1' } }, true],
      ['none: present', { metadataKeys: ['debug'], operator: 'none' }, { metadata: { debug: 'x' } }, false],
    ]));

  it('default.requiredMetadataKeyPairs with each match type', () =>
    table('default.requiredMetadataKeyPairs', [
      ['exact: holds', { metadataPairs: { env: 'prod' } }, { metadata: { env: 'prod' } }, true],
      ['exact: other value', { metadataPairs: { env: 'prod' } }, { metadata: { env: 'production' } }, false],
      ['exact: missing key', { metadataPairs: { env: 'prod' } }, { metadata: {} }, false],
      ['exact: one of a list', { metadataPairs: { env: ['prod', 'staging'] } }, { metadata: { env: 'staging' } }, true],
      ['contains', { metadataPairs: { env: 'prod' }, matchType: 'contains' }, { metadata: { env: 'production' } }, true],
      [
        'containsAll: every part',
        { metadataPairs: { roles: ['admin', 'billing'] }, matchType: 'containsAll' },
        { metadata: { roles: 'admin,billing,ops' } },
        true,
      ],
      [
        'containsAll: one part missing',
        { metadataPairs: { roles: ['admin', 'billing'] }, matchType: 'containsAll' },
        { metadata: { roles: 'admin,ops' } },
        false,
      ],
      ['regex', { metadataPairs: { tenant: '^t-\\d{4}$' }, matchType: 'regex' }, { metadata: { tenant: 't-0042' } }, true],
      ['regex: no match', { metadataPairs: { tenant: '^t-\\d{4}$' }, matchType: 'regex' }, { metadata: { tenant: 't-42' } }, false],
      ['all: both', { metadataPairs: { a: '1', b: '2' } }, { metadata: { a: '1', b: '2' } }, true],
      ['all: one wrong', { metadataPairs: { a: '1', b: '2' } }, { metadata: { a: '1', b: '3' } }, false],
      ['any: one holds', { metadataPairs: { a: '1', b: '2' }, operator: 'any' }, { metadata: { a: '1', b: '3' } }, true],
      ['none: none hold', { metadataPairs: { env: 'prod' }, operator: 'none' }, { metadata: { env: 'dev' } }, true],
      ['none: one holds', { metadataPairs: { env: 'prod' }, operator: 'none' }, { metadata: { env: 'prod' } }, false],
    ]));

  it('refuses a risky regex in a pair', () =>
    expect(() => check('default.requiredMetadataKeyPairs', { metadataPairs: { a: '(x+)+' }, matchType: 'regex' })).toThrow(
      /metadataPairs\.a/,
    ));
});

describe('default.allowedRequestTypes', () => {
  it('allow-list, block-list (which wins) and the metadata fallback', () =>
    table('default.allowedRequestTypes', [
      ['allowed', { allowedTypes: ['chatComplete', 'embed'] }, { requestType: 'chatComplete' }, true],
      ['not allowed', { allowedTypes: ['chatComplete'] }, { requestType: 'embed', request: { input: 'x' } }, false],
      ['blocked', { blockedTypes: ['proxy'] }, { requestType: 'proxy', request: null }, false],
      ['not blocked', { blockedTypes: ['proxy'] }, { requestType: 'chatComplete' }, true],
      [
        'blocked wins over allowed',
        { allowedTypes: ['embed'], blockedTypes: ['embed'] },
        { requestType: 'embed', request: { input: 'x' } },
        false,
      ],
      ['comma string', { allowedTypes: 'chatComplete, messages' }, { requestType: 'messages', request: { messages: [] } }, true],
      [
        'metadata fallback allows',
        {},
        { requestType: 'embed', request: { input: 'x' }, metadata: { supported_endpoints: 'embed,chatComplete' } },
        true,
      ],
      [
        'metadata fallback refuses',
        {},
        { requestType: 'createModelResponse', request: { input: 'x' }, metadata: { supported_endpoints: 'embed' } },
        false,
      ],
      ['nothing set passes', {}, { requestType: 'rerank', request: { query: 'x' } }, true],
    ]));
  it('refuses an unknown request type', () => {
    expect(() => check('default.allowedRequestTypes', { allowedTypes: ['chat'] })).toThrow(/must be one of|unknown request type/);
    expect(() => check('default.allowedRequestTypes', { allowedTypes: 'chat' })).toThrow(/unknown request type "chat"/);
  });
});

describe('default.requestParametersCheck', () => {
  const fnTool = (name: string) => ({ type: 'function', function: { name, parameters: {} } });
  it('tools by type and function name, parameters by key and value', () =>
    table('default.requestParametersCheck', [
      [
        'allowed function',
        { tools: { allowedFunctionNames: ['search'] } },
        { request: chatRequest('x', { tools: [fnTool('search')] }) },
        true,
      ],
      [
        'function not allowed',
        { tools: { allowedFunctionNames: ['search'] } },
        { request: chatRequest('x', { tools: [fnTool('exec_shell')] }) },
        false,
      ],
      [
        'blocked function',
        { tools: { blockedFunctionNames: ['exec_shell'] } },
        { request: chatRequest('x', { tools: [fnTool('exec_shell')] }) },
        false,
      ],
      [
        'blocked tool type',
        { tools: { blockedTypes: ['code_interpreter'] } },
        { request: chatRequest('x', { tools: [{ type: 'code_interpreter' }] }) },
        false,
      ],
      [
        'anthropic tool by name',
        { tools: { blockedFunctionNames: ['bash'] } },
        { request: { messages: [], tools: [{ name: 'bash', input_schema: {} }] }, requestType: 'messages' },
        false,
      ],
      ['no tools passes', { tools: { allowedFunctionNames: ['search'] } }, { request: chatRequest('x') }, true],
      ['blocked key', { params: { blockedKeys: ['logit_bias'] } }, { request: chatRequest('x', { logit_bias: { 1: 2 } }) }, false],
      [
        'allowed keys (model and messages implied)',
        { params: { allowedKeys: ['temperature'] } },
        { request: chatRequest('x', { temperature: 0.2 }) },
        true,
      ],
      ['key outside the allowed keys', { params: { allowedKeys: ['temperature'] } }, { request: chatRequest('x', { top_p: 0.2 }) }, false],
      [
        'allowed value',
        { params: { values: { max_tokens: { allowedValues: [256, 512] } } } },
        { request: chatRequest('x', { max_tokens: 256 }) },
        true,
      ],
      [
        'value not allowed',
        { params: { values: { max_tokens: { allowedValues: [256, 512] } } } },
        { request: chatRequest('x', { max_tokens: 4096 }) },
        false,
      ],
      ['blocked value', { params: { values: { model: { blockedValues: ['gpt-4o'] } } } }, { request: chatRequest('x') }, false],
    ]));
});

describe('default.addPrefix', () => {
  const run = (params: Record<string, unknown>, c: Case) => check('default.addPrefix', params)(c);

  it('prefixes the latest user message', async () => {
    const v = await run(
      { prefix: 'Be brief. ' },
      {
        request: {
          messages: [
            { role: 'user', content: 'one' },
            { role: 'assistant', content: 'a' },
            { role: 'user', content: 'two' },
          ],
        },
      },
    );
    expect(v.verdict).toBe(true);
    expect((v.body as { messages: unknown[] }).messages).toEqual([
      { role: 'user', content: 'one' },
      { role: 'assistant', content: 'a' },
      { role: 'user', content: 'Be brief. two' },
    ]);
  });

  it('adds a system message when there is none, or prefixes the existing one', async () => {
    const none = await run({ prefix: 'Policy.', applyToRole: 'system' }, { request: { messages: [{ role: 'user', content: 'hi' }] } });
    expect((none.body as { messages: unknown[] }).messages[0]).toEqual({ role: 'system', content: 'Policy.' });
    const existing = await run(
      { prefix: 'Policy. ', applyToRole: 'system' },
      {
        request: {
          messages: [
            { role: 'system', content: 'Be nice' },
            { role: 'user', content: 'hi' },
          ],
        },
      },
    );
    expect((existing.body as { messages: unknown[] }).messages[0]).toEqual({ role: 'system', content: 'Policy. Be nice' });
  });

  it('onlyIfEmpty leaves a request that has the role alone; addToExisting false inserts a message', async () => {
    const left = await run(
      { prefix: 'P', applyToRole: 'system', onlyIfEmpty: true },
      { request: { messages: [{ role: 'system', content: 'S' }] } },
    );
    expect(left.body).toBeUndefined();
    const separate = await run({ prefix: 'P', addToExisting: false }, { request: { messages: [{ role: 'user', content: 'U' }] } });
    expect((separate.body as { messages: unknown[] }).messages).toEqual([
      { role: 'user', content: 'P' },
      { role: 'user', content: 'U' },
    ]);
  });

  it('prefixes text parts, completions prompts and the Messages API system prompt', async () => {
    const parts = await run({ prefix: 'P: ' }, { request: { messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }] } });
    expect((parts.body as { messages: { content: unknown }[] }).messages[0]!.content).toEqual([
      { type: 'text', text: 'P: ' },
      { type: 'text', text: 'x' },
    ]);
    const prompt = await run({ prefix: 'P: ' }, { request: { prompt: 'x' }, requestType: 'complete' });
    expect(prompt.body).toEqual({ prompt: 'P: x' });
    const system = await run({ prefix: 'P. ', applyToRole: 'system' }, { request: { system: 'S', messages: [] }, requestType: 'messages' });
    expect((system.body as { system: unknown }).system).toBe('P. S');
  });
});
