// Public model-pricing route (spec §2.16): GET /model-configs/pricing/:provider/:model, no auth and
// no /v1 prefix, returning the model's merged pricing_config (prices in US cents per unit). And
// GET /v1/admin/pricing/sources for the console: which file each provider's prices come from.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
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

/** The service's layer names, as the console shows them. */
const LAYER_IDS: Record<string, 'bundled' | 'local' | 'data'> = {
  bundled: 'bundled',
  MODEL_CONFIGS_PRICING_LOCAL_PATH: 'local',
  data: 'data',
};
const LayerId = Type.Enum(['bundled', 'local', 'data']);
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const PricingSourcesView = Type.Object({
  object: Type.Literal('pricing_sources'),
  /** Lowest precedence first: data-dir files override MODEL_CONFIGS_PRICING_LOCAL_PATH, which overrides the bundled ones. */
  layers: Type.Array(Type.Object({ id: LayerId, name: Type.String(), dir: Nullable(Type.String()), exists: Type.Boolean() })),
  providers: Type.Array(
    Type.Object({
      provider: Type.String(),
      /** The layer of the last readable file: where prices it lists come from (earlier files fill the rest). */
      source: Nullable(LayerId),
      files: Type.Array(
        Type.Object({ layer: LayerId, file: Type.String(), models: Nullable(Type.Integer()), error: Nullable(Type.String()) }),
      ),
    }),
  ),
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

  app.get('/v1/admin/pricing/sources', { schema: { response: { 200: PricingSourcesView } } }, async () => {
    const { layers, providers } = pricing.sources();
    const id = (name: string) => LAYER_IDS[name] ?? 'data';
    return {
      object: 'pricing_sources' as const,
      layers: layers.map((l) => ({ id: id(l.name), name: l.name, dir: l.dir, exists: l.exists })),
      providers: [...providers]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([provider, files]) => {
          const readable = files.filter((f) => f.error === null);
          return {
            provider,
            source: readable.length ? id(readable.at(-1)!.layer) : null,
            files: files.map((f) => ({ layer: id(f.layer), file: f.file, models: f.models, error: f.error })),
          };
        }),
    };
  });
};
