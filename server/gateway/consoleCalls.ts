// Requests the console sends through the gateway's own pipeline for a signed-in person, who has a
// session and no API key: "try it" on a saved config (one chat through its routing, answered as a
// summary and not logged, like the provider connection test), and the playground (a chat, streamed
// or not, run, limited and logged exactly like a gateway request made with the person's own key).
// ADR 0022.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { AppError, forbidden, notFound } from '../errors.ts';
import { type ApiKeyAuth, type ApiKeyPrincipal, type SessionAuth, hasScope, requireScope, requireSession } from '../identity/auth.ts';
import { systemAuth } from '../identity/systemAuth.ts';
import type { WorkspaceFacts } from '../identity/workspaces.ts';
import type { GatewayCall, Outcome } from './attempt.ts';
import { executeRoute, resolveRoutingConfig } from './routing/execute.ts';
import { GuardrailSession } from './guardrails.ts';
import { CONNECTION_TEST_TIMEOUT_MS, summarise } from './connectionTest.ts';
import { consoleContext } from './consoleContext.ts';
import { runFromResolve, type PipelineDeps } from './pipeline.ts';
import { TimeoutAbort } from './upstream.ts';

export interface ConsoleCallDeps {
  gateway: PipelineDeps;
  /** A saved config the caller may read (404/403 otherwise), as the configs service answers it. */
  config(auth: SessionAuth | ApiKeyAuth, ref: string, workspaceRef: string | undefined): { id: string; slug: string; workspace_id: string };
  workspace(id: string): WorkspaceFacts | null;
  /** The person's own workspace user keys in a workspace, newest first. */
  ownKeys(userId: string, workspaceId: string): ApiKeyPrincipal[];
  now?: () => number;
}

const Message = Type.Object({
  role: Type.Enum(['system', 'user', 'assistant']),
  content: Type.String({ maxLength: 200_000 }),
});

const Sampling = {
  max_tokens: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  temperature: Type.Optional(Type.Number({ minimum: 0, maximum: 2 })),
  top_p: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
};

const ConfigTestBody = Type.Object({
  /** The model to ask for; a config's targets may override it. */
  model: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  prompt: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
});

export const ConfigTestResult = Type.Object({
  ok: Type.Boolean(),
  status: Type.Union([Type.Integer(), Type.Null()]),
  latency_ms: Type.Number(),
  /** The upstream URL that answered (no credentials in it). */
  url: Type.Union([Type.String(), Type.Null()]),
  model: Type.Union([Type.String(), Type.Null()]),
  answer: Type.Union([Type.String(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  usage: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  /** What the routing did: the strategy, the target that answered (`config.targets[1]`), retries, cache. */
  mode: Type.String(),
  target: Type.String(),
  provider: Type.Union([Type.String(), Type.Null()]),
  retries: Type.Integer(),
  cache_status: Type.String(),
  config_version_id: Type.Union([Type.String(), Type.Null()]),
});

export const PlaygroundBody = Type.Object({
  model: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  messages: Type.Array(Message, { minItems: 1, maxItems: 200 }),
  stream: Type.Optional(Type.Boolean()),
  /**
   * A saved config of the workspace (its slug or id) to route the chat through, resolved by the
   * gateway as for a key of the workspace. Inline JSON configs are not taken here.
   */
  config: Type.Optional(Type.String({ minLength: 1, maxLength: 255, pattern: '^[^{\\s]' })),
  ...Sampling,
});
type PlaygroundBody = Static<typeof PlaygroundBody>;

const DEFAULT_PROMPT = 'Reply with one short sentence to confirm that you are working.';

/** The synthetic key id of playground chats made by people who have no key of their own there. */
export const PLAYGROUND_KEY_ID = 'playground';

function asCaller(session: SessionAuth, workspace: WorkspaceFacts, key: ApiKeyPrincipal): ApiKeyAuth {
  return { kind: 'api_key', organisationId: session.organisationId, workspaceId: workspace.id, userId: session.userId, key };
}

/**
 * Who a playground chat runs as. A person with a usable user key of their own in the workspace
 * (active, not expired, holding completions.write) chats as that key: its budget, rate limits,
 * default config and metadata apply, and the log names it, exactly as when they send it from code.
 * Someone without one chats as the `playground` key, with no limits of its own (the workspace's and
 * the limit policies still apply), only when they could make themselves an unlimited key anyway:
 * organisation owners and admins, and people whose role there may create user keys. Anyone else is
 * refused: a person who cannot call the gateway cannot do it through the console either.
 */
export function playgroundCaller(session: SessionAuth, workspace: WorkspaceFacts, own: ApiKeyPrincipal[], now: number): ApiKeyAuth {
  const usable = own.find(
    (k) =>
      k.status === 'active' &&
      (k.expiresAt === null || k.expiresAt > now) &&
      k.scopes.has('completions.write') &&
      k.workspaceId === workspace.id &&
      k.userId === session.userId,
  );
  if (usable) return asCaller(session, workspace, usable);
  const mayMint = session.workspaceId === null || hasScope(session, 'workspace_user_api_keys.create');
  if (!mayMint) {
    throw forbidden(
      `You have no usable API key in workspace "${workspace.slug}" (active, with the completions.write scope), so the playground cannot send ` +
        'requests for you there: ask a workspace manager for a user key',
    );
  }
  return asCaller(session, workspace, {
    id: PLAYGROUND_KEY_ID,
    name: `Playground (${session.session.email})`,
    organisationId: session.organisationId,
    workspaceId: workspace.id,
    userId: session.userId,
    type: 'workspace-user',
    scopes: new Set(['completions.write']),
    status: 'active',
    expiresAt: session.session.expiresAt,
    defaults: {},
    rateLimits: [],
    usageLimits: null,
  });
}

export function consoleCallRoutes(deps: ConsoleCallDeps): FastifyPluginAsyncTypebox {
  /**
   * The workspace a person's playground chat runs in. A member's session is already bound to the
   * workspace the query names (their membership there checked, identity/sessions/requestAuth.ts)
   * and their role there must hold completions.write; owners and admins reach every active one.
   * Which key the chat then runs as is playgroundCaller's decision.
   */
  function playgroundWorkspace(session: SessionAuth, ref: string): WorkspaceFacts {
    const id = session.workspaceId ?? ref;
    if (session.workspaceId !== null) requireScope(session, 'completions.write');
    const workspace = deps.workspace(id);
    if (!workspace) throw notFound(`Workspace "${ref}" was not found`);
    if (workspace.status !== 'active') throw forbidden(`Workspace "${workspace.slug}" is archived: nothing can be sent from it`);
    return workspace;
  }

  return async (app) => {
    app.post(
      '/configs/:slug/test',
      {
        config: { surface: 'admin', audit: { resource_type: 'config', action: 'test' } },
        schema: {
          params: Type.Object({ slug: Type.String() }),
          querystring: Type.Object({ workspace_id: Type.Optional(Type.String()) }),
          body: ConfigTestBody,
          response: { 200: ConfigTestResult },
        },
      },
      async (req) => {
        const auth = req.caller;
        // Checks the caller may read it and names its workspace; the table asked for configs.update.
        const config = deps.config(auth, req.params.slug, req.query.workspace_id);
        const workspace = deps.workspace(config.workspace_id);
        if (!workspace) throw notFound(`Workspace "${config.workspace_id}" was not found`);
        const ctx = consoleContext({
          auth: systemAuth(auth.organisationId) as ApiKeyAuth,
          workspace,
          endpoint: 'chatComplete',
          path: '/chat/completions',
          method: 'POST',
          timeoutMs: CONNECTION_TEST_TIMEOUT_MS,
          headers: { 'x-portkey-config': config.id },
        });
        const model = req.body.model ?? null;
        const call: GatewayCall = {
          endpoint: 'chatComplete',
          clientFormat: 'openai',
          body: { ...(model ? { model } : {}), messages: [{ role: 'user', content: req.body.prompt ?? DEFAULT_PROMPT }], max_tokens: 64 },
          raw: null,
          contentType: null,
          stream: false,
        };
        const started = performance.now();
        const g = deps.gateway;
        const timer = setTimeout(() => ctx.abort.abort(new TimeoutAbort(CONNECTION_TEST_TIMEOUT_MS, false)), CONNECTION_TEST_TIMEOUT_MS);
        const routing = () => ({
          mode: ctx.routing.mode,
          target: ctx.routing.lastUsedOptionIndex,
          retries: ctx.routing.retryAttemptCount,
          cache_status: ctx.routing.cacheStatus,
          config_version_id: ctx.routing.configVersionId,
        });
        try {
          // The config's routing and guardrails, as a gateway request through it would meet them.
          const chosen = resolveRoutingConfig(ctx, g.routing);
          const guard = g.guardrails ? new GuardrailSession(ctx, chosen?.config ?? null, g.guardrails) : null;
          const outcome: Outcome = await executeRoute(ctx, guard ? await guard.input(call) : call, chosen, guard, g.routing);
          if (outcome.kind === 'stream') await outcome.upstream.body.dump();
          const { models: _models, ...summary } = summarise(outcome, true);
          void _models;
          return {
            ...summary,
            ...routing(),
            model: outcome.target.model ?? model,
            provider: outcome.target.providerSlug ? `@${outcome.target.providerSlug}` : outcome.target.spec.id,
            url: outcome.upstreamUrl,
            latency_ms: Math.round(performance.now() - started),
          };
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          const latency_ms = Math.round(performance.now() - started);
          return {
            ok: false,
            status: err.status,
            latency_ms,
            url: null,
            model,
            answer: null,
            error: err.message,
            usage: null,
            provider: null,
            ...routing(),
          };
        } finally {
          clearTimeout(timer);
          for (const done of ctx.onDone) done();
        }
      },
    );

    app.post(
      '/playground/chat/completions',
      {
        // Traffic, recorded in the request logs like any gateway request, not in the audit log.
        config: { surface: 'admin', audit: false },
        schema: { querystring: Type.Object({ workspace_id: Type.String({ minLength: 1 }) }), body: PlaygroundBody },
      },
      async (req, reply) => {
        const session = requireSession(req.caller);
        const workspace = playgroundWorkspace(session, req.query.workspace_id);
        const caller = playgroundCaller(session, workspace, deps.ownKeys(session.userId, workspace.id), (deps.now ?? Date.now)());
        const b: PlaygroundBody = req.body;
        const stream = b.stream === true;
        const body: Record<string, unknown> = {
          ...(b.model ? { model: b.model } : {}),
          messages: b.messages,
          ...(b.max_tokens !== undefined ? { max_tokens: b.max_tokens } : {}),
          ...(b.temperature !== undefined ? { temperature: b.temperature } : {}),
          ...(b.top_p !== undefined ? { top_p: b.top_p } : {}),
          ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
        };
        const ctx = consoleContext({
          auth: caller,
          workspace,
          endpoint: 'chatComplete',
          path: '/chat/completions',
          method: 'POST',
          timeoutMs: deps.gateway.context.defaultTimeoutMs,
          // Who asked, as analytics count users; then the key's and the workspace's defaults, which win
          // over a request's metadata as they do at the gateway.
          metadata: { _user: session.session.email, ...caller.key.defaults.metadata, ...workspace.defaults.metadata },
          headers: { 'content-type': 'application/json', ...(b.config ? { 'x-portkey-config': b.config } : {}) },
        });
        ctx.routing.lastUsedOptionIndex = 'config';
        const call: GatewayCall = { endpoint: 'chatComplete', clientFormat: 'openai', body, raw: null, contentType: null, stream };
        return runFromResolve(reply, ctx, call, deps.gateway);
      },
    );
  };
}
