// Before the UI tests (and only when one is about to run): build the server and the admin UI the
// way `npm start` does, when missing or stale, so no test's timeout pays for a build.
import { loadStartScript } from '../helpers/childServer.ts';

export default async function setup(): Promise<void> {
  const start = await loadStartScript();
  start.ensureBuilt();
  await start.ensureUiBuilt();
}
