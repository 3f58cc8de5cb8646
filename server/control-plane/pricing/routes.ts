// Public model-pricing route (spec §2.16): GET /model-configs/pricing/:provider/:model, no auth and
// no /v1 prefix, returning the model's merged pricing_config (prices in US cents per unit). The
// console's view of the files is adminRoutes.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { notFound } from '../../errors.ts';
import { AnyObject } from '../../http/schemas.ts';
import type { PricingService } from '../../pricing/service.ts';

export interface PricingRoutesOptions {
  pricing: PricingService;
}

// Model ids may contain `/` (OpenRouter `openai/gpt-4o`) and `:` (Bedrock `…-v1:0`), so the
// model is the wildcard rest of the path rather than a single segment.
const PricingParams = Type.Object({
  provider: Type.String({ minLength: 1, maxLength: 100 }),
  '*': Type.String({ minLength: 1, maxLength: 500 }),
});

export const pricingRoutes: FastifyPluginAsyncTypebox<PricingRoutesOptions> = async (app, options) => {
  const { pricing } = options;

  app.get(
    '/model-configs/pricing/:provider/*',
    {
      config: { auth: 'public', surface: 'admin' },
      schema: { params: PricingParams, response: { 200: AnyObject } },
    },
    async (req) => {
      const provider = req.params.provider;
      const model = req.params['*'];
      const config = pricing.pricingConfig(provider, model);
      if (!config) throw notFound(`No pricing found for model "${model}" of provider "${provider}"`);
      return config;
    },
  );
};
