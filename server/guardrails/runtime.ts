// The guardrails as the gateway runs them: for one request and one phase, the guardrails that bind
// it (the organisation's and the workspace's defaults, then the config's entries), resolved and
// compiled from memory, run, and their verdicts returned; feedback written and async verdicts
// recorded off the request path. The gateway calls this through its own small interface
// (gateway/guardrails.ts); this file knows nothing of the gateway's types.
import { badRequest } from '../errors.ts';
import { GuardrailDefinitionError, compileGuardrail, type CompiledGuardrail } from './compile.ts';
import { parseListEntry, type ConfigListKey } from './configEntries.ts';
import type { GuardrailLibrary } from './library.ts';
import { requestTypeOf } from './requestTypes.ts';
import { runGuardrails, type Subject } from './run.ts';
import type { ChatMessage, CheckServices, Feedback, HookPhase, HookResult, Json } from './types.ts';

/** What the runtime reads of a gateway request (the gateway's context has all of it). */
export interface GuardedRequest {
  workspace: { id: string; defaults: Record<string, unknown> };
  auth: { organisationId: string };
  metadata: Readonly<Record<string, string>>;
  clientHeaders: Readonly<Record<string, string | string[] | undefined>>;
  endpoint: string;
  method: string;
  path: string;
  traceId: string;
}

export interface GuardedCall {
  body: Json | null;
  stream: boolean;
}

/** One entry of a config's guardrail list, with where it sits. */
export interface GuardrailEntry {
  key: ConfigListKey;
  value: unknown;
  path: string;
}

export interface PhaseRun {
  results: HookResult[];
  denied: boolean;
  failed: boolean;
  /** The request body (input) or answer (output) as the guardrails changed it; null when unchanged. */
  body: unknown;
}

export interface FeedbackWrite extends Feedback {
  guardrail: HookResult;
}

export interface GuardrailsRuntimeDeps<R extends GuardedRequest> {
  library: GuardrailLibrary;
  /** One chat completion through a model of the request's workspace catalog (the LLM judge). */
  completeChat?: (req: R, model: string, messages: ChatMessage[], options: { timeoutMs: number; signal: AbortSignal }) => Promise<string>;
  /** Writes feedback on the request's trace, as a guardrail's actions ask. */
  feedback?: (req: R, items: FeedbackWrite[]) => Promise<void>;
  /** Records the verdicts of async guardrails once they finish (the request's log row was written without them). */
  asyncResults?: (req: R, phase: HookPhase, results: HookResult[]) => Promise<void>;
  onError?: (err: unknown, what: string) => void;
}

const MAX_INLINE = 5_000;
const NEVER = new AbortController().signal;

export function guardrailsRuntime<R extends GuardedRequest>(deps: GuardrailsRuntimeDeps<R>) {
  // Saved configs hand the same entry objects to every request: compiled once per object. Inline
  // configs are parsed per request: compiled once per text.
  const byObject = new WeakMap<object, CompiledGuardrail>();
  const byText = new Map<string, CompiledGuardrail>();

  function compileEntry(entry: GuardrailEntry, phase: HookPhase): CompiledGuardrail | string {
    const object = typeof entry.value === 'object' && entry.value !== null ? entry.value : null;
    const cached = object ? byObject.get(object) : undefined;
    if (cached) return cached;
    const parsed = parseListEntry(entry.value, entry.path, entry.key);
    if (parsed.kind === 'ref') return parsed.ref;
    const text = `${entry.key}\u0000${JSON.stringify(entry.value)}`;
    let compiled = byText.get(text);
    if (!compiled) {
      compiled = compileGuardrail(parsed.spec, { saved: false, path: `${entry.path}.checks`, phase });
      if (byText.size >= MAX_INLINE) byText.clear();
      byText.set(text, compiled);
    }
    if (object) byObject.set(object, compiled);
    return compiled;
  }

  function saved(req: R, ref: string, where: string): CompiledGuardrail {
    const found = deps.library.find(req.auth.organisationId, req.workspace.id, ref);
    if (found.ok) return found.guardrail;
    const why = found.reason === 'archived' ? 'is archived' : 'was not found in this workspace or the organisation';
    throw badRequest(`Guardrail "${ref}" named in ${where} ${why}`, { param: where, code: 'guardrail_not_found' });
  }

  /** Every guardrail that binds this phase of the request, with where each was attached, once each. */
  function collect(req: R, phase: HookPhase, entries: readonly GuardrailEntry[], withDefaults: boolean) {
    const guardrails: CompiledGuardrail[] = [];
    const sources: string[] = [];
    const add = (g: CompiledGuardrail, source: string) => {
      if (guardrails.some((x) => x.id === g.id)) return;
      guardrails.push(g);
      sources.push(source);
    };
    const input = phase === 'beforeRequestHook';
    if (withDefaults) {
      const org = deps.library.defaults(req.auth.organisationId);
      for (const ref of input ? org.input : org.output) add(saved(req, ref, 'the organisation defaults'), 'organisation defaults');
      const own = req.workspace.defaults[input ? 'input_guardrails' : 'output_guardrails'];
      if (Array.isArray(own)) {
        for (const ref of own) if (typeof ref === 'string') add(saved(req, ref, 'the workspace defaults'), 'workspace defaults');
      }
    }
    for (const entry of entries) {
      let compiled: CompiledGuardrail | string;
      try {
        compiled = compileEntry(entry, phase);
      } catch (err) {
        if (err instanceof GuardrailDefinitionError) throw badRequest(err.message, { param: err.path, code: 'invalid_guardrail' });
        throw err;
      }
      add(typeof compiled === 'string' ? saved(req, compiled, entry.path) : compiled, entry.path);
    }
    return { guardrails, sources };
  }

  function afterwards(req: R, phase: HookPhase, sync: HookResult[], asyncDone: Promise<HookResult[]>) {
    const feedbackOf = (results: HookResult[]) => results.filter((r) => r.feedback).map((r) => ({ ...r.feedback!, guardrail: r }));
    const report = (err: unknown, what: string) => deps.onError?.(err, what);
    const now = feedbackOf(sync);
    if (now.length && deps.feedback) deps.feedback(req, now).catch((err) => report(err, 'guardrail feedback'));
    asyncDone.then(
      (results) => {
        if (results.length === 0) return;
        deps.asyncResults?.(req, phase, results).catch((err) => report(err, 'async guardrail results'));
        const later = feedbackOf(results);
        if (later.length && deps.feedback) deps.feedback(req, later).catch((err) => report(err, 'guardrail feedback'));
      },
      (err) => report(err, 'async guardrails'),
    );
  }

  return {
    /**
     * Resolves and compiles what `run` would run, without running it: a bad entry or a missing
     * guardrail is a 400 before any upstream call, even for checks that run on the answer.
     */
    prepare(req: R, phase: 'input' | 'output', entries: readonly GuardrailEntry[], options: { defaults: boolean }): number {
      return collect(req, phase === 'input' ? 'beforeRequestHook' : 'afterRequestHook', entries, options.defaults).guardrails.length;
    },

    /**
     * Runs the guardrails that bind one phase of a request: with `defaults`, the organisation's and
     * the workspace's first; then `entries` (a config's lists). Null when there are none. A bad
     * entry or a guardrail that cannot be found is a 400 (a check an admin named never fails open).
     */
    async run(
      req: R,
      call: GuardedCall,
      phase: 'input' | 'output',
      entries: readonly GuardrailEntry[],
      options: { defaults: boolean; answer?: { json: unknown; status: number } },
    ): Promise<PhaseRun | null> {
      const hook: HookPhase = phase === 'input' ? 'beforeRequestHook' : 'afterRequestHook';
      const { guardrails, sources } = collect(req, hook, entries, options.defaults);
      if (guardrails.length === 0) return null;
      const subject: Subject = {
        phase: hook,
        requestType: requestTypeOf(req.endpoint, req.method, req.path),
        request: call.body,
        model: typeof call.body?.model === 'string' ? call.body.model : null,
        headers: req.clientHeaders,
        metadata: req.metadata,
        stream: call.stream,
        response: options.answer ?? null,
      };
      const services: CheckServices = {
        completeChat: deps.completeChat ? (model, messages, o) => deps.completeChat!(req, model, messages, o) : null,
      };
      // Checks bound their own waits (webhook and judge timeouts); a client that leaves does not cut
      // an async guardrail short. One signal that never aborts: building an AbortSignal per request costs.
      const result = await runGuardrails(guardrails, subject, { services, signal: NEVER, sources });
      afterwards(
        req,
        hook,
        result.results.filter((r) => !r.async),
        result.asyncDone,
      );
      return { results: result.results, denied: result.denied, failed: result.failed, body: result.body };
    },
  };
}

export type GuardrailsRuntime<R extends GuardedRequest> = ReturnType<typeof guardrailsRuntime<R>>;
