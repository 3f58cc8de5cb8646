// The guardrail verdicts of one request (`hook_results` of GET /v1/logs/{id}): what they did to
// it (denied with 446, passed with warnings as 246, passed), then each guardrail on the request and
// on the answer with its verdict, where it was attached, its time, and each check's verdict,
// explanation and time. Async guardrails show the verdict that arrived after the answer.
import { Alert, Badge, Code, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { VerdictBadge } from '../guardrails/VerdictBadge';
import type { HookResult, HookResults } from './logRow';

const time = (ms: number) => `${ms.toFixed(2)} ms`;

/** What the guardrails did to the request, in a sentence; null when they let it through untouched. */
export function guardrailOutcome(status: number | null, hooks: HookResults | null | undefined): string | null {
  if (!hooks) return null;
  if (status === 446) return 'Denied by a guardrail (446): no answer was returned.';
  if (status === 246) return 'Passed with guardrail warnings (246): a check failed, the answer was returned with the verdicts.';
  return null;
}

export function GuardrailsOutcome({ status, hooks }: { status: number | null; hooks: HookResults | null | undefined }) {
  const outcome = guardrailOutcome(status, hooks);
  if (!outcome) return null;
  return (
    <Alert color={status === 446 ? 'red' : 'yellow'} role="status" title={outcome} p="sm">
      See the Guardrails tab for each check&apos;s verdict.
    </Alert>
  );
}

export function LogGuardrails({ hooks, checkName }: { hooks: HookResults; checkName: (id: string) => string }) {
  return (
    <Stack gap="lg">
      <Phase title="On the request" results={hooks.before_request_hooks} checkName={checkName} />
      <Phase title="On the answer" results={hooks.after_request_hooks} checkName={checkName} />
    </Stack>
  );
}

function Phase({ title, results, checkName }: { title: string; results: HookResult[]; checkName: (id: string) => string }) {
  return (
    <Stack gap="xs" component="section" aria-label={`Guardrails ${title.toLowerCase()}`}>
      <Title order={3} size="h5">
        {title}
      </Title>
      {results.length === 0 ? (
        <Text size="sm" c="dimmed">
          No guardrail ran here.
        </Text>
      ) : (
        results.map((r, i) => <Guardrail key={`${r.id}-${i}`} result={r} checkName={checkName} />)
      )}
    </Stack>
  );
}

function Guardrail({ result: r, checkName }: { result: HookResult; checkName: (id: string) => string }) {
  const label = r.name ?? r.id;
  return (
    <Paper withBorder p="sm" role="group" aria-label={`Guardrail ${label}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap="xs">
            <Text fw={600} size="sm">
              {label}
            </Text>
            {r.name ? <Code>{r.id}</Code> : null}
            <VerdictBadge verdict={r.verdict} />
            {r.deny ? (
              <Badge variant="outline" color="gray" size="sm">
                deny
              </Badge>
            ) : null}
            {r.async ? (
              <Badge variant="outline" color="gray" size="sm">
                async
              </Badge>
            ) : null}
            {r.transformed ? (
              <Badge variant="outline" color="gray" size="sm">
                changed the text
              </Badge>
            ) : null}
          </Group>
          <Text size="xs" c="dimmed" ff="monospace">
            {time(r.execution_time)}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          Attached in {r.source}
          {r.feedback ? ` · feedback ${r.feedback.value} (weight ${r.feedback.weight})` : ''}
        </Text>
        {r.verdict === null && r.checks.length === 0 ? (
          <Text size="sm" c="dimmed">
            The verdict had not arrived when the log was read.
          </Text>
        ) : (
          <Table aria-label={`Checks of ${label}`} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Check</Table.Th>
                <Table.Th>Verdict</Table.Th>
                <Table.Th>Explanation</Table.Th>
                <Table.Th ta="right">Time</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.checks.map((c, i) => (
                <Table.Tr key={`${c.id}-${i}`}>
                  <Table.Td>{checkName(c.id)}</Table.Td>
                  <Table.Td>
                    <VerdictBadge verdict={c.verdict} skipped={c.skipped} />
                  </Table.Td>
                  <Table.Td>
                    {c.explanation}
                    {c.error ? (
                      <Text size="xs" c="dimmed">
                        {c.error}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td ta="right" ff="monospace">
                    {time(c.execution_time)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
