// One workspace: its facts, rename and describe it, archive or restore it, and delete it after
// typing its name (with what depends on it, when the person says so).
import { useState } from 'react';
import { Alert, Button, Checkbox, Code, Divider, Drawer, Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/errors';
import type { WorkspaceView } from '../../api/types';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { DangerButton } from '../../components/DangerButton';
import { Facts } from '../../components/Facts';
import { dateTime } from '../../lib/format';
import { fieldErrors } from '../../lib/fieldErrors';
import { SELF_KEY } from '../auth/session';

export function WorkspaceDrawer({ workspace, onClose }: { workspace: WorkspaceView | null; onClose: () => void }) {
  return (
    <Drawer
      opened={workspace !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={<Text fw={600}>{workspace?.name ?? ''}</Text>}
      closeButtonProps={{ 'aria-label': 'Close workspace' }}
    >
      {workspace ? <WorkspaceDetail key={workspace.id} workspace={workspace} onGone={onClose} /> : null}
    </Drawer>
  );
}

function WorkspaceDetail({ workspace, onGone }: { workspace: WorkspaceView; onGone: () => void }) {
  const client = useQueryClient();
  const [name, setName] = useState(workspace.name);
  const [description, setDescription] = useState(workspace.description ?? '');
  const [deleting, setDeleting] = useState(false);
  const [force, setForce] = useState(false);
  const id = workspace.id;
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['workspaces'] });
    void client.invalidateQueries({ queryKey: SELF_KEY });
  };
  const save = useMutation({
    mutationFn: (body: { name?: string; description?: string | null; status?: 'active' | 'archived' }) =>
      unwrap(api.PUT('/v1/admin/workspaces/{workspaceId}', { params: { path: { workspaceId: id } }, body })),
    onSuccess: (_, body) => {
      refresh();
      // An archived workspace leaves the list of active ones: its drawer closes with it.
      if (body.status === 'archived') onGone();
    },
  });
  const remove = useMutation({
    mutationFn: () =>
      unwrap(
        api.DELETE('/v1/admin/workspaces/{workspaceId}', {
          params: { path: { workspaceId: id } },
          body: { name: workspace.name, ...(force ? { force_delete: true } : {}) },
        }),
      ),
    onSuccess: () => {
      refresh();
      onGone();
    },
  });
  const errors = fieldErrors(save.error, ['name', 'description']);
  const hasDependents = remove.error instanceof ApiError && remove.error.status === 409;
  const archived = workspace.status === 'archived';
  return (
    <Stack>
      <Facts
        label="Workspace facts"
        rows={[
          ['Slug', <Code key="s">{workspace.slug}</Code>],
          ['Id', <Code key="i">{workspace.id}</Code>],
          ['Status', workspace.status],
          ['Created', dateTime(workspace.created_at)],
          ['Updated', dateTime(workspace.last_updated_at)],
        ]}
      />
      <Divider />
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
      <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.on('name')} />
      <Textarea
        label="Description"
        autosize
        minRows={2}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        error={errors.on('description')}
      />
      <Group>
        <Button
          onClick={() => save.mutate({ name: name.trim(), description: description.trim() || null })}
          loading={save.isPending}
          disabled={!name.trim()}
        >
          Save changes
        </Button>
        <Button variant="default" onClick={() => save.mutate({ status: archived ? 'active' : 'archived' })}>
          {archived ? 'Restore workspace' : 'Archive workspace'}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        An archived workspace keeps its data but its keys stop working, until it is restored.
      </Text>
      <Divider />
      <DangerButton onClick={() => setDeleting(true)} w="fit-content">
        Delete workspace
      </DangerButton>
      <ConfirmDelete
        opened={deleting}
        title={`Delete "${workspace.name}"?`}
        consequence="Its API keys stop working at once, and its members lose access."
        name={workspace.name}
        action="Delete workspace"
        typeToConfirm
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate()}
        onClose={() => {
          setDeleting(false);
          remove.reset();
        }}
      >
        {hasDependents ? (
          <Checkbox
            label="Also delete its API keys, configs and providers"
            checked={force}
            onChange={(e) => setForce(e.currentTarget.checked)}
          />
        ) : null}
      </ConfirmDelete>
    </Stack>
  );
}
