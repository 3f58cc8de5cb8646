// One operation of the API reference: auth and scopes, parameters, body and response schemas, and
// a "Try it" form that sends it from this browser.
import { lazy, Suspense, useState } from 'react';
import { Alert, Badge, Button, Code, Group, Loader, PasswordInput, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { rawRequest } from '../../api/client';
import { messageOf } from '../../api/errors';
import { METHOD_COLORS, authOf, type Entry } from './openapiDoc';

const JsonView = lazy(() => import('../../components/JsonView').then((m) => ({ default: m.JsonView })));

function Schema({ value, label }: { value: unknown; label: string }) {
  return (
    <Suspense fallback={<Loader size="xs" />}>
      <JsonView value={value} label={label} maxHeight={320} />
    </Suspense>
  );
}

export function OperationView({ entry }: { entry: Entry }) {
  const { method, path, op } = entry;
  const [values, setValues] = useState<Record<string, string>>({});
  const [body, setBody] = useState(op.requestBody ? '{}' : '');
  const [apiKey, setApiKey] = useState('');
  const send = useMutation({
    mutationFn: () => {
      let url = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
      const query = new URLSearchParams(
        op.parameters.filter((p) => p.in === 'query' && values[p.name]).map((p) => [p.name, values[p.name]!]),
      );
      if (query.size > 0) url += `?${query}`;
      return rawRequest(method, url, op.requestBody ? body : null, apiKey.trim());
    },
  });
  const ok = op.responses['200']?.content?.['application/json']?.schema;
  return (
    <Stack component="article" aria-label={`${method} ${path}`}>
      <Group gap="xs">
        <Badge color={METHOD_COLORS[method] ?? 'gray'} variant="dot" size="lg">
          {method}
        </Badge>
        <Title order={2} size="h4" ff="monospace">
          {path}
        </Title>
      </Group>
      <Table withRowBorders={false} verticalSpacing={2} aria-label="Operation facts">
        <Table.Tbody>
          <Table.Tr>
            <Table.Th scope="row" w={160}>
              Authentication
            </Table.Th>
            <Table.Td>{authOf(op)}</Table.Td>
          </Table.Tr>
          {op['x-required-scopes'] ? (
            <Table.Tr>
              <Table.Th scope="row">Scopes</Table.Th>
              <Table.Td>
                {op['x-required-scopes'].map((s) => (
                  <Code key={s} mr={4}>
                    {s}
                  </Code>
                ))}
              </Table.Td>
            </Table.Tr>
          ) : null}
          <Table.Tr>
            <Table.Th scope="row">Operation id</Table.Th>
            <Table.Td>
              <Code>{op.operationId}</Code>
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {op.parameters.length > 0 ? (
        <section aria-label="Parameters">
          <Title order={3} size="h5" mb="xs">
            Parameters
          </Title>
          <Stack gap="xs">
            {op.parameters.map((p) => (
              <TextInput
                key={`${p.in}-${p.name}`}
                label={`${p.name} (${p.in}${p.required ? ', required' : ''})`}
                description={typeof p.schema?.description === 'string' ? p.schema.description : undefined}
                value={values[p.name] ?? ''}
                onChange={(e) => setValues({ ...values, [p.name]: e.currentTarget.value })}
                ff="monospace"
              />
            ))}
          </Stack>
        </section>
      ) : null}
      {op.requestBody ? (
        <section aria-label="Request body">
          <Title order={3} size="h5" mb="xs">
            Request body
          </Title>
          <Schema value={op.requestBody.content['application/json'].schema} label="Request body schema" />
          <Textarea
            label="Body to send"
            autosize
            minRows={3}
            ff="monospace"
            mt="xs"
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
          />
        </section>
      ) : null}
      {ok !== undefined ? (
        <section aria-label="Response">
          <Title order={3} size="h5" mb="xs">
            Response 200
          </Title>
          <Schema value={ok} label="Response schema" />
        </section>
      ) : null}
      <section aria-label="Try it">
        <Title order={3} size="h5" mb="xs">
          Try it
        </Title>
        <Group align="flex-end">
          <PasswordInput
            label="API key"
            description="Empty: this browser's session, if signed in"
            w={360}
            autoComplete="off"
            value={apiKey}
            onChange={(e) => setApiKey(e.currentTarget.value)}
          />
          <Button onClick={() => send.mutate()} loading={send.isPending}>
            Send request
          </Button>
        </Group>
        {send.error ? (
          <Alert color="red" mt="sm" role="alert">
            {messageOf(send.error)}
          </Alert>
        ) : null}
        {send.data ? (
          <Stack gap="xs" mt="sm" role="status">
            <Text size="sm" fw={600}>
              HTTP {send.data.status} in {send.data.ms} ms
            </Text>
            <Schema value={send.data.body} label="Response body" />
          </Stack>
        ) : null}
      </section>
    </Stack>
  );
}
