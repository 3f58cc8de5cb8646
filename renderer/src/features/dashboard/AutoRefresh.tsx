// Auto-refresh with a visible interval and the time of the last update. Pauses while a person is
// typing in a field or the tab is hidden.
import { useEffect } from 'react';
import { Group, Select, Text } from '@mantine/core';

export const REFRESH_CHOICES = [
  { value: '0', label: 'Auto-refresh off' },
  { value: '30', label: 'Every 30 s' },
  { value: '60', label: 'Every minute' },
  { value: '300', label: 'Every 5 minutes' },
];

export function useAutoRefresh(seconds: number, refresh: () => void): void {
  useEffect(() => {
    if (seconds <= 0) return;
    const timer = window.setInterval(() => {
      const active = document.activeElement;
      const typing = active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement;
      if (!typing && document.visibilityState === 'visible') refresh();
    }, seconds * 1000);
    return () => window.clearInterval(timer);
  }, [seconds, refresh]);
}

export function AutoRefresh({ seconds, onChange, updatedAt }: { seconds: number; onChange: (s: number) => void; updatedAt: number }) {
  return (
    <Group gap="xs">
      <Text size="xs" c="dimmed" role="status">
        Updated {new Date(updatedAt).toLocaleTimeString()}
      </Text>
      <Select
        aria-label="Auto-refresh"
        size="xs"
        w={150}
        data={REFRESH_CHOICES}
        value={String(seconds)}
        onChange={(v) => onChange(Number(v ?? 0))}
        allowDeselect={false}
      />
    </Group>
  );
}
