// Creating or editing one config: its name, the JSON with key completion and syntax errors as you
// type, the server's validation error marked on the line its path names, making it the workspace
// default, "try it" (one request through the saved config), versions with a diff, and delete
// with confirmation.
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, Anchor, Button, Code, Group, Loader, Paper, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconArrowLeft } from '@tabler/icons-react';
import { api, unwrap } from '../../api/client';
import { ApiError, messageOf } from '../../api/errors';
import { useWorkspaceId } from '../../app/workspace';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { DangerButton } from '../../components/DangerButton';
import { ErrorState } from '../../components/ErrorState';
import { dateTime } from '../../lib/format';
import { configEditorExtensions } from './editorExtensions';
import { lineOf, pathOfMessage, spanOfPath } from './jsonPath';
import { VersionsPanel } from './VersionsPanel';
import { TryConfig } from './TryConfig';

const JsonView = lazy(() => import('../../components/JsonView').then((m) => ({ default: m.JsonView })));

const STARTER = JSON.stringify(
  { strategy: { mode: 'fallback' }, targets: [{ provider: '@your-provider' }, { provider: '@backup-provider' }] },
  null,
  2,
);

export function ConfigEditor({ slug }: { slug: string | null }) {
  const workspaceId = useWorkspaceId();
  const navigate = useNavigate();
  const client = useQueryClient();
  const current = useQuery({
    queryKey: ['configs', 'one', workspaceId, slug],
    queryFn: () => unwrap(api.GET('/v1/configs/{slug}', { params: { path: { slug: slug! }, query: { workspace_id: workspaceId } } })),
    enabled: slug !== null,
  });
  const loaded = current.data;
  const [name, setName] = useState<string | null>(null);
  const [text, setText] = useState<string | null>(null);
  const [isDefault, setIsDefault] = useState<boolean | null>(null);
  const [deleting, setDeleting] = useState(false);
  const shownName = name ?? loaded?.name ?? '';
  const shownText = text ?? (loaded ? JSON.stringify(loaded.config, null, 2) : STARTER);
  const shownDefault = isDefault ?? loaded?.is_default === 1;

  const save = useMutation({
    mutationFn: async () => {
      const config = shownText;
      if (slug === null) {
        return unwrap(
          api.POST('/v1/configs', { body: { name: shownName.trim(), config, workspace_id: workspaceId, is_default: shownDefault } }),
        );
      }
      return unwrap(
        api.PUT('/v1/configs/{slug}', {
          params: { path: { slug } },
          body: { name: shownName.trim(), config, workspace_id: workspaceId, is_default: shownDefault },
        }),
      );
    },
    onSuccess: (written) => {
      void client.invalidateQueries({ queryKey: ['configs'] });
      setText(null);
      setName(null);
      setIsDefault(null);
      if (slug === null) void navigate(`/configs/${encodeURIComponent(written.slug)}`, { replace: true });
    },
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/v1/configs/{slug}', { params: { path: { slug: slug! }, query: { workspace_id: workspaceId } } })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['configs'] });
      void navigate('/configs', { replace: true });
    },
  });

  // The server's error about the config body, placed on the line of the path it names.
  const error = save.error instanceof ApiError ? save.error : null;
  const path = error ? pathOfMessage(error.message) : null;
  const diagnostics = useMemo(() => {
    if (!error || !path) return [];
    const [from, to] = spanOfPath(shownText, path);
    return [{ from, to, severity: 'error' as const, message: error.message, source: 'appliance' }];
    // Recomputed for each new error; edits after it leave the mark where the server put it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [error]);
  const errorLine = path && diagnostics[0] ? lineOf(shownText, diagnostics[0].from) : null;

  if (slug !== null && current.isPending) return <Loader aria-label="Loading the config" />;
  if (current.error) return <ErrorState error={current.error} onRetry={() => void current.refetch()} />;

  return (
    <Stack maw={1100}>
      <Group justify="space-between">
        <Anchor component={Link} to="/configs" size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} /> All configs
          </Group>
        </Anchor>
        {loaded ? (
          <Text size="sm" c="dimmed">
            <Code>{loaded.slug}</Code> · version {loaded.version} · updated {dateTime(loaded.last_updated_at)}
          </Text>
        ) : null}
      </Group>
      <Title order={2} size="h3">
        {slug === null ? 'New config' : shownName}
      </Title>
      <Group align="flex-end">
        <TextInput
          label="Name"
          required
          w={360}
          value={shownName}
          onChange={(e) => setName(e.currentTarget.value)}
          error={error?.field === 'name' ? error.message : undefined}
        />
        <Switch
          label="Default config of this workspace"
          checked={shownDefault}
          onChange={(e) => setIsDefault(e.currentTarget.checked)}
          mb={8}
        />
      </Group>
      <Paper withBorder>
        <Suspense fallback={<Loader size="xs" m="md" />}>
          <JsonView
            value={shownText}
            onChange={setText}
            label="Config JSON"
            maxHeight={560}
            extensions={configEditorExtensions}
            diagnostics={diagnostics}
          />
        </Suspense>
      </Paper>
      {error ? (
        <Alert color="red" role="alert" title={errorLine ? `The config was not saved: line ${errorLine}` : 'The config was not saved'}>
          {messageOf(error)}
        </Alert>
      ) : null}
      {save.isSuccess ? (
        <Text size="sm" c="green.8" role="status">
          Saved as a new version.
        </Text>
      ) : null}
      <Group>
        <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!shownName.trim()}>
          {slug === null ? 'Create config' : 'Save new version'}
        </Button>
        {slug !== null ? <DangerButton onClick={() => setDeleting(true)}>Delete config</DangerButton> : null}
      </Group>
      {slug !== null && loaded ? <TryConfig slug={loaded.slug} workspaceId={workspaceId} version={loaded.version} /> : null}
      {slug !== null && loaded ? <VersionsPanel slug={slug} workspaceId={workspaceId} /> : null}
      {loaded ? (
        <ConfirmDelete
          opened={deleting}
          title={`Delete "${loaded.name}"?`}
          consequence={`Requests that name ${loaded.slug} in x-portkey-config, and keys that use it by default, will be refused.`}
          name={loaded.name}
          action="Delete config"
          pending={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate()}
          onClose={() => setDeleting(false)}
        />
      ) : null}
    </Stack>
  );
}
