import type { Span } from './span.js';

/**
 * Where a setting is written in a JSON file, for the code frame of a configuration error: the spans of the key and of
 * the start of the value at a path of object keys (`["lint", "rules", "unknown-function"]`). A small scanner over valid
 * JSON (the file parsed already): strings and nesting are followed, values are not read.
 */
export interface JsonLocation {
  readonly key: Span;
  /** The value's first token (a whole string or literal; `{`/`[` for an object or list). */
  readonly value: Span;
}

export function locateJson(text: string, path: readonly string[]): JsonLocation | undefined {
  // The key being read at each depth of objects (ARRAY for a list, whose elements have no key).
  const open: (string | undefined)[] = [];
  let i = 0;
  const matches = () => open.length === path.length && open.every((k, d) => k === path[d]);
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      const span = { start: i, end: tokenEnd(text, i) };
      i = span.end;
      let j = i;
      while (j < text.length && /\s/.test(text[j]!)) j++;
      const inObject = open.length > 0 && open[open.length - 1] !== ARRAY;
      if (text[j] === ':' && inObject) {
        // (The text parsed as JSON already: the key's token reads as its name.)
        const name = JSON.parse(text.slice(span.start, span.end)) as string;
        i = j + 1;
        // The value: where the key matches the path, its first token.
        let v = i;
        while (v < text.length && /\s/.test(text[v]!)) v++;
        open[open.length - 1] = name;
        if (matches()) return { key: span, value: { start: v, end: tokenEnd(text, v) } };
      }
      continue;
    }
    if (c === '{') open.push(undefined);
    else if (c === '[') open.push(ARRAY);
    else if (c === '}' || c === ']') open.pop();
    i++;
  }
  return undefined;
}

/**
 * The keys written twice in the object at `path` (`[]` for the top level), each repeat with its span: `JSON.parse`
 * keeps the last silently, so a second connection of the same name would replace the first unseen.
 */
export function repeatedKeys(text: string, path: readonly string[]): { readonly name: string; readonly span: Span }[] {
  const open: (string | undefined)[] = [];
  // The names met so far in each open object.
  const seen: Set<string>[] = [];
  const repeats: { name: string; span: Span }[] = [];
  const inTarget = () => open.length === path.length + 1 && path.every((k, d) => open[d] === k);
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      const span = { start: i, end: tokenEnd(text, i) };
      i = span.end;
      let j = i;
      while (j < text.length && /\s/.test(text[j]!)) j++;
      if (text[j] === ':' && open.length > 0 && open[open.length - 1] !== ARRAY) {
        const name = JSON.parse(text.slice(span.start, span.end)) as string;
        if (inTarget()) {
          const names = seen[seen.length - 1]!;
          if (names.has(name)) repeats.push({ name, span });
          names.add(name);
        }
        open[open.length - 1] = name;
        i = j + 1;
      }
      continue;
    }
    if (c === '{') {
      // The key of the object this one is the value of stays as it was read: the path goes through it.
      open.push(undefined);
      seen.push(new Set());
    } else if (c === '[') {
      open.push(ARRAY);
      seen.push(new Set());
    } else if (c === '}' || c === ']') {
      open.pop();
      seen.pop();
    }
    i++;
  }
  return repeats;
}

/** Marks a list in the stack of open keys (its elements are not settings with names). */
const ARRAY = '\u0000[';

function tokenEnd(text: string, start: number): number {
  if (text[start] === '"') {
    let i = start + 1;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    return Math.min(i + 1, text.length);
  }
  if (text[start] === '{' || text[start] === '[') return start + 1;
  let i = start;
  while (i < text.length && /[^\s,}\]]/.test(text[i]!)) i++;
  return Math.max(i, start + 1);
}
