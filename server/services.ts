// Builds the repositories and domain services once per app from the opened stores.
import type { AppConfig } from './config/env.ts';
import type { Sqlite } from './db/sqlite.ts';
import type { LogDatabase } from './db/duckdb.ts';
import type { SecretBox } from './secrets/cipher.ts';
import { apiKeysRepository } from './control-plane/api-keys/repository.ts';
import { ApiKeyCache } from './control-plane/api-keys/cache.ts';
import { apiKeysService } from './control-plane/api-keys/service.ts';
import { workspacesRepository } from './control-plane/workspaces/repository.ts';
import { workspacesService } from './control-plane/workspaces/service.ts';
import { usersRepository } from './control-plane/users/repository.ts';
import { organisationRepository } from './control-plane/organisation/repository.ts';
import { catalogService } from './control-plane/catalog/catalog.ts';
import { configsService } from './control-plane/configs/service.ts';
import { WorkspaceCache } from './control-plane/workspaces/cache.ts';
import { OrganisationSettingsCache } from './control-plane/organisation/settings.ts';
import type { PricingServiceOptions } from './pricing/service.ts';
import { logsRepository } from './logs/repository.ts';

export interface AppDeps {
  config: AppConfig;
  db: Sqlite;
  logs: LogDatabase;
  secrets: SecretBox;
  /** Injectable clock for tests (milliseconds since the epoch). */
  now?: () => number;
  /** Test seams for the pricing service (reload interval, warnings). */
  pricing?: Pick<PricingServiceOptions, 'reloadIntervalMs' | 'log'>;
}

export function createServices(deps: AppDeps) {
  const now = deps.now ?? Date.now;
  const repos = {
    apiKeys: apiKeysRepository(deps.db),
    workspaces: workspacesRepository(deps.db),
    users: usersRepository(deps.db),
    organisation: organisationRepository(deps.db),
  };
  const keyCache = new ApiKeyCache(repos.apiKeys, now);
  const workspaceCache = new WorkspaceCache(repos.workspaces);
  const settings = new OrganisationSettingsCache(repos.organisation);
  return {
    now,
    repos,
    keyCache,
    workspaceCache,
    settings,
    apiKeys: apiKeysService({
      repo: repos.apiKeys,
      cache: keyCache,
      workspaces: repos.workspaces,
      users: repos.users,
      keyPrefix: deps.config.apiKeyPrefix,
      now,
    }),
    workspaces: workspacesService({ repo: repos.workspaces }),
    catalog: catalogService({ db: deps.db, secrets: deps.secrets, workspaces: repos.workspaces, now }),
    configs: configsService({ db: deps.db, workspaces: repos.workspaces, now }),
    logs: logsRepository(deps.logs),
  };
}

export type Services = ReturnType<typeof createServices>;
