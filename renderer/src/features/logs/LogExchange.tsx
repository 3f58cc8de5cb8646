// The request or the response of a log: headers (secrets masked) and body as formatted JSON, with
// what the gateway sent upstream / received from it when that differs, and streams reassembled.
import { lazy, Suspense } from 'react';
import { Accordion, Code, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { maskedHeaders, reassembleSse } from './logDetail';
import type { LogEntry } from './logRow';

const JsonView = lazy(() => import('../../components/JsonView').then((m) => ({ default: m.JsonView })));

function Body({ value, label }: { value: unknown; label: string }) {
  if (value === undefined || value === null)
    return (
      <Text size="sm" c="dimmed">
        Not stored (logged metrics-only, or past the body retention)
      </Text>
    );
  return (
    <Suspense fallback={<Loader size="xs" />}>
      <JsonView value={value} label={label} />
    </Suspense>
  );
}

function Headers({ headers, label }: { headers: Record<string, unknown> | undefined; label: string }) {
  const rows = maskedHeaders(headers);
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        None stored
      </Text>
    );
  return (
    <Table fz="xs" verticalSpacing={2} aria-label={label}>
      <Table.Tbody>
        {rows.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Th scope="row" w={220} ff="monospace" fw={500}>
              {k}
            </Table.Th>
            <Table.Td ff="monospace" style={{ wordBreak: 'break-all' }}>
              {v}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function LogExchange({ log, side }: { log: LogEntry; side: 'request' | 'response' }) {
  const part = side === 'request' ? log.request : log.response;
  const upstream = side === 'request' ? log.transformedRequest?.body : log.originalResponse?.body;
  const stream = side === 'response' ? reassembleSse(part.body) : null;
  const title = side === 'request' ? 'Request' : 'Response';
  return (
    <Stack>
      {side === 'request' ? (
        <Text size="sm">
          <Code>
            {log.request.method ?? log.metrics.request_method} {log.request.url ?? log.metrics.request_url}
          </Code>
        </Text>
      ) : null}
      {stream ? (
        <section aria-label="Reassembled stream">
          <Title order={3} size="h5" mb="xs">
            Streamed answer, reassembled ({stream.events} events{stream.finishReason ? `, finished: ${stream.finishReason}` : ''})
          </Title>
          <Code block>{stream.text || '(no text)'}</Code>
        </section>
      ) : null}
      <section aria-label={`${title} body`}>
        <Title order={3} size="h5" mb="xs">
          {title} body {side === 'response' && log.metrics.stream_mode && !stream ? '(stream, reassembled)' : ''}
        </Title>
        <Body value={part.body} label={`${title} body`} />
      </section>
      <Accordion variant="separated" multiple>
        <Accordion.Item value="headers">
          <Accordion.Control>{title} headers</Accordion.Control>
          <Accordion.Panel>
            <Headers headers={part.headers} label={`${title} headers`} />
          </Accordion.Panel>
        </Accordion.Item>
        {upstream !== undefined ? (
          <Accordion.Item value="upstream">
            <Accordion.Control>{side === 'request' ? 'As sent to the provider' : 'As the provider sent it'}</Accordion.Control>
            <Accordion.Panel>
              <Body value={upstream} label={side === 'request' ? 'Request sent upstream' : 'Response from upstream'} />
            </Accordion.Panel>
          </Accordion.Item>
        ) : null}
      </Accordion>
    </Stack>
  );
}
