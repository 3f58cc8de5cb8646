// The reference requests of shared/pricing/worked-examples.json, priced from the bundled files
// through the same normalisers the gateway uses: every expected cent must match.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createPricingService } from './service.ts';
import type { CostOverrides, UsageUnits } from './types.ts';
import { emptyUsage, usageFromAnthropic, usageFromBedrockConverse, usageFromOpenAI } from './usage.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
// A copy lives beside the tests so CI needs no ../shared; the last test checks it has not drifted.
const FIXTURE = path.join(here, 'testdata/worked-examples.json');
const SHARED = path.resolve(here, '../../../shared/pricing/worked-examples.json');

interface Example {
  id: string;
  description: string;
  portkey_source: string;
  usage: Record<string, number | string>;
  expected_cost_cents: string;
}

const examples = (JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as { examples: Example[] }).examples;
const pricing = createPricingService({ reloadIntervalMs: 0 });
afterAll(() => pricing.close());

/** `pricing/openai.json#gpt-4o .pricing_config…` -> provider and model key. */
function source(example: Example): { provider: string; model: string } {
  const m = /^pricing\/([^.]+)\.json#(\S+)/.exec(example.portkey_source);
  if (!m) throw new Error(`cannot read ${example.portkey_source}`);
  return { provider: m[1]!, model: m[2]! };
}

/** Each example's usage is written in its provider's own shape; pick the matching normaliser. */
function usageOf(example: Example): { usage: UsageUnits; overrides: CostOverrides } {
  const u = example.usage;
  const num = (key: string) => (typeof u[key] === 'number' ? (u[key] as number) : undefined);
  const overrides: CostOverrides = u.execution_mode === 'batch' ? { executionMode: 'batch' } : {};
  if (num('images') !== undefined) {
    return {
      usage: { ...emptyUsage(), images: { count: num('images')!, quality: String(u.quality), size: String(u.size) } },
      overrides,
    };
  }
  if (num('inputTokens') !== undefined) return { usage: usageFromBedrockConverse(u as never), overrides };
  if (num('input_tokens') !== undefined) return { usage: usageFromAnthropic(u as never), overrides };
  return {
    usage: usageFromOpenAI({
      prompt_tokens: num('prompt_tokens'),
      completion_tokens: num('completion_tokens'),
      prompt_tokens_details: { cached_tokens: num('cached_tokens') ?? 0 },
      completion_tokens_details: { reasoning_tokens: num('reasoning_tokens') ?? 0 },
    }),
    overrides,
  };
}

function expectCents(actual: number, expected: string) {
  const want = Number(expected);
  expect(Math.abs(actual - want)).toBeLessThanOrEqual(Math.abs(want) * 1e-9);
}

describe('worked examples (shared/pricing/worked-examples.json)', () => {
  it('covers all ten examples', () =>
    expect(examples.map((e) => e.id)).toEqual(['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8', 'E9', 'E10']));

  it.each(examples.map((e) => [e.id, e.description, e] as const))('%s %s', (_id, _description, example) => {
    const { provider, model } = source(example);
    const { usage, overrides } = usageOf(example);
    const result = pricing.cost(provider, model, usage, overrides);
    expect(result).toMatchObject({ priced: true, currency: 'USD', model });
    expectCents(result.cents, example.expected_cost_cents);
    // The exact decimal arithmetic lands on the decimal the example states.
    expect(result.cents).toBe(Number(example.expected_cost_cents));
  });

  describe("the variants in the examples' notes", () => {
    const openai = (prompt: number, completion: number) => usageFromOpenAI({ prompt_tokens: prompt, completion_tokens: completion });

    it('E4 with a 1-hour cache write uses additional_units.cache_write_1h: 9.75 cents', () => {
      const usage = usageFromAnthropic({
        input_tokens: 2000,
        cache_creation_input_tokens: 10000,
        cache_read_input_tokens: 30000,
        output_tokens: 1500,
        cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 10000 },
      });
      expectCents(pricing.cost('anthropic', 'claude-sonnet-4-5-20250929', usage).cents, '9.75');
    });

    it('E5 below the 200k tier is billed at the lower rate: 20.75 cents', () => {
      expectCents(pricing.cost('vertex-ai', 'gemini-2.5-pro', openai(150000, 2000)).cents, '20.75');
    });

    it('E6 through the Batch API uses batch_config: 0.05 cents', () => {
      const result = pricing.cost('openai', 'text-embedding-3-small', usageFromOpenAI({ prompt_tokens: 50000, total_tokens: 50000 }), {
        executionMode: 'batch',
      });
      expectCents(result.cents, '0.05');
    });

    it('E8 with the us. cross-region id costs the same as the plain id (Portkey strips the prefix)', () => {
      const usage = usageFromBedrockConverse({
        inputTokens: 8000,
        cacheReadInputTokens: 20000,
        cacheWriteInputTokens: 0,
        outputTokens: 1000,
      });
      const result = pricing.cost('bedrock', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', usage);
      expect(result.model).toBe('anthropic.claude-sonnet-4-5-20250929-v1:0');
      expectCents(result.cents, '4.5');
    });

    it('E8 region example: amazon.nova-pro-v1:0 costs 1.12 cents by default and 1.344 in ap-northeast-1', () => {
      const usage = usageFromBedrockConverse({ inputTokens: 10000, outputTokens: 1000 });
      expectCents(pricing.cost('bedrock', 'amazon.nova-pro-v1:0', usage).cents, '1.12');
      expectCents(pricing.cost('bedrock', 'amazon.nova-pro-v1:0', usage, { region: 'ap-northeast-1' }).cents, '1.344');
    });

    it('E10 on the priority tier uses custom_pricing: 6.46 cents', () => {
      expectCents(pricing.cost('openai', 'gpt-4o', openai(12000, 800), { executionMode: 'priority' }).cents, '6.46');
    });
  });

  it.runIf(fs.existsSync(SHARED))('the fixture is a faithful copy of the shared file', () => {
    expect(fs.readFileSync(FIXTURE, 'utf8')).toBe(fs.readFileSync(SHARED, 'utf8'));
  });
});
