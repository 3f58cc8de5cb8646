// Runs one guardrail check the way the engine does (parameters validated against its schema,
// compiled once), on a request or an answer built from a few fields; for the checks' table tests.
import { compileCheck } from '../../server/guardrails/compile.ts';
import { runGuardrails, type Subject } from '../../server/guardrails/run.ts';
import type { CompiledGuardrail } from '../../server/guardrails/compile.ts';
import type { CheckServices, CheckVerdict, HookPhase, Json } from '../../server/guardrails/types.ts';
import { requestText, answerText } from '../../server/guardrails/text.ts';

export interface Case {
  /** The latest user message (a chat request with this one message), unless `request` is given. */
  text?: string;
  request?: Json | null;
  answer?: unknown;
  requestType?: string;
  model?: string | null;
  metadata?: Record<string, string>;
  headers?: Record<string, string>;
  phase?: HookPhase;
  services?: Partial<CheckServices>;
  signal?: AbortSignal;
}

export function chatRequest(text: string, extra: Json = {}): Json {
  return { model: 'gpt-4o', messages: [{ role: 'user', content: text }], ...extra };
}

export function chatAnswer(text: string): Json {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
  };
}

/** Compiles `id` with `parameters` (throws what compiling throws) and returns a runner for cases. */
export function check(id: string, parameters: Json = {}, options: { saved?: boolean } = {}) {
  const compiled = compileCheck({ id, parameters }, { saved: options.saved ?? true, path: 'checks', index: 0 });
  if (!compiled) throw new Error('disabled');
  return async (c: Case): Promise<CheckVerdict> => {
    const phase = c.phase ?? (c.answer !== undefined ? 'afterRequestHook' : 'beforeRequestHook');
    const requestType = c.requestType ?? 'chatComplete';
    const request = c.request !== undefined ? c.request : chatRequest(c.text ?? '');
    const answer = c.answer !== undefined ? c.answer : null;
    const text =
      phase === 'beforeRequestHook' ? requestText(request, requestType) : answerText(answer ?? chatAnswer(c.text ?? ''), requestType);
    return compiled.handler({
      phase,
      text,
      request: {
        json: request,
        requestType,
        model: c.model !== undefined ? c.model : typeof request?.model === 'string' ? request.model : null,
        headers: c.headers ?? {},
        metadata: c.metadata ?? {},
        stream: false,
        latestText: requestText(request, requestType).latest,
      },
      response: phase === 'afterRequestHook' ? { json: answer ?? chatAnswer(c.text ?? ''), status: 200 } : null,
      signal: c.signal ?? new AbortController().signal,
      services: { completeChat: null, ...c.services },
    });
  };
}

export function subject(partial: Partial<Subject> = {}): Subject {
  return {
    phase: 'beforeRequestHook',
    requestType: 'chatComplete',
    request: chatRequest('hello'),
    model: 'gpt-4o',
    headers: {},
    metadata: {},
    stream: false,
    response: null,
    ...partial,
  };
}

export function run(guardrails: CompiledGuardrail[], s: Subject, services: Partial<CheckServices> = {}) {
  return runGuardrails(guardrails, s, {
    services: { completeChat: null, ...services },
    signal: new AbortController().signal,
    sources: guardrails.map(() => 'test'),
  });
}
