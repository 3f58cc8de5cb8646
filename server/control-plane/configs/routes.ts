// Admin API: /v1/configs and /v1/configs/{slug}[/versions] (spec §2.3). Thin adapters over
// services.configs; {slug} also accepts the config's UUID.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ConfigsService } from './service.ts';
import { paging } from '../../http/paging.ts';
import { Empty } from '../../http/schemas.ts';
import {
  ConfigDetail,
  ConfigList,
  ConfigVersionList,
  ConfigWritten,
  CreateConfigBody,
  ListConfigsQuery,
  SlugParams,
  UpdateConfigBody,
  VersionsQuery,
  WorkspaceQuery,
} from './schemas.ts';

export function configRoutes(configs: ConfigsService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post('/configs', { schema: { body: CreateConfigBody, response: { 200: ConfigWritten } } }, async (req) =>
      configs.create(req.caller, req.body),
    );

    app.get('/configs', { schema: { querystring: ListConfigsQuery, response: { 200: ConfigList } } }, async (req) =>
      configs.list(req.caller, req.query, paging(req.query.current_page, req.query.page_size, 100)),
    );

    app.get(
      '/configs/:slug',
      { schema: { params: SlugParams, querystring: WorkspaceQuery, response: { 200: ConfigDetail } } },
      async (req) => configs.get(req.caller, req.params.slug, req.query.workspace_id),
    );

    app.put('/configs/:slug', { schema: { params: SlugParams, body: UpdateConfigBody, response: { 200: ConfigWritten } } }, async (req) =>
      configs.update(req.caller, req.params.slug, req.body),
    );

    app.delete('/configs/:slug', { schema: { params: SlugParams, querystring: WorkspaceQuery, response: { 200: Empty } } }, async (req) =>
      configs.delete(req.caller, req.params.slug, req.query.workspace_id),
    );

    app.get(
      '/configs/:slug/versions',
      { schema: { params: SlugParams, querystring: VersionsQuery, response: { 200: ConfigVersionList } } },
      async (req) =>
        configs.versions(req.caller, req.params.slug, req.query.workspace_id, paging(req.query.current_page, req.query.page_size, 100)),
    );
  };
}
