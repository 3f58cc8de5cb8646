// Schemas of the air-gap report and the egress allow-list routes (network/egressRoutes.ts).
import { Type, type Static } from 'typebox';
import { Nullable } from '../http/schemas.ts';

export const AllowedDestinationView = Type.Object({
  destination: Type.String({ description: 'host, host:port, *.domain or CIDR range' }),
  source: Type.Enum(['allow_list', 'environment', 'integration']),
  detail: Type.String(),
  configured_by: Nullable(Type.String()),
  configured_at: Nullable(Type.String()),
  /** Allow-list entries only: what DELETE /v1/admin/egress/allow-list/{id} takes. */
  id: Nullable(Type.String()),
});

export const SelfCheckView = Type.Object({
  ran_at: Type.String(),
  mode: Type.Enum(['allow-list', 'open']),
  ok: Type.Boolean(),
  statement: Type.String(),
  clients: Type.Array(
    Type.Object({ name: Type.String(), purpose: Type.String(), refuses_unlisted: Nullable(Type.Boolean()), detail: Type.String() }),
  ),
  sockets: Type.Object({
    available: Type.Boolean(),
    listening: Type.Array(Type.String()),
    outbound: Type.Array(Type.Object({ protocol: Type.String(), remote: Type.String(), state: Type.String(), allowed: Type.Boolean() })),
  }),
  dns: Type.Object({ resolvers: Type.Array(Type.String()), note: Type.String() }),
  never: Type.Array(Type.String()),
});

export const ListenerView = Type.Object({
  name: Type.Enum(['main', 'lan']),
  address: Type.String(),
  port: Type.Integer(),
  tls: Type.Boolean(),
  listening: Type.Boolean(),
  error: Nullable(Type.String()),
});

export const EgressReportView = Type.Object({
  object: Type.Literal('egress_report'),
  generated_at: Type.String(),
  appliance: Type.Object({ service: Type.String(), version: Type.String(), host_name: Type.String() }),
  mode: Type.Enum(['allow-list', 'open']),
  self_check: SelfCheckView,
  listeners: Type.Array(ListenerView),
  allowed: Type.Array(AllowedDestinationView),
  contacted: Type.Array(
    Type.Object({
      destination: Type.String(),
      feature: Type.String(),
      requests: Type.Integer(),
      connections: Type.Integer(),
      first_at: Type.String(),
      last_at: Type.String(),
      allowed_now: Type.Boolean(),
    }),
  ),
  refused: Type.Object({
    total: Type.Integer(),
    rows: Type.Array(
      Type.Object({
        at: Type.String(),
        destination: Type.String(),
        feature: Type.String(),
        caller_type: Nullable(Type.String()),
        caller_id: Nullable(Type.String()),
        caller_name: Nullable(Type.String()),
        workspace_id: Nullable(Type.String()),
        trace_id: Nullable(Type.String()),
      }),
    ),
  }),
});
export type EgressReport = Static<typeof EgressReportView>;

export const ReportQuery = Type.Object({
  /** Run the self-check again instead of showing the one from start-up. */
  recheck: Type.Optional(Type.Boolean()),
  /** Answer as a file to keep (Content-Disposition: attachment). */
  download: Type.Optional(Type.Boolean()),
  /** How many of the newest refusals to list (the total is always given). */
  refusals: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
});

export const AllowEntryBody = Type.Object(
  {
    destination: Type.String({ minLength: 1, maxLength: 300, description: 'host, host:port, *.domain, CIDR range, or an http(s) URL' }),
    description: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);

export const AllowEntryView = Type.Object({
  object: Type.Literal('egress_allow_entry'),
  id: Type.String(),
  destination: Type.String(),
  description: Nullable(Type.String()),
  created_at: Type.String(),
  created_by: Nullable(Type.String()),
});

export const AllowListView = Type.Object({ object: Type.Literal('list'), total: Type.Integer(), data: Type.Array(AllowEntryView) });
