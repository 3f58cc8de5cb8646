// Time buckets of the analytics graphs: the width follows the range asked for (a day in hours, a
// month in days), buckets start at the caller's local midnight when the range names a UTC offset,
// and every bucket of the range is listed, empty ones included, so charts have no gaps.

export type BucketUnit = 'minute' | '5-minutes' | 'hour' | 'day' | 'week' | 'month';

export interface Buckets {
  unit: BucketUnit;
  /** Fixed width in ms (for `month`, 0: calendar months). */
  widthMs: number;
  /** Offset of the caller's time zone, in ms east of UTC; buckets start at local boundaries. */
  offsetMs: number;
  /** The start of every bucket of the range, in ms, oldest first. */
  starts: number[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The width chosen for a range: at most ~100 points, in units people read charts in. */
const STEPS: readonly { upTo: number; unit: BucketUnit; width: number }[] = [
  { upTo: HOUR, unit: 'minute', width: MINUTE },
  { upTo: 6 * HOUR, unit: '5-minutes', width: 5 * MINUTE },
  { upTo: 2 * DAY, unit: 'hour', width: HOUR },
  { upTo: 92 * DAY, unit: 'day', width: DAY },
  { upTo: 2 * 366 * DAY, unit: 'week', width: 7 * DAY },
];

/** 1970-01-01 was a Thursday: weeks start on Monday, four days later. */
const MONDAY = 4 * DAY;

const ZONE = /(Z|[+-]\d{2}:?\d{2})$/;

/** The UTC offset a timestamp was written in (`+05:30` -> 19 800 000 ms), or 0. */
export function offsetOf(text: string | undefined): number {
  const zone = text ? ZONE.exec(text.trim())?.[1] : undefined;
  if (!zone || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * HOUR + Number(digits.slice(2)) * MINUTE);
}

/** Start of the bucket holding `ms`. */
export function bucketStart(ms: number, b: Pick<Buckets, 'unit' | 'widthMs' | 'offsetMs'>): number {
  if (b.unit === 'month') {
    const local = new Date(ms + b.offsetMs);
    return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - b.offsetMs;
  }
  const origin = bucketOrigin(b);
  return Math.floor((ms - origin) / b.widthMs) * b.widthMs + origin;
}

/** A moment at which a fixed-width bucket starts: local midnight (a Monday for weeks). */
export function bucketOrigin(b: Pick<Buckets, 'unit' | 'offsetMs'>): number {
  return (b.unit === 'week' ? MONDAY : 0) - b.offsetMs;
}

function nextStart(start: number, b: Pick<Buckets, 'unit' | 'widthMs' | 'offsetMs'>): number {
  if (b.unit !== 'month') return start + b.widthMs;
  const local = new Date(start + b.offsetMs);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) - b.offsetMs;
}

/** The buckets of [minMs, maxMs] (both inclusive). */
export function chooseBuckets(minMs: number, maxMs: number, offsetMs = 0): Buckets {
  const span = Math.max(0, maxMs - minMs);
  const step = STEPS.find((s) => span <= s.upTo);
  const shape = step ? { unit: step.unit, widthMs: step.width, offsetMs } : { unit: 'month' as const, widthMs: 0, offsetMs };
  const starts: number[] = [];
  for (let s = bucketStart(minMs, shape); s <= maxMs; s = nextStart(s, shape)) starts.push(s);
  return { ...shape, starts };
}
