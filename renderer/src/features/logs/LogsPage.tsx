// The logs explorer: every filter GET /v1/logs takes (chips in the URL), free-text search (`/`
// focuses it), newest first with cursor paging into a virtualised list, following new requests,
// a detail drawer per log (/logs/{id}) and exports.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Button, Group, Stack, Switch, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedCallback, useHotkeys } from '@mantine/hooks';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { IconDownload, IconRefresh, IconSearch } from '@tabler/icons-react';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/errors';
import { useWorkspaceId } from '../../app/workspace';
import { useTimeRange, windowOf } from '../../app/timeRange';
import { ErrorState } from '../../components/ErrorState';
import { FilterBar } from '../../components/FilterBar';
import { LOG_FILTERS, filtersFrom, timeQuery } from '../../lib/logFilters';
import { count } from '../../lib/format';
import { useUrlParams } from '../../lib/urlState';
import { LogList } from './LogList';
import { LogDrawer } from './LogDrawer';
import { LogsEmpty } from './LogsEmpty';
import { ExportsModal } from './ExportsModal';
import { asLog } from './logRow';

const FOLLOW_EVERY_MS = 3000;

export default function LogsPage() {
  const workspaceId = useWorkspaceId();
  const navigate = useNavigate();
  const openId = useParams()['*'] || null;
  const [params, update] = useUrlParams();
  const [range] = useTimeRange();
  const [anchor, setAnchor] = useState(() => Date.now());
  const [follow, setFollow] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [searchText, setSearchText] = useState(params.get('search') ?? '');
  const searchBox = useRef<HTMLInputElement>(null);
  useHotkeys([['/', () => searchBox.current?.focus()]]);

  const filters = filtersFrom(params);
  const query = { ...timeQuery(windowOf(range, anchor)), ...filters, workspace_id: workspaceId };
  const logs = useInfiniteQuery({
    queryKey: ['logs', 'list', query],
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/v1/logs', { params: { query: { ...query, page_size: 100, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    placeholderData: keepPreviousData,
  });

  // Following: the window's end moves to now every few seconds, unless someone is typing.
  useEffect(() => {
    if (!follow) return;
    const timer = window.setInterval(() => {
      const typing = document.activeElement instanceof HTMLInputElement || document.activeElement instanceof HTMLTextAreaElement;
      if (!typing && document.visibilityState === 'visible') setAnchor(Date.now());
    }, FOLLOW_EVERY_MS);
    return () => window.clearInterval(timer);
  }, [follow]);

  const setSearch = useDebouncedCallback((text: string) => update({ search: text.trim() || null }), 350);
  const rows = logs.data?.pages.flatMap((p) => p.data.map(asLog)) ?? [];
  const total = logs.data?.pages[0]?.total ?? 0;
  const invalid =
    logs.error instanceof ApiError && logs.error.status === 400 && logs.error.field
      ? { name: logs.error.field, message: logs.error.message }
      : null;
  const search = params.toString();
  const open = useCallback(
    (id: string) => void navigate(`/logs/${encodeURIComponent(id)}${search ? `?${search}` : ''}`),
    [navigate, search],
  );
  const loadMore = useCallback(() => void logs.fetchNextPage(), [logs]);
  const filtered = Object.keys(filters).length > 0;

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs" wrap="wrap">
          <TextInput
            ref={searchBox}
            aria-label="Search logs"
            placeholder="Search metadata and models  ( / )"
            leftSection={<IconSearch size={16} />}
            w={300}
            value={searchText}
            onChange={(e) => {
              setSearchText(e.currentTarget.value);
              setSearch(e.currentTarget.value);
            }}
          />
          <FilterBar defs={LOG_FILTERS} values={filters} onChange={update} invalid={invalid} />
        </Group>
        <Group gap="xs">
          <Switch label="Follow new requests" checked={follow} onChange={(e) => setFollow(e.currentTarget.checked)} />
          <Tooltip label="Load the newest requests">
            <Button
              variant="default"
              size="xs"
              leftSection={<IconRefresh size={14} />}
              onClick={() => setAnchor(Date.now())}
              loading={logs.isFetching && !logs.isFetchingNextPage}
            >
              Refresh
            </Button>
          </Tooltip>
          <Button size="xs" leftSection={<IconDownload size={14} />} onClick={() => setExporting(true)}>
            Export
          </Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed" role="status">
        {logs.isPending
          ? 'Loading…'
          : `${count(total)} request${total === 1 ? '' : 's'}${filtered ? ' match the filters' : ''} · ${range.label}`}
      </Text>
      {logs.error ? (
        <ErrorState error={logs.error} onRetry={() => void logs.refetch()} />
      ) : !logs.isPending && rows.length === 0 ? (
        <LogsEmpty
          filtered={filtered}
          onClear={() =>
            update(Object.fromEntries([...params.keys()].filter((k) => k !== 'range' && k !== 'from' && k !== 'to').map((k) => [k, null])))
          }
        />
      ) : (
        <LogList
          rows={rows}
          total={total}
          hasMore={logs.hasNextPage}
          loadingMore={logs.isFetchingNextPage}
          onLoadMore={loadMore}
          onOpen={open}
          selected={openId}
        />
      )}
      <LogDrawer id={openId} onClose={() => void navigate(`/logs${search ? `?${search}` : ''}`)} />
      <ExportsModal
        opened={exporting}
        onClose={() => setExporting(false)}
        workspaceId={workspaceId}
        filters={{ ...timeQuery(windowOf(range, anchor)), ...filters }}
      />
    </Stack>
  );
}
