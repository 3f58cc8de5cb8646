// "Did you mean …?" for a key or name a person typed: the closest allowed name, or none.

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = Math.min(up + 1, row[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length]!;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** The allowed key a typo most likely meant: a small edit away (`attempt`), or the same stem (`retries`). */
export function nearest(key: string, allowed: readonly string[]): string | null {
  const k = key.toLowerCase();
  const scored = allowed
    .map((a) => ({ a, d: editDistance(k, a.toLowerCase()), p: commonPrefix(k, a.toLowerCase()) }))
    .filter(({ a, d, p }) => (d <= 2 && d < a.length / 2) || (p >= 4 && p >= 0.8 * Math.min(k.length, a.length)))
    .sort((x, y) => x.d - y.d || y.p - x.p);
  return scored[0]?.a ?? null;
}
