// One error handler for every route: AppErrors render in their surface's envelope, framework
// errors (bad JSON, oversize bodies, schema failures) become AppErrors first, and 5xx bodies never
// show internals.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, adminEnvelope, badRequest, gatewayEnvelope, internalError } from '../errors.ts';
import { describeValidationErrors } from './validation.ts';
import { traceIdOf } from './traceId.ts';

export type Surface = 'admin' | 'gateway';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Which error envelope the route speaks. Defaults to the Admin API's. */
    surface?: Surface;
    /** A gateway route whose clients expect another error shape (Anthropic's SDK on /v1/messages): its renderer. */
    renderError?: (error: AppError) => unknown;
  }
}

/** The gateway's paths, for requests no route matched (the gateway's pass-through prefixes included). */
const GATEWAY_PATH =
  /^\/v1\/(chat\/completions|completions|embeddings|messages|models|responses|rerank|images|audio|moderations|files|batches|fine_tuning|vector_stores|assistants|threads)(\/|$)/;

/**
 * Which envelope an answer speaks. A matched route says so itself (`config.surface`, the Admin
 * API's unless it is a gateway route); an unmatched request (404, a URL the router could not
 * read) is judged by its path alone, never by its query string.
 */
export function surfaceOf(req: FastifyRequest): Surface {
  if (!req.is404) return req.routeOptions.config?.surface ?? 'admin';
  return surfaceOfPath(req.url);
}

export function surfaceOfPath(url: string): Surface {
  const query = url.indexOf('?');
  return GATEWAY_PATH.test(query === -1 ? url : url.slice(0, query)) ? 'gateway' : 'admin';
}

export function toAppError(err: unknown, bodyLimitBytes: number): AppError {
  if (err instanceof AppError) return err;
  const e = err as FastifyError & { validationContext?: string };
  if (e.validation)
    return badRequest(`Invalid request: ${describeValidationErrors(e.validationContext ?? 'request', e.validation as never)}`);
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return AppError.fromStatus(413, `Request body is larger than the ${Math.round(bodyLimitBytes / 1048576)} MB limit (BODY_LIMIT_MB)`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return AppError.fromStatus(415, 'Unsupported Content-Type: send the body as application/json');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return badRequest('The Content-Length header does not match the body that was sent');
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return AppError.fromStatus(e.statusCode, e.message);
  }
  return internalError(err);
}

export function sendError(req: FastifyRequest, reply: FastifyReply, error: AppError) {
  // The path only: a query string may carry a one-time code or a token.
  if (error.status >= 500) req.log.error({ err: error.detail ?? error, url: req.url.split('?')[0] }, error.message);
  const gateway = surfaceOf(req) === 'gateway';
  // Every gateway answer names its trace, also those given before a gateway hook ran (no route matched).
  if (gateway && !reply.hasHeader('x-portkey-trace-id')) reply.header('x-portkey-trace-id', traceIdOf(req));
  const render = req.routeOptions.config?.renderError;
  const body = !gateway ? adminEnvelope(error) : render ? render(error) : gatewayEnvelope(error);
  // Error bodies are not described by each route's response schema: send them as plain JSON.
  return reply.code(error.status).type('application/json; charset=utf-8').serializer(JSON.stringify).send(body);
}

/** Answers a request no route matched (the admin UI's files and client routes); false leaves it a 404. */
export type NotFoundFallback = (req: FastifyRequest, reply: FastifyReply) => boolean;

/** Registers the error and 404 handlers; `fallBackTo` adds what may answer a path no route matched. */
export function registerErrorHandling(app: FastifyInstance, bodyLimitBytes: number): { fallBackTo(fallback: NotFoundFallback): void } {
  let fallback: NotFoundFallback | null = null;
  app.setErrorHandler((err, req, reply) => sendError(req, reply, toAppError(err, bodyLimitBytes)));
  app.setNotFoundHandler((req, reply) => {
    if (fallback?.(req, reply)) return reply;
    return sendError(req, reply, AppError.fromStatus(404, `No route ${req.method} ${req.url.split('?')[0]}`));
  });
  return { fallBackTo: (f) => void (fallback = f) };
}
