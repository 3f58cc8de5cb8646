// Configs: the list at /configs (search, default marked, "Create config" top right), and the full
// editor page at /configs/new and /configs/{slug}.
import { useRef } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Anchor, Badge, Button, Code, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { api, unwrap } from '../../api/client';
import { useWorkspaceId } from '../../app/workspace';
import { ErrorState } from '../../components/ErrorState';
import { ago, dateTime } from '../../lib/format';
import { useUrlParams } from '../../lib/urlState';
import { ConfigEditor } from './ConfigEditor';

export default function ConfigsPage() {
  const sub = useParams()['*'] ?? '';
  return sub ? <ConfigEditor key={sub} slug={sub === 'new' ? null : decodeURIComponent(sub)} /> : <ConfigList />;
}

function ConfigList() {
  const workspaceId = useWorkspaceId();
  const navigate = useNavigate();
  const [params, update] = useUrlParams();
  const search = useRef<HTMLInputElement>(null);
  useHotkeys([['/', () => search.current?.focus()]]);
  const configs = useQuery({
    queryKey: ['configs', 'list', workspaceId],
    queryFn: () => unwrap(api.GET('/v1/configs', { params: { query: { workspace_id: workspaceId, page_size: 1000 } } })),
  });
  const q = (params.get('q') ?? '').toLowerCase();
  const rows = (configs.data?.data ?? []).filter((c) => !q || `${c.name} ${c.slug}`.toLowerCase().includes(q));
  return (
    <Stack>
      <Group justify="space-between">
        <TextInput
          ref={search}
          aria-label="Search configs"
          placeholder="Search by name or slug  ( / )"
          leftSection={<IconSearch size={16} />}
          value={params.get('q') ?? ''}
          onChange={(e) => update({ q: e.currentTarget.value })}
          w={300}
        />
        <Button component={Link} to="/configs/new" leftSection={<IconPlus size={16} />}>
          Create config
        </Button>
      </Group>
      {configs.error ? <ErrorState error={configs.error} onRetry={() => void configs.refetch()} /> : null}
      {configs.data && configs.data.total === 0 ? (
        <Paper withBorder p="lg">
          <Title order={2} size="h4">
            No configs yet
          </Title>
          <Text size="sm" mt="xs">
            A config says how a request is routed: fallbacks between providers, load balancing, retries, caching, timeouts. Applications
            name it in the <code>x-portkey-config</code> header (its slug), or an API key uses it by default.
          </Text>
        </Paper>
      ) : (
        <Table highlightOnHover aria-label="Configs" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Slug</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Updated</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c) => (
              <Table.Tr key={c.id} onClick={() => void navigate(`/configs/${encodeURIComponent(c.slug)}`)} style={{ cursor: 'pointer' }}>
                <Table.Td>
                  <Anchor component={Link} to={`/configs/${encodeURIComponent(c.slug)}`} size="sm">
                    {c.name}
                  </Anchor>{' '}
                  {c.is_default ? (
                    <Badge size="xs" variant="outline" ml={4}>
                      default
                    </Badge>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Code>{c.slug}</Code>
                </Table.Td>
                <Table.Td>{c.status}</Table.Td>
                <Table.Td title={dateTime(c.last_updated_at)}>{ago(c.last_updated_at)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
