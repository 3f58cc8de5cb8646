// The models an integration exposes: which are on (a request for one that is off is refused),
// whether any other model name is allowed, models added by name (or found on the server), and
// removing the ones added by hand.
import { useState } from 'react';
import { ActionIcon, Alert, Autocomplete, Button, Group, Loader, Stack, Switch, Table, Text, Tooltip } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconTrash } from '@tabler/icons-react';
import { api, unwrap } from '../../api/client';
import { messageOf } from '../../api/errors';
import type { IntegrationDetail } from '../../api/types';
import { ErrorState } from '../../components/ErrorState';
import { fieldErrors } from '../../lib/fieldErrors';

interface Props {
  integration: IntegrationDetail;
  /** A provider of this workspace to ask the server for its model list, if there is one. */
  testVia: string | null;
  workspaceId: string;
}

export function ModelsPanel({ integration, testVia, workspaceId }: Props) {
  const client = useQueryClient();
  const slug = integration.slug;
  const [adding, setAdding] = useState('');
  const models = useQuery({
    queryKey: ['integrations', 'models', slug],
    queryFn: () => unwrap(api.GET('/v1/integrations/{slug}/models', { params: { path: { slug } } })),
  });
  const refresh = () => void client.invalidateQueries({ queryKey: ['integrations', 'models', slug] });
  const put = useMutation({
    mutationFn: (body: { models: { slug: string; enabled: boolean; is_custom?: boolean }[]; allow_all_models?: boolean }) =>
      unwrap(api.PUT('/v1/integrations/{slug}/models', { params: { path: { slug } }, body })),
    onSuccess: () => {
      setAdding('');
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (model: string) =>
      unwrap(api.DELETE('/v1/integrations/{slug}/models', { params: { path: { slug }, query: { slugs: model } } })),
    onSuccess: refresh,
  });
  const find = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/v1/providers/{slug}/test', { params: { path: { slug: testVia! }, query: { workspace_id: workspaceId } }, body: {} }),
      ),
  });
  const listed = new Set((models.data?.models ?? []).map((m) => m.slug));
  const found = (find.data?.models ?? []).filter((m) => !listed.has(m));
  const errors = fieldErrors(put.error, ['models']);

  if (models.error) return <ErrorState error={models.error} onRetry={() => void models.refetch()} />;
  if (!models.data) return <Loader size="sm" aria-label="Loading models" />;
  return (
    <Stack>
      <Switch
        label="Allow any model name"
        description="On: requests may name any model the server has. Off: only the models switched on below."
        checked={models.data.allow_all_models}
        onChange={(e) => put.mutate({ models: [], allow_all_models: e.currentTarget.checked })}
      />
      {models.data.models.length === 0 ? (
        <Text size="sm" c="dimmed">
          No models listed yet. Add the ones this server serves, so people can pick them and you can switch them off.
        </Text>
      ) : (
        <Table aria-label="Models" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Model</Table.Th>
              <Table.Th>Enabled</Table.Th>
              <Table.Th>Added by hand</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {models.data.models.map((m) => (
              <Table.Tr key={m.slug}>
                <Table.Td ff="monospace">{m.slug}</Table.Td>
                <Table.Td>
                  <Switch
                    aria-label={`Enable ${m.slug}`}
                    checked={m.enabled}
                    onChange={(e) => put.mutate({ models: [{ slug: m.slug, enabled: e.currentTarget.checked }] })}
                  />
                </Table.Td>
                <Table.Td>{m.is_custom ? 'Yes' : 'No'}</Table.Td>
                <Table.Td>
                  {m.is_custom ? (
                    <Tooltip label="Remove model">
                      <ActionIcon variant="subtle" color="gray" aria-label={`Remove ${m.slug}`} onClick={() => remove.mutate(m.slug)}>
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (adding.trim()) put.mutate({ models: [{ slug: adding.trim(), enabled: true, is_custom: true }] });
        }}
        aria-label="Add a model"
      >
        <Group align="flex-start">
          <Autocomplete
            label="Add a model"
            description={found.length ? `${found.length} more on the server` : 'As the server names it'}
            placeholder="meta-llama/Llama-3.1-8B-Instruct"
            data={found}
            value={adding}
            onChange={setAdding}
            error={errors.on('models')}
            w={360}
          />
          <Button type="submit" mt={46} disabled={!adding.trim()} loading={put.isPending}>
            Add model
          </Button>
          {testVia ? (
            <Button variant="default" mt={46} onClick={() => find.mutate()} loading={find.isPending}>
              Find models on the server
            </Button>
          ) : null}
        </Group>
      </form>
      {find.data && !find.data.ok ? (
        <Alert color="red" role="alert">
          {find.data.error}
        </Alert>
      ) : null}
      {find.data?.ok ? (
        <Text size="sm" role="status">
          {found.length
            ? `The server lists ${found.length} model${found.length === 1 ? '' : 's'} not added yet.`
            : 'Every model the server lists is added.'}
        </Text>
      ) : null}
      {[errors.general, remove.error ? messageOf(remove.error) : null, find.error ? messageOf(find.error) : null]
        .filter(Boolean)
        .map((m) => (
          <Alert key={m} color="red" role="alert">
            {m}
          </Alert>
        ))}
    </Stack>
  );
}
