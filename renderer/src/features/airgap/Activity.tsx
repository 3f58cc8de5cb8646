// What the appliance reached (per destination and feature, with counts and the last time) and what
// it refused (newest first, with the caller: key or person, workspace, and the trace, which opens
// that request in the logs).
import { Anchor, Badge, Code, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useWorkspace } from '../../app/workspace';
import { useSearch } from '../../components/SearchInput';
import { ago, count, dateTime } from '../../lib/format';
import type { EgressReport } from './report';

type Refusal = EgressReport['refused']['rows'][number];

const CALLER_LABELS: Record<string, string> = { api_key: 'API key', user: 'Person', appliance: 'Appliance' };

export function Contacted({ report }: { report: EgressReport }) {
  const matches = useSearch();
  const rows = report.contacted.filter((c) => matches(`${c.destination} ${c.feature}`));
  return (
    <Paper withBorder p="md" component="section" aria-label="Contacted destinations">
      <Stack gap="sm">
        <Title order={2} size="h5">
          Contacted destinations ({report.contacted.length})
        </Title>
        {report.contacted.length === 0 ? (
          <Text size="sm">The appliance has not connected anywhere yet. Requests to a model server show up here with their counts.</Text>
        ) : (
          <Table aria-label="Contacted destinations" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Destination</Table.Th>
                <Table.Th>Feature</Table.Th>
                <Table.Th>Requests</Table.Th>
                <Table.Th>Connections</Table.Th>
                <Table.Th>First</Table.Th>
                <Table.Th>Last</Table.Th>
                <Table.Th>Allowed now</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((c) => (
                <Table.Tr key={`${c.destination}/${c.feature}`}>
                  <Table.Td ff="monospace">{c.destination}</Table.Td>
                  <Table.Td>{c.feature}</Table.Td>
                  <Table.Td>{count(c.requests)}</Table.Td>
                  <Table.Td>{count(c.connections)}</Table.Td>
                  <Table.Td title={dateTime(c.first_at)}>{ago(c.first_at)}</Table.Td>
                  <Table.Td title={dateTime(c.last_at)}>{ago(c.last_at)}</Table.Td>
                  <Table.Td>
                    {c.allowed_now ? (
                      'yes'
                    ) : (
                      <Badge color="red.9" variant="filled" tt="none">
                        no longer allowed
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}

export function Refused({ report }: { report: EgressReport }) {
  const matches = useSearch();
  const { workspaces } = useWorkspace();
  const workspaceName = (id: string | null) => (id ? (workspaces.find((w) => w.id === id)?.name ?? id) : '—');
  const { total, rows: all } = report.refused;
  const rows = all.filter((r) => matches(`${r.destination} ${r.feature} ${r.caller_name ?? ''} ${r.caller_id ?? ''} ${r.trace_id ?? ''}`));
  return (
    <Paper withBorder p="md" component="section" aria-label="Refused attempts">
      <Stack gap="sm">
        <Title order={2} size="h5">
          Refused attempts ({count(total)})
        </Title>
        {total === 0 ? (
          <Text size="sm">
            Nothing was refused. A request that names a destination nobody allowed (an inline provider, or an inline custom host) is
            answered 403 <Code>egress_refused</Code> and listed here with who sent it.
          </Text>
        ) : (
          <>
            {total > all.length ? (
              <Text size="sm" c="dimmed">
                The newest {count(all.length)} are shown; the JSON download and the printable report hold the same.
              </Text>
            ) : null}
            <Table aria-label="Refused attempts" fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Destination</Table.Th>
                  <Table.Th>Feature</Table.Th>
                  <Table.Th>Caller</Table.Th>
                  <Table.Th>Workspace</Table.Th>
                  <Table.Th>Trace</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r, i) => (
                  <Table.Tr key={`${r.at}/${r.destination}/${i}`}>
                    <Table.Td title={dateTime(r.at)}>{ago(r.at)}</Table.Td>
                    <Table.Td ff="monospace">{r.destination}</Table.Td>
                    <Table.Td>{r.feature}</Table.Td>
                    <Table.Td>
                      <Caller refusal={r} />
                    </Table.Td>
                    <Table.Td>{workspaceName(r.workspace_id)}</Table.Td>
                    <Table.Td>
                      {r.trace_id ? (
                        <Anchor
                          component={Link}
                          to={`/logs?trace_id=${encodeURIComponent(r.trace_id)}&range=90d`}
                          size="sm"
                          ff="monospace"
                          title="Open this request in the logs"
                        >
                          {r.trace_id}
                        </Anchor>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
      </Stack>
    </Paper>
  );
}

function Caller({ refusal: r }: { refusal: Refusal }) {
  if (!r.caller_type) return <>unattributed (a library call)</>;
  const label = CALLER_LABELS[r.caller_type] ?? r.caller_type;
  return (
    <Stack gap={0}>
      <Text size="sm">
        {label}: {r.caller_name ?? r.caller_id ?? '—'}
      </Text>
      {r.caller_id && r.caller_name ? (
        <Text size="xs" c="dimmed" ff="monospace">
          {r.caller_id}
        </Text>
      ) : null}
    </Stack>
  );
}
