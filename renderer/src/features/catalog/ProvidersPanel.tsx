// The providers of the current workspace backed by one integration: how requests name it
// (`@slug`). Add another (a second name, say for a team), or delete one with confirmation.
import { useState } from 'react';
import { Alert, Button, Code, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { IntegrationDetail, ProviderView } from '../../api/types';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { DangerButton } from '../../components/DangerButton';
import { ago, budgetAmount, dateTime } from '../../lib/format';
import { fieldErrors } from '../../lib/fieldErrors';

interface Props {
  integration: IntegrationDetail;
  workspaceId: string;
  providers: ProviderView[];
}

export function ProvidersPanel({ integration, workspaceId, providers }: Props) {
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [deleting, setDeleting] = useState<ProviderView | null>(null);
  const refresh = () => void client.invalidateQueries({ queryKey: ['providers'] });
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/v1/providers', {
          body: {
            name: name.trim(),
            integration_id: integration.slug,
            workspace_id: workspaceId,
            ...(slug.trim() ? { slug: slug.trim() } : {}),
          },
        }),
      ),
    onSuccess: () => {
      setName('');
      setSlug('');
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (p: ProviderView) =>
      unwrap(api.DELETE('/v1/providers/{slug}', { params: { path: { slug: p.slug }, query: { workspace_id: workspaceId } } })),
    onSuccess: () => {
      setDeleting(null);
      refresh();
    },
  });
  const errors = fieldErrors(create.error, ['name', 'slug']);
  return (
    <Stack>
      {providers.length === 0 ? (
        <Text size="sm" c="dimmed">
          No provider in this workspace uses this integration.
        </Text>
      ) : (
        <Table aria-label="Providers" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Requests name it</Table.Th>
              <Table.Th>Usage</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {providers.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{p.name}</Table.Td>
                <Table.Td>
                  <Code>@{p.slug}</Code>
                </Table.Td>
                <Table.Td>{budgetAmount(p.current_usage, p.usage_limits?.type)}</Table.Td>
                <Table.Td title={dateTime(p.created_at)}>{ago(p.created_at)}</Table.Td>
                <Table.Td>
                  <DangerButton size="compact-xs" onClick={() => setDeleting(p)} aria-label={`Delete provider @${p.slug}`}>
                    Delete
                  </DangerButton>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <form
        aria-label="Add a provider"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack gap="xs">
          {errors.general ? (
            <Alert color="red" role="alert">
              {errors.general}
            </Alert>
          ) : null}
          <Group align="flex-start">
            <TextInput
              label="Provider name"
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.on('name')}
            />
            <TextInput
              label="Slug"
              description="Optional; made from the name"
              value={slug}
              onChange={(e) => setSlug(e.currentTarget.value)}
              error={errors.on('slug')}
            />
            <Button type="submit" mt={24} disabled={!name.trim()} loading={create.isPending}>
              Add provider
            </Button>
          </Group>
        </Stack>
      </form>
      <ConfirmDelete
        opened={deleting !== null}
        title={`Delete provider "@${deleting?.slug ?? ''}"?`}
        consequence="Requests that name it are refused at once. The integration and its other providers stay."
        name={deleting?.slug ?? ''}
        action="Delete provider"
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}
