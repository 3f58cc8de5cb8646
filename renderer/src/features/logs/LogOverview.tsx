// The drawer's overview: what a person asks of a request first, in units.
import type { ReactNode } from 'react';
import { Code, Stack, Table, Text, Title } from '@mantine/core';
import { count, dateTime, ms, usdFromCents } from '../../lib/format';
import type { LogEntry } from './logRow';

function Facts({ rows, label }: { rows: [string, ReactNode][]; label: string }) {
  return (
    <Table withRowBorders={false} verticalSpacing={4} aria-label={label}>
      <Table.Tbody>
        {rows.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Th w={200} fw={500} c="dimmed" scope="row">
              {k}
            </Table.Th>
            <Table.Td>{v}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const mono = (v: string | null | undefined) => (v ? <Code>{v}</Code> : '—');

export function LogOverview({ log }: { log: LogEntry }) {
  const m = log.metrics;
  const metadata = Object.entries(m.metadata ?? {});
  const feedback = log.feedback ?? [];
  return (
    <Stack gap="lg">
      <Facts
        label="Request facts"
        rows={[
          ['Time', dateTime(m.created_at)],
          ['Status', `${m.response_status_code ?? '—'} ${m.is_success ? '(success)' : '(error)'}`],
          ['Model', m.request_model && m.request_model !== m.ai_model ? `${m.request_model} → ${m.ai_model ?? '—'}` : (m.ai_model ?? '—')],
          ['Provider', m.virtual_key ? <Code>@{m.virtual_key}</Code> : '—'],
          ['AI service', m.ai_org ?? '—'],
          ['Endpoint', `${m.request_method ?? ''} ${m.request_url ?? ''}`],
          ['Tokens', `${count(m.req_units)} in · ${count(m.res_units)} out · ${count(m.total_units)} total`],
          ['Cost', m.is_priced === false ? 'Not priced (no price known for this model)' : usdFromCents(m.cost)],
          ['Latency', `${ms(m.response_time)} total · ${ms(m.upstream_response_time)} upstream · first byte ${ms(m.ttfb)}`],
          ['Gateway time', ms(m.gateway_processing_time)],
          ['Streamed', m.stream_mode ? 'Yes' : 'No'],
          ['Cache', m.cache_status ? `${m.cache_status}${m.cache_type ? ` (${m.cache_type})` : ''}` : '—'],
          ['Config', m.config ? <Code>{m.config}</Code> : '—'],
          ['Target that answered', mono(m.last_used_option_index ?? log.response.lastUsedOptionJsonPath)],
          ['Routing mode', m.mode ?? '—'],
          ['Retries that succeeded', count(m.retry_success_count ?? 0)],
          ['API key', mono(m.api_key_id)],
          ['Workspace', m.workspace_slug ?? '—'],
          ['Trace id', mono(m.trace_id)],
          ['Span id', mono(m.span_id)],
          ...(m.error_message
            ? ([
                [
                  'Error',
                  <Text c="red" size="sm" key="e">
                    {m.error_message}
                  </Text>,
                ],
              ] as [string, ReactNode][])
            : []),
        ]}
      />
      <section aria-label="Metadata">
        <Title order={3} size="h5" mb="xs">
          Metadata
        </Title>
        {metadata.length === 0 ? (
          <Text size="sm" c="dimmed">
            None
          </Text>
        ) : (
          <Facts label="Metadata values" rows={metadata.map(([k, v]) => [k, <Code key={k}>{v}</Code>])} />
        )}
      </section>
      <section aria-label="Feedback">
        <Title order={3} size="h5" mb="xs">
          Feedback {m.feedback_count ? `(${m.feedback_count}, weighted average ${m.avg_weighted_feedback ?? '—'})` : ''}
        </Title>
        {feedback.length === 0 ? (
          <Text size="sm" c="dimmed">
            None yet. Send it with POST /v1/feedback and this trace id.
          </Text>
        ) : (
          <Facts
            label="Feedback items"
            rows={feedback.map((f, i) => [
              f.created_at ? dateTime(f.created_at) : `#${i + 1}`,
              `value ${f.value ?? '—'} · weight ${f.weight ?? 1}`,
            ])}
          />
        )}
      </section>
    </Stack>
  );
}
