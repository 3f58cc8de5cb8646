// Members of the current workspace (add a person of the organisation with a role, change a role,
// remove someone) and, for organisation admins, the invites: who was invited, the link to hand
// over again (resend), and cancelling an invite.
import { useState } from 'react';
import { Alert, Autocomplete, Badge, Button, Group, Select, Stack, Table, Tabs, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconPlus } from '@tabler/icons-react';
import { api, unwrap } from '../../api/client';
import { messageOf } from '../../api/errors';
import type { InviteView, MemberView } from '../../api/types';
import { useWorkspace, useWorkspaceId } from '../../app/workspace';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { DangerButton } from '../../components/DangerButton';
import { ErrorState } from '../../components/ErrorState';
import { SearchInput, useSearch } from '../../components/SearchInput';
import { ago, dateTime } from '../../lib/format';
import { fieldErrors } from '../../lib/fieldErrors';
import { useUrlParams } from '../../lib/urlState';
import { isOrgAdmin, useSession } from '../auth/session';
import { InviteDrawer, InviteLink, WORKSPACE_ROLES } from './InviteDrawer';

export default function MembersPage() {
  const orgAdmin = isOrgAdmin(useSession());
  const { workspace } = useWorkspace();
  const [params, update] = useUrlParams();
  const tab = params.get('tab') === 'invites' && orgAdmin ? 'invites' : 'members';
  return (
    <Stack>
      <Group justify="space-between">
        <SearchInput label="Search people" placeholder="Search by email or name" />
        {orgAdmin ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => update({ invite: '1' })}>
            Invite person
          </Button>
        ) : null}
      </Group>
      <Tabs value={tab} onChange={(v) => update({ tab: v === 'invites' ? 'invites' : null })}>
        <Tabs.List>
          <Tabs.Tab value="members">Members of {workspace?.name}</Tabs.Tab>
          {orgAdmin ? <Tabs.Tab value="invites">Invites</Tabs.Tab> : null}
        </Tabs.List>
        <Tabs.Panel value="members" pt="md">
          <Members orgAdmin={orgAdmin} />
        </Tabs.Panel>
        {orgAdmin ? (
          <Tabs.Panel value="invites" pt="md">
            <Invites />
          </Tabs.Panel>
        ) : null}
      </Tabs>
      <InviteDrawer opened={params.get('invite') === '1'} onClose={() => update({ invite: null, tab: 'invites' })} workspace={workspace} />
    </Stack>
  );
}

function Members({ orgAdmin }: { orgAdmin: boolean }) {
  const workspaceId = useWorkspaceId();
  const client = useQueryClient();
  const matches = useSearch();
  const [adding, setAdding] = useState('');
  const [role, setRole] = useState('member');
  const [removing, setRemoving] = useState<MemberView | null>(null);
  const members = useQuery({
    queryKey: ['workspace-users', workspaceId],
    queryFn: () =>
      unwrap(api.GET('/v1/admin/workspaces/{workspaceId}/users', { params: { path: { workspaceId }, query: { page_size: 1000 } } })),
  });
  // Organisation admins pick from the organisation's people; others type an email.
  const people = useQuery({
    queryKey: ['users', 'list'],
    queryFn: () => unwrap(api.GET('/v1/admin/users', { params: { query: { pageSize: 1000 } } })),
    enabled: orgAdmin,
  });
  const refresh = () => void client.invalidateQueries({ queryKey: ['workspace-users', workspaceId] });
  const add = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/v1/admin/workspaces/{workspaceId}/users', {
          params: { path: { workspaceId } },
          body: { users: [{ id: adding.trim(), role: role as 'member' | 'manager' | 'admin' }] },
        }),
      ),
    onSuccess: () => {
      setAdding('');
      refresh();
    },
  });
  const change = useMutation({
    mutationFn: (v: { userId: string; role: 'member' | 'manager' | 'admin' }) =>
      unwrap(
        api.PUT('/v1/admin/workspaces/{workspaceId}/users/{userId}', {
          params: { path: { workspaceId, userId: v.userId } },
          body: { role: v.role },
        }),
      ),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (m: MemberView) =>
      unwrap(api.DELETE('/v1/admin/workspaces/{workspaceId}/users/{userId}', { params: { path: { workspaceId, userId: m.user_id } } })),
    onSuccess: () => {
      setRemoving(null);
      refresh();
    },
  });
  const inWorkspace = new Set((members.data?.data ?? []).map((m) => m.email));
  const candidates = (people.data?.data ?? []).filter((u) => !inWorkspace.has(u.email)).map((u) => u.email);
  const rows = (members.data?.data ?? []).filter((m) => matches(`${m.email} ${m.first_name ?? ''} ${m.last_name ?? ''}`));
  const errors = fieldErrors(add.error, ['users']);

  if (members.error) return <ErrorState error={members.error} onRetry={() => void members.refetch()} />;
  return (
    <Stack>
      <Table aria-label="Workspace members" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Email</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Workspace role</Table.Th>
            <Table.Th>Organisation role</Table.Th>
            <Table.Th>Joined</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((m) => (
            <Table.Tr key={m.user_id}>
              <Table.Td>{m.email}</Table.Td>
              <Table.Td>{[m.first_name, m.last_name].filter(Boolean).join(' ')}</Table.Td>
              <Table.Td>
                <Select
                  aria-label={`Role of ${m.email}`}
                  size="xs"
                  w={130}
                  data={WORKSPACE_ROLES.map((r) => ({ value: r.value, label: r.value }))}
                  value={m.role}
                  onChange={(v) => v && v !== m.role && change.mutate({ userId: m.user_id, role: v as 'member' | 'manager' | 'admin' })}
                  allowDeselect={false}
                />
              </Table.Td>
              <Table.Td>{m.org_role}</Table.Td>
              <Table.Td title={dateTime(m.created_at)}>{ago(m.created_at)}</Table.Td>
              <Table.Td>
                <DangerButton size="compact-xs" onClick={() => setRemoving(m)} aria-label={`Remove ${m.email}`}>
                  Remove
                </DangerButton>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {change.error ? (
        <Alert color="red" role="alert">
          {messageOf(change.error)}
        </Alert>
      ) : null}
      <form
        aria-label="Add a member"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <Stack gap="xs">
          {errors.general ? (
            <Alert color="red" role="alert" title="The member was not added">
              {errors.general}
            </Alert>
          ) : null}
          <Group align="flex-start">
            <Autocomplete
              label="Add a person"
              description={orgAdmin ? 'Someone of the organisation; invite new people first' : 'Their email, as the organisation knows it'}
              data={candidates}
              value={adding}
              onChange={setAdding}
              error={errors.on('users')}
              w={320}
            />
            <Select label="Role" data={WORKSPACE_ROLES} value={role} onChange={(v) => v && setRole(v)} allowDeselect={false} w={300} />
            <Button type="submit" mt={46} disabled={!adding.trim()} loading={add.isPending}>
              Add member
            </Button>
          </Group>
        </Stack>
      </form>
      <ConfirmDelete
        opened={removing !== null}
        title={`Remove ${removing?.email ?? ''} from this workspace?`}
        consequence="They lose access to the workspace at once, and their user API keys in it stop working."
        name={removing?.email ?? ''}
        action="Remove member"
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(null)}
      />
    </Stack>
  );
}

function Invites() {
  const client = useQueryClient();
  const matches = useSearch();
  const [cancelling, setCancelling] = useState<InviteView | null>(null);
  const invites = useQuery({
    queryKey: ['invites', 'list'],
    queryFn: () => unwrap(api.GET('/v1/admin/users/invites', { params: { query: { pageSize: 1000 } } })),
  });
  const refresh = () => void client.invalidateQueries({ queryKey: ['invites'] });
  const resend = useMutation({
    mutationFn: (inv: InviteView) =>
      unwrap(api.POST('/v1/admin/users/invites/{inviteId}/resend', { params: { path: { inviteId: inv.id } } })),
    onSuccess: refresh,
  });
  const cancel = useMutation({
    mutationFn: (inv: InviteView) => unwrap(api.DELETE('/v1/admin/users/invites/{inviteId}', { params: { path: { inviteId: inv.id } } })),
    onSuccess: () => {
      setCancelling(null);
      refresh();
    },
  });
  const resentFor = resend.variables && resend.data ? resend.variables : null;
  const rows = (invites.data?.data ?? []).filter((i) => matches(i.email));
  if (invites.error) return <ErrorState error={invites.error} onRetry={() => void invites.refetch()} />;
  return (
    <Stack>
      {resentFor && resend.data ? (
        <InviteLink email={resentFor.email} link={resend.data.invite_link} expiresAt={resend.data.expires_at} />
      ) : null}
      {resend.error ? (
        <Alert color="red" role="alert">
          {messageOf(resend.error)}
        </Alert>
      ) : null}
      {invites.data && invites.data.total === 0 ? (
        <Text size="sm" c="dimmed">
          No invites yet. &quot;Invite person&quot; makes a link you hand over; the person opens it to set their name and password.
        </Text>
      ) : (
        <Table aria-label="Invites" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Email</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Workspaces</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Expires</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>{i.email}</Table.Td>
                <Table.Td>{i.role}</Table.Td>
                <Table.Td>{i.workspaces.map((w) => `${w.slug} (${w.role})`).join(', ') || '—'}</Table.Td>
                <Table.Td>
                  <Badge variant="dot" color={i.status === 'pending' ? 'yellow' : i.status === 'accepted' ? 'green' : 'gray'}>
                    {i.status}
                  </Badge>
                </Table.Td>
                <Table.Td>{dateTime(i.expires_at)}</Table.Td>
                <Table.Td>
                  {i.status === 'pending' || i.status === 'expired' ? (
                    <Group gap="xs" wrap="nowrap">
                      <Button size="compact-xs" variant="default" onClick={() => resend.mutate(i)} aria-label={`New link for ${i.email}`}>
                        New link
                      </Button>
                      {i.status === 'pending' ? (
                        <DangerButton size="compact-xs" onClick={() => setCancelling(i)} aria-label={`Cancel invite for ${i.email}`}>
                          Cancel
                        </DangerButton>
                      ) : null}
                    </Group>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ConfirmDelete
        opened={cancelling !== null}
        title={`Cancel the invite for ${cancelling?.email ?? ''}?`}
        consequence="The link stops working; you can invite them again later."
        name={cancelling?.email ?? ''}
        action="Cancel invite"
        pending={cancel.isPending}
        error={cancel.error}
        onConfirm={() => cancelling && cancel.mutate(cancelling)}
        onClose={() => setCancelling(null)}
      />
    </Stack>
  );
}
