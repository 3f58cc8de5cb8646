// The HTTP server as the appliance runs it: fastify with the framework settings every surface relies
// on (logger redaction, body limit, router limits) and the bounds on slow and idle clients, with
// connection-level errors answered in our envelope (docs/adr/0011). It registers no route.
import crypto from 'node:crypto';
import Fastify, { LogController } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppConfig } from '../env.ts';
import { capConnectionsPerAddress, connectionErrorHandler, refuseTunnels, routerErrorHandler } from './transport.ts';

/** The router's limit on one path parameter (an id, a slug); longer ones get a 414 (transport.ts). */
const MAX_PARAM_LENGTH = 100;

export function createHttpServer(config: AppConfig) {
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

  return app;
}
