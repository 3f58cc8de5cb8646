// The trace id of a request (`x-portkey-trace-id`): the client's, or a fresh UUID when it sent
// none, computed once and carried on the request, so every answer and log row of it agree.
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    readonly traceId: string;
  }
}

const TRACE = Symbol('traceId');
type Traced = FastifyRequest & { [TRACE]?: string };

/**
 * The request's trace id, memoised on it. Also for requests the router refused before fastify
 * decorated them (a URL it cannot read), which have no `traceId` getter.
 */
export function traceIdOf(req: FastifyRequest): string {
  const traced = req as Traced;
  if (traced[TRACE] === undefined) {
    const v = req.headers['x-portkey-trace-id'];
    const sent = (Array.isArray(v) ? v[0] : v)?.trim();
    traced[TRACE] = sent ? sent : crypto.randomUUID();
  }
  return traced[TRACE];
}

export function registerTraceId(app: FastifyInstance): void {
  app.decorateRequest('traceId', {
    getter(this: FastifyRequest): string {
      return traceIdOf(this);
    },
  });
}
