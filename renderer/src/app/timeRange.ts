// The global time range of pages that show data, kept in the URL (`?range=24h`, or
// `?range=custom&from=…&to=…`) so a view can be shared and survives a reload.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export const RANGES = [
  { value: '1h', label: 'Last hour', ms: 3600_000 },
  { value: '6h', label: 'Last 6 hours', ms: 6 * 3600_000 },
  { value: '24h', label: 'Last 24 hours', ms: 24 * 3600_000 },
  { value: '7d', label: 'Last 7 days', ms: 7 * 86400_000 },
  { value: '30d', label: 'Last 30 days', ms: 30 * 86400_000 },
  { value: '90d', label: 'Last 90 days', ms: 90 * 86400_000 },
] as const;

export const DEFAULT_RANGE = '24h';

export interface TimeRange {
  key: string;
  label: string;
  /** For relative ranges: how far back from now. */
  spanMs: number | null;
  /** For custom ranges: fixed ends (epoch ms). */
  from: number | null;
  to: number | null;
}

/** The window a range covers at `now`. */
export function windowOf(range: TimeRange, now: number): { min: number; max: number } {
  if (range.from !== null && range.to !== null) return { min: range.from, max: range.to };
  return { min: now - (range.spanMs ?? 86400_000), max: now };
}

export function useTimeRange(): [TimeRange, (next: { key: string; from?: number; to?: number }) => void] {
  const [params, setParams] = useSearchParams();
  const key = params.get('range') ?? DEFAULT_RANGE;
  const from = Number(params.get('from'));
  const to = Number(params.get('to'));
  const range = useMemo<TimeRange>(() => {
    if (key === 'custom' && from > 0 && to > from) {
      const fmt = (t: number) => new Date(t).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });
      return { key, label: `${fmt(from)} – ${fmt(to)}`, spanMs: null, from, to };
    }
    const preset = RANGES.find((r) => r.value === key) ?? RANGES.find((r) => r.value === DEFAULT_RANGE)!;
    return { key: preset.value, label: preset.label, spanMs: preset.ms, from: null, to: null };
  }, [key, from, to]);
  const set = useCallback(
    (next: { key: string; from?: number; to?: number }) =>
      setParams(
        (prev) => {
          const out = new URLSearchParams(prev);
          out.set('range', next.key);
          if (next.key === 'custom' && next.from !== undefined && next.to !== undefined) {
            out.set('from', String(next.from));
            out.set('to', String(next.to));
          } else {
            out.delete('from');
            out.delete('to');
          }
          return out;
        },
        // At once, as urlState.ts explains: the picker shows the range it was given.
        { replace: true, flushSync: true },
      ),
    [setParams],
  );
  return [range, set];
}
