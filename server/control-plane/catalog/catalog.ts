// The model catalog as one service: integrations, their workspaces and models, providers, legacy
// virtual keys, and the cached resolver the gateway uses (services.catalog).
import type { Sqlite } from '../../db/sqlite.ts';
import type { SecretBox } from '../../secrets/cipher.ts';
import type { WorkspacesRepository } from '../workspaces/repository.ts';
import { workspaceAccess } from '../../identity/workspaces.ts';
import type { UsageLedger } from '../../identity/usage.ts';
import type { CatalogContext } from './context.ts';
import { integrationModelsService } from './integrationModelsService.ts';
import { integrationWorkspacesService } from './integrationWorkspacesService.ts';
import { integrationsRepository } from './integrationsRepository.ts';
import { integrationsService } from './integrationsService.ts';
import { providersRepository } from './providersRepository.ts';
import { providersService } from './providersService.ts';
import { type CatalogModel, CatalogResolver, type ResolvedProvider } from './resolver.ts';
import { virtualKeysService } from './virtualKeysService.ts';
import { asAllowedDestinations, integrationDestinations } from './destinations.ts';

export type { CatalogModel, ResolvedModel, ResolvedProvider } from './resolver.ts';

export interface CatalogDeps {
  db: Sqlite;
  secrets: SecretBox;
  workspaces: WorkspacesRepository;
  now: () => number;
  /** Told after every catalog write (the egress check re-reads integrations' destinations). */
  onChange?: () => void;
  /** Live budget counters for the views and reset_usage (the limits engine). */
  usage?: UsageLedger;
}

export function catalogService(deps: CatalogDeps) {
  const integrations = integrationsRepository(deps.db);
  const providers = providersRepository(deps.db);
  const resolver = new CatalogResolver({ integrations, providers, secrets: deps.secrets });
  const ctx: CatalogContext = {
    integrations,
    providers,
    workspaces: deps.workspaces,
    ws: workspaceAccess(deps.workspaces),
    secrets: deps.secrets,
    now: deps.now,
    usage: deps.usage,
    mutate(fn) {
      try {
        return integrations.transaction(fn);
      } finally {
        resolver.clear();
        deps.onChange?.();
      }
    },
  };

  const destinations = integrationDestinations(deps.db);
  return {
    repos: { integrations, providers },
    integrations: integrationsService(ctx),
    integrationWorkspaces: integrationWorkspacesService(ctx),
    integrationModels: integrationModelsService(ctx),
    providers: providersService(ctx),
    virtualKeys: virtualKeysService(ctx),
    /** `@slug` in a workspace, with decrypted credentials; null when it cannot serve. */
    resolveProvider: (workspaceId: string, slug: string): ResolvedProvider | null => resolver.resolveProvider(workspaceId, slug),
    /** Models the workspace can call, for GET /v1/models. */
    listModels: (workspaceId: string): CatalogModel[] => resolver.listModels(workspaceId),
    /** Hosts of custom_host values saved in integrations the workspace can use. */
    savedHosts: (workspaceId: string): ReadonlySet<string> => resolver.savedHosts(workspaceId),
    /** Hosts and ports that saved integrations send requests to: allowed destinations of the egress check. */
    egressDestinations: () => asAllowedDestinations(destinations()),
    /** For other domains whose writes change what the catalog resolves (workspace archive, delete). */
    invalidate: (): void => resolver.clear(),
  };
}

export type CatalogService = ReturnType<typeof catalogService>;
