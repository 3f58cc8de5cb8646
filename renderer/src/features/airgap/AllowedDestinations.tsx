// Every destination the appliance may reach, with where it comes from and who configured it when,
// and the admins' allow-list edited in place: add a host, host:port, *.domain, CIDR range or URL
// (the server's refusal under the field), remove an entry after naming it.
import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconPlus } from '@tabler/icons-react';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/errors';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { DangerButton } from '../../components/DangerButton';
import { useSearch } from '../../components/SearchInput';
import { ago, dateTime } from '../../lib/format';
import { fieldErrors } from '../../lib/fieldErrors';
import type { EgressReport } from './report';

type Allowed = EgressReport['allowed'][number];

const SOURCE_LABELS: Record<Allowed['source'], string> = {
  allow_list: 'Allow-list',
  environment: 'Environment',
  integration: 'Integration',
};

export function AllowedDestinations({ report }: { report: EgressReport }) {
  const client = useQueryClient();
  const matches = useSearch();
  const [removing, setRemoving] = useState<Allowed | null>(null);
  const refresh = () => void client.invalidateQueries({ queryKey: ['egress'] });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/v1/admin/egress/allow-list/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      setRemoving(null);
      refresh();
    },
  });
  const rows = report.allowed.filter((a) => matches(`${a.destination} ${a.detail} ${a.configured_by ?? ''}`));
  return (
    <Paper withBorder p="md" component="section" aria-label="Allowed destinations">
      <Stack gap="sm">
        <Title order={2} size="h5">
          Allowed destinations ({report.allowed.length})
        </Title>
        <Text size="sm" c="dimmed">
          The appliance opens connections only to these. A saved integration allows its host; the operator sets EGRESS_ALLOW and
          TRUSTED_CUSTOM_HOSTS in the environment; admins keep the allow-list here. Anything else is refused before any DNS lookup.
        </Text>
        <AddEntry onAdded={refresh} />
        <Table aria-label="Allowed destinations" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Destination</Table.Th>
              <Table.Th>Source</Table.Th>
              <Table.Th>Detail</Table.Th>
              <Table.Th>Configured by</Table.Th>
              <Table.Th>When</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((a) => (
              <Table.Tr key={`${a.source}/${a.destination}/${a.detail}`}>
                <Table.Td ff="monospace">{a.destination}</Table.Td>
                <Table.Td>
                  <Badge variant="default" tt="none">
                    {SOURCE_LABELS[a.source]}
                  </Badge>
                </Table.Td>
                <Table.Td>{a.detail}</Table.Td>
                <Table.Td>{a.configured_by ?? '—'}</Table.Td>
                <Table.Td title={a.configured_at ? dateTime(a.configured_at) : undefined}>
                  {a.configured_at ? ago(a.configured_at) : '—'}
                </Table.Td>
                <Table.Td>
                  {a.source === 'allow_list' && a.id ? (
                    <DangerButton size="compact-sm" onClick={() => setRemoving(a)} aria-label={`Remove ${a.destination}`}>
                      Remove
                    </DangerButton>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {report.allowed.length === 0 ? (
          <Text size="sm">
            Nothing is allowed: the appliance may not connect anywhere. Connect a model server in the Model catalog, or allow a destination
            above.
          </Text>
        ) : null}
      </Stack>
      <ConfirmDelete
        opened={removing !== null}
        title={`Remove ${removing?.destination ?? ''} from the allow-list?`}
        consequence="Connections to it are refused from now on, unless a saved integration or the environment still allows it."
        name={removing?.destination ?? ''}
        action="Remove destination"
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => removing?.id && remove.mutate(removing.id)}
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
      />
    </Paper>
  );
}

function AddEntry({ onAdded }: { onAdded: () => void }) {
  const [destination, setDestination] = useState('');
  const [description, setDescription] = useState('');
  const add = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/v1/admin/egress/allow-list', {
          body: { destination: destination.trim(), description: description.trim() || null },
        }),
      ),
    onSuccess: () => {
      setDestination('');
      setDescription('');
      onAdded();
    },
  });
  // A repeated entry (409) names no field, but it is about the destination.
  const conflict = add.error instanceof ApiError && add.error.status === 409 ? add.error.message : undefined;
  const errors = fieldErrors(conflict ? null : add.error, ['destination', 'description']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Allow a destination">
      <Stack gap="xs">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label="Destination"
            placeholder="llm.example.org:443, 10.20.0.0/16, *.corp.example"
            value={destination}
            onChange={(e) => {
              setDestination(e.currentTarget.value);
              if (add.error) add.reset();
            }}
            error={conflict ?? errors.on('destination')}
            w={340}
            required
          />
          <TextInput
            label="Description"
            placeholder="why it may be reached"
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.on('description')}
            w={300}
          />
          <Button type="submit" loading={add.isPending} disabled={!destination.trim()} leftSection={<IconPlus size={16} />}>
            Allow destination
          </Button>
        </Group>
        {errors.general ? (
          <Alert color="red" role="alert" title="The destination was not allowed">
            {errors.general}
          </Alert>
        ) : null}
      </Stack>
    </form>
  );
}
