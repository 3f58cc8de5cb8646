// The pricing service over real folders: layer precedence (bundled < MODEL_CONFIGS_PRICING_LOCAL_PATH
// < data dir), bad files skipped with a warning, reload and the periodic change check.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../../test/helpers/dataDir.ts';
import { ConfigError, loadConfig } from '../env.ts';
import { createPricingService, type PricingService } from './service.ts';
import type { UsageUnits } from './types.ts';
import { emptyUsage } from './usage.ts';
import type { AcceptedFile, AcceptedFileStore, PricingFileEvent } from './tables.ts';

/** The SQLite store's behaviour in memory: what survives a restart of the service. */
function memoryStore(): AcceptedFileStore & { rows: Map<string, AcceptedFile> } {
  const rows = new Map<string, AcceptedFile>();
  return {
    rows,
    all: () => [...rows.values()],
    put: (f) => void rows.set(`${f.layer}/${f.name}`, { ...f }),
    remove: (layer, name) => void rows.delete(`${layer}/${name}`),
  };
}

let root: string;
let dirs: { bundled: string; local: string; data: string };
let warnings: Array<{ details: object; message: string }>;
const services: PricingService[] = [];

const log = { warn: (details: object, message: string) => warnings.push({ details, message }) };
const million: UsageUnits = { ...emptyUsage(), inputTokens: 1_000_000 };

function write(dir: string, name: string, content: unknown) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
}

/** A provider file where every model's input price is `price` cents per token. */
function prices(models: Record<string, number>, defaultPrice = 0) {
  return {
    default: {
      pricing_config: { pay_as_you_go: { request_token: { price: defaultPrice }, response_token: { price: 0 } }, currency: 'USD' },
    },
    ...Object.fromEntries(
      Object.entries(models).map(([m, p]) => [m, { pricing_config: { pay_as_you_go: { request_token: { price: p } } } }]),
    ),
  };
}

function service(
  options: {
    local?: boolean;
    data?: boolean;
    reloadIntervalMs?: number;
    watch?: boolean;
    store?: AcceptedFileStore;
    events?: PricingFileEvent[];
  } = {},
) {
  const s = createPricingService({
    bundledDir: dirs.bundled,
    localDir: options.local === false ? null : dirs.local,
    dataDir: options.data === false ? null : dirs.data,
    reloadIntervalMs: options.reloadIntervalMs ?? 0,
    watch: options.watch,
    store: options.store,
    onChange: options.events ? (events) => options.events!.push(...events) : undefined,
    log,
  });
  services.push(s);
  return s;
}

const inputCents = (s: PricingService, provider: string, model: string) => s.cost(provider, model, million).cents;

beforeEach(() => {
  root = makeTempDir('pricing');
  dirs = { bundled: path.join(root, 'bundled'), local: path.join(root, 'local'), data: path.join(root, 'data') };
  warnings = [];
  write(dirs.bundled, 'openai.json', prices({ 'gpt-4o': 0.00025, 'gpt-4o-mini': 0.000015, o3: 0.0002 }));
  write(dirs.bundled, 'anthropic.json', prices({ 'claude-x': 0.0003 }));
  write(dirs.bundled, 'SOURCE.md', '# not a pricing file');
});

afterEach(() => {
  for (const s of services.splice(0)) s.close();
  removeDir(root);
});

describe('PricingService', () => {
  it('prices from the bundled files and merges the provider default under each model', () => {
    const s = service();
    expect(inputCents(s, 'openai', 'gpt-4o')).toBe(250);
    expect(s.pricingConfig('openai', 'gpt-4o')).toEqual({
      pay_as_you_go: { request_token: { price: 0.00025 }, response_token: { price: 0 } },
      currency: 'USD',
    });
    expect(s.lookup('OpenAI', 'GPT-4o-2024-08-06')?.model).toBe('gpt-4o');
  });

  it('gives an unknown provider or model 0 cents, unpriced, and never throws', () => {
    const s = service();
    expect(s.cost('nowhere', 'gpt-4o', million)).toEqual({ cents: 0, currency: 'USD', priced: false });
    expect(s.cost('openai', 'mystery-model', million)).toEqual({ cents: 0, currency: 'USD', priced: false });
    expect(s.pricingConfig('openai', 'mystery-model')).toBeNull();
    expect(s.cost(undefined as never, null as never, null as never)).toMatchObject({ cents: 0, priced: false });
  });

  it("prices an unknown model from an integration's own pricing_config", () => {
    const s = service();
    const result = s.cost('openai', 'ft:gpt-4o:acme', million, {
      pricingConfig: { type: 'static', pay_as_you_go: { request_token: { price: 0.0005 }, response_token: { price: 0.001 } } },
    });
    expect(result).toMatchObject({ cents: 500, priced: true });
  });

  it('layers overrides: bundled < MODEL_CONFIGS_PRICING_LOCAL_PATH < data dir, model by model', () => {
    write(dirs.local, 'openai.json', prices({ 'gpt-4o': 0.0002, 'gpt-4o-mini': 0.00001 }));
    write(path.join(dirs.data, 'pricing'), 'openai.json', prices({ 'gpt-4o': 0.0001, 'my-finetune': 0.003 }));
    write(path.join(dirs.data, 'pricing'), 'newcloud.json', prices({ 'nc-1': 0.00005 }));

    const s = service();
    expect(inputCents(s, 'openai', 'gpt-4o')).toBe(100); // data dir wins
    expect(inputCents(s, 'openai', 'gpt-4o-mini')).toBe(10); // env folder over bundled
    expect(inputCents(s, 'openai', 'o3')).toBe(200); // untouched bundled model survives
    expect(inputCents(s, 'openai', 'my-finetune')).toBe(3000); // added by a drop-in
    expect(inputCents(s, 'newcloud', 'nc-1')).toBe(50); // a provider only the data dir knows
    expect(inputCents(s, 'anthropic', 'claude-x')).toBe(300);

    expect(inputCents(service({ data: false }), 'openai', 'gpt-4o')).toBe(200);
    expect(inputCents(service({ local: false, data: false }), 'openai', 'gpt-4o')).toBe(250);
    expect(warnings).toEqual([]);
  });

  it('skips a broken override file with a warning naming it, and keeps the lower layer', () => {
    write(dirs.local, 'openai.json', '{ "gpt-4o": { "pricing_config": ');
    write(path.join(dirs.data, 'pricing'), 'anthropic.json', { 'claude-x': 'cheap' });
    write(path.join(dirs.data, 'pricing'), 'extra.json', '[1, 2, 3]');

    const s = service();
    expect(inputCents(s, 'openai', 'gpt-4o')).toBe(250);
    expect(inputCents(s, 'anthropic', 'claude-x')).toBe(300);
    const files = warnings.map((w) => (w.details as { file: string }).file);
    expect(files.sort()).toEqual(
      [
        path.join(dirs.local, 'openai.json'),
        path.join(dirs.data, 'pricing', 'anthropic.json'),
        path.join(dirs.data, 'pricing', 'extra.json'),
      ].sort(),
    );
    expect(warnings.find((w) => w.message.includes('openai.json'))?.message).toMatch(/Refused pricing file .*openai\.json: not valid JSON/);
    expect(warnings.find((w) => w.message.includes('anthropic.json'))?.message).toContain('"claude-x" must be an object');
  });

  it('treats pricing_config: null as listed but unpriced', () => {
    write(dirs.local, 'openai.json', { 'code-davinci-002': { pricing_config: null } });
    expect(service().cost('openai', 'code-davinci-002', million)).toMatchObject({ cents: 0, priced: false });
  });

  it('picks up changed files on reload()', () => {
    const s = service();
    expect(inputCents(s, 'openai', 'gpt-4o')).toBe(250);
    write(path.join(dirs.data, 'pricing'), 'openai.json', prices({ 'gpt-4o': 0.0001 }));
    expect(inputCents(s, 'openai', 'gpt-4o')).toBe(250); // not re-read on the request path
    s.reload();
    expect(inputCents(s, 'openai', 'gpt-4o')).toBe(100);
    fs.rmSync(path.join(dirs.data, 'pricing', 'openai.json'));
    s.reload();
    expect(inputCents(s, 'openai', 'gpt-4o')).toBe(250);
  });

  it('notices changed files on its own with the periodic check', async () => {
    const s = service({ reloadIntervalMs: 20 });
    write(dirs.local, 'openai.json', prices({ 'gpt-4o': 0.0001 }));
    await expect.poll(() => inputCents(s, 'openai', 'gpt-4o'), { timeout: 2000, interval: 10 }).toBe(100);
  });

  it('starts with no prices, rather than failing, when the folders are missing', () => {
    const s = createPricingService({ bundledDir: path.join(root, 'missing'), localDir: path.join(root, 'nope'), reloadIntervalMs: 0, log });
    services.push(s);
    expect(s.cost('openai', 'gpt-4o', million)).toMatchObject({ priced: false });
  });
});

describe('pricing files dropped in by an admin', () => {
  const dropped = () => path.join(dirs.data, 'pricing');

  it('checks a replacement before it can change a price: a bad one is refused naming the field, and the old prices stay', () => {
    const events: PricingFileEvent[] = [];
    write(dropped(), 'openai.json', prices({ 'gpt-4o': 0.0001 }));
    const s = service({ events, store: memoryStore() });
    expect(inputCents(s, 'openai', 'gpt-4o')).toBe(100);
    expect(events.map((e) => [e.action, e.layer])).toEqual([['create', 'data']]);

    write(dropped(), 'openai.json', { 'gpt-4o': { pricing_config: { pay_as_you_go: { request_token: { price: '0.5' } } } } });
    s.reload();
    expect(inputCents(s, 'openai', 'gpt-4o')).toBe(100);
    const refused = events.at(-1)!;
    expect(refused).toMatchObject({ action: 'reject', layer: 'data' });
    expect(refused.error).toBe('"gpt-4o".pricing_config.pay_as_you_go.request_token.price must be a number of at least 0 (got "0.5")');
    const file = s.files().find((f) => f.layer === 'data')!;
    expect(file).toMatchObject({ status: 'refused', error: refused.error });
    expect(file.active_sha256).not.toBe(file.sha256);
    // Reloading again does not report the same refusal twice.
    s.reload();
    expect(events.filter((e) => e.action === 'reject')).toHaveLength(1);

    write(dropped(), 'openai.json', prices({ 'gpt-4o': 0.0003 }));
    s.reload();
    expect(inputCents(s, 'openai', 'gpt-4o')).toBe(300);
    expect(events.at(-1)).toMatchObject({ action: 'update', previous_sha256: file.active_sha256 });
    fs.rmSync(path.join(dropped(), 'openai.json'));
    s.reload();
    expect(inputCents(s, 'openai', 'gpt-4o')).toBe(250);
    expect(events.at(-1)).toMatchObject({ action: 'delete' });
  });

  it('keeps the accepted version across a restart when the file on disk went bad meanwhile', () => {
    const store = memoryStore();
    write(dropped(), 'openai.json', prices({ 'gpt-4o': 0.0001 }));
    service({ store }).close();
    write(dropped(), 'openai.json', '{"gpt-4o": {"pricing_config": {"pay_as_you_go": {"request_token": {"price": -1}}}}}');
    const events: PricingFileEvent[] = [];
    const restarted = service({ store, events });
    expect(inputCents(restarted, 'openai', 'gpt-4o')).toBe(100);
    expect(events).toEqual([
      expect.objectContaining({ action: 'reject', error: expect.stringContaining('request_token.price must be a number of at least 0') }),
    ]);
    // Unchanged files are not reported again at the next start.
    const again: PricingFileEvent[] = [];
    service({ store, events: again });
    expect(again).toEqual([]);
  });

  it('picks up a file dropped into the folder without a reload call', async () => {
    const s = service({ watch: true });
    expect(inputCents(s, 'openai', 'gpt-4o')).toBe(250);
    write(dropped(), 'openai.json', prices({ 'gpt-4o': 0.0002 }));
    await expect.poll(() => inputCents(s, 'openai', 'gpt-4o'), { timeout: 5000, interval: 50 }).toBe(200);
  });

  it('says which file each price comes from, with its checksum', () => {
    write(dropped(), 'openai.json', prices({ 'gpt-4o': 0.0001 }));
    const s = service();
    const sums = Object.fromEntries(s.files().map((f) => [`${f.layer}/${f.name}`, f.sha256]));
    const byModel = Object.fromEntries(s.prices({ provider: 'openai' }).map((p) => [p.model, `${p.layer}/${p.file}:${p.sha256}`]));
    expect(byModel['gpt-4o']).toBe(`data/openai.json:${sums['data/openai.json']}`);
    expect(byModel['o3']).toBe(`bundled/openai.json:${sums['bundled/openai.json']}`);
    expect(s.prices({ search: 'MINI' }).map((p) => p.model)).toEqual(['gpt-4o-mini']);
  });
});

describe('MODEL_CONFIGS_PRICING_LOCAL_PATH', () => {
  it('is optional and resolved against the working directory', () => {
    expect(loadConfig({}, root).pricingLocalPath).toBeNull();
    expect(loadConfig({ MODEL_CONFIGS_PRICING_LOCAL_PATH: 'bundled' }, root).pricingLocalPath).toBe(dirs.bundled);
  });

  it('must name an existing folder', () => {
    const attempt = (value: string) => () => loadConfig({ MODEL_CONFIGS_PRICING_LOCAL_PATH: value }, root);
    expect(attempt('does-not-exist')).toThrow(ConfigError);
    expect(attempt('does-not-exist')).toThrow(/MODEL_CONFIGS_PRICING_LOCAL_PATH="does-not-exist": no such folder/);
    expect(attempt(path.join(dirs.bundled, 'openai.json'))).toThrow(/MODEL_CONFIGS_PRICING_LOCAL_PATH/);
  });
});
