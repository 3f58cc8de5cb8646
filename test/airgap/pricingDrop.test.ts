// Pricing by file drop on a running appliance: a file dropped into <data dir>/pricing/ changes what
// requests cost without a restart, is in the audit log, and the pricing API says which file each
// price came from with its checksum; a bad file is refused naming the field and the old prices
// stay. GET /v1/models shows what the capability files say (bundled general/ and
// MODEL_CONFIGS_CAPABILITIES_LOCAL_PATH).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayFixture } from '../helpers/gateway.ts';
import { makeTempDir, removeDir } from '../helpers/dataDir.ts';

let g: GatewayFixture;
let capabilitiesDir: string;
const messages = [{ role: 'user', content: 'price me' }];
const dropFolder = () => path.join(g.config.dataDir, 'pricing');
const sha = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

async function adminGet(url: string) {
  const res = await fetch(`${g.url}${url}`, { headers: g.admin });
  return (await res.json()) as Record<string, never> & { data: Record<string, unknown>[]; records: Record<string, unknown>[] };
}

/** The cost (cents) the request log recorded for one request. */
async function costOf(res: Response): Promise<number> {
  const log = await g.logByTrace(res.headers.get('x-portkey-trace-id')!);
  return log.metrics.cost as number;
}

beforeAll(async () => {
  capabilitiesDir = makeTempDir('capabilities');
  fs.writeFileSync(
    path.join(capabilitiesDir, 'openai.json'),
    JSON.stringify({
      'our-finetune': {
        type: { primary: 'chat', supported: ['tools'] },
        context_window: 32768,
        params: [{ key: 'max_tokens', maxValue: 4096 }],
      },
    }),
  );
  g = await startGateway({ env: { MODEL_CONFIGS_CAPABILITIES_LOCAL_PATH: capabilitiesDir } });
  await g.addProvider({ slug: 'local', key: 'sk-local', models: ['gpt-4o', 'our-finetune'] });
});
afterAll(async () => {
  await g.close();
  removeDir(capabilitiesDir);
});

describe('a pricing file dropped into the data dir', () => {
  it('changes prices without a restart, names its file and checksum, and is in the audit log', async () => {
    const before = await costOf(await g.post('/v1/chat/completions', { model: '@local/gpt-4o', messages }));
    expect(before).toBeGreaterThan(0);
    const text = JSON.stringify({
      'gpt-4o': { pricing_config: { pay_as_you_go: { request_token: { price: 1 }, response_token: { price: 1 } } } },
    });
    fs.writeFileSync(path.join(dropFolder(), 'openai.json'), text);
    // Picked up by the folder watch (or the periodic check), not by a restart or an API call.
    await expect
      .poll(
        async () =>
          (await adminGet('/v1/admin/pricing/prices?provider=openai&search=gpt-4o')).data.find((p) => p.model === 'gpt-4o')?.source,
        {
          timeout: 10_000,
          interval: 200,
        },
      )
      .toEqual({ layer: 'data', file: 'openai.json', sha256: sha(text) });
    const after = await costOf(await g.post('/v1/chat/completions', { model: '@local/gpt-4o', messages }));
    // The mock counts words as tokens: 2 prompt words, 3 answer words ("echo: price me") at 1 cent each.
    expect(after).toBe(5);

    const audit = await adminGet('/v1/audit-logs?resource_type=pricing_file');
    expect(audit.records[0]).toMatchObject({
      action: 'create',
      method: 'FILE',
      resource_id: 'data/openai.json',
      response_status_code: 200,
    });
  });

  it('refuses a bad file naming the field, keeps the old prices, and says so', async () => {
    fs.writeFileSync(
      path.join(dropFolder(), 'openai.json'),
      JSON.stringify({ 'gpt-4o': { pricing_config: { pay_as_you_go: { request_token: { price: 'free' } } } } }),
    );
    const reloaded = await fetch(`${g.url}/v1/admin/pricing/reload`, { method: 'POST', headers: g.admin });
    expect(reloaded.status).toBe(200);
    const files = (await adminGet('/v1/admin/pricing/files')).data;
    const mine = files.find((f) => f.layer === 'data' && f.name === 'openai.json')!;
    expect(mine).toMatchObject({
      status: 'refused',
      error: '"gpt-4o".pricing_config.pay_as_you_go.request_token.price must be a number of at least 0 (got "free")',
    });
    expect(files.filter((f) => f.layer === 'bundled').length).toBeGreaterThan(10);
    expect(await costOf(await g.post('/v1/chat/completions', { model: '@local/gpt-4o', messages }))).toBe(5);
    const audit = await adminGet('/v1/audit-logs?resource_type=pricing_file&action=reject');
    expect(audit.records[0]).toMatchObject({ response_status_code: 400 });
    expect(JSON.stringify(audit.records[0])).toContain('must be a number of at least 0');
  });

  it('is refused to workspace keys', async () => {
    expect((await fetch(`${g.url}/v1/admin/pricing/files`, { headers: g.workspace })).status).toBe(403);
  });
});

describe('GET /v1/models', () => {
  it('shows type, capabilities, context window and output limit from the capability files', async () => {
    const res = await fetch(`${g.url}/v1/models`, { headers: g.workspace });
    const list = (await res.json()) as { data: Record<string, unknown>[] };
    const gpt4o = list.data.find((m) => m.id === '@local/gpt-4o')!;
    expect(gpt4o).toMatchObject({
      type: 'chat',
      capabilities: expect.arrayContaining(['tools', 'image']),
      max_output_tokens: expect.any(Number),
    });
    const own = list.data.find((m) => m.id === '@local/our-finetune')!;
    expect(own).toMatchObject({
      type: 'chat',
      capabilities: ['messages', 'responses', 'tools'],
      context_window: 32768,
      max_output_tokens: 4096,
    });
  });
});
