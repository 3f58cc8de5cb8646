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

async function runCheck(
  check: CompiledGuardrail['checks'][number],
  input: CheckInput,
): Promise<{ result: CheckResult; change: Change | null }> {
  const started = performance.now();
  const at = new Date().toISOString();
  let v: CheckVerdict;
  if (!check.phases.includes(input.phase)) {
    v = {
      verdict: true,
      skipped: true,
      explanation: `${check.id} runs only ${check.phases.includes('beforeRequestHook') ? 'before the request' : 'on the answer'}; skipped`,
    };
  } else {
    try {
      v = await check.handler(input);
    } catch (err) {
      v = { verdict: false, explanation: 'The check failed to run, so it does not pass', error: (err as Error).message ?? String(err) };
    }
  }
  const change: Change | null =
    v.change || v.body !== undefined
      ? { ...(v.change ? { replace: v.change.replace } : {}), ...(v.body !== undefined ? { body: v.body } : {}) }
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

async function runGuardrail(
  g: CompiledGuardrail,
  subject: Subject,
  env: RunEnv,
  source: string,
  requestLatest: string,
  text: TextView,
): Promise<Ran> {
  const started = performance.now();
  const at = new Date().toISOString();
  const checks: CheckResult[] = [];
  const changes: Change[] = [];
  const subjectBody = subject.phase === 'beforeRequestHook' ? subject.request : subject.response?.json;
  if (g.sequential) {
    let body = subjectBody;
    let view = text;
    for (const check of g.checks) {
      const json = subject.phase === 'beforeRequestHook' ? (body as Json | null) : subject.request;
      const input = inputFor(
        { ...subject, ...(subject.response ? { response: { ...subject.response, json: body } } : {}) },
        view,
        requestLatest,
        json,
        env,
      );
      const { result, change } = await runCheck(check, input);
      checks.push(result);
      if (change) {
        changes.push(change);
        if (!change.standing) {
          body = applyChanges(body, [change], subject);
          view = textOf(subject, body);
        }
      }
    }
  } else {
    const input = inputFor(subject, text, requestLatest, subject.request, env);
    const ran = await Promise.all(g.checks.map((c) => runCheck(c, input)));
    for (const r of ran) {
      checks.push(r.result);
      if (r.change) changes.push(r.change);
    }
  }
  const verdict = checks.every((c) => c.verdict);
  const feedback = verdict ? g.actions.on_success.feedback : g.actions.on_fail.feedback;
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
      feedback,
      execution_time: round(performance.now() - started),
      created_at: at,
      source,
    },
    changes,
  };
}

/** Runs `guardrails` on `subject` (see the file comment for the rules). */
export async function runGuardrails(guardrails: readonly CompiledGuardrail[], subject: Subject, env: RunEnv): Promise<PhaseResult> {
  const requestLatest = requestText(subject.request, subject.requestType).latest;
  const text = subject.phase === 'beforeRequestHook' ? textOf(subject, subject.request) : textOf(subject, subject.response?.json);
  const sync: Promise<Ran>[] = [];
  const pending: Promise<HookResult>[] = [];
  const results: (HookResult | null)[] = [];
  const slots: (number | null)[] = [];
  guardrails.forEach((g, i) => {
    const source = env.sources[i] ?? 'config';
    const run = runGuardrail(g, subject, env, source, requestLatest, text);
    if (g.actions.async) {
      pending.push(run.then((r) => r.result));
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
        created_at: new Date().toISOString(),
        source,
      });
      slots.push(null);
    } else {
      slots.push(sync.length);
      sync.push(run);
      results.push(null);
    }
  });
  const ran = await Promise.all(sync);
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
    asyncDone: pending.length ? Promise.all(pending) : Promise.resolve([]),
  };
}
