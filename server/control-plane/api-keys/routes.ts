// Admin API: /v1/api-keys (spec §2.1), plus /reveal for scheduled rotations (ADR 0003).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ApiKeysService } from './service.ts';
import { csv, paging } from '../../http/paging.ts';
import { Empty } from '../../http/schemas.ts';
import {
  ApiKey,
  ApiKeyList,
  CreateApiKeyBody,
  CreateKeyParams,
  CreatedApiKey,
  KeyIdParams,
  ListApiKeysQuery,
  RevealedApiKey,
  RotateApiKeyBody,
  RotatedApiKey,
  UpdateApiKeyBody,
} from './schemas.ts';

export function apiKeyRoutes(keys: ApiKeysService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api-keys/:type/:subType',
      { schema: { params: CreateKeyParams, body: CreateApiKeyBody, response: { 200: CreatedApiKey } } },
      async (req) => keys.create(req.caller, req.params.type, req.params.subType, req.body),
    );

    app.get('/api-keys', { schema: { querystring: ListApiKeysQuery, response: { 200: ApiKeyList } } }, async (req) => {
      const q = req.query;
      return keys.list(req.caller, { workspace_id: q.workspace_id, ids: csv(q.ids) }, paging(q.current_page, q.page_size));
    });

    app.get('/api-keys/:id', { schema: { params: KeyIdParams, response: { 200: ApiKey } } }, async (req) =>
      keys.get(req.caller, req.params.id),
    );

    app.put('/api-keys/:id', { schema: { params: KeyIdParams, body: UpdateApiKeyBody, response: { 200: Empty } } }, async (req) =>
      keys.update(req.caller, req.params.id, req.body),
    );

    app.post(
      '/api-keys/:id/rotate',
      {
        schema: { params: KeyIdParams, body: RotateApiKeyBody, response: { 200: RotatedApiKey } },
        // The body is optional: no body means the default transition period.
        preValidation: async (req) => {
          req.body ??= {};
        },
      },
      async (req) => keys.rotate(req.caller, req.params.id, req.body),
    );

    app.post('/api-keys/:id/reveal', { schema: { params: KeyIdParams, response: { 200: RevealedApiKey } } }, async (req) =>
      keys.reveal(req.caller, req.params.id),
    );

    app.delete('/api-keys/:id', { schema: { params: KeyIdParams, response: { 200: Empty } } }, async (req) =>
      keys.delete(req.caller, req.params.id),
    );
  };
}
