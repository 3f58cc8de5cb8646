// The model-name matching rule as a table: what clients send -> which pricing key it resolves to.
import { describe, expect, it } from 'vitest';
import { findModelKey, indexProvider } from './lookup.ts';
import type { ProviderFile } from './types.ts';

function file(...keys: string[]): ProviderFile {
  return Object.fromEntries(['default', ...keys].map((k) => [k, { pricing_config: { pay_as_you_go: {} } }]));
}

const openai = indexProvider('openai', file('gpt-4o', 'gpt-4o-2024-05-13', 'gpt-4o-mini', 'gpt-4', 'o3', 'GPT-Weird'));
const bedrock = indexProvider('bedrock', file('anthropic.claude-sonnet-4-5-20250929-v1:0', 'amazon.nova-pro-v1:0'));
const vertex = indexProvider('vertex-ai', file('claude-3-5-sonnet', 'gemini-2.5-pro'));
const google = indexProvider(
  'google',
  file(
    'gemini-2.0-flash-lite',
    'gemini-2.5-pro-lte-128k',
    'gemini-2.5-pro-gt-128k',
    'gemini-x-lte-200k',
    'gemini-x-gt-200k',
    'gemini-x-lte-128k',
    'gemini-x-gt-128k',
  ),
);
const azure = indexProvider('azure-openai', file('gpt-4o', 'gpt-4o-mini', 'gpt-35-turbo'));

describe('findModelKey', () => {
  it.each([
    ['exact name', openai, 'gpt-4o', 0, 'gpt-4o'],
    ['an exact dated key beats the base model', openai, 'gpt-4o-2024-05-13', 0, 'gpt-4o-2024-05-13'],
    ['case-insensitive', openai, 'GPT-4o-Mini', 0, 'gpt-4o-mini'],
    ['case-insensitive to a mixed-case key', openai, 'gpt-weird', 0, 'GPT-Weird'],
    ['a dated snapshot falls back to its base model', openai, 'gpt-4o-2024-08-06', 0, 'gpt-4o'],
    ['a compact date too', openai, 'o3-20250416', 0, 'o3'],
    ['a 4-digit snapshot', openai, 'gpt-4-0613', 0, 'gpt-4'],
    ['a provider path', openai, 'openai/gpt-4o', 0, 'gpt-4o'],
    ['a Bedrock geography prefix', bedrock, 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', 0, 'anthropic.claude-sonnet-4-5-20250929-v1:0'],
    ['global prefix', bedrock, 'global.amazon.nova-pro-v1:0', 0, 'amazon.nova-pro-v1:0'],
    ['a foundation-model ARN', bedrock, 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0', 0, 'amazon.nova-pro-v1:0'],
    ['a Vertex @date', vertex, 'claude-3-5-sonnet@20240620', 0, 'claude-3-5-sonnet'],
    ['a Gemini models/ path', vertex, 'models/gemini-2.5-pro', 0, 'gemini-2.5-pro'],
    ['a key-suffix tier, small prompt', google, 'gemini-2.5-pro', 1000, 'gemini-2.5-pro-lte-128k'],
    ['a key-suffix tier, at the threshold', google, 'gemini-2.5-pro', 128000, 'gemini-2.5-pro-lte-128k'],
    ['a key-suffix tier, large prompt', google, 'gemini-2.5-pro', 128001, 'gemini-2.5-pro-gt-128k'],
    ['a plain key beats tiered keys', google, 'gemini-2.0-flash-lite', 500000, 'gemini-2.0-flash-lite'],
    ['two tier schemes: the lower threshold wins', google, 'gemini-x', 150000, 'gemini-x-gt-128k'],
    ['an Azure deployment named after its model', azure, 'gpt-4o-mini-prod', 0, 'gpt-4o-mini'],
    ['an Azure deployment with a dated name', azure, 'gpt-4o-2024-11-20', 0, 'gpt-4o'],
    ['an Azure deployment with an underscore', azure, 'gpt-35-turbo_eastus', 0, 'gpt-35-turbo'],
  ])('%s: %s', (_label, table, model, promptTokens, expected) => {
    expect(findModelKey(table, model, promptTokens)).toBe(expected);
  });

  it.each([
    ['an unknown model', openai, 'llama-3-70b'],
    ['the default key is not a model', openai, 'default'],
    ['no prefix guessing outside Azure', openai, 'gpt-4o-mini-custom'],
    ['an Azure name that only shares letters', azure, 'gpt-4oo'],
    ['an Azure deployment with an unrelated name', azure, 'prod-chat'],
  ])('%s is not priced', (_label, table, model) => {
    expect(findModelKey(table, model)).toBeNull();
  });
});
