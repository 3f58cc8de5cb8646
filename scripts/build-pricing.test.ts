// `npm run build:pricing` run as a user runs it, into a temp dir: from the shared Portkey-AI/models
// snapshot it must reproduce the committed bundled-configs/ byte for byte (so nobody hand-edited
// them and the script still matches them), refuse a snapshot that fails its checksums, and drop
// providers that left the snapshot.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCRIPT = path.join(ROOT, 'scripts/build-pricing.ts');
const SNAPSHOT = path.resolve(ROOT, '../shared/pricing/portkey-models');
const BUNDLED = path.join(ROOT, 'bundled-configs');
// The snapshot lives outside this repository (../shared); without it there is nothing to compare.
const haveSnapshot = fs.existsSync(path.join(SNAPSHOT, 'pricing'));

const temps: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'build-pricing-'));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function buildPricing(...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { cwd: ROOT });
}

/** Every file under `dir` (relative path -> bytes). */
function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out.set(path.relative(dir, full), fs.readFileSync(full));
  }
  return out;
}

function expectSameTree(actualDir: string, expectedDir: string) {
  const actual = tree(actualDir);
  const expected = tree(expectedDir);
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  const differing = [...expected].filter(([name, bytes]) => !actual.get(name)!.equals(bytes)).map(([name]) => name);
  expect(differing).toEqual([]);
}

/** A two-provider snapshot in the upstream layout, with checksums. */
function tinySnapshot(): string {
  const dir = tempDir();
  const files: Record<string, unknown> = {
    'pricing/acme.json': {
      default: { pricing_config: { pay_as_you_go: { request_token: { price: 0 } } } },
      'acme-1': { pricing_config: {} },
    },
    'general/acme.json': { 'acme-1': { params: [] } },
  };
  const sums: string[] = [];
  for (const [name, data] of Object.entries(files)) {
    fs.mkdirSync(path.join(dir, path.dirname(name)), { recursive: true });
    const raw = JSON.stringify(data);
    fs.writeFileSync(path.join(dir, name), raw);
    sums.push(`${crypto.createHash('sha256').update(raw).digest('hex')}  ${name}`);
  }
  fs.writeFileSync(path.join(dir, 'SHA256SUMS'), `${sums.join('\n')}\n`);
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'MIT License\n');
  return dir;
}

describe('scripts/build-pricing.ts', () => {
  it.skipIf(!haveSnapshot)(
    'reproduces the committed bundled-configs/pricing and general from the snapshot (skipped when ../shared/pricing/portkey-models is absent)',
    async () => {
      const out = tempDir();
      const { stdout } = await buildPricing('--source', SNAPSHOT, '--out', out);
      expect(stdout).toMatch(/^Bundled \d+ pricing and \d+ general files \(Portkey-AI\/models [0-9a-f]{7}\)/);
      expectSameTree(path.join(out, 'pricing'), path.join(BUNDLED, 'pricing'));
      expectSameTree(path.join(out, 'general'), path.join(BUNDLED, 'general'));
      // The licence ships beside the data, unchanged.
      expect(fs.readFileSync(path.join(out, 'pricing/LICENSE'))).toEqual(fs.readFileSync(path.join(SNAPSHOT, 'LICENSE')));
    },
  );

  it('refuses a snapshot file that does not match SHA256SUMS, and exits 1 naming it', async () => {
    const source = tinySnapshot();
    fs.writeFileSync(path.join(source, 'pricing/acme.json'), JSON.stringify({ default: {}, 'acme-1': { tampered: true } }));
    const out = tempDir();
    const err = (await buildPricing('--source', source, '--out', out).catch((e: unknown) => e)) as { code?: number; stderr?: string };
    expect(err.code).toBe(1);
    expect(err.stderr).toMatch(/pricing\/acme\.json does not match the snapshot's SHA256SUMS/);
    expect(fs.existsSync(path.join(out, 'pricing/acme.json'))).toBe(false);
  });

  it('removes a provider that is no longer in the snapshot, and keeps the values', async () => {
    const source = tinySnapshot();
    const out = tempDir();
    fs.mkdirSync(path.join(out, 'pricing'), { recursive: true });
    fs.writeFileSync(path.join(out, 'pricing/retired.json'), '{}\n');
    await buildPricing('--source', source, '--out', out);
    expect(fs.readdirSync(path.join(out, 'pricing')).sort()).toEqual(['LICENSE', 'SOURCE.md', 'acme.json']);
    const written = fs.readFileSync(path.join(out, 'pricing/acme.json'), 'utf8');
    expect(JSON.parse(written)).toEqual(JSON.parse(fs.readFileSync(path.join(source, 'pricing/acme.json'), 'utf8')));
    expect(written.endsWith('}\n')).toBe(true);
  });
});
