// The .deb (dpkg-deb) and .rpm (rpmbuild) of the headless bundle: the same files, laid out as
// installed (/opt/airgap-ai-gateway, the unit in /usr/lib/systemd/system, settings in
// /etc/airgap-ai-gateway), with maintainer scripts that create the airgap-gw user and its data
// directory. Called by scripts/package-linux.ts with the staged bundle.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const NAME = 'airgap-ai-gateway';
const OPT = `opt/${NAME}`;
const UNIT_DIR = 'usr/lib/systemd/system';

function run(cmd: string, args: string[]): void {
  const result = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error)
    throw new Error(`${cmd} could not run (${result.error.message}): on Debian, apt-get install ${cmd === 'rpmbuild' ? 'rpm' : 'dpkg'}`);
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${result.status}):\n${result.stderr}${result.stdout}`);
}

/** npm's 1.2.3-beta.1 sorts before 1.2.3; both package formats say so with a tilde. */
export const packageVersion = (version: string) => version.replace(/-/g, '~');

/** The installed layout under `root`: the program, the unit and the settings file. */
function stageInstalledTree(bundle: string, root: string, linuxDir: string): void {
  fs.rmSync(root, { recursive: true, force: true });
  const opt = path.join(root, OPT);
  fs.mkdirSync(opt, { recursive: true });
  for (const part of ['node', 'app', 'bin', 'systemd', 'README.md', 'VERSION']) {
    fs.cpSync(path.join(bundle, part), path.join(opt, part), { recursive: true, verbatimSymlinks: true });
  }
  fs.mkdirSync(path.join(root, UNIT_DIR), { recursive: true });
  fs.copyFileSync(path.join(linuxDir, `${NAME}.service`), path.join(root, UNIT_DIR, `${NAME}.service`));
  fs.mkdirSync(path.join(root, 'etc', NAME), { recursive: true });
  fs.copyFileSync(path.join(linuxDir, 'environment'), path.join(root, 'etc', NAME, 'environment'));
}

function sizeKb(dir: string): number {
  let bytes = 0;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else bytes += fs.lstatSync(f).size;
    }
  };
  walk(dir);
  return Math.ceil(bytes / 1024);
}

export function buildDeb(bundle: string, version: string, outDir: string, linuxDir: string): string {
  const root = path.join(outDir, 'deb-root');
  stageInstalledTree(bundle, root, linuxDir);
  const debian = path.join(root, 'DEBIAN');
  fs.mkdirSync(debian);
  const control = [
    `Package: ${NAME}`,
    `Version: ${packageVersion(version)}`,
    'Architecture: amd64',
    'Maintainer: AirGap AI Gateway maintainers <root@localhost>',
    'Section: net',
    'Priority: optional',
    // The bundled Node runtime links these; the maintainer scripts use useradd.
    'Depends: libc6 (>= 2.28), libstdc++6, passwd',
    `Installed-Size: ${sizeKb(root)}`,
    'Description: Air-gapped AI gateway appliance',
    " An OpenAI-compatible gateway in front of the organisation's own LLMs, with",
    " Portkey's Admin API, request logs and analytics, in one process. Runs as the",
    ' airgap-gw user under a hardened systemd unit; data in /var/lib/airgap-ai-gateway.',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(debian, 'control'), control);
  fs.writeFileSync(path.join(debian, 'conffiles'), `/etc/${NAME}/environment\n`);
  for (const script of ['postinst', 'prerm', 'postrm']) {
    fs.copyFileSync(path.join(linuxDir, 'deb', script), path.join(debian, script));
    fs.chmodSync(path.join(debian, script), 0o755);
  }
  const file = path.join(outDir, `${NAME}_${packageVersion(version)}_amd64.deb`);
  fs.rmSync(file, { force: true });
  // gzip rather than dpkg's default xz: as portable, and minutes faster on a 150 MB payload.
  run('dpkg-deb', ['--root-owner-group', '-Zgzip', '-z6', '--build', root, file]);
  fs.rmSync(root, { recursive: true, force: true });
  return file;
}

export function buildRpm(bundle: string, version: string, outDir: string, linuxDir: string): string {
  const stage = path.join(outDir, 'rpm-root');
  stageInstalledTree(bundle, stage, linuxDir);
  fs.mkdirSync(path.join(stage, 'var', 'lib', NAME), { recursive: true });
  const top = path.join(outDir, 'rpmbuild');
  fs.rmSync(top, { recursive: true, force: true });
  fs.mkdirSync(path.join(top, 'SPECS'), { recursive: true });
  const spec = fs
    .readFileSync(path.join(linuxDir, 'rpm', `${NAME}.spec.in`), 'utf8')
    .replaceAll('@RPM_VERSION@', packageVersion(version))
    .replaceAll('@STAGE@', stage);
  const specFile = path.join(top, 'SPECS', `${NAME}.spec`);
  fs.writeFileSync(specFile, spec);
  const file = path.join(outDir, `${NAME}-${packageVersion(version)}-1.x86_64.rpm`);
  fs.rmSync(file, { force: true });
  run('rpmbuild', [
    '-bb',
    '--target',
    'x86_64-linux',
    '--define',
    `_topdir ${top}`,
    '--define',
    `_rpmdir ${outDir}`,
    '--define',
    '_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm',
    specFile,
  ]);
  fs.rmSync(top, { recursive: true, force: true });
  fs.rmSync(stage, { recursive: true, force: true });
  return file;
}
