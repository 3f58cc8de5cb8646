// "Test connection": one real call through the provider (POST /v1/providers/{slug}/test), showing
// the model's answer or the upstream's own error. "Find models" asks the server which models it has.
import { useState } from 'react';
import { Alert, Autocomplete, Button, Code, Group, Loader, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { api, unwrap } from '../../api/client';
import { messageOf } from '../../api/errors';
import type { ConnectionTest as Result } from '../../api/types';
import { ms } from '../../lib/format';

interface Props {
  provider: string;
  workspaceId: string;
  initialModel?: string;
  /** Called after a chat test that succeeded, with the model that answered. */
  onSuccess?: (model: string) => void;
}

export function ConnectionTest({ provider, workspaceId, initialModel = '', onSuccess }: Props) {
  const [model, setModel] = useState(initialModel);
  const run = (body: { model?: string }) =>
    unwrap(api.POST('/v1/providers/{slug}/test', { params: { path: { slug: provider }, query: { workspace_id: workspaceId } }, body }));
  const test = useMutation({
    mutationFn: () => run({ model: model.trim() }),
    onSuccess: (r) => {
      if (r.ok) onSuccess?.(model.trim());
    },
  });
  const find = useMutation({ mutationFn: () => run({}) });
  const models = find.data?.models ?? [];

  return (
    <Stack>
      <Group align="flex-end" wrap="wrap">
        <Autocomplete
          label="Model"
          description="A model the server serves, as it names it"
          required
          w={360}
          data={models}
          value={model}
          onChange={setModel}
        />
        <Button variant="default" onClick={() => find.mutate()} loading={find.isPending}>
          Find models
        </Button>
        <Button onClick={() => test.mutate()} loading={test.isPending} disabled={!model.trim()}>
          Test connection
        </Button>
      </Group>
      {find.data && !find.data.ok ? <Outcome result={find.data} /> : null}
      {find.data?.ok ? (
        <Text size="sm" c="dimmed" role="status">
          {models.length === 0
            ? 'The server listed no models.'
            : `The server lists ${models.length} model${models.length === 1 ? '' : 's'}: pick one above.`}
        </Text>
      ) : null}
      {find.error ? (
        <Alert color="red" role="alert">
          {messageOf(find.error)}
        </Alert>
      ) : null}
      {test.isPending ? (
        <Group gap="xs" role="status">
          <Loader size="xs" />
          <Text size="sm">Calling the model server…</Text>
        </Group>
      ) : null}
      {test.data ? <Outcome result={test.data} /> : null}
      {test.error ? (
        <Alert color="red" role="alert">
          {messageOf(test.error)}
        </Alert>
      ) : null}
    </Stack>
  );
}

function Outcome({ result }: { result: Result }) {
  const where = result.url ? <Code>{result.url}</Code> : null;
  if (result.ok) {
    return (
      <Alert
        color="green"
        icon={<IconCircleCheck size={18} />}
        title={`Connected: ${result.model ?? 'the server'} answered in ${ms(result.latency_ms)}`}
        role="status"
      >
        {result.answer !== null ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {result.answer || '(an empty answer)'}
          </Text>
        ) : null}
        <Text size="xs" mt={4}>
          Called {where}
        </Text>
      </Alert>
    );
  }
  return (
    <Alert
      color="red"
      icon={<IconCircleX size={18} />}
      title={result.status ? `The server answered HTTP ${result.status}` : 'The server could not be reached'}
      role="alert"
    >
      <Text size="sm">{result.error}</Text>
      {where ? (
        <Text size="xs" mt={4}>
          Called {where}
        </Text>
      ) : null}
    </Alert>
  );
}
