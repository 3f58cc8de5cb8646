// Before the UI tests (and only when one is about to run): build the server and the admin UI the
// way `npm start` does, when missing or stale, so no test's timeout pays for a build.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../helpers/childServer.ts';

interface StartScript {
  ensureBuilt(): boolean;
  ensureUiBuilt(): Promise<boolean>;
}

export default async function setup(): Promise<void> {
  const start = (await import(pathToFileURL(path.join(ROOT, 'scripts', 'start.mjs')).href)) as StartScript;
  start.ensureBuilt();
  await start.ensureUiBuilt();
}
