// POST /v1/providers/{slug}/test: one real call to a catalog provider's upstream, through the same
// target resolution and attempt as a gateway request (URL, auth, Azure deployments, format
// translation), so "Test connection" in the UI proves what a request would do. With a model it
// sends a one-line chat; without, it lists the upstream's models. Not logged as traffic.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Dispatcher } from 'undici';
import { Type } from 'typebox';
import { AppError, notFound } from '../errors.ts';
import { systemAuth } from '../identity/systemAuth.ts';
import type { ApiKeyAuth, AuthContext } from '../identity/auth.ts';
import type { WorkspaceFacts as CachedWorkspace, WorkspaceFactsSource } from '../identity/workspaces.ts';
import { consoleContext } from './consoleContext.ts';
import { attempt, type GatewayCall, type Outcome } from './attempt.ts';
import type { GatewayContext } from './context.ts';
import { catalogTarget, type TargetResolver } from './target.ts';
import { TimeoutAbort } from './upstream.ts';

export const CONNECTION_TEST_TIMEOUT_MS = 20_000;
const DEFAULT_PROMPT = 'Reply with one short sentence to confirm that you are working.';

const TestBody = Type.Object({
  model: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  prompt: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
});

export const ConnectionTestResult = Type.Object({
  ok: Type.Boolean(),
  kind: Type.Union([Type.Literal('chat'), Type.Literal('models')]),
  /** The upstream's HTTP status, or null when it could not be reached. */
  status: Type.Union([Type.Integer(), Type.Null()]),
  latency_ms: Type.Number(),
  /** The upstream URL called (no credentials in it). */
  url: Type.Union([Type.String(), Type.Null()]),
  model: Type.Union([Type.String(), Type.Null()]),
  /** The model's reply (chat), or null. */
  answer: Type.Union([Type.String(), Type.Null()]),
  /** Model ids the upstream lists (models), or null. */
  models: Type.Union([Type.Array(Type.String()), Type.Null()]),
  /** The upstream's (or the gateway's) error message when ok is false. */
  error: Type.Union([Type.String(), Type.Null()]),
  usage: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});

type Json = Record<string, unknown>;

function testContext(auth: ApiKeyAuth, workspace: CachedWorkspace, chat: boolean): GatewayContext {
  return consoleContext({
    auth,
    workspace,
    endpoint: chat ? 'chatComplete' : 'proxy',
    path: chat ? '/chat/completions' : '/models',
    method: chat ? 'POST' : 'GET',
    timeoutMs: CONNECTION_TEST_TIMEOUT_MS,
  });
}

function upstreamMessage(body: unknown, status: number): string {
  const error = (body as { error?: { message?: unknown } } | null)?.error;
  return typeof error?.message === 'string' && error.message ? error.message : `The upstream answered HTTP ${status}`;
}

/** What the UI shows: the answer (or model list), or the upstream's own error. */
export function summarise(outcome: Outcome, chat: boolean) {
  if (outcome.kind === 'error') return { ok: false, status: null, error: outcome.error.message, answer: null, models: null, usage: null };
  if (outcome.kind !== 'json') {
    return {
      ok: false,
      status: outcome.status,
      error: `The upstream sent an unexpected ${outcome.kind} answer`,
      answer: null,
      models: null,
      usage: null,
    };
  }
  const ok = outcome.status >= 200 && outcome.status < 300;
  if (!ok)
    return { ok, status: outcome.status, error: upstreamMessage(outcome.body, outcome.status), answer: null, models: null, usage: null };
  const body = outcome.body as Json;
  if (chat) {
    const choice = (body.choices as { message?: { content?: unknown } }[] | undefined)?.[0];
    const content = choice?.message?.content;
    return {
      ok,
      status: outcome.status,
      error: null,
      answer: typeof content === 'string' ? content : '',
      models: null,
      usage: outcome.usage,
    };
  }
  const data = Array.isArray(body.data)
    ? (body.data as { id?: unknown }[])
    : Array.isArray(body.models)
      ? (body.models as { id?: unknown }[])
      : [];
  const models = data.map((m) => m.id ?? (m as { name?: unknown }).name).filter((id): id is string => typeof id === 'string');
  return { ok, status: outcome.status, error: null, answer: null, models, usage: null };
}

/** The catalog as the test needs it: the caller's view of a provider (access checked), then its target. */
export interface ConnectionTestCatalog extends TargetResolver {
  providers: { get(auth: AuthContext, slug: string, workspaceId: string | undefined): { slug: string; workspace_id: string } };
}

export interface ConnectionTestDeps {
  dispatcher: Dispatcher;
  catalog: ConnectionTestCatalog;
  workspaces: WorkspaceFactsSource;
}

export function connectionTestRoutes({ dispatcher, catalog, workspaces: workspaceCache }: ConnectionTestDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/providers/:slug/test',
      {
        config: { surface: 'admin', audit: { resource_type: 'provider', action: 'test_connection' } },
        schema: {
          params: Type.Object({ slug: Type.String() }),
          querystring: Type.Object({ workspace_id: Type.Optional(Type.String()) }),
          body: TestBody,
          response: { 200: ConnectionTestResult },
        },
      },
      async (req) => {
        const auth = req.caller;
        // Checks the caller may read it (and names its workspace); the table already asked for providers.update.
        const provider = catalog.providers.get(auth, req.params.slug, req.query.workspace_id);
        const workspace = workspaceCache.get(provider.workspace_id);
        if (!workspace) throw notFound(`Workspace "${provider.workspace_id}" was not found`);
        const model = req.body.model ?? null;
        const chat = model !== null;
        const started = performance.now();
        const base = { kind: chat ? ('chat' as const) : ('models' as const), model };
        const resolved = catalog.resolveProvider(workspace.id, provider.slug);
        if (!resolved) {
          const error = `Provider @${provider.slug} cannot serve requests: its integration is archived or this workspace lost access to it`;
          return { ...base, ok: false, status: null, latency_ms: 0, url: null, answer: null, models: null, error, usage: null };
        }
        const ctx = testContext(systemAuth(auth.organisationId) as ApiKeyAuth, workspace, chat);
        const timer = setTimeout(() => ctx.abort.abort(new TimeoutAbort(CONNECTION_TEST_TIMEOUT_MS, false)), CONNECTION_TEST_TIMEOUT_MS);
        let outcome: Outcome;
        try {
          const target = { ...catalogTarget(provider.slug, resolved, workspace.slug, model), model };
          const call: GatewayCall = {
            endpoint: chat ? 'chatComplete' : 'proxy',
            clientFormat: 'openai',
            body: chat ? { model, messages: [{ role: 'user', content: req.body.prompt ?? DEFAULT_PROMPT }], max_tokens: 64 } : null,
            raw: null,
            contentType: null,
            stream: false,
          };
          outcome = await attempt(target, call, ctx, dispatcher);
          // A stream or raw body the test does not read must not hold the connection.
          if (outcome.kind === 'stream') await outcome.upstream.body.dump();
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          const latency_ms = Math.round(performance.now() - started);
          return { ...base, ok: false, status: null, latency_ms, url: null, answer: null, models: null, error: err.message, usage: null };
        } finally {
          clearTimeout(timer);
        }
        return { ...base, ...summarise(outcome, chat), latency_ms: Math.round(performance.now() - started), url: outcome.upstreamUrl };
      },
    );
  };
}
