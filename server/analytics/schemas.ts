// Request and response schemas of the analytics routes, field for field as OAS documents them
// (spec/portkey-openapi.yaml, paths /analytics/*). Costs are cents with decimals (a request often
// costs a fraction of a cent); counts, tokens and milliseconds are whole numbers.
import { Type, type TSchema } from 'typebox';
import { FILTER_NAMES } from '../logs/filters.ts';
import { Nullable } from '../http/schemas.ts';
import { SHAPE_PARAMS } from './query.ts';

/** Every filter and shaping parameter, as the strings a URL carries; filters.ts reads them. */
export const AnalyticsQuerystring = Type.Object(
  {
    ...Object.fromEntries([...FILTER_NAMES, ...SHAPE_PARAMS].map((name) => [name, Type.Optional(Type.String())])),
    time_of_generation_min: Type.String({ description: 'ISO 8601 date-time, inclusive' }),
    time_of_generation_max: Type.String({ description: 'ISO 8601 date-time, inclusive' }),
  },
  { additionalProperties: true },
);

const Int = Type.Integer();
const Num = Type.Number();
const Timestamp = Type.String({ format: 'date-time' });

const graph = (summary: Record<string, TSchema>, point: Record<string, TSchema>) =>
  Type.Object({
    summary: Type.Object(summary),
    data_points: Type.Array(Type.Object(point)),
    object: Type.Literal('analytics-graph'),
  });

const timed = (fields: Record<string, TSchema>) => ({ timestamp: Timestamp, ...fields });

/** Response of each graph, by its name in graphs.ts. */
export const GRAPH_SCHEMAS: Record<string, TSchema> = {
  requests: graph({ total: Int }, timed({ total: Int })),
  cost: graph({ total: Num, avg: Num }, timed({ total: Num, avg: Num })),
  latency: graph({ avg: Int, p50: Int, p90: Int, p99: Int }, timed({ avg: Int, p50: Int, p90: Int, p99: Int })),
  tokens: graph({ total: Int, avg: Num }, timed({ total: Int, avg: Num })),
  users: graph({ total: Int }, timed({ total: Int })),
  usersRequests: graph({ total: Int, unique: Int, avg: Num }, timed({ avg: Num })),
  errors: graph({ total: Int }, timed({ total: Int })),
  errorsRate: graph({ rate: Num }, timed({ rate: Num })),
  errorsStacks: graph({ total: Int }, timed({ stats: Type.Array(Type.Object({ response_status_code: Int, count: Int })) })),
  errorsStatusCodes: graph({ total_errors: Int, unique_error_codes: Int }, { status_code: Int, count: Int }),
  requestsRescued: graph(
    { retry: Int, fallback: Int },
    timed({ retry: Type.Array(Type.Object({ retry_success_count: Int, count: Int })), fallback: Int }),
  ),
  cacheHitRate: graph(
    { total: Int, rate: Num },
    timed({
      simple_hits: Int,
      semantic_hits: Int,
      rate: Num,
      cumulative_simple_cache_savings: Num,
      cumulative_semantic_cache_savings: Num,
    }),
  ),
  cacheLatency: graph({ avg: Int }, timed({ avg: Int })),
  feedbacks: graph({ total: Int }, timed({ total: Int })),
  feedbacksScores: graph({ total: Int }, { score: Int, total: Int }),
  feedbacksWeighted: graph({ avg: Num }, timed({ avg: Num })),
  feedbacksAiModels: graph({ total: Int }, { ai_model: Nullable(Type.String()), total: Int, avg_weighted_feedback: Num }),
  guardrails: graph(
    { total: Int, passed: Int, failed: Int },
    timed({
      total: Int,
      passed: Int,
      failed: Int,
      guardrails: Type.Array(Type.Object({ guardrail_id: Type.String(), passed: Int, failed: Int })),
    }),
  ),
};

export const CacheSummary = Type.Object({
  summary: Type.Object({ hits: Int, avg_latency: Int, total_requests: Int, cache_speedup: Num }),
  object: Type.Literal('analytics-summary'),
});

const groupList = (item: TSchema) =>
  Type.Object({
    object: Type.Literal('list'),
    total: Int,
    data: Type.Array(item),
    summary: Type.Optional(Type.Object({}, { additionalProperties: true })),
  });

const Group = Type.Literal('analytics-group');

export const UsersGroup = groupList(Type.Object({ user: Type.String(), requests: Type.String(), cost: Type.String(), object: Group }));

export const AiModelsGroup = groupList(Type.Object({ ai_model: Type.String(), requests: Type.String(), object: Group }));

export const MetadataGroup = groupList(
  Type.Object({
    metadata_value: Type.String(),
    requests: Int,
    cost: Num,
    avg_tokens: Num,
    avg_weighted_feedback: Nullable(Num),
    requests_with_feedback: Int,
    last_seen: Nullable(Timestamp),
    object: Group,
  }),
);

/** The generic grouping: the group key (named after groupBy), `requests`, and the columns asked for. */
export const GroupedData = groupList(Type.Object({ requests: Int, object: Group }, { additionalProperties: true }));
