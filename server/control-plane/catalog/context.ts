// What the catalog services share: repositories, the secret box, the clock, and the one way to
// write (a transaction after which every cached resolution is dropped).
import type { SecretBox } from '../../secrets/cipher.ts';
import type { WorkspacesRepository } from '../workspaces/repository.ts';
import type { WorkspaceAccess } from './access.ts';
import type { IntegrationsRepository } from './integrationsRepository.ts';
import type { ProvidersRepository } from './providersRepository.ts';
import type { UsageLedger } from '../../identity/usage.ts';

export interface CatalogContext {
  integrations: IntegrationsRepository;
  providers: ProvidersRepository;
  workspaces: WorkspacesRepository;
  ws: WorkspaceAccess;
  secrets: SecretBox;
  now: () => number;
  /** Live budget counters (the limits engine); absent in tests that build the catalog alone. */
  usage?: UsageLedger;
  /** Runs `fn` in one SQLite transaction (all or nothing), then invalidates the resolver cache. */
  mutate<T>(fn: () => T): T;
}
