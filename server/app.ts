// Builds the fastify app: plugins in order (framework settings, then app-wide decorators and
// hooks, then routes). It never listens; server/main.ts owns the process.
import crypto from 'node:crypto';
import path from 'node:path';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createServices, type AppDeps, type Services } from './services.ts';
import type { AuthContext } from './identity/auth.ts';
import { registerErrorHandling, type Surface } from './http/errors.ts';
import { registerJsonParser } from './http/jsonBody.ts';
import { capConnectionsPerAddress, connectionErrorHandler, refuseTunnels, requireHost, routerErrorHandler } from './http/transport.ts';
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
import { createPricingService } from './pricing/service.ts';
import { pricingRoutes } from './control-plane/pricing/routes.ts';
import { pricingAdminRoutes } from './control-plane/pricing/adminRoutes.ts';
import { LogWriter } from './logs/writer.ts';
import { createLogsRuntime, type LogsRuntime } from './logs/runtime.ts';
import { analyticsRoutes } from './analytics/routes.ts';
import { gatewayRoutes } from './gateway/routes.ts';
import { createDispatcher } from './gateway/upstream.ts';
import { createAccountant } from './gateway/accounting.ts';
import type { GatewayDeps } from './gateway/handler.ts';
import { executeWithConfig, type RoutingDeps } from './gateway/routing/execute.ts';
import { MemoryCircuits, MemorySticky } from './gateway/routing/router.ts';
import { ResponseCache } from './gateway/cache/store.ts';
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
import { gatewayTraces } from './observability/traces.ts';
import { readiness } from './observability/readiness.ts';
import { observabilityRoutes } from './observability/routes.ts';

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
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    /** 'public' routes skip authentication. */
    auth?: 'public' | 'required';
    /** Which error envelope the route speaks. Defaults to the Admin API's. */
    surface?: Surface;
    /** A gateway route for Anthropic's SDK: errors in Anthropic's shape, also those raised before its handler. */
    errorFormat?: 'anthropic';
  }
}

export type { AppDeps };

/** The router's limit on one path parameter (an id, a slug); longer ones get a 414 (http/transport.ts). */
const MAX_PARAM_LENGTH = 100;

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const { clients } = config;
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            // Every header a key can ride in (the Anthropic SDK sends the gateway key as x-api-key;
            // an inline config may hold a provider's api_key), should a request ever be logged.
            redact: [
              'req.headers["x-portkey-api-key"]',
              'req.headers.authorization',
              'req.headers.cookie',
              'req.headers["x-api-key"]',
              'req.headers["api-key"]',
              'req.headers["proxy-authorization"]',
              'req.headers["x-portkey-config"]',
            ],
          },
    // Requests are logged to the log database, not to stdout.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimitBytes,
    genReqId: () => crypto.randomUUID(),
    forceCloseConnections: true,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH },
    // Bounds on slow and idle clients (docs/adr/0011). Node's requestTimeout covers receiving the
    // request only, so a long streamed answer is not cut; no socket idle timeout is set, since an
    // SSE answer may be silent for as long as the upstream thinks (REQUEST_TIMEOUT bounds that).
    http: {
      headersTimeout: clients.headersTimeoutMs,
      requestTimeout: clients.requestTimeoutMs,
      keepAliveTimeout: clients.keepAliveTimeoutMs,
      // How often Node looks for connections past those timeouts (its default is 30 s).
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(clients.headersTimeoutMs / 4))),
      // A missing Host is answered in our envelope by requireHost, not with Node's empty 400.
      requireHostHeader: false,
    },
    requestTimeout: clients.requestTimeoutMs,
    keepAliveTimeout: clients.keepAliveTimeoutMs,
    clientErrorHandler: connectionErrorHandler({ headersMs: clients.headersTimeoutMs, requestMs: clients.requestTimeoutMs }),
    frameworkErrors: routerErrorHandler(MAX_PARAM_LENGTH),
  }).withTypeProvider<TypeBoxTypeProvider>();
  capConnectionsPerAddress(app.server, clients.maxConnectionsPerIp);
  refuseTunnels(app.server);

  app.setValidatorCompiler(validatorCompiler);
  registerErrorHandling(app, config.bodyLimitBytes);
  app.addHook('onRequest', requireHost);
  registerJsonParser(app);

  const services = createServices(deps);
  app.decorate('services', services);
  app.decorate('deps', deps);
  registerAuthentication(app, services.keyCache, {
    apiAccessEnabled: config.features.apiAccess,
    sessions: services.sessions.requests,
  });

  // Ended key transitions, expired keys and scheduled rotations, in the background.
  const keyWorker = startKeyLifecycleWorker(services.keyLifecycle, { intervalMs: deps.keyWorkerIntervalMs, log: app.log });
  app.addHook('onClose', async () => keyWorker.stop());
  // Before any route is registered: every route must have an entry in the permission table, whose
  // scopes are checked before validation; then the audit log classifies it.
  registerPermissions(app);
  registerAuditLog(app, services.audit);
  // The OpenAPI document of every route registered from here on, and the admin UI at `/`.
  registerConsole(app);

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
  const logsRuntime = createLogsRuntime({ deps, services, writer: logWriter, pricing, log: app.log });
  logsRuntime.start();
  // Runs before the onClose hook above (hooks run in reverse): exports stop before the writer closes.
  app.addHook('onClose', async () => logsRuntime.close());
  app.decorate('logsRuntime', logsRuntime);

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
  // Prometheus metrics and OTLP traces, fed from each request's log event (server/observability/).
  const metrics = gatewayMetrics({ writer: logWriter });
  const traces = config.tracing ? gatewayTraces(config.tracing, services.egress) : null;
  if (traces) app.addHook('onClose', async () => traces.close());
  const gateway: GatewayDeps = {
    context: {
      headersToMetadata: config.headersToMetadata,
      defaultTimeoutMs: config.requestTimeoutMs,
      workspace: (id) => services.workspaceCache.get(id),
    },
    targets: services.catalog,
    targetOptions: { trustedHosts: config.trustedCustomHosts },
    dispatcher,
    logs: logWriter,
    accountant: createAccountant(pricing),
    loggingMode: (ctx) =>
      services.settings.forWorkspace(ctx.workspace.id).request_logging_mode === 'metrics-only' ? 'metrics-only' : 'full',
    execute: (ctx, call, single) => executeWithConfig(ctx, call, single, routing),
    observe: traces
      ? (event, ctx) => {
          metrics.observe(event);
          traces.observe(event, ctx);
        }
      : (event) => metrics.observe(event),
    traceAttempts: traces !== null,
  };

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
  await app.register(desktopSignInRoutes, { tokens: app.desktopSignIn });
  // Issue 17: the air-gap report, backups, metrics and readiness (registerOperations, below).
  const backups = await registerOperations(app, { deps, services, lan, logWriter, metrics });
  await app.register(invitePageRoutes);
  await app.register(
    async (v1) => {
      await v1.register(apiKeyRoutes);
      await v1.register(workspaceRoutes);
      await v1.register(memberRoutes);
      await v1.register(userRoutes);
      await v1.register(inviteRoutes);
      await v1.register(catalogRoutes);
      await v1.register(configRoutes);
      await v1.register(organisationSettingsRoutes);
      await v1.register(auditRoutes);
      await v1.register(sessionRoutes);
      await v1.register(logsRuntime.routes);
      await v1.register(analyticsRoutes(services.analytics));
      await v1.register(gatewayRoutes(gateway, services.catalog, capabilities.lookup));
      await v1.register(connectionTestRoutes(dispatcher));
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
