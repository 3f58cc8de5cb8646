// Runs compiled guardrails on one request or one answer. Guardrails run side by side on the same
// text; the checks of one guardrail too, unless it is sequential (each check then sees what the
// one before it changed). A guardrail passes when every check passes; a check that throws or
// cannot decide fails (the peer counts a throwing check as a pass; we do not). Changes (redaction,
// a prefix) are applied in list order to a copy of the body. Async guardrails start here but are
// not waited for: their verdicts arrive through `asyncDone`, and their changes are not applied.
import type { CompiledGuardrail } from './compile.ts';
import { answerText, requestText, rewriteAnswer, rewriteRequest } from './text.ts';
import type { CheckInput, CheckResult, CheckServices, CheckVerdict, HookPhase, HookResult, Json, TextView } from './types.ts';

export interface Subject {
  phase: HookPhase;
  requestType: string;
  /** The request body as it would be sent (client format). */
  request: Json | null;
  model: string | null;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  metadata: Readonly<Record<string, string>>;
  stream: boolean;
  /** The answer (client format), for output guardrails. */
  response: { json: unknown; status: number } | null;
}

export interface RunEnv {
  services: CheckServices;
  signal: AbortSignal;
  /** Where each guardrail was attached (`workspace defaults`, `config.input_guardrails[0]`), by guardrail index. */
  sources: readonly string[];
  now?: () => number;
}

export interface PhaseResult {
  /** Sync guardrails' results, and a pending entry (verdict null) for each async one. */
  results: HookResult[];
  /** A failing guardrail had deny. */
  denied: boolean;
  /** Some guardrail failed. */
  failed: boolean;
  /** The request body (before) or answer (after) as the guardrails changed it; null when unchanged. */
  body: unknown;
  /** The async guardrails' final results, once they have all finished (empty when there were none). */
  asyncDone: Promise<HookResult[]>;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

interface Change {
  replace?: (text: string) => string;
  body?: unknown;
  /** See TextChange.standing. */
  standing?: boolean;
}

interface Ran {
  result: HookResult;
  changes: Change[];
}

function inputFor(subject: Subject, text: TextView, requestLatest: string, json: Json | null, env: RunEnv): CheckInput {
  return {
    phase: subject.phase,
    text,
    request: {
      json,
      requestType: subject.requestType,
      model: subject.model,
      headers: subject.headers,
      metadata: subject.metadata,
      stream: subject.stream,
      latestText: requestLatest,
    },
    response: subject.response,
    signal: env.signal,
    services: env.services,
  };
}

type Checked = { result: CheckResult; change: Change | null };

const isPromise = <T>(v: T | Promise<T>): v is Promise<T> => typeof (v as { then?: unknown } | null)?.then === 'function';

function thrown(err: unknown): CheckVerdict {
  return { verdict: false, explanation: 'The check failed to run, so it does not pass', error: (err as Error)?.message ?? String(err) };
}

function checked(check: CompiledGuardrail['checks'][number], v: CheckVerdict, started: number, at: string): Checked {
  const change: Change | null =
    v.change || v.body !== undefined
      ? {
          ...(v.change ? { replace: v.change.replace, standing: v.change.standing === true && v.body === undefined } : {}),
          ...(v.body !== undefined ? { body: v.body } : {}),
        }
      : null;
  return {
    result: {
      id: check.id,
      verdict: v.verdict,
      explanation: v.explanation,
      data: v.data ?? null,
      error: v.error ?? null,
      execution_time: round(performance.now() - started),
      transformed: change !== null && !change.standing,
      skipped: v.skipped === true,
      created_at: at,
    },
    change,
  };
}

/** One check; synchronous when its handler is (most are), so a request pays no promise for it. */
function runCheck(check: CompiledGuardrail['checks'][number], input: CheckInput, at: string): Checked | Promise<Checked> {
  const started = performance.now();
  if (!check.phases.includes(input.phase)) {
    const only = check.phases.includes('beforeRequestHook') ? 'before the request' : 'on the answer';
    return checked(check, { verdict: true, skipped: true, explanation: `${check.id} runs only ${only}; skipped` }, started, at);
  }
  if (check.readsText && input.text.all.length === 0) {
    const what = input.phase === 'beforeRequestHook' ? 'The request' : 'The answer';
    return checked(check, { verdict: true, skipped: true, explanation: `${what} holds no text for ${check.id}; skipped` }, started, at);
  }
  let out: CheckVerdict | Promise<CheckVerdict>;
  try {
    out = check.handler(input);
  } catch (err) {
    return checked(check, thrown(err), started, at);
  }
  if (!isPromise(out)) return checked(check, out, started, at);
  return out.then(
    (v) => checked(check, v, started, at),
    (err: unknown) => checked(check, thrown(err), started, at),
  );
}

/** The body a change list leaves, starting from `body`. */
function applyChanges(body: unknown, changes: readonly Change[], subject: Subject): unknown {
  let out = body;
  for (const c of changes) {
    if (c.body !== undefined) out = c.body;
    if (c.replace) {
      const fn = c.replace;
      out =
        subject.phase === 'beforeRequestHook'
          ? rewriteRequest(out as Json, subject.requestType, fn)
          : rewriteAnswer(out, subject.requestType, fn);
    }
  }
  return out;
}

function textOf(subject: Subject, body: unknown): TextView {
  return subject.phase === 'beforeRequestHook'
    ? requestText(body as Json | null, subject.requestType)
    : answerText(body, subject.requestType);
}

function guardrailResult(g: CompiledGuardrail, checks: CheckResult[], changes: Change[], source: string, started: number, at: string): Ran {
  const verdict = checks.every((c) => c.verdict);
  return {
    result: {
      id: g.id,
      name: g.name,
      type: g.type,
      verdict,
      deny: g.actions.deny,
      async: g.actions.async,
      transformed: changes.some((c) => !c.standing),
      checks,
      feedback: verdict ? g.actions.on_success.feedback : g.actions.on_fail.feedback,
      execution_time: round(performance.now() - started),
      created_at: at,
      source,
    },
    changes,
  };
}

async function runSequential(
  g: CompiledGuardrail,
  subject: Subject,
  env: RunEnv,
  source: string,
  requestLatest: string,
  text: TextView,
  at: string,
): Promise<Ran> {
  const started = performance.now();
  const checks: CheckResult[] = [];
  const changes: Change[] = [];
  let body = subject.phase === 'beforeRequestHook' ? subject.request : subject.response?.json;
  let view = text;
  for (const check of g.checks) {
    const json = subject.phase === 'beforeRequestHook' ? (body as Json | null) : subject.request;
    const seen = { ...subject, ...(subject.response ? { response: { ...subject.response, json: body } } : {}) };
    const { result, change } = await runCheck(check, inputFor(seen, view, requestLatest, json, env), at);
    checks.push(result);
    if (change) {
      changes.push(change);
      if (!change.standing) {
        body = applyChanges(body, [change], subject);
        view = textOf(subject, body);
      }
    }
  }
  return guardrailResult(g, checks, changes, source, started, at);
}

/** One guardrail's checks side by side on the same text; synchronous when every check is. */
function runGuardrail(
  g: CompiledGuardrail,
  subject: Subject,
  env: RunEnv,
  source: string,
  requestLatest: string,
  text: TextView,
  at: string,
): Ran | Promise<Ran> {
  if (g.sequential) return runSequential(g, subject, env, source, requestLatest, text, at);
  const started = performance.now();
  const input = inputFor(subject, text, requestLatest, subject.request, env);
  const ran = g.checks.map((c) => runCheck(c, input, at));
  const collect = (done: Checked[]) => {
    const changes: Change[] = [];
    for (const r of done) if (r.change) changes.push(r.change);
    return guardrailResult(
      g,
      done.map((r) => r.result),
      changes,
      source,
      started,
      at,
    );
  };
  return ran.some(isPromise) ? Promise.all(ran).then(collect) : collect(ran as Checked[]);
}

/** Runs `guardrails` on `subject` (see the file comment for the rules). */
export async function runGuardrails(guardrails: readonly CompiledGuardrail[], subject: Subject, env: RunEnv): Promise<PhaseResult> {
  const at = new Date().toISOString();
  const requestView = requestText(subject.request, subject.requestType);
  const text = subject.phase === 'beforeRequestHook' ? requestView : answerText(subject.response?.json, subject.requestType);
  const sync: (Ran | Promise<Ran>)[] = [];
  const pending: Promise<HookResult>[] = [];
  const results: (HookResult | null)[] = [];
  const slots: (number | null)[] = [];
  guardrails.forEach((g, i) => {
    const source = env.sources[i] ?? 'config';
    const run = runGuardrail(g, subject, env, source, requestView.latest, text, at);
    if (g.actions.async) {
      pending.push(Promise.resolve(run).then((r) => r.result));
      results.push({
        id: g.id,
        name: g.name,
        type: g.type,
        verdict: null,
        deny: g.actions.deny,
        async: true,
        transformed: false,
        checks: [],
        feedback: null,
        execution_time: 0,
        created_at: at,
        source,
      });
      slots.push(null);
    } else {
      slots.push(sync.length);
      sync.push(run);
      results.push(null);
    }
  });
  const ran = sync.some(isPromise) ? await Promise.all(sync) : (sync as Ran[]);
  let changes: Change[] = [];
  slots.forEach((slot, i) => {
    if (slot === null) return;
    results[i] = ran[slot]!.result;
    changes = changes.concat(ran[slot]!.changes);
  });
  const subjectBody = subject.phase === 'beforeRequestHook' ? subject.request : subject.response?.json;
  const body = changes.some((c) => !c.standing) ? applyChanges(subjectBody, changes, subject) : null;
  const finished = ran.map((r) => r.result);
  return {
    results: results.map((r) => r!),
    denied: finished.some((r) => r.verdict === false && r.deny),
    failed: finished.some((r) => r.verdict === false),
    body,
    asyncDone: pending.length ? Promise.all(pending) : NO_ASYNC,
  };
}

const NO_ASYNC: Promise<HookResult[]> = Promise.resolve([]);
