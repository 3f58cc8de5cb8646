// One integration: its facts (the key only masked: secrets are never shown back), edit (name,
// description, address, a new key), a real test call, its models, the providers through which
// this workspace reaches it, and delete after typing its name.
import { useState } from 'react';
import { Alert, Button, Code, Divider, Drawer, Loader, PasswordInput, Stack, Tabs, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { IntegrationDetail } from '../../api/types';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { DangerButton } from '../../components/DangerButton';
import { ErrorState } from '../../components/ErrorState';
import { Facts } from '../../components/Facts';
import { dateTime } from '../../lib/format';
import { fieldErrors } from '../../lib/fieldErrors';
import { ConnectionTest } from './ConnectionTest';
import { ModelsPanel } from './ModelsPanel';
import { ProvidersPanel } from './ProvidersPanel';
import { useProviders } from './queries';

interface Props {
  slug: string | null;
  workspaceId: string;
  onClose: () => void;
}

export function IntegrationDrawer({ slug, workspaceId, onClose }: Props) {
  const detail = useQuery({
    queryKey: ['integrations', 'one', slug],
    queryFn: () => unwrap(api.GET('/v1/integrations/{slug}', { params: { path: { slug: slug! } } })),
    enabled: slug !== null,
  });
  return (
    <Drawer
      opened={slug !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={<Text fw={600}>{detail.data?.name ?? slug ?? ''}</Text>}
      closeButtonProps={{ 'aria-label': 'Close integration' }}
    >
      {detail.error ? <ErrorState error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {slug !== null && detail.isPending ? <Loader aria-label="Loading the integration" /> : null}
      {detail.data ? (
        <IntegrationDetailView key={detail.data.id} integration={detail.data} workspaceId={workspaceId} onGone={onClose} />
      ) : null}
    </Drawer>
  );
}

function IntegrationDetailView({
  integration,
  workspaceId,
  onGone,
}: {
  integration: IntegrationDetail;
  workspaceId: string;
  onGone: () => void;
}) {
  const providers = useProviders(workspaceId);
  const mine = (providers.data?.data ?? []).filter((p) => p.integration_id === integration.slug);
  // The test goes through a provider of this workspace: the default one (same slug) when it has it.
  const testVia = mine.find((p) => p.slug === integration.slug) ?? mine[0] ?? null;
  const host = typeof integration.configurations.custom_host === 'string' ? integration.configurations.custom_host : null;
  return (
    <Stack>
      <Facts
        label="Integration facts"
        rows={[
          ['Slug', <Code key="s">{integration.slug}</Code>],
          ['Server type', integration.ai_provider_id],
          ['Address', host ? <Code key="h">{host}</Code> : '—'],
          ['Key', integration.masked_key ? <Code key="k">{integration.masked_key}</Code> : 'None'],
          ['Level', integration.workspace_id ? 'This workspace' : `Organisation (${integration.workspace_count} workspaces)`],
          ['Status', integration.status],
          ['Created', dateTime(integration.created_at)],
        ]}
      />
      <Tabs defaultValue="test" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="test">Test</Tabs.Tab>
          <Tabs.Tab value="models">Models</Tabs.Tab>
          <Tabs.Tab value="providers">Providers</Tabs.Tab>
          <Tabs.Tab value="settings">Settings</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="test" pt="md">
          {testVia ? (
            <ConnectionTest provider={testVia.slug} workspaceId={workspaceId} />
          ) : (
            <Text size="sm">This workspace has no provider for this integration yet: add one under Providers to test it from here.</Text>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="models" pt="md">
          <ModelsPanel integration={integration} testVia={testVia?.slug ?? null} workspaceId={workspaceId} />
        </Tabs.Panel>
        <Tabs.Panel value="providers" pt="md">
          <ProvidersPanel integration={integration} workspaceId={workspaceId} providers={mine} />
        </Tabs.Panel>
        <Tabs.Panel value="settings" pt="md">
          <EditIntegration integration={integration} host={host} onGone={onGone} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

const FIELDS = ['name', 'description', 'key', 'configurations.custom_host', 'custom_host'];

function EditIntegration({ integration, host, onGone }: { integration: IntegrationDetail; host: string | null; onGone: () => void }) {
  const client = useQueryClient();
  const [name, setName] = useState(integration.name);
  const [description, setDescription] = useState(integration.description ?? '');
  const [address, setAddress] = useState(host ?? '');
  const [key, setKey] = useState('');
  const [deleting, setDeleting] = useState(false);
  const refresh = () => void client.invalidateQueries({ queryKey: ['integrations'] });
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/v1/integrations/{slug}', {
          params: { path: { slug: integration.slug } },
          body: {
            name: name.trim(),
            description: description.trim() || null,
            ...(key ? { key } : {}),
            ...(address.trim() !== (host ?? '') ? { configurations: { custom_host: address.trim() || null } } : {}),
          },
        }),
      ),
    onSuccess: () => {
      setKey('');
      refresh();
      void client.invalidateQueries({ queryKey: ['providers'] });
    },
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/v1/integrations/{slug}', { params: { path: { slug: integration.slug } } })),
    onSuccess: () => {
      refresh();
      void client.invalidateQueries({ queryKey: ['providers'] });
      onGone();
    },
  });
  const errors = fieldErrors(save.error, FIELDS);
  return (
    <Stack>
      {errors.general ? (
        <Alert color="red" role="alert" title="The integration was not saved">
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
        minRows={1}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        error={errors.on('description')}
      />
      <TextInput
        label="Server address"
        description="The base URL the appliance calls, on your network"
        value={address}
        onChange={(e) => setAddress(e.currentTarget.value)}
        error={errors.on('configurations.custom_host', 'custom_host')}
      />
      <PasswordInput
        label="New API key"
        description={
          integration.masked_key
            ? `Stored: ${integration.masked_key}. Leave empty to keep it.`
            : 'Optional. Stored encrypted; never shown again.'
        }
        autoComplete="off"
        value={key}
        onChange={(e) => setKey(e.currentTarget.value)}
        error={errors.on('key')}
      />
      <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!name.trim()} w="fit-content">
        Save changes
      </Button>
      <Divider />
      <DangerButton onClick={() => setDeleting(true)} w="fit-content">
        Delete integration
      </DangerButton>
      <ConfirmDelete
        opened={deleting}
        title={`Delete "${integration.name}"?`}
        consequence="Its providers stop serving requests at once in every workspace, and its stored key is destroyed."
        name={integration.name}
        action="Delete integration"
        typeToConfirm
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate()}
        onClose={() => setDeleting(false)}
      />
    </Stack>
  );
}
