// Units as the console shows them: cents to dollars with the precision small costs need, counts,
// milliseconds, file sizes, percentages, times with their zone, and ISO times with the viewer's offset.
import { describe, expect, it } from 'vitest';
import { ago, bytes, count, dateTime, localIso, ms, percent, usdFromCents } from './format';

describe('format', () => {
  it.each([
    [1234, '$12.34'],
    [100, '$1.00'],
    [0.42, '$0.0042'],
    [0.000123, '$0.00000123'],
    [0, '$0'],
    [null, '—'],
  ])('shows %s cents as %s', (cents, text) => expect(usdFromCents(cents)).toBe(text));

  it('never rounds a real cost to $0.00', () => {
    for (const cents of [0.5, 0.05, 0.005, 0.0005]) expect(usdFromCents(cents)).not.toMatch(/^\$0\.0*$/);
  });

  it('writes counts, latency and rates in their units', () => {
    expect(count(1234567)).toBe(new Intl.NumberFormat().format(1234567));
    expect(ms(250)).toBe('250 ms');
    expect(ms(12_345)).toMatch(/^12\.3 s$/);
    expect(percent(12.5)).toMatch(/^12\.5 %$/);
    expect(bytes(512)).toBe('512 B');
    expect(bytes(1536)).toMatch(/^1\.5 KiB$/);
    expect(bytes(12.5 * 1024 * 1024)).toMatch(/^12\.5 MiB$/);
  });

  it('shows absolute times with their zone, and relative ones in words', () => {
    const text = dateTime('2026-03-02T10:00:00Z');
    expect(text).toMatch(/2026/);
    expect(text).toMatch(/(UTC|GMT|[A-Z]{3,4})/);
    expect(ago(Date.now() - 3 * 60_000)).toMatch(/3 min/);
  });

  it('sends local times with their UTC offset', () => {
    const iso = localIso(new Date('2026-03-02T10:00:00Z'));
    expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    expect(Date.parse(iso)).toBe(Date.parse('2026-03-02T10:00:00Z'));
  });
});
