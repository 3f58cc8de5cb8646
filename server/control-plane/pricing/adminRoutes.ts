// The pricing files behind the admin UI's pricing page: the folders read and every file in them with
// its checksum and state (in use, or refused with the field at fault), each priced model with the
// file its price comes from, and a reload now (files are also picked up on their own within a second).
//   GET /v1/admin/pricing/files, GET /v1/admin/pricing/prices, POST /v1/admin/pricing/reload
import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AnyObject, Nullable, PageQuery } from '../../http/schemas.ts';
import { paging } from '../../http/paging.ts';
import type { PricingService } from '../../pricing/service.ts';
import type { FileState } from '../../pricing/tables.ts';

const FileView = Type.Object({
  layer: Type.String({ description: 'bundled, MODEL_CONFIGS_PRICING_LOCAL_PATH or data (<data dir>/pricing/)' }),
  path: Type.String(),
  name: Type.String(),
  provider: Type.String(),
  status: Type.Enum(['active', 'refused']),
  /** Why the file on disk was refused; the version in `active_sha256` (if any) stays in use. */
  error: Nullable(Type.String()),
  sha256: Nullable(Type.String()),
  active_sha256: Nullable(Type.String()),
  models: Type.Integer(),
  size: Type.Integer(),
  modified_at: Nullable(Type.String()),
  accepted_at: Nullable(Type.String()),
});

const FolderView = Type.Object({
  layer: Type.String({ description: 'bundled, MODEL_CONFIGS_PRICING_LOCAL_PATH or data' }),
  /** null when the layer is not configured (MODEL_CONFIGS_PRICING_LOCAL_PATH unset). */
  dir: Nullable(Type.String()),
  exists: Type.Boolean(),
});

const FilesView = Type.Object({
  object: Type.Literal('list'),
  total: Type.Integer(),
  data: Type.Array(FileView),
  /** The folders read, lowest precedence first: a later folder's file re-prices the models it lists. */
  folders: Type.Array(FolderView),
});

const PricesQuery = Type.Object({
  provider: Type.Optional(Type.String({ maxLength: 100 })),
  search: Type.Optional(Type.String({ maxLength: 200 })),
  ...PageQuery,
});

const PricesView = Type.Object({
  object: Type.Literal('list'),
  total: Type.Integer(),
  data: Type.Array(
    Type.Object({
      provider: Type.String(),
      model: Type.String(),
      source: Type.Object({ layer: Type.String(), file: Type.String(), sha256: Type.String() }),
      /** The model's pricing_config with the provider default merged under it (US cents per unit). */
      pricing_config: Nullable(AnyObject),
    }),
  ),
});

const fileView = (f: FileState) => ({
  layer: f.layer,
  path: path.join(f.dir, f.name),
  name: f.name,
  provider: f.provider,
  status: f.status,
  error: f.error,
  sha256: f.sha256,
  active_sha256: f.active_sha256,
  models: f.models,
  size: f.size,
  modified_at: f.modified_at,
  accepted_at: f.accepted_at,
});

export function pricingAdminRoutes(pricing: PricingService): FastifyPluginAsyncTypebox {
  const filesView = () => {
    const files = pricing.files();
    return { object: 'list' as const, total: files.length, data: files.map(fileView), folders: pricing.folders() };
  };
  return async (app) => {
    app.get('/admin/pricing/files', { schema: { response: { 200: FilesView } } }, async () => filesView());

    app.get('/admin/pricing/prices', { schema: { querystring: PricesQuery, response: { 200: PricesView } } }, async (req) => {
      const all = pricing.prices({ provider: req.query.provider, search: req.query.search });
      const { limit, offset } = paging(req.query.current_page, req.query.page_size, 100);
      return {
        object: 'list' as const,
        total: all.length,
        data: all.slice(offset, offset + limit).map((p) => ({
          provider: p.provider,
          model: p.model,
          source: { layer: p.layer, file: p.file, sha256: p.sha256 },
          pricing_config: p.pricingConfig,
        })),
      };
    });

    app.post(
      '/admin/pricing/reload',
      { config: { audit: { resource_type: 'pricing_file', action: 'reload' } }, schema: { response: { 200: FilesView } } },
      async () => {
        pricing.reload();
        return filesView();
      },
    );
  };
}
