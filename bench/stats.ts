/** A numeric `--name N` command-line option, or `fallback` when it is absent or not a positive number. */
export function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

/** Megabytes per second for `bytes` handled in `millis`. */
export const mbps = (bytes: number, millis: number) => bytes / (1024 * 1024) / (millis / 1000);

/** A markdown table: the first column left-aligned, the others right-aligned, under a title line. */
export function table(title: string, head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(`\n${title}`);
  console.log(line(head));
  console.log(`|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

/** Every order of `items` (the six orders of three steps, the two of two). */
function orders<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((first, i) => orders([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [first, ...rest]));
}

/**
 * One pass over `documents` in blocks of `block`, each block run through every step back to back, the order of the
 * steps turning with the block (and with `round`, so that rounds start differently): the total time of each step.
 * On a shared machine a neighbour's load over a whole pass lands on one step and not another; interleaved blocks put
 * every step under the same conditions, so the ratios of one pass compare like with like.
 */
export function interleavedPass<K extends string>(documents: readonly string[], steps: Readonly<Record<K, (text: string) => unknown>>, round: number, block = 32): Record<K, number> {
  const names = Object.keys(steps) as K[];
  const turns = orders(names);
  const total = Object.fromEntries(names.map((name) => [name, 0])) as Record<K, number>;
  for (let from = 0, turn = round; from < documents.length; from += block, turn++) {
    const docs = documents.slice(from, from + block);
    for (const name of turns[turn % turns.length]!) {
      const start = performance.now();
      for (const d of docs) steps[name](d);
      total[name] += performance.now() - start;
    }
  }
  return total;
}
