// API keys of the current workspace (and, for organisation admins, the organisation's admin keys):
// a searchable table, the kind as a URL filter, "Create API key" top right, a row opens the key.
import { useRef } from 'react';
import { Badge, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { api, unwrap } from '../../api/client';
import { useWorkspaceId } from '../../app/workspace';
import { ErrorState } from '../../components/ErrorState';
import { ago, dateTime } from '../../lib/format';
import { useUrlParams } from '../../lib/urlState';
import { isOrgAdmin, useSession } from '../auth/session';
import { CreateKeyDrawer } from './CreateKeyDrawer';
import { KeyDrawer } from './KeyDrawer';
import { KEY_TYPES, typeLabel } from './keyTypes';

export default function ApiKeysPage() {
  const workspaceId = useWorkspaceId();
  const orgAdmin = isOrgAdmin(useSession());
  const [params, update] = useUrlParams();
  const search = useRef<HTMLInputElement>(null);
  useHotkeys([['/', () => search.current?.focus()]]);
  const keys = useQuery({
    queryKey: ['api-keys', 'list', workspaceId, orgAdmin],
    queryFn: async () => {
      const [ws, org] = await Promise.all([
        unwrap(api.GET('/v1/api-keys', { params: { query: { workspace_id: workspaceId, page_size: 1000 } } })),
        orgAdmin ? unwrap(api.GET('/v1/api-keys', { params: { query: { page_size: 1000 } } })) : null,
      ]);
      const seen = new Set(ws.data.map((k) => k.id));
      return [...ws.data, ...(org?.data ?? []).filter((k) => !seen.has(k.id) && k.type === 'organisation-service')];
    },
  });
  const q = (params.get('q') ?? '').toLowerCase();
  const type = params.get('type');
  const rows = (keys.data ?? []).filter(
    (k) => (!type || k.type === type) && (!q || `${k.name} ${k.description ?? ''} ${k.id}`.toLowerCase().includes(q)),
  );
  const open = keys.data?.find((k) => k.id === params.get('key')) ?? null;

  return (
    <Stack>
      <Group justify="space-between">
        <Group gap="xs">
          <TextInput
            ref={search}
            aria-label="Search keys"
            placeholder="Search by name  ( / )"
            leftSection={<IconSearch size={16} />}
            value={params.get('q') ?? ''}
            onChange={(e) => update({ q: e.currentTarget.value })}
            w={260}
          />
          <Select
            aria-label="Kind of key"
            placeholder="All kinds"
            clearable
            data={KEY_TYPES.map((k) => ({ value: k.value, label: k.label }))}
            value={type}
            onChange={(v) => update({ type: v })}
            w={220}
          />
        </Group>
        <Button leftSection={<IconPlus size={16} />} onClick={() => update({ create: '1' })}>
          Create API key
        </Button>
      </Group>
      {keys.error ? <ErrorState error={keys.error} onRetry={() => void keys.refetch()} /> : null}
      {keys.data && keys.data.length === 0 ? (
        <Paper withBorder p="lg">
          <Title order={2} size="h4">
            No API keys yet
          </Title>
          <Text size="sm" mt="xs">
            Applications send requests with a workspace API key; people can have their own user keys. Create one, copy it once, and send it
            in the <code>x-portkey-api-key</code> header (or as the OpenAI SDK&apos;s apiKey).
          </Text>
        </Paper>
      ) : (
        <Table highlightOnHover aria-label="API keys" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Scopes</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Expires</Table.Th>
              <Table.Th>Created</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((k) => (
              <Table.Tr key={k.id} onClick={() => update({ key: k.id })} style={{ cursor: 'pointer' }}>
                <Table.Td>
                  <Button variant="subtle" size="compact-sm" onClick={() => update({ key: k.id })} aria-label={`Open key ${k.name}`}>
                    {k.name}
                  </Button>
                </Table.Td>
                <Table.Td>{typeLabel(k.type)}</Table.Td>
                <Table.Td>{k.scopes.length}</Table.Td>
                <Table.Td>
                  <Badge variant="dot" color={k.status === 'active' ? 'green' : 'gray'}>
                    {k.status}
                  </Badge>
                </Table.Td>
                <Table.Td>{k.expires_at ? dateTime(k.expires_at) : 'Never'}</Table.Td>
                <Table.Td title={dateTime(k.created_at)}>{ago(k.created_at)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <CreateKeyDrawer
        opened={params.get('create') === '1'}
        onClose={() => update({ create: null })}
        workspaceId={workspaceId}
        orgAdmin={orgAdmin}
      />
      <KeyDrawer apiKey={open} onClose={() => update({ key: null })} />
    </Stack>
  );
}
