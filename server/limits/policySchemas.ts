// Request and response schemas of /v1/policies/usage-limits and /v1/policies/rate-limits (spec
// §2.8, the docs' superset of the OAS: conditions with arrays and excludes, requests budgets,
// periodic_reset_days, rpw, target). Unknown body keys are tolerated, as the SDK sends extras.
import { Type } from 'typebox';
import { AnyObject, Nullable, PageQuery } from '../http/schemas.ts';

const Opt = Type.Optional;
const Values = Type.Union([
  Type.String({ minLength: 1, maxLength: 512 }),
  Type.Array(Type.String({ minLength: 1, maxLength: 512 }), { minItems: 1, maxItems: 200 }),
]);

const Condition = Type.Object({
  key: Type.String({ minLength: 1, maxLength: 140 }),
  value: Values,
  excludes: Opt(Nullable(Values)),
});
const Group = Type.Object({ key: Type.String({ minLength: 1, maxLength: 140 }) });
const Conditions = Type.Array(Condition, { minItems: 1, maxItems: 50 });
const Groups = Type.Array(Group, { minItems: 1, maxItems: 10 });
const Name = Type.String({ minLength: 1, maxLength: 255 });
const Description = Nullable(Type.String({ maxLength: 1024 }));
const DateTime = Nullable(Type.String({ format: 'date-time' }));

const Schedule = {
  periodic_reset: Opt(Nullable(Type.Enum(['weekly', 'monthly']))),
  periodic_reset_days: Opt(Nullable(Type.Integer({ minimum: 1, maximum: 365 }))),
  next_usage_reset_at: Opt(DateTime),
};

export const CreateUsagePolicyBody = Type.Object({
  name: Name,
  description: Opt(Description),
  conditions: Conditions,
  group_by: Groups,
  type: Type.Enum(['cost', 'tokens', 'requests']),
  credit_limit: Type.Number({ exclusiveMinimum: 0 }),
  alert_threshold: Opt(Nullable(Type.Number({ exclusiveMinimum: 0 }))),
  ...Schedule,
  workspace_id: Opt(Nullable(Type.String())),
  organisation_id: Opt(Nullable(Type.String())),
});

export const UpdateUsagePolicyBody = Type.Object({
  name: Opt(Name),
  description: Opt(Description),
  conditions: Opt(Conditions),
  group_by: Opt(Groups),
  type: Opt(Type.Enum(['cost', 'tokens', 'requests'])),
  credit_limit: Opt(Type.Number({ exclusiveMinimum: 0 })),
  alert_threshold: Opt(Nullable(Type.Number({ exclusiveMinimum: 0 }))),
  ...Schedule,
  /** A value key (`metadata._user:alice`) or entity id whose counter is zeroed. */
  reset_usage_for_value: Opt(Nullable(Type.String({ minLength: 1 }))),
});

export const CreateRatePolicyBody = Type.Object({
  name: Name,
  description: Opt(Description),
  target: Opt(Type.Enum(['llm', 'mcp_tools'])),
  conditions: Conditions,
  group_by: Groups,
  type: Type.Enum(['requests', 'tokens']),
  unit: Type.Enum(['rps', 'rpm', 'rph', 'rpd', 'rpw']),
  value: Type.Integer({ minimum: 1 }),
  workspace_id: Opt(Nullable(Type.String())),
  organisation_id: Opt(Nullable(Type.String())),
});

export const UpdateRatePolicyBody = Type.Object({
  name: Opt(Name),
  description: Opt(Description),
  target: Opt(Type.Enum(['llm', 'mcp_tools'])),
  conditions: Opt(Conditions),
  group_by: Opt(Groups),
  type: Opt(Type.Enum(['requests', 'tokens'])),
  unit: Opt(Type.Enum(['rps', 'rpm', 'rph', 'rpd', 'rpw'])),
  value: Opt(Type.Integer({ minimum: 1 })),
});

export const ListUsagePoliciesQuery = Type.Object({
  ...PageQuery,
  workspace_id: Opt(Type.String()),
  status: Opt(Type.String()),
  type: Opt(Type.String()),
});

export const ListRatePoliciesQuery = Type.Object({ ...ListUsagePoliciesQuery.properties, unit: Opt(Type.String()) });

export const GetPolicyQuery = Type.Object({
  workspace_id: Opt(Type.String()),
  status: Opt(Type.String()),
  include_usage: Opt(Type.Boolean()),
});

export const EntitiesQuery = Type.Object({
  ...PageQuery,
  status: Opt(Type.Enum(['active', 'exhausted'])),
  search: Opt(Type.String({ maxLength: 512 })),
});

export const PolicyParams = Type.Object({ id: Type.String() });
export const EntityParams = Type.Object({ id: Type.String(), entityId: Type.String() });

// Responses: policies carry their own keys through (AnyObject), as conditions are free-form.

export const PolicyCreated = Type.Object({ id: Type.String(), object: Type.String() });
export const PolicyView = Type.Object({ id: Type.String(), object: Type.String() }, { additionalProperties: true });
export const PolicyList = Type.Object({ object: Type.Literal('list'), total: Type.Integer(), data: Type.Array(PolicyView) });
export const EntityList = Type.Object({ object: Type.Literal('list'), total: Type.Integer(), data: Type.Array(AnyObject) });
