// Builds the fastify app: plugins in order (framework settings, then app-wide decorators and
// hooks, then routes). It never listens; server/main.ts owns the process.
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { createServices, type AppDeps, type Services } from './services.ts';
import { registerErrorHandling } from './http/errors.ts';
import { registerTraceId } from './http/traceId.ts';
import { registerJsonParser } from './http/jsonBody.ts';
import { requireHost } from './http/transport.ts';
import { createHttpServer } from './http/server.ts';
import { registerAuthentication } from './identity/authenticate.ts';
import { registerAuditLog } from './audit/hooks.ts';
import { registerPermissions } from './identity/permissions.ts';
import { auditRoutes } from './audit/routes.ts';
import { sessionRoutes } from './control-plane/sessions/routes.ts';
import { validatorCompiler } from './http/validation.ts';
import { apiKeyRoutes } from './control-plane/api-keys/routes.ts';
import { startKeyLifecycleWorker } from './control-plane/api-keys/worker.ts';
import { workspaceRoutes } from './control-plane/workspaces/routes.ts';
import { memberRoutes } from './control-plane/members/routes.ts';
import { userRoutes } from './control-plane/users/routes.ts';
import { invitePageRoutes, inviteRoutes } from './control-plane/invites/routes.ts';
import { catalogRoutes } from './control-plane/catalog/routes.ts';
import { configRoutes } from './control-plane/configs/routes.ts';
import { organisationSettingsRoutes } from './control-plane/organisation/routes.ts';
import { SERVICE_ID, VERSION } from './version.ts';
import { createPricingService, type PricingService } from './pricing/service.ts';
import { pricingRoutes } from './control-plane/pricing/routes.ts';
import { pricingAdminRoutes } from './control-plane/pricing/adminRoutes.ts';
import { LogWriter } from './logs/writer.ts';
import { createLogsRuntime, type LogsRuntime } from './logs/runtime.ts';
import { logRoutes } from './logs/routes.ts';
import { feedbackRoutes } from './logs/feedbackRoutes.ts';
import { exportRoutes } from './logs/exports/routes.ts';
import { analyticsRoutes } from './analytics/routes.ts';
import { gatewayRoutes } from './gateway/routes.ts';
import { createDispatcher } from './gateway/upstream.ts';
import { createAccountant } from './gateway/accounting.ts';
import type { PipelineDeps } from './gateway/pipeline.ts';
import type { RoutingDeps } from './gateway/routing/execute.ts';
import { MemoryCircuits, MemorySticky } from './gateway/routing/router.ts';
import { ResponseCache } from './gateway/cache/store.ts';
import type { Dispatcher } from 'undici';
import { SemanticCache } from './gateway/cache/semantic.ts';
import { type LanExposure, lanExposure } from './network/lanExposure.ts';
import { networkRoutes } from './network/routes.ts';
import { DesktopSignInTokens } from './desktop/signInTokens.ts';
import { desktopSignInRoutes } from './desktop/routes.ts';
import { registerConsole } from './console/console.ts';
import { connectionTestRoutes } from './gateway/connectionTest.ts';
import { type ListenerBook, listenerBook } from './network/listeners.ts';
import { egressReport } from './network/egressReport.ts';
import { egressRoutes } from './network/egressRoutes.ts';
import { runSelfCheck, type SelfCheckResult } from './security/egress/selfCheck.ts';
import { lastChange } from './audit/lastChange.ts';
import { BUNDLED_PRICING_DIR } from './pricing/service.ts';
import { acceptedPricingFiles } from './pricing/acceptedFiles.ts';
import { BUNDLED_CAPABILITIES_DIR, createCapabilities } from './pricing/capabilities.ts';
import { pricingFileAuditEvent, scheduledBackupAuditEvent } from './audit/applianceEvents.ts';
import { type BackupService, backupService } from './backups/service.ts';
import { backupRoutes } from './backups/routes.ts';
import { type GatewayMetrics, gatewayMetrics } from './observability/metrics.ts';
import { type GatewayTraces, gatewayTraces } from './observability/traces.ts';
import { readiness } from './observability/readiness.ts';
import { observabilityRoutes } from './observability/routes.ts';
import { consoleCallRoutes } from './gateway/consoleCalls.ts';
import { startLimitsWorker } from './limits/limits.ts';
import { policyRoutes } from './limits/policyRoutes.ts';
import { selfRoutes } from './limits/selfRoutes.ts';
import type { GatewayContext } from './gateway/context.ts';
import { catalogChat, workspaceJudgeChat } from './gateway/judgeChat.ts';
import { guardrailRoutes } from './guardrails/admin/routes.ts';
import { guardrailTester } from './guardrails/admin/tester.ts';
import { guardrailsRuntime } from './guardrails/runtime.ts';
import { guardrailResultsStore } from './logs/guardrailResults.ts';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    deps: AppDeps;
    /** Request logs: journaled on the request path, appended to DuckDB in batches. */
    logWriter: LogWriter;
    /** Logs past the request path: list, feedback, exports and retention (and their background jobs). */
    logsRuntime: LogsRuntime;
    /** The LAN listener's switch (server/network/); main.ts resumes it after listening on loopback. */
    lan: LanExposure;
    /** One-time desktop sign-in tokens, issued over the shell's private channel (server/desktop/). */
    desktopSignIn: DesktopSignInTokens;
    /** Where the appliance listens (network/listeners.ts); listenMain records the main listener. */
    listeners: ListenerBook;
    /** Backups on request and on a schedule (server/backups/). */
    backups: BackupService;
    /** The egress self-check (docs/adr/0023): main.ts runs it once listening; the air-gap report shows it. */
    egressSelfCheck(again?: boolean): Promise<SelfCheckResult>;
  }
}

export type { AppDeps };

/** Builds the app over `services` (main.ts passes the graph it bootstrapped with; tests let it make one). */
export async function buildApp(deps: AppDeps, services: Services = createServices(deps)): Promise<FastifyInstance> {
  const { config } = deps;
  const app = createHttpServer(config);

  app.setValidatorCompiler(validatorCompiler);
  registerTraceId(app);
  const errors = registerErrorHandling(app, config.bodyLimitBytes);
  app.addHook('onRequest', requireHost);
  registerJsonParser(app);

  app.decorate('services', services);
  app.decorate('deps', deps);
  registerAuthentication(app, services.keyCache, {
    apiAccessEnabled: config.features.apiAccess,
    sessions: services.sessions.requests,
  });

  // Ended key transitions, expired keys and scheduled rotations, in the background.
  const keyWorker = startKeyLifecycleWorker(services.keyLifecycle, { intervalMs: deps.keyWorkerIntervalMs, log: app.log });
  app.addHook('onClose', async () => keyWorker.stop());
  // Limits (issue 14): due resets and the usage counters' batch every second, the last batch at close.
  const limitsWorker = startLimitsWorker(services.limits.engine, { log: app.log });
  app.addHook('onClose', async () => limitsWorker.stop());
  // Before any route is registered: every route must have an entry in the permission table, whose
  // scopes are checked before validation; then the audit log classifies it.
  registerPermissions(app);
  registerAuditLog(app, { audit: services.audit, locator: services.auditLocator, organisationId: services.organisationId });
  // The OpenAPI document of every route registered from here on, and the admin UI at `/`.
  errors.fallBackTo(registerConsole(app).uiFallback);

  app.get(
    '/v1/health',
    {
      config: { auth: 'public' },
      schema: {
        response: { 200: Type.Object({ status: Type.String(), version: Type.String(), service: Type.String() }) },
      },
    },
    async () => ({ status: 'ok', version: VERSION, service: SERVICE_ID }),
  );

  // The request path's runtime parts: prices, the request-log writer (replays what a killed
  // process left in its journal) and the upstream connection pool. Closed with the app.
  const pricing = createPricingService({
    localDir: config.pricingLocalPath,
    dataDir: config.dataDir,
    log: { warn: (details, message) => app.log.warn(details, message) },
    // Dropped-in files: kept as accepted, and every change (or refusal) in the audit log.
    store: acceptedPricingFiles(deps.db),
    onChange: (events) => {
      const organisation = services.repos.organisation.get();
      if (organisation) for (const e of events) services.audit.record(pricingFileAuditEvent(organisation.id, e));
    },
    ...deps.pricing,
  });
  // What GET /v1/models says of each model: type, capabilities, context window, output limit.
  const capabilities = createCapabilities({
    localDir: config.capabilitiesLocalPath,
    reloadIntervalMs: deps.pricing?.reloadIntervalMs,
    log: { warn: (details, message) => app.log.warn(details, message) },
  });
  const logWriter = new LogWriter(deps.logs, {
    journalDir: path.join(config.dataDir, 'log-journal'),
    flushIntervalMs: config.logFlushIntervalMs,
    onError: (err) => app.log.error({ err }, 'request log write failed; the journal keeps the rows for the next start'),
  });
  await logWriter.open();
  // Every upstream request passes the egress check first (docs/adr/0023).
  services.egress.useLogger(app.log);
  const dispatcher = createDispatcher(services.egress);
  const responseCache = ResponseCache.open(path.join(config.dataDir, 'cache.db'), { maxBytes: config.cacheMaxBytes });
  app.addHook('onClose', async () => {
    responseCache.close();
    pricing.close();
    capabilities.close();
    await logWriter.close();
    await dispatcher.close();
    services.egress.close();
  });
  app.decorate('logWriter', logWriter);
  const logsRuntime = createLogsRuntime({
    db: deps.db,
    logs: deps.logs,
    repo: services.logs,
    writer: logWriter,
    dataDir: config.dataDir,
    retention: { logDays: config.logRetentionDays, metricsDays: config.metricsRetentionDays },
    jobs: deps.logJobs,
    now: services.now,
    facts: services.facts,
    settings: services.settings,
    workspaces: services.repos.workspaces,
    workspaceFacts: services.workspaceCache,
    cost: (provider, model, usage) => pricing.cost(provider, model, usage),
    log: app.log,
  });
  logsRuntime.start();
  // Runs before the onClose hook above (hooks run in reverse): exports stop before the writer closes.
  app.addHook('onClose', async () => logsRuntime.close());
  app.decorate('logsRuntime', logsRuntime);

  // Prometheus metrics and OTLP traces, fed from each request's log event (server/observability/).
  const traces = config.tracing ? gatewayTraces(config.tracing, services.egress, app.log) : null;
  const metrics = gatewayMetrics({ writer: logWriter, spans: () => traces?.figures() ?? null });
  if (traces) app.addHook('onClose', async () => traces.close());
  const gateway = gatewayPipeline(app, deps, services, { pricing, logWriter, dispatcher, responseCache, logsRuntime, metrics, traces });

  const lan = lanExposure({
    app,
    db: deps.db,
    network: config.network,
    dataDir: config.dataDir,
    now: deps.now,
    identity: deps.hostIdentity,
  });
  app.decorate('lan', lan);
  app.addHook('onClose', async () => lan.close());
  app.decorate('desktopSignIn', new DesktopSignInTokens(deps.now));

  await app.register(pricingRoutes, { pricing });
  await app.register(networkRoutes, { lan, dataDir: config.dataDir, administratorCertificate: config.network.tlsFiles !== null });
  const { sessions, audit, organisationId } = services;
  await app.register(desktopSignInRoutes({ tokens: app.desktopSignIn, sessions, audit, organisationId }));
  await app.register(invitePageRoutes(services.invites));
  // Issue 17: the air-gap report, backups, metrics and readiness (registerOperations, below).
  const backups = await registerOperations(app, { deps, services, lan, logWriter, metrics });
  await app.register(
    async (v1) => {
      await v1.register(apiKeyRoutes(services.apiKeys));
      await v1.register(workspaceRoutes(services.workspaces));
      await v1.register(memberRoutes(services.members));
      await v1.register(userRoutes(services.users));
      await v1.register(inviteRoutes(services.invites));
      await v1.register(catalogRoutes(services.catalog));
      await v1.register(configRoutes(services.configs));
      // [guardrails] the console's guardrail test asks an LLM judge through the workspace's catalog.
      const judge = workspaceJudgeChat({ targets: services.catalog, dispatcher, workspace: (id) => services.workspaceCache.get(id) });
      await v1.register(
        guardrailRoutes(services.guardrails, guardrailTester({ admin: services.guardrails, chat: judge }), config.features.guardrails),
      );
      await v1.register(organisationSettingsRoutes(services.settingsApi));
      await v1.register(auditRoutes(audit, services.auditLocator));
      await v1.register(sessionRoutes({ sessions, audit, organisationId }));
      await v1.register(logRoutes(logsRuntime));
      await v1.register(feedbackRoutes(logsRuntime.feedback));
      await v1.register(exportRoutes(logsRuntime.exports, config.features.dataExports));
      await v1.register(analyticsRoutes(services.analytics));
      await v1.register(policyRoutes(services.limits.policies));
      await v1.register(selfRoutes(services.limits.self));
      await v1.register(gatewayRoutes(gateway, services.catalog, capabilities.lookup));
      await v1.register(connectionTestRoutes({ dispatcher, catalog: services.catalog, workspaces: services.workspaceCache }));
      // Issue 15: the console's config "try it" and playground, through the gateway's pipeline.
      await v1.register(
        consoleCallRoutes({
          gateway,
          config: (auth, ref, workspace) => services.configs.get(auth, ref, workspace),
          workspace: (id) => services.workspaceCache.get(id),
          ownKeys: (userId, workspaceId) => services.apiKeys.ownKeys(userId, workspaceId),
          now: deps.now,
        }),
      );
      await v1.register(pricingAdminRoutes(pricing));
      await v1.register(backupRoutes(backups));
    },
    { prefix: '/v1' },
  );

  return app;
}

/**
 * Issue 17's operations, wired in one place: the air-gap report and egress allow-list
 * (network/, docs/adr/0023), backups on request and on a schedule (backups/, docs/adr/0024),
 * Prometheus metrics and readiness (observability/, docs/adr/0025). Returns the backup service
 * for its /v1 routes.
 */
async function registerOperations(
  app: FastifyInstance,
  {
    deps,
    services,
    lan,
    logWriter,
    metrics,
  }: { deps: AppDeps; services: Services; lan: LanExposure; logWriter: LogWriter; metrics: GatewayMetrics },
): Promise<BackupService> {
  const { config } = deps;
  app.decorate('listeners', listenerBook());
  const organisationId = () => services.repos.organisation.get()?.id ?? null;
  const authorOf = lastChange(services.audit.repository, {
    user: (id) => services.repos.users.get(id)?.email ?? null,
    apiKey: (id) => services.repos.apiKeys.get(id)?.name ?? null,
  });
  const airGap = egressReport({
    guard: services.egress,
    listeners: () => app.listeners.all(app, lan),
    runSelfCheck: () =>
      runSelfCheck(services.egress, {
        localFolders: [
          BUNDLED_PRICING_DIR,
          BUNDLED_CAPABILITIES_DIR,
          config.pricingLocalPath,
          config.capabilitiesLocalPath,
          path.join(config.dataDir, 'pricing'),
        ].filter((f) => f !== null),
        collector: config.tracing?.endpoint ?? null,
      }),
    integrationAuthor: (refs) => {
      const organisation = organisationId();
      return organisation ? authorOf(organisation, 'integration', refs) : null;
    },
  });
  app.decorate('egressSelfCheck', airGap.selfCheck);
  await app.register(egressRoutes, { guard: services.egress, report: airGap.report });

  const backups = backupService({
    dataDir: config.dataDir,
    db: deps.db,
    logs: deps.logs,
    secrets: deps.secrets,
    flushLogs: () => logWriter.flush(),
    flushAudit: () => services.audit.flush(),
    now: deps.now,
    log: app.log,
    onScheduled: (r) => {
      const organisation = organisationId();
      if (organisation)
        services.audit.record(scheduledBackupAuditEvent(organisation, { ok: r.ok, name: r.summary?.name ?? null, error: r.error }));
    },
  });
  backups.start();
  app.decorate('backups', backups);
  app.addHook('onClose', async () => backups.close());

  await app.register(observabilityRoutes, {
    metrics,
    readiness: readiness({
      db: deps.db,
      logs: deps.logs,
      writer: logWriter,
      listeners: () => app.listeners.all(app, lan),
      maxLagMs: Math.max(30_000, config.logFlushIntervalMs * 10),
    }),
  });
  return backups;
}

/** The request path's parts, made once by buildApp and closed with the app. */
interface RequestPathParts {
  pricing: PricingService;
  logWriter: LogWriter;
  dispatcher: Dispatcher;
  responseCache: ResponseCache;
  logsRuntime: LogsRuntime;
  metrics: GatewayMetrics;
  traces: GatewayTraces | null;
}

/** The gateway pipeline's stages wired to the services they call (gateway/pipeline.ts). */
function gatewayPipeline(app: FastifyInstance, deps: AppDeps, services: Services, parts: RequestPathParts): PipelineDeps {
  const { config } = deps;
  const { pricing, logWriter, dispatcher, responseCache, logsRuntime, metrics, traces } = parts;
  const routing: RoutingDeps = {
    configs: services.configs,
    targets: services.catalog,
    targetOptions: { trustedHosts: config.trustedCustomHosts },
    dispatcher,
    // BLOCK_INLINE_CONFIG is the operator's and always wins; then the security settings that hold
    // in the workspace: its own value only where the organisation opened the section (ADR 0009).
    blockInline: (ctx) => config.blockInlineConfig || services.settings.forWorkspace(ctx.workspace.id).block_inline_config === true,
    circuits: new MemoryCircuits(),
    sticky: new MemorySticky(),
    backoffBaseMs: config.retryBackoffBaseMs,
    cache: responseCache,
    semantic: config.semanticCache ? { cache: new SemanticCache(responseCache), ...config.semanticCache } : null,
  };
  // [guardrails] the engine on the request path; absent with GUARDRAILS_ENABLED=OFF, when requests pass unchecked.
  const asyncResults = guardrailResultsStore(deps.logs);
  const guardrails = !config.features.guardrails
    ? null
    : guardrailsRuntime<GatewayContext>({
        library: services.guardrailLibrary,
        completeChat: catalogChat({ targets: services.catalog, dispatcher }),
        feedback: async (ctx, items) => {
          await logsRuntime.feedback.create(
            ctx.auth,
            items.map((f) => ({
              trace_id: ctx.traceId,
              value: f.value,
              weight: f.weight,
              metadata: { source: 'guardrail', guardrail_id: f.guardrail.id, verdict: f.guardrail.verdict, note: f.metadata },
            })),
          );
        },
        asyncResults: (ctx, phase, results) =>
          asyncResults.insert(
            results.map((result) => ({ requestId: ctx.id, workspaceId: ctx.workspace.id, traceId: ctx.traceId, phase, result })),
          ),
        onError: (err, what) => app.log.warn({ err }, `${what} could not be recorded`),
      });
  return {
    context: {
      headersToMetadata: config.headersToMetadata,
      defaultTimeoutMs: config.requestTimeoutMs,
      workspace: (id) => services.workspaceCache.get(id),
    },
    routing,
    guardrails,
    limits: services.limits.gateway,
    logs: logWriter,
    accountant: createAccountant(pricing),
    loggingMode: (ctx) =>
      services.settings.forWorkspace(ctx.workspace.id).request_logging_mode === 'metrics-only' ? 'metrics-only' : 'full',
    observe: traces
      ? (event, ctx) => {
          metrics.observe(event);
          traces.observe(event, ctx);
        }
      : (event) => metrics.observe(event),
    traceAttempts: traces !== null,
  };
}
