import { describe, expect, it } from 'vitest';
import { MASK, isSecretName, maskHeaders, maskSecrets } from './secretMask.ts';

describe('isSecretName', () => {
  it.each([
    'key',
    'api_key',
    'apiKey',
    'ApiKey',
    'x-api-key',
    'x-portkey-api-key',
    'openai_key',
    'private_key',
    'aws_secret_access_key',
    'password',
    'newPassword',
    'current_password',
    'secret',
    'client_secret',
    'token',
    'scim_token',
    'accessToken',
    'Authorization',
    'authorization',
    'credentials',
    'gcp_credentials',
    'cookie',
    'vertex_service_account_json',
    'azure_ad_token',
    'session_id',
  ])('%s is secret', (name) => expect(isSecretName(name)).toBe(true));

  it.each([
    'api_key_id',
    'apiKeyId',
    'awsAccessKeyId',
    'secret_reference_ids',
    'max_tokens',
    'key_transition_expires_at',
    'name',
    'workspace_id',
    'scopes',
    'keys',
    'user-agent',
    'content-type',
    'slug',
    'ai_provider_id',
    'aws_auth_type',
    'azureAuthMode',
    'metadata',
    'forward_headers',
  ])('%s is not secret', (name) => expect(isSecretName(name)).toBe(false));
});

describe('maskSecrets', () => {
  it('masks secret fields at any depth, in objects and arrays, and keeps the rest', () => {
    const body = {
      name: 'OpenAI',
      key: 'sk-live-123456789',
      configurations: { aws_secret_access_key: 'AKIA-secret', aws_region: 'eu-west-1', nested: [{ password: 'hunter2' }] },
      scopes: ['workspace_user_api_keys.create'],
      cleared_key: null,
      empty_token: '',
    };
    expect(maskSecrets(body)).toEqual({
      name: 'OpenAI',
      key: MASK,
      configurations: { aws_secret_access_key: MASK, aws_region: 'eu-west-1', nested: [{ password: MASK }] },
      scopes: ['workspace_user_api_keys.create'],
      cleared_key: null,
      empty_token: '',
    });
  });

  it('masks a whole secret object or array, not only strings', () => {
    expect(maskSecrets({ credentials: { client_id: 'a', client_secret: 'b' }, api_key: 1234 })).toEqual({
      credentials: MASK,
      api_key: MASK,
    });
  });

  it('masks JSON carried in a string (a config sent as text) and keeps it a string', () => {
    const config = JSON.stringify({ provider: 'openai', api_key: 'sk-inline-999', targets: [{ api_key: 'sk-2' }] });
    const masked = maskSecrets({ config }) as { config: string };
    expect(typeof masked.config).toBe('string');
    expect(JSON.parse(masked.config)).toEqual({ provider: 'openai', api_key: MASK, targets: [{ api_key: MASK }] });
  });

  it('masks every value of a header bag and bearer credentials anywhere', () => {
    expect(maskSecrets({ custom_headers: { 'x-team': 'a', Authorization: 'Bearer abc' }, note: 'Bearer sk-xyz' })).toEqual({
      custom_headers: { 'x-team': MASK, Authorization: MASK },
      note: MASK,
    });
  });

  it('leaves plain values alone', () => {
    expect(maskSecrets('hello')).toBe('hello');
    expect(maskSecrets(42)).toBe(42);
    expect(maskSecrets(null)).toBe(null);
    expect(maskSecrets('{not json')).toBe('{not json');
  });
});

describe('maskHeaders', () => {
  it('masks credentials and keeps the user agent and content type', () => {
    expect(
      maskHeaders({
        'x-portkey-api-key': 'pk-abc',
        authorization: 'Bearer pk-abc',
        cookie: 'session=1',
        'x-custom': 'Basic dXNlcjpwYXNz',
        'user-agent': 'portkey-ai/3.1',
        'content-type': 'application/json',
        'x-list': ['a', 'Bearer b'],
        absent: undefined,
      }),
    ).toEqual({
      'x-portkey-api-key': MASK,
      authorization: MASK,
      cookie: MASK,
      'x-custom': MASK,
      'user-agent': 'portkey-ai/3.1',
      'content-type': 'application/json',
      'x-list': ['a', MASK],
    });
  });
});
