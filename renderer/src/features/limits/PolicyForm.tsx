// A limit policy's definition: which requests it covers (conditions on the API key, workspace,
// model, provider, config or a metadata value; a value list, "*" for any, and exclusions), what it
// counts separately (group by: one budget or rate per user, per key…), and the limit itself (a
// budget in USD, tokens or requests, or a rate). The same form creates and edits.
import { useState } from 'react';
import {
  ActionIcon,
  Alert,
  Autocomplete,
  Button,
  Group,
  NumberInput,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { fieldErrors } from '../../lib/fieldErrors';
import { UNIT_LABELS } from './LimitsEditor';
import { ResetSelect } from './ResetSelect';

export const POLICY_KEYS = [
  'api_key',
  'workspace_id',
  'model',
  'provider',
  'virtual_key',
  'config',
  'prompt',
  'endpoint_type',
  'metadata._user',
];

export interface Condition {
  key: string;
  value: string | string[];
  excludes?: string | string[] | null;
}

export interface Policy {
  id: string;
  name: string;
  description: string | null;
  workspace_id: string | null;
  conditions: Condition[];
  group_by: { key: string }[];
  type: string;
  status: string;
  enforced: boolean;
  credit_limit?: number;
  alert_threshold?: number | null;
  periodic_reset?: 'weekly' | 'monthly' | null;
  unit?: 'rps' | 'rpm' | 'rph' | 'rpd' | 'rpw';
  value?: number;
  created_at: string;
}

export type PolicyKind = 'usage' | 'rate';

export interface PolicyDraft {
  name: string;
  description: string | null;
  conditions: Condition[];
  group_by: { key: string }[];
  type: string;
  credit_limit?: number;
  alert_threshold?: number | null;
  periodic_reset?: 'weekly' | 'monthly' | null;
  unit?: 'rps' | 'rpm' | 'rph' | 'rpd' | 'rpw';
  value?: number;
}

const asList = (v: string | string[] | null | undefined) => (v === null || v === undefined ? [] : Array.isArray(v) ? v : [v]);
const fromList = (v: string[]) => (v.length === 1 ? v[0]! : v);

interface Props {
  kind: PolicyKind;
  initial: Policy | null;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (draft: PolicyDraft) => void;
}

export function PolicyForm({ kind, initial, submitLabel, pending, error, onSubmit }: Props) {
  const [name, setName] = useState(initial?.name ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [conditions, setConditions] = useState<{ key: string; value: string[]; excludes: string[] }[]>(
    (initial?.conditions ?? [{ key: 'workspace_id', value: '*' }]).map((c) => ({
      key: c.key,
      value: asList(c.value),
      excludes: asList(c.excludes),
    })),
  );
  const [groupBy, setGroupBy] = useState<string[]>((initial?.group_by ?? [{ key: 'api_key' }]).map((g) => g.key));
  const [type, setType] = useState(initial?.type ?? (kind === 'usage' ? 'cost' : 'requests'));
  const [limit, setLimit] = useState<number | ''>(initial?.credit_limit ?? initial?.value ?? '');
  const [alertAt, setAlertAt] = useState<number | ''>(initial?.alert_threshold ?? '');
  const [periodic, setPeriodic] = useState<string>(initial?.periodic_reset ?? 'none');
  const [unit, setUnit] = useState<string>(initial?.unit ?? 'rpm');
  const errors = fieldErrors(error, [
    'name',
    'description',
    'conditions',
    'group_by',
    'credit_limit',
    'alert_threshold',
    'value',
    'type',
    'unit',
  ]);
  const submit = () =>
    onSubmit({
      name: name.trim(),
      description: description.trim() || null,
      conditions: conditions.map((c) => ({
        key: c.key.trim(),
        value: fromList(c.value),
        ...(c.excludes.length ? { excludes: fromList(c.excludes) } : {}),
      })),
      group_by: groupBy.map((key) => ({ key })),
      type,
      ...(kind === 'usage'
        ? {
            credit_limit: limit === '' ? undefined : limit,
            alert_threshold: alertAt === '' ? null : alertAt,
            periodic_reset: periodic === 'none' ? null : (periodic as 'weekly' | 'monthly'),
          }
        : { value: limit === '' ? undefined : limit, unit: unit as PolicyDraft['unit'] }),
    });
  return (
    <form
      aria-label={submitLabel}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      noValidate
    >
      <Stack>
        {errors.general ? (
          <Alert color="red" role="alert" title="The policy was not saved">
            {errors.general}
          </Alert>
        ) : null}
        <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.on('name')} />
        <Textarea label="Description" autosize minRows={1} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
        <Text size="sm" fw={500}>
          Applies to requests where
        </Text>
        {conditions.map((c, i) => (
          <Group key={i} align="flex-start" wrap="nowrap">
            <Autocomplete
              label="Key"
              aria-label={`Condition ${i + 1} key`}
              data={POLICY_KEYS}
              value={c.key}
              onChange={(v) => setConditions(conditions.map((x, j) => (j === i ? { ...x, key: v } : x)))}
              w={180}
            />
            <TagsInput
              label="Is one of"
              aria-label={`Condition ${i + 1} values`}
              description='"*" for any value'
              value={c.value}
              onChange={(v) => setConditions(conditions.map((x, j) => (j === i ? { ...x, value: v } : x)))}
              flex={1}
            />
            <TagsInput
              label="Except"
              aria-label={`Condition ${i + 1} exclusions`}
              value={c.excludes}
              onChange={(v) => setConditions(conditions.map((x, j) => (j === i ? { ...x, excludes: v } : x)))}
              flex={1}
            />
            <ActionIcon
              mt={28}
              variant="subtle"
              color="gray"
              aria-label={`Remove condition ${i + 1}`}
              onClick={() => setConditions(conditions.filter((_, j) => j !== i))}
              disabled={conditions.length === 1}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        {errors.on('conditions') ? (
          <Text size="xs" c="var(--mantine-color-error)" role="alert">
            {errors.on('conditions')}
          </Text>
        ) : null}
        <Button
          variant="default"
          size="xs"
          w="fit-content"
          leftSection={<IconPlus size={14} />}
          onClick={() => setConditions([...conditions, { key: 'model', value: [], excludes: [] }])}
        >
          Add condition
        </Button>
        <TagsInput
          label="Count separately for each"
          description="api_key, workspace_id, model, metadata._user… Press Enter after each."
          data={POLICY_KEYS}
          value={groupBy}
          onChange={setGroupBy}
          error={errors.on('group_by')}
        />
        {kind === 'usage' ? (
          <Group align="flex-start">
            <Select
              label="Counts"
              data={[
                { value: 'cost', label: 'Cost (USD)' },
                { value: 'tokens', label: 'Tokens' },
                { value: 'requests', label: 'Requests' },
              ]}
              value={type}
              onChange={(v) => v && setType(v)}
              allowDeselect={false}
              w={150}
            />
            <NumberInput
              label="Limit"
              required
              min={0}
              value={limit}
              onChange={(v) => setLimit(typeof v === 'number' ? v : '')}
              error={errors.on('credit_limit')}
              w={150}
            />
            <NumberInput
              label="Alert at"
              min={0}
              value={alertAt}
              onChange={(v) => setAlertAt(typeof v === 'number' ? v : '')}
              error={errors.on('alert_threshold')}
              w={150}
            />
            <ResetSelect value={periodic} onChange={setPeriodic} w={150} />
          </Group>
        ) : (
          <Group align="flex-start">
            <NumberInput
              label="At most"
              required
              min={1}
              allowDecimal={false}
              value={limit}
              onChange={(v) => setLimit(typeof v === 'number' ? v : '')}
              error={errors.on('value')}
              w={140}
            />
            <Select label="Of" data={['requests', 'tokens']} value={type} onChange={(v) => v && setType(v)} allowDeselect={false} w={130} />
            <Select
              label="Per"
              data={Object.entries(UNIT_LABELS).map(([value, label]) => ({ value, label }))}
              value={unit}
              onChange={(v) => v && setUnit(v)}
              allowDeselect={false}
              w={150}
            />
          </Group>
        )}
        <Button type="submit" loading={pending} disabled={!name.trim() || limit === ''} w="fit-content">
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
