// Guardrails: the saved guardrails the current workspace can use (its own and the organisation's),
// with where each runs by default, searchable and filtered by level in the URL; "Create guardrail"
// top right. A row opens the guardrail: edit it (each save is a new version), test it on sample
// text, attach it to the workspace's or the organisation's defaults, delete it.
import { useState } from 'react';
import { Badge, Button, Code, Drawer, Group, Loader, Paper, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconPlus } from '@tabler/icons-react';
import { api, unwrap } from '../../api/client';
import { useWorkspace, useWorkspaceId } from '../../app/workspace';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { DangerButton } from '../../components/DangerButton';
import { ErrorState } from '../../components/ErrorState';
import { Facts } from '../../components/Facts';
import { SearchInput, useSearch } from '../../components/SearchInput';
import { ago, dateTime } from '../../lib/format';
import { useUrlParams } from '../../lib/urlState';
import { useSession } from '../auth/session';
import { DefaultsPanel } from './DefaultsPanel';
import { GuardrailForm } from './GuardrailForm';
import {
  NO_ACTIONS,
  abilitiesOf,
  actionsOf,
  checksBody,
  mayChange,
  names,
  useCheckCatalogue,
  useGuardrails,
  useOrganisationDefaults,
  useWorkspaceDefaults,
  type Abilities,
  type CheckInfo,
  type GuardrailSummary,
} from './guardrails';

export default function GuardrailsPage() {
  const self = useSession();
  const { workspace } = useWorkspace();
  const workspaceId = useWorkspaceId();
  const abilities = abilitiesOf(self, workspace);
  const [params, update] = useUrlParams();
  const matches = useSearch();
  const list = useGuardrails(workspaceId, abilities.orgAdmin);
  const catalogue = useCheckCatalogue();
  const wsDefaults = useWorkspaceDefaults(workspaceId);
  const orgDefaults = useOrganisationDefaults(abilities.organisationDefaults);
  const level = params.get('level');
  const rows = (list.data?.rows ?? []).filter(
    (g) => (!level || (level === 'organisation') === (g.workspace_id === null)) && matches(`${g.name} ${g.slug}`),
  );
  const openRef = params.get('guardrail');
  const open = list.data?.rows.find((g) => g.id === openRef || g.slug === openRef) ?? null;
  const canCreate = abilities.writeWorkspace || abilities.writeOrganisation;

  const defaultsOf = (g: GuardrailSummary) => {
    const out: string[] = [];
    if (wsDefaults.data && names(wsDefaults.data.input, g)) out.push('Workspace requests');
    if (wsDefaults.data && names(wsDefaults.data.output, g)) out.push('Workspace answers');
    if (orgDefaults.data && names(orgDefaults.data.input, g)) out.push('Organisation requests');
    if (orgDefaults.data && names(orgDefaults.data.output, g)) out.push('Organisation answers');
    return out;
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Group gap="xs">
          <SearchInput label="Search guardrails" placeholder="Search by name or slug" />
          <Select
            aria-label="Level"
            placeholder="Both levels"
            clearable
            data={[
              { value: 'workspace', label: 'This workspace' },
              { value: 'organisation', label: 'Organisation' },
            ]}
            value={level}
            onChange={(v) => update({ level: v })}
            w={180}
          />
        </Group>
        {canCreate ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => update({ create: '1' })}>
            Create guardrail
          </Button>
        ) : null}
      </Group>
      {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data?.more ? (
        <Text size="sm" c="dimmed" role="status">
          Only the newest 100 guardrails of each level are listed.
        </Text>
      ) : null}
      {list.data && list.data.rows.length === 0 ? (
        <Paper withBorder p="lg">
          <Title order={2} size="h4">
            No guardrails yet
          </Title>
          <Text size="sm" mt="xs" maw={760}>
            A guardrail checks requests before they reach a model, and answers before they reach the application: personal data and secrets
            (found, or redacted), words and patterns, JSON shape, allowed models and metadata, or a verdict from a model on your network.
            When a check fails, the request is denied (446) or goes on with the verdicts in the answer (246). Every check runs on this
            appliance. Attach a guardrail to the workspace&apos;s defaults, or name it in a config&apos;s input_guardrails and
            output_guardrails.
          </Text>
        </Paper>
      ) : (
        <Table highlightOnHover aria-label="Guardrails" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Slug</Table.Th>
              <Table.Th>Level</Table.Th>
              <Table.Th>Runs by default on</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Updated</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((g) => (
              <Table.Tr key={g.id} onClick={() => update({ guardrail: g.slug })} style={{ cursor: 'pointer' }}>
                <Table.Td>
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    onClick={() => update({ guardrail: g.slug })}
                    aria-label={`Open guardrail ${g.name}`}
                  >
                    {g.name}
                  </Button>
                </Table.Td>
                <Table.Td>
                  <Code>{g.slug}</Code>
                </Table.Td>
                <Table.Td>{g.workspace_id ? 'Workspace' : 'Organisation'}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {defaultsOf(g).map((d) => (
                      <Badge key={d} variant="outline" color="gray" size="sm">
                        {d}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>{g.status}</Table.Td>
                <Table.Td title={dateTime(g.last_updated_at)}>{ago(g.last_updated_at)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Drawer
        opened={params.get('create') === '1'}
        onClose={() => update({ create: null })}
        position="right"
        size="xl"
        title={<Text fw={600}>Create a guardrail</Text>}
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {catalogue.data ? (
          <CreateGuardrail
            catalogue={catalogue.data}
            abilities={abilities}
            workspaceId={workspaceId}
            onCreated={(slug) => update({ create: null, guardrail: slug })}
          />
        ) : catalogue.error ? (
          <ErrorState error={catalogue.error} onRetry={() => void catalogue.refetch()} />
        ) : (
          <Loader aria-label="Loading the checks" />
        )}
      </Drawer>
      <Drawer
        opened={open !== null}
        onClose={() => update({ guardrail: null })}
        position="right"
        size="xl"
        title={<Text fw={600}>{open?.name ?? ''}</Text>}
        closeButtonProps={{ 'aria-label': 'Close guardrail' }}
      >
        {open && workspace ? (
          <GuardrailDetail
            key={open.id}
            summary={open}
            catalogue={catalogue.data}
            abilities={abilities}
            workspace={workspace}
            onGone={() => update({ guardrail: null })}
          />
        ) : null}
      </Drawer>
    </Stack>
  );
}

function CreateGuardrail({
  catalogue,
  abilities,
  workspaceId,
  onCreated,
}: {
  catalogue: readonly CheckInfo[];
  abilities: Abilities;
  workspaceId: string;
  onCreated: (slug: string) => void;
}) {
  const client = useQueryClient();
  const [level, setLevel] = useState<'workspace' | 'organisation'>(abilities.writeWorkspace ? 'workspace' : 'organisation');
  return (
    <Stack>
      {abilities.writeOrganisation && abilities.writeWorkspace ? (
        <SegmentedControl
          aria-label="Level"
          data={[
            { value: 'workspace', label: 'This workspace' },
            { value: 'organisation', label: 'Whole organisation' },
          ]}
          value={level}
          onChange={(v) => setLevel(v === 'organisation' ? 'organisation' : 'workspace')}
          w="fit-content"
        />
      ) : null}
      <GuardrailForm
        catalogue={catalogue}
        initial={{ name: '', checks: [], actions: NO_ACTIONS }}
        submitLabel="Create guardrail"
        readOnly={false}
        canTest={abilities.writeWorkspace}
        guardrailId={null}
        workspaceId={workspaceId}
        onSubmit={async (d) => {
          const created = await unwrap(
            api.POST('/v1/guardrails', {
              body: {
                name: d.name,
                checks: checksBody(d.checks),
                actions: d.actions,
                ...(level === 'workspace' ? { workspace_id: workspaceId } : {}),
              },
            }),
          );
          await client.invalidateQueries({ queryKey: ['guardrails', 'list'] });
          onCreated(created.slug);
        }}
      />
    </Stack>
  );
}

function GuardrailDetail({
  summary,
  catalogue,
  abilities,
  workspace,
  onGone,
}: {
  summary: GuardrailSummary;
  catalogue: readonly CheckInfo[] | undefined;
  abilities: Abilities;
  workspace: { id: string; name: string };
  onGone: () => void;
}) {
  const client = useQueryClient();
  const [deleting, setDeleting] = useState(false);
  const detail = useQuery({
    queryKey: ['guardrails', 'one', summary.id],
    queryFn: () => unwrap(api.GET('/v1/guardrails/{guardrailId}', { params: { path: { guardrailId: summary.id } } })),
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/v1/guardrails/{guardrailId}', { params: { path: { guardrailId: summary.id } } })),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['guardrails', 'list'] });
      onGone();
    },
  });
  const may = mayChange(abilities, summary);
  if (detail.error) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data || !catalogue) return <Loader aria-label="Loading the guardrail" />;
  const g = detail.data;
  return (
    <Stack gap="lg">
      <Facts
        label="Guardrail facts"
        rows={[
          ['Slug', <Code key="s">{g.slug}</Code>],
          ['Level', g.workspace_id ? `Workspace ${workspace.name}` : 'Organisation (every workspace can use it)'],
          ['Version', String(g.version)],
          ['Updated', dateTime(g.last_updated_at)],
          ['Status', g.status],
        ]}
      />
      {!may ? (
        <Text size="sm" c="dimmed">
          {g.workspace_id
            ? 'Your role in this workspace may not change its guardrails.'
            : 'Organisation guardrails are changed by organisation admins.'}
        </Text>
      ) : null}
      <GuardrailForm
        catalogue={catalogue}
        initial={{
          name: g.name,
          checks: g.checks.map((c) => ({ id: c.id, parameters: c.parameters ?? {}, is_enabled: c.is_enabled !== false })),
          actions: actionsOf(g.actions),
        }}
        submitLabel="Save new version"
        readOnly={!may}
        canTest={abilities.writeWorkspace}
        guardrailId={g.id}
        workspaceId={workspace.id}
        onSubmit={async (d) => {
          await unwrap(
            api.PUT('/v1/guardrails/{guardrailId}', {
              params: { path: { guardrailId: g.id } },
              body: { name: d.name, checks: checksBody(d.checks), actions: d.actions },
            }),
          );
          await client.invalidateQueries({ queryKey: ['guardrails'] });
        }}
      />
      <DefaultsPanel guardrail={summary} workspace={workspace} abilities={abilities} />
      {may ? (
        <>
          <DangerButton onClick={() => setDeleting(true)} w="fit-content">
            Delete guardrail
          </DangerButton>
          <ConfirmDelete
            opened={deleting}
            title={`Delete "${g.name}"?`}
            consequence="Requests are no longer checked by it. Configs that still name it are refused until they stop; while a default names it, it cannot be deleted."
            name={g.name}
            action="Delete guardrail"
            pending={remove.isPending}
            error={remove.error}
            onConfirm={() => remove.mutate()}
            onClose={() => {
              setDeleting(false);
              remove.reset();
            }}
          />
        </>
      ) : null}
    </Stack>
  );
}
