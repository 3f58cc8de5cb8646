// The organisation's workspaces: searchable, archived ones on request, "Create workspace" top
// right; a row opens the workspace to rename, describe, archive or delete it (typing its name).
import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Code, Drawer, Group, Stack, Switch, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconPlus } from '@tabler/icons-react';
import { api, unwrap } from '../../api/client';
import type { WorkspaceView } from '../../api/types';
import { ErrorState } from '../../components/ErrorState';
import { SearchInput, useSearch } from '../../components/SearchInput';
import { ago, dateTime } from '../../lib/format';
import { fieldErrors } from '../../lib/fieldErrors';
import { useOpenings } from '../../lib/openings';
import { useUrlParams } from '../../lib/urlState';
import { SELF_KEY } from '../auth/session';
import { WorkspaceDrawer } from './WorkspaceDrawer';

export default function WorkspacesPage() {
  const [params, update] = useUrlParams();
  const matches = useSearch();
  const archived = params.get('archived') === '1';
  const list = useQuery({
    queryKey: ['workspaces', 'list', archived],
    queryFn: () =>
      unwrap(api.GET('/v1/admin/workspaces', { params: { query: { page_size: 1000, status: archived ? 'active,archived' : 'active' } } })),
  });
  const rows = (list.data?.data ?? []).filter((w) => matches(`${w.name} ${w.slug} ${w.description ?? ''}`));
  const open = list.data?.data.find((w) => w.id === params.get('workspace')) ?? null;
  return (
    <Stack>
      <Group justify="space-between">
        <Group>
          <SearchInput label="Search workspaces" placeholder="Search by name or slug" />
          <Switch label="Show archived" checked={archived} onChange={(e) => update({ archived: e.currentTarget.checked ? '1' : null })} />
        </Group>
        <Button leftSection={<IconPlus size={16} />} onClick={() => update({ create: '1' })}>
          Create workspace
        </Button>
      </Group>
      {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table highlightOnHover aria-label="Workspaces" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Slug</Table.Th>
            <Table.Th>Description</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Created</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((w) => (
            <Table.Tr key={w.id} onClick={() => update({ workspace: w.id })} style={{ cursor: 'pointer' }}>
              <Table.Td>
                <Button
                  variant="subtle"
                  size="compact-sm"
                  onClick={() => update({ workspace: w.id })}
                  aria-label={`Open workspace ${w.name}`}
                >
                  {w.name}
                </Button>
              </Table.Td>
              <Table.Td>
                <Code>{w.slug}</Code>
              </Table.Td>
              <Table.Td>{w.description}</Table.Td>
              <Table.Td>
                <Badge variant="dot" color={w.status === 'active' ? 'green' : 'gray'}>
                  {w.status}
                </Badge>
              </Table.Td>
              <Table.Td title={dateTime(w.created_at)}>{ago(w.created_at)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <CreateWorkspaceDrawer opened={params.get('create') === '1'} onClose={(id) => update({ create: null, workspace: id ?? null })} />
      <WorkspaceDrawer workspace={open} onClose={() => update({ workspace: null })} />
    </Stack>
  );
}

function CreateWorkspaceDrawer({ opened, onClose }: { opened: boolean; onClose: (created?: string) => void }) {
  const opening = useOpenings(opened);
  return (
    <Drawer
      opened={opened}
      onClose={() => onClose()}
      position="right"
      size="md"
      title={<Text fw={600}>Create a workspace</Text>}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <CreateWorkspaceForm key={opening} onClose={onClose} />
    </Drawer>
  );
}

/** A fresh form for each opening of the drawer (openings.ts); the new workspace opens on success. */
function CreateWorkspaceForm({ onClose }: { onClose: (created?: string) => void }) {
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/v1/admin/workspaces', { body: { name: name.trim(), description: description.trim() || null } })),
    onSuccess: (w: WorkspaceView) => {
      void client.invalidateQueries({ queryKey: ['workspaces'] });
      // The creator joins it: the workspace switcher lists it from /v1/auth/self.
      void client.invalidateQueries({ queryKey: SELF_KEY });
      onClose(w.id);
    },
  });
  const errors = fieldErrors(create.error, ['name', 'description']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Create a workspace">
      <Stack>
        <Text size="sm">
          A workspace holds its own providers, configs, API keys, members and logs. Requests made with its keys are separated from every
          other workspace&apos;s.
        </Text>
        {errors.general ? (
          <Alert color="red" role="alert" title="The workspace was not created">
            {errors.general}
          </Alert>
        ) : null}
        <TextInput
          label="Name"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.on('name')}
          data-autofocus
        />
        <Textarea
          label="Description"
          autosize
          minRows={2}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={errors.on('description')}
        />
        <Button type="submit" loading={create.isPending} disabled={!name.trim()} w="fit-content">
          Create workspace
        </Button>
      </Stack>
    </form>
  );
}
