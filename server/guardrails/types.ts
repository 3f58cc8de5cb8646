// The guardrail engine's vocabulary: a check definition (id, JSON-Schema parameters, a compiler
// that turns parameters into a handler once), the one handler signature every check has, and the
// verdict it returns. Hook and result shapes follow Portkey's `hook_results` so SDKs read them.

export type Json = Record<string, unknown>;

/** Portkey's names for the two places a guardrail runs. */
export type HookPhase = 'beforeRequestHook' | 'afterRequestHook';

/** A piece of text a check reads, and how to put a changed version back. */
export interface TextView {
  /** The text most checks read: the latest message of a request, the answer's first choice. */
  latest: string;
  /** Every text the body holds (all messages, system prompts, every choice): what data protection reads. */
  all: readonly string[];
}

/** What one check sees: the request (and, after the upstream answered, the answer). */
export interface CheckInput {
  phase: HookPhase;
  /** Text of the request (before) or of the answer (after). */
  text: TextView;
  request: {
    /** The JSON body as it would be sent (client format), or null (binary upload, GET). */
    json: Json | null;
    /** Portkey's request type: chatComplete, complete, embed, messages, createModelResponse, proxy, … */
    requestType: string;
    /** The model the request names, as written (`@slug/gpt-4o`, `gpt-4o`). */
    model: string | null;
    headers: Readonly<Record<string, string | string[] | undefined>>;
    metadata: Readonly<Record<string, string>>;
    stream: boolean;
    /** The request's latest message, also after the request (where `text` is the answer's). */
    latestText: string;
  };
  /** The answer in the client's format; null before the request. */
  response: { json: unknown; status: number } | null;
  /** Aborted when the check's own deadline (or the request) ends. */
  signal: AbortSignal;
  /** Ports to the outside that some checks need (the LLM judge, the webhook). */
  services: CheckServices;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** One chat completion through a model of the requesting workspace's catalog (`@slug/model`). */
export type CompleteChat = (model: string, messages: ChatMessage[], options: { timeoutMs: number; signal: AbortSignal }) => Promise<string>;

export interface CheckServices {
  completeChat: CompleteChat | null;
}

/** A change a check made to the text: `replace` maps each text to its new version. */
export interface TextChange {
  replace(text: string): string;
  /**
   * The check found nothing to change in the text it saw, but its rule still holds for text other
   * guardrails add (a redaction after a prefix): applied only when some other change is.
   */
  standing?: boolean;
}

export interface CheckVerdict {
  verdict: boolean;
  /** One sentence a person can act on. Never quotes the text it judged (logs must not keep what was redacted). */
  explanation: string;
  /** Counts and positions that back the explanation. */
  data?: Json;
  /** For transformers: how the text changes (redaction, a prefix). */
  change?: TextChange;
  /** For checks that rewrite the body itself (addPrefix, a webhook's transformedData): the new request body before the request, the new answer after. */
  body?: unknown;
  /** The check could not run on this request (no text to read, wrong phase): it passes. */
  skipped?: boolean;
  /** Why the check could not decide (a timeout, an unreachable webhook): it fails. */
  error?: string;
}

/** A compiled check: called once per request, with nothing left to parse. */
export type CheckHandler = (input: CheckInput) => CheckVerdict | Promise<CheckVerdict>;

export interface CheckDefinition {
  /** `default.regexMatch` */
  id: string;
  name: string;
  description: string;
  phases: readonly HookPhase[];
  /** Judges text: on a request or answer that holds none (a file upload, a GET), it is skipped. */
  readsText?: boolean;
  /** JSON Schema of the parameters (draft-07, with defaults). */
  parameters: Json;
  /** Whether these parameters reach the network (webhook, JWKS URL, an LLM): allowed only in guardrails an admin saved. */
  egress?: (parameters: Json) => boolean;
  /** Turns validated parameters (defaults filled in) into a handler. Throws ParameterError on a bad value. */
  compile(parameters: Json): CheckHandler;
}

/** A parameter the schema cannot judge (a regex that does not compile, an unsafe pattern). */
export class ParameterError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'ParameterError';
  }
}

export interface Feedback {
  value: number;
  weight: number;
  metadata: string;
}

export interface GuardrailActions {
  deny: boolean;
  async: boolean;
  on_success: { feedback: Feedback | null };
  on_fail: { feedback: Feedback | null };
}

/** One check's result, in Portkey's shape plus `explanation`. */
export interface CheckResult {
  id: string;
  verdict: boolean;
  explanation: string;
  data: Json | null;
  error: string | null;
  /** Milliseconds, to the microsecond. */
  execution_time: number;
  transformed: boolean;
  skipped: boolean;
  created_at: string;
}

/** One guardrail's (hook's) result, in Portkey's `hook_results` shape. */
export interface HookResult {
  /** The guardrail's slug, or `input_guardrail_<hash>` for one written inline. */
  id: string;
  name: string | null;
  type: 'guardrail' | 'mutator';
  /** null: an async guardrail still running when the answer went out. */
  verdict: boolean | null;
  deny: boolean;
  async: boolean;
  transformed: boolean;
  checks: CheckResult[];
  feedback: Feedback | null;
  execution_time: number;
  created_at: string;
  /** Where the guardrail was attached: organisation / workspace defaults, or a config's JSON path. */
  source: string;
}
