// Log exports: choose the fields (those the workspace's export settings deny are off), start one
// over the current filters and time range, watch its progress, download the JSONL. Earlier exports
// are listed below with their own download links.
import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, Progress, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconDownload } from '@tabler/icons-react';
import { api, unwrap } from '../../api/client';
import { messageOf } from '../../api/errors';
import type { BodyOf, ExportItem } from '../../api/types';
import { EXPORT_FIELDS } from '../../api/serverTables.gen';
import { count, dateTime } from '../../lib/format';

type Field = BodyOf<'/v1/logs/exports', 'post'>['requested_data'][number];
// The server's own list (settings/exportFields.ts, generated into serverTables.gen.ts), in export order.
const FIELDS = EXPORT_FIELDS satisfies readonly Field[];
// Every field the server offers is listed above: a new one fails type-checking here.
const _allListed: Exclude<Field, (typeof FIELDS)[number]> extends never ? true : never = true;
void _allListed;
const DEFAULTS: Field[] = [
  'id',
  'trace_id',
  'created_at',
  'ai_model',
  'total_units',
  'cost',
  'response_status_code',
  'response_time',
  'metadata',
];

const RUNNING = new Set(['draft', 'in_progress']);
const fileUrl = (id: string) => `/v1/logs/exports/${encodeURIComponent(id)}/file`;

interface Props {
  opened: boolean;
  onClose: () => void;
  workspaceId: string;
  filters: Record<string, string>;
}

export function ExportsModal({ opened, onClose, workspaceId, filters }: Props) {
  const client = useQueryClient();
  const [fields, setFields] = useState<Field[]>(DEFAULTS);
  const [description, setDescription] = useState('');
  const [current, setCurrent] = useState<string | null>(null);
  const restrictions = useQuery({
    queryKey: ['exports', 'restrictions', workspaceId],
    queryFn: () => unwrap(api.GET('/v1/logs/exports/field-restrictions', { params: { query: { workspace_id: workspaceId } } })),
    enabled: opened,
  });
  const denied = new Set<string>(restrictions.data?.denied_fields ?? []);
  const list = useQuery({
    queryKey: ['exports', 'list', workspaceId],
    queryFn: () => unwrap(api.GET('/v1/logs/exports', { params: { query: { workspace_id: workspaceId, page_size: 10 } } })),
    enabled: opened,
  });
  const job = useQuery({
    queryKey: ['exports', 'one', current],
    queryFn: () => unwrap(api.GET('/v1/logs/exports/{id}', { params: { path: { id: current! } } })),
    enabled: current !== null,
    refetchInterval: (q) => (q.state.data && !RUNNING.has(q.state.data.status) ? false : 1000),
  });
  const start = useMutation({
    mutationFn: async () => {
      // In the catalogue's order, whatever order they were ticked in.
      const requested = FIELDS.filter((f) => fields.includes(f) && !denied.has(f));
      const created = await unwrap(
        api.POST('/v1/logs/exports', {
          body: { workspace_id: workspaceId, filters, requested_data: requested, ...(description ? { description } : {}) },
        }),
      );
      await unwrap(api.POST('/v1/logs/exports/{id}/start', { params: { path: { id: created.id } } }));
      return created.id;
    },
    onSuccess: (id) => {
      setCurrent(id);
      void client.invalidateQueries({ queryKey: ['exports', 'list'] });
    },
  });
  const shownFilters = Object.entries(filters).filter(([k]) => !k.startsWith('time_of_generation'));

  return (
    <Modal opened={opened} onClose={onClose} title="Export logs" size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack>
        <Text size="sm">
          Writes every request of the current view as one JSON line each (
          {shownFilters.length ? shownFilters.map(([k, v]) => `${k}=${v}`).join(', ') : 'no filters'}, from{' '}
          {dateTime(filters.time_of_generation_min ?? null)} to {dateTime(filters.time_of_generation_max ?? null)}).
        </Text>
        <Checkbox.Group label="Fields" value={fields} onChange={(v) => setFields(v as Field[])}>
          <SimpleGrid cols={{ base: 2, sm: 3 }} mt="xs" spacing={6}>
            {FIELDS.map((f) => (
              <Checkbox key={f} value={f} label={f} disabled={denied.has(f)} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        {denied.size > 0 ? (
          <Text size="xs" c="dimmed">
            Greyed fields are denied by the workspace's export settings.
          </Text>
        ) : null}
        <TextInput label="Description (optional)" value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
        {start.error ? (
          <Alert color="red" role="alert" title="The export did not start">
            {messageOf(start.error)}
          </Alert>
        ) : null}
        <Group>
          <Button
            onClick={() => start.mutate()}
            loading={start.isPending}
            disabled={fields.length === 0 || (job.data !== undefined && RUNNING.has(job.data.status))}
          >
            Start export
          </Button>
        </Group>
        {job.data ? <ExportProgress job={job.data} /> : null}
        <RecentExports items={list.data?.data ?? []} />
      </Stack>
    </Modal>
  );
}

function ExportProgress({ job }: { job: ExportItem }) {
  const done = job.status === 'success';
  return (
    <Stack gap={6} role="status" aria-live="polite">
      <Text size="sm" fw={500}>
        {done
          ? `Export finished: ${count(job.exported_rows)} requests`
          : job.status === 'failed'
            ? 'The export failed'
            : `Exporting… ${count(job.exported_rows)} of ${count(job.total_rows)} requests`}
      </Text>
      <Progress value={job.progress} aria-label="Export progress" color={job.status === 'failed' ? 'red' : undefined} />
      {job.error_message ? (
        <Text size="sm" c="red">
          {job.error_message}
        </Text>
      ) : null}
      {done ? (
        <Button component="a" href={fileUrl(job.id)} download leftSection={<IconDownload size={16} />} w="fit-content">
          Download JSONL
        </Button>
      ) : null}
    </Stack>
  );
}

function RecentExports({ items }: { items: ExportItem[] }) {
  if (items.length === 0) return null;
  return (
    <Table fz="sm" aria-label="Recent exports">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Created</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Rows</Table.Th>
          <Table.Th>File</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((e) => (
          <Table.Tr key={e.id}>
            <Table.Td>{dateTime(e.created_at)}</Table.Td>
            <Table.Td>{e.status}</Table.Td>
            <Table.Td>{count(e.exported_rows)}</Table.Td>
            <Table.Td>
              {e.status === 'success' ? (
                <a href={fileUrl(e.id)} download>
                  Download
                </a>
              ) : (
                '—'
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
