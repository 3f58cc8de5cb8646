// The audit log: every change made through the Admin API (who, what, when, from where, with what
// answer), newest first, over the global time range, with the API's filters as URL chips and
// pages of 50. A row opens the record with its request as JSON (secrets were masked when stored).
import { lazy, Suspense, useState } from 'react';
import { Badge, Code, Drawer, Group, Loader, Pagination, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/errors';
import type { AuditRecord } from '../../api/types';
import { useTimeRange, windowOf } from '../../app/timeRange';
import { ErrorState } from '../../components/ErrorState';
import { Facts } from '../../components/Facts';
import { FilterBar } from '../../components/FilterBar';
import { ago, count, dateTime } from '../../lib/format';
import { filtersFrom, type FilterDef } from '../../lib/logFilters';
import { useUrlParams } from '../../lib/urlState';

const JsonView = lazy(() => import('../../components/JsonView').then((m) => ({ default: m.JsonView })));

const PAGE_SIZE = 50;

export const AUDIT_FILTERS: readonly FilterDef[] = [
  { name: 'method', label: 'Method', kind: 'select', options: ['POST', 'PUT', 'PATCH', 'DELETE'] },
  { name: 'resource_type', label: 'Resource', kind: 'text', placeholder: 'api_key, workspace, integration, config…' },
  { name: 'action', label: 'Action', kind: 'text', placeholder: 'create, update, delete, rotate…' },
  { name: 'response_status_code', label: 'Status', kind: 'text', placeholder: '200' },
  { name: 'user_id', label: 'Actor', kind: 'text', placeholder: 'user or API key id' },
  { name: 'api_key_id', label: 'API key', kind: 'text' },
  { name: 'workspace_id', label: 'Workspace', kind: 'text', placeholder: 'id or slug' },
  { name: 'resource_id', label: 'Resource id', kind: 'text' },
  { name: 'uri', label: 'Path', kind: 'text', placeholder: '/v1/api-keys* (prefix with *)' },
  { name: 'client_ip', label: 'Client IP', kind: 'text' },
  { name: 'request_id', label: 'Request id', kind: 'text' },
];

export default function AuditLogPage() {
  const [params, update] = useUrlParams();
  const [range] = useTimeRange();
  const page = Math.max(1, Number(params.get('page') ?? 1));
  const filters = filtersFrom(params, AUDIT_FILTERS);
  delete filters.search;
  // The window ends when the page opened; a reload moves it.
  const [anchor] = useState(() => Date.now());
  const window = windowOf(range, anchor);
  const query = {
    ...filters,
    ...(filters.response_status_code ? { response_status_code: Number(filters.response_status_code) } : {}),
    start_time: new Date(window.min).toISOString(),
    end_time: new Date(window.max + 60_000).toISOString(),
    current_page: page - 1,
    page_size: PAGE_SIZE,
  };
  const records = useQuery({
    queryKey: ['audit', query],
    queryFn: () => unwrap(api.GET('/v1/audit-logs', { params: { query: query as never } })),
    placeholderData: keepPreviousData,
  });
  const invalid =
    records.error instanceof ApiError && records.error.status === 400 && records.error.field
      ? { name: records.error.field, message: records.error.message }
      : null;
  const rows = records.data?.records ?? [];
  const openIndex = params.get('record');
  const open = openIndex !== null ? (rows[Number(openIndex)] ?? null) : null;
  const total = records.data?.total ?? 0;

  return (
    <Stack gap="sm">
      <FilterBar defs={AUDIT_FILTERS} values={filters} onChange={(c) => update({ ...c, page: null })} invalid={invalid} />
      <Text size="sm" c="dimmed" role="status">
        {records.isPending ? 'Loading…' : `${count(total)} change${total === 1 ? '' : 's'} · ${range.label}`}
      </Text>
      {records.error ? <ErrorState error={records.error} onRetry={() => void records.refetch()} /> : null}
      {records.data && total === 0 ? (
        <Text size="sm">
          Nothing recorded in this range. Every create, change and delete made through the Admin API or this console is recorded here, with
          who made it and the answer it got.
        </Text>
      ) : (
        <Table highlightOnHover aria-label="Audit records" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Time</Table.Th>
              <Table.Th>Actor</Table.Th>
              <Table.Th>Method</Table.Th>
              <Table.Th>Path</Table.Th>
              <Table.Th>Resource</Table.Th>
              <Table.Th>Action</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr
                key={`${r.request_id}-${i}`}
                onClick={() => update({ record: String(i) })}
                onKeyDown={(e) => e.key === 'Enter' && update({ record: String(i) })}
                tabIndex={0}
                style={{ cursor: 'pointer' }}
                aria-label={`${r.method} ${r.uri} at ${dateTime(r.timestamp)}`}
              >
                <Table.Td title={dateTime(r.timestamp)}>{ago(r.timestamp)}</Table.Td>
                <Table.Td>
                  <Text size="sm" span>
                    {r.user_type === 'api_key' ? 'API key ' : ''}
                  </Text>
                  <Code>{(r.user_id ?? 'the appliance').slice(0, 13)}</Code>
                </Table.Td>
                <Table.Td>
                  <Badge variant="default" tt="none">
                    {r.method}
                  </Badge>
                </Table.Td>
                <Table.Td ff="monospace">{r.uri}</Table.Td>
                <Table.Td>{r.resource_type}</Table.Td>
                <Table.Td>{r.action}</Table.Td>
                <Table.Td>
                  <Badge variant="dot" color={r.status === 'success' ? 'green' : 'red'}>
                    {r.response_status_code}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {total > PAGE_SIZE ? (
        <Group justify="center">
          <Pagination
            total={Math.ceil(total / PAGE_SIZE)}
            value={page}
            onChange={(p) => update({ page: String(p), record: null })}
            aria-label="Pages of audit records"
            getControlProps={(control) => ({ 'aria-label': `${control[0]!.toUpperCase()}${control.slice(1)} page` })}
          />
        </Group>
      ) : null}
      <Drawer
        opened={open !== null}
        onClose={() => update({ record: null })}
        position="right"
        size="xl"
        title={<Text fw={600}>{open ? `${open.method} ${open.uri}` : ''}</Text>}
        closeButtonProps={{ 'aria-label': 'Close record' }}
      >
        {open ? <Record record={open} /> : null}
      </Drawer>
    </Stack>
  );
}

function Record({ record }: { record: AuditRecord }) {
  const json = (text: string | null) => {
    if (!text) return null;
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      return text;
    }
  };
  const body = json(record.request_body);
  return (
    <Stack>
      <Facts
        label="Record facts"
        rows={[
          ['Time', dateTime(record.timestamp)],
          ['Actor', `${record.user_type === 'api_key' ? 'API key' : 'User'} ${record.user_id ?? '—'}`],
          ['API key', record.api_key_id ?? '—'],
          ['Workspace', record.workspace_id ?? 'Organisation'],
          ['Resource', `${record.resource_type} ${record.resource_id ?? ''}`],
          ['Action', record.action],
          ['Status', `${record.response_status_code} (${record.status})`],
          ['Client IP', record.client_ip ?? '—'],
          ['User agent', record.user_agent ?? '—'],
          ['Request id', <Code key="r">{record.request_id}</Code>],
        ]}
      />
      <Text fw={600} size="sm">
        Request body
      </Text>
      {body ? (
        <Suspense fallback={<Loader size="xs" />}>
          <JsonView value={body} label="Request body" maxHeight={420} />
        </Suspense>
      ) : (
        <Text size="sm" c="dimmed">
          None
        </Text>
      )}
    </Stack>
  );
}
