// "Complete one chat" for the LLM-judge guardrail: one non-streamed chat completion through a model
// of the requesting workspace's own catalog (`@provider/model`), bounded by the check's timeout,
// with the same upstream machinery as any request (the judge is a LAN model the admin named); and
// the same for a guardrail test from the console, which has a workspace but no gateway request.
import type { Dispatcher } from 'undici';
import type { ApiKeyAuth } from '../identity/auth.ts';
import { systemAuth } from '../identity/systemAuth.ts';
import type { WorkspaceFacts } from '../identity/workspaces.ts';
import { consoleContext } from './consoleContext.ts';
import { GatewayAbort } from './abort.ts';
import { attempt, type GatewayCall } from './attempt.ts';
import type { GatewayContext } from './context.ts';
import { catalogTarget, splitModelSlug, type TargetResolver } from './target.ts';
import { TimeoutAbort } from './upstream.ts';

interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export function catalogChat(deps: { targets: TargetResolver; dispatcher: Dispatcher }) {
  return async (ctx: GatewayContext, model: string, messages: ChatMessage[], options: { timeoutMs: number; signal: AbortSignal }) => {
    const [slug, name] = splitModelSlug(model) ?? [];
    if (!slug || !name) throw new Error(`the judge model "${model}" is not @provider/model`);
    const target = catalogTarget(slug, deps.targets.resolveProvider(ctx.workspace.id, slug), ctx.workspace.slug, name);
    const call: GatewayCall = {
      endpoint: 'chatComplete',
      clientFormat: 'openai',
      body: { model: name, messages, temperature: 0 },
      raw: null,
      contentType: 'application/json',
      stream: false,
    };
    const abort = new GatewayAbort();
    const timer = setTimeout(() => abort.abort(new TimeoutAbort(options.timeoutMs, true)), options.timeoutMs);
    const onAbort = () => abort.abort(options.signal.reason);
    options.signal.addEventListener('abort', onAbort, { once: true });
    try {
      // Its own timings and no client headers: the request's log keeps the answering upstream's.
      const outcome = await attempt(
        target,
        call,
        { ...ctx, timings: {}, path: '/chat/completions', search: '', method: 'POST', clientHeaders: {}, abort },
        deps.dispatcher,
      );
      if (outcome.kind === 'error') {
        if (abort.signal.reason instanceof TimeoutAbort) throw Object.assign(new Error('timed out'), { name: 'TimeoutError' });
        throw new Error(`the judge model failed: ${outcome.error.message}`);
      }
      if (outcome.kind !== 'json' || outcome.status !== 200) throw new Error(`the judge model answered ${outcome.status}`);
      const content = (outcome.body as { choices?: { message?: { content?: unknown } }[] }).choices?.[0]?.message?.content;
      if (typeof content !== 'string') throw new Error('the judge model gave no text');
      return content;
    } finally {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
    }
  };
}

/**
 * The judge of a guardrail test (POST /v1/guardrails/test): the chat a request of `workspaceId`
 * would make, as the appliance itself (the test is not traffic: no limits, no request log).
 */
export function workspaceJudgeChat(deps: {
  targets: TargetResolver;
  dispatcher: Dispatcher;
  workspace: (id: string) => WorkspaceFacts | null;
}) {
  const chat = catalogChat(deps);
  return (
    organisationId: string,
    workspaceId: string,
    model: string,
    messages: ChatMessage[],
    options: { timeoutMs: number; signal: AbortSignal },
  ) => {
    const workspace = deps.workspace(workspaceId);
    if (!workspace) return Promise.reject(new Error(`workspace "${workspaceId}" was not found`));
    const ctx = consoleContext({
      auth: systemAuth(organisationId) as ApiKeyAuth,
      workspace,
      endpoint: 'chatComplete',
      path: '/chat/completions',
      method: 'POST',
      timeoutMs: options.timeoutMs,
    });
    return chat(ctx, model, messages, options);
  };
}
