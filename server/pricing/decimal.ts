// Exact decimal arithmetic for money: rates such as 0.00025 cents are not exact binary floats, so
// each line is multiplied as a decimal and only the final sum becomes a JS number.

/** value = mantissa × 10^-scale */
export interface Decimal {
  readonly mantissa: bigint;
  readonly scale: number;
}

export const ZERO: Decimal = { mantissa: 0n, scale: 0 };

const NUMBER_TEXT = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/;

/**
 * Reads a number as the decimal a person meant. Rounding to `significant` digits drops binary
 * float noise from the data (5.999999999999999e-05 is 6e-05); 12 digits keep every real price.
 */
export function decimal(value: number, significant = 12): Decimal {
  if (!Number.isFinite(value) || value === 0) return ZERO;
  const m = NUMBER_TEXT.exec(value.toPrecision(significant));
  if (!m) return ZERO;
  const [, sign, whole, fraction = '', exponent = '0'] = m;
  let mantissa = BigInt(`${sign}${whole}${fraction}`);
  let scale = fraction.length - Number(exponent);
  if (scale < 0) {
    mantissa *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return trim({ mantissa, scale });
}

/** Drops trailing zeros so mantissas stay small across many multiplications. */
function trim(d: Decimal): Decimal {
  let { mantissa, scale } = d;
  if (mantissa === 0n) return ZERO;
  while (scale > 0 && mantissa % 10n === 0n) {
    mantissa /= 10n;
    scale -= 1;
  }
  return { mantissa, scale };
}

export function multiply(a: Decimal, b: Decimal): Decimal {
  return trim({ mantissa: a.mantissa * b.mantissa, scale: a.scale + b.scale });
}

export function add(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  const mantissa = a.mantissa * 10n ** BigInt(scale - a.scale) + b.mantissa * 10n ** BigInt(scale - b.scale);
  return trim({ mantissa, scale });
}

/** The nearest JS number to the exact decimal (parsing `123e-5` rounds correctly). */
export function toNumber(d: Decimal): number {
  return Number(`${d.mantissa}e-${d.scale}`);
}
