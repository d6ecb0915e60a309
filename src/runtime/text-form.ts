import { formatDateTime } from './datetime.js';
import { SEMANTICS } from './semantics.js';
import {
  CollectionValue,
  DateTimeValue,
  ErrorValue,
  FileValue,
  ListValue,
  MapValue,
  type MapKey,
  type Value,
} from './values.js';

/**
 * How values become text: what `info` prints, what `+` concatenates and what `toString()` returns — one form,
 * as Zoho's execution log shows it. Maps print as compact JSON in insertion order, lists comma-joined without
 * brackets, date-times in the default `dd-MMM-yyyy HH:mm:ss` form.
 */
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
      if (value === null) return SEMANTICS.nullText;
      if (value instanceof ListValue) return listText(value.items);
      if (value instanceof MapValue) return jsonText(value);
      if (value instanceof DateTimeValue) return formatDateTime(value);
      if (value instanceof CollectionValue) {
        return value.mode === 'map' ? jsonOfEntries(value.map) : value.list.map(elementText).join(',');
      }
      if (value instanceof FileValue) return value.name;
      if (value instanceof ErrorValue) return errorText(value);
      return String(value);
  }
}

/** A list's elements comma-joined; a list of texts only (ids for a URL, the common case) joined as they are. */
function listText(items: readonly Value[]): string {
  for (let i = 0; i < items.length; i++) if (typeof items[i] !== 'string') return items.map(elementText).join(',');
  return items.join(',');
}

/** An element of a list printed with `info`: scalars as text, nested lists and maps as JSON. */
function elementText(value: Value): string {
  if (value instanceof ListValue || value instanceof MapValue || value instanceof CollectionValue) return jsonText(value);
  if (value === null) return SEMANTICS.nullText;
  return textForm(value);
}

/** What `info e` shows for a caught error. */
export function errorText(error: ErrorValue): string {
  return `${error.message} (line ${error.lineNo})`;
}

/**
 * A DECIMAL as Zoho prints it: the shortest text that reads back as the same double, without a trailing `.0`
 * (`toDecimal("100")` prints `100` in Zoho's docs), and Java's `1.0E21` form for very large or small values —
 * from 2^53 up, where a double no longer holds every whole number: a record id made a DECIMAL prints as
 * `4.1040500000226406E17`, not as the digits of another record's id (docs/runtime/numbers-and-conversion.md, 20).
 */
export function formatDecimal(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  if (Object.is(n, -0)) return '0';
  // Past 2^53 the digits of String(n) would be made up: the exponent form shows only those the double holds.
  const text = Math.abs(n) >= 2 ** 53 ? n.toExponential() : String(n);
  const exponent = /^(-?)(\d)(?:\.(\d+))?e([+-])(\d+)$/.exec(text);
  if (!exponent) return text;
  const [, sign, lead, fraction, expSign, digits] = exponent;
  return `${sign}${lead}.${fraction ?? '0'}E${expSign === '-' ? '-' : ''}${digits}`;
}

/** Compact JSON of a value, with NUMBERs written in full (never through a double). */
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
      if (value instanceof ListValue) return `[${value.items.map(jsonText).join(',')}]`;
      if (value instanceof MapValue) return jsonOfEntries(value.entries);
      if (value instanceof CollectionValue) {
        return value.mode === 'map' ? jsonOfEntries(value.map) : `[${value.list.map(jsonText).join(',')}]`;
      }
      return JSON.stringify(textForm(value));
  }
}

function jsonOfEntries(entries: Map<MapKey, Value>): string {
  const parts: string[] = [];
  for (const [key, item] of entries) parts.push(`${JSON.stringify(keyText(key))}:${jsonText(item)}`);
  return `{${parts.join(',')}}`;
}

export function keyText(key: MapKey): string {
  return key === null ? 'null' : textForm(key);
}
