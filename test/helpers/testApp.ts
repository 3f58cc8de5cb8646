// Builds the real app on real stores in a temp data dir, bootstrapped as on first start.
// Tests call it with app.inject() or, when `listen` is set, over HTTP on loopback.
import type { FastifyInstance } from 'fastify';
import { loadConfig, type AppConfig } from '../../server/env.ts';
import { openStores, type Stores } from '../../server/stores.ts';
import { buildApp } from '../../server/app.ts';
import { createServices } from '../../server/services.ts';
import type { LogJobOptions } from '../../server/logs/runtime.ts';
import { bootstrap, type FirstRunCredentials } from '../../server/control-plane/bootstrap.ts';
import { makeTempDir, removeDir } from './dataDir.ts';

export interface TestApp {
  app: FastifyInstance;
  config: AppConfig;
  stores: Stores;
  credentials: FirstRunCredentials;
  /** Base URL when started with `listen: true`. */
  url: string;
  /** Headers that authenticate as the organisation admin key / the default workspace key. */
  admin: Record<string, string>;
  workspace: Record<string, string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  listen?: boolean;
  now?: () => number;
  dataDir?: string;
  /** Seams of the log export runner and retention job. */
  logJobs?: LogJobOptions;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? makeTempDir();
  const config = loadConfig({ LOG_LEVEL: 'silent', ...options.env, APPLIANCE_DATA_DIR: dataDir, PORT: '0' });
  const stores = await openStores(config.dataDir);
  const deps = { config, ...stores, now: options.now, logJobs: options.logJobs };
  const services = createServices(deps);
  const credentials = bootstrap({ ...services, db: stores.db, config });
  if (!credentials) throw new Error('startTestApp expects a fresh data dir');
  const app = await buildApp(deps, services);
  let url = '';
  if (options.listen) url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    config,
    stores,
    credentials,
    url,
    admin: { 'x-portkey-api-key': credentials.admin_api_key },
    workspace: { 'x-portkey-api-key': credentials.workspace_api_key },
    async close() {
      await app.close();
      stores.close();
      if (!options.dataDir) removeDir(dataDir);
    },
  };
}
