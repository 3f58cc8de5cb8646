// Editing what limits one thing (a workspace, an API key, a provider): its budget (cost in USD or
// tokens, an alert threshold, a monthly or weekly reset) and its rate limits (requests or tokens per
// second, minute, hour, day or week). Saves through the caller's route; the server's refusal shows
// under the part it names. "Reset usage" zeroes the budget's counter and lifts an exhausted status.
import { useState } from 'react';
import { ActionIcon, Alert, Button, Divider, Group, NumberInput, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { messageOf } from '../../api/errors';
import { fieldErrors } from '../../lib/fieldErrors';
import { ResetSelect } from './ResetSelect';

export interface UsageLimit {
  type?: 'cost' | 'tokens';
  credit_limit?: number | null;
  alert_threshold?: number | null;
  periodic_reset?: 'monthly' | 'weekly' | null;
}

export interface RateLimit {
  type: 'requests' | 'tokens';
  unit: 'rps' | 'rpm' | 'rph' | 'rpd' | 'rpw';
  value: number;
}

export const UNIT_LABELS: Record<RateLimit['unit'], string> = {
  rps: 'per second',
  rpm: 'per minute',
  rph: 'per hour',
  rpd: 'per day',
  rpw: 'per week',
};

interface Props {
  usage: UsageLimit | null;
  rates: RateLimit[];
  save: (usage: UsageLimit | null, rates: RateLimit[]) => Promise<unknown>;
  reset?: () => Promise<unknown>;
  /** Query keys to refresh after a change. */
  refresh: readonly (readonly string[])[];
}

export function LimitsEditor({ usage, rates, save, reset, refresh }: Props) {
  const client = useQueryClient();
  const [budgeted, setBudgeted] = useState(usage !== null && usage.credit_limit != null);
  const [type, setType] = useState<'cost' | 'tokens'>(usage?.type ?? 'cost');
  const [limit, setLimit] = useState<number | ''>(usage?.credit_limit ?? '');
  const [alertAt, setAlertAt] = useState<number | ''>(usage?.alert_threshold ?? '');
  const [periodic, setPeriodic] = useState<string>(usage?.periodic_reset ?? 'none');
  const [rateRows, setRateRows] = useState<RateLimit[]>(rates);
  const invalidate = () => refresh.forEach((queryKey) => void client.invalidateQueries({ queryKey: [...queryKey] }));
  const write = useMutation({
    mutationFn: () =>
      save(
        budgeted
          ? {
              type,
              credit_limit: limit === '' ? null : limit,
              alert_threshold: alertAt === '' ? null : alertAt,
              periodic_reset: periodic === 'none' ? null : (periodic as 'monthly' | 'weekly'),
            }
          : null,
        rateRows,
      ),
    onSuccess: invalidate,
  });
  const zero = useMutation({ mutationFn: () => reset!(), onSuccess: invalidate });
  const errors = fieldErrors(write.error, ['usage_limits', 'rate_limits']);
  const unit = type === 'cost' ? 'USD' : 'tokens';
  return (
    <Stack>
      <Title order={3} size="h5">
        Budget
      </Title>
      <Switch label="Limit spending" checked={budgeted} onChange={(e) => setBudgeted(e.currentTarget.checked)} />
      {budgeted ? (
        <Stack gap="xs">
          <Group align="flex-start">
            <Select
              label="Counts"
              data={[
                { value: 'cost', label: 'Cost (USD)' },
                { value: 'tokens', label: 'Tokens' },
              ]}
              value={type}
              onChange={(v) => v && setType(v as 'cost' | 'tokens')}
              allowDeselect={false}
              w={160}
            />
            <NumberInput
              label={`Limit (${unit})`}
              min={1}
              value={limit}
              onChange={(v) => setLimit(typeof v === 'number' ? v : '')}
              error={errors.on('usage_limits.alert_threshold') ? undefined : errors.on('usage_limits')}
              w={180}
            />
            <NumberInput
              label={`Alert at (${unit})`}
              description="Optional; below the limit"
              min={1}
              value={alertAt}
              onChange={(v) => setAlertAt(typeof v === 'number' ? v : '')}
              error={errors.on('usage_limits.alert_threshold')}
              w={180}
            />
            <ResetSelect value={periodic} onChange={setPeriodic} w={160} />
          </Group>
          <Text size="xs" c="dimmed">
            Requests are refused once the limit is reached, until the budget starts again, is raised or its usage is reset.
          </Text>
        </Stack>
      ) : null}
      <Divider />
      <Title order={3} size="h5">
        Rate limits
      </Title>
      {rateRows.length === 0 ? (
        <Text size="sm" c="dimmed">
          No rate limit.
        </Text>
      ) : null}
      {rateRows.map((r, i) => (
        <Group key={i} align="flex-end">
          <NumberInput
            label="At most"
            min={1}
            allowDecimal={false}
            value={r.value}
            onChange={(v) => setRateRows(rateRows.map((x, j) => (j === i ? { ...x, value: typeof v === 'number' ? v : 1 } : x)))}
            w={140}
          />
          <Select
            label="Of"
            data={[
              { value: 'requests', label: 'requests' },
              { value: 'tokens', label: 'tokens' },
            ]}
            value={r.type}
            onChange={(v) => v && setRateRows(rateRows.map((x, j) => (j === i ? { ...x, type: v as RateLimit['type'] } : x)))}
            allowDeselect={false}
            w={130}
          />
          <Select
            label="Per"
            data={Object.entries(UNIT_LABELS).map(([value, label]) => ({ value, label }))}
            value={r.unit}
            onChange={(v) => v && setRateRows(rateRows.map((x, j) => (j === i ? { ...x, unit: v as RateLimit['unit'] } : x)))}
            allowDeselect={false}
            w={150}
          />
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={`Remove rate limit ${i + 1}`}
            onClick={() => setRateRows(rateRows.filter((_, j) => j !== i))}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      {errors.on('rate_limits') ? (
        <Text size="xs" c="var(--mantine-color-error)" role="alert">
          {errors.on('rate_limits')}
        </Text>
      ) : null}
      <Button
        variant="default"
        size="xs"
        leftSection={<IconPlus size={14} />}
        w="fit-content"
        onClick={() => setRateRows([...rateRows, { type: 'requests', unit: 'rpm', value: 60 }])}
      >
        Add rate limit
      </Button>
      {errors.general ? (
        <Alert color="red" role="alert" title="The limits were not saved">
          {errors.general}
        </Alert>
      ) : null}
      {write.isSuccess ? (
        <Text size="sm" c="green.8" role="status">
          Saved.
        </Text>
      ) : null}
      <Group>
        <Button onClick={() => write.mutate()} loading={write.isPending} disabled={budgeted && limit === ''}>
          Save limits
        </Button>
        {reset ? (
          <Button variant="default" onClick={() => zero.mutate()} loading={zero.isPending}>
            Reset usage
          </Button>
        ) : null}
      </Group>
      {zero.isSuccess ? (
        <Text size="sm" role="status">
          Usage reset.
        </Text>
      ) : null}
      {zero.error ? (
        <Alert color="red" role="alert">
          {messageOf(zero.error)}
        </Alert>
      ) : null}
    </Stack>
  );
}
