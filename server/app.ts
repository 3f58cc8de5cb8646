// Builds the fastify app: plugins in order (framework settings, then app-wide decorators and
// hooks, then routes). It never listens; server/main.ts owns the process.
import crypto from 'node:crypto';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createServices, type AppDeps, type Services } from './services.ts';
import type { AuthContext } from './identity/auth.ts';
import { registerErrorHandling, type Surface } from './http/errors.ts';
import { registerJsonParser } from './http/jsonBody.ts';
import { registerAuthentication } from './http/authenticate.ts';
import { validatorCompiler } from './http/validation.ts';
import { apiKeyRoutes } from './control-plane/api-keys/routes.ts';
import { workspaceRoutes } from './control-plane/workspaces/routes.ts';
import { catalogRoutes } from './control-plane/catalog/routes.ts';
import { SERVICE_ID, VERSION } from './version.ts';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    deps: AppDeps;
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
  registerAuthentication(app, services.keyCache, { apiAccessEnabled: config.features.apiAccess });

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

  await app.register(
    async (v1) => {
      await v1.register(apiKeyRoutes);
      await v1.register(workspaceRoutes);
      await v1.register(catalogRoutes);
    },
    { prefix: '/v1' },
  );

  return app;
}
