// Security settings: the organisation's, section by section (who may see and change what, logging,
// sessions, provisioning, schemas, exports), with which sections each workspace may set for itself;
// and the current workspace's own values for the sections opened to it. Each section saves only what
// changed; the server's refusal of a setting shows under that setting.
import { useState } from 'react';
import { Alert, Badge, Button, Checkbox, Divider, Group, Loader, Paper, Stack, Switch, Tabs, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { ApiError, messageOf } from '../../api/errors';
import { ORGANISATION_ONLY_SECTIONS, SETTINGS, SETTING_SECTIONS } from '../../api/serverTables.gen';
import { useWorkspace } from '../../app/workspace';
import { ErrorState } from '../../components/ErrorState';
import { useUrlParams } from '../../lib/urlState';
import { isOrgAdmin, useSession } from '../auth/session';
import { SECTION_LABELS, SettingControl, toSend, type SettingName } from './settingControls';

type Values = Record<string, unknown>;

const namesOf = (section: string) => (Object.keys(SETTINGS) as SettingName[]).filter((n) => SETTINGS[n].section === section);

export default function SecuritySettingsPage() {
  const orgAdmin = isOrgAdmin(useSession());
  const { workspace } = useWorkspace();
  const [params, update] = useUrlParams();
  const tab = params.get('tab') === 'workspace' || !orgAdmin ? 'workspace' : 'organisation';
  return (
    <Tabs value={tab} onChange={(v) => update({ tab: v === 'workspace' ? 'workspace' : null })}>
      <Tabs.List>
        {orgAdmin ? <Tabs.Tab value="organisation">Organisation</Tabs.Tab> : null}
        <Tabs.Tab value="workspace">Workspace {workspace?.name}</Tabs.Tab>
      </Tabs.List>
      {orgAdmin ? (
        <Tabs.Panel value="organisation" pt="md">
          <OrganisationSettings />
        </Tabs.Panel>
      ) : null}
      <Tabs.Panel value="workspace" pt="md">
        {workspace ? <WorkspaceSettings key={workspace.id} workspaceId={workspace.id} /> : null}
      </Tabs.Panel>
    </Tabs>
  );
}

function OrganisationSettings() {
  const current = useQuery({
    queryKey: ['settings', 'organisation'],
    queryFn: () => unwrap(api.GET('/v1/admin/organisation/settings')),
  });
  if (current.error) return <ErrorState error={current.error} onRetry={() => void current.refetch()} />;
  if (!current.data) return <Loader aria-label="Loading settings" />;
  return (
    <Stack maw={900}>
      <Text size="sm">
        What people of each role may see and do, how requests are logged, and the rules for sessions, new users, metadata and exports.
        Sections marked &quot;workspaces may override&quot; can be set differently in a workspace.
      </Text>
      {SETTING_SECTIONS.map((section) => (
        <OrganisationSection
          key={section}
          section={section}
          values={current.data.settings}
          overridable={!(ORGANISATION_ONLY_SECTIONS as readonly string[]).includes(section)}
          open={current.data.workspace_overrides[section] === true}
        />
      ))}
    </Stack>
  );
}

function useSectionSave(send: (body: Values) => Promise<unknown>, invalidate: string[][]) {
  const client = useQueryClient();
  const [draft, setDraft] = useState<Values>({});
  const [local, setLocal] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (extra: Values) => {
      const body: Values = { ...extra };
      for (const [name, value] of Object.entries(draft)) body[name] = toSend(name as SettingName, value);
      return send(body);
    },
    onSuccess: () => {
      setDraft({});
      for (const key of invalidate) void client.invalidateQueries({ queryKey: key });
    },
    onError: (err) => setLocal(err instanceof ApiError ? null : messageOf(err)),
    onMutate: () => setLocal(null),
  });
  const field = save.error instanceof ApiError ? save.error.field : null;
  const errorOf = (name: string) => (field && (field === name || field.startsWith(`${name}.`)) ? messageOf(save.error) : undefined);
  return { draft, setDraft, save, errorOf, field, local };
}

function OrganisationSection({
  section,
  values,
  overridable,
  open,
}: {
  section: string;
  values: Values;
  overridable: boolean;
  open: boolean;
}) {
  const names = namesOf(section);
  const { draft, setDraft, save, errorOf, field, local } = useSectionSave(
    (body) => unwrap(api.PUT('/v1/admin/organisation/settings', { body })),
    [['settings']],
  );
  const changed = Object.keys(draft).length > 0;
  const title = SECTION_LABELS[section] ?? section;
  const general =
    local ?? (save.error && !(field && names.some((n) => field === n || field.startsWith(`${n}.`))) ? messageOf(save.error) : null);
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h5">
            {title}
          </Title>
          {overridable ? (
            <Switch
              label="Workspaces may override"
              checked={open}
              onChange={(e) => save.mutate({ workspace_overrides: { [section]: e.currentTarget.checked } })}
            />
          ) : (
            <Badge variant="outline" color="gray">
              Whole organisation
            </Badge>
          )}
        </Group>
        {names.map((name) => (
          <SettingControl
            key={name}
            name={name}
            value={name in draft ? draft[name] : values[name]}
            onChange={(v) => setDraft({ ...draft, [name]: v })}
            error={errorOf(name)}
          />
        ))}
        {general ? (
          <Alert color="red" role="alert">
            {general}
          </Alert>
        ) : null}
        {save.isSuccess && !changed ? (
          <Text size="sm" c="green.8" role="status">
            Saved.
          </Text>
        ) : null}
        <Group>
          <Button size="xs" onClick={() => save.mutate({})} loading={save.isPending} disabled={!changed}>
            Save {title.toLowerCase()}
          </Button>
          {changed ? (
            <Button size="xs" variant="subtle" onClick={() => setDraft({})}>
              Discard changes
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Paper>
  );
}

/** What an own value starts from: the value that holds now, or 1 for a limit that has none. */
const startingValue = (name: SettingName, holds: unknown) => holds ?? (SETTINGS[name].kind === 'positive_integer' ? 1 : holds);

function WorkspaceSettings({ workspaceId }: { workspaceId: string }) {
  const current = useQuery({
    queryKey: ['settings', 'workspace', workspaceId],
    queryFn: () => unwrap(api.GET('/v1/admin/workspaces/{workspaceId}/settings', { params: { path: { workspaceId } } })),
  });
  if (current.error) return <ErrorState error={current.error} onRetry={() => void current.refetch()} />;
  if (!current.data) return <Loader aria-label="Loading settings" />;
  const { overridable, settings, effective } = current.data;
  return (
    <Stack maw={900}>
      <Text size="sm">
        This workspace follows the organisation&apos;s settings, except in the sections the organisation lets workspaces set for themselves.
      </Text>
      {overridable.length === 0 ? (
        <Paper withBorder p="md">
          <Text size="sm">
            The organisation lets workspaces override no section yet. An organisation owner or admin can open a section with
            &quot;Workspaces may override&quot; on the Organisation tab.
          </Text>
        </Paper>
      ) : (
        overridable.map((section) => (
          <WorkspaceSection key={section} section={section} workspaceId={workspaceId} own={settings} effective={effective} />
        ))
      )}
    </Stack>
  );
}

function WorkspaceSection({
  section,
  workspaceId,
  own,
  effective,
}: {
  section: string;
  workspaceId: string;
  own: Values;
  effective: Values;
}) {
  const names = namesOf(section);
  const { draft, setDraft, save, errorOf, local } = useSectionSave(
    (body) => unwrap(api.PUT('/v1/admin/workspaces/{workspaceId}/settings', { params: { path: { workspaceId } }, body })),
    [['settings', 'workspace', workspaceId]],
  );
  const title = SECTION_LABELS[section] ?? section;
  const changed = Object.keys(draft).length > 0;
  const hasOwn = (name: string) => (name in draft ? draft[name] !== null : name in own);
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Title order={2} size="h5">
          {title}
        </Title>
        {names.map((name) => (
          <Stack key={name} gap={4}>
            <Checkbox
              label={`Own value for "${name}"`}
              checked={hasOwn(name)}
              onChange={(e) => setDraft({ ...draft, [name]: e.currentTarget.checked ? startingValue(name, effective[name]) : null })}
            />
            <SettingControl
              name={name}
              value={name in draft && draft[name] !== null ? draft[name] : hasOwn(name) ? own[name] : effective[name]}
              onChange={(v) => setDraft({ ...draft, [name]: v })}
              error={errorOf(name)}
              disabled={!hasOwn(name)}
            />
            <Divider />
          </Stack>
        ))}
        {local || (save.error && !names.some((n) => errorOf(n))) ? (
          <Alert color="red" role="alert">
            {local ?? messageOf(save.error)}
          </Alert>
        ) : null}
        {save.isSuccess && !changed ? (
          <Text size="sm" c="green.8" role="status">
            Saved.
          </Text>
        ) : null}
        <Button size="xs" onClick={() => save.mutate({})} loading={save.isPending} disabled={!changed} w="fit-content">
          Save {title.toLowerCase()}
        </Button>
      </Stack>
    </Paper>
  );
}
