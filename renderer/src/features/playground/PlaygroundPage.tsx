// The playground: pick a provider and model (or a saved config), write a chat, send it, watch the
// answer stream in, then see its tokens, latency, cost and the request-log entry it made. The chat
// runs through the gateway's own pipeline as the signed-in person, in the current workspace, and is
// logged like any request (ADR 0022): only what the person's role lets them send.
import { useState } from 'react';
import { Link } from 'react-router';
import {
  Alert,
  Anchor,
  Autocomplete,
  Button,
  Grid,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconPlayerStop, IconSend, IconTrash } from '@tabler/icons-react';
import { api, unwrap } from '../../api/client';
import { messageOf } from '../../api/errors';
import { useWorkspaceId } from '../../app/workspace';
import { ErrorState } from '../../components/ErrorState';
import { Facts } from '../../components/Facts';
import { count, ms, usdFromCents } from '../../lib/format';
import { useIntegrations, useProviders } from '../catalog/queries';
import { useLogOf, usePlayground, type Turn } from './usePlayground';

export default function PlaygroundPage() {
  const workspaceId = useWorkspaceId();
  const providers = useProviders(workspaceId);
  const integrations = useIntegrations(workspaceId);
  const configs = useQuery({
    queryKey: ['configs', 'list', workspaceId],
    queryFn: () => unwrap(api.GET('/v1/configs', { params: { query: { workspace_id: workspaceId, page_size: 1000 } } })),
  });
  const [via, setVia] = useState<'provider' | 'config'>('provider');
  const [provider, setProvider] = useState<string | null>(null);
  const [model, setModel] = useState('');
  const [config, setConfig] = useState<string | null>(null);
  const [system, setSystem] = useState('');
  const [text, setText] = useState('');
  const [stream, setStream] = useState(true);
  const [maxTokens, setMaxTokens] = useState<number | null>(256);
  const [temperature, setTemperature] = useState<number | null>(null);
  const chat = usePlayground();

  const chosen = (providers.data?.data ?? []).find((p) => p.slug === provider) ?? null;
  const integration = (integrations.data?.data ?? []).find((i) => i.slug === chosen?.integration_id) ?? null;
  const models = useQuery({
    queryKey: ['integrations', 'models', integration?.slug],
    queryFn: () => unwrap(api.GET('/v1/integrations/{slug}/models', { params: { path: { slug: integration!.slug } } })),
    enabled: integration !== null,
  });
  const modelNames = (models.data?.models ?? []).filter((m) => m.enabled).map((m) => m.slug);
  const ready = via === 'provider' ? provider !== null && model.trim() !== '' : config !== null;
  const fullModel = via === 'provider' && provider ? `@${provider}/${model.trim()}` : model.trim();

  const submit = () => {
    if (!ready || !text.trim() || chat.pending) return;
    void chat.send(
      { workspaceId, model: fullModel, config: via === 'config' ? config : null, stream, maxTokens, temperature },
      system,
      text.trim(),
    );
    setText('');
  };

  if (providers.error) return <ErrorState error={providers.error} onRetry={() => void providers.refetch()} />;
  const none = providers.data && providers.data.total === 0;

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Paper withBorder p="md" component="section" aria-label="Model and settings">
          <Stack gap="sm">
            <SegmentedControl
              aria-label="Send through"
              data={[
                { value: 'provider', label: 'A provider' },
                { value: 'config', label: 'A saved config' },
              ]}
              value={via}
              onChange={(v) => setVia(v as 'provider' | 'config')}
            />
            {via === 'provider' ? (
              <>
                <Select
                  label="Provider"
                  placeholder={none ? 'No providers in this workspace' : 'Choose a provider'}
                  data={(providers.data?.data ?? []).map((p) => ({ value: p.slug, label: `@${p.slug} (${p.ai_provider_name})` }))}
                  value={provider}
                  onChange={(v) => {
                    setProvider(v);
                    setModel('');
                  }}
                  searchable
                />
                <Autocomplete
                  label="Model"
                  description="As the model server names it"
                  data={modelNames}
                  value={model}
                  onChange={setModel}
                  placeholder={modelNames[0] ?? 'llama3.1:8b'}
                />
              </>
            ) : (
              <>
                <Select
                  label="Config"
                  placeholder={configs.data?.total === 0 ? 'No configs in this workspace' : 'Choose a config'}
                  data={(configs.data?.data ?? []).map((c) => ({ value: c.slug, label: `${c.name} (${c.slug})` }))}
                  value={config}
                  onChange={setConfig}
                  searchable
                />
                <TextInput
                  label="Model"
                  description="Optional when the config's targets name one"
                  value={model}
                  onChange={(e) => setModel(e.currentTarget.value)}
                />
              </>
            )}
            <Switch label="Stream the answer" checked={stream} onChange={(e) => setStream(e.currentTarget.checked)} />
            <Group grow>
              <NumberInput
                label="Max tokens"
                min={1}
                allowDecimal={false}
                value={maxTokens ?? ''}
                onChange={(v) => setMaxTokens(typeof v === 'number' ? v : null)}
              />
              <NumberInput
                label="Temperature"
                min={0}
                max={2}
                step={0.1}
                decimalScale={2}
                placeholder="model default"
                value={temperature ?? ''}
                onChange={(v) => setTemperature(typeof v === 'number' ? v : null)}
              />
            </Group>
            <Textarea
              label="System prompt"
              autosize
              minRows={2}
              maxRows={8}
              value={system}
              onChange={(e) => setSystem(e.currentTarget.value)}
            />
            {none ? (
              <Text size="sm">
                Connect a model server in the{' '}
                <Anchor component={Link} to="/catalog">
                  model catalog
                </Anchor>{' '}
                first.
              </Text>
            ) : null}
          </Stack>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Stack gap="sm">
          <Paper withBorder p="md" mih={240} component="section" aria-label="Conversation">
            {chat.messages.length === 0 ? (
              <Text size="sm" c="dimmed">
                Write a message below and send it. It goes through the gateway like any request of this workspace, with your name on it in
                the logs.
              </Text>
            ) : (
              <Stack gap="sm" role="log" aria-live="polite">
                {chat.messages.map((m, i) => (
                  <div key={i}>
                    <Text size="xs" fw={700} c="dimmed" tt="uppercase">
                      {m.role === 'user' ? 'You' : 'Model'}
                    </Text>
                    <Text
                      size="sm"
                      style={{ whiteSpace: 'pre-wrap' }}
                      aria-label={m.role === 'assistant' ? `Answer ${Math.ceil(i / 2)}` : undefined}
                    >
                      {m.content || (chat.pending && i === chat.messages.length - 1 ? '…' : '')}
                    </Text>
                  </div>
                ))}
              </Stack>
            )}
          </Paper>
          {chat.error ? (
            <Alert color="red" role="alert" title="The request failed">
              {messageOf(chat.error)}
            </Alert>
          ) : null}
          <form
            aria-label="Send a message"
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
          >
            <Stack gap="xs">
              <Textarea
                label="Message"
                autosize
                minRows={2}
                maxRows={10}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
                }}
                description="Ctrl+Enter sends"
              />
              <Group>
                <Button type="submit" leftSection={<IconSend size={16} />} disabled={!ready || !text.trim()} loading={chat.pending}>
                  Send
                </Button>
                {chat.pending ? (
                  <Button variant="default" leftSection={<IconPlayerStop size={16} />} onClick={chat.stop}>
                    Stop
                  </Button>
                ) : null}
                <Button
                  variant="subtle"
                  leftSection={<IconTrash size={16} />}
                  onClick={chat.clear}
                  disabled={chat.messages.length === 0 || chat.pending}
                >
                  Clear conversation
                </Button>
              </Group>
            </Stack>
          </form>
          {chat.turn ? <TurnFacts turn={chat.turn} workspaceId={workspaceId} /> : null}
        </Stack>
      </Grid.Col>
    </Grid>
  );
}

function TurnFacts({ turn, workspaceId }: { turn: Turn; workspaceId: string }) {
  const log = useLogOf(turn.traceId, workspaceId);
  const metrics = log.data?.metrics;
  return (
    <Paper withBorder p="md" component="section" aria-label="Last request">
      <Title order={2} size="h5" mb="xs">
        Last request
      </Title>
      <Facts
        label="Last request facts"
        rows={[
          ['Model', turn.model ?? metrics?.ai_model ?? '—'],
          [
            'Tokens',
            turn.usage
              ? `${count(turn.usage.prompt_tokens)} in · ${count(turn.usage.completion_tokens)} out · ${count(turn.usage.total_tokens)} total`
              : metrics
                ? `${count(metrics.req_units)} in · ${count(metrics.res_units)} out · ${count(metrics.total_units)} total`
                : '—',
          ],
          ['Latency', ms(turn.latencyMs)],
          [
            'Cost',
            metrics
              ? metrics.is_priced === false
                ? `${usdFromCents(metrics.cost)} (no price for this model)`
                : usdFromCents(metrics.cost)
              : log.isError
                ? 'Not found in the logs'
                : 'Waiting for the log…',
          ],
          ['Answered by', turn.target ?? '—'],
          [
            'Log entry',
            log.data ? (
              <Anchor component={Link} to={`/logs/${encodeURIComponent(log.data.id)}`} key="l">
                Open the log of this request
              </Anchor>
            ) : (
              '—'
            ),
          ],
        ]}
      />
    </Paper>
  );
}
