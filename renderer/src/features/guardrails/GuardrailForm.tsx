// A guardrail's definition, as one form that creates and edits: its name, its checks (each with a
// form generated from the check's parameter schema, on or off, in order), and what happens when a
// check fails (deny with 446 or let it through with 246, async, feedback on pass and fail). The
// server's refusal lands on the field it names: a check's parameter, an action, the name. The test
// panel below runs the checks as the form holds them.
import { useState } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Code,
  Fieldset,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { ApiError, messageOf } from '../../api/errors';
import { ParameterFields, leafPaths, type JsonSchema } from './ParameterFields';
import { TestPanel } from './TestPanel';
import { checksBody, type ActionsDraft, type CheckDraft, type CheckInfo, type Feedback, type GuardrailDraft } from './guardrails';

interface Props {
  catalogue: readonly CheckInfo[];
  initial: GuardrailDraft;
  submitLabel: string;
  /** Saves the draft; a rejection is shown on the field it names. */
  onSubmit: (draft: GuardrailDraft) => Promise<void>;
  /** Shown read-only (the person may not change this guardrail). */
  readOnly: boolean;
  /** Whether the person may run tests (they may write guardrails here). */
  canTest: boolean;
  /** The saved guardrail being edited: a test of the draft keeps its masked webhook headers. */
  guardrailId: string | null;
  workspaceId: string;
}

const ACTION_FIELDS = ['actions.deny', 'actions.async', 'actions.on_success', 'actions.on_fail', 'actions'];

export function GuardrailForm({ catalogue, initial, submitLabel, onSubmit, readOnly, canTest, guardrailId, workspaceId }: Props) {
  const [name, setName] = useState(initial.name);
  const [checks, setChecks] = useState<CheckDraft[]>(initial.checks);
  const [actions, setActions] = useState<ActionsDraft>(initial.actions);
  const [adding, setAdding] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  /** Whether the problem shown came from a test rather than a save. */
  const [fromTest, setFromTest] = useState(false);
  const [saved, setSaved] = useState(false);

  const field = problem instanceof ApiError ? problem.field : null;
  const under = (path: string) => field !== null && (field === path || field.startsWith(`${path}.`) || field.startsWith(`${path}[`));
  const infoOf = (id: string) => catalogue.find((c) => c.id === id);
  const leavesOf = (i: number) =>
    leafPaths((infoOf(checks[i]!.id)?.parameters ?? {}) as JsonSchema).map((p) => `checks[${i}].parameters.${p}`);
  const claimed = ['name', ...ACTION_FIELDS, ...checks.flatMap((_, i) => [...leavesOf(i), `checks[${i}]`]), 'checks'].some(under);
  const message = problem ? messageOf(problem) : null;
  const at = (path: string) => (under(path) ? (message ?? undefined) : undefined);

  const submit = async () => {
    setPending(true);
    setProblem(null);
    setSaved(false);
    try {
      await onSubmit({ name: name.trim(), checks, actions });
      setSaved(true);
    } catch (err) {
      setProblem(err);
      setFromTest(false);
    } finally {
      setPending(false);
    }
  };
  const setCheck = (i: number, change: Partial<CheckDraft>) => setChecks(checks.map((c, j) => (j === i ? { ...c, ...change } : c)));
  const move = (i: number, by: number) => {
    const next = [...checks];
    const [c] = next.splice(i, 1);
    next.splice(i + by, 0, c!);
    setChecks(next);
  };
  const groups = [
    { group: 'Text of requests and answers', items: catalogue.filter((c) => !c.network && c.phases.length === 2) },
    { group: 'Requests only', items: catalogue.filter((c) => !c.network && c.phases.length === 1) },
    { group: 'Asks a service on your network', items: catalogue.filter((c) => c.network) },
  ].map((g) => ({ group: g.group, items: g.items.map((c) => ({ value: c.id, label: c.name })) }));

  return (
    <Stack>
      <form
        aria-label={submitLabel}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Fieldset variant="unstyled" disabled={readOnly}>
          <Stack>
            {message && !claimed && !fromTest ? (
              <Alert color="red" role="alert" title="The guardrail was not saved">
                {message}
              </Alert>
            ) : null}
            <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={at('name')} />
            <Title order={3} size="h5">
              Checks
            </Title>
            {checks.length === 0 ? (
              <Text size="sm" c="dimmed">
                A guardrail passes when every check that is on passes. Add the first check below.
              </Text>
            ) : null}
            {checks.map((c, i) => {
              const info = infoOf(c.id);
              const leaves = leavesOf(i);
              const cardProblem = under(`checks[${i}]`) && !leaves.some(under) ? message : null;
              return (
                <Paper key={`${i}-${c.id}`} withBorder p="sm" role="group" aria-label={`Check ${i + 1}: ${info?.name ?? c.id}`}>
                  <Stack gap="xs">
                    <Group justify="space-between" wrap="nowrap" align="flex-start">
                      <Stack gap={2}>
                        <Group gap="xs">
                          <Text fw={600} size="sm">
                            {i + 1}. {info?.name ?? c.id}
                          </Text>
                          <Code>{c.id}</Code>
                          <Badge variant="outline" color="gray" size="sm">
                            {info?.phases.length === 1 ? 'requests only' : 'requests and answers'}
                          </Badge>
                          {info?.network ? (
                            <Badge variant="outline" color="gray" size="sm">
                              calls out
                            </Badge>
                          ) : null}
                        </Group>
                        {info ? (
                          <Text size="xs" c="dimmed" maw={640}>
                            {info.description}
                          </Text>
                        ) : null}
                      </Stack>
                      {readOnly ? null : (
                        <Group gap={4} wrap="nowrap">
                          <Switch
                            label="On"
                            aria-label={`Check ${i + 1} on`}
                            checked={c.is_enabled}
                            onChange={(e) => setCheck(i, { is_enabled: e.currentTarget.checked })}
                          />
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            aria-label={`Move check ${i + 1} up`}
                            disabled={i === 0}
                            onClick={() => move(i, -1)}
                          >
                            <IconArrowUp size={16} />
                          </ActionIcon>
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            aria-label={`Move check ${i + 1} down`}
                            disabled={i === checks.length - 1}
                            onClick={() => move(i, 1)}
                          >
                            <IconArrowDown size={16} />
                          </ActionIcon>
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            aria-label={`Remove check ${i + 1}`}
                            onClick={() => setChecks(checks.filter((_, j) => j !== i))}
                          >
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Group>
                      )}
                    </Group>
                    {info ? (
                      <ParameterFields
                        schema={info.parameters as JsonSchema}
                        value={c.parameters}
                        onChange={(parameters) => setCheck(i, { parameters })}
                        errorFor={(p) => at(`checks[${i}].parameters.${p}`)}
                        labelPrefix={`Check ${i + 1}`}
                        disabled={readOnly}
                      />
                    ) : (
                      <Text size="sm" c="red">
                        This appliance does not know this check.
                      </Text>
                    )}
                    {cardProblem ? (
                      <Alert color="red" role="alert" p="xs">
                        {cardProblem}
                      </Alert>
                    ) : null}
                  </Stack>
                </Paper>
              );
            })}
            {under('checks') && !checks.some((_, i) => under(`checks[${i}]`)) ? (
              <Text size="xs" c="var(--mantine-color-error)" role="alert">
                {message}
              </Text>
            ) : null}
            {readOnly ? null : (
              <Select
                label="Add a check"
                placeholder="Choose a check to add"
                data={groups}
                searchable
                value={adding}
                onChange={(id) => {
                  if (!id) return;
                  setChecks([...checks, { id, parameters: {}, is_enabled: true }]);
                  setAdding(null);
                }}
                maw={420}
              />
            )}
            <ActionsFields actions={actions} onChange={setActions} at={at} />
            {readOnly ? null : (
              <Group>
                <Button type="submit" loading={pending} disabled={!name.trim() || checks.length === 0}>
                  {submitLabel}
                </Button>
                {saved ? (
                  <Text size="sm" c="green.8" role="status">
                    Saved.
                  </Text>
                ) : null}
              </Group>
            )}
          </Stack>
        </Fieldset>
      </form>
      {canTest ? (
        <TestPanel
          draft={() =>
            readOnly && guardrailId
              ? { guardrail_id: guardrailId, workspace_id: workspaceId }
              : {
                  checks: checksBody(checks),
                  actions,
                  workspace_id: workspaceId,
                  ...(guardrailId ? { guardrail_id: guardrailId } : {}),
                }
          }
          problem={message && fromTest ? message : null}
          onError={(err) => {
            setProblem(err);
            setFromTest(true);
          }}
        />
      ) : null}
    </Stack>
  );
}

function ActionsFields({
  actions,
  onChange,
  at,
}: {
  actions: ActionsDraft;
  onChange: (a: ActionsDraft) => void;
  at: (path: string) => string | undefined;
}) {
  return (
    <Fieldset legend="When a check fails">
      <Stack gap="sm">
        <Switch
          label="Deny the request"
          description="The client gets 446 and no answer. Off: the request goes on, and the answer comes with status 246 and the verdicts."
          checked={actions.deny}
          onChange={(e) => onChange({ ...actions, deny: e.currentTarget.checked })}
          error={at('actions.deny')}
        />
        <Switch
          label="Run in the background (async)"
          description="The request does not wait for the verdict, so it cannot be denied or changed; the verdict is recorded in the log."
          checked={actions.async}
          onChange={(e) => onChange({ ...actions, async: e.currentTarget.checked })}
          error={at('actions.async')}
        />
        <FeedbackFields
          label="Feedback when the checks pass"
          value={actions.on_success.feedback}
          fallback={5}
          onChange={(feedback) => onChange({ ...actions, on_success: { feedback } })}
          error={at('actions.on_success')}
        />
        <FeedbackFields
          label="Feedback when a check fails"
          value={actions.on_fail.feedback}
          fallback={-5}
          onChange={(feedback) => onChange({ ...actions, on_fail: { feedback } })}
          error={at('actions.on_fail')}
        />
      </Stack>
    </Fieldset>
  );
}

function FeedbackFields({
  label,
  value,
  fallback,
  onChange,
  error,
}: {
  label: string;
  value: Feedback | null;
  fallback: number;
  onChange: (f: Feedback | null) => void;
  error: string | undefined;
}) {
  return (
    <Stack gap={6}>
      <Switch
        label={label}
        description="Writes a feedback score on the request's trace, as a person's feedback would."
        checked={value !== null}
        onChange={(e) => onChange(e.currentTarget.checked ? { value: fallback, weight: 1, metadata: '' } : null)}
      />
      {value ? (
        <Group align="flex-start" ml={48}>
          <NumberInput
            label="Value"
            description="-10 to 10"
            min={-10}
            max={10}
            allowDecimal={false}
            value={value.value}
            onChange={(v) => onChange({ ...value, value: typeof v === 'number' ? v : 0 })}
            w={120}
          />
          <NumberInput
            label="Weight"
            description="0 to 1"
            min={0}
            max={1}
            step={0.1}
            decimalScale={2}
            value={value.weight}
            onChange={(v) => onChange({ ...value, weight: typeof v === 'number' ? v : 1 })}
            w={120}
          />
          <TextInput
            label="Note"
            description="Kept with the feedback"
            value={value.metadata}
            onChange={(e) => onChange({ ...value, metadata: e.currentTarget.value })}
            w={260}
          />
        </Group>
      ) : null}
      {error ? (
        <Text size="xs" c="var(--mantine-color-error)" role="alert">
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}
