/**
 * Rounding on the decimal digits Zoho shows, for `deluge run` and emitted TypeScript programs alike (the prelude
 * generator copies this file's declarations into programs: it imports nothing): `1.005.round(2)` is `1.01`, as
 * Java's `BigDecimal.valueOf(double)` would give, not what the binary double would.
 */

/**
 * A double as the decimal it prints as: `sign × digits / 10^scale` (`218.49` → 21849 / 10²). Works from the
 * shortest text that reads back as the same double, so it holds exactly the digits the user sees.
 */
export interface ScaledDecimal {
  readonly negative: boolean;
  readonly digits: bigint;
  readonly scale: number;
}

export function scaledOf(n: number): ScaledDecimal {
  const text = String(Math.abs(n));
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text);
  if (!m) throw new Error(`unexpected number text ${text}`);
  const fraction = m[2] ?? '';
  const exponent = Number(m[3] ?? 0);
  let scale = fraction.length - exponent;
  let digits = BigInt(m[1]! + fraction);
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { negative: n < 0 || Object.is(n, -0), digits, scale };
}

export function scaledToNumber(s: ScaledDecimal): number {
  const value = Number(`${s.negative ? '-' : ''}${s.digits}e${-s.scale}`);
  return value === 0 ? 0 : value; // no -0: it would print as 0 but compare oddly
}

/** Keeps `places` decimals (negative: rounds to tens, hundreds …); `halfUp` rounds halves away from zero, else truncates. */
export function cutDecimals(s: ScaledDecimal, places: number, halfUp: boolean): ScaledDecimal {
  if (s.scale <= places) return s;
  const divisor = 10n ** BigInt(s.scale - places);
  let kept = s.digits / divisor;
  if (halfUp && (s.digits % divisor) * 2n >= divisor) kept += 1n;
  return places >= 0
    ? { negative: s.negative, digits: kept, scale: places }
    : { negative: s.negative, digits: kept * 10n ** BigInt(-places), scale: 0 };
}

/** `round`/`truncate` of a DECIMAL (infinities and NaN as they are). */
export function cutDecimal(n: number, places: number, halfUp: boolean): number {
  return Number.isFinite(n) ? scaledToNumber(cutDecimals(scaledOf(n), places, halfUp)) : n;
}

/** `round`/`truncate` of a NUMBER to tens, hundreds … (`places` < 0); unchecked against the 64-bit range. */
export function cutWhole(n: bigint, places: number, halfUp: boolean): bigint {
  if (places >= 0) return n;
  const cut = cutDecimals({ negative: n < 0n, digits: n < 0n ? -n : n, scale: 0 }, places, halfUp);
  return cut.negative ? -cut.digits : cut.digits;
}

/** `frac` of a DECIMAL: the digits after the point as shown, with the value's sign (`-25.1` → `-0.1`). */
export function fractionOf(n: number): number {
  if (!Number.isFinite(n)) return NaN;
  const s = scaledOf(n);
  return scaledToNumber({ ...s, digits: s.digits % 10n ** BigInt(s.scale) });
}
