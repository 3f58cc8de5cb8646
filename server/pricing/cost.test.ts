// computeCost on hand-written pricing entries: each rule of the formula, integration overrides
// and multipliers, and that bad data or unknown models give an unpriced 0 instead of an error.
import { describe, expect, it } from 'vitest';
import { computeCost } from './cost.ts';
import { pickContextTier } from './rates.ts';
import type { ModelPricing, PricingConfig, UsageUnits } from './types.ts';
import { emptyUsage } from './usage.ts';

const usage = (parts: Partial<UsageUnits>): UsageUnits => ({ ...emptyUsage(), ...parts });
const price = (p: number) => ({ price: p });

function model(config: PricingConfig, customPricing: ModelPricing['customPricing'] = null): ModelPricing {
  return { provider: 'test', model: 'm', pricingConfig: config, customPricing };
}

const chat = model({
  pay_as_you_go: {
    request_token: price(0.0001),
    response_token: price(0.0004),
    cache_read_input_token: price(0.00001),
    cache_write_input_token: price(0.000125),
    additional_units: { web_search: price(1), default_steps: price(30) },
  },
});

describe('computeCost', () => {
  it('prices every token kind on its own line, in cents', () => {
    const result = computeCost(chat, usage({ inputTokens: 1000, cacheReadTokens: 2000, cacheWriteTokens: 400, outputTokens: 500 }));
    expect(result).toMatchObject({ priced: true, currency: 'USD', model: 'm', cents: 0.37 });
    expect(result.lines?.map((l) => [l.component, l.units, l.cents])).toEqual([
      ['input', 1000, 0.1],
      ['cache_read', 2000, 0.02],
      ['cache_write', 400, 0.05],
      ['output', 500, 0.2],
    ]);
  });

  it('gives an unknown model 0 cents, marked unpriced', () => {
    expect(computeCost(null, usage({ inputTokens: 1_000_000, outputTokens: 1_000_000 }))).toEqual({
      cents: 0,
      currency: 'USD',
      priced: false,
    });
  });

  it('keeps reasoning inside output unless the model has a reasoning price', () => {
    const plain = computeCost(chat, usage({ outputTokens: 1000, reasoningTokens: 800 }));
    expect(plain.cents).toBe(0.4);
    const qwen = model({
      pay_as_you_go: { request_token: price(0.00004), response_token: price(0.00012), reasoning_token: price(0.0004) },
    });
    const thinking = computeCost(qwen, usage({ outputTokens: 1000, reasoningTokens: 800 }));
    expect(thinking.cents).toBe(0.344); // 200 × 0.00012 + 800 × 0.0004
    expect(thinking.lines?.find((l) => l.component === 'reasoning')).toMatchObject({ rateKey: 'reasoning_token', units: 800 });
  });

  it('falls back to the input or output price for a token kind the file does not price', () => {
    const bare = model({ pay_as_you_go: { request_token: price(0.0001), response_token: price(0.0002) } });
    const result = computeCost(bare, usage({ cacheReadTokens: 100, audioInputTokens: 100, audioOutputTokens: 100 }));
    expect(result.cents).toBe(0.04); // 0.01 + 0.01 + 0.02
  });

  it('uses a price of 0 when the file sets one', () => {
    expect(computeCost(chat, usage({ cacheWriteTokens: 0, cacheReadTokens: 0 })).cents).toBe(0);
    const free = model({ pay_as_you_go: { request_token: price(0.0001), cache_write_input_token: price(0) } });
    expect(computeCost(free, usage({ cacheWriteTokens: 1000 })).cents).toBe(0);
  });

  it('prices audio tokens at their own rates', () => {
    const realtime = model({
      pay_as_you_go: {
        request_token: price(0.0005),
        response_token: price(0.002),
        request_audio_token: price(0.004),
        response_audio_token: price(0.008),
        cache_read_audio_input_token: price(0.00008),
      },
    });
    const result = computeCost(
      realtime,
      usage({ audioInputTokens: 100, cacheReadAudioTokens: 1000, audioOutputTokens: 50, outputTokens: 10 }),
    );
    expect(result.cents).toBe(0.9); // 0.4 + 0.08 + 0.4 + 0.02
  });

  it('multiplies the per-image price by the number of images, falling back to default quality and size', () => {
    const images = model({
      pay_as_you_go: {
        image: { default: { default: price(4), '1024x1024': price(4) }, hd: { default: price(8), '1792x1024': price(12) } },
      },
    });
    expect(computeCost(images, usage({ images: { count: 3, quality: 'hd', size: '1792x1024' } })).cents).toBe(36);
    expect(computeCost(images, usage({ images: { count: 1, quality: 'hd', size: '512x512' } })).cents).toBe(8);
    expect(computeCost(images, usage({ images: { count: 2 } })).cents).toBe(8);
    const none = computeCost(chat, usage({ images: { count: 1 } }));
    expect(none).toMatchObject({ cents: 0, priced: true, unpricedUnits: ['images'] });
  });

  it('prices additional units per call and reports the ones without a price', () => {
    const result = computeCost(chat, usage({ additionalUnits: { web_search: 2, default_steps: 5, teleport: 1 } }));
    expect(result.cents).toBe(2);
    expect(result.unpricedUnits).toEqual(['additional_units.default_steps', 'additional_units.teleport']);
  });

  it('adds a per-request fee where the data has one', () => {
    const online = model({
      pay_as_you_go: { request_token: price(0.0001), response_token: price(0.0001) },
      fixed_cost: { request: price(0.5), response: price(0) },
    });
    const result = computeCost(online, usage({ inputTokens: 1000, outputTokens: 1000 }));
    expect(result.cents).toBe(0.7);
    expect(result.lines?.at(-1)).toMatchObject({ component: 'request_fee', rateKey: 'fixed_cost.request', cents: 0.5 });
  });

  it('halves pay-as-you-go token prices in batch mode unless batch_config names the key', () => {
    const batch = model({ ...chat.pricingConfig, batch_config: { request_token: price(0.00003) } });
    const result = computeCost(batch, usage({ inputTokens: 1000, outputTokens: 1000, additionalUnits: { web_search: 1 } }), {
      executionMode: 'batch',
    });
    expect(result.cents).toBe(1.23); // 0.03 + 0.2 + 1
  });

  it('bills the whole request at the context tier its prompt size selects', () => {
    expect(pickContextTier({ '0': 'lte-200k', '200000': 'gt-200k' }, 200000)).toBe('lte-200k');
    expect(pickContextTier({ '0': 'lte-200k', '200000': 'gt-200k' }, 200001)).toBe('gt-200k');
    expect(pickContextTier({ '0': 'small' }, 0)).toBe('small');
    const tiered = model(chat.pricingConfig, {
      context_tier_map: { '0': 'lte-100', '100': 'gt-100' },
      regions: {
        default: {
          execution_modes: {
            standard: {
              context_tiers: {
                'lte-100': { pricing_config: { pay_as_you_go: { request_token: price(1), response_token: price(1) } } },
                'gt-100': { pricing_config: { pay_as_you_go: { request_token: price(2), response_token: price(3) } } },
              },
            },
          },
        },
      },
    });
    expect(computeCost(tiered, usage({ inputTokens: 100, outputTokens: 1 })).cents).toBe(101);
    // Cached tokens count toward the prompt size; the tier's missing cache price keeps the flat one.
    expect(computeCost(tiered, usage({ inputTokens: 100, cacheReadTokens: 1000, outputTokens: 1 })).cents).toBe(203.01); // 200 + 0.01 + 3
  });

  describe('integration overrides', () => {
    const custom: PricingConfig = { type: 'static', pay_as_you_go: { request_token: price(0.001), response_token: price(0.002) } };

    it('an integration price replaces the file prices it names and keeps the others', () => {
      const result = computeCost(chat, usage({ inputTokens: 1000, cacheReadTokens: 1000, outputTokens: 1000 }), { pricingConfig: custom });
      expect(result.cents).toBe(3.01); // 1 + 0.01 + 2
    });

    it('an integration price prices a model the files do not know', () => {
      const result = computeCost(null, usage({ inputTokens: 1000, outputTokens: 1000 }), { pricingConfig: custom });
      expect(result).toMatchObject({ priced: true, cents: 3 });
      expect(result.model).toBeUndefined();
    });

    it('applies multipliers per key, inheriting default, with null meaning inherit', () => {
      const u = usage({
        inputTokens: 1000,
        cacheReadTokens: 1000,
        cacheWriteTokens: 1000,
        outputTokens: 1000,
        additionalUnits: { web_search: 1 },
      });
      const base = computeCost(chat, u);
      expect(base.cents).toBe(1.635); // 0.1 + 0.01 + 0.125 + 0.4 + 1
      const adjusted = computeCost(chat, u, {
        pricingAdjustments: {
          multiplier: { default: 0.8, cache_read_input_token: 0.5, response_token: null, additional_units: { web_search: 2 } },
        },
      });
      expect(adjusted.cents).toBe(2.505); // 0.08 + 0.005 + 0.1 + 0.32 + 2
      expect(adjusted.lines?.find((l) => l.component === 'input')?.rateCents).toBe(0.00008);
    });

    it('applies the image multiplier, and the default one to request fees', () => {
      const images = model({ pay_as_you_go: { image: { default: { default: price(10) } } }, fixed_cost: { request: price(1) } });
      const result = computeCost(images, usage({ images: { count: 2 } }), {
        pricingAdjustments: { multiplier: { default: 0.5, image: { default: 1.1 } } },
      });
      expect(result.cents).toBe(22.5); // 2 × 10 × 1.1 + 1 × 0.5
    });

    it('a reasoning multiplier applies to reasoning billed at the output price', () => {
      const result = computeCost(chat, usage({ outputTokens: 1000, reasoningTokens: 500 }), {
        pricingAdjustments: { multiplier: { reasoning_token: 0 } },
      });
      expect(result.cents).toBe(0.2);
    });
  });

  it('never throws on malformed prices or usage', () => {
    const junk = model({
      pay_as_you_go: { request_token: { price: 'free' }, response_token: 7, image: [1, 2], additional_units: null } as never,
    });
    const weird = {
      inputTokens: Number.NaN,
      outputTokens: -5,
      images: { count: 2 },
      additionalUnits: { x: Infinity },
    } as unknown as UsageUnits;
    expect(computeCost(junk, weird)).toMatchObject({ cents: 0, priced: true });
    expect(computeCost(chat, usage({ inputTokens: 1000 }), { pricingConfig: 'nope' as never }).cents).toBe(0.1);
  });

  it('adds money exactly where binary floats would not', () => {
    // 0.1 + 0.2 style noise: 3 × 0.1 cents is 0.30000000000000004 in floats.
    const dime = model({ pay_as_you_go: { request_token: price(0.1), response_token: price(0.1) } });
    expect(computeCost(dime, usage({ inputTokens: 1, outputTokens: 2 })).cents).toBe(0.3);
    // Float noise in the data (5.999999999999999e-05) is read as the price it stands for.
    const noisy = model({ pay_as_you_go: { response_token: price(5.999999999999999e-5) } });
    expect(computeCost(noisy, usage({ outputTokens: 1000 })).cents).toBe(0.06);
  });
});
