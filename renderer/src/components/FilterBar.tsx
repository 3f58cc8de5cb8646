// Filters as chips that live in the URL: "Add filter" picks one of the definitions, a chip edits
// or removes it. A 400 from the server naming a filter marks that chip with the server's words.
import { useState } from 'react';
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  NumberInput,
  Popover,
  Select,
  Stack,
  Text,
  TextInput,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconFilterPlus, IconX } from '@tabler/icons-react';
import { describeFilter, paramNames, type FilterDef } from '../lib/logFilters';

interface Props {
  defs: readonly FilterDef[];
  values: Record<string, string>;
  onChange: (changes: Record<string, string | null>) => void;
  /** The filter the server refused, with its message. */
  invalid?: { name: string; message: string } | null;
}

export function FilterBar({ defs, values, onChange, invalid }: Props) {
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [open, setOpen] = useState(false);
  const def = defs.find((d) => d.name === editing) ?? null;
  const active = defs.filter((d) => describeFilter(d, values) !== null);

  const start = (name: string | null) => {
    setEditing(name);
    const d = defs.find((x) => x.name === name);
    setDraft(d ? Object.fromEntries(paramNames(d).map((n) => [n, values[n] ?? ''])) : {});
    setOpen(true);
  };
  const apply = () => {
    if (!def) return;
    onChange(Object.fromEntries(paramNames(def).map((n) => [n, draft[n]?.trim() ? draft[n]!.trim() : null])));
    setOpen(false);
  };

  return (
    <Group gap="xs" wrap="wrap">
      {active.map((d) => {
        const bad = invalid && paramNames(d).includes(invalid.name);
        return (
          <Tooltip key={d.name} label={bad ? invalid.message : 'Edit filter'} withArrow>
            <Badge
              size="lg"
              variant={bad ? 'filled' : 'light'}
              color={bad ? 'red' : undefined}
              tt="none"
              fw={500}
              rightSection={
                <ActionIcon
                  size="xs"
                  variant="transparent"
                  color="inherit"
                  aria-label={`Remove filter ${d.label}`}
                  onClick={() => onChange(Object.fromEntries(paramNames(d).map((n) => [n, null])))}
                >
                  <IconX size={12} />
                </ActionIcon>
              }
            >
              <UnstyledButton fz="sm" c="inherit" onClick={() => start(d.name)} aria-label={`Edit filter ${describeFilter(d, values)}`}>
                {describeFilter(d, values)}
              </UnstyledButton>
            </Badge>
          </Tooltip>
        );
      })}
      <Popover opened={open} onChange={setOpen} position="bottom-start" trapFocus withinPortal shadow="md">
        <Popover.Target>
          <Button size="xs" variant="default" leftSection={<IconFilterPlus size={14} />} onClick={() => start(null)}>
            Add filter
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          <Stack gap="xs" w={280} component="form" onSubmit={(e) => (e.preventDefault(), apply())}>
            <Select
              label="Filter"
              data={defs.map((d) => ({ value: d.name, label: d.label }))}
              value={editing}
              onChange={start}
              searchable
              comboboxProps={{ withinPortal: false }}
            />
            {def ? (
              <FilterInput def={def} draft={draft} setDraft={setDraft} />
            ) : (
              <Text size="xs" c="dimmed">
                Pick what to filter on.
              </Text>
            )}
            <Button type="submit" size="xs" disabled={!def}>
              Apply
            </Button>
          </Stack>
        </Popover.Dropdown>
      </Popover>
    </Group>
  );
}

function FilterInput({
  def,
  draft,
  setDraft,
}: {
  def: FilterDef;
  draft: Record<string, string>;
  setDraft: (d: Record<string, string>) => void;
}) {
  const set = (name: string, value: string) => setDraft({ ...draft, [name]: value });
  switch (def.kind) {
    case 'range':
      return (
        <Group grow gap="xs">
          <NumberInput label="At least" value={draft[`${def.name}_min`] ?? ''} onChange={(v) => set(`${def.name}_min`, String(v))} />
          <NumberInput label="At most" value={draft[`${def.name}_max`] ?? ''} onChange={(v) => set(`${def.name}_max`, String(v))} />
        </Group>
      );
    case 'select':
    case 'bool':
      return (
        <Select
          label="Value"
          data={def.kind === 'bool' ? ['true', 'false'] : [...(def.options ?? [])]}
          value={draft[def.name] || null}
          onChange={(v) => set(def.name, v ?? '')}
          comboboxProps={{ withinPortal: false }}
        />
      );
    default:
      return (
        <TextInput
          label="Value"
          description={def.description ?? (def.kind === 'list' ? 'Several values: separate them with commas' : undefined)}
          placeholder={def.placeholder}
          value={draft[def.name] ?? ''}
          onChange={(e) => set(def.name, e.currentTarget.value)}
          data-autofocus
        />
      );
  }
}
