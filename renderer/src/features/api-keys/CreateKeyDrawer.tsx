// Creating an API key: name, family, the person (user keys), scopes with role defaults, expiry.
// The secret is shown once, with copy, before the drawer can be closed on it.
import { useState, type FormEvent } from 'react';
import { Alert, Button, Drawer, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { ApiError, messageOf } from '../../api/errors';
import { SecretOnce } from '../../components/SecretOnce';
import { useOpenings } from '../../lib/openings';
import { KEY_TYPES, ROLE_DEFAULTS, allowedScopes, type KeyType } from './keyTypes';
import { ScopePicker } from './ScopePicker';

interface Props {
  opened: boolean;
  onClose: () => void;
  workspaceId: string;
  orgAdmin: boolean;
}

const defaultsFor = (type: KeyType) =>
  type === 'organisation-service' ? [] : ROLE_DEFAULTS.manager.filter((s) => allowedScopes(type).includes(s));

export function CreateKeyDrawer({ opened, onClose, workspaceId, orgAdmin }: Props) {
  const opening = useOpenings(opened);
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="lg"
      title={<Text fw={600}>Create an API key</Text>}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <CreateKeyForm key={opening} onClose={onClose} workspaceId={workspaceId} orgAdmin={orgAdmin} />
    </Drawer>
  );
}

/** The form, then the new key once; a fresh one for each opening of the drawer (openings.ts). */
function CreateKeyForm({ onClose, workspaceId, orgAdmin }: Omit<Props, 'opened'>) {
  const client = useQueryClient();
  const [type, setType] = useState<KeyType>('workspace-service');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [userId, setUserId] = useState<string | null>(null);
  const [scopes, setScopes] = useState<string[]>(() => defaultsFor('workspace-service'));
  const [expires, setExpires] = useState('');
  const kind = KEY_TYPES.find((k) => k.value === type)!;
  const members = useQuery({
    queryKey: ['workspace-users', workspaceId],
    queryFn: () => unwrap(api.GET('/v1/admin/workspaces/{workspaceId}/users', { params: { path: { workspaceId } } })),
    enabled: type === 'workspace-user',
  });
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/v1/api-keys/{type}/{subType}', {
          params: { path: kind.path },
          body: {
            name: name.trim(),
            ...(description.trim() ? { description: description.trim() } : {}),
            ...(type === 'organisation-service' ? {} : { workspace_id: workspaceId }),
            ...(type === 'workspace-user' && userId ? { user_id: userId } : {}),
            scopes,
            ...(expires ? { expires_at: new Date(expires).toISOString() } : {}),
          },
        }),
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['api-keys'] }),
  });
  const field = create.error instanceof ApiError ? create.error.field : null;
  const errorFor = (names: string[]) => (field && names.includes(field) ? messageOf(create.error) : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };

  return create.data ? (
    <Stack>
      <SecretOnce label={`API key "${name.trim()}"`} secret={create.data.key} />
      <Button onClick={onClose} w="fit-content">
        Done
      </Button>
    </Stack>
  ) : (
    <form onSubmit={submit} noValidate aria-label="Create an API key">
      <Stack>
        {create.error && !field ? (
          <Alert color="red" role="alert" title="The key was not created">
            {messageOf(create.error)}
          </Alert>
        ) : null}
        <TextInput
          label="Name"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errorFor(['name'])}
          data-autofocus
        />
        <Textarea
          label="Description"
          autosize
          minRows={1}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={errorFor(['description'])}
        />
        <Select
          label="Kind of key"
          description={kind.description}
          data={KEY_TYPES.filter((k) => orgAdmin || !k.orgOnly).map((k) => ({ value: k.value, label: k.label }))}
          value={type}
          onChange={(v) => {
            if (!v) return;
            setType(v as KeyType);
            setScopes(defaultsFor(v as KeyType));
          }}
          allowDeselect={false}
        />
        {type === 'workspace-user' ? (
          <Select
            label="Person"
            required
            placeholder={members.isPending ? 'Loading members…' : 'Choose a member of this workspace'}
            data={(members.data?.data ?? []).map((m) => ({ value: m.user_id, label: `${m.email} (${m.role})` }))}
            value={userId}
            onChange={setUserId}
            error={errorFor(['user_id'])}
            searchable
          />
        ) : null}
        <ScopePicker type={type} value={scopes} onChange={setScopes} error={errorFor(['scopes'])} />
        <TextInput
          type="datetime-local"
          label="Expires"
          description="Optional. After this time the key is refused."
          value={expires}
          onChange={(e) => setExpires(e.currentTarget.value)}
          error={errorFor(['expires_at'])}
        />
        <Button type="submit" loading={create.isPending} disabled={!name.trim() || scopes.length === 0} w="fit-content">
          Create key
        </Button>
      </Stack>
    </form>
  );
}
