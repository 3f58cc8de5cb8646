// Builds the repositories and domain services once per app from the opened stores.
import type { AppConfig } from './env.ts';
import type { Sqlite } from './db/sqlite.ts';
import type { LogDatabase } from './db/duckdb.ts';
import type { SecretBox } from './secrets/cipher.ts';
import type { HostIdentity } from './network/hostIdentity.ts';
import { apiKeysRepository } from './control-plane/api-keys/repository.ts';
import { ApiKeyCache } from './control-plane/api-keys/cache.ts';
import { apiKeysService } from './control-plane/api-keys/service.ts';
import { type RotationEvent, keyLifecycle } from './control-plane/api-keys/lifecycle.ts';
import { workspacesRepository } from './control-plane/workspaces/repository.ts';
import { workspacesService } from './control-plane/workspaces/service.ts';
import { membersService } from './control-plane/members/service.ts';
import { visibleWorkspaces } from './identity/workspaces.ts';
import { usersService } from './control-plane/users/service.ts';
import { ownedKeys } from './control-plane/users/ownedKeys.ts';
import { invitesService } from './control-plane/invites/service.ts';
import { invitesRepository } from './control-plane/invites/repository.ts';
import type { ApiKeysService } from './control-plane/api-keys/service.ts';
import type { CatalogService } from './control-plane/catalog/catalog.ts';
import type { ConfigsService } from './control-plane/configs/service.ts';
import { roleFacts, usersRepository } from './control-plane/users/repository.ts';
import { organisationRepository } from './control-plane/organisation/repository.ts';
import { catalogService } from './control-plane/catalog/catalog.ts';
import { configsService } from './control-plane/configs/service.ts';
import { WorkspaceCache } from './control-plane/workspaces/cache.ts';
import { OrganisationSettingsCache } from './settings/settings.ts';
import { settingsService } from './control-plane/organisation/settingsService.ts';
import type { PricingServiceOptions } from './pricing/service.ts';
import type { LogJobOptions } from './logs/runtime.ts';
import { logsRepository } from './logs/repository.ts';
import { analyticsService } from './analytics/service.ts';
import { auditRepository } from './audit/repository.ts';
import { AuditLog } from './audit/recorder.ts';
import { workspaceLocator } from './audit/locate.ts';
import type { RoleFacts } from './identity/roles.ts';
import type { AuditEvent } from './audit/events.ts';
import { newId } from './ids.ts';
import { localSessions } from './identity/sessions/service.ts';
import { guardrailsRepository } from './guardrails/admin/repository.ts';
import { guardrailLibrary } from './guardrails/library.ts';
import { guardrailsAdmin, type GuardrailsAdmin } from './guardrails/admin/service.ts';
import { sessionsStore } from './identity/sessions/store.ts';
import { egressGuard } from './security/egress/guard.ts';
import { egressStore } from './security/egress/store.ts';
import { environmentDestinations } from './security/egress/environment.ts';
import { isoNow } from './db/rows.ts';
import { limitsDomain } from './limits/limits.ts';

export interface AppDeps {
  config: AppConfig;
  db: Sqlite;
  logs: LogDatabase;
  secrets: SecretBox;
  /** Injectable clock for tests (milliseconds since the epoch). */
  now?: () => number;
  /** Test seams for the pricing service (reload interval, warnings). */
  pricing?: Pick<PricingServiceOptions, 'reloadIntervalMs' | 'log'>;
  /** Test seam: how often the API-key lifecycle worker runs (ms). */
  keyWorkerIntervalMs?: number;
  /** Test seams for the log exports runner and the retention job. */
  logJobs?: LogJobOptions;
  /** Test seam: this machine's names and addresses, as the local CA's certificates list them. */
  hostIdentity?: () => HostIdentity;
}

export function createServices(deps: AppDeps) {
  const now = deps.now ?? Date.now;
  const repos = {
    apiKeys: apiKeysRepository(deps.db),
    workspaces: workspacesRepository(deps.db),
    users: usersRepository(deps.db),
    organisation: organisationRepository(deps.db),
  };
  /** Role facts of people (the users repository), read by every rule that ranks a caller. */
  const facts = roleFacts(repos.users);
  const organisationId = () => repos.organisation.get()?.id ?? null;
  const keyCache = new ApiKeyCache(repos.apiKeys, now);
  const workspaceCache = new WorkspaceCache(repos.workspaces);
  const settings = new OrganisationSettingsCache(repos.organisation);
  settings.useWorkspaces(workspaceCache);
  const audit = new AuditLog(auditRepository(deps.db), { enabled: deps.config.features.auditLogs, now });
  // Outbound connections (docs/adr/0023): one guard in front of every client; what saved
  // integrations call is allowed, and re-read whenever the catalog changes.
  const egress = egressGuard({
    mode: deps.config.egress.mode,
    store: egressStore(deps.db),
    fixed: environmentDestinations(deps.config, isoNow(now())),
    sources: [() => catalog!.egressDestinations()],
    now,
  });
  // ---- limits (issue 14): the engine reads the catalog lazily, the catalog shows the engine's counters ----
  let catalog: CatalogService | null = null;
  const limits = limitsDomain({
    db: deps.db,
    now,
    features: deps.config.features,
    queueTimeoutMs: deps.config.concurrencyQueueTimeoutMs,
    providers: (workspaceId, slug) => catalog!.resolveProvider(workspaceId, slug),
    providerSlugs: (workspaceId) => catalog!.repos.providers.allInWorkspace(workspaceId).map((p) => p.slug),
    workspace: (id) => workspaceCache.get(id),
    workspaces: repos.workspaces,
    audit,
  });
  catalog = catalogService({
    db: deps.db,
    secrets: deps.secrets,
    workspaces: repos.workspaces,
    now,
    usage: limits.engine,
    onChange: () => egress.invalidate(),
  });
  // ---- end limits ----
  // [guardrails] saved guardrails as the request path reads them (compiled once per version).
  const guardrailRepo = guardrailsRepository(deps.db);
  const guardrailLib = guardrailLibrary(guardrailRepo);
  const guardrailAdmin = guardrailsAdmin({
    repo: guardrailRepo,
    library: guardrailLib,
    workspaces: {
      get: (ref) => repos.workspaces.get(ref),
      all: (organisationId) =>
        repos.workspaces.list({ organisationId, statuses: ['active', 'archived'], limit: 1_000_000, offset: 0 }).rows,
    },
    now,
  });
  const keys = keyLifecycle({
    repo: repos.apiKeys,
    cache: keyCache,
    secrets: deps.secrets,
    keyPrefix: deps.config.apiKeyPrefix,
    now,
    // Manual rotations are requests, recorded by the audit hook; scheduled ones have no request.
    onRotated: (e) => {
      if (e.rotation_mode === 'auto') audit.record(scheduledRotation(e));
    },
  });
  const core = {
    now,
    egress,
    repos,
    facts,
    /** The organisation's id once the first start made it (audit records name it). */
    organisationId,
    /** Finds the workspace an audit record belongs to (audit/locate.ts). */
    auditLocator: workspaceLocator(deps.db),
    keyCache,
    workspaceCache,
    settings,
    keyLifecycle: keys,
    apiKeys: apiKeysService({
      repo: repos.apiKeys,
      cache: keyCache,
      workspaces: repos.workspaces,
      users: repos.users,
      keyPrefix: deps.config.apiKeyPrefix,
      now,
      lifecycle: keys,
      settings,
      usage: limits.engine,
    }),
    catalog,
    /** Budgets, rate limits, limit policies and the concurrency gates (server/limits). */
    limits,
    configs: configsService({
      db: deps.db,
      workspaces: repos.workspaces,
      now,
      // [guardrails] a saved config's guardrails must run in its workspace.
      checkGuardrails: (organisationId, workspaceId, config) => guardrailAdmin.checkConfig(organisationId, workspaceId, config),
    }),
    logs: logsRepository(deps.logs),
    analytics: analyticsService({
      db: deps.db,
      logs: deps.logs,
      workspaces: repos.workspaces,
      facts,
      labels: { apiKey: (id) => repos.apiKeys.get(id), workspace: (id) => repos.workspaces.get(id) },
      settings,
    }),
    /** Audit log of Admin API mutations; record() is a no-op with AUDIT_LOGS_ENABLED=OFF. */
    audit,
    /** [guardrails] The Admin API over saved guardrails and the organisation's default guardrails. */
    guardrails: guardrailAdmin,
    guardrailLibrary: guardrailLib,
    /** Local accounts: password login, session cookies, password change (identity/sessions). */
    sessions: localSessions({
      store: sessionsStore(deps.db),
      settings,
      now,
      organisationId,
    }),
  };
  return { ...core, ...organisationPeople(deps, core) };
}

/** Workspaces, members, users and invites, wired to the caches and services their writes keep in step. */
function organisationPeople(
  deps: AppDeps,
  core: {
    now: () => number;
    repos: {
      workspaces: ReturnType<typeof workspacesRepository>;
      users: ReturnType<typeof usersRepository>;
      organisation: ReturnType<typeof organisationRepository>;
    };
    facts: RoleFacts;
    settings: OrganisationSettingsCache;
    keyCache: ApiKeyCache;
    workspaceCache: WorkspaceCache;
    apiKeys: ApiKeysService;
    catalog: CatalogService;
    configs: ConfigsService;
    limits: ReturnType<typeof limitsDomain>;
    guardrails: GuardrailsAdmin;
  },
) {
  const { now, repos, facts } = core;
  const owned = ownedKeys(deps.db);
  const forgetKeys = (ids: string[]) => ids.forEach((id) => core.keyCache.invalidate(id));
  return {
    /** The security settings API (organisation and per-workspace values). */
    settingsApi: settingsService({
      organisation: repos.organisation,
      workspaces: repos.workspaces,
      workspaceCache: core.workspaceCache,
      settings: core.settings,
      visible: visibleWorkspaces(repos.workspaces, facts),
      now,
    }),
    workspaces: workspacesService({
      db: deps.db,
      repo: repos.workspaces,
      users: repos.users,
      facts,
      cache: core.workspaceCache,
      forgetKeys,
      forgetResolved: () => {
        core.catalog.invalidate();
        core.configs.invalidate();
      },
      configExists: (workspaceId, ref) => core.configs.repo.get(ref)?.workspace_id === workspaceId,
      // [guardrails] a workspace's default guardrails must name guardrails it can use.
      checkGuardrails: (organisationId, workspaceId, defaults) =>
        core.guardrails.checkWorkspaceDefaults(organisationId, workspaceId, defaults),
      settings: core.settings,
      now,
      usage: core.limits.engine,
    }),
    members: membersService({
      users: repos.users,
      facts,
      visible: visibleWorkspaces(repos.workspaces, facts),
      ownedKeys: owned,
      forgetKeys,
      now,
    }),
    users: usersService({ users: repos.users, facts, ownedKeys: owned, forgetKeys, now }),
    invites: invitesService({
      repo: invitesRepository(deps.db),
      users: repos.users,
      workspaces: repos.workspaces,
      facts,
      apiKeys: core.apiKeys,
      now,
    }),
  };
}

/** A scheduled key rotation as an audit event: done by the appliance itself, so no actor. */
function scheduledRotation(e: RotationEvent): AuditEvent {
  return {
    organisation_id: e.organisation_id,
    workspace_id: e.workspace_id,
    actor: null,
    method: 'POST',
    uri: `/v1/api-keys/${e.api_key_id}/rotate`,
    request_id: newId(),
    request_body: { rotation_mode: e.rotation_mode, old_key: e.old_key_masked, key_transition_expires_at: e.transition_expires_at },
    response_status_code: 200,
    resource_type: 'api_key',
    resource_id: e.api_key_id,
    action: 'rotate',
  };
}

export type Services = ReturnType<typeof createServices>;
