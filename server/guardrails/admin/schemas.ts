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
