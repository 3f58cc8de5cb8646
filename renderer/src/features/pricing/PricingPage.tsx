// Pricing: the models that answered in the time range without a price (their requests cost $0 in
// the logs until a file or the integration prices them), the pricing files of every folder with
// their checksums and whether each is in use or refused (and why), and each price with the file it
// comes from.
import { useState } from 'react';
import { Code, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { useTimeRange, windowOf } from '../../app/timeRange';
import { ErrorState } from '../../components/ErrorState';
import { ago, count, dateTime } from '../../lib/format';
import { timeQuery } from '../../lib/logFilters';
import { Prices } from './Prices';
import { PricingFiles } from './PricingFiles';

export default function PricingPage() {
  const [range] = useTimeRange();
  // The window ends when the page opened; a reload moves it.
  const [anchor] = useState(() => Date.now());
  const window = windowOf(range, anchor);
  const unpriced = useQuery({
    queryKey: ['pricing', 'unpriced', window],
    queryFn: () => unwrap(api.GET('/v1/analytics/unpriced-models', { params: { query: timeQuery(window) } })),
  });
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

      <PricingFiles />
      <Prices />
    </Stack>
  );
}
