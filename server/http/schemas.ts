// Schemas shared by several routes: envelopes, paging, limits.
import { Type, type TSchema } from 'typebox';

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** Any JSON object; its keys are kept when a response is serialised. */
export const AnyObject = Type.Record(Type.String(), Type.Unknown());

export const AdminError = Type.Object({
  success: Type.Literal(false),
  data: Type.Object({ message: Type.String(), errorCode: Type.String() }),
});

export const PageQuery = {
  current_page: Type.Optional(Type.Integer({ minimum: 0 })),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
};

export const RateLimit = Type.Object({
  type: Type.Enum(['requests', 'tokens']),
  unit: Type.Enum(['rps', 'rpm', 'rph', 'rpd', 'rpw']),
  value: Type.Integer({ minimum: 0 }),
});

export const UsageLimits = Type.Object({
  credit_limit: Type.Optional(Nullable(Type.Number({ minimum: 1 }))),
  type: Type.Optional(Type.Enum(['cost', 'tokens'])),
  alert_threshold: Type.Optional(Nullable(Type.Number({ minimum: 1 }))),
  periodic_reset: Type.Optional(Nullable(Type.Enum(['monthly', 'weekly']))),
  periodic_reset_days: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 365 }))),
  next_usage_reset_at: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
});

/** Usage limits as returned: what was set plus live counters. */
export const UsageLimitsView = Type.Object(
  { ...UsageLimits.properties, current_usage: Type.Optional(Type.Number()) },
  { additionalProperties: true },
);

export const Empty = Type.Object({});

export const ListOf = <T extends TSchema>(item: T) =>
  Type.Object({ total: Type.Integer(), object: Type.Literal('list'), data: Type.Array(item) });
