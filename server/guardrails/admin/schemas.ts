// Request and response schemas of /v1/guardrails and /v1/admin/organisation/defaults (OAS tag
// Guardrails). Checks and actions are left to the guardrail compiler, which names the JSON path of
// what is wrong; responses are flat, as the OAS and the portkey-ai SDK read them.
import { Type } from 'typebox';
import { AnyObject, Nullable, PageQuery } from '../../http/schemas.ts';

const Opt = Type.Optional;

export const CreateGuardrailBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 255 }),
  workspace_id: Opt(Nullable(Type.String())),
  organisation_id: Opt(Nullable(Type.String())),
  checks: Type.Unknown(),
  actions: Opt(Type.Unknown()),
});

export const UpdateGuardrailBody = Type.Object({
  name: Opt(Type.String({ minLength: 1, maxLength: 255 })),
  checks: Opt(Type.Unknown()),
  actions: Opt(Type.Unknown()),
  status: Opt(Type.Enum(['active', 'archived'])),
  // The SDK repeats these in the body.
  workspace_id: Opt(Nullable(Type.String())),
  guardrail_id: Opt(Type.String()),
});

export const GuardrailParams = Type.Object({ guardrailId: Type.String({ minLength: 1, maxLength: 200 }) });

export const ListGuardrailsQuery = Type.Object({
  ...PageQuery,
  workspace_id: Opt(Type.String()),
  organisation_id: Opt(Type.String()),
  /** Comma-separated ids or slugs. */
  ids: Opt(Type.String({ maxLength: 10_000 })),
});

const Summary = {
  id: Type.String(),
  name: Type.String(),
  slug: Type.String(),
  organisation_id: Type.String(),
  workspace_id: Nullable(Type.String()),
  status: Type.String(),
  created_at: Type.String(),
  last_updated_at: Type.String(),
  owner_id: Nullable(Type.String()),
  updated_by: Nullable(Type.String()),
  object: Type.Literal('guardrail'),
};

export const GuardrailList = Type.Object({ object: Type.Literal('list'), total: Type.Integer(), data: Type.Array(Type.Object(Summary)) });

const Check = Type.Object({
  id: Type.String(),
  parameters: Opt(AnyObject),
  name: Opt(Type.String()),
  is_enabled: Opt(Type.Boolean()),
});

export const GuardrailDetail = Type.Object({
  ...Summary,
  checks: Type.Array(Check),
  actions: AnyObject,
  version_id: Type.String(),
  /** 1 for the first version, counting up with every update. */
  version: Type.Integer(),
});

export const GuardrailWritten = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  version_id: Type.String(),
  object: Type.Literal('guardrail'),
});

const GuardrailRefs = Opt(Nullable(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 100 })));

export const DefaultsBody = Type.Object({ input_guardrails: GuardrailRefs, output_guardrails: GuardrailRefs });

export const DefaultsView = Type.Object({
  object: Type.Literal('organisation_defaults'),
  organisation_id: Type.String(),
  input_guardrails: Type.Array(Type.String()),
  output_guardrails: Type.Array(Type.String()),
  updated_by: Nullable(Type.String()),
  last_updated_at: Nullable(Type.String()),
});

export const CheckCatalogue = Type.Object({
  object: Type.Literal('list'),
  data: Type.Array(
    Type.Object({
      /** `default.regexMatch` */
      id: Type.String(),
      name: Type.String(),
      description: Type.String(),
      /** Where it can run: on requests (input), on answers (output). */
      phases: Type.Array(Type.Enum(['input', 'output'])),
      /** It may reach the network (a webhook, a JWKS URL, a judge model): only in saved guardrails, never inline in a config. */
      network: Type.Boolean(),
      /** JSON Schema (draft-07) of its parameters, with types, defaults, descriptions and what is required. */
      parameters: AnyObject,
    }),
  ),
});

export const TestGuardrailBody = Type.Object({
  /** The sample text: a request's latest message (input) or an answer (output). */
  text: Type.String({ maxLength: 100_000 }),
  phase: Opt(Type.Enum(['input', 'output'])),
  /** A saved guardrail: tested as saved, or, with checks, the draft of an edit of it (masked webhook headers keep their values). */
  guardrail_id: Opt(Type.String({ minLength: 1, maxLength: 200 })),
  checks: Opt(Type.Unknown()),
  actions: Opt(Type.Unknown()),
  /** The workspace whose catalog an LLM judge asks; the caller's own when bound to one. */
  workspace_id: Opt(Nullable(Type.String())),
  /** The model a request would name (model whitelist and rules). */
  model: Opt(Type.String({ maxLength: 255 })),
  /** The request's metadata (metadata checks and rules). */
  metadata: Opt(Type.Record(Type.String(), Type.String({ maxLength: 1024 }))),
});

export const GuardrailTestResult = Type.Object({
  object: Type.Literal('guardrail_test'),
  phase: Type.Enum(['input', 'output']),
  /** Every enabled check passed. */
  verdict: Type.Boolean(),
  /** What a request this guardrail checked would get: 200, 246 (failed, no deny), 446 (denied). */
  status: Type.Integer(),
  deny: Type.Boolean(),
  async: Type.Boolean(),
  /** Milliseconds, to the microsecond. */
  execution_time: Type.Number(),
  checks: Type.Array(
    Type.Object({
      id: Type.String(),
      verdict: Type.Boolean(),
      explanation: Type.String(),
      data: Nullable(AnyObject),
      error: Nullable(Type.String()),
      execution_time: Type.Number(),
      transformed: Type.Boolean(),
      skipped: Type.Boolean(),
    }),
  ),
  /** The text as the checks changed it (redaction, a prefix), every message; null when unchanged. */
  changed_text: Nullable(Type.String()),
});
