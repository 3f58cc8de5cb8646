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
import { registerAuthentication } from './http/authenticate.ts';
import { registerAuditLog } from './audit/hooks.ts';
import { registerPermissions } from './http/permissions.ts';
import { auditRoutes } from './audit/routes.ts';
import { sessionRoutes } from './identity/sessions/routes.ts';
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
import { pricingRoutes } from './pricing/routes.ts';
import { LogWriter } from './logs/writer.ts';
import { createLogsRuntime, type LogsRuntime } from './logs/runtime.ts';
import { analyticsRoutes } from './analytics/routes.ts';
import { gatewayRoutes } from './gateway/routes.ts';
import { createDispatcher } from './gateway/upstream.ts';
import { createAccountant } from './gateway/accounting.ts';
import type { GatewayDeps } from './gateway/handler.ts';
import { executeWithConfig, type RoutingDeps } from './gateway/config/execute.ts';
import { MemoryCircuits, MemorySticky } from './gateway/config/router.ts';
import { ResponseCache } from './gateway/cache/store.ts';
import { SemanticCache } from './gateway/cache/semantic.ts';
import type { GatewayContext } from './gateway/context.ts';
import { catalogChat } from './gateway/judgeChat.ts';
import { guardrailRoutes } from './guardrails/admin/routes.ts';
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
  }
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    /** 'public' routes skip authentication. */
    auth?: 'public' | 'required';
    /** Which error envelope the route speaks. Defaults to the Admin API's. */
    surface?: Surface;
  }
}

export type { AppDeps };

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers["x-portkey-api-key"]', 'req.headers.authorization', 'req.headers.cookie'],
          },
    // Requests are logged to the log database, not to stdout.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimitBytes,
    genReqId: () => crypto.randomUUID(),
    forceCloseConnections: true,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  registerErrorHandling(app, config.bodyLimitBytes);
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
    // BLOCK_INLINE_CONFIG is the operator's and always wins; then the workspace's defaults, then the
    // security settings that hold in the workspace (its own where the organisation allows them).
    blockInline: (ctx) => {
      if (config.blockInlineConfig) return true;
      const own = ctx.workspace.defaults.block_inline_config;
      return typeof own === 'boolean' ? own : services.settings.forWorkspace(ctx.workspace.id).block_inline_config === true;
    },
    circuits: new MemoryCircuits(),
    sticky: new MemorySticky(),
    backoffBaseMs: config.retryBackoffBaseMs,
    cache: responseCache,
    semantic: config.semanticCache ? { cache: new SemanticCache(responseCache), ...config.semanticCache } : null,
  };
  // [guardrails] the engine on the request path; absent with GUARDRAILS_ENABLED=OFF, when requests pass unchecked.
  if (config.features.guardrails) {
    const asyncResults = guardrailResultsStore(deps.logs);
    routing.guardrails = guardrailsRuntime<GatewayContext>({
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
  }
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
  };

  await app.register(pricingRoutes, { pricing });
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
      await v1.register(guardrailRoutes(services.guardrails, config.features.guardrails));
      await v1.register(organisationSettingsRoutes);
      await v1.register(auditRoutes);
      await v1.register(sessionRoutes);
      await v1.register(logsRuntime.routes);
      await v1.register(analyticsRoutes(services.analytics));
      await v1.register(gatewayRoutes(gateway, services.catalog));
    },
    { prefix: '/v1' },
  );

  return app;
}
