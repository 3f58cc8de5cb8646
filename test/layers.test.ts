// The layering of server/ (docs/adr/0015) is checked by `npm run lint` with dependency-cruiser. This
// runs the project's own rules over small trees made for the purpose, so the check itself cannot
// quietly stop catching what it exists for: circles, imports up a row, sideways imports the ADR
// does not list, and product code importing tests. The real tree is the lint's job.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/childServer.ts';
import { makeTempDir, removeDir } from './helpers/dataDir.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

/** Writes `files` into a fresh tree beside the project's rules and cruises its server/; returns the rules broken. */
function cruise(files: Record<string, string>): string[] {
  const dir = makeTempDir('layers');
  dirs.push(dir);
  fs.copyFileSync(path.join(ROOT, '.dependency-cruiser.cjs'), path.join(dir, '.dependency-cruiser.cjs'));
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', allowImportingTsExtensions: true, noEmit: true },
    }),
  );
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const bin = path.join(ROOT, 'node_modules', '.bin', 'depcruise');
  const run = spawnSync(bin, ['server', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], { cwd: dir, encoding: 'utf8' });
  const report = JSON.parse(run.stdout) as { summary: { violations: { rule: { name: string } }[] } };
  return [...new Set(report.summary.violations.map((v) => v.rule.name))].sort();
}

const leaf = 'export const x = 1;\n';

describe('the layering rules', () => {
  it('pass a tree that imports down the rows and along the allowed sideways edges', () => {
    expect(
      cruise({
        'server/errors.ts': leaf,
        'server/identity/auth.ts': "import { x } from '../errors.ts';\nexport const y = x;\n",
        'server/logs/writer.ts': "import { y } from '../identity/auth.ts';\nexport const z = y;\n",
        'server/gateway/pipeline.ts': "import { z } from '../logs/writer.ts';\nexport const w = z;\n",
        'server/app.ts': "import { w } from './gateway/pipeline.ts';\nexport const v = w;\n",
      }),
    ).toEqual([]);
  });

  it.each([
    [
      'an import circle',
      {
        'server/gateway/a.ts': "import { b } from './b.ts';\nexport const a = b;\n",
        'server/gateway/b.ts': "import { a } from './a.ts';\nexport const b = () => a;\n",
      },
      'no-circular',
    ],
    [
      'the kernel importing a domain',
      { 'server/http/errors.ts': "import { x } from '../gateway/context.ts';\nexport const e = x;\n", 'server/gateway/context.ts': leaf },
      'kernel-imports-down-only',
    ],
    [
      'shared knowledge importing a domain',
      {
        'server/identity/auth.ts': "import { x } from '../control-plane/keys.ts';\nexport const a = x;\n",
        'server/control-plane/keys.ts': leaf,
      },
      'shared-imports-down-only',
    ],
    [
      'a domain importing the composition root',
      { 'server/logs/runtime.ts': "import { x } from '../services.ts';\nexport const r = x;\n", 'server/services.ts': leaf },
      'domains-do-not-import-the-root',
    ],
    [
      'a sideways import the ADR does not list',
      { 'server/logs/ingest.ts': "import { x } from '../gateway/context.ts';\nexport const i = x;\n", 'server/gateway/context.ts': leaf },
      'sideways-from-logs',
    ],
    [
      'settings importing identity (identity sits above settings)',
      {
        'server/settings/ttl.ts': "import { x } from '../identity/sessions.ts';\nexport const t = x;\n",
        'server/identity/sessions.ts': leaf,
      },
      'sideways-from-settings',
    ],
    [
      'product code importing a test kit',
      {
        'server/gateway/x.ts': "import { k } from '../../test/kits/kit.ts';\nexport const g = k;\n",
        'test/kits/kit.ts': 'export const k = 1;\n',
      },
      'product-code-imports-no-tests',
    ],
  ])('refuse %s', (_, files, rule) => {
    expect(cruise(files)).toContain(rule);
  });
});
