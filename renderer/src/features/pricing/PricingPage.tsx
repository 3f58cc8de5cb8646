// Pricing: where the prices of each AI service come from (the bundled files, the folder named by
// MODEL_CONFIGS_PRICING_LOCAL_PATH, or <data dir>/pricing, later ones re-pricing the models they
// list), files skipped as unreadable, and the models that answered in the time range without a
// price (their requests cost $0 in the logs until a file or the integration prices them).
import { useState } from 'react';
import { Alert, Badge, Code, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { useTimeRange, windowOf } from '../../app/timeRange';
import { ErrorState } from '../../components/ErrorState';
import { SearchInput, useSearch } from '../../components/SearchInput';
import { ago, count, dateTime } from '../../lib/format';
import { timeQuery } from '../../lib/logFilters';

const LAYER_LABELS: Record<string, string> = {
  bundled: 'Bundled with the appliance',
  local: 'MODEL_CONFIGS_PRICING_LOCAL_PATH',
  data: 'Data directory',
};

export default function PricingPage() {
  const [range] = useTimeRange();
  const matches = useSearch();
  const sources = useQuery({ queryKey: ['pricing', 'sources'], queryFn: () => unwrap(api.GET('/v1/admin/pricing/sources')) });
  // The window ends when the page opened; a reload moves it.
  const [anchor] = useState(() => Date.now());
  const window = windowOf(range, anchor);
  const unpriced = useQuery({
    queryKey: ['pricing', 'unpriced', window],
    queryFn: () => unwrap(api.GET('/v1/analytics/unpriced-models', { params: { query: timeQuery(window) } })),
  });
  const providers = (sources.data?.providers ?? []).filter((p) => matches(p.provider));
  return (
    <Stack>
      <Paper withBorder p="md" component="section" aria-label="Models without a price">
        <Title order={2} size="h5">
          Models without a price · {range.label}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          Requests to these models are logged at $0. Price them with a file in one of the folders below (named after the AI service, e.g.{' '}
          <code>vllm.json</code>), or per model in the integration.
        </Text>
        {unpriced.error ? <ErrorState error={unpriced.error} onRetry={() => void unpriced.refetch()} /> : null}
        {unpriced.data && unpriced.data.total === 0 ? (
          <Text size="sm" role="status">
            Every model that answered in this range had a price.
          </Text>
        ) : (
          <Table aria-label="Unpriced models" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Model</Table.Th>
                <Table.Th>AI service</Table.Th>
                <Table.Th>Provider</Table.Th>
                <Table.Th>Requests</Table.Th>
                <Table.Th>Tokens</Table.Th>
                <Table.Th>Last seen</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(unpriced.data?.data ?? []).map((m) => (
                <Table.Tr key={`${m.ai_service}/${m.provider}/${m.model}`}>
                  <Table.Td ff="monospace">{m.model}</Table.Td>
                  <Table.Td>{m.ai_service ?? '—'}</Table.Td>
                  <Table.Td>{m.provider ? <Code>{m.provider}</Code> : '—'}</Table.Td>
                  <Table.Td>{count(m.requests)}</Table.Td>
                  <Table.Td>{count(m.tokens)}</Table.Td>
                  <Table.Td title={m.last_seen ? dateTime(m.last_seen) : undefined}>{m.last_seen ? ago(m.last_seen) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>

      {sources.error ? <ErrorState error={sources.error} onRetry={() => void sources.refetch()} /> : null}
      {sources.data ? (
        <>
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            {sources.data.layers.map((l, i) => (
              <Paper withBorder p="sm" key={l.id} component="section" aria-label={LAYER_LABELS[l.id]}>
                <Group gap="xs">
                  <Badge variant="default">{i + 1}</Badge>
                  <Text fw={600} size="sm">
                    {LAYER_LABELS[l.id]}
                  </Text>
                </Group>
                <Text size="xs" mt={4} style={{ wordBreak: 'break-all' }}>
                  {l.dir ? <Code>{l.dir}</Code> : 'Not set'} {l.dir && !l.exists ? '(no such folder)' : ''}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
          <Text size="sm" c="dimmed">
            Later folders win: a file in the data directory re-prices the models it lists and leaves the others to the earlier files. Files
            are read again within a minute of a change.
          </Text>
          <Group>
            <SearchInput label="Search AI services" placeholder="Search by AI service" />
          </Group>
          {providers.some((p) => p.files.some((f) => f.error)) ? (
            <Alert color="yellow" role="alert" title="Some pricing files are skipped">
              {providers
                .flatMap((p) => p.files.filter((f) => f.error).map((f) => `${f.file}: ${f.error}`))
                .map((line) => (
                  <Text size="sm" key={line}>
                    {line}
                  </Text>
                ))}
            </Alert>
          ) : null}
          <Table aria-label="Pricing files" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>AI service</Table.Th>
                <Table.Th>Prices from</Table.Th>
                <Table.Th>Files (lowest precedence first)</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {providers.map((p) => (
                <Table.Tr key={p.provider}>
                  <Table.Td ff="monospace">{p.provider}</Table.Td>
                  <Table.Td>
                    {p.source ? (
                      <Badge variant="default" tt="none">
                        {LAYER_LABELS[p.source]}
                      </Badge>
                    ) : (
                      <Badge color="red.9" variant="filled" tt="none">
                        No readable file
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      {p.files.map((f) => (
                        <Text size="xs" key={f.file}>
                          <Code>{f.file}</Code> {f.error ? `skipped: ${f.error}` : `${count(f.models)} models`}
                        </Text>
                      ))}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      ) : null}
    </Stack>
  );
}
