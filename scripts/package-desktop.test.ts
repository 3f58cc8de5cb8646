// Where `npm run package:desktop` finds Electron: never the network, only ELECTRON_DIST or a zip
// already in electron-builder's cache; otherwise a message saying what to provide.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../test/helpers/dataDir.ts';
import { electronVersion, locateElectron } from './package-desktop.ts';

const dir = makeTempDir('electron-cache');
afterAll(() => removeDir(dir));
const zip = `electron-v${electronVersion()}-${process.platform}-${process.arch}.zip`;

describe('locateElectron', () => {
  it('refuses to go on without a local Electron, naming the zip to provide', () => {
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty);
    expect(() => locateElectron({ ELECTRON_CACHE: empty, XDG_CACHE_HOME: empty, LOCALAPPDATA: empty })).toThrow(
      new RegExp(`never downloads it: put ${zip.replace(/\./g, '\\.')} .* set ELECTRON_DIST`),
    );
  });

  it('uses the release zip already in the cache (in @electron/get’s hashed folder)', () => {
    const cache = path.join(dir, 'cache');
    const hashed = path.join(cache, '0123abcd');
    fs.mkdirSync(hashed, { recursive: true });
    fs.writeFileSync(path.join(hashed, zip), '');
    expect(locateElectron({ ELECTRON_CACHE: cache })).toBe(hashed);
  });

  it('prefers ELECTRON_DIST, and says when it does not exist', () => {
    expect(locateElectron({ ELECTRON_DIST: dir })).toBe(dir);
    expect(() => locateElectron({ ELECTRON_DIST: path.join(dir, 'nope') })).toThrow(/ELECTRON_DIST=.*nope does not exist/);
  });
});
