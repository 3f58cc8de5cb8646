// Runs a request through its routing config: finds the config (x-portkey-config inline or saved,
// or the API key's default) and enforces the inline-config policy (the pipeline's resolve stage),
// then lets the router try targets (its route/execute stage).
// Each target becomes a gateway Target (catalog provider, base provider or the request's own),
// with its params, forwarded headers and timeout applied, and one attempt() per try.
import { AppError, badRequest } from '../../errors.ts';
import { attempt, type GatewayCall, type Outcome, type Target } from '../attempt.ts';
import type { GatewayContext } from '../context.ts';
import { catalogTarget, checkedHost, headerOf, resolveTarget, specOrError, type TargetOptions, type TargetResolver } from '../target.ts';
import { TimeoutAbort } from '../upstream.ts';
import { GatewayAbort } from '../abort.ts';
import { baseUrl } from '../../provider-specs/request.ts';
import { cacheKey } from '../cache/key.ts';
import { includeUsageRequested, replayAsSse } from '../cache/replay.ts';
import type { CacheEntry, ResponseCache } from '../cache/store.ts';
import type { SemanticCache } from '../cache/semantic.ts';
import type { CacheKeyInput } from '../cache/key.ts';
import type { Dispatcher } from 'undici';
import { route, type AttemptResult, type CircuitState, type EffectiveTarget, type StickyState } from './router.ts';
import { DEFAULT_CACHE_MAX_AGE_S, type ConfigNode } from '../../routing-configs/types.ts';
import { validateConfig } from '../../routing-configs/validate.ts';
import { refuseDeepJson } from '../../http/jsonDepth.ts';
import type { GuardrailSession } from '../guardrails.ts';

type Json = Record<string, unknown>;

export interface SavedConfig {
  id: string;
  slug: string;
  versionId: string;
  config: ConfigNode;
}

export interface ConfigResolver {
  resolveConfig(workspaceId: string, slugOrId: string): SavedConfig | null;
}

export interface RoutingDeps {
  configs: ConfigResolver | null;
  targets: TargetResolver;
  targetOptions: TargetOptions;
  dispatcher: Dispatcher;
  /** BLOCK_INLINE_CONFIG or the organisation's block_inline_config setting. */
  blockInline(ctx: GatewayContext): boolean;
  circuits: CircuitState;
  sticky: StickyState;
  backoffBaseMs: number;
  /** The response cache in the data dir; null turns `cache` in configs off. */
  cache: ResponseCache | null;
  /** `cache.mode: semantic`: the embedding model (`@provider/model`) and the similarity threshold. */
  semantic: { cache: SemanticCache; embedder: string; threshold: number } | null;
  random?: () => number;
  now?: () => number;
}

interface Tried extends AttemptResult {
  outcome: Outcome | null;
  error?: AppError;
}

export interface ChosenConfig {
  config: ConfigNode;
  id: string | null;
  slug: string | null;
  versionId: string | null;
}

const blocked = (code: string, message: string) => badRequest(message, { code });

/** The request's config: x-portkey-config (inline JSON or a saved slug), else the API key's default. */
export function chooseConfig(ctx: GatewayContext, deps: RoutingDeps): ChosenConfig | null {
  const header = headerOf(ctx, 'x-portkey-config');
  const keyDefault = ctx.auth.key.defaults.config_id ?? null;
  if (header && keyDefault && ctx.auth.key.defaults.allow_config_override === false) {
    throw badRequest('This API key has a default config and does not allow a config in the request (allow_config_override is false)', {
      param: 'x-portkey-config',
      code: 'config_override_not_allowed',
    });
  }
  if (header?.startsWith('{')) {
    if (deps.blockInline(ctx)) {
      throw blocked(
        'inline_config_blocked',
        'Inline configs are blocked in this workspace; save the config and send its id (pc-…) instead',
      );
    }
    refuseDeepJson(header, 'x-portkey-config', 'x-portkey-config');
    let raw: unknown;
    try {
      raw = JSON.parse(header);
    } catch (err) {
      throw badRequest(`x-portkey-config is not valid JSON: ${(err as Error).message}`, { param: 'x-portkey-config' });
    }
    return { config: validateConfig(raw), id: null, slug: null, versionId: null };
  }
  const ref = header ?? keyDefault;
  if (!ref) return null;
  const saved = deps.configs?.resolveConfig(ctx.workspace.id, ref) ?? null;
  if (!saved) {
    throw new AppError('AB08', 404, `Config "${ref}" was not found in workspace ${ctx.workspace.slug}`, {
      param: 'x-portkey-config',
      code: 'config_not_found',
    });
  }
  return { config: saved.config, id: saved.id, slug: saved.slug, versionId: saved.versionId };
}

/** Inline providers, hosts and forwarded headers are refused when inline configs are blocked. */
export function enforceInlinePolicy(ctx: GatewayContext, deps: RoutingDeps): void {
  if (!deps.blockInline(ctx)) return;
  const provider = headerOf(ctx, 'x-portkey-provider');
  if (provider && !provider.startsWith('@')) {
    throw blocked(
      'inline_provider_blocked',
      'Inline providers are blocked in this workspace; use a provider from the model catalog (@slug)',
    );
  }
  if (headerOf(ctx, 'x-portkey-custom-host')) {
    throw blocked('inline_custom_host_blocked', 'Inline custom hosts are blocked in this workspace; save the host in an integration');
  }
  if (headerOf(ctx, 'x-portkey-forward-headers')) {
    throw blocked('inline_forward_headers_blocked', 'Forwarding headers from the request is blocked in this workspace');
  }
}

function forwardHeaders(t: EffectiveTarget, ctx: GatewayContext): { from: string; to: string }[] {
  const out = t.forwardHeaders.map((h) =>
    typeof h === 'string' ? { from: h.toLowerCase(), to: h.toLowerCase() } : { from: h.from.toLowerCase(), to: h.to.toLowerCase() },
  );
  const inline = headerOf(ctx, 'x-portkey-forward-headers');
  if (inline) {
    for (const name of inline.split(',').map((n) => n.trim().toLowerCase())) {
      if (name && name !== 'x-portkey-forward-headers' && !out.some((h) => h.from === name)) out.push({ from: name, to: name });
    }
  }
  return out;
}

/** The gateway target a config leaf names. */
export function targetOf(t: EffectiveTarget, ctx: GatewayContext, body: Json | null, deps: RoutingDeps): Target {
  const slug = t.provider?.startsWith('@') ? t.provider.slice(1) : t.virtualKey;
  let target: Target;
  if (slug) {
    // The model decides per-model settings (its own custom_host): override_params win over the body.
    const requested = t.overrideParams.model ?? body?.model;
    const model = typeof requested === 'string' ? requested.replace(/^@[^/]*\//, '') : null;
    target = catalogTarget(slug, deps.targets.resolveProvider(ctx.workspace.id, slug), ctx.workspace.slug, model);
  } else if (t.provider) {
    const spec = specOrError(t.provider);
    target = {
      spec,
      label: spec.id,
      providerSlug: null,
      apiKey: t.apiKey,
      customHost: null,
      configurations: {},
      customHeaders: {},
      model: null,
      modelAllowed: null,
    };
  } else {
    // passthrough, or a config that only sets retries/cache/timeouts: the request names the provider.
    target = resolveTarget(ctx, body, deps.targets, deps.targetOptions);
  }
  const customHost = t.customHost
    ? checkedHost(t.customHost, `${t.path}.custom_host`, ctx, deps.targets, deps.targetOptions)
    : target.customHost;
  return {
    ...target,
    customHost,
    apiKey: slug ? target.apiKey : (t.apiKey ?? target.apiKey),
    configurations: { ...target.configurations, ...t.providerOptions },
    forwardHeaders: forwardHeaders(t, ctx),
  };
}

/** default_params fill gaps, override_params win, drop_params go. */
export function paramsFor(t: EffectiveTarget, body: Json): Json {
  const out: Json = { ...t.defaultParams, ...body, ...t.overrideParams };
  for (const key of Object.keys(t.defaultParams)) if (body[key] !== undefined) out[key] = body[key];
  for (const key of t.dropParams) delete out[key];
  return out;
}

function retryAfterMs(outcome: Outcome): number | null {
  if (outcome.kind === 'error') return null;
  const h = outcome.upstreamHeaders;
  const ms = Number(h['retry-after-ms'] ?? h['x-ms-retry-after-ms']);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const after = h['retry-after'];
  if (after === undefined) return null;
  const seconds = Number(after);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(after);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : null;
}

/** Replaces ctx.abort with a child for one attempt, bounded by the target's request_timeout. */
function attemptSignal(ctx: GatewayContext, root: GatewayAbort, timeoutMs: number | null) {
  const child = new GatewayAbort();
  const onRoot = () => child.abort(root.signal.reason);
  if (root.signal.aborted) onRoot();
  else root.signal.addEventListener('abort', onRoot, { once: true });
  const timer = timeoutMs === null ? null : setTimeout(() => child.abort(new TimeoutAbort(timeoutMs, true)), timeoutMs);
  timer?.unref();
  ctx.abort = child;
  return () => {
    if (timer) clearTimeout(timer);
    root.signal.removeEventListener('abort', onRoot);
  };
}

/** The request's routing config, once the inline-config policy allowed what it names; null without one. */
export function resolveRoutingConfig(ctx: GatewayContext, deps: RoutingDeps): ChosenConfig | null {
  enforceInlinePolicy(ctx, deps);
  return chooseConfig(ctx, deps);
}

/**
 * Routes the request: without a config, one attempt at the target the request names; with one, the
 * router tries the config's targets in turn, each through its own input checks, the cache, the
 * upstream attempt and its output checks, so a deny or a failure can fall back.
 */
export async function executeRoute(
  ctx: GatewayContext,
  call: GatewayCall,
  chosen: ChosenConfig | null,
  guard: GuardrailSession | null,
  deps: RoutingDeps,
): Promise<Outcome> {
  if (!chosen) {
    const outcome = await attempt(resolveTarget(ctx, call.body, deps.targets, deps.targetOptions), call, ctx, deps.dispatcher);
    return guard ? guard.output('config', call, outcome) : outcome;
  }

  const { config } = chosen;
  ctx.routing.mode = config.targets?.length ? (config.strategy?.mode ?? 'single') : 'single';
  ctx.routing.configId = chosen.id;
  ctx.routing.configSlug = chosen.slug;
  ctx.routing.configVersionId = chosen.versionId;

  const root = ctx.abort;
  // The request's own timeout header bounds everything and wins over the config's timeouts.
  const configTimeouts = !ctx.timeoutFromRequest;
  const cleanups: (() => void)[] = [];
  const now = deps.now ?? Date.now;

  const result = await route<Tried>(
    config,
    { metadata: ctx.metadata, params: call.body ?? {}, pathname: `/v1${ctx.path}` },
    {
      attempt: async (t) => {
        let target: Target;
        try {
          target = targetOf(t, ctx, call.body, deps);
        } catch (err) {
          const error = err instanceof AppError ? err : badRequest(String(err));
          return { status: error.status, outcome: null, error };
        }
        const body = call.body ? paramsFor(t, call.body) : null;
        let tryCall: GatewayCall = body ? { ...call, body, stream: body.stream === true } : call;
        // [guardrails] the input checks of this target's own levels of the config.
        if (guard) {
          const gated = await guard.attemptInput(t.path, tryCall);
          if (gated instanceof AppError) return { status: gated.status, outcome: null, error: gated };
          tryCall = gated;
        }
        // Earlier attempts' timers are done: only the last attempt's bound may outlive the router.
        cleanups.splice(0).forEach((c) => c());
        cleanups.push(attemptSignal(ctx, root, configTimeouts ? t.requestTimeout : null));
        const cache = t.cache?.mode && deps.cache ? cacheFor(t, target, tryCall, ctx, deps, deps.cache, now) : null;
        const hit = await cache?.lookup();
        const outcome = hit ?? (await attempt(target, tryCall, ctx, deps.dispatcher));
        // The answer as the upstream gave it is cached; output checks run on it each time it is served.
        if (!hit) cache?.store(outcome);
        // [guardrails] output checks on the answer (a deny is this attempt's 446, so fallback can move on).
        const checked = guard ? await guard.output(t.path, tryCall, outcome) : outcome;
        return { status: checked.status, outcome: checked, retryAfterMs: hit ? null : retryAfterMs(outcome) };
      },
      refuse: (error) => ({ status: error.status, outcome: null, error }),
      random: deps.random ?? Math.random,
      sleep: (ms) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(done, ms);
          function done() {
            clearTimeout(timer);
            root.signal.removeEventListener('abort', done);
            resolve();
          }
          root.signal.addEventListener('abort', done, { once: true });
        }),
      now,
      circuits: deps.circuits,
      sticky: deps.sticky,
      backoffBaseMs: deps.backoffBaseMs,
      scope: chosen.id ?? 'inline',
      cancelled: () => root.signal.aborted,
    },
  );
  // The chosen attempt's timer keeps bounding its stream body; the handler ends it with the request.
  ctx.onDone.push(...cleanups);
  ctx.routing.retryAttemptCount = result.retryAttemptCount;
  ctx.routing.lastUsedOptionIndex = result.path;
  if (result.result.outcome) return result.result.outcome;
  throw result.result.error ?? AppError.fromStatus(502, 'No target answered');
}

const CACHEABLE = new Set(['chatComplete', 'complete', 'embed', 'messages']);

/**
 * Simple cache for one target: the key names the target's upstream and the request as sent to it.
 * Only 2xx answers are stored (a stream once it finished well); hits replay as SSE to streams.
 * Semantic mode falls back to exact matching until an embedding provider is configured for it.
 */
function cacheFor(
  t: EffectiveTarget,
  target: Target,
  call: GatewayCall,
  ctx: GatewayContext,
  deps: RoutingDeps,
  cache: ResponseCache,
  now: () => number,
) {
  if (!CACHEABLE.has(call.endpoint) || !call.body || ctx.method !== 'POST') return null;
  let input: CacheKeyInput;
  let key: string;
  try {
    input = {
      workspaceId: ctx.workspace.id,
      provider: target.providerSlug ? `${target.spec.id}:${target.providerSlug}` : target.spec.id,
      upstream: baseUrl(target),
      endpoint: ctx.path,
      body: call.body,
      namespace: headerOf(ctx, 'x-portkey-cache-namespace'),
      headers: ctx.clientHeaders,
    };
    key = cacheKey(input);
  } catch {
    return null;
  }
  const forceRefresh = headerOf(ctx, 'x-portkey-cache-force-refresh') === 'true';
  const maxAge = t.cache?.max_age ?? DEFAULT_CACHE_MAX_AGE_S;
  const semantic = t.cache?.mode === 'semantic' ? deps.semantic : null;
  let pendingVector: { partition: string; vector: number[] } | null = null;

  /** `text`: the answer as the client got it, when it went out as the upstream wrote it. */
  const save = (status: number, body: unknown, headers: Record<string, string>, model: string | null, text: string | null = null) => {
    try {
      const stored = cache.set(key, { status, headers, body: text ?? JSON.stringify(body), provider: target.label, model }, maxAge, now());
      if (stored && semantic && pendingVector) semantic.cache.add(pendingVector.partition, pendingVector.vector, key, now());
    } catch {
      // A full disk or an odd body must never fail the request; the next one tries again.
    }
  };

  const served = (entry: CacheEntry): Outcome | null => {
    let body: unknown;
    try {
      body = JSON.parse(entry.body);
    } catch {
      return null;
    }
    return {
      kind: 'cached',
      target,
      status: entry.status,
      upstreamHeaders: entry.headers,
      upstreamUrl: baseUrl(target),
      model: entry.model,
      pricingModel: entry.model,
      transformedRequest: null,
      body,
      text: entry.body,
      sse: call.stream ? replayAsSse(entry.body, { includeUsage: includeUsageRequested(call.body) }) : null,
      usage: ((body as Json | null)?.usage as Json | undefined) ?? null,
    };
  };

  return {
    async lookup(): Promise<Outcome | null> {
      ctx.routing.cacheType = t.cache?.mode ?? 'simple';
      ctx.routing.cacheStatus = forceRefresh ? 'REFRESH' : semantic ? 'SEMANTIC MISS' : 'MISS';
      if (forceRefresh) return null;
      const entry = cache.get(key, now());
      if (entry) {
        ctx.routing.cacheStatus = 'HIT';
        return served(entry);
      }
      if (!semantic) return null;
      try {
        const found = await semantic.cache.lookup(input, {
          embedder: semantic.embedder,
          embed: (text) => embedWith(semantic.embedder, text, ctx, deps),
          threshold: semantic.threshold,
          nowMs: now(),
        });
        if (!found) return null;
        if (found.hit) {
          ctx.routing.cacheStatus = 'SEMANTIC HIT';
          return served(found.hit.entry);
        }
        pendingVector = { partition: found.query.partition, vector: found.vector };
      } catch {
        // The embedding provider failing must not fail the request: it is a miss.
      }
      return null;
    },
    store(outcome: Outcome) {
      if (outcome.status < 200 || outcome.status >= 300) return;
      if (outcome.kind === 'json') save(outcome.status, outcome.body, outcome.upstreamHeaders, outcome.model, outcome.text);
      else if (outcome.kind === 'stream')
        ctx.onStreamComplete = (body) => save(outcome.status, body, outcome.upstreamHeaders, outcome.model);
    },
  };
}

/** One embedding through a catalog provider of the request's workspace (`@slug/model`). */
async function embedWith(embedder: string, text: string, ctx: GatewayContext, deps: RoutingDeps): Promise<number[]> {
  const [slug, model] = embedder.slice(1).split(/\/(.*)/s);
  const target = catalogTarget(slug!, deps.targets.resolveProvider(ctx.workspace.id, slug!), ctx.workspace.slug, model ?? null);
  const call: GatewayCall = {
    endpoint: 'embed',
    clientFormat: 'openai',
    body: { model, input: text },
    raw: null,
    contentType: 'application/json',
    stream: false,
  };
  // Its own timings, so the request's log keeps the answering upstream's.
  const outcome = await attempt(target, call, { ...ctx, timings: {}, path: '/embeddings', search: '' }, deps.dispatcher);
  const vector =
    outcome.kind === 'json' && outcome.status === 200 ? (outcome.body as { data?: { embedding?: unknown }[] }).data?.[0]?.embedding : null;
  if (!Array.isArray(vector)) throw new Error(`The semantic cache's embedding model ${embedder} gave no embedding`);
  return vector as number[];
}
