// The global time range: presets from the last hour to 90 days, or a custom from/to in the viewer's
// time zone (shown). Lives in the URL via useTimeRange.
import { useState } from 'react';
import { Button, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconCalendar } from '@tabler/icons-react';
import { RANGES, useTimeRange } from '../app/timeRange';
import { TIME_ZONE } from '../lib/format';

const toInput = (t: number) => {
  const d = new Date(t - new Date(t).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

export function TimeRangePicker() {
  const [range, setRange] = useTimeRange();
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState(() => toInput(range.from ?? Date.now() - 86400_000));
  const [to, setTo] = useState(() => toInput(range.to ?? Date.now()));
  const fromMs = new Date(from).getTime();
  const toMs = new Date(to).getTime();
  const invalid = !(fromMs < toMs);

  return (
    <>
      <Select
        aria-label="Time range"
        size="sm"
        w={range.key === 'custom' ? 260 : 170}
        leftSection={<IconCalendar size={16} />}
        data={[
          ...RANGES.map((r) => ({ value: r.value, label: r.label })),
          { value: 'custom', label: range.key === 'custom' ? range.label : 'Custom range…' },
        ]}
        value={range.key}
        allowDeselect={false}
        onChange={(value) => {
          if (value === 'custom') setOpen(true);
          else if (value) setRange({ key: value });
        }}
      />
      <Modal opened={open} onClose={() => setOpen(false)} title="Custom time range" size="sm" closeButtonProps={{ 'aria-label': 'Close' }}>
        <Stack gap="xs">
          <TextInput type="datetime-local" label="From" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
          <TextInput
            type="datetime-local"
            label="To"
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
            error={invalid ? 'Must be after From' : undefined}
          />
          <Text size="xs" c="dimmed">
            Times in {TIME_ZONE}
          </Text>
          <Button
            disabled={invalid}
            onClick={() => {
              setRange({ key: 'custom', from: fromMs, to: toMs });
              setOpen(false);
            }}
          >
            Apply
          </Button>
        </Stack>
      </Modal>
    </>
  );
}
