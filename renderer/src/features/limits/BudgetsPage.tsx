// Budgets and limits of the current workspace, in one table: the workspace itself, its API keys
// and its providers, each with its budget (how much is used, of what, until when) and rate limits.
// A row opens its limits to change them or reset the usage. The notifications tab lists budget
// alerts and exhaustions as they happened (no mail leaves the appliance: this is where they show).
import { Anchor, Badge, Drawer, Group, Progress, Stack, Table, Tabs, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { useWorkspace, useWorkspaceId } from '../../app/workspace';
import { ErrorState } from '../../components/ErrorState';
import { SearchInput, useSearch } from '../../components/SearchInput';
import { ago, budgetAmount, count, dateTime } from '../../lib/format';
import { useUrlParams } from '../../lib/urlState';
import { useProviders } from '../catalog/queries';
import { LimitsEditor, UNIT_LABELS, type RateLimit, type UsageLimit } from './LimitsEditor';

interface Budget extends UsageLimit {
  current_usage?: number;
  status?: string;
  next_usage_reset_at?: string | null;
}

interface Limited {
  /** `workspace`, `key:<id>`, `provider:<slug>` */
  id: string;
  kind: 'Workspace' | 'API key' | 'Provider';
  name: string;
  budget: Budget | null;
  rates: RateLimit[];
  status: string;
}

export default function BudgetsPage() {
  const [params, update] = useUrlParams();
  const tab = params.get('tab') === 'notifications' ? 'notifications' : 'budgets';
  return (
    <Tabs value={tab} onChange={(v) => update({ tab: v === 'notifications' ? 'notifications' : null })}>
      <Tabs.List>
        <Tabs.Tab value="budgets">Budgets and rate limits</Tabs.Tab>
        <Tabs.Tab value="notifications">Notifications</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="budgets" pt="md">
        {tab === 'budgets' ? <Budgets /> : null}
      </Tabs.Panel>
      <Tabs.Panel value="notifications" pt="md">
        {tab === 'notifications' ? <Notifications /> : null}
      </Tabs.Panel>
    </Tabs>
  );
}

function useLimited(workspaceId: string) {
  const workspace = useQuery({
    queryKey: ['workspaces', 'one', workspaceId],
    queryFn: () => unwrap(api.GET('/v1/admin/workspaces/{workspaceId}', { params: { path: { workspaceId } } })),
  });
  const keys = useQuery({
    queryKey: ['api-keys', 'list', workspaceId, 'limits'],
    queryFn: () => unwrap(api.GET('/v1/api-keys', { params: { query: { workspace_id: workspaceId, page_size: 1000 } } })),
  });
  const providers = useProviders(workspaceId);
  const rows: Limited[] = [];
  if (workspace.data) {
    const budget = (workspace.data.usage_limits[0] ?? null) as Budget | null;
    rows.push({
      id: 'workspace',
      kind: 'Workspace',
      name: workspace.data.name,
      budget,
      rates: workspace.data.rate_limits as unknown as RateLimit[],
      status: budget?.status ?? workspace.data.status,
    });
  }
  for (const k of keys.data?.data ?? []) {
    rows.push({
      id: `key:${k.id}`,
      kind: 'API key',
      name: k.name,
      budget: (k.usage_limits as Budget | null) ?? null,
      rates: (k.rate_limits ?? []) as RateLimit[],
      status: k.status,
    });
  }
  for (const p of providers.data?.data ?? []) {
    rows.push({
      id: `provider:${p.slug}`,
      kind: 'Provider',
      name: `@${p.slug}`,
      budget: (p.usage_limits as Budget | null) ?? null,
      rates: (p.rate_limits ?? []) as RateLimit[],
      status: p.status,
    });
  }
  return { rows, error: workspace.error ?? keys.error ?? providers.error, retry: () => void workspace.refetch() };
}

const rateText = (rates: RateLimit[]) =>
  rates.length ? rates.map((r) => `${count(r.value)} ${r.type} ${UNIT_LABELS[r.unit]}`).join(', ') : '—';

function Budgets() {
  const workspaceId = useWorkspaceId();
  const [params, update] = useUrlParams();
  const matches = useSearch();
  const { rows, error, retry } = useLimited(workspaceId);
  const shown = rows.filter((r) => matches(`${r.kind} ${r.name}`));
  const open = rows.find((r) => r.id === params.get('limit')) ?? null;
  return (
    <Stack>
      <Group justify="space-between">
        <SearchInput label="Search budgets" placeholder="Search by name" />
        <Text size="sm" c="dimmed">
          Limits also come from the organisation&apos;s limit policies.
        </Text>
      </Group>
      {error ? <ErrorState error={error} onRetry={retry} /> : null}
      <Table highlightOnHover aria-label="Budgets and rate limits" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>What</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Budget</Table.Th>
            <Table.Th w={220}>Used</Table.Th>
            <Table.Th>Starts again</Table.Th>
            <Table.Th>Rate limits</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((r) => {
            const b = r.budget && r.budget.credit_limit != null ? r.budget : null;
            const share = b ? Math.min(100, ((b.current_usage ?? 0) * 100) / b.credit_limit!) : 0;
            return (
              <Table.Tr key={r.id} onClick={() => update({ limit: r.id })} style={{ cursor: 'pointer' }}>
                <Table.Td>{r.kind}</Table.Td>
                <Table.Td>
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    fw={600}
                    onClick={() => update({ limit: r.id })}
                    aria-label={`Limits of ${r.kind} ${r.name}`}
                  >
                    {r.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{b ? budgetAmount(b.credit_limit, b.type) : '—'}</Table.Td>
                <Table.Td>
                  {b ? (
                    <Stack gap={2}>
                      <Text size="xs">
                        {budgetAmount(b.current_usage ?? 0, b.type)} ({Math.round(share)} %)
                      </Text>
                      <Progress
                        value={share}
                        color={share >= 100 ? 'red' : share >= 80 ? 'yellow' : 'indigo'}
                        size="sm"
                        aria-label={`${Math.round(share)} % of the budget used`}
                      />
                    </Stack>
                  ) : (
                    '—'
                  )}
                </Table.Td>
                <Table.Td>
                  {b?.periodic_reset
                    ? `${b.periodic_reset === 'weekly' ? 'Weekly' : 'Monthly'}${b.next_usage_reset_at ? `, ${dateTime(b.next_usage_reset_at)}` : ''}`
                    : '—'}
                </Table.Td>
                <Table.Td>{rateText(r.rates)}</Table.Td>
                <Table.Td>
                  <Badge variant="dot" color={r.status === 'exhausted' ? 'red' : r.status === 'active' ? 'green' : 'gray'}>
                    {r.status}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Drawer
        opened={open !== null}
        onClose={() => update({ limit: null })}
        position="right"
        size="lg"
        title={<Text fw={600}>{open ? `Limits of ${open.kind.toLowerCase()} ${open.name}` : ''}</Text>}
        closeButtonProps={{ 'aria-label': 'Close limits' }}
      >
        {open ? <EditLimits key={open.id} row={open} workspaceId={workspaceId} /> : null}
      </Drawer>
    </Stack>
  );
}

function EditLimits({ row, workspaceId }: { row: Limited; workspaceId: string }) {
  const [kind, ref] = row.id.includes(':') ? [row.id.slice(0, row.id.indexOf(':')), row.id.slice(row.id.indexOf(':') + 1)] : [row.id, ''];
  const budget = row.budget && row.budget.credit_limit != null ? row.budget : null;
  const clean = (u: UsageLimit | null) =>
    u
      ? { type: u.type, credit_limit: u.credit_limit, alert_threshold: u.alert_threshold ?? null, periodic_reset: u.periodic_reset ?? null }
      : null;
  const refresh = [['workspaces'], ['api-keys'], ['providers']] as const;
  if (kind === 'workspace') {
    const put = (body: { usage_limits?: UsageLimit[] | null; rate_limits?: RateLimit[] | null; reset_usage?: boolean }) =>
      unwrap(api.PUT('/v1/admin/workspaces/{workspaceId}', { params: { path: { workspaceId } }, body }));
    return (
      <LimitsEditor
        usage={budget}
        rates={row.rates}
        refresh={refresh}
        save={(u, r) => put({ usage_limits: u ? [clean(u)!] : null, rate_limits: r })}
        reset={budget ? () => put({ reset_usage: true }) : undefined}
      />
    );
  }
  if (kind === 'key') {
    const put = (body: { usage_limits?: UsageLimit | null; rate_limits?: RateLimit[] | null; reset_usage?: boolean }) =>
      unwrap(api.PUT('/v1/api-keys/{id}', { params: { path: { id: ref } }, body }));
    return (
      <LimitsEditor
        usage={budget}
        rates={row.rates}
        refresh={refresh}
        save={(u, r) => put({ usage_limits: clean(u), rate_limits: r })}
        reset={budget ? () => put({ reset_usage: true }) : undefined}
      />
    );
  }
  const put = (body: { usage_limits?: UsageLimit | null; rate_limits?: RateLimit[] | null; reset_usage?: boolean }) =>
    unwrap(api.PUT('/v1/providers/{slug}', { params: { path: { slug: ref }, query: { workspace_id: workspaceId } }, body }));
  return (
    <LimitsEditor
      usage={budget}
      rates={row.rates}
      refresh={refresh}
      save={(u, r) => put({ usage_limits: clean(u), rate_limits: r })}
      reset={budget ? () => put({ reset_usage: true }) : undefined}
    />
  );
}

function Notifications() {
  const workspaceId = useWorkspaceId();
  const { workspace } = useWorkspace();
  const list = useQuery({
    queryKey: ['notifications', workspaceId],
    queryFn: () => unwrap(api.GET('/v1/notifications', { params: { query: { workspace_id: workspaceId, page_size: 200 } } })),
    refetchInterval: 30_000,
  });
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (list.data && list.data.total === 0) {
    return (
      <Text size="sm">
        Nothing yet in {workspace?.name}. When a budget passes its alert threshold or runs out, it shows here (the appliance sends no mail).
      </Text>
    );
  }
  return (
    <Table aria-label="Notifications" fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>When</Table.Th>
          <Table.Th>What</Table.Th>
          <Table.Th>About</Table.Th>
          <Table.Th>Message</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {(list.data?.data ?? []).map((n) => (
          <Table.Tr key={String(n.id)}>
            <Table.Td title={dateTime(String(n.created_at))}>{ago(String(n.created_at))}</Table.Td>
            <Table.Td>
              <Badge variant="dot" color={String(n.type).includes('exhaust') ? 'red' : 'yellow'}>
                {String(n.type).replaceAll('_', ' ')}
              </Badge>
            </Table.Td>
            <Table.Td>{String(n.subject_type ?? '')}</Table.Td>
            <Table.Td>{String(n.message ?? '')}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
