// The console's view of the pricing files over HTTP (inject), on a small app with only these routes:
// the folders read (where an admin drops files), every file with its checksum and state, and which
// file each price comes from, across the bundled, MODEL_CONFIGS_PRICING_LOCAL_PATH and data layers.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { pricingAdminRoutes } from './adminRoutes.ts';
import { BUNDLED_PRICING_DIR, createPricingService } from '../../pricing/service.ts';
import { makeTempDir, removeDir } from '../../../test/helpers/dataDir.ts';

const sha = (bytes: string | Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

describe('GET /v1/admin/pricing/files and /prices', () => {
  it('lists the folders, each file with its checksum and state, and the file each price comes from', async () => {
    const local = makeTempDir('pricing-local');
    const data = makeTempDir('pricing-data');
    const openai = JSON.stringify({ 'gpt-4o': { pricing_config: { pay_as_you_go: { request_token: { price: 1 } } } } });
    fs.writeFileSync(path.join(local, 'openai.json'), openai);
    fs.mkdirSync(path.join(data, 'pricing'));
    fs.writeFileSync(
      path.join(data, 'pricing', 'vllm.json'),
      JSON.stringify({ default: { pricing_config: {} }, 'llama-3.1-8b': { pricing_config: {} }, 'qwen2.5-7b': { pricing_config: {} } }),
    );
    fs.writeFileSync(path.join(data, 'pricing', 'ollama.json'), '{ not json');
    const pricing = createPricingService({ reloadIntervalMs: 0, localDir: local, dataDir: data, log: { warn: () => undefined } });
    const app = Fastify();
    await app.register(pricingAdminRoutes(pricing), { prefix: '/v1' });
    try {
      const res = await app.inject({ method: 'GET', url: '/v1/admin/pricing/files' });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.folders).toEqual([
        { layer: 'bundled', dir: BUNDLED_PRICING_DIR, exists: true },
        { layer: 'MODEL_CONFIGS_PRICING_LOCAL_PATH', dir: local, exists: true },
        { layer: 'data', dir: path.join(data, 'pricing'), exists: true },
      ]);
      type File = { layer: string; name: string; provider: string };
      const of = (layer: string, name: string) => body.data.find((f: File) => f.layer === layer && f.name === name);
      expect(of('MODEL_CONFIGS_PRICING_LOCAL_PATH', 'openai.json')).toMatchObject({
        path: path.join(local, 'openai.json'),
        provider: 'openai',
        status: 'active',
        error: null,
        sha256: sha(openai),
        active_sha256: sha(openai),
        models: 1,
      });
      const bundled = of('bundled', 'openai.json');
      expect(bundled.status).toBe('active');
      expect(bundled.sha256).toBe(sha(fs.readFileSync(path.join(BUNDLED_PRICING_DIR, 'openai.json'))));
      expect(bundled.models).toBeGreaterThan(10);
      expect(of('data', 'vllm.json')).toMatchObject({ status: 'active', models: 2 });
      expect(of('data', 'ollama.json')).toMatchObject({
        status: 'refused',
        active_sha256: null,
        error: expect.stringMatching(/not valid JSON/),
      });

      // The local file re-prices gpt-4o; the bundled one still prices the rest.
      const prices = (await app.inject({ method: 'GET', url: '/v1/admin/pricing/prices?provider=openai&search=gpt-4o' })).json();
      const source = (model: string) => prices.data.find((p: { model: string }) => p.model === model)?.source;
      expect(source('gpt-4o')).toEqual({ layer: 'MODEL_CONFIGS_PRICING_LOCAL_PATH', file: 'openai.json', sha256: sha(openai) });
      expect(source('gpt-4o-mini')).toMatchObject({ layer: 'bundled', file: 'openai.json', sha256: bundled.sha256 });

      // Reload answers with the same view, folders included.
      const reloaded = await app.inject({ method: 'POST', url: '/v1/admin/pricing/reload' });
      expect(reloaded.json().folders).toEqual(body.folders);
    } finally {
      await app.close();
      pricing.close();
      removeDir(local);
      removeDir(data);
    }
  });

  it('says when MODEL_CONFIGS_PRICING_LOCAL_PATH is not set', async () => {
    const data = makeTempDir('pricing-data');
    const pricing = createPricingService({ reloadIntervalMs: 0, dataDir: data });
    const app = Fastify();
    await app.register(pricingAdminRoutes(pricing), { prefix: '/v1' });
    try {
      const { folders } = (await app.inject({ method: 'GET', url: '/v1/admin/pricing/files' })).json();
      expect(folders[1]).toEqual({ layer: 'MODEL_CONFIGS_PRICING_LOCAL_PATH', dir: null, exists: false });
      // The drop-in folder is made at start, so admins find where files go.
      expect(folders[2]).toEqual({ layer: 'data', dir: path.join(data, 'pricing'), exists: true });
    } finally {
      await app.close();
      pricing.close();
      removeDir(data);
    }
  });
});
