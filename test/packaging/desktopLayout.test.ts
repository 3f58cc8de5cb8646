// The desktop app as `npm run package:desktop` lays it out, in electron-builder's directory mode.
// Electron's binary cannot be downloaded where this runs, so electronDist points at a stand-in
// Electron folder made here (an executable that only prints): what is checked is what the build
// puts around it — the shell, the server, the UI, the bundled configs, and the two native modules
// outside the asar where Electron can load them. Native modules are not rebuilt for Electron's ABI
// here (npmRebuild off; that needs Electron's headers, see README).
import fs from 'node:fs';
import path from 'node:path';
import { listPackage, extractFile, statFile } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronVersion, packageDesktop } from '../../scripts/package-desktop.ts';
import { makeTempDir, removeDir } from '../helpers/dataDir.ts';
import { ROOT } from '../helpers/childServer.ts';

const work = makeTempDir('desktop-layout');
let app: string;
let asar: string;

beforeAll(() => {
  const fakeElectron = path.join(work, 'electron-stand-in');
  fs.mkdirSync(path.join(fakeElectron, 'resources'), { recursive: true });
  fs.writeFileSync(path.join(fakeElectron, 'electron'), '#!/bin/sh\necho "stand-in for Electron"\n', { mode: 0o755 });
  fs.writeFileSync(path.join(fakeElectron, 'version'), `v${electronVersion()}`);
  fs.writeFileSync(path.join(fakeElectron, 'LICENSE'), 'stand-in');
  const out = packageDesktop({ dirOnly: true, build: true, electronDist: fakeElectron, npmRebuild: false, outDir: path.join(work, 'out') });
  app = path.join(out, 'linux-unpacked');
  asar = path.join(app, 'resources', 'app.asar');
});
afterAll(() => removeDir(work));

const inAsar = (file: string) => {
  try {
    return statFile(asar, file.replace(/^\//, ''));
  } catch {
    return null;
  }
};

describe('the packaged desktop app', () => {
  it('runs the compiled shell, which finds the server where it forks it from', () => {
    expect(fs.statSync(path.join(app, 'airgap-ai-gateway')).mode & 0o111).toBeTruthy();
    const pkg = JSON.parse(extractFile(asar, 'package.json').toString('utf8')) as { main: string; version: string };
    const root = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(pkg).toMatchObject({ main: 'dist/main/main.js', version: root.version });
    for (const file of [
      'dist/main/main.js',
      'dist/main/preload.cjs',
      'dist/main/serverProcess.js',
      'dist/server/main.js',
      'installer/desktop/tray.png',
    ]) {
      expect(inAsar(file), file).not.toBeNull();
    }
    const migrations = listPackage(asar, { isPack: false }).filter((f) =>
      /^[/\\]dist[/\\]server[/\\]db[/\\]migrations[/\\]\d{4}_.*\.sql$/.test(f),
    );
    expect(migrations.length).toBe(fs.readdirSync(path.join(ROOT, 'server', 'db', 'migrations')).length);
    // main.ts forks <app path>/dist/server/main.js: the same file the asar holds.
    expect(extractFile(asar, 'dist/server/main.js').toString('utf8')).toBe(
      fs.readFileSync(path.join(ROOT, 'dist', 'server', 'main.js'), 'utf8'),
    );
  });

  it('keeps both native modules outside the asar, and the bundled configs beside them', () => {
    const unpacked = path.join(app, 'resources', 'app.asar.unpacked');
    for (const native of [
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'node_modules/@duckdb/node-bindings-linux-x64/duckdb.node',
    ]) {
      expect(fs.statSync(path.join(unpacked, native)).size, native).toBeGreaterThan(100_000);
      expect(inAsar(native), native).toMatchObject({ unpacked: true });
    }
    const pricing = fs.readdirSync(path.join(unpacked, 'bundled-configs', 'pricing')).filter((f) => f.endsWith('.json'));
    expect(pricing.sort()).toEqual(
      fs
        .readdirSync(path.join(ROOT, 'bundled-configs', 'pricing'))
        .filter((f) => f.endsWith('.json'))
        .sort(),
    );
  });

  it('carries the admin UI when this tree has built it, and no compiler or dev tooling', () => {
    const uiBuilt = fs.existsSync(path.join(ROOT, 'renderer', 'dist', 'index.html'));
    expect(inAsar('renderer/dist/index.html') !== null).toBe(uiBuilt);
    const entries = listPackage(asar, { isPack: false });
    for (const absent of ['typescript', 'tsx', 'esbuild', 'vitest', 'electron', 'electron-builder', 'openai']) {
      expect(
        entries.some((e) => e.replace(/\\/g, '/').startsWith(`/node_modules/${absent}/`)),
        absent,
      ).toBe(false);
    }
    expect(entries.some((e) => e.replace(/\\/g, '/').startsWith('/node_modules/fastify/'))).toBe(true);
  });
});

describe('electron-builder.yml', () => {
  const config = fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');
  it('names the app, its icons and every installer the issue asks for', () => {
    expect(config).toMatch(/^appId: local\.airgap\.ai-gateway$/m);
    expect(config).toMatch(/^linux:\n(?: .*\n)*? {2}target: \[AppImage, deb, rpm\]$/m);
    expect(config).toMatch(/^win:\n {2}target: \[nsis\]$/m);
    expect(config).toMatch(/^mac:\n {2}target: \[dmg\]$/m);
    for (const icon of ['installer/desktop/icon.ico', 'installer/desktop/icon.icns', 'installer/desktop/icons']) {
      expect(config).toContain(icon);
      expect(fs.existsSync(path.join(ROOT, icon)), icon).toBe(true);
    }
  });
});
