// GET /metrics (Prometheus text format; scope metrics.read, or an organisation admin's
// organisation_settings.read) and GET /v1/health/ready (readiness, public like /v1/health:
// 200 when ready, 503 with the reason of each failing check otherwise).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { GatewayMetrics } from './metrics.ts';
import type { readiness } from './readiness.ts';

export interface ObservabilityRoutesOptions {
  metrics: GatewayMetrics;
  readiness: ReturnType<typeof readiness>;
}

const ReadinessView = Type.Object({
  status: Type.Enum(['ready', 'not_ready']),
  checks: Type.Array(
    Type.Object({
      name: Type.Enum(['metadata_database', 'log_database', 'log_writer', 'listeners']),
      ok: Type.Boolean(),
      detail: Type.String(),
    }),
  ),
});

export const observabilityRoutes: FastifyPluginAsyncTypebox<ObservabilityRoutesOptions> = async (app, options) => {
  app.get('/metrics', async (_req, reply) =>
    reply
      .type(options.metrics.contentType)
      .header('cache-control', 'no-store')
      .send(await options.metrics.text()),
  );

  app.get(
    '/v1/health/ready',
    { config: { auth: 'public' }, schema: { response: { 200: ReadinessView, 503: ReadinessView } } },
    async (_req, reply) => {
      const { ready, checks } = await options.readiness.check();
      return reply
        .code(ready ? 200 : 503)
        .header('cache-control', 'no-store')
        .send({ status: ready ? 'ready' : 'not_ready', checks });
    },
  );
};
