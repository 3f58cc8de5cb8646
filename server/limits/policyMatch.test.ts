// Policy conditions and grouping (spec §2.8), as a table: AND between conditions, OR within a
// condition's values, `*` and glob wildcards (`@anthropic/*`), excludes, and value keys.
import { describe, expect, it } from 'vitest';
import { type MatchFacts, type PolicyCondition, compilePolicy, endpointType } from './policyMatch.ts';

const facts: MatchFacts = {
  api_key: 'key-1',
  workspace_id: 'ws-uuid',
  workspace_slug: 'ws-research',
  metadata: { _user: 'alice', team: 'search' },
  model: '@anthropic/claude-3-5-sonnet',
  endpoint_type: 'chatComplete',
  config: 'pc-prod',
  prompt: null,
  virtual_key: 'anthropic',
  ai_provider: 'anthropic',
};

const matches = (conditions: PolicyCondition[], f: MatchFacts = facts) => compilePolicy({}, conditions, []).matches(f);

describe('policy conditions', () => {
  it.each<[string, PolicyCondition[], boolean]>([
    ['* on a key the request has', [{ key: 'api_key', value: '*' }], true],
    ['exact api key', [{ key: 'api_key', value: 'key-1' }], true],
    ['another api key', [{ key: 'api_key', value: 'key-2' }], false],
    ['workspace by slug', [{ key: 'workspace_id', value: 'ws-research' }], true],
    ['workspace by id', [{ key: 'workspace_id', value: 'ws-uuid' }], true],
    ['OR within values', [{ key: 'metadata.team', value: ['billing', 'search'] }], true],
    [
      'AND between conditions, one fails',
      [
        { key: 'metadata.team', value: 'search' },
        { key: 'metadata._user', value: 'bob' },
      ],
      false,
    ],
    ['* needs the key to be there', [{ key: 'metadata.env', value: '*' }], false],
    ['model wildcard @anthropic/*', [{ key: 'model', value: '@anthropic/*' }], true],
    ['model wildcard of another provider', [{ key: 'model', value: '@openai/*' }], false],
    ['glob inside a value', [{ key: 'model', value: '*claude-3*' }], true],
    ['excludes subtracts', [{ key: 'metadata._user', value: '*', excludes: 'alice' }], false],
    ['excludes of someone else', [{ key: 'metadata._user', value: '*', excludes: ['bob', 'carol'] }], true],
    ['workspace excluded by slug', [{ key: 'workspace_id', value: '*', excludes: 'ws-research' }], false],
    ['endpoint type', [{ key: 'endpoint_type', value: 'embed' }], false],
    ['config', [{ key: 'config', value: 'pc-*' }], true],
    ['prompt absent', [{ key: 'prompt', value: '*' }], false],
    ['provider as @slug', [{ key: 'provider', value: '@anthropic' }], true],
    ['virtual_key as slug', [{ key: 'virtual_key', value: 'anthropic' }], true],
    ['regex characters are literal', [{ key: 'metadata.team', value: 's.arch' }], false],
  ])('%s', (_, conditions, expected) => {
    expect(matches(conditions)).toBe(expected);
  });

  it('knows which policies need the target before they can match', () => {
    expect(compilePolicy({}, [{ key: 'api_key', value: '*' }], [{ key: 'metadata._user' }]).targetLevel).toBe(false);
    expect(compilePolicy({}, [{ key: 'provider', value: '@vllm' }], [{ key: 'api_key' }]).targetLevel).toBe(true);
    expect(compilePolicy({}, [{ key: 'api_key', value: '*' }], [{ key: 'virtual_key' }]).targetLevel).toBe(true);
  });
});

describe('value keys', () => {
  it('name each group_by combination; a missing value groups as empty; separators in values are escaped', () => {
    const p = compilePolicy({}, [{ key: 'api_key', value: '*' }], [{ key: 'metadata._user' }, { key: 'api_key' }]);
    expect(p.valueKey(facts)).toBe('metadata._user:alice|api_key:key-1');
    expect(p.valueKey({ ...facts, metadata: {} })).toBe('metadata._user:|api_key:key-1');
    const sneaky = { ...facts, metadata: { _user: 'alice|api_key:key-1' } };
    expect(p.valueKey(sneaky)).not.toBe(p.valueKey(facts));
    expect(compilePolicy({}, [], [{ key: 'workspace_id' }]).valueKey(facts)).toBe('workspace_id:ws-uuid');
  });
});

describe('endpoint types', () => {
  it.each([
    ['chatComplete', '/chat/completions', 'chatComplete'],
    ['proxy', '/images/generations', 'imageGenerate'],
    ['proxy', '/audio/transcriptions', 'createTranscription'],
    ['proxy', '/responses', 'createModelResponse'],
    ['proxy', '/files', 'proxy'],
  ])('%s %s -> %s', (endpoint, path, type) => {
    expect(endpointType(endpoint, path)).toBe(type);
  });
});
