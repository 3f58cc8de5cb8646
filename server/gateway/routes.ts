// Gateway routes: the unified OpenAI-compatible endpoints, Anthropic's /v1/messages, the model
// list, and pass-through for the other provider routes. All answer errors in the OpenAI shape.
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { runPipeline, type PipelineDeps } from './pipeline.ts';
import { anthropicErrorOf } from './translate/errors.ts';
import { gatewayEnvelope, type AppError } from '../errors.ts';
import { requireCompletionsAccess } from '../identity/auth.ts';
import type { Endpoint } from '../provider-specs/registry.ts';
import { Type, type Static } from 'typebox';
import type { ModelCapabilities } from '../pricing/capabilities.ts';

/** Provider routes forwarded as they are (prefixes under /v1). */
export const PASS_THROUGH_PREFIXES = [
  'responses',
  'rerank',
  'images',
  'audio',
  'moderations',
  'files',
  'batches',
  'fine_tuning',
  'vector_stores',
  'assistants',
  'threads',
  'messages/count_tokens',
] as const;

export interface ModelLister {
  /** `id` is `@provider/model`. */
  listModels(workspaceId: string): { id: string; provider: string; model: string; aiProviderId: string }[];
}

const ModelsQuery = Type.Object({
  ai_service: Type.Optional(Type.String()),
  provider: Type.Optional(Type.String()),
  limit: Type.Optional(Type.Integer({ minimum: 1 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
  sort: Type.Optional(Type.Enum(['name', 'provider', 'ai_service'])),
  order: Type.Optional(Type.Enum(['asc', 'desc'])),
});
type ModelsQuery = Static<typeof ModelsQuery>;

/** What the capability files say of a model (pricing/capabilities.ts), by Portkey provider id. */
export type CapabilityLookup = (provider: string, model: string) => ModelCapabilities | null;

/** Anthropic's SDK reads errors in Anthropic's shape, also those raised before the handler runs. */
const anthropicError = (error: AppError) => anthropicErrorOf(gatewayEnvelope(error), error.status);

export function gatewayRoutes(deps: PipelineDeps, models: ModelLister, capabilities: CapabilityLookup = () => null): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    // Every gateway answer names its trace, including errors raised before the handler runs
    // (malformed JSON, an oversize body); the pipeline's context carries the same id (req.traceId).
    app.addHook('onRequest', async (req, reply) => {
      reply.header('x-portkey-trace-id', req.traceId);
    });
    // Non-JSON bodies (multipart audio, images) are forwarded as bytes.
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

    const config = { surface: 'gateway' as const };
    const unified = (endpoint: Endpoint, format: 'openai' | 'anthropic') => (req: FastifyRequest, reply: FastifyReply) =>
      runPipeline(req, reply, endpoint, format, deps);

    app.post('/chat/completions', { config }, unified('chatComplete', 'openai'));
    app.post('/completions', { config }, unified('complete', 'openai'));
    app.post('/embeddings', { config }, unified('embed', 'openai'));
    app.post('/messages', { config: { ...config, renderError: anthropicError } }, unified('messages', 'anthropic'));

    app.get<{ Querystring: ModelsQuery }>('/models', { config, schema: { querystring: ModelsQuery } }, async (req) => {
      const auth = requireCompletionsAccess(req.auth);
      const q = req.query;
      const provider = q.provider?.replace(/^@/, '');
      const sortKey = { name: 'id', provider: 'provider', ai_service: 'aiProviderId' } as const;
      const key = sortKey[q.sort ?? 'name'];
      const all = models
        .listModels(auth.workspaceId!)
        .filter((m) => (!q.ai_service || m.aiProviderId === q.ai_service) && (!provider || m.provider === provider))
        .sort((a, b) => a[key].localeCompare(b[key]) * (q.order === 'desc' ? -1 : 1));
      const offset = q.offset ?? 0;
      const data = all.slice(offset, q.limit === undefined ? undefined : offset + q.limit).map((m) => {
        const c = capabilities(m.aiProviderId, m.model);
        return {
          id: m.id,
          slug: m.model,
          canonical_slug: m.model,
          object: 'model' as const,
          provider: m.provider,
          ai_service: m.aiProviderId,
          owned_by: m.aiProviderId,
          created: 0,
          // From the capability files (bundled general/, MODEL_CONFIGS_CAPABILITIES_LOCAL_PATH); null when they do not say.
          type: c?.type ?? null,
          capabilities: c?.capabilities ?? [],
          context_window: c?.context_window ?? null,
          max_output_tokens: c?.max_output_tokens ?? null,
        };
      });
      return { object: 'list' as const, total: all.length, data };
    });

    for (const prefix of PASS_THROUGH_PREFIXES) {
      app.route({
        method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
        url: `/${prefix}`,
        config,
        handler: unified('proxy', 'openai'),
      });
      app.route({
        method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
        url: `/${prefix}/*`,
        config,
        handler: unified('proxy', 'openai'),
      });
    }
  };
}
