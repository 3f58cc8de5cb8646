// GET /model-configs/pricing/:provider/:model over HTTP (inject), on a small app that registers
// only this plugin and the appliance's error handling, with the bundled pricing files.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerErrorHandling } from '../../http/errors.ts';
import { validatorCompiler } from '../../http/validation.ts';
import { pricingRoutes } from './routes.ts';
import { createPricingService, type PricingService } from '../../pricing/service.ts';

let app: FastifyInstance;
let pricing: PricingService;

beforeAll(async () => {
  pricing = createPricingService({ reloadIntervalMs: 0 });
  app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  registerErrorHandling(app, 1024 * 1024);
  await app.register(pricingRoutes, { pricing });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  pricing.close();
});

const get = async (url: string) => {
  const res = await app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.json() };
};

describe('GET /model-configs/pricing/:provider/:model', () => {
  it('returns the merged pricing_config in cents per token, with the provider default under it', async () => {
    const res = await get('/model-configs/pricing/openai/gpt-4o');
    expect(res.status).toBe(200);
    expect(res.body.pay_as_you_go).toMatchObject({
      request_token: { price: 0.00025 },
      response_token: { price: 0.001 },
      cache_read_input_token: { price: 0.000125 },
      request_audio_token: { price: 0 },
    });
    expect(res.body.batch_config).toEqual({ request_token: { price: 0.000125 }, response_token: { price: 0.0005 } });
    expect(res.body.currency).toBe('USD');
  });

  it('accepts model ids with colons, slashes and dated suffixes', async () => {
    const bedrock = await get('/model-configs/pricing/bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(bedrock.body.pay_as_you_go.request_token).toEqual({ price: 0.0003 });
    const encoded = await get('/model-configs/pricing/bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0');
    expect(encoded.status).toBe(200);
    const slashed = await get('/model-configs/pricing/openai/openai/gpt-4o-2024-08-06');
    expect(slashed.body.pay_as_you_go.request_token).toEqual({ price: 0.0025 / 10 });
  });

  it('needs no API key', async () => {
    expect((await get('/model-configs/pricing/anthropic/claude-sonnet-4-5-20250929')).status).toBe(200);
  });

  it('answers 404 in the Admin envelope, naming the provider and model', async () => {
    const res = await get('/model-configs/pricing/openai/no-such-model');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      success: false,
      data: { errorCode: 'AB08', message: 'No pricing found for model "no-such-model" of provider "openai"' },
    });
    expect((await get('/model-configs/pricing/nowhere/gpt-4o')).body.data.message).toContain('"nowhere"');
  });
});
