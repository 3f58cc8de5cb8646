// "Try it": one chat through a saved config (POST /v1/configs/{slug}/test), showing the answer or
// the error, and what the routing did: the target that answered, retries, cache, latency. The
// test is not traffic: it writes no request log.
import { useState } from 'react';
import { Alert, Button, Code, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { api, unwrap } from '../../api/client';
import { messageOf } from '../../api/errors';
import { Facts } from '../../components/Facts';
import { ms } from '../../lib/format';

export function TryConfig({ slug, workspaceId, version }: { slug: string; workspaceId: string; version: number }) {
  const [model, setModel] = useState('');
  const [prompt, setPrompt] = useState('Reply with one short sentence to confirm that you are working.');
  const run = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/v1/configs/{slug}/test', {
          params: { path: { slug }, query: { workspace_id: workspaceId } },
          body: { ...(model.trim() ? { model: model.trim() } : {}), ...(prompt.trim() ? { prompt: prompt.trim() } : {}) },
        }),
      ),
  });
  const r = run.data;
  return (
    <Paper withBorder p="md" component="section" aria-label="Try it">
      <Stack gap="sm">
        <Title order={2} size="h5">
          Try it
        </Title>
        <Text size="sm" c="dimmed">
          Sends one chat through the saved config (version {version}), as a request naming it would, and shows what came back. Not logged.
        </Text>
        <Group align="flex-end">
          <TextInput
            label="Model"
            description="Optional when the targets name one"
            value={model}
            onChange={(e) => setModel(e.currentTarget.value)}
            w={260}
          />
          <TextInput label="Prompt" value={prompt} onChange={(e) => setPrompt(e.currentTarget.value)} flex={1} miw={260} />
          <Button onClick={() => run.mutate()} loading={run.isPending}>
            Send test request
          </Button>
        </Group>
        {run.error ? (
          <Alert color="red" role="alert">
            {messageOf(run.error)}
          </Alert>
        ) : null}
        {r ? (
          <Alert
            color={r.ok ? 'green' : 'red'}
            icon={r.ok ? <IconCircleCheck size={18} /> : <IconCircleX size={18} />}
            title={
              r.ok
                ? `Answered by ${r.target} (${r.provider ?? 'unknown'}) in ${ms(r.latency_ms)}`
                : `Failed${r.status ? `: HTTP ${r.status}` : ''}`
            }
            role={r.ok ? 'status' : 'alert'}
          >
            <Stack gap="xs">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {r.ok ? r.answer || '(an empty answer)' : r.error}
              </Text>
              <Facts
                label="Routing"
                rows={[
                  ['Strategy', r.mode],
                  ['Target', <Code key="t">{r.target || '—'}</Code>],
                  ['Model', r.model ?? '—'],
                  ['Retries', String(r.retries)],
                  ['Cache', r.cache_status],
                  ['Upstream', r.url ? <Code key="u">{r.url}</Code> : '—'],
                ]}
              />
            </Stack>
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}
