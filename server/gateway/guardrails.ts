// The gateway's guardrail stages, in one file so the pipeline can move them as a block:
//   input   before routing (and before limits): the organisation's and workspace's defaults and
//           the config's root; a deny ends the request with 446, redaction changes what is sent
//   attempt before each target's upstream call: the input checks of the config levels below the root
//   output  on each answer: defaults, root and the target's levels; deny -> 446, fail -> 246, both
//           with `hook_results` in the body; on streams, one last event once the stream is complete
// The guardrails domain does the checking, through the GatewayGuardrails interface (wired in
// app.ts); it is absent with GUARDRAILS_ENABLED=OFF, and then every request passes unchecked.
import { AppError } from '../errors.ts';
import type { GatewayContext } from './context.ts';
import type { GatewayCall, Outcome } from './attempt.ts';
import type { ConfigNode } from '../routing-configs/types.ts';
import type { StreamTransform } from './stream.ts';
import { sseData, sseEvent } from './sse.ts';
import { anthropicErrorOf } from './translate/errors.ts';

type Json = Record<string, unknown>;

export const HOOKS_DENIED = 446;
export const HOOKS_FAILED = 246;

import type { GuardrailResult, GuardrailTrace } from './types.ts';
export type { GuardrailResult, GuardrailTrace } from './types.ts';

export type GuardrailListKey =
  'input_guardrails' | 'output_guardrails' | 'input_mutators' | 'output_mutators' | 'before_request_hooks' | 'after_request_hooks';

export interface GuardrailEntry {
  key: GuardrailListKey;
  value: unknown;
  /** JSON path, for messages: `config.targets[1].input_guardrails[0]`. */
  path: string;
}

export interface GuardrailRun {
  results: readonly GuardrailResult[];
  denied: boolean;
  failed: boolean;
  /** The request (input) or the answer (output) as the guardrails changed it; null when unchanged. */
  body: unknown;
}

/** The guardrails domain, as the gateway calls it. */
export interface GatewayGuardrails {
  /** Resolves what `run` would run (a 400 for a bad entry) and says how many guardrails that is. */
  prepare(ctx: GatewayContext, phase: 'input' | 'output', entries: readonly GuardrailEntry[], options: { defaults: boolean }): number;
  run(
    ctx: GatewayContext,
    call: { body: Json | null; stream: boolean },
    phase: 'input' | 'output',
    entries: readonly GuardrailEntry[],
    options: { defaults: boolean; answer?: { json: unknown; status: number } },
  ): Promise<GuardrailRun | null>;
}

const INPUT_KEYS: readonly GuardrailListKey[] = ['input_guardrails', 'input_mutators', 'before_request_hooks'];
const OUTPUT_KEYS: readonly GuardrailListKey[] = ['output_guardrails', 'output_mutators', 'after_request_hooks'];

function entriesOf(node: ConfigNode, path: string, phase: 'input' | 'output', out: GuardrailEntry[]): void {
  for (const key of phase === 'input' ? INPUT_KEYS : OUTPUT_KEYS) {
    const list = node[key];
    if (Array.isArray(list)) list.forEach((value, i) => out.push({ key, value, path: `${path}.${key}[${i}]` }));
  }
}

/** The config nodes from the root down to the target at `path` (`config.targets[1].targets[0]`). */
function nodesAlong(config: ConfigNode, path: string): { node: ConfigNode; path: string }[] {
  const out = [{ node: config, path: 'config' }];
  let node = config;
  let at = 'config';
  for (const m of path.matchAll(/\.targets\[(\d+)\]/g)) {
    const child = node.targets?.[Number(m[1])];
    if (!child) break;
    at += m[0];
    node = child;
    out.push({ node, path: at });
  }
  return out;
}

export function hookResultsOf(trace: GuardrailTrace | undefined) {
  return {
    before_request_hooks: trace ? [...trace.before, ...trace.attemptBefore] : [],
    after_request_hooks: trace ? trace.after : [],
  };
}

const failedIn = (results: readonly GuardrailResult[]) => results.some((r) => r.verdict === false);

export function hooksDenied(): AppError {
  return AppError.fromStatus(
    HOOKS_DENIED,
    'The guardrail checks defined in the config failed. You can find more information in the `hook_results` object.',
    { type: 'hooks_failed' },
  );
}

/** An error body (a 446) with the request's verdicts, in the client's format. */
export function withHookResults(body: object, ctx: GatewayContext): object {
  return { ...body, hook_results: hookResultsOf(ctx.guardrails) };
}

/** `text` (a JSON object's text) with `"hook_results": …` added before its closing brace. */
function spliceHookResults(text: string, hooks: unknown): string {
  const end = text.lastIndexOf('}');
  const head = text.slice(0, end).trimEnd();
  const empty = head.endsWith('{');
  return `${head}${empty ? '' : ','}"hook_results":${JSON.stringify(hooks)}}`;
}

/**
 * The guardrails of one request. Created when the request's config is known; every method is a
 * no-op that costs one lookup when nothing binds the request.
 */
export class GuardrailSession {
  private readonly trace: GuardrailTrace;
  /** Output guardrails of the defaults and the config root, and of the current target's levels. */
  private outputAtRoot = 0;
  private outputBelow = 0;
  /** The request after the input stage; each attempt starts from it. */
  private rootBody: Json | null = null;

  constructor(
    private readonly ctx: GatewayContext,
    private readonly config: ConfigNode | null,
    private readonly port: GatewayGuardrails,
  ) {
    this.trace = { before: [], attemptBefore: [], after: [], requestBody: null };
  }

  private entries(phase: 'input' | 'output', path: string, fromRoot: boolean): GuardrailEntry[] {
    const out: GuardrailEntry[] = [];
    if (!this.config) return out;
    for (const [i, n] of nodesAlong(this.config, path).entries()) {
      if (i === 0 && !fromRoot) continue;
      entriesOf(n.node, n.path, phase, out);
    }
    return out;
  }

  private record(): void {
    if (!this.ctx.guardrails) this.ctx.guardrails = this.trace;
  }

  /** The request's input stage; throws a 446 on deny. Returns the call as it goes on (redacted). */
  async input(call: GatewayCall): Promise<GatewayCall> {
    const entries = this.entries('input', 'config', true);
    // Output checks that cannot run are refused now, before any upstream call.
    this.outputAtRoot = this.port.prepare(this.ctx, 'output', this.entries('output', 'config', true), { defaults: true });
    const run = await this.port.run(this.ctx, call, 'input', entries, { defaults: true });
    if (!run) return call;
    this.record();
    this.trace.before = [...run.results];
    if (run.body) this.trace.requestBody = this.rootBody = run.body as Json;
    if (run.denied) throw hooksDenied();
    return run.body ? { ...call, body: run.body as Json } : call;
  }

  /** A target's own input checks (config levels below the root); a deny is that attempt's 446. */
  async attemptInput(path: string, call: GatewayCall): Promise<GatewayCall | AppError> {
    this.trace.attemptBefore = [];
    this.trace.after = [];
    this.trace.requestBody = this.rootBody;
    this.outputBelow = 0;
    if (!this.config || path === 'config') return call;
    this.outputBelow = this.port.prepare(this.ctx, 'output', this.entries('output', path, false), { defaults: false });
    const run = await this.port.run(this.ctx, call, 'input', this.entries('input', path, false), { defaults: false });
    if (!run) return call;
    this.record();
    this.trace.attemptBefore = [...run.results];
    if (run.body) this.trace.requestBody = run.body as Json;
    if (run.denied) return hooksDenied();
    return run.body ? { ...call, body: run.body as Json } : call;
  }

  /** Output checks on an attempt's answer, and `hook_results` on it; the answer as the client gets it. */
  async output(path: string, call: GatewayCall, outcome: Outcome): Promise<Outcome> {
    const ok = outcome.status >= 200 && outcome.status < 300;
    // Nothing ran on the request and nothing will run on the answer: it goes out untouched.
    if (!this.ctx.guardrails && this.outputAtRoot + this.outputBelow === 0) return outcome;
    const entries = this.entries('output', path, true);
    if (outcome.kind === 'stream') return ok && outcome.transform ? this.stream(call, outcome, entries) : outcome;
    const answer = outcome.kind === 'json' || (outcome.kind === 'cached' && outcome.sse === null) ? outcome : null;
    if (!answer || !ok) return outcome;
    const run = await this.port.run(this.ctx, call, 'output', entries, {
      defaults: true,
      answer: { json: answer.body, status: answer.status },
    });
    if (run) {
      this.record();
      this.trace.after = [...run.results];
    }
    if (!this.ctx.guardrails) return outcome;
    const hooks = hookResultsOf(this.trace);
    if (run?.denied) {
      const error = hooksDenied();
      const envelope = { error: { message: error.message, type: error.type, param: null, code: null } };
      const body = { ...(call.clientFormat === 'anthropic' ? anthropicErrorOf(envelope, HOOKS_DENIED) : envelope), hook_results: hooks };
      return { ...answer, kind: 'json', status: HOOKS_DENIED, body, text: null, usage: answer.usage, originalResponse: answer.body };
    }
    const status = failedIn(hooks.before_request_hooks) || failedIn(hooks.after_request_hooks) ? HOOKS_FAILED : answer.status;
    const changed = run?.body;
    const base = (changed ?? answer.body) as Json;
    // The upstream's text, with the verdicts spliced in, when the body is still what it says.
    const text =
      !changed && answer.text && typeof base === 'object' && base !== null
        ? spliceHookResults(answer.text, hooks)
        : JSON.stringify({ ...base, hook_results: hooks });
    if (outcome.kind === 'cached') return { ...outcome, status, body: { ...base, hook_results: hooks }, text };
    return {
      ...answer,
      kind: 'json',
      status,
      body: { ...base, hook_results: hooks },
      text,
      originalResponse: changed ? answer.body : answer.kind === 'json' ? answer.originalResponse : null,
    };
  }

  private stream(call: GatewayCall, outcome: Extract<Outcome, { kind: 'stream' }>, entries: GuardrailEntry[]): Outcome {
    const inputFailed = failedIn(this.trace.before) || failedIn(this.trace.attemptBefore);
    const transform = guardedStream(outcome.transform!, {
      anthropic: call.clientFormat === 'anthropic',
      check: async (answer) => {
        const run = await this.port.run(this.ctx, call, 'output', entries, {
          defaults: true,
          answer: { json: answer, status: outcome.status },
        });
        if (run) {
          this.record();
          this.trace.after = [...run.results];
        }
        return this.ctx.guardrails ? { hooks: hookResultsOf(this.trace), denied: run?.denied ?? false, body: run?.body ?? null } : null;
      },
    });
    return { ...outcome, status: inputFailed ? HOOKS_FAILED : outcome.status, transform };
  }
}

const DONE = 'data: [DONE]\n\n';

interface StreamCheck {
  anthropic: boolean;
  /** Runs the output checks on the whole answer; null when no guardrail ran at all. */
  check(answer: unknown): Promise<{ hooks: ReturnType<typeof hookResultsOf>; denied: boolean; body: unknown } | null>;
}

/**
 * A stream transform that passes every event on as it comes, holds back only the final `[DONE]`,
 * and once the upstream has finished runs the output checks and sends one more event with the
 * verdicts (`data:` for chat and completions, `event: hook_results` for /v1/messages). A deny
 * cannot take back what was sent: it adds an error event, so SDKs raise instead of returning the
 * answer, and the log records 446 (docs/adr/0019).
 */
export function guardedStream(inner: StreamTransform, options: StreamCheck): StreamTransform {
  let held = false;
  let denied: AppError | null = null;
  let changed: unknown = null;
  const holdDone = (out: string) => {
    if (options.anthropic || !out.endsWith(DONE)) return out;
    held = true;
    return out.slice(0, -DONE.length);
  };
  return {
    push: (event) => holdDone(inner.push(event)),
    end: () => holdDone(inner.end()),
    error: (message, type) => inner.error(message, type),
    usage: () => inner.usage(),
    text: () => inner.text(),
    reassembled: () => changed ?? inner.reassembled(),
    failure: () => inner.failure() ?? denied,
    async finish() {
      if (inner.failure()) return held ? DONE : '';
      let verdicts: Awaited<ReturnType<StreamCheck['check']>>;
      try {
        verdicts = await options.check(inner.reassembled());
      } catch (err) {
        // A guardrail that cannot run (one that was deleted mid-stream) must not pass quietly.
        denied = hooksDenied();
        const message = err instanceof AppError ? err.message : 'The output guardrails could not run';
        return options.anthropic
          ? sseEvent('error', JSON.stringify({ type: 'error', error: { type: 'hooks_failed', message } }))
          : sseData(JSON.stringify({ error: { message, type: 'hooks_failed', param: null, code: null } }));
      }
      if (!verdicts) return held ? DONE : '';
      changed = verdicts.body;
      let out = options.anthropic
        ? sseEvent('hook_results', JSON.stringify({ type: 'hook_results', hook_results: verdicts.hooks }))
        : // choices: [] keeps strict OpenAI clients (which read choices[0]?.delta) working.
          sseData(JSON.stringify({ object: 'chat.completion.chunk', choices: [], hook_results: verdicts.hooks }));
      if (verdicts.denied) {
        denied = hooksDenied();
        out += options.anthropic
          ? sseEvent('error', JSON.stringify({ type: 'error', error: { type: 'hooks_failed', message: denied.message } }))
          : sseData(JSON.stringify({ error: { message: denied.message, type: 'hooks_failed', param: null, code: null } }));
        return out;
      }
      return held ? out + DONE : out;
    },
  };
}
