// The self-check's statement, first on the air-gap page: passed or not, when, what it checked (every
// outbound client probed with a destination nobody allowed, the kernel's list of the process's
// sockets, the DNS resolvers) and what the appliance never does.
import { Alert, Badge, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconAlertTriangle } from '@tabler/icons-react';
import { dateTime } from '../../lib/format';
import type { EgressReport } from './report';

export function SelfCheck({ report }: { report: EgressReport }) {
  const c = report.self_check;
  const outbound = c.sockets.outbound;
  const notAllowed = outbound.filter((s) => !s.allowed);
  return (
    <Paper withBorder p="md" component="section" aria-label="Self-check">
      <Stack gap="sm">
        <Alert
          color={c.ok ? 'green' : 'red'}
          icon={c.ok ? <IconCircleCheck size={18} /> : <IconAlertTriangle size={18} />}
          title={c.ok ? 'Self-check passed' : 'Self-check did not pass'}
          role="status"
          // The tint and the icon carry the verdict; the title keeps the text colour for contrast in both themes.
          styles={{ title: { color: 'var(--mantine-color-text)' } }}
        >
          <Text size="sm">{c.statement}</Text>
          <Text size="sm" mt={4}>
            Checked {dateTime(c.ran_at)}.
          </Text>
        </Alert>
        {report.mode === 'open' ? (
          <Alert color="yellow" title="Egress is open" role="alert">
            EGRESS_MODE=open lets the appliance try any destination a request names. Connections are still counted below; unset EGRESS_MODE
            to allow only the destinations listed here.
          </Alert>
        ) : null}
        <div>
          <Text size="sm" fw={600}>
            The appliance never
          </Text>
          <List size="sm" spacing={2}>
            {c.never.map((n) => (
              <List.Item key={n}>{n}</List.Item>
            ))}
          </List>
        </div>
        <Title order={3} size="h6">
          Outbound clients probed with a destination nobody allowed
        </Title>
        <Table aria-label="Outbound clients" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Client</Table.Th>
              <Table.Th>Purpose</Table.Th>
              <Table.Th>Refused it</Table.Th>
              <Table.Th>Detail</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {c.clients.map((x) => (
              <Table.Tr key={x.name}>
                <Table.Td ff="monospace">{x.name}</Table.Td>
                <Table.Td>{x.purpose}</Table.Td>
                <Table.Td>
                  {x.refuses_unlisted === null ? (
                    'not probed'
                  ) : x.refuses_unlisted ? (
                    <Badge variant="dot" color="green">
                      yes
                    </Badge>
                  ) : (
                    <Badge color="red.9" variant="filled">
                      no
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{x.detail}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="sm">
          {c.sockets.available
            ? `The kernel's list of this process's sockets: listening on ${c.sockets.listening.join(', ') || 'nothing'}; ${
                outbound.length === 0
                  ? 'no outbound connection open.'
                  : `${outbound.length} outbound connection${outbound.length === 1 ? '' : 's'} open, ${
                      notAllowed.length === 0 ? 'all to allowed destinations.' : `${notAllowed.length} to a destination not allowed:`
                    }`
              }`
            : "The kernel's list of the process's sockets is not available on this platform."}
        </Text>
        {notAllowed.length > 0 ? (
          <Group gap="xs">
            {notAllowed.map((s) => (
              <Badge key={`${s.protocol}${s.remote}`} color="red.9" variant="filled" tt="none">
                {s.protocol} {s.remote} ({s.state})
              </Badge>
            ))}
          </Group>
        ) : null}
        <Text size="sm">
          DNS resolvers configured on this machine: {c.dns.resolvers.length ? c.dns.resolvers.join(', ') : 'none'}. {c.dns.note}
        </Text>
      </Stack>
    </Paper>
  );
}
