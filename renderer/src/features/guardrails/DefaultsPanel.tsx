// Where a guardrail runs without a config naming it: the defaults of the current workspace (its
// requests and its answers) and, for organisation guardrails, the organisation's (every request of
// every workspace). Switches for the people who may change them (workspace admins the workspace's,
// organisation admins both); everyone else sees where it is attached. The server decides: a
// refusal is shown in its words, and nothing is changed.
import { useState } from 'react';
import { Alert, Stack, Switch, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { messageOf } from '../../api/errors';
import {
  names,
  useOrganisationDefaults,
  useWorkspaceDefaults,
  type Abilities,
  type DefaultLists,
  type GuardrailSummary,
} from './guardrails';

type Phase = 'input' | 'output';
type Level = 'workspace' | 'organisation';

interface Change {
  level: Level;
  phase: Phase;
  on: boolean;
}

/** The list with the guardrail added (by slug) or removed (however it was named). */
function toggled(list: readonly string[], g: GuardrailSummary, on: boolean): string[] {
  const without = list.filter((r) => r !== g.id && r !== g.slug);
  return on ? [...without, g.slug] : without;
}

export function DefaultsPanel({
  guardrail,
  workspace,
  abilities,
}: {
  guardrail: GuardrailSummary;
  workspace: { id: string; name: string };
  abilities: Abilities;
}) {
  const client = useQueryClient();
  const wsDefaults = useWorkspaceDefaults(workspace.id);
  const orgLevel = guardrail.workspace_id === null;
  const orgDefaults = useOrganisationDefaults(abilities.organisationDefaults && orgLevel);
  // The change on its way, set in the click itself (the mutation's own state arrives a tick later):
  // its switch shows what was asked until the server answers; a refusal puts it back.
  const [asking, setAsking] = useState<Change | null>(null);
  const change = useMutation({
    mutationFn: async ({ level, phase, on }: Change) => {
      const key = phase === 'input' ? 'input_guardrails' : 'output_guardrails';
      if (level === 'workspace') {
        const next = toggled(wsDefaults.data?.[phase] ?? [], guardrail, on);
        await unwrap(
          api.PUT('/v1/admin/workspaces/{workspaceId}', {
            params: { path: { workspaceId: workspace.id } },
            body: { defaults: { [key]: next } },
          }),
        );
        return { key: ['guardrails', 'defaults', 'workspace', workspace.id], lists: { ...wsDefaults.data!, [phase]: next } };
      }
      const next = toggled(orgDefaults.data?.[phase] ?? [], guardrail, on);
      await unwrap(api.PUT('/v1/admin/organisation/defaults', { body: { [key]: next } }));
      return { key: ['guardrails', 'defaults', 'organisation'], lists: { ...orgDefaults.data!, [phase]: next } };
    },
    // What the server accepted, at once: the switch does not flick back while the lists reload.
    onSuccess: ({ key, lists }) => {
      client.setQueryData(key, lists);
      void client.invalidateQueries({ queryKey: ['guardrails', 'defaults'] });
    },
    onSettled: () => setAsking(null),
  });

  const row = (level: Level, phase: Phase, lists: DefaultLists | undefined, may: boolean) => {
    const asked = asking && asking.level === level && asking.phase === phase ? asking : null;
    const on = asked ? asked.on : lists ? names(lists[phase], guardrail) : false;
    const where = level === 'workspace' ? `workspace ${workspace.name}` : 'every workspace';
    const label = `${phase === 'input' ? 'Check every request' : 'Check every answer'} in ${where}`;
    if (!may) return on ? <Text size="sm">{label}: on</Text> : null;
    return (
      <Switch
        label={label}
        checked={on}
        disabled={!lists || (asking !== null && !asked)}
        onChange={(e) => {
          const wanted = { level, phase, on: e.currentTarget.checked };
          setAsking(wanted);
          change.mutate(wanted);
        }}
      />
    );
  };
  const rows = [
    row('workspace', 'input', wsDefaults.data, abilities.workspaceDefaults),
    row('workspace', 'output', wsDefaults.data, abilities.workspaceDefaults),
    ...(orgLevel && abilities.organisationDefaults
      ? [row('organisation', 'input', orgDefaults.data, true), row('organisation', 'output', orgDefaults.data, true)]
      : []),
  ];
  return (
    <Stack gap="xs" component="section" aria-labelledby="guardrail-defaults-title">
      <Title order={3} size="h5" id="guardrail-defaults-title">
        Runs by default
      </Title>
      <Text size="sm" c="dimmed">
        A default guardrail checks requests without any config naming it. Configs can add more in input_guardrails and output_guardrails.
      </Text>
      {rows.some(Boolean) ? rows : <Text size="sm">Not attached to any defaults here.</Text>}
      {orgLevel && !abilities.organisationDefaults ? (
        <Text size="sm" c="dimmed">
          Only organisation admins attach organisation guardrails to the organisation&apos;s defaults.
        </Text>
      ) : null}
      {!orgLevel && abilities.organisationDefaults ? (
        <Text size="sm" c="dimmed">
          A workspace guardrail can only be a default of its own workspace.
        </Text>
      ) : null}
      {change.error ? (
        <Alert color="red" role="alert" title="The defaults were not changed">
          {messageOf(change.error)}
        </Alert>
      ) : null}
      {change.isSuccess ? (
        <Text size="sm" c="green.8" role="status">
          Defaults saved: from the next request on.
        </Text>
      ) : null}
    </Stack>
  );
}
