// Which installed packages the appliance needs at run time: the closure of package.json's
// dependencies in package-lock.json, resolved as Node resolves them, minus the ones only the build
// uses (the compiler and its loader). Both bundles copy exactly these from node_modules, native
// modules already built, so nothing is compiled or downloaded when installing them.
import fs from 'node:fs';
import path from 'node:path';

/** Dependencies that only compile or load TypeScript: the bundles run the compiled server. */
export const BUILD_ONLY = ['typescript', 'tsx'];

interface LockEntry {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  dev?: boolean;
}

/** Lockfile keys ("node_modules/a/node_modules/b") of every run-time package that is installed here. */
export function productionPackages(root: string, exclude: readonly string[] = BUILD_ONLY): string[] {
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const packages = lock.packages;
  const rootEntry = packages[''];
  if (!rootEntry) throw new Error('package-lock.json has no root package (lockfileVersion 2 or later is needed)');

  /** Where `name` resolves from the package at `from`: its own node_modules, then each parent's. */
  const resolve = (from: string, name: string): string | null => {
    for (let dir = from; ;) {
      const key = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
      if (packages[key]) return key;
      if (dir === '') return null;
      const cut = dir.lastIndexOf('/node_modules/');
      dir = cut < 0 ? '' : dir.slice(0, cut);
    }
  };

  const found = new Set<string>();
  const queue: string[] = [];
  const visit = (from: string, deps: Record<string, string> | undefined, optional: boolean) => {
    for (const name of Object.keys(deps ?? {})) {
      if (from === '' && exclude.includes(name)) continue;
      const key = resolve(from, name);
      // Optional dependencies for other platforms are in the lockfile but not on disk.
      if (key === null || !fs.existsSync(path.join(root, key))) {
        if (optional) continue;
        throw new Error(`${name} (needed by ${from || 'the appliance'}) is not installed: run npm ci`);
      }
      if (!found.has(key)) {
        found.add(key);
        queue.push(key);
      }
    }
  };
  visit('', rootEntry.dependencies, false);
  visit('', rootEntry.optionalDependencies, true);
  while (queue.length > 0) {
    const key = queue.shift()!;
    const entry = packages[key]!;
    visit(key, entry.dependencies, false);
    visit(key, entry.optionalDependencies, true);
    visit(key, entry.peerDependencies, true);
  }
  return [...found].sort();
}

/** Build leftovers of native modules that a prebuilt bundle does not need (sources, objects). */
const NATIVE_LEFTOVERS: Record<string, string[]> = {
  'better-sqlite3': [
    'deps',
    'src',
    'binding.gyp',
    'build/Release/obj',
    'build/Release/obj.target',
    'build/Release/.deps',
    'build/Release/sqlite3.a',
    'build/Release/test_extension.node',
    'build/deps',
    'build/Makefile',
    'build/config.gypi',
  ],
};

/** Copies the run-time packages into `target`/node_modules, without native build leftovers. */
export function copyProductionPackages(root: string, target: string, keys = productionPackages(root)): void {
  for (const key of keys) {
    fs.cpSync(path.join(root, key), path.join(target, key), { recursive: true, dereference: false, verbatimSymlinks: true });
  }
  for (const [name, leftovers] of Object.entries(NATIVE_LEFTOVERS)) {
    const dir = path.join(target, 'node_modules', name);
    if (!fs.existsSync(dir)) continue;
    for (const leftover of leftovers) fs.rmSync(path.join(dir, leftover), { recursive: true, force: true });
    const obj = path.join(dir, 'build');
    if (fs.existsSync(obj)) {
      for (const entry of fs.readdirSync(obj)) if (entry !== 'Release') fs.rmSync(path.join(obj, entry), { recursive: true, force: true });
    }
  }
}
