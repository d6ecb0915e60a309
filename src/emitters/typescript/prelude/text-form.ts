/** How values become text: what `info` prints, what `+` concatenates and `toString()` returns (src/runtime/text-form.ts). */
import { formatDateTime } from './datetime.js';
import { redactShownText } from '../../../http/redact.js';
import { stopForClosedStdout } from './http.js';
import { CaughtError, Collection, DateTime, DelugeFile, type DelugeMap, type MapKey, type Value } from './values.js';

/**
 * `info value;`: one line on stdout, the value as Zoho's execution log shows it; in a program that sends requests,
 * with what looks like a credential masked, as `deluge run` prints it (a server may echo the token it was sent).
 */
export function info(value: Value): void {
  if (stdout.closed) return;
  let line = textForm(value);
  line = redactShownText(line); // when: send
  console.log(line);
  // A write to a closed pipe fails at once, but its EPIPE comes later, after the next request is sent.
  if (process.stdout.errored) stdoutClosed();
}

/** Whether the reader of stdout went away: the script's lines go nowhere from then on, as with `deluge run`. */
const stdout = { closed: false };

/**
 * The reader of stdout went away (`… | head -1`, EPIPE): a program that sends requests stops as `deluge run` stops
 * (`stopForClosedStdout`). Node lost the line that met the closed pipe silently and ended the program with an
 * unhandled EPIPE at the next, with no account of the requests made.
 */
export function stdoutClosed(): void {
  if (stdout.closed) return;
  stdout.closed = true;
  stopForClosedStdout(); // when: send
}

/** A value as text: maps as compact JSON in insertion order, lists comma-joined, DECIMALs without a trailing `.0`. */
export function textForm(value: Value): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'bigint':
      return value.toString();
    case 'number':
      return formatDecimal(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      if (value === null) return 'null';
      if (Array.isArray(value)) return value.map(elementText).join(',');
      if (value instanceof Map) return jsonText(value);
      if (value instanceof DateTime) return formatDateTime(value); // when: DateTime
      if (value instanceof Collection) return value.mode === 'map' ? jsonOfEntries(value.map) : value.list.map(elementText).join(','); // when: Collection
      if (value instanceof DelugeFile) return value.name; // when: DelugeFile
      if (value instanceof CaughtError) return `${value.message} (line ${value.lineNo})`; // when: CaughtError
      return String(value);
  }
}

/** A value as `+` concatenates it: null is the empty text (`"a" + null` is `"a"`). */
export function asText(value: Value): string {
  return value === null ? '' : textForm(value);
}

/** An element of a printed list: scalars as text, nested lists and maps as JSON. */
export function elementText(value: Value): string {
  if (Array.isArray(value) || value instanceof Map) return jsonText(value);
  if (value instanceof Collection) return jsonText(value); // when: Collection
  return textForm(value);
}

/** A DECIMAL as Zoho prints it: the shortest text that reads back, no trailing `.0`, Java's `1.0E17` from 2^53 up. */
export function formatDecimal(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  if (Object.is(n, -0)) return '0';
  // Past 2^53 the digits of String(n) would be made up: the exponent form shows only those the double holds.
  const plain = Math.abs(n) >= 2 ** 53 ? n.toExponential() : String(n);
  const exponent = /^(-?)(\d)(?:\.(\d+))?e([+-])(\d+)$/.exec(plain);
  if (!exponent) return plain;
  const [, sign, lead, fraction, expSign, digits] = exponent;
  return `${sign}${lead}.${fraction ?? '0'}E${expSign === '-' ? '-' : ''}${digits}`;
}

/** Compact JSON of a value, NUMBERs written in full (never through a double). */
export function jsonText(value: Value): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'bigint':
      return value.toString();
    case 'number':
      return Number.isFinite(value) ? formatDecimal(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      if (value === null) return 'null';
      if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
      if (value instanceof Map) return jsonOfEntries(value);
      if (value instanceof Collection) return value.mode === 'map' ? jsonOfEntries(value.map) : `[${value.list.map(jsonText).join(',')}]`; // when: Collection
      return JSON.stringify(textForm(value));
  }
}

export function jsonOfEntries(entries: DelugeMap): string {
  const parts: string[] = [];
  for (const [key, item] of entries) parts.push(`${JSON.stringify(keyText(key))}:${jsonText(item)}`);
  return `{${parts.join(',')}}`;
}

/** A map key as text (JSON keys, headers, form fields). */
export function keyText(key: MapKey): string {
  return key === null ? 'null' : textForm(key);
}
