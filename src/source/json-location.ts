import { jsonErrorOffset } from '../runtime/json.js';
import { SourceFile } from './source-file.js';
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

/**
 * What `JSON.parse` said of a text it refused: the reason, without V8's " in JSON at position N…" tail, and where the
 * error is (undefined only when `text` is not given). V8 names no position for an unexpected token or an early end,
 * and quotes the text around the token instead (`Unexpected token 's', …"token": sk_live_5…"… is not valid JSON`),
 * which would print a secret written without quotes: that quote is dropped, and the position found by reading `text`.
 */
export function jsonSyntaxError(error: unknown, text?: string): { readonly reason: string; readonly offset: number | undefined } {
  const message = error instanceof Error ? error.message : String(error);
  const at = /at position (\d+)/.exec(message)?.[1];
  if (at !== undefined) return { reason: message.replace(/ in JSON at position \d+.*$/s, ''), offset: Number(at) };
  const offset = text === undefined ? undefined : jsonErrorOffset(text);
  if (!/ is not valid JSON$/s.test(message)) return { reason: message, offset };
  // A letter or digit is not named either: it may be the first character of a secret.
  const unexpected = offset === undefined ? undefined : text![offset];
  if (unexpected !== undefined && /[\p{L}\p{N}_$]/u.test(unexpected)) return { reason: 'Unexpected text: a text value is written in double quotes', offset };
  return { reason: unexpected !== undefined && /^[!-~]$/.test(unexpected) ? `Unexpected '${unexpected}'` : 'Unexpected character', offset };
}

export function locateJson(text: string, path: readonly string[]): JsonLocation | undefined {
  let found: JsonLocation | undefined;
  walkKeys(text, (key) => {
    if (key.path.length !== path.length || !key.path.every((k, d) => k === path[d])) return false;
    found = { key: key.span, value: { start: key.valueStart, end: tokenEnd(text, key.valueStart) } };
    return true;
  });
  return found;
}

/**
 * The keys written twice in the object at `path` (`[]` for the top level), each repeat with its span: `JSON.parse`
 * keeps the last silently, so a second connection of the same name would replace the first unseen.
 */
export function repeatedKeys(text: string, path: readonly string[]): { readonly name: string; readonly span: Span }[] {
  const repeats: { name: string; span: Span }[] = [];
  // The names met so far in each object at the path, by the object's number.
  const seen = new Map<number, Set<string>>();
  walkKeys(text, (key) => {
    if (key.path.length !== path.length + 1 || !path.every((k, d) => key.path[d] === k)) return false;
    const names = seen.get(key.object) ?? new Set<string>();
    seen.set(key.object, names);
    if (names.has(key.name)) repeats.push({ name: key.name, span: key.span });
    names.add(key.name);
    return false;
  });
  return repeats;
}

/**
 * The text with the string values of the keys `isSecret` names shown as `*`, character for character (positions and
 * columns stay right): what a code frame of a configuration file shows. A value that is only a `${VAR}` reference
 * names no secret and is kept.
 */
export function maskJsonValues(text: string, isSecret: (key: string) => boolean): string {
  let out = text;
  walkKeys(text, (key) => {
    const first = text[key.valueStart];
    if (!isSecret(key.name) || first === undefined || first === '{' || first === '[') return false;
    const end = tokenEnd(text, key.valueStart);
    // A value written without its quotes (a file that is not JSON then) is masked whole: it is a secret all the same.
    const closed = first === '"' && end - 1 > key.valueStart && text[end - 1] === '"';
    const [start, stop] = first === '"' ? [key.valueStart + 1, closed ? end - 1 : end] : [key.valueStart, end];
    if (/^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(text.slice(start, stop))) return false;
    // (Line breaks kept: a value whose closing quote is left out runs on over the lines after it, which stay lines.)
    out = `${out.slice(0, start)}${text.slice(start, stop).replace(/[^\r\n]/g, '*')}${out.slice(stop)}`;
    return false;
  });
  return out;
}

interface KeySeen {
  readonly name: string;
  readonly span: Span;
  /** Where the key's value begins (its first token). */
  readonly valueStart: number;
  /** The keys from the top down to this one (`elementAt(i)` for the i-th element of a list on the way). */
  readonly path: readonly (string | undefined)[];
  /** The number of the object the key is in (objects are numbered as they open). */
  readonly object: number;
}

/**
 * Every key of a JSON text in the order written, until `visit` answers true. A small scanner over valid JSON (the
 * file parsed already): strings and nesting are followed, values are not read.
 */
function walkKeys(text: string, visit: (key: KeySeen) => boolean): void {
  // The key being read at each depth of objects (for a list, the element being read: `elementAt(i)`), and each open
  // object's number.
  const open: (string | undefined)[] = [];
  const objects: number[] = [];
  let opened = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      const span = { start: i, end: tokenEnd(text, i) };
      i = span.end;
      let j = i;
      while (j < text.length && /\s/.test(text[j]!)) j++;
      if (text[j] === ':' && open.length > 0 && !isElement(open[open.length - 1])) {
        // (A key's token reads as its name; in text that is not valid JSON (an error's frame) one may not.)
        let name: string;
        try {
          name = JSON.parse(text.slice(span.start, span.end)) as string;
        } catch {
          continue;
        }
        i = j + 1;
        let v = i;
        while (v < text.length && /\s/.test(text[v]!)) v++;
        open[open.length - 1] = name;
        if (visit({ name, span, valueStart: v, path: open, object: objects[objects.length - 1]! })) return;
      }
      continue;
    }
    if (c === '{') {
      open.push(undefined);
      objects.push(opened++);
    } else if (c === '[') {
      open.push(elementAt(0));
      objects.push(-1);
    } else if (c === '}' || c === ']') {
      open.pop();
      objects.pop();
    } else if (c === ',' && isElement(open[open.length - 1])) {
      open[open.length - 1] = elementAt(Number(open[open.length - 1]!.slice(ELEMENT.length)) + 1);
    }
    i++;
  }
}

/** Marks an element of a list in a path of keys (its elements are not settings with names). */
const ELEMENT = '\u0000[';

/** The i-th element (from 0) of a list, in a path of keys: `["stubs", elementAt(1), "url"]`. */
export function elementAt(i: number): string {
  return `${ELEMENT}${i}`;
}

function isElement(key: string | undefined): boolean {
  return key !== undefined && key.startsWith(ELEMENT);
}

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

/**
 * JSON text with a leading byte-order mark (Windows editors write one) as a space: JSON.parse refuses the mark, and a
 * space of the same length keeps every offset of an error where it is in the file.
 */
/** What a JSON file's text holds, or why `JSON.parse` refused it: a message, and the character to frame where known. */
export type JsonFileRead =
  | { readonly value: unknown }
  | { readonly message: string; readonly location: { readonly file: SourceFile; readonly span: Span } | undefined };

/** Reads a JSON file's text (a byte order mark allowed), for the settings files that report `not valid JSON (…)`. */
export function parseJsonFile(path: string, text: string): JsonFileRead {
  try {
    return { value: JSON.parse(withoutBom(text)) };
  } catch (error) {
    const { reason, offset } = jsonSyntaxError(error, text);
    const location = offset === undefined ? undefined : { file: new SourceFile(path, text), span: { start: offset, end: offset + 1 } };
    return { message: `${location ? '' : `${path}: `}not valid JSON (${reason})`, location };
  }
}

export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
}
