// The biggest users of the gateway in the window: top models as bars (requests), top API keys as
// a table with requests, tokens and cost.
import { BarChart } from '@mantine/charts';
import { Paper, Skeleton, Table, Text, Title } from '@mantine/core';
import { count, usdFromCents } from '../../lib/format';

export interface GroupRow {
  key: string;
  requests: number;
  cost: number;
  tokens: number;
}

export function TopModels({ rows, loading }: { rows: GroupRow[] | undefined; loading: boolean }) {
  return (
    <Paper withBorder p="md" component="section" aria-label="Top models">
      <Title order={2} size="h5" mb="xs">
        Top models
      </Title>
      {loading && !rows ? (
        <Skeleton h={200} />
      ) : !rows || rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          No requests in this window.
        </Text>
      ) : (
        <BarChart
          h={Math.max(120, rows.length * 34)}
          data={rows.map((r) => ({ model: r.key || '(none)', requests: r.requests }))}
          dataKey="model"
          orientation="vertical"
          series={[{ name: 'requests', label: 'Requests', color: 'indigo.6' }]}
          valueFormatter={(v) => count(v)}
          yAxisProps={{ width: 160 }}
          tooltipAnimationDuration={0}
        />
      )}
    </Paper>
  );
}

export function TopKeys({
  rows,
  names,
  loading,
}: {
  rows: GroupRow[] | undefined;
  names: Map<string, string> | undefined;
  loading: boolean;
}) {
  return (
    <Paper withBorder p="md" component="section" aria-label="Top API keys">
      <Title order={2} size="h5" mb="xs">
        Top API keys
      </Title>
      {loading && !rows ? (
        <Skeleton h={200} />
      ) : !rows || rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          No requests in this window.
        </Text>
      ) : (
        <Table fz="sm" aria-label="Requests by API key">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Key</Table.Th>
              <Table.Th ta="right">Requests</Table.Th>
              <Table.Th ta="right">Tokens</Table.Th>
              <Table.Th ta="right">Cost</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.key}>
                <Table.Td>
                  {names?.get(r.key) ?? (
                    <Text ff="monospace" size="xs">
                      {r.key || '(none)'}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">{count(r.requests)}</Table.Td>
                <Table.Td ta="right">{count(r.tokens)}</Table.Td>
                <Table.Td ta="right">{usdFromCents(r.cost)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
