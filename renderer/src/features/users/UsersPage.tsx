// The organisation's people: searchable by email or name, filtered by role (in the URL), "Invite
// person" top right; a row opens the person to change their organisation role or remove them.
import { useState } from 'react';
import { Alert, Badge, Button, Drawer, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconPlus } from '@tabler/icons-react';
import { api, unwrap } from '../../api/client';
import type { UserView } from '../../api/types';
import { useWorkspace } from '../../app/workspace';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { DangerButton } from '../../components/DangerButton';
import { ErrorState } from '../../components/ErrorState';
import { Facts } from '../../components/Facts';
import { SearchInput, useSearch } from '../../components/SearchInput';
import { ago, dateTime } from '../../lib/format';
import { fieldErrors } from '../../lib/fieldErrors';
import { useUrlParams } from '../../lib/urlState';
import { InviteDrawer } from '../members/InviteDrawer';

const ROLES = ['owner', 'admin', 'member'] as const;

export default function UsersPage() {
  const [params, update] = useUrlParams();
  const { workspace } = useWorkspace();
  const matches = useSearch();
  const role = params.get('role');
  const users = useQuery({
    queryKey: ['users', 'list'],
    queryFn: () => unwrap(api.GET('/v1/admin/users', { params: { query: { pageSize: 1000 } } })),
  });
  const rows = (users.data?.data ?? []).filter(
    (u) => (!role || u.role === role) && matches(`${u.email} ${u.first_name ?? ''} ${u.last_name ?? ''}`),
  );
  const open = users.data?.data.find((u) => u.id === params.get('user')) ?? null;
  return (
    <Stack>
      <Group justify="space-between">
        <Group>
          <SearchInput label="Search people" placeholder="Search by email or name" />
          <Select
            aria-label="Organisation role"
            placeholder="All roles"
            clearable
            data={[...ROLES]}
            value={role}
            onChange={(v) => update({ role: v })}
            w={160}
          />
        </Group>
        <Button leftSection={<IconPlus size={16} />} onClick={() => update({ invite: '1' })}>
          Invite person
        </Button>
      </Group>
      {users.error ? <ErrorState error={users.error} onRetry={() => void users.refetch()} /> : null}
      <Table highlightOnHover aria-label="People" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Email</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Organisation role</Table.Th>
            <Table.Th>Workspaces</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Joined</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((u) => (
            <Table.Tr key={u.id} onClick={() => update({ user: u.id })} style={{ cursor: 'pointer' }}>
              <Table.Td>
                <Button variant="subtle" size="compact-sm" onClick={() => update({ user: u.id })} aria-label={`Open ${u.email}`}>
                  {u.email}
                </Button>
              </Table.Td>
              <Table.Td>{[u.first_name, u.last_name].filter(Boolean).join(' ')}</Table.Td>
              <Table.Td>{u.role}</Table.Td>
              <Table.Td>{u.workspace_ids.length}</Table.Td>
              <Table.Td>
                <Badge variant="dot" color={u.status === 'active' ? 'green' : 'gray'}>
                  {u.status}
                </Badge>
              </Table.Td>
              <Table.Td title={dateTime(u.created_at)}>{ago(u.created_at)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <InviteDrawer opened={params.get('invite') === '1'} onClose={() => update({ invite: null })} workspace={workspace} />
      <Drawer
        opened={open !== null}
        onClose={() => update({ user: null })}
        position="right"
        size="md"
        title={<Text fw={600}>{open?.email ?? ''}</Text>}
        closeButtonProps={{ 'aria-label': 'Close person' }}
      >
        {open ? <Person key={open.id} user={open} onGone={() => update({ user: null })} /> : null}
      </Drawer>
    </Stack>
  );
}

function Person({ user, onGone }: { user: UserView; onGone: () => void }) {
  const client = useQueryClient();
  const [role, setRole] = useState(user.role);
  const [removing, setRemoving] = useState(false);
  const refresh = () => void client.invalidateQueries({ queryKey: ['users'] });
  const save = useMutation({
    mutationFn: () =>
      unwrap(api.PUT('/v1/admin/users/{userId}', { params: { path: { userId: user.id } }, body: { role: role as 'admin' | 'member' } })),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/v1/admin/users/{userId}', { params: { path: { userId: user.id } } })),
    onSuccess: () => {
      refresh();
      onGone();
    },
  });
  const errors = fieldErrors(save.error, ['role']);
  return (
    <Stack>
      <Facts
        label="Person facts"
        rows={[
          ['Name', [user.first_name, user.last_name].filter(Boolean).join(' ') || '—'],
          ['Organisation role', user.role],
          ['Status', user.status],
          ['Workspaces', String(user.workspace_ids.length)],
          ['Joined', dateTime(user.created_at)],
        ]}
      />
      {user.role === 'owner' ? (
        <Text size="sm">Owners are made at first run; their role is not changed here.</Text>
      ) : (
        <Group align="flex-end">
          <Select
            label="Organisation role"
            data={[
              { value: 'member', label: 'Member' },
              { value: 'admin', label: 'Admin' },
            ]}
            value={role}
            onChange={(v) => v && setRole(v)}
            allowDeselect={false}
            error={errors.on('role')}
            w={200}
          />
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={role === user.role}>
            Save role
          </Button>
        </Group>
      )}
      {errors.general ? (
        <Alert color="red" role="alert">
          {errors.general}
        </Alert>
      ) : null}
      {save.isSuccess ? (
        <Text size="sm" c="green.8" role="status">
          Saved.
        </Text>
      ) : null}
      <DangerButton onClick={() => setRemoving(true)} w="fit-content">
        Remove from the organisation
      </DangerButton>
      <ConfirmDelete
        opened={removing}
        title={`Remove ${user.email}?`}
        consequence="They can no longer sign in, they leave every workspace, and their API keys stop working."
        name={user.email}
        action="Remove person"
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate()}
        onClose={() => setRemoving(false)}
      />
    </Stack>
  );
}
