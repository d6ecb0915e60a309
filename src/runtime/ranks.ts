/**
 * `percentile` and `rank` over a list's numbers, as their pages define them
 * (https://www.zoho.com/deluge/help/functions/number/percentile.html, …/rank.html): the nearest rank without
 * interpolation, and a number's position from 1, largest first unless "asc". Shared by the interpreter and emitted
 * programs (imports nothing): each reads the list's numbers its own way (`numbers`, asked only once the arguments
 * are known good) and turns a `problem` into its DLG4018.
 */

type Numeric = bigint | number;

const ascending = (a: Numeric, b: Numeric): number => (a < b ? -1 : a > b ? 1 : 0);

/** The n-th percentile (null for no numbers), or why n cannot be one (`shown`: n as the script prints it). */
export function percentileOf(n: Numeric, shown: string, numbers: () => Numeric[]): { readonly value: Numeric | null } | { readonly problem: string } {
  const p = Number(n);
  if (!(p > 0 && p <= 100)) return { problem: `percentile: n is ${shown}; it must be above 0 and at most 100` };
  const sorted = numbers().sort(ascending);
  return { value: sorted.length === 0 ? null : sorted[Math.max(1, Math.ceil((p * sorted.length) / 100)) - 1]! };
}

/**
 * The position of `wanted` (`shown` as the script prints it) among the numbers, or why there is none. `order` is the
 * text given (undefined: "desc"); repeats share the first position of their value.
 */
export function rankOf(wanted: Numeric, shown: string, order: string | undefined, numbers: () => Numeric[]): { readonly value: bigint } | { readonly problem: string } {
  const direction = order === undefined ? 'desc' : order.trim().toLowerCase();
  if (direction !== 'asc' && direction !== 'desc') return { problem: `rank: the order is "${order}"; it must be "asc" or "desc"` };
  const sorted = numbers().sort(ascending);
  if (direction === 'desc') sorted.reverse();
  // (A NUMBER and a DECIMAL of the same value are the same number: JS compares bigint with number by value.)
  const at = sorted.findIndex((x) => x == wanted);
  return at < 0 ? { problem: `rank: ${shown} is not one of the list's numbers` } : { value: BigInt(at + 1) };
}
