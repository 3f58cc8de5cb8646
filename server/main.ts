// The appliance process: read config, open and migrate the stores, bootstrap on first start,
// listen, report ready (to a parent process if there is one) and shut down cleanly on signals.
import { loadConfig, ConfigError, type AppConfig } from './env.ts';
import { MigrationError } from './db/migrate.ts';
import { openStores, StoreError, type Stores } from './stores.ts';
import { buildApp } from './app.ts';
import { createServices } from './services.ts';
import { bootstrap, firstRunNotice } from './control-plane/bootstrap.ts';
import { deferTokenizerLoading, preloadTokenizer } from './pricing/tokenCount.ts';
import { usePrivateUmask } from './security/fileModes.ts';
import { type MainListener, listenMain } from './network/mainListener.ts';
import { parentChannel, serveShell } from './desktop/shellChannel.ts';
import { guardProcessDefaults } from './security/egress/clients.ts';

const SHUTDOWN_GRACE_MS = 4000;

type ParentPort = { postMessage(message: unknown): void };

function reportReady(port: number, url: string) {
  const message = { type: 'ready', port, url };
  // Electron's utilityProcess gives us process.parentPort; child_process.fork gives process.send.
  (process as unknown as { parentPort?: ParentPort }).parentPort?.postMessage(message);
  process.send?.(message);
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main() {
  // Before anything is created: every file the process makes from here on is 0600, every folder
  // 0700, including those the database engines add later (server/security/fileModes.ts).
  usePrivateUmask();
  deferTokenizerLoading();
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }

  let stores: Stores;
  try {
    stores = await openStores(config.dataDir);
  } catch (err) {
    if (err instanceof MigrationError || err instanceof StoreError) fail(`Cannot start: ${err.message}`);
    throw err;
  }

  const deps = { config, ...stores };
  // One service graph: the first start's setup writes through the same services the app serves with.
  const services = createServices(deps);
  const firstRun = bootstrap({ ...services, db: stores.db, config });
  const app = await buildApp(deps, services);
  // fetch(), undici's and Node's default agents pass the egress check too (docs/adr/0023).
  guardProcessDefaults(services.egress);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      console.error('Shutdown took too long; exiting.');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    try {
      await app.close();
    } finally {
      stores.close();
      clearTimeout(force);
    }
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  let listening: MainListener;
  try {
    listening = await listenMain(app, config);
  } catch (err) {
    await app.close().catch(() => undefined);
    stores.close();
    fail(`Cannot listen on ${config.host}:${config.port}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const { port, url } = listening;
  if (firstRun) console.log(firstRunNotice(firstRun, config.dataDir, process.stdout.isTTY === true));
  console.log(`Appliance ready on ${url} (data in ${config.dataDir})`);
  // The desktop shell's private channel (sign-in tokens, the tray's LAN switch, a clean stop).
  const shell = parentChannel();
  if (shell) serveShell(shell, { tokens: app.desktopSignIn, lan: app.lan, shutdown: () => void shutdown('shell') });
  reportReady(port, url);
  // LAN exposure, if it is on, once loopback serves: a LAN listener that cannot start is reported, not fatal.
  await app.lan.resume();
  // The air-gap self-check: every outbound client refuses an unlisted destination, no stray socket.
  void app.egressSelfCheck().then(
    (check) =>
      check.ok || check.mode === 'open' ? app.log.info(check.statement) : app.log.error(`Egress self-check failed: ${check.statement}`),
    (err: unknown) => app.log.error({ err }, 'Egress self-check could not run'),
  );
  // Load the default tokenizer now, while the appliance is idle, rather than in the first request
  // that needs a token count.
  setTimeout(() => preloadTokenizer(), 0).unref();
}

main().catch((err) => {
  console.error('Cannot start:', err);
  process.exit(1);
});
