// Inviting a person: their email, organisation role and (optionally) a role in the current
// workspace. No mail leaves the appliance, so the answer is the invite link, shown with copy, for
// the admin to hand over; it opens a page where the person sets their name and password.
import { useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, Drawer, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { SessionWorkspace } from '../../api/types';
import { CodeBlock } from '../../components/CodeBlock';
import { dateTime } from '../../lib/format';
import { fieldErrors } from '../../lib/fieldErrors';
import { useOpenings } from '../../lib/openings';

export const WORKSPACE_ROLES = [
  { value: 'member', label: 'Member (reads, sends requests)' },
  { value: 'manager', label: 'Manager (runs the workspace)' },
  { value: 'admin', label: 'Admin (manager who edits the workspace)' },
];

/** The link to hand over, with what it is for: used after a create and after a resend. */
export function InviteLink({ email, link, expiresAt }: { email: string; link: string; expiresAt: string }) {
  return (
    <Alert color="indigo" title={`Invite link for ${email}`} role="status">
      <Stack gap="xs">
        <Text size="sm">
          No mail leaves this appliance: give this link to {email} yourself (chat, a ticket, in person). It works once, until{' '}
          {dateTime(expiresAt)}.
        </Text>
        <CodeBlock code={link} label="Copy invite link" />
      </Stack>
    </Alert>
  );
}

interface Props {
  opened: boolean;
  onClose: () => void;
  workspace: SessionWorkspace | null;
}

export function InviteDrawer({ opened, onClose, workspace }: Props) {
  const opening = useOpenings(opened);
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="lg"
      title={<Text fw={600}>Invite a person</Text>}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <InviteForm key={opening} onClose={onClose} workspace={workspace} />
    </Drawer>
  );
}

/** The form, then the link to hand over; a fresh one for each opening of the drawer (openings.ts). */
function InviteForm({ onClose, workspace }: Omit<Props, 'opened'>) {
  const client = useQueryClient();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'member' | 'admin'>('member');
  const [join, setJoin] = useState(true);
  const [wsRole, setWsRole] = useState<'member' | 'manager' | 'admin'>('member');
  const invite = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/v1/admin/users/invites', {
          body: { email: email.trim(), role, ...(join && workspace ? { workspaces: [{ id: workspace.id, role: wsRole }] } : {}) },
        }),
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['invites'] }),
  });
  const errors = fieldErrors(invite.error, ['email', 'role', 'workspaces']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate();
  };
  return invite.data ? (
    <Stack>
      <InviteLink email={invite.data.email} link={invite.data.invite_link} expiresAt={invite.data.expires_at} />
      <Button onClick={onClose} w="fit-content">
        Done
      </Button>
    </Stack>
  ) : (
    <form onSubmit={submit} noValidate aria-label="Invite a person">
      <Stack>
        {errors.general ? (
          <Alert color="red" role="alert" title="The invite was not made">
            {errors.general}
          </Alert>
        ) : null}
        <TextInput
          label="Email"
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={errors.on('email')}
          data-autofocus
        />
        <Select
          label="Organisation role"
          data={[
            { value: 'member', label: 'Member (works in the workspaces they join)' },
            { value: 'admin', label: 'Admin (manages the whole organisation)' },
          ]}
          value={role}
          onChange={(v) => v && setRole(v as 'member' | 'admin')}
          allowDeselect={false}
          error={errors.on('role')}
        />
        {workspace ? (
          <Group align="flex-end">
            <Checkbox
              label={`Add to workspace ${workspace.name}`}
              checked={join}
              onChange={(e) => setJoin(e.currentTarget.checked)}
              mb={8}
            />
            <Select
              label="Workspace role"
              data={WORKSPACE_ROLES}
              value={wsRole}
              onChange={(v) => v && setWsRole(v as 'member' | 'manager' | 'admin')}
              allowDeselect={false}
              disabled={!join}
              error={errors.on('workspaces')}
              w={300}
            />
          </Group>
        ) : null}
        <Button type="submit" loading={invite.isPending} disabled={!email.trim()} w="fit-content">
          Create invite link
        </Button>
      </Stack>
    </form>
  );
}
