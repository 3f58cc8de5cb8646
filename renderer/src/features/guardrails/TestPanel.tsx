// "Try it" for a guardrail: the checks as the form holds them (saved or not) run on a sample text,
// as a request's message or as an answer (POST /v1/guardrails/test), and the verdict shown as a
// request would meet it (passed, passed with warnings 246, denied 446), with each check's verdict,
// explanation and time, and the text as redaction left it. Only an LLM judge calls a model.
import { useState } from 'react';
import { Alert, Badge, Button, Code, Group, Paper, SegmentedControl, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconPlayerPlay } from '@tabler/icons-react';
import { api, unwrap } from '../../api/client';
import type { BodyOf } from '../../api/types';
import { checkName, useCheckCatalogue, type TestResult } from './guardrails';
import { VerdictBadge } from './VerdictBadge';

type TestBody = BodyOf<'/v1/guardrails/test', 'post'>;

interface Props {
  /** The test body without the sample: the form's draft (checks, actions) and the saved guardrail it edits. */
  draft: () => Omit<TestBody, 'text' | 'phase' | 'model'>;
  /** Errors go to the form, which marks the field they name, and come back here to be said. */
  onError: (error: unknown) => void;
  /** The last test's error, in the server's words. */
  problem: string | null;
}

export function TestPanel({ draft, onError, problem }: Props) {
  const [text, setText] = useState('');
  const [phase, setPhase] = useState<'input' | 'output'>('input');
  const [model, setModel] = useState('');
  const test = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/v1/guardrails/test', { body: { ...draft(), text, phase, ...(model.trim() ? { model: model.trim() } : {}) } })),
    onMutate: () => onError(null),
    onError,
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="guardrail-test-title">
      <Stack gap="sm">
        <Title order={3} size="h5" id="guardrail-test-title">
          Test on sample text
        </Title>
        <Text size="sm" c="dimmed">
          Runs the checks as they are in the form, saved or not, on your text. Nothing is sent to a model, except to an LLM judge&apos;s
          model.
        </Text>
        <SegmentedControl
          aria-label="Check the text as"
          data={[
            { value: 'input', label: 'A request (input)' },
            { value: 'output', label: 'An answer (output)' },
          ]}
          value={phase}
          onChange={(v) => setPhase(v === 'output' ? 'output' : 'input')}
          w="fit-content"
        />
        <Textarea
          label="Sample text"
          autosize
          minRows={2}
          maxRows={10}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          placeholder={phase === 'input' ? 'What a user might send' : 'What a model might answer'}
        />
        <TextInput
          label="Model the request names"
          description="For model whitelists and rules; optional"
          value={model}
          onChange={(e) => setModel(e.currentTarget.value)}
          placeholder="@provider/model"
          maw={360}
        />
        <Button
          onClick={() => test.mutate()}
          loading={test.isPending}
          leftSection={<IconPlayerPlay size={14} />}
          variant="default"
          w="fit-content"
        >
          Run test
        </Button>
        {problem ? (
          <Alert color="red" role="alert" title="The test did not run">
            {problem}
          </Alert>
        ) : null}
        {test.data && !test.isError ? <TestOutcome result={test.data} /> : null}
      </Stack>
    </Paper>
  );
}

function TestOutcome({ result }: { result: TestResult }) {
  const catalogue = useCheckCatalogue().data;
  const outcome =
    result.status === 446
      ? 'A request would be denied (446).'
      : result.status === 246
        ? 'A request would pass with warnings (246).'
        : result.verdict
          ? 'A request would pass.'
          : 'A request would pass: the guardrail is async, its verdict is only recorded.';
  return (
    <Stack gap="xs" role="region" aria-label="Test result">
      <Group gap="xs">
        <VerdictBadge verdict={result.verdict} />
        <Text size="sm" fw={500}>
          {outcome}
        </Text>
      </Group>
      <Table aria-label="Check verdicts" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Check</Table.Th>
            <Table.Th>Verdict</Table.Th>
            <Table.Th>Explanation</Table.Th>
            <Table.Th ta="right">Time</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {result.checks.map((c, i) => (
            <Table.Tr key={`${c.id}-${i}`}>
              <Table.Td>{checkName(catalogue, c.id)}</Table.Td>
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
                {c.execution_time.toFixed(2)} ms
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {result.changed_text !== null ? (
        <Alert color="gray" title="The text after the checks changed it" role="status">
          <Code block>{result.changed_text}</Code>
        </Alert>
      ) : null}
      {result.checks.length === 0 ? (
        <Badge variant="outline" color="gray">
          Every check is turned off
        </Badge>
      ) : null}
    </Stack>
  );
}
