// The air-gap report as admins and auditors read it (docs/adr/0023): the start-up self-check's
// verdict first, then where the appliance listens, what it may reach (the allow-list edited here),
// what it reached and what it refused, with the caller. Also as JSON to keep, or a printable page.
import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconDownload, IconPrinter, IconRefresh } from '@tabler/icons-react';
import { api, unwrap } from '../../api/client';
import { ErrorState } from '../../components/ErrorState';
import { SearchInput } from '../../components/SearchInput';
import { dateTime } from '../../lib/format';
import { AllowedDestinations } from './AllowedDestinations';
import { Contacted, Refused } from './Activity';
import { SelfCheck } from './SelfCheck';

import { REPORT_KEY, type EgressReport } from './report';

const REFRESH_MS = 30_000;

export default function AirGapPage() {
  const client = useQueryClient();
  const report = useQuery({
    queryKey: REPORT_KEY,
    queryFn: () => unwrap(api.GET('/v1/admin/egress')),
    refetchInterval: REFRESH_MS,
  });
  const recheck = useMutation({
    mutationFn: () => unwrap(api.GET('/v1/admin/egress', { params: { query: { recheck: true } } })),
    onSuccess: (fresh) => client.setQueryData(REPORT_KEY, fresh),
  });
  const r = report.data;
  return (
    <Stack>
      <Group justify="space-between">
        <SearchInput label="Search the report" placeholder="Search destinations and callers" />
        <Group gap="xs">
          <Button component="a" href="/v1/admin/egress?download=true" download variant="default" leftSection={<IconDownload size={16} />}>
            Download JSON
          </Button>
          <Button
            component="a"
            href="/v1/admin/egress/report.html"
            target="_blank"
            rel="noopener"
            variant="default"
            leftSection={<IconPrinter size={16} />}
          >
            Printable report
          </Button>
          <Button onClick={() => recheck.mutate()} loading={recheck.isPending} leftSection={<IconRefresh size={16} />}>
            Run self-check again
          </Button>
        </Group>
      </Group>
      {recheck.error ? <ErrorState error={recheck.error} title="The self-check could not be run again" /> : null}
      {report.error ? <ErrorState error={report.error} onRetry={() => void report.refetch()} /> : null}
      {r ? (
        <>
          <SelfCheck report={r} />
          <Listeners report={r} />
          <AllowedDestinations report={r} />
          <Contacted report={r} />
          <Refused report={r} />
          <Text size="xs" c="dimmed">
            {r.appliance.service} {r.appliance.version} on {r.appliance.host_name} · report made {dateTime(r.generated_at)} · refreshed
            every {REFRESH_MS / 1000} s
          </Text>
        </>
      ) : null}
    </Stack>
  );
}

function Listeners({ report }: { report: EgressReport }) {
  return (
    <Paper withBorder p="md" component="section" aria-label="Listening">
      <Title order={2} size="h5" mb="xs">
        Where the appliance listens
      </Title>
      <Table aria-label="Listeners" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Listener</Table.Th>
            <Table.Th>Address</Table.Th>
            <Table.Th>TLS</Table.Th>
            <Table.Th>State</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.listeners.map((l) => (
            <Table.Tr key={l.name}>
              <Table.Td>{l.name === 'main' ? 'Main (admin UI, API, gateway)' : 'LAN (HTTPS)'}</Table.Td>
              <Table.Td ff="monospace">
                {l.address.includes(':') ? `[${l.address}]` : l.address}:{l.port}
              </Table.Td>
              <Table.Td>{l.tls ? 'TLS' : 'No TLS'}</Table.Td>
              <Table.Td>
                {l.listening ? (
                  <Badge variant="dot" color="green">
                    listening
                  </Badge>
                ) : (
                  <Group gap="xs">
                    <Badge color="red.9" variant="filled" tt="none">
                      not listening
                    </Badge>
                    {l.error ? <Text size="sm">{l.error}</Text> : null}
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
