// Admin API: /v1/analytics/* (graphs under both spellings: OAS nested `errors/rate`, SDK
// hyphenated `errors-rate`), the cache summary, the groups, and /v1/logs/groups/:groupBy.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { GRAPHS } from './graphs.ts';
import { AiModelsGroup, AnalyticsQuerystring, CacheSummary, GRAPH_SCHEMAS, GroupedData, MetadataGroup, UsersGroup } from './schemas.ts';
import type { AnalyticsService } from './service.ts';
import { Overview, UnpricedModels } from './overview.ts';

export function analyticsRoutes(analytics: AnalyticsService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const querystring = AnalyticsQuerystring;

    for (const [name, def] of Object.entries(GRAPHS)) {
      for (const path of def.paths) {
        app.get(`/analytics/graphs/${path}`, { schema: { querystring, response: { 200: GRAPH_SCHEMAS[name]! } } }, async (req) =>
          analytics.graph(req.caller, name, req.query),
        );
      }
    }

    app.get('/analytics/summary/cache', { schema: { querystring, response: { 200: CacheSummary } } }, async (req) =>
      analytics.cacheSummary(req.caller, req.query),
    );

    // The console's own: the dashboard's headline figures in one call, and the pricing page's gaps.
    app.get('/analytics/summary/overview', { schema: { querystring, response: { 200: Overview } } }, async (req) =>
      analytics.overview(req.caller, req.query),
    );
    app.get('/analytics/unpriced-models', { schema: { querystring, response: { 200: UnpricedModels } } }, async (req) =>
      analytics.unpricedModels(req.caller, req.query),
    );

    app.get('/analytics/groups/users', { schema: { querystring, response: { 200: UsersGroup } } }, async (req) =>
      analytics.users(req.caller, req.query),
    );
    app.get('/analytics/groups/ai-models', { schema: { querystring, response: { 200: AiModelsGroup } } }, async (req) =>
      analytics.aiModels(req.caller, req.query),
    );
    app.get('/analytics/groups/workspaces', { schema: { querystring, response: { 200: GroupedData } } }, async (req) =>
      analytics.workspaces(req.caller, req.query),
    );
    app.get(
      '/analytics/groups/metadata/:metadataKey',
      { schema: { params: Type.Object({ metadataKey: Type.String() }), querystring, response: { 200: MetadataGroup } } },
      async (req) => analytics.metadata(req.caller, req.params.metadataKey, req.query),
    );

    const groupBy = { params: Type.Object({ groupBy: Type.String() }), querystring, response: { 200: GroupedData } };
    app.get('/analytics/groups/:groupBy', { schema: groupBy }, async (req) =>
      analytics.grouped(req.caller, req.params.groupBy, req.query, 'analytics'),
    );
    app.get('/logs/groups/:groupBy', { schema: groupBy }, async (req) =>
      analytics.grouped(req.caller, req.params.groupBy, req.query, 'logs'),
    );
  };
}
