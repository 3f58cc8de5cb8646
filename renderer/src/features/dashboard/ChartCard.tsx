// One measure over time: time on x, exact values in the tooltip, a legend whose chips toggle
// series, the same colour for the same series name everywhere, and the summary figure on top.
import { useState, type ReactNode } from 'react';
import { AreaChart, BarChart, LineChart } from '@mantine/charts';
import { Chip, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { tick } from '../../lib/format';
import { seriesColor } from '../../app/theme';

export interface Series {
  name: string;
  label: string;
  color?: string;
}

interface Props {
  title: string;
  /** The headline figure, already in its unit. */
  summary: ReactNode;
  data: Record<string, unknown>[] | undefined;
  series: Series[];
  kind?: 'area' | 'line' | 'bar';
  format: (value: number) => string;
  spanMs: number;
  loading?: boolean;
  error?: ReactNode;
  /** Whole numbers only on the y axis (counts). */
  integer?: boolean;
}

/** About six evenly spaced bucket times of the data (every bucket when there are few). */
function evenTicks(data: Record<string, unknown>[] | undefined): string[] | undefined {
  if (!data?.length) return undefined;
  const step = Math.ceil(data.length / MAX_TICKS);
  return data.filter((_, i) => i % step === 0).map((row) => String(row.timestamp));
}

const MAX_TICKS = 6;

export function ChartCard({ title, summary, data, series, kind = 'area', format, spanMs, loading, error, integer }: Props) {
  const [hidden, setHidden] = useState<string[]>([]);
  const shown = series.filter((s) => !hidden.includes(s.name)).map((s) => ({ ...s, color: s.color ?? seriesColor(s.name) }));
  const common = {
    h: 180,
    data: data ?? [],
    dataKey: 'timestamp',
    series: shown,
    valueFormatter: format,
    // Our own few ticks, all shown: left to pick, the chart library measures every label in the DOM
    // to find the ones that fit, which was most of the dashboard's first render.
    xAxisProps: { tickFormatter: (v: string) => tick(v, spanMs), ticks: evenTicks(data), interval: 0 },
    yAxisProps: { width: 64, allowDecimals: !integer, interval: 0 },
    tooltipAnimationDuration: 0,
    withDots: false,
  };
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Title order={2} size="h5">
              {title}
            </Title>
            <Text fz="lg" fw={600} data-testid="summary">
              {summary}
            </Text>
          </div>
          {series.length > 1 ? (
            <Chip.Group
              multiple
              value={series.filter((s) => !hidden.includes(s.name)).map((s) => s.name)}
              onChange={(on) => setHidden(series.map((s) => s.name).filter((n) => !on.includes(n)))}
            >
              <Group gap={4} justify="flex-end" aria-label={`${title} series`} role="group">
                {series.map((s) => (
                  <Chip key={s.name} value={s.name} size="xs" color={s.color ?? seriesColor(s.name)} variant="outline">
                    {s.label}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          ) : null}
        </Group>
        {error ? (
          error
        ) : loading && !data ? (
          <Skeleton h={180} />
        ) : kind === 'line' ? (
          <LineChart {...common} curveType="monotone" />
        ) : kind === 'bar' ? (
          <BarChart {...common} />
        ) : (
          <AreaChart {...common} curveType="monotone" />
        )}
      </Stack>
    </Paper>
  );
}
