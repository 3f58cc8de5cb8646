// Admin API: /v1/integrations (+ /workspaces, /models), /v1/providers and the legacy
// /v1/virtual-keys (spec §2.2). Thin adapters over services.catalog.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { CatalogService } from './catalog.ts';
import { csv, paging } from '../../http/paging.ts';
import { Empty } from '../../http/schemas.ts';
import {
  Created,
  CreateIntegrationBody,
  DeleteModelsQuery,
  IntegrationDetail,
  IntegrationList,
  IntegrationModels,
  IntegrationWorkspaces,
  ListIntegrationsQuery,
  SlugParams,
  UpdateIntegrationBody,
  UpdateModelsBody,
  UpdateWorkspacesBody,
} from './integrationSchemas.ts';
import {
  CreateProviderBody,
  CreateVirtualKeyBody,
  ListProvidersQuery,
  Provider,
  ProviderCreated,
  ProviderList,
  ProviderUpdated,
  UpdateProviderBody,
  UpdateVirtualKeyBody,
  VirtualKey,
  VirtualKeyCreated,
  VirtualKeyList,
  WorkspaceQuery,
} from './providerSchemas.ts';

/** Terraform deletes custom models with a JSON body `{models: [...]}` instead of `?slugs=`. */
function modelsFromBody(body: unknown): string[] {
  const models = (body as { models?: unknown } | undefined)?.models;
  return Array.isArray(models) ? models.filter((m): m is string => typeof m === 'string') : [];
}

export function catalogRoutes(catalog: CatalogService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const page = (q: { current_page?: number; page_size?: number }, size: number) => paging(q.current_page, q.page_size, size);

    // Integrations.
    app.get('/integrations', { schema: { querystring: ListIntegrationsQuery, response: { 200: IntegrationList } } }, async (req) =>
      catalog.integrations.list(req.caller, req.query, page(req.query, 100)),
    );
    app.post('/integrations', { schema: { body: CreateIntegrationBody, response: { 200: Created } } }, async (req) =>
      catalog.integrations.create(req.caller, req.body),
    );
    app.get('/integrations/:slug', { schema: { params: SlugParams, response: { 200: IntegrationDetail } } }, async (req) =>
      catalog.integrations.get(req.caller, req.params.slug),
    );
    app.put('/integrations/:slug', { schema: { params: SlugParams, body: UpdateIntegrationBody, response: { 200: Empty } } }, async (req) =>
      catalog.integrations.update(req.caller, req.params.slug, req.body),
    );
    app.delete('/integrations/:slug', { schema: { params: SlugParams, response: { 200: Empty } } }, async (req) =>
      catalog.integrations.delete(req.caller, req.params.slug),
    );

    app.get('/integrations/:slug/workspaces', { schema: { params: SlugParams, response: { 200: IntegrationWorkspaces } } }, async (req) =>
      catalog.integrationWorkspaces.list(req.caller, req.params.slug),
    );
    app.put(
      '/integrations/:slug/workspaces',
      { schema: { params: SlugParams, body: UpdateWorkspacesBody, response: { 200: Empty } } },
      async (req) => catalog.integrationWorkspaces.update(req.caller, req.params.slug, req.body),
    );

    app.get('/integrations/:slug/models', { schema: { params: SlugParams, response: { 200: IntegrationModels } } }, async (req) =>
      catalog.integrationModels.list(req.caller, req.params.slug),
    );
    app.put(
      '/integrations/:slug/models',
      { schema: { params: SlugParams, body: UpdateModelsBody, response: { 200: Empty } } },
      async (req) => catalog.integrationModels.update(req.caller, req.params.slug, req.body),
    );
    app.delete(
      '/integrations/:slug/models',
      { schema: { params: SlugParams, querystring: DeleteModelsQuery, response: { 200: Empty } } },
      async (req) => catalog.integrationModels.delete(req.caller, req.params.slug, csv(req.query.slugs) ?? modelsFromBody(req.body)),
    );

    // Providers.
    app.get('/providers', { schema: { querystring: ListProvidersQuery, response: { 200: ProviderList } } }, async (req) =>
      catalog.providers.list(req.caller, req.query, page(req.query, 50)),
    );
    app.post('/providers', { schema: { body: CreateProviderBody, response: { 200: ProviderCreated } } }, async (req) =>
      catalog.providers.create(req.caller, req.body),
    );
    app.get('/providers/:slug', { schema: { params: SlugParams, querystring: WorkspaceQuery, response: { 200: Provider } } }, async (req) =>
      catalog.providers.get(req.caller, req.params.slug, req.query.workspace_id),
    );
    app.put(
      '/providers/:slug',
      { schema: { params: SlugParams, querystring: WorkspaceQuery, body: UpdateProviderBody, response: { 200: ProviderUpdated } } },
      async (req) => catalog.providers.update(req.caller, req.params.slug, req.query.workspace_id, req.body),
    );
    app.delete('/providers/:slug', { schema: { params: SlugParams, querystring: WorkspaceQuery, response: { 200: Empty } } }, async (req) =>
      catalog.providers.delete(req.caller, req.params.slug, req.query.workspace_id),
    );

    // Legacy virtual keys.
    app.get('/virtual-keys', { schema: { querystring: ListProvidersQuery, response: { 200: VirtualKeyList } } }, async (req) =>
      catalog.virtualKeys.list(req.caller, req.query, page(req.query, 50)),
    );
    app.post('/virtual-keys', { schema: { body: CreateVirtualKeyBody, response: { 200: VirtualKeyCreated } } }, async (req) =>
      catalog.virtualKeys.create(req.caller, req.body),
    );
    app.get(
      '/virtual-keys/:slug',
      { schema: { params: SlugParams, querystring: WorkspaceQuery, response: { 200: VirtualKey } } },
      async (req) => catalog.virtualKeys.get(req.caller, req.params.slug, req.query.workspace_id),
    );
    app.put(
      '/virtual-keys/:slug',
      { schema: { params: SlugParams, querystring: WorkspaceQuery, body: UpdateVirtualKeyBody, response: { 200: ProviderUpdated } } },
      async (req) => catalog.virtualKeys.update(req.caller, req.params.slug, req.query.workspace_id, req.body),
    );
    app.delete(
      '/virtual-keys/:slug',
      { schema: { params: SlugParams, querystring: WorkspaceQuery, response: { 200: Empty } } },
      async (req) => catalog.virtualKeys.delete(req.caller, req.params.slug, req.query.workspace_id),
    );
  };
}
