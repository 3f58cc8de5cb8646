// The model catalog of the current workspace: the integrations it can use (a model server's
// address and key, organisation-wide or the workspace's own), searchable, with "Connect a model
// server" top right. A row opens the integration: its settings, test, models and providers.
import { Badge, Button, Code, Drawer, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useWorkspaceId } from '../../app/workspace';
import { ErrorState } from '../../components/ErrorState';
import { SearchInput, useSearch } from '../../components/SearchInput';
import { ago, dateTime } from '../../lib/format';
import { useUrlParams } from '../../lib/urlState';
import { ConnectServerForm } from './ConnectServerForm';
import { IntegrationDrawer } from './IntegrationDrawer';
import { useIntegrations, useProviders } from './queries';
import { serverKind } from './servers';

export default function CatalogPage() {
  const workspaceId = useWorkspaceId();
  const [params, update] = useUrlParams();
  const matches = useSearch();
  const integrations = useIntegrations(workspaceId);
  const providers = useProviders(workspaceId);
  const rows = (integrations.data?.data ?? []).filter((i) => matches(`${i.name} ${i.slug} ${i.ai_provider_id}`));
  const providerCount = (slug: string) => (providers.data?.data ?? []).filter((p) => p.integration_id === slug).length;
  const open = params.get('integration');

  return (
    <Stack>
      <Group justify="space-between">
        <SearchInput label="Search integrations" placeholder="Search by name or server type" />
        <Button leftSection={<IconPlus size={16} />} onClick={() => update({ connect: '1' })}>
          Connect a model server
        </Button>
      </Group>
      {integrations.error ? <ErrorState error={integrations.error} onRetry={() => void integrations.refetch()} /> : null}
      {integrations.data && integrations.data.total === 0 ? (
        <Paper withBorder p="lg">
          <Title order={2} size="h4">
            No model servers yet
          </Title>
          <Text size="sm" mt="xs" maw={720}>
            An integration is a model server the gateway can reach on your network (vLLM, Ollama, TGI, LM Studio, Azure OpenAI or any
            OpenAI-compatible server): its address and, if it needs one, its key, stored encrypted. Each workspace reaches it through a
            provider, named <code>@slug</code> in requests (<code>model: &quot;@slug/model-name&quot;</code>).
          </Text>
          <Button mt="md" onClick={() => update({ connect: '1' })}>
            Connect a model server
          </Button>
        </Paper>
      ) : (
        <Table highlightOnHover aria-label="Integrations" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Server type</Table.Th>
              <Table.Th>Slug</Table.Th>
              <Table.Th>Level</Table.Th>
              <Table.Th>Providers here</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Updated</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((i) => (
              <Table.Tr key={i.id} onClick={() => update({ integration: i.slug })} style={{ cursor: 'pointer' }}>
                <Table.Td>
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    onClick={() => update({ integration: i.slug })}
                    aria-label={`Open integration ${i.name}`}
                  >
                    {i.name}
                  </Button>
                </Table.Td>
                <Table.Td>
                  {serverKind(i.ai_provider_id).id === i.ai_provider_id ? serverKind(i.ai_provider_id).label : i.ai_provider_id}
                </Table.Td>
                <Table.Td>
                  <Code>{i.slug}</Code>
                </Table.Td>
                <Table.Td>{i.workspace_id ? 'Workspace' : 'Organisation'}</Table.Td>
                <Table.Td>{providerCount(i.slug)}</Table.Td>
                <Table.Td>
                  <Badge variant="dot" color={i.status === 'active' ? 'green' : 'gray'}>
                    {i.status}
                  </Badge>
                </Table.Td>
                <Table.Td title={dateTime(i.last_updated_at)}>{ago(i.last_updated_at)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Drawer
        opened={params.get('connect') === '1'}
        onClose={() => update({ connect: null })}
        position="right"
        size="lg"
        title={<Text fw={600}>Connect a model server</Text>}
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        <ConnectServerForm workspaceId={workspaceId} onConnected={(c) => update({ connect: null, integration: c.slug })} />
      </Drawer>
      <IntegrationDrawer slug={open} workspaceId={workspaceId} onClose={() => update({ integration: null })} />
    </Stack>
  );
}
