// The dashboard's data over one time window and filters: the headline figures in one call (one
// scan of the logs: GET /v1/analytics/summary/overview), and the feedback graph and top lists as
// their sections scroll into view. No call waits on another (one step, no waterfall); the query
// cache shows the old figures until a refresh's new ones arrive.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { ResponseOf } from '../../api/types';

export type AnalyticsQuery = Record<string, string> & { time_of_generation_min: string; time_of_generation_max: string };

export type GraphPath =
  | '/v1/analytics/graphs/requests'
  | '/v1/analytics/graphs/cost'
  | '/v1/analytics/graphs/tokens'
  | '/v1/analytics/graphs/latency'
  | '/v1/analytics/graphs/errors'
  | '/v1/analytics/graphs/errors/rate'
  | '/v1/analytics/graphs/cache/hit-rate'
  | '/v1/analytics/graphs/users'
  | '/v1/analytics/graphs/feedbacks'
  | '/v1/analytics/graphs/feedbacks/weighted';

export type Graph<P extends GraphPath> = ResponseOf<P, 'get'>;

export type Overview = ResponseOf<'/v1/analytics/summary/overview', 'get'>;

export function useOverview(query: AnalyticsQuery) {
  return useQuery({
    queryKey: ['analytics', 'overview', query],
    queryFn: () => unwrap(api.GET('/v1/analytics/summary/overview', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useGraph<P extends GraphPath>(path: P, query: AnalyticsQuery) {
  return useQuery({
    queryKey: ['analytics', path, query],
    queryFn: () => unwrap(api.GET(path, { params: { query } } as never)) as Promise<Graph<P>>,
    placeholderData: keepPreviousData,
  });
}

/** Top N of a grouping, by requests, with cost and tokens. */
export function useTop(groupBy: 'model' | 'api_key' | 'provider', query: AnalyticsQuery, size = 8) {
  return useQuery({
    queryKey: ['analytics', 'top', groupBy, query],
    queryFn: () =>
      unwrap(
        api.GET('/v1/analytics/groups/{groupBy}', {
          params: {
            path: { groupBy },
            query: {
              ...query,
              columns: 'requests,cost,total_tokens',
              order_by: 'requests',
              order_by_type: 'desc',
              page_size: String(size),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Names of the workspace's API keys, to label the top-keys table. */
export function useKeyNames(workspaceId: string) {
  return useQuery({
    queryKey: ['api-keys', 'names', workspaceId],
    queryFn: async () => {
      const list = await unwrap(api.GET('/v1/api-keys', { params: { query: { workspace_id: workspaceId, page_size: 1000 } } }));
      // Chats from the console's playground are logged under this id, with the person as their user.
      return new Map([['playground', 'Playground'], ...list.data.map((k) => [k.id, k.name] as [string, string])]);
    },
    staleTime: 60_000,
  });
}
