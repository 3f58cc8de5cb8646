// The snippets with this appliance's URL, the new key and the tested model, and a live check
// that says when the first request has arrived in the logs.
import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { IconCircleCheck } from '@tabler/icons-react';
import { api, unwrap } from '../../api/client';
import { Snippets } from '../../components/Snippets';

export function FirstRequestStep({ workspaceId, apiKey, model }: { workspaceId: string; apiKey: string; model: string }) {
  const logs = useQuery({
    queryKey: ['logs', 'first', workspaceId],
    queryFn: () => unwrap(api.GET('/v1/logs', { params: { query: { workspace_id: workspaceId, page_size: 1 } } })),
    refetchInterval: (q) => ((q.state.data?.total ?? 0) > 0 ? false : 2000),
  });
  const first = logs.data?.data[0] as { id?: string; response?: { status?: number } } | undefined;
  return (
    <Stack>
      <Text size="sm">
        Paste one of these where your application runs. Any OpenAI-compatible client works: point its base URL at this appliance and send
        the key.
      </Text>
      <Snippets origin={window.location.origin} apiKey={apiKey} model={model} />
      {first ? (
        <Alert color="green" icon={<IconCircleCheck size={18} />} title="Your first request arrived" role="status">
          <Stack gap="xs">
            <Text size="sm">The gateway answered it with HTTP {first.response?.status ?? '—'} and logged it.</Text>
            <Group>
              <Button component={Link} to={`/logs/${first.id ?? ''}`} size="xs">
                Open it in the logs
              </Button>
              <Button component={Link} to="/dashboard" size="xs" variant="default">
                Go to the dashboard
              </Button>
            </Group>
          </Stack>
        </Alert>
      ) : (
        <Group gap="xs" role="status">
          <Loader size="xs" />
          <Text size="sm">Waiting for your first request…</Text>
        </Group>
      )}
    </Stack>
  );
}
