// Connects a model server: a workspace integration with a custom host on the LAN (and its default
// provider, `@slug`), as POST /v1/integrations makes it. Server errors land on the field they name.
import { useState, type FormEvent } from 'react';
import { Alert, Button, PasswordInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { ApiError, messageOf } from '../../api/errors';
import type { BodyOf } from '../../api/types';
import { SERVER_KINDS, serverKind } from './servers';

export interface Connected {
  slug: string;
  name: string;
  kind: string;
  model: string;
}

const FIELDS: Record<string, string> = {
  name: 'name',
  slug: 'name',
  key: 'key',
  'configurations.custom_host': 'host',
  custom_host: 'host',
  'configurations.azure_deployment_config': 'deployment',
};

export function ConnectServerForm({ workspaceId, onConnected }: { workspaceId: string; onConnected: (c: Connected) => void }) {
  const client = useQueryClient();
  const [kindId, setKindId] = useState('vllm');
  const kind = serverKind(kindId);
  const [name, setName] = useState('');
  const [host, setHost] = useState('');
  const [key, setKey] = useState('');
  const [deployment, setDeployment] = useState('');
  const [apiVersion, setApiVersion] = useState('2024-10-21');

  const connect = useMutation({
    mutationFn: () => {
      const body: BodyOf<'/v1/integrations', 'post'> = {
        name: name.trim() || kind.label,
        ai_provider_id: kind.id,
        workspace_id: workspaceId,
        ...(key ? { key } : {}),
        configurations: {
          custom_host: host.trim(),
          ...(kind.azure
            ? { azure_deployment_config: [{ azure_deployment_name: deployment.trim(), azure_api_version: apiVersion, is_default: true }] }
            : {}),
        },
      };
      return unwrap(api.POST('/v1/integrations', { body }));
    },
    onSuccess: (created) => {
      void client.invalidateQueries({ queryKey: ['integrations'] });
      void client.invalidateQueries({ queryKey: ['providers'] });
      onConnected({ slug: created.slug, name: name.trim() || kind.label, kind: kind.id, model: kind.azure ? deployment.trim() : '' });
    },
  });
  const errorField = connect.error instanceof ApiError && connect.error.field ? FIELDS[connect.error.field] : undefined;
  const fieldError = (field: string) => (errorField === field ? messageOf(connect.error) : undefined);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    connect.mutate();
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Connect a model server">
      <Stack>
        {connect.error && !errorField ? (
          <Alert color="red" role="alert" title="The server was not connected">
            {messageOf(connect.error)}
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Server type"
            data={SERVER_KINDS.map((k) => ({ value: k.id, label: k.label }))}
            value={kindId}
            onChange={(v) => v && setKindId(v)}
            allowDeselect={false}
          />
          <TextInput
            label="Name"
            placeholder={kind.label}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError('name')}
          />
        </SimpleGrid>
        <TextInput
          label="Server address"
          description="The base URL the appliance calls, on your network"
          placeholder={kind.host}
          required
          value={host}
          onChange={(e) => setHost(e.currentTarget.value)}
          error={fieldError('host')}
        />
        {kind.key !== 'none' ? (
          <PasswordInput
            label={kind.key === 'required' ? 'API key' : 'API key (if the server needs one)'}
            description="Stored encrypted; never shown again"
            required={kind.key === 'required'}
            autoComplete="off"
            value={key}
            onChange={(e) => setKey(e.currentTarget.value)}
            error={fieldError('key')}
          />
        ) : null}
        {kind.azure ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Deployment name"
              required
              value={deployment}
              onChange={(e) => setDeployment(e.currentTarget.value)}
              error={fieldError('deployment')}
            />
            <TextInput label="API version" required value={apiVersion} onChange={(e) => setApiVersion(e.currentTarget.value)} />
          </SimpleGrid>
        ) : null}
        <Button type="submit" loading={connect.isPending} disabled={!host.trim() || (kind.azure && !deployment.trim())} w="fit-content">
          Connect
        </Button>
      </Stack>
    </form>
  );
}
