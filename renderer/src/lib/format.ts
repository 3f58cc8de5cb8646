// Numbers and times in their units, one way everywhere: dollars from the API's cents with the
// precision small costs need, tokens with separators, latency in ms, rates as percentages, times in
// the viewer's zone (relative in lists, absolute with the zone in details).
// Intl formatters are built once: `toLocaleString(…, options)` builds a new one on every call,
// which a chart that formats hundreds of ticks and values pays for on the dashboard's first paint.
const intFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const upTo1 = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const upTo2 = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const dollarFormats = new Map<number, Intl.NumberFormat>();
const dollarFormat = (digits: number): Intl.NumberFormat => {
  let format = dollarFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat(undefined, { minimumFractionDigits: Math.min(digits, 2), maximumFractionDigits: digits });
    dollarFormats.set(digits, format);
  }
  return format;
};
const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayOfMonth = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
// dateStyle/timeStyle cannot be combined with timeZoneName: the parts are spelt out.
const absolute = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'short',
});

/** US cents (as the API sends costs) as dollars: $12.34, $0.0042, never "$0.00" for a real cost. */
export function usdFromCents(cents: number | null | undefined): string {
  if (cents === null || cents === undefined || Number.isNaN(cents)) return '—';
  const dollars = cents / 100;
  if (dollars === 0) return '$0';
  const abs = Math.abs(dollars);
  const digits = abs >= 1 ? 2 : Math.min(8, Math.max(2, 1 - Math.floor(Math.log10(abs)) + 1));
  return `${dollars < 0 ? '-' : ''}$${dollarFormat(digits).format(abs)}`;
}

/** US dollars (as budgets count cost): the same precision rules as usdFromCents. */
export function usd(dollars: number | null | undefined): string {
  return dollars === null || dollars === undefined ? '—' : usdFromCents(dollars * 100);
}

/** An amount of a budget: dollars for cost budgets, else tokens or requests. */
export function budgetAmount(value: number | null | undefined, type: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (type === 'tokens') return `${intFormat.format(value)} tokens`;
  if (type === 'requests') return `${intFormat.format(value)} requests`;
  return usd(value);
}

export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : intFormat.format(n);
}

/** File sizes in binary units: 512 B, 3.4 KiB, 12.1 MiB. */
export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${(unit === 0 ? intFormat : upTo1).format(value)} ${units[unit]}`;
}

export function tokens(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : `${intFormat.format(n)} tokens`;
}

export function ms(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return n >= 10_000 ? `${upTo1.format(n / 1000)} s` : `${intFormat.format(n)} ms`;
}

/** The API's rates are already percentages (12.5 = 12.5 %). */
export function percent(p: number | null | undefined): string {
  return p === null || p === undefined ? '—' : `${upTo2.format(p)} %`;
}

export const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Absolute, in the viewer's zone, with the zone named: "3 May 2026, 14:05:09 CEST". */
export function dateTime(iso: string | number | Date | null | undefined): string {
  if (iso === null || iso === undefined) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return absolute.format(d);
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });

/** "3 min ago" in lists; the absolute time goes in a title. */
export function ago(iso: string | number | Date, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return relative.format(seconds, 'second');
  if (abs < 45 * 60) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 22 * 3600) return relative.format(Math.round(seconds / 3600), 'hour');
  if (abs < 26 * 86400) return relative.format(Math.round(seconds / 86400), 'day');
  return dateTime(iso);
}

/** A chart tick: time of day for short ranges, the date for long ones. */
export function tick(iso: string, spanMs: number): string {
  const d = new Date(iso);
  return (spanMs <= 2 * 86400_000 ? timeOfDay : dayOfMonth).format(d);
}

/** ISO 8601 with the viewer's UTC offset, so analytics buckets start at local hours and days. */
export function localIso(d: Date): string {
  const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  );
}
