// One API key: its facts, edit (name, description, scopes, expiry), rotate with a transition
// period (the new secret shown once), reset usage, and revoke with confirmation.
import { useState, type ReactNode } from 'react';
import { Alert, Badge, Button, Code, Divider, Drawer, Group, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { ApiError, messageOf } from '../../api/errors';
import type { ApiKeyList } from '../../api/types';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { DangerButton } from '../../components/DangerButton';
import { SecretOnce } from '../../components/SecretOnce';
import { budgetAmount, dateTime } from '../../lib/format';
import { typeLabel, type KeyType } from './keyTypes';
import { ScopePicker } from './ScopePicker';

type Key = ApiKeyList['data'][number];

const TRANSITIONS = [
  { value: '1800000', label: '30 minutes' },
  { value: '3600000', label: '1 hour' },
  { value: '86400000', label: '1 day' },
  { value: '604800000', label: '7 days' },
];

const toInput = (iso: string | null) =>
  iso ? new Date(new Date(iso).getTime() - new Date(iso).getTimezoneOffset() * 60_000).toISOString().slice(0, 16) : '';

export function KeyDrawer({ apiKey, onClose }: { apiKey: Key | null; onClose: () => void }) {
  return (
    <Drawer
      opened={apiKey !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={<Text fw={600}>{apiKey?.name ?? ''}</Text>}
      closeButtonProps={{ 'aria-label': 'Close key details' }}
    >
      {apiKey ? <KeyDetail key={apiKey.id} apiKey={apiKey} onGone={onClose} /> : null}
    </Drawer>
  );
}

function KeyDetail({ apiKey, onGone }: { apiKey: Key; onGone: () => void }) {
  const client = useQueryClient();
  const [name, setName] = useState(apiKey.name);
  const [description, setDescription] = useState(apiKey.description ?? '');
  const [scopes, setScopes] = useState<string[]>(apiKey.scopes);
  const [expires, setExpires] = useState(toInput(apiKey.expires_at));
  const [transition, setTransition] = useState('3600000');
  const [confirming, setConfirming] = useState(false);
  const id = apiKey.id;
  const refresh = () => void client.invalidateQueries({ queryKey: ['api-keys'] });
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/v1/api-keys/{id}', {
          params: { path: { id } },
          body: {
            name: name.trim(),
            description: description.trim() || null,
            scopes,
            expires_at: expires ? new Date(expires).toISOString() : null,
          },
        }),
      ),
    onSuccess: refresh,
  });
  const rotate = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/v1/api-keys/{id}/rotate', { params: { path: { id } }, body: { key_transition_period_ms: Number(transition) } })),
    onSuccess: refresh,
  });
  const reset = useMutation({
    mutationFn: () => unwrap(api.PUT('/v1/api-keys/{id}', { params: { path: { id } }, body: { reset_usage: true } })),
    onSuccess: refresh,
  });
  const revoke = useMutation({
    mutationFn: () => unwrap(api.DELETE('/v1/api-keys/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      refresh();
      onGone();
    },
  });
  const field = save.error instanceof ApiError ? save.error.field : null;
  const errorFor = (f: string) => (field === f ? messageOf(save.error) : undefined);

  return (
    <Stack>
      <Table withRowBorders={false} verticalSpacing={2} aria-label="Key facts">
        <Table.Tbody>
          {(
            [
              ['Key', <Code key="k">{apiKey.key}</Code>],
              ['Kind', typeLabel(apiKey.type)],
              [
                'Status',
                <Badge key="s" variant="dot" color={apiKey.status === 'active' ? 'green' : 'gray'}>
                  {apiKey.status}
                </Badge>,
              ],
              ['Created', dateTime(apiKey.created_at)],
              ['Expires', apiKey.expires_at ? dateTime(apiKey.expires_at) : 'Never'],
              ['Last rotated', apiKey.last_rotated_at ? dateTime(apiKey.last_rotated_at) : 'Never'],
              ['Old key valid until', apiKey.key_transition_expires_at ? dateTime(apiKey.key_transition_expires_at) : '—'],
              ['Usage', budgetAmount(apiKey.current_usage, apiKey.usage_limits?.type)],
            ] as [string, ReactNode][]
          ).map(([k, v]) => (
            <Table.Tr key={k}>
              <Table.Th scope="row" w={170} fw={500} c="dimmed">
                {k}
              </Table.Th>
              <Table.Td>{v}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>

      <Divider />
      <Title order={3} size="h5">
        Edit
      </Title>
      {save.error && !field ? (
        <Alert color="red" role="alert">
          {messageOf(save.error)}
        </Alert>
      ) : null}
      {save.isSuccess ? (
        <Text size="sm" c="green.8" role="status">
          Saved.
        </Text>
      ) : null}
      <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={errorFor('name')} />
      <Textarea label="Description" autosize minRows={1} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
      <ScopePicker type={apiKey.type as KeyType} value={scopes} onChange={setScopes} error={errorFor('scopes')} />
      <TextInput
        type="datetime-local"
        label="Expires"
        value={expires}
        onChange={(e) => setExpires(e.currentTarget.value)}
        error={errorFor('expires_at')}
      />
      <Button onClick={() => save.mutate()} loading={save.isPending} w="fit-content" disabled={!name.trim() || scopes.length === 0}>
        Save changes
      </Button>

      <Divider />
      <Title order={3} size="h5">
        Rotate
      </Title>
      <Text size="sm">
        A new secret replaces this one; the old one keeps working for the transition period, so applications can switch.
      </Text>
      {rotate.data ? (
        <SecretOnce
          label={`New secret for "${apiKey.name}" (the old one works until ${dateTime(rotate.data.key_transition_expires_at)})`}
          secret={rotate.data.key}
        />
      ) : (
        <Group align="flex-end">
          <Select
            label="Old secret keeps working for"
            data={TRANSITIONS}
            value={transition}
            onChange={(v) => v && setTransition(v)}
            allowDeselect={false}
            w={220}
          />
          <Button variant="default" onClick={() => rotate.mutate()} loading={rotate.isPending}>
            Rotate key
          </Button>
        </Group>
      )}
      {rotate.error ? (
        <Alert color="red" role="alert">
          {messageOf(rotate.error)}
        </Alert>
      ) : null}

      <Divider />
      <Group>
        <Button variant="default" onClick={() => reset.mutate()} loading={reset.isPending}>
          Reset usage
        </Button>
        <DangerButton onClick={() => setConfirming(true)}>Revoke key</DangerButton>
      </Group>
      {reset.isSuccess ? (
        <Text size="sm" role="status">
          Usage reset.
        </Text>
      ) : null}
      {reset.error ? (
        <Alert color="red" role="alert">
          {messageOf(reset.error)}
        </Alert>
      ) : null}
      <ConfirmDelete
        opened={confirming}
        title={`Revoke "${apiKey.name}"?`}
        consequence="Requests with this key are refused at once, and it cannot be restored."
        name={apiKey.name}
        action="Revoke key"
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoke.mutate()}
        onClose={() => setConfirming(false)}
      />
    </Stack>
  );
}
