// The console's guardrail workbench: the catalogue of checks with their parameter schemas (the
// console builds a form per check from them), and a test that runs a guardrail, saved or not yet
// saved, on a sample text as a request (input) or an answer (output), with each check's verdict,
// explanation and time. A test sends nothing to a model server except an LLM judge's own question,
// through the workspace's catalog; a webhook check calls its webhook, as it would on a request.
import { badRequest } from '../../errors.ts';
import { type AuthContext, hasScope, requireScope } from '../../identity/auth.ts';
import { CHECKS } from '../checks/registry.ts';
import { compileGuardrail, readActions, readChecks, type CompiledGuardrail } from '../compile.ts';
import { runGuardrails } from '../run.ts';
import { answerText, requestText } from '../text.ts';
import type { ChatMessage, CheckServices, HookPhase, Json } from '../types.ts';
import { definitionError } from './references.ts';
import { unmaskChecks, type GuardrailsAdmin } from './service.ts';

/** One chat completion through a model of a workspace's catalog (`@provider/model`), for the LLM judge. */
export type WorkspaceChat = (
  organisationId: string,
  workspaceId: string,
  model: string,
  messages: ChatMessage[],
  options: { timeoutMs: number; signal: AbortSignal },
) => Promise<string>;

export interface GuardrailTesterDeps {
  admin: Pick<GuardrailsAdmin, 'stored' | 'workspaceOf'>;
  /** Absent where no catalog is reachable: an LLM judge then cannot decide, and says so. */
  chat: WorkspaceChat | null;
}

export interface GuardrailTestInput {
  text: string;
  phase?: 'input' | 'output';
  guardrail_id?: string;
  checks?: unknown;
  actions?: unknown;
  workspace_id?: string | null;
  model?: string;
  metadata?: Record<string, string>;
}

const PHASES: Record<'input' | 'output', HookPhase> = { input: 'beforeRequestHook', output: 'afterRequestHook' };
const PHASE_NAMES: Record<HookPhase, 'input' | 'output'> = { beforeRequestHook: 'input', afterRequestHook: 'output' };
/** Checks bound their own waits (the judge at most 120 s); this only ends a test nobody bounded. */
const TEST_DEADLINE_MS = 130_000;

const CATALOGUE = {
  object: 'list' as const,
  data: [...CHECKS.values()].map((c) => ({
    id: c.id,
    name: c.name,
    description: c.description,
    phases: c.phases.map((p) => PHASE_NAMES[p]),
    network: c.egress !== undefined,
    parameters: c.parameters,
  })),
};

/** What a client would get from a request this guardrail checked alone. */
function statusOf(verdict: boolean, actions: { deny: boolean; async: boolean }): number {
  if (verdict || actions.async) return 200;
  return actions.deny ? 446 : 246;
}

export function guardrailTester(deps: GuardrailTesterDeps) {
  /** The guardrail to run, from the body's checks (a draft) or the saved guardrail it names. */
  function definition(auth: AuthContext, input: GuardrailTestInput): { guardrail: CompiledGuardrail; deny: boolean; async: boolean } {
    // A draft of a saved guardrail may carry its masked webhook headers, which take the stored values:
    // only someone who may change that guardrail may send them somewhere else.
    const saved = input.guardrail_id ? deps.admin.stored(auth, input.guardrail_id, input.checks === undefined ? 'read' : 'update') : null;
    if (!saved && input.checks === undefined) {
      throw badRequest('checks must be a list of at least one check {id, parameters}, or guardrail_id must name a saved guardrail');
    }
    try {
      const checks = input.checks === undefined ? saved!.checks : unmaskChecks(readChecks(input.checks, 'checks'), saved?.checks ?? []);
      const actions = readActions(input.actions === undefined ? saved?.actions : input.actions, 'actions');
      // Async guardrails do not hold up a request; a test waits for the verdict.
      const guardrail = compileGuardrail(
        {
          id: saved?.slug ?? 'test',
          name: saved?.name ?? null,
          type: 'guardrail',
          checks,
          actions: { ...actions, async: false },
          sequential: false,
        },
        { saved: true, path: 'checks' },
      );
      return { guardrail, deny: actions.deny, async: actions.async };
    } catch (err) {
      return definitionError(err);
    }
  }

  async function test(auth: AuthContext, input: GuardrailTestInput) {
    const ws = deps.admin.workspaceOf(auth, input.workspace_id);
    // Trying a definition is writing one without keeping it: the scope to write one at this level.
    const family = ws ? 'guardrails' : 'organisation_guardrails';
    if (!hasScope(auth, `${family}.update`)) requireScope(auth, `${family}.create`);
    const { guardrail, deny, async } = definition(auth, input);
    const phase = input.phase ?? 'input';
    const model = input.model?.trim() || null;
    const request: Json = { ...(model ? { model } : {}), messages: [{ role: 'user', content: phase === 'input' ? input.text : '' }] };
    const answer = {
      object: 'chat.completion',
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: input.text }, finish_reason: 'stop' }],
    };
    const chat = deps.chat;
    const services: CheckServices = {
      completeChat: chat && ws ? (m, messages, options) => chat(auth.organisationId, ws.id, m, messages, options) : null,
    };
    const run = await runGuardrails(
      [guardrail],
      {
        phase: PHASES[phase],
        requestType: 'chatComplete',
        request,
        model,
        headers: {},
        metadata: input.metadata ?? {},
        stream: false,
        response: phase === 'output' ? { json: answer, status: 200 } : null,
      },
      { services, signal: AbortSignal.timeout(TEST_DEADLINE_MS), sources: ['test'] },
    );
    const result = run.results[0]!;
    const verdict = result.verdict === true;
    const changed =
      run.body === null
        ? null
        : (phase === 'input' ? requestText(run.body as Json, 'chatComplete') : answerText(run.body, 'chatComplete')).all;
    return {
      object: 'guardrail_test' as const,
      phase,
      verdict,
      status: statusOf(verdict, { deny, async }),
      deny,
      async,
      execution_time: result.execution_time,
      checks: result.checks.map((c) => ({
        id: c.id,
        verdict: c.verdict,
        explanation: c.explanation,
        data: c.data,
        error: c.error,
        execution_time: c.execution_time,
        transformed: c.transformed,
        skipped: c.skipped,
      })),
      changed_text: changed ? changed.join('\n\n') : null,
    };
  }

  return { checks: () => CATALOGUE, test };
}

export type GuardrailTester = ReturnType<typeof guardrailTester>;
