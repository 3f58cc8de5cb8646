// `npm run package:linux`: the headless Linux bundle, self-contained, as
// dist/linux/airgap-ai-gateway-<version>-linux-x64.tar.gz, plus a .deb (dpkg-deb) and an .rpm
// (rpmbuild) made from the same files. The bundle carries this machine's Node runtime (the one
// running this script), the compiled server and admin UI, the run-time node_modules with their
// native modules already built, the bundled configs, the systemd unit and an install script.
//   node --import tsx scripts/package-linux.ts [--no-build] [--no-deb] [--no-rpm] [--out DIR]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyProductionPackages } from './packaging/productionDeps.ts';
import { buildDeb, buildRpm } from './packaging/linuxPackages.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LINUX = path.join(ROOT, 'installer', 'linux');
export const PACKAGE_NAME = 'airgap-ai-gateway';

export interface LinuxBundleOptions {
  /** Run `npm run build` first (server, and the admin UI where the build makes it). */
  build?: boolean;
  outDir?: string;
  deb?: boolean;
  rpm?: boolean;
}

export interface LinuxBundle {
  version: string;
  /** The unpacked bundle, as the tarball holds it. */
  dir: string;
  tarball: string;
  deb: string | null;
  rpm: string | null;
  /** Whether the admin UI (renderer/dist) was there to include. */
  ui: boolean;
}

export function run(cmd: string, args: string[], cwd = ROOT): string {
  const result = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`${cmd} could not run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${result.status}):\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

function copy(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true, verbatimSymlinks: true });
}

/** The node binary's licence, from where Node's own packages put it, if this machine has it. */
function nodeLicence(): string | null {
  const candidates = [
    path.join(path.dirname(process.execPath), '..', 'share', 'doc', 'node', 'LICENSE'),
    '/usr/share/doc/nodejs/LICENSE',
    '/usr/share/doc/nodejs/copyright',
  ];
  return candidates.find((f) => fs.existsSync(f)) ?? null;
}

/** Lays the bundle out in `dir` (emptied first): what the tarball holds, and what /opt gets. */
export function stageBundle(dir: string, version: string): { ui: boolean } {
  fs.rmSync(dir, { recursive: true, force: true });
  const app = path.join(dir, 'app');
  fs.mkdirSync(path.join(dir, 'node', 'bin'), { recursive: true });
  fs.copyFileSync(process.execPath, path.join(dir, 'node', 'bin', 'node'));
  fs.chmodSync(path.join(dir, 'node', 'bin', 'node'), 0o755);
  const licence = nodeLicence();
  if (licence) fs.copyFileSync(licence, path.join(dir, 'node', 'LICENSE'));

  const server = path.join(ROOT, 'dist', 'server', 'main.js');
  if (!fs.existsSync(server)) throw new Error('dist/server/ is missing: run npm run build (or drop --no-build)');
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  fs.mkdirSync(app, { recursive: true });
  const runtimePackage = { name: pkg.name, version, private: true, description: pkg.description, type: pkg.type, license: pkg.license };
  fs.writeFileSync(path.join(app, 'package.json'), `${JSON.stringify(runtimePackage, null, 2)}\n`);
  copy(path.join(ROOT, 'dist', 'server'), path.join(app, 'dist', 'server'));
  copy(path.join(ROOT, 'bundled-configs'), path.join(app, 'bundled-configs'));
  const ui = fs.existsSync(path.join(ROOT, 'renderer', 'dist', 'index.html'));
  if (ui) copy(path.join(ROOT, 'renderer', 'dist'), path.join(app, 'renderer', 'dist'));
  copyProductionPackages(ROOT, app);

  fs.mkdirSync(path.join(dir, 'bin'));
  fs.copyFileSync(path.join(LINUX, 'bin-launcher.sh'), path.join(dir, 'bin', PACKAGE_NAME));
  fs.mkdirSync(path.join(dir, 'systemd'));
  fs.copyFileSync(path.join(LINUX, `${PACKAGE_NAME}.service`), path.join(dir, 'systemd', `${PACKAGE_NAME}.service`));
  fs.copyFileSync(path.join(LINUX, 'environment'), path.join(dir, 'systemd', 'environment'));
  fs.copyFileSync(path.join(LINUX, 'install.sh'), path.join(dir, 'install.sh'));
  fs.copyFileSync(path.join(LINUX, 'uninstall.sh'), path.join(dir, 'uninstall.sh'));
  fs.copyFileSync(path.join(LINUX, 'BUNDLE.md'), path.join(dir, 'README.md'));
  fs.writeFileSync(path.join(dir, 'VERSION'), `${version}\n`);
  for (const script of ['bin/airgap-ai-gateway', 'install.sh', 'uninstall.sh']) fs.chmodSync(path.join(dir, script), 0o755);
  return { ui };
}

/** A tar.gz of `dir` (as its own top folder), owned by root, entries in name order. */
export function tarball(dir: string, file: string): void {
  fs.rmSync(file, { force: true });
  run('tar', ['--sort=name', '--owner=0', '--group=0', '--numeric-owner', '-czf', file, '-C', path.dirname(dir), path.basename(dir)]);
}

export function packageLinux(options: LinuxBundleOptions = {}): LinuxBundle {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `The Linux bundle carries the Node runtime running this script: build it on Linux x64 (this is ${process.platform}-${process.arch})`,
    );
  }
  if (options.build !== false) run('npm', ['run', 'build']);
  const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const outDir = options.outDir ?? path.join(ROOT, 'dist', 'linux');
  fs.mkdirSync(outDir, { recursive: true });
  const name = `${PACKAGE_NAME}-${version}-linux-x64`;
  const dir = path.join(outDir, name);
  const { ui } = stageBundle(dir, version);
  const tar = path.join(outDir, `${name}.tar.gz`);
  tarball(dir, tar);
  const deb = options.deb === false ? null : buildDeb(dir, version, outDir, LINUX);
  const rpm = options.rpm === false ? null : buildRpm(dir, version, outDir, LINUX);
  return { version, dir, tarball: tar, deb, rpm, ui };
}

const invokedDirectly = process.argv[1] !== undefined && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const args = process.argv.slice(2);
  const out = args.indexOf('--out');
  try {
    const bundle = packageLinux({
      build: !args.includes('--no-build'),
      deb: !args.includes('--no-deb'),
      rpm: !args.includes('--no-rpm'),
      outDir: out >= 0 ? path.resolve(args[out + 1]!) : undefined,
    });
    console.log(`Linux bundle ${bundle.version}${bundle.ui ? '' : ' (no admin UI: renderer/dist was not built)'}:`);
    for (const file of [bundle.tarball, bundle.deb, bundle.rpm]) {
      if (file) console.log(`  ${path.relative(process.cwd(), file)}  ${(fs.statSync(file).size / 1048576).toFixed(1)} MB`);
    }
  } catch (err) {
    console.error(`package:linux failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
