// `npm start`: runs the compiled server, dist/server/main.js, in this process (so signals reach it),
// building it first when it is missing or older than anything it is built from, and likewise the
// admin UI (renderer/ -> renderer/dist, with Vite). Plain JavaScript, so starting needs no
// TypeScript loader. `node scripts/start.mjs --build` (`npm run build`) only builds both, always.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
export const ROOT = path.resolve(path.dirname(SELF), '..');
export const ENTRY = path.join(ROOT, 'dist', 'server', 'main.js');
const BUILD_CONFIG = 'tsconfig.build.json';
export const UI_DIR = path.join(ROOT, 'renderer');
export const UI_DIST = path.join(UI_DIR, 'dist');
export const UI_ENTRY = path.join(UI_DIST, 'index.html');

/** True when the build is missing (`builtMs` null) or older than any of its inputs. */
export function needsBuild(builtMs, inputMs) {
  return builtMs === null || inputMs.some((t) => t > builtMs);
}

/** Modification time of the built entry point, or null if there is none. */
export function builtTime(entry = ENTRY) {
  try {
    return fs.statSync(entry).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * Modification times of what the build is made from: server/'s .ts (not tests) and .sql files, its
 * folders (a deleted or renamed file changes its folder's time), the tsconfig files and this script.
 */
export function inputTimes(root = ROOT) {
  const times = [];
  const walk = (dir) => {
    times.push(fs.statSync(dir).mtimeMs);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.(ts|sql)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) times.push(fs.statSync(file).mtimeMs);
    }
  };
  walk(path.join(root, 'server'));
  for (const file of ['tsconfig.json', BUILD_CONFIG, 'scripts/start.mjs']) {
    const full = path.join(root, file);
    if (fs.existsSync(full)) times.push(fs.statSync(full).mtimeMs);
  }
  return times;
}

/** The .sql files under `dir`, relative to it. */
function sqlFiles(dir, rel = '') {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(rel, entry.name);
    if (entry.isDirectory()) return sqlFiles(dir, file);
    return entry.name.endsWith('.sql') ? [file] : [];
  });
}

/**
 * A clean build: tsc into a fresh folder (nothing is emitted on a type error), the .sql files copied
 * next to the modules that read them, then swapped in for dist/server/ at once, so that a start
 * running alongside never sees half a build. The entry point's time is set to when the build
 * started, so a source saved during the build still counts as newer. Throws if tsc fails.
 */
export function build() {
  const started = new Date();
  const dist = path.join(ROOT, 'dist');
  const staging = path.join(dist, `.build-${process.pid}`);
  const old = path.join(dist, `.old-${process.pid}`);
  try {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const args = [tsc, '-p', BUILD_CONFIG, '--outDir', staging];
    const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`tsc -p ${BUILD_CONFIG} failed (${result.error?.message ?? `exit ${result.status}`})`);
    const server = path.join(ROOT, 'server');
    for (const file of sqlFiles(server)) {
      const target = path.join(staging, 'server', file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(path.join(server, file), target);
    }
    fs.utimesSync(path.join(staging, 'server', 'main.js'), started, started);
    if (fs.existsSync(path.join(dist, 'server'))) fs.renameSync(path.join(dist, 'server'), old);
    fs.renameSync(path.join(staging, 'server'), path.join(dist, 'server'));
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    fs.rmSync(old, { recursive: true, force: true });
  }
}

/** Builds if the build is missing or stale; returns whether it did. */
export function ensureBuilt() {
  if (!needsBuild(builtTime(), inputTimes())) return false;
  console.log('Building the server into dist/ (missing or older than its sources)...');
  build();
  return true;
}

/**
 * Modification times of what the UI is built from: every file and folder under renderer/ but its
 * builds, plus the lockfile (a dependency update changes the bundle).
 */
export function uiInputTimes(root = ROOT) {
  const times = [];
  const walk = (dir) => {
    times.push(fs.statSync(dir).mtimeMs);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'dist' || entry.name.startsWith('.dist-') || entry.name === 'node_modules') continue;
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else times.push(fs.statSync(file).mtimeMs);
    }
  };
  walk(path.join(root, 'renderer'));
  const lock = path.join(root, 'package-lock.json');
  if (fs.existsSync(lock)) times.push(fs.statSync(lock).mtimeMs);
  return times;
}

/**
 * A clean UI build with Vite into a fresh folder, swapped in for renderer/dist at once (a running
 * appliance never serves half a build). index.html's time is set to when the build started, as for
 * the server. Throws if Vite fails.
 */
export async function buildUi(vite) {
  const started = new Date();
  const staging = path.join(UI_DIR, `.dist-${process.pid}`);
  const old = path.join(UI_DIR, `.dist-old-${process.pid}`);
  // A production bundle whatever NODE_ENV the caller runs under (vitest sets "test").
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    const { build: viteBuild } = vite ?? (await import('vite'));
    await viteBuild({
      mode: 'production',
      configFile: path.join(UI_DIR, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: staging, emptyOutDir: true },
    });
    fs.utimesSync(path.join(staging, 'index.html'), started, started);
    if (fs.existsSync(UI_DIST)) fs.renameSync(UI_DIST, old);
    fs.renameSync(staging, UI_DIST);
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
    fs.rmSync(staging, { recursive: true, force: true });
    fs.rmSync(old, { recursive: true, force: true });
  }
}

/**
 * Builds the UI if its build is missing or stale; returns whether it did. Without Vite (an install
 * that left out dev dependencies, or a packaged appliance) the build on disk is served as it is.
 */
export async function ensureUiBuilt() {
  if (!needsBuild(builtTime(UI_ENTRY), uiInputTimes())) return false;
  let vite;
  try {
    vite = await import('vite');
  } catch {
    const have = fs.existsSync(UI_ENTRY);
    console.warn(
      `Vite is not installed, so the admin UI cannot be rebuilt: ${have ? 'serving the build on disk' : 'the appliance serves the API only'}.`,
    );
    return false;
  }
  console.log('Building the admin UI into renderer/dist/ (missing or older than its sources)...');
  await buildUi(vite);
  return true;
}

const invokedDirectly = process.argv[1] !== undefined && fs.realpathSync(process.argv[1]) === fs.realpathSync(SELF);
if (invokedDirectly) {
  try {
    if (process.argv.includes('--build')) build();
    else ensureBuilt();
  } catch (err) {
    console.error(`Cannot build the server: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  try {
    if (process.argv.includes('--build')) await buildUi();
    else await ensureUiBuilt();
  } catch (err) {
    console.error(`Cannot build the admin UI: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  if (!process.argv.includes('--build')) await import(pathToFileURL(ENTRY).href);
}
