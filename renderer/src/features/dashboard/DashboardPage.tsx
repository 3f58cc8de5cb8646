// The analytics dashboard: the figures of the time range (requests, cost, tokens, latency
// percentiles, errors and error rate, cache hit rate, users) as charts from one call, then
// feedback and the top models and keys as they scroll into view; the analytics filters as URL
// chips, and auto-refresh.
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
import { useGraph, useKeyNames, useOverview, useTop, type AnalyticsQuery } from './useAnalytics';
import { WhenVisible } from './WhenVisible';

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

  const overview = useOverview(query);
  const o = overview.data;
  const points = o?.data_points;
  const loading = overview.isPending;
  const first = overview.error;
  const invalid = first instanceof ApiError && first.status === 400 && first.field ? { name: first.field, message: first.message } : null;
  const card = { spanMs, data: points, loading };

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <FilterBar defs={ANALYTICS_FILTERS} values={filters} onChange={update} invalid={invalid} />
        <Group gap="xs">
          <AutoRefresh
            seconds={refreshSeconds}
            onChange={(s) => update({ refresh: String(s) })}
            updatedAt={Math.max(overview.dataUpdatedAt, 0) || anchor}
          />
          <Button size="xs" variant="default" leftSection={<IconRefresh size={14} />} onClick={refresh} loading={overview.isFetching}>
            Refresh
          </Button>
        </Group>
      </Group>
      {first ? <ErrorState error={first} onRetry={refresh} /> : null}
      <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }}>
        <ChartCard
          {...card}
          title="Requests"
          summary={count(o?.summary.requests)}
          series={[{ name: 'requests', label: 'Requests' }]}
          format={count}
          integer
        />
        <ChartCard
          {...card}
          title="Cost"
          summary={usdFromCents(o?.summary.cost)}
          series={[{ name: 'cost', label: 'Cost', color: 'teal.7' }]}
          format={usdFromCents}
        />
        <ChartCard
          {...card}
          title="Tokens"
          summary={count(o?.summary.tokens)}
          series={[{ name: 'tokens', label: 'Tokens', color: 'grape.6' }]}
          format={count}
          integer
        />
        <ChartCard
          {...card}
          title="Latency"
          summary={o ? `p50 ${ms(o.summary.latency_p50)} · p95 ${ms(o.summary.latency_p95)} · p99 ${ms(o.summary.latency_p99)}` : '—'}
          series={[
            { name: 'latency_p50', label: 'p50', color: 'teal.6' },
            { name: 'latency_p95', label: 'p95', color: 'orange.6' },
            { name: 'latency_p99', label: 'p99', color: 'red.6' },
          ]}
          kind="line"
          format={ms}
        />
        <ChartCard
          {...card}
          title="Errors"
          summary={count(o?.summary.errors)}
          series={[{ name: 'errors', label: 'Errors', color: 'red.6' }]}
          kind="bar"
          format={count}
          integer
        />
        <ChartCard
          {...card}
          title="Error rate"
          summary={percent(o?.summary.error_rate)}
          series={[{ name: 'error_rate', label: 'Error rate', color: 'red.7' }]}
          kind="line"
          format={percent}
        />
        <ChartCard
          {...card}
          title="Cache hit rate"
          summary={percent(o?.summary.cache_hit_rate)}
          series={[{ name: 'cache_hit_rate', label: 'Hit rate', color: 'cyan.7' }]}
          kind="line"
          format={percent}
        />
        <ChartCard
          {...card}
          title="Users"
          summary={count(o?.summary.users)}
          series={[{ name: 'users', label: 'Users', color: 'blue.6' }]}
          kind="bar"
          format={count}
          integer
        />
        <WhenVisible minHeight={260}>
          <FeedbackCard query={query} spanMs={spanMs} />
        </WhenVisible>
      </SimpleGrid>
      <WhenVisible minHeight={300}>
        <TopListsSection query={query} workspaceId={workspaceId} />
      </WhenVisible>
    </Stack>
  );
}

function FeedbackCard({ query, spanMs }: { query: AnalyticsQuery; spanMs: number }) {
  const feedback = useGraph('/v1/analytics/graphs/feedbacks', query);
  return (
    <ChartCard
      spanMs={spanMs}
      title="Feedback"
      summary={count(feedback.data?.summary.total)}
      data={feedback.data?.data_points}
      series={[{ name: 'total', label: 'Feedback', color: 'yellow.7' }]}
      kind="bar"
      format={count}
      integer
      loading={feedback.isPending}
      error={feedback.error ? <ErrorState error={feedback.error} /> : undefined}
    />
  );
}

function TopListsSection({ query, workspaceId }: { query: AnalyticsQuery; workspaceId: string }) {
  const models = useTop('model', query);
  const keys = useTop('api_key', query);
  const keyNames = useKeyNames(workspaceId);
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      <TopModels rows={toRows(models.data, 'model')} loading={models.isPending} />
      <TopKeys rows={toRows(keys.data, 'api_key')} names={keyNames.data} loading={keys.isPending} />
    </SimpleGrid>
  );
}
