/**
 * Case-insensitive comparison of texts as Java's `equalsIgnoreCase`/`regionMatches(true, …)` do it, for `deluge run`
 * and emitted TypeScript programs alike (the prelude generator copies this file's declarations into programs: it
 * imports nothing): character by character, so lengths and indexes are those of the original text.
 */

const foldCache = new Map<string, string>();

/** One character folded: upper-cased then lower-cased, each step kept only where it maps a char to a char. */
export function foldChar(c: string): string {
  let folded = foldCache.get(c);
  if (folded === undefined) {
    const upper = c.toUpperCase();
    const u = upper.length === 1 ? upper : c; // Java maps a char to a char: 'ß' stays 'ß'
    const lower = u.toLowerCase();
    folded = lower.length === 1 ? lower : u;
    foldCache.set(c, folded);
  }
  return folded;
}

/** A text folded character by character: the same length as the text. */
export function fold(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += foldChar(s[i]!);
  return out;
}

/** Index of `search` in `s`, case-insensitively; -1 when it does not occur. */
export function indexOfIgnoreCase(s: string, search: string): number {
  return fold(s).indexOf(fold(search));
}
