// Every priced model with the file its price comes from (folder, file, checksum), filtered by AI
// service and a text in the model id (both in the URL), in pages of 50. Prices per million tokens.
import { Group, Pagination, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { ErrorState } from '../../components/ErrorState';
import { count, usd } from '../../lib/format';
import { useUrlParams } from '../../lib/urlState';
import { LAYER_LABELS, shortSha, useFiles } from './PricingFiles';

const PAGE_SIZE = 50;

/** A token price (US cents per token) as dollars per million tokens. */
function perMillion(config: Record<string, unknown> | null, unit: 'request_token' | 'response_token'): string {
  const payg = config?.pay_as_you_go as Record<string, { price?: unknown } | undefined> | undefined;
  const price = payg?.[unit]?.price;
  return typeof price === 'number' ? usd(price * 10_000) : '—';
}

export function Prices() {
  const [params, update] = useUrlParams();
  const provider = params.get('provider') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? 1));
  const [typed, setTyped] = useState(params.get('model') ?? '');
  const [search] = useDebouncedValue(typed.trim(), 300);
  useEffect(() => {
    if (search !== (params.get('model') ?? '')) update({ model: search, page: null });
  }, [search, params, update]);
  const files = useFiles();
  const providers = [...new Set((files.data?.data ?? []).map((f) => f.provider))].sort();
  const query = { ...(provider ? { provider } : {}), ...(search ? { search } : {}), current_page: page - 1, page_size: PAGE_SIZE };
  const prices = useQuery({
    queryKey: ['pricing', 'prices', query],
    queryFn: () => unwrap(api.GET('/v1/admin/pricing/prices', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const total = prices.data?.total ?? 0;
  return (
    <Paper withBorder p="md" component="section" aria-label="Prices">
      <Stack gap="sm">
        <Title order={2} size="h5">
          Prices and where they come from
        </Title>
        <Group align="flex-end">
          <Select
            label="AI service"
            placeholder="All"
            data={providers}
            value={provider || null}
            onChange={(v) => update({ provider: v, page: null })}
            searchable
            clearable
            w={240}
          />
          <TextInput
            label="Model"
            placeholder="Part of a model id"
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            w={260}
          />
        </Group>
        {prices.error ? <ErrorState error={prices.error} onRetry={() => void prices.refetch()} /> : null}
        <Text size="sm" c="dimmed" role="status">
          {prices.isPending ? 'Loading…' : `${count(total)} priced model${total === 1 ? '' : 's'}`}
        </Text>
        <Table aria-label="Prices" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>AI service</Table.Th>
              <Table.Th>Model</Table.Th>
              <Table.Th>Input / 1M tokens</Table.Th>
              <Table.Th>Output / 1M tokens</Table.Th>
              <Table.Th>From</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(prices.data?.data ?? []).map((p) => (
              <Table.Tr key={`${p.provider}/${p.model}`}>
                <Table.Td ff="monospace">{p.provider}</Table.Td>
                <Table.Td ff="monospace">{p.model}</Table.Td>
                <Table.Td>{perMillion(p.pricing_config, 'request_token')}</Table.Td>
                <Table.Td>{perMillion(p.pricing_config, 'response_token')}</Table.Td>
                <Table.Td>
                  {LAYER_LABELS[p.source.layer] ?? p.source.layer} ·{' '}
                  <Text span size="sm" ff="monospace">
                    {p.source.file}
                  </Text>{' '}
                  <Text span size="xs" c="dimmed" ff="monospace" title={p.source.sha256}>
                    {shortSha(p.source.sha256)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {total > PAGE_SIZE ? (
          <Pagination
            total={Math.ceil(total / PAGE_SIZE)}
            value={page}
            onChange={(p) => update({ page: p === 1 ? null : String(p) })}
            aria-label="Pages of prices"
            getControlProps={(control) => ({ 'aria-label': `${control[0]!.toUpperCase()}${control.slice(1)} page` })}
          />
        ) : null}
      </Stack>
    </Paper>
  );
}
