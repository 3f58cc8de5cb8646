// "Starts again": when a budget's usage resets (never, weekly, monthly), in the limits editor and
// the usage-limit policy form alike.
import { Select } from '@mantine/core';

const PERIODS = [
  { value: 'none', label: 'Never' },
  { value: 'weekly', label: 'Every week' },
  { value: 'monthly', label: 'Every month' },
];

export function ResetSelect({ value, onChange, w }: { value: string; onChange: (v: string) => void; w: number }) {
  return <Select label="Starts again" data={PERIODS} value={value} onChange={(v) => v && onChange(v)} allowDeselect={false} w={w} />;
}
