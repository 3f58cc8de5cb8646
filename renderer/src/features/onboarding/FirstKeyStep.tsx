// Creates the first workspace service key for an application (scope completions.write: it can
// send requests, nothing else) and shows it once.
import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { messageOf } from '../../api/errors';
import { SecretOnce } from '../../components/SecretOnce';

export function FirstKeyStep({ workspaceId, onCreated }: { workspaceId: string; onCreated: (key: string) => void }) {
  const [name, setName] = useState('First application');
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/v1/api-keys/{type}/{subType}', {
          params: { path: { type: 'workspace', subType: 'service' } },
          body: { name: name.trim(), workspace_id: workspaceId, scopes: ['completions.write'] },
        }),
      ),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  if (create.data) {
    return (
      <Stack>
        <SecretOnce label={`API key "${name.trim()}"`} secret={create.data.key} />
        <Group>
          <Button onClick={() => onCreated(create.data.key)}>I have copied it: continue</Button>
        </Group>
      </Stack>
    );
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {create.error ? (
          <Alert color="red" role="alert" title="The key was not created">
            {messageOf(create.error)}
          </Alert>
        ) : null}
        <TextInput
          label="Key name"
          description="Who or what will use it"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          w={360}
        />
        <Button type="submit" loading={create.isPending} disabled={!name.trim()} w="fit-content">
          Create key
        </Button>
      </Stack>
    </form>
  );
}
