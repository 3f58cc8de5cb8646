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

function traceIdOf(req: FastifyRequest): string {
  const v = req.headers['x-portkey-trace-id'];
  const sent = (Array.isArray(v) ? v[0] : v)?.trim();
  return sent ? sent : crypto.randomUUID();
}

export function registerTraceId(app: FastifyInstance): void {
  app.decorateRequest('traceId', {
    getter(this: Traced): string {
      return (this[TRACE] ??= traceIdOf(this));
    },
  });
}
