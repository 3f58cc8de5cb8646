// Limit policies: budgets (usage-limit policies) and rates (rate-limit policies) that apply to every
// request matching their conditions, counted per group (per user, per key…): lists with search,
// "Create policy" top right; a row opens the policy to edit it, see and reset what each group used
// (budgets), or delete it. Organisation policies bind every workspace; only organisation admins
// change them.
import { useState } from 'react';
import { Alert, Badge, Button, Code, Divider, Drawer, Group, SegmentedControl, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconPlus } from '@tabler/icons-react';
import { api, unwrap } from '../../api/client';
import { messageOf } from '../../api/errors';
import { useWorkspaceId } from '../../app/workspace';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { DangerButton } from '../../components/DangerButton';
import { ErrorState } from '../../components/ErrorState';
import { SearchInput, useSearch } from '../../components/SearchInput';
import { ago, budgetAmount, count, dateTime } from '../../lib/format';
import { useUrlParams } from '../../lib/urlState';
import { isOrgAdmin, useSession } from '../auth/session';
import { UNIT_LABELS } from './LimitsEditor';
import { PolicyForm, type Policy, type PolicyDraft, type PolicyKind } from './PolicyForm';

const PATHS = { usage: '/v1/policies/usage-limits', rate: '/v1/policies/rate-limits' } as const;

const valuesText = (v: string | string[] | null | undefined) => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : v);

export const conditionsText = (p: Policy) =>
  p.conditions.map((c) => `${c.key} = ${valuesText(c.value)}${c.excludes ? ` (not ${valuesText(c.excludes)})` : ''}`).join('; ');

export const limitText = (p: Policy) =>
  p.credit_limit !== undefined
    ? `${budgetAmount(p.credit_limit, p.type)}${p.periodic_reset ? ` per ${p.periodic_reset === 'weekly' ? 'week' : 'month'}` : ''}`
    : `${count(p.value)} ${p.type} ${p.unit ? UNIT_LABELS[p.unit] : ''}`;

export default function PoliciesPage() {
  const [params, update] = useUrlParams();
  const kind: PolicyKind = params.get('kind') === 'rate' ? 'rate' : 'usage';
  return (
    <Tabs value={kind} onChange={(v) => update({ kind: v === 'rate' ? 'rate' : null, policy: null })}>
      <Tabs.List>
        <Tabs.Tab value="usage">Budget policies</Tabs.Tab>
        <Tabs.Tab value="rate">Rate-limit policies</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value={kind} pt="md">
        <PolicyList key={kind} kind={kind} />
      </Tabs.Panel>
    </Tabs>
  );
}

function usePolicies(kind: PolicyKind, workspaceId: string) {
  return useQuery({
    queryKey: ['policies', kind, workspaceId],
    queryFn: async () => {
      const query = { params: { query: { workspace_id: workspaceId, page_size: 1000 } } };
      const list = kind === 'usage' ? await unwrap(api.GET(PATHS.usage, query)) : await unwrap(api.GET(PATHS.rate, query));
      return list.data as unknown as Policy[];
    },
  });
}

function PolicyList({ kind }: { kind: PolicyKind }) {
  const workspaceId = useWorkspaceId();
  const orgAdmin = isOrgAdmin(useSession());
  const [params, update] = useUrlParams();
  const matches = useSearch();
  const policies = usePolicies(kind, workspaceId);
  const rows = (policies.data ?? []).filter((p) => matches(`${p.name} ${p.description ?? ''} ${conditionsText(p)}`));
  const open = policies.data?.find((p) => p.id === params.get('policy')) ?? null;
  const notEnforced = policies.data?.some((p) => !p.enforced);
  return (
    <Stack>
      <Group justify="space-between">
        <SearchInput label="Search policies" placeholder="Search by name or condition" />
        <Button leftSection={<IconPlus size={16} />} onClick={() => update({ create: '1' })}>
          Create policy
        </Button>
      </Group>
      {notEnforced ? (
        <Alert color="yellow" role="status" title="Policies are not enforced">
          POLICY_ENABLED is off on this appliance: policies are kept but no request is limited by them.
        </Alert>
      ) : null}
      {policies.error ? <ErrorState error={policies.error} onRetry={() => void policies.refetch()} /> : null}
      {policies.data && policies.data.length === 0 ? (
        <Text size="sm" maw={760}>
          A policy limits every request that matches its conditions, counted separately for each value of what it groups by: for example a
          monthly $50 budget for each user (<code>metadata._user</code>) of a model, or 60 requests a minute for each API key.
        </Text>
      ) : (
        <Table highlightOnHover aria-label={kind === 'usage' ? 'Budget policies' : 'Rate-limit policies'} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Applies to</Table.Th>
              <Table.Th>Counted for each</Table.Th>
              <Table.Th>Limit</Table.Th>
              <Table.Th>Level</Table.Th>
              <Table.Th>Created</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((p) => (
              <Table.Tr key={p.id} onClick={() => update({ policy: p.id })} style={{ cursor: 'pointer' }}>
                <Table.Td>
                  <Button variant="subtle" size="compact-sm" onClick={() => update({ policy: p.id })} aria-label={`Open policy ${p.name}`}>
                    {p.name}
                  </Button>
                </Table.Td>
                <Table.Td>{conditionsText(p)}</Table.Td>
                <Table.Td>{p.group_by.map((g) => g.key).join(', ')}</Table.Td>
                <Table.Td>{limitText(p)}</Table.Td>
                <Table.Td>{p.workspace_id ? 'Workspace' : 'Organisation'}</Table.Td>
                <Table.Td title={dateTime(p.created_at)}>{ago(p.created_at)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <CreatePolicy
        kind={kind}
        opened={params.get('create') === '1'}
        orgAdmin={orgAdmin}
        onClose={(id) => update({ create: null, policy: id ?? null })}
      />
      <Drawer
        opened={open !== null}
        onClose={() => update({ policy: null })}
        position="right"
        size="xl"
        title={<Text fw={600}>{open?.name ?? ''}</Text>}
        closeButtonProps={{ 'aria-label': 'Close policy' }}
      >
        {open ? <PolicyDetail key={open.id} kind={kind} policy={open} onGone={() => update({ policy: null })} /> : null}
      </Drawer>
    </Stack>
  );
}

function CreatePolicy({
  kind,
  opened,
  orgAdmin,
  onClose,
}: {
  kind: PolicyKind;
  opened: boolean;
  orgAdmin: boolean;
  onClose: (id?: string) => void;
}) {
  const client = useQueryClient();
  const workspaceId = useWorkspaceId();
  const [level, setLevel] = useState<'workspace' | 'organisation'>('workspace');
  const create = useMutation({
    mutationFn: (d: PolicyDraft) => {
      const where = level === 'workspace' ? { workspace_id: workspaceId } : {};
      if (kind === 'usage') {
        return unwrap(
          api.POST(PATHS.usage, {
            body: { ...d, ...where, type: d.type as 'cost' | 'tokens' | 'requests', credit_limit: d.credit_limit ?? 0 },
          }),
        );
      }
      return unwrap(
        api.POST(PATHS.rate, {
          body: { ...d, ...where, type: d.type as 'requests' | 'tokens', unit: d.unit ?? 'rpm', value: d.value ?? 0 },
        }),
      );
    },
    onSuccess: (created) => {
      void client.invalidateQueries({ queryKey: ['policies'] });
      create.reset();
      onClose(created.id);
    },
  });
  return (
    <Drawer
      opened={opened}
      onClose={() => onClose()}
      position="right"
      size="xl"
      title={<Text fw={600}>{kind === 'usage' ? 'Create a budget policy' : 'Create a rate-limit policy'}</Text>}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack>
        {orgAdmin ? (
          <SegmentedControl
            aria-label="Level"
            data={[
              { value: 'workspace', label: 'This workspace' },
              { value: 'organisation', label: 'Whole organisation' },
            ]}
            value={level}
            onChange={(v) => setLevel(v as 'workspace' | 'organisation')}
            w="fit-content"
          />
        ) : null}
        <PolicyForm
          kind={kind}
          initial={null}
          submitLabel="Create policy"
          pending={create.isPending}
          error={create.error}
          onSubmit={(d) => create.mutate(d)}
        />
      </Stack>
    </Drawer>
  );
}

function PolicyDetail({ kind, policy, onGone }: { kind: PolicyKind; policy: Policy; onGone: () => void }) {
  const client = useQueryClient();
  const [deleting, setDeleting] = useState(false);
  const refresh = () => void client.invalidateQueries({ queryKey: ['policies'] });
  const save = useMutation({
    mutationFn: (d: PolicyDraft) => {
      const params = { path: { id: policy.id } };
      if (kind === 'usage') {
        return unwrap(api.PUT(`${PATHS.usage}/{id}`, { params, body: { ...d, type: d.type as 'cost' | 'tokens' | 'requests' } }));
      }
      return unwrap(api.PUT(`${PATHS.rate}/{id}`, { params, body: { ...d, type: d.type as 'requests' | 'tokens' } }));
    },
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: () =>
      kind === 'usage'
        ? unwrap(api.DELETE(`${PATHS.usage}/{id}`, { params: { path: { id: policy.id } } }))
        : unwrap(api.DELETE(`${PATHS.rate}/{id}`, { params: { path: { id: policy.id } } })),
    onSuccess: () => {
      refresh();
      onGone();
    },
  });
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        <Code>{policy.id}</Code> · {policy.workspace_id ? 'this workspace' : 'the whole organisation'} · {policy.status}
      </Text>
      {save.isSuccess ? (
        <Text size="sm" c="green.8" role="status">
          Saved.
        </Text>
      ) : null}
      <PolicyForm
        kind={kind}
        initial={policy}
        submitLabel="Save policy"
        pending={save.isPending}
        error={save.error}
        onSubmit={(d) => save.mutate(d)}
      />
      {kind === 'usage' ? (
        <>
          <Divider />
          <Entities policyId={policy.id} type={policy.type} />
        </>
      ) : null}
      <Divider />
      <DangerButton onClick={() => setDeleting(true)} w="fit-content">
        Delete policy
      </DangerButton>
      <ConfirmDelete
        opened={deleting}
        title={`Delete "${policy.name}"?`}
        consequence="Requests it limited are no longer limited by it, from the next request on."
        name={policy.name}
        action="Delete policy"
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate()}
        onClose={() => setDeleting(false)}
      />
    </Stack>
  );
}

interface Entity {
  id: string;
  value_key: string;
  current_usage: number;
  status: string;
  next_usage_reset_at: string | null;
}

function Entities({ policyId, type }: { policyId: string; type: string }) {
  const client = useQueryClient();
  const entities = useQuery({
    queryKey: ['policies', 'entities', policyId],
    queryFn: async () =>
      (await unwrap(api.GET(`${PATHS.usage}/{id}/entities`, { params: { path: { id: policyId }, query: { page_size: 1000 } } })))
        .data as unknown as Entity[],
  });
  const reset = useMutation({
    mutationFn: (entityId: string) =>
      unwrap(api.PUT(`${PATHS.usage}/{id}/entities/{entityId}/reset`, { params: { path: { id: policyId, entityId } } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['policies', 'entities', policyId] }),
  });
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        Usage so far
      </Title>
      {entities.error ? <ErrorState error={entities.error} onRetry={() => void entities.refetch()} /> : null}
      {entities.data && entities.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          No request has matched yet.
        </Text>
      ) : (
        <Table aria-label="Usage by group" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Group</Table.Th>
              <Table.Th>Used</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Starts again</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(entities.data ?? []).map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td ff="monospace">{e.value_key}</Table.Td>
                <Table.Td>{budgetAmount(e.current_usage, type)}</Table.Td>
                <Table.Td>
                  <Badge variant="dot" color={e.status === 'exhausted' ? 'red' : 'green'}>
                    {e.status}
                  </Badge>
                </Table.Td>
                <Table.Td>{e.next_usage_reset_at ? dateTime(e.next_usage_reset_at) : '—'}</Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="default"
                    onClick={() => reset.mutate(e.id)}
                    aria-label={`Reset usage of ${e.value_key}`}
                  >
                    Reset
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {reset.error ? (
        <Alert color="red" role="alert">
          {messageOf(reset.error)}
        </Alert>
      ) : null}
    </Stack>
  );
}
