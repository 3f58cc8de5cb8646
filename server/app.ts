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
    ...deps.pricing,
  });
  const logWriter = new LogWriter(deps.logs, {
    journalDir: path.join(config.dataDir, 'log-journal'),
    flushIntervalMs: config.logFlushIntervalMs,
    onError: (err) => app.log.error({ err }, 'request log write failed; the journal keeps the rows for the next start'),
  });
  await logWriter.open();
  const dispatcher = createDispatcher();
  const responseCache = ResponseCache.open(path.join(config.dataDir, 'cache.db'), { maxBytes: config.cacheMaxBytes });
  app.addHook('onClose', async () => {
    responseCache.close();
    pricing.close();
    await logWriter.close();
    await dispatcher.close();
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

  const gateway = gatewayPipeline(app, deps, services, { pricing, logWriter, dispatcher, responseCache, logsRuntime });

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
      await v1.register(gatewayRoutes(gateway, services.catalog));
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
    },
    { prefix: '/v1' },
  );

  return app;
}

/** The request path's parts, made once by buildApp and closed with the app. */
interface RequestPathParts {
  pricing: PricingService;
  logWriter: LogWriter;
  dispatcher: Dispatcher;
  responseCache: ResponseCache;
  logsRuntime: LogsRuntime;
}

/** The gateway pipeline's stages wired to the services they call (gateway/pipeline.ts). */
function gatewayPipeline(app: FastifyInstance, deps: AppDeps, services: Services, parts: RequestPathParts): PipelineDeps {
  const { config } = deps;
  const { pricing, logWriter, dispatcher, responseCache, logsRuntime } = parts;
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
  };
}
