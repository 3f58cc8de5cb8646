// Counters are made durable in batches (issue 14 items 3 and 7): every second and at shutdown, in
// SQLite. A restart resumes from the last durable value, a reset that fell due while the appliance
// was stopped happens as it starts, and a SIGKILL loses at most what was counted since the last
// batch (one second), never more.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../server/env.ts';
import { openStores, type Stores } from '../../server/stores.ts';
import { buildApp } from '../../server/app.ts';
import { makeTempDir, removeDir } from '../helpers/dataDir.ts';
import { startChild } from '../helpers/childServer.ts';
import { startMockLlm } from '../helpers/mockLlm.ts';
import { START, TOKENS_PER_CALL, startLimits, type LimitsFixture } from '../helpers/limits.ts';

const COST = TOKENS_PER_CALL * 0.01;
const dirs: string[] = [];
let f: LimitsFixture | null = null;
let reopened: { app: FastifyInstance; stores: Stores } | null = null;
afterEach(async () => {
  await reopened?.app.close();
  reopened?.stores.close();
  reopened = null;
  await f?.close();
  f = null;
});
afterAll(() => dirs.forEach(removeDir));

/** The same data directory opened again by a new app, as a restart does (no first-run bootstrap). */
async function reopen(dataDir: string, now: number): Promise<{ app: FastifyInstance; stores: Stores; url: string }> {
  const config = loadConfig({ LOG_LEVEL: 'silent', APPLIANCE_DATA_DIR: dataDir, PORT: '0' });
  const stores = await openStores(dataDir);
  const app = await buildApp({ config, ...stores, now: () => now });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  reopened = { app, stores };
  return { app, stores, url };
}

describe('restarts', () => {
  it('resume from the durable counters, and run a reset that fell due while stopped as they start', async () => {
    const dataDir = makeTempDir('limits-restart');
    dirs.push(dataDir);
    f = await startLimits({ dataDir });
    const { id, key } = await f.key({ usage_limits: { credit_limit: 1, type: 'cost', periodic_reset: 'weekly' } });
    for (let i = 0; i < 10; i++) expect((await f.chat(key)).status).toBe(200);
    const mock = f.mock;
    // A clean stop writes the last batch (the mock keeps running for the restarted app).
    await f.app.close();
    f.stores.close();
    f = null;

    let again = await reopen(dataDir, START + 3_600_000);
    const adminKey = JSON.parse(fs.readFileSync(path.join(dataDir, 'first-run-credentials.json'), 'utf8')).admin_api_key as string;
    const read = async (url: string) =>
      (await (await fetch(`${url}/v1/api-keys/${id}`, { headers: { 'x-portkey-api-key': adminKey } })).json()) as {
        current_usage: number;
        last_reset_at: string | null;
      };
    expect((await read(again.url)).current_usage).toBeCloseTo(10 * COST, 9);
    const chat = (url: string) =>
      fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'x-portkey-api-key': key, 'content-type': 'application/json' },
        body: JSON.stringify({ model: '@priced/m1', messages: [{ role: 'user', content: 'hi' }] }),
      });
    expect((await chat(again.url)).status).toBe(200);
    expect((await read(again.url)).current_usage).toBeCloseTo(11 * COST, 9);
    await again.app.close();
    again.stores.close();
    reopened = null;

    // Stopped over the weekend: Monday's reset happens as the appliance starts, before any request.
    const tuesday = Date.parse('2026-03-10T08:00:00Z');
    again = await reopen(dataDir, tuesday);
    const after = await read(again.url);
    expect(after.current_usage).toBe(0);
    expect(after.last_reset_at).toBe(new Date(tuesday).toISOString());
    const row = again.stores.db.prepare<[string], { current_usage: number }>('SELECT current_usage FROM api_keys WHERE id = ?').get(id)!;
    expect(row.current_usage).toBe(0);
    await mock.close();
  });
});

describe('SIGKILL', () => {
  it('loses at most what was counted since the last batch', async () => {
    const mock = await startMockLlm();
    const dataDir = makeTempDir('limits-sigkill');
    dirs.push(dataDir);
    // The first start may build dist/ (as `npm start` does) after a source change.
    const first = await startChild({ APPLIANCE_DATA_DIR: dataDir }, 90_000);
    try {
      const creds = JSON.parse(fs.readFileSync(path.join(dataDir, 'first-run-credentials.json'), 'utf8'));
      const admin = { 'x-portkey-api-key': creds.admin_api_key, 'content-type': 'application/json' };
      const post = (url: string, body: unknown, method = 'POST') => fetch(url, { method, headers: admin, body: JSON.stringify(body) });
      expect(
        (
          await post(`${first.url}/v1/integrations`, {
            name: 'priced',
            slug: 'priced',
            ai_provider_id: 'openai',
            key: 'sk-x',
            workspace_id: creds.workspace.id,
            configurations: { custom_host: `${mock.url}/v1` },
          })
        ).status,
      ).toBe(200);
      const price = { price: 1 };
      await post(
        `${first.url}/v1/integrations/priced/models`,
        {
          models: [
            {
              slug: 'm1',
              enabled: true,
              pricing_config: { type: 'static', pay_as_you_go: { request_token: price, response_token: price } },
            },
          ],
        },
        'PUT',
      );
      const created = (await (
        await post(`${first.url}/v1/api-keys/workspace/service`, {
          name: 'k',
          workspace_id: creds.workspace.id,
          scopes: ['completions.write'],
          usage_limits: { credit_limit: 100, type: 'cost' },
        })
      ).json()) as { id: string; key: string };
      const chat = (url: string) =>
        fetch(`${url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'x-portkey-api-key': created.key, 'content-type': 'application/json' },
          body: JSON.stringify({ model: '@priced/m1', messages: [{ role: 'user', content: 'hi' }] }),
        }).then((r) => r.status);

      for (let i = 0; i < 10; i++) expect(await chat(first.url)).toBe(200);
      // Past the next once-a-second batch: these ten are durable.
      await new Promise((r) => setTimeout(r, 1_500));
      for (let i = 0; i < 10; i++) expect(await chat(first.url)).toBe(200);
      expect((await first.stop('SIGKILL')).signal).toBe('SIGKILL');

      const second = await startChild({ APPLIANCE_DATA_DIR: dataDir });
      try {
        const view = (await (await fetch(`${second.url}/v1/api-keys/${created.id}`, { headers: admin })).json()) as {
          current_usage: number;
        };
        // At least the durable ten, at most all twenty: the loss is bounded by the last batch.
        expect(view.current_usage).toBeGreaterThanOrEqual(10 * COST - 1e-9);
        expect(view.current_usage).toBeLessThanOrEqual(20 * COST + 1e-9);
        // And the restart counts on from there.
        expect(await chat(second.url)).toBe(200);
        const next = (await (await fetch(`${second.url}/v1/api-keys/${created.id}`, { headers: admin })).json()) as {
          current_usage: number;
        };
        expect(next.current_usage).toBeCloseTo(view.current_usage + COST, 9);
      } finally {
        await second.stop();
      }
    } finally {
      if (first.proc.exitCode === null && first.proc.signalCode === null) await first.stop('SIGKILL');
      await mock.close();
    }
  }, 180_000);
});
