// `npm run package:desktop`: the desktop installers (electron-builder.yml: AppImage, deb and rpm on
// Linux, NSIS on Windows, dmg on macOS) for the OS it runs on. It never downloads Electron: it uses
// the Electron given in ELECTRON_DIST (an unpacked Electron folder, or a folder holding
// electron-v<version>-<os>-<arch>.zip) or the release zip already in electron-builder's cache.
//   node --import tsx scripts/package-desktop.ts [--dir] [--no-build] [-- extra electron-builder args]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface DesktopPackageOptions {
  /** `--dir`: the unpacked app only, no installer (fast; what the packaged-layout test checks). */
  dirOnly?: boolean;
  build?: boolean;
  /** Where Electron is; default ELECTRON_DIST, then electron-builder's cache. */
  electronDist?: string;
  /** Rebuild native modules for Electron's ABI (needs Electron's headers; see README). */
  npmRebuild?: boolean;
  outDir?: string;
  extraArgs?: string[];
  env?: NodeJS.ProcessEnv;
}

export const electronVersion = (): string =>
  (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;

/** Where @electron/get (used by electron-builder) keeps downloaded zips on this OS. */
function cacheRoots(env: NodeJS.ProcessEnv): string[] {
  const roots = [env.ELECTRON_CACHE, env.electron_config_cache].filter((r): r is string => Boolean(r));
  if (process.platform === 'darwin') roots.push(path.join(os.homedir(), 'Library', 'Caches', 'electron'));
  else if (process.platform === 'win32') roots.push(path.join(env.LOCALAPPDATA ?? os.homedir(), 'electron', 'Cache'));
  else roots.push(path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'electron'));
  return roots;
}

function findFile(dir: string, name: string, depth = 2): string | null {
  if (!fs.existsSync(dir)) return null;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isFile() && entry.name === name) return full;
    if (entry.isDirectory() && depth > 0) {
      const found = findFile(full, name, depth - 1);
      if (found) return found;
    }
  }
  return null;
}

/** The folder to give electron-builder as `electronDist`, or an error naming what to provide. */
export function locateElectron(env: NodeJS.ProcessEnv = process.env): string {
  const version = electronVersion();
  const zip = `electron-v${version}-${process.platform}-${process.arch}.zip`;
  if (env.ELECTRON_DIST) {
    const dist = path.resolve(env.ELECTRON_DIST);
    if (!fs.existsSync(dist)) throw new Error(`ELECTRON_DIST=${dist} does not exist`);
    return dist;
  }
  for (const root of cacheRoots(env)) {
    const found = findFile(root, zip);
    if (found) return path.dirname(found);
  }
  throw new Error(
    `No local Electron ${version} for ${process.platform}-${process.arch}. This build never downloads it: ` +
      `put ${zip} (from Electron's release page or your mirror) in a folder and set ELECTRON_DIST to that folder, ` +
      `or set ELECTRON_DIST to an unpacked Electron ${version}.`,
  );
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env });
  if (result.error) throw new Error(`${cmd} could not run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${result.status})`);
}

export function packageDesktop(options: DesktopPackageOptions = {}): string {
  const env = { ...(options.env ?? process.env) };
  const electronDist = options.electronDist ?? locateElectron(env);
  if (options.build !== false) run('npm', ['run', 'build'], env);
  run('npm', ['run', 'build:desktop'], env);
  const outDir = options.outDir ?? path.join(ROOT, 'dist', 'desktop');
  const cli = path.join(ROOT, 'node_modules', 'electron-builder', 'cli.js');
  const args = [
    cli,
    '--config',
    'electron-builder.yml',
    `-c.electronDist=${electronDist}`,
    `-c.electronVersion=${electronVersion()}`,
    `-c.directories.output=${outDir}`,
    ...(options.npmRebuild === false ? ['-c.npmRebuild=false'] : []),
    // Nothing is published from here, whatever CI variables say.
    '--publish',
    'never',
    ...(options.dirOnly ? ['--dir'] : []),
    ...(options.extraArgs ?? []),
  ];
  run(process.execPath, args, env);
  return outDir;
}

const invokedDirectly = process.argv[1] !== undefined && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const args = process.argv.slice(2);
  const extra = args.includes('--') ? args.slice(args.indexOf('--') + 1) : [];
  try {
    const out = packageDesktop({ dirOnly: args.includes('--dir'), build: !args.includes('--no-build'), extraArgs: extra });
    console.log(`Desktop packages in ${path.relative(process.cwd(), out)}`);
  } catch (err) {
    console.error(`package:desktop failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
