// The analytics dashboard: the figures of the time range (requests, cost, tokens, latency
// percentiles, errors and error rate, cache hit rate, users, feedback) as charts, the top models
// and keys, the analytics filters as URL chips, and auto-refresh.
import { useCallback, useState } from 'react';
import { Button, Group, SimpleGrid, Stack } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useWorkspaceId } from '../../app/workspace';
import { useTimeRange, windowOf } from '../../app/timeRange';
import { ErrorState } from '../../components/ErrorState';
import { FilterBar } from '../../components/FilterBar';
import { ApiError } from '../../api/errors';
import { ANALYTICS_FILTERS, filtersFrom, timeQuery } from '../../lib/logFilters';
import { count, ms, percent, usdFromCents } from '../../lib/format';
import { useUrlParams } from '../../lib/urlState';
import { AutoRefresh, useAutoRefresh } from './AutoRefresh';
import { ChartCard } from './ChartCard';
import { TopKeys, TopModels, type GroupRow } from './TopLists';
import { useGraph, useKeyNames, useTop, type AnalyticsQuery } from './useAnalytics';

const toRows = (data: { data: Record<string, unknown>[] } | undefined, key: string): GroupRow[] | undefined =>
  data?.data.map((r) => ({
    key: String(r[key] ?? ''),
    requests: Number(r.requests ?? 0),
    cost: Number(r.cost ?? 0),
    tokens: Number(r.total_tokens ?? 0),
  }));

export default function DashboardPage() {
  const workspaceId = useWorkspaceId();
  const [params, update] = useUrlParams();
  const [range] = useTimeRange();
  const [anchor, setAnchor] = useState(() => Date.now());
  const refreshSeconds = Number(params.get('refresh') ?? 60);
  const refresh = useCallback(() => setAnchor(Date.now()), []);
  useAutoRefresh(refreshSeconds, refresh);

  const window = windowOf(range, anchor);
  const spanMs = window.max - window.min;
  const filters = filtersFrom(params, ANALYTICS_FILTERS);
  const query: AnalyticsQuery = { ...filtersFrom(params), ...timeQuery(window), workspace_id: workspaceId };

  const requests = useGraph('/v1/analytics/graphs/requests', query);
  const cost = useGraph('/v1/analytics/graphs/cost', query);
  const tokens = useGraph('/v1/analytics/graphs/tokens', query);
  const latency = useGraph('/v1/analytics/graphs/latency', query);
  const errors = useGraph('/v1/analytics/graphs/errors', query);
  const errorRate = useGraph('/v1/analytics/graphs/errors/rate', query);
  const cache = useGraph('/v1/analytics/graphs/cache/hit-rate', query);
  const users = useGraph('/v1/analytics/graphs/users', query);
  const feedback = useGraph('/v1/analytics/graphs/feedbacks', query);
  const models = useTop('model', query);
  const keys = useTop('api_key', query);
  const keyNames = useKeyNames(workspaceId);

  const first = requests.error ?? cost.error;
  const invalid = first instanceof ApiError && first.status === 400 && first.field ? { name: first.field, message: first.message } : null;
  const card = { spanMs };

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <FilterBar defs={ANALYTICS_FILTERS} values={filters} onChange={update} invalid={invalid} />
        <Group gap="xs">
          <AutoRefresh
            seconds={refreshSeconds}
            onChange={(s) => update({ refresh: String(s) })}
            updatedAt={Math.max(requests.dataUpdatedAt, 0) || anchor}
          />
          <Button size="xs" variant="default" leftSection={<IconRefresh size={14} />} onClick={refresh} loading={requests.isFetching}>
            Refresh
          </Button>
        </Group>
      </Group>
      {first ? <ErrorState error={first} onRetry={refresh} /> : null}
      <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }}>
        <ChartCard
          {...card}
          title="Requests"
          summary={count(requests.data?.summary.total)}
          data={requests.data?.data_points}
          series={[{ name: 'total', label: 'Requests' }]}
          format={count}
          integer
          loading={requests.isPending}
        />
        <ChartCard
          {...card}
          title="Cost"
          summary={usdFromCents(cost.data?.summary.total)}
          data={cost.data?.data_points}
          series={[{ name: 'total', label: 'Cost', color: 'teal.7' }]}
          format={usdFromCents}
          loading={cost.isPending}
        />
        <ChartCard
          {...card}
          title="Tokens"
          summary={count(tokens.data?.summary.total)}
          data={tokens.data?.data_points}
          series={[{ name: 'total', label: 'Tokens', color: 'grape.6' }]}
          format={count}
          integer
          loading={tokens.isPending}
        />
        <ChartCard
          {...card}
          title="Latency"
          summary={
            latency.data
              ? `p50 ${ms(latency.data.summary.p50)} · p90 ${ms(latency.data.summary.p90)} · p99 ${ms(latency.data.summary.p99)}`
              : '—'
          }
          data={latency.data?.data_points}
          series={[
            { name: 'p50', label: 'p50', color: 'teal.6' },
            { name: 'p90', label: 'p90', color: 'orange.6' },
            { name: 'p99', label: 'p99', color: 'red.6' },
          ]}
          kind="line"
          format={ms}
          loading={latency.isPending}
        />
        <ChartCard
          {...card}
          title="Errors"
          summary={count(errors.data?.summary.total)}
          data={errors.data?.data_points}
          series={[{ name: 'total', label: 'Errors', color: 'red.6' }]}
          kind="bar"
          format={count}
          integer
          loading={errors.isPending}
        />
        <ChartCard
          {...card}
          title="Error rate"
          summary={percent(errorRate.data?.summary.rate)}
          data={errorRate.data?.data_points}
          series={[{ name: 'rate', label: 'Error rate', color: 'red.7' }]}
          kind="line"
          format={percent}
          loading={errorRate.isPending}
        />
        <ChartCard
          {...card}
          title="Cache hit rate"
          summary={percent(cache.data?.summary.rate)}
          data={cache.data?.data_points}
          series={[{ name: 'rate', label: 'Hit rate', color: 'cyan.7' }]}
          kind="line"
          format={percent}
          loading={cache.isPending}
        />
        <ChartCard
          {...card}
          title="Users"
          summary={count(users.data?.summary.total)}
          data={users.data?.data_points}
          series={[{ name: 'total', label: 'Users', color: 'blue.6' }]}
          kind="bar"
          format={count}
          integer
          loading={users.isPending}
        />
        <ChartCard
          {...card}
          title="Feedback"
          summary={count(feedback.data?.summary.total)}
          data={feedback.data?.data_points}
          series={[{ name: 'total', label: 'Feedback', color: 'yellow.7' }]}
          kind="bar"
          format={count}
          integer
          loading={feedback.isPending}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <TopModels rows={toRows(models.data, 'model')} loading={models.isPending} />
        <TopKeys rows={toRows(keys.data, 'api_key')} names={keyNames.data} loading={keys.isPending} />
      </SimpleGrid>
    </Stack>
  );
}
