/**
 * The range of a copy by index (`subList`, `duplicate`), for `deluge run` and emitted TypeScript programs alike (the
 * prelude generator copies this file's declarations into programs: it imports nothing).
 */

/** What is wrong with `from` … `to` (the end left out) as a range of `size` items of a `what`; undefined when nothing. */
export function rangeProblem(fn: string, from: number, to: number, size: number, what: string): string | undefined {
  if (from < 0) return `${fn}: the start index ${from} is negative`;
  if (to > size) return `${fn}: the end index ${to} is past the end of the ${what} (size ${size})`;
  if (from > to) return `${fn}: the start index ${from} is after the end index ${to}`;
  return undefined;
}
