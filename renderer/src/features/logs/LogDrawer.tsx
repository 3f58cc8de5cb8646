// One log in detail, in a drawer (Esc closes it): overview (status, model, provider, tokens, cost,
// timings, cache, config and target, retries, metadata, feedback, a link to its trace), then the
// request and response with bodies as formatted JSON and headers with secrets masked, and, when
// guardrails ran, their verdicts (opened first when they denied the request or failed a check).
import { Link } from 'react-router';
import { Badge, Button, Drawer, Group, Loader, Stack, Tabs, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconTimeline } from '@tabler/icons-react';
import { api, unwrap } from '../../api/client';
import { ErrorState } from '../../components/ErrorState';
import { dateTime } from '../../lib/format';
import { asLog, statusColor } from './logRow';
import { LogOverview } from './LogOverview';
import { LogExchange } from './LogExchange';
import { GuardrailsOutcome, LogGuardrails } from './LogGuardrails';
import { checkName, useCheckCatalogue } from '../guardrails/guardrails';

export function LogDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const detail = useQuery({
    queryKey: ['logs', 'one', id],
    queryFn: () => unwrap(api.GET('/v1/logs/{id}', { params: { path: { id: id! } } })).then(asLog),
    enabled: id !== null,
  });
  const log = detail.data;
  const status = log?.metrics.response_status_code ?? log?.response.status ?? null;
  const hooks = log?.hook_results ?? null;
  // Check names for the verdicts; ids stand in where the catalogue cannot be read.
  const catalogue = useCheckCatalogue(hooks !== null);
  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={<Text fw={600}>Request {id}</Text>}
      closeButtonProps={{ 'aria-label': 'Close request details' }}
    >
      {detail.isPending ? (
        <Loader aria-label="Loading the request" />
      ) : detail.error ? (
        <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
      ) : log ? (
        <Stack>
          <Group justify="space-between">
            <Group gap="xs">
              <Badge color={statusColor(status)} variant="dot" size="lg">
                {status ?? '—'}
              </Badge>
              <Text ff="monospace" size="sm">
                {log.metrics.ai_model ?? 'no model'}
              </Text>
              <Text size="sm" c="dimmed">
                {dateTime(log.metrics.created_at)}
              </Text>
            </Group>
            {log.metrics.trace_id ? (
              <Button
                component={Link}
                to={`/logs?trace_id=${encodeURIComponent(log.metrics.trace_id)}&range=90d`}
                size="xs"
                variant="default"
                leftSection={<IconTimeline size={14} />}
              >
                Show its trace
              </Button>
            ) : null}
          </Group>
          <GuardrailsOutcome status={status} hooks={hooks} />
          <Tabs defaultValue={hooks && (status === 446 || status === 246) ? 'guardrails' : 'overview'} keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="overview">Overview</Tabs.Tab>
              {hooks ? <Tabs.Tab value="guardrails">Guardrails</Tabs.Tab> : null}
              <Tabs.Tab value="request">Request</Tabs.Tab>
              <Tabs.Tab value="response">Response</Tabs.Tab>
            </Tabs.List>
            {hooks ? (
              <Tabs.Panel value="guardrails" pt="md">
                <LogGuardrails hooks={hooks} checkName={(id) => checkName(catalogue.data, id)} />
              </Tabs.Panel>
            ) : null}
            <Tabs.Panel value="overview" pt="md">
              <LogOverview log={log} />
            </Tabs.Panel>
            <Tabs.Panel value="request" pt="md">
              <LogExchange log={log} side="request" />
            </Tabs.Panel>
            <Tabs.Panel value="response" pt="md">
              <LogExchange log={log} side="response" />
            </Tabs.Panel>
          </Tabs>
        </Stack>
      ) : null}
    </Drawer>
  );
}
