import { fail } from '../errors.js';
import { valuesEqual } from '../operators.js';
import { textForm } from '../text-form.js';
import {
  CollectionValue,
  DateTimeValue,
  FileValue,
  ListValue,
  MapValue,
  NUMBER_MAX,
  NUMBER_MIN,
  typeName,
  type Value,
} from '../values.js';
import type { BuiltinSpec } from './registry.js';

/**
 * The common functions: conversions (`toString`, `toNumber`/`toLong`, `toDecimal`) and checks (`isNull`,
 * `isText`, `isNumber`, …) that apply to values of many types
 * (https://www.zoho.com/deluge/help/functions/common.html). They come last in the registry, so a type's own
 * declaration of the same name wins.
 */

const page = (name: string): string => `https://www.zoho.com/deluge/help/functions/common/${name}.html`;


/** Whole-number text, as Java's Long.parseLong reads it (an optional sign, then digits). */
const INTEGER_TEXT = /^[+-]?\d+$/;
/** Decimal text, as Java's Double.parseDouble reads it apart from its hex and `NaN`/`Infinity` forms. */
const DECIMAL_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function numberInRange(n: bigint, fn: string, shown: string): bigint {
  if (n > NUMBER_MAX || n < NUMBER_MIN) fail('DLG4017', `${fn}: ${shown} does not fit in a NUMBER (64-bit integer)`);
  return n;
}

/** `toNumber` / `toLong`: the value as a NUMBER, decimals truncated toward zero. */
function toNumber(value: Value, fn: string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail('DLG4004', `${fn}: ${textForm(value)} cannot be converted to a NUMBER`);
    return numberInRange(BigInt(Math.trunc(value)), fn, textForm(value));
  }
  if (value instanceof DateTimeValue) return BigInt(value.epochMs);
  const text = value as string;
  const trimmed = text.trim();
  if (trimmed === '') fail('DLG4004', `${fn}: an empty text cannot be converted to a NUMBER`);
  if (INTEGER_TEXT.test(trimmed)) return numberInRange(BigInt(trimmed), fn, `"${text}"`);
  if (DECIMAL_TEXT.test(trimmed)) {
    // "12.5" reads as the decimal 12.5 and is truncated like a DECIMAL would be.
    const n = Number(trimmed);
    return numberInRange(BigInt(Math.trunc(n)), fn, `"${text}"`);
  }
  return fail('DLG4004', `${fn}: "${text}" is not a number`);
}

function toDecimal(value: Value, fn: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  const text = (value as string).trim();
  if (text === '') fail('DLG4004', `${fn}: an empty text cannot be converted to a DECIMAL`);
  if (!DECIMAL_TEXT.test(text)) fail('DLG4004', `${fn}: "${value as string}" is not a number`);
  return Number(text);
}

/** Text that reads as a number: digits with an optional sign and decimal point or exponent. */
function isNumericText(text: string): boolean {
  return DECIMAL_TEXT.test(text.trim());
}

function isEmptyValue(value: Value): boolean {
  if (value === null) return true;
  if (typeof value === 'string') return value.length === 0;
  if (value instanceof ListValue) return value.items.length === 0;
  if (value instanceof MapValue) return value.entries.size === 0;
  if (value instanceof CollectionValue) return value.list.length === 0 && value.map.size === 0;
  return false;
}

/**
 * Any value, a caught error included (`e.toString()`); a DATE-TIME finds the date-time area's `toString(pattern)`
 * first, as that area comes earlier in the registry.
 */
const toStringSpec = (name: string, summary: string): BuiltinSpec => ({
  name,
  area: 'common',
  receiver: 'ANY',
  params: [],
  returns: 'TEXT',
  summary,
  docs: page(name.toLowerCase()),
  impl: (_ctx, receiver) => textForm(receiver),
});

export const COMMON_BUILTINS: readonly BuiltinSpec[] = [
  toStringSpec(
    'toString',
    'The value as text, as `info` shows it: a list comma-joined (`a,b`), a map as compact JSON, a DECIMAL without a trailing `.0`.',
  ),
  toStringSpec('toText', 'The value as text; the same as toString.'),
  {
    name: 'toNumber',
    aliases: ['toLong'],
    area: 'common',
    receiver: ['NUMBER', 'DECIMAL', 'TEXT', 'DATE-TIME'],
    params: [],
    returns: 'NUMBER',
    summary:
      'The value as a NUMBER: a DECIMAL loses its fraction (`123.25` → 123), text must hold a number (`"1000abc"` and `""` are errors), a date-time gives its milliseconds since 1970-01-01 UTC.',
    docs: page('to-number'),
    impl: (_ctx, receiver) => toNumber(receiver, 'toNumber'),
  },
  {
    name: 'toDecimal',
    area: 'common',
    receiver: ['NUMBER', 'DECIMAL', 'TEXT'],
    params: [],
    returns: 'DECIMAL',
    summary: 'The value as a DECIMAL (`toDecimal("100")` is 100); empty or non-numeric text is an error.',
    docs: page('todecimal'),
    impl: (_ctx, receiver) => toDecimal(receiver, 'toDecimal'),
  },
  {
    name: 'isNull',
    area: 'common',
    receiver: 'ANY',
    acceptsNull: true,
    params: [],
    returns: 'BOOLEAN',
    summary: 'True for null and for the empty text `""`; `" "` is not null. (Zoho Creator has only the function form.)',
    docs: page('isnull'),
    impl: (_ctx, receiver) => receiver === null || receiver === '',
  },
  {
    name: 'isBlank',
    area: 'common',
    receiver: 'ANY',
    acceptsNull: true,
    params: [],
    returns: 'BOOLEAN',
    summary: 'True for null, for text that is empty or only white space, and for an empty list, map or collection.',
    docs: page('isnull-isblank-isempty-difference'),
    impl: (_ctx, receiver) => (typeof receiver === 'string' ? receiver.trim() === '' : isEmptyValue(receiver)),
  },
  {
    name: 'isValidObject',
    area: 'common',
    receiver: 'ANY',
    acceptsNull: true,
    params: [],
    returns: 'BOOLEAN',
    summary: 'False for null and empty values (`""`, an empty list, map or collection), true for any other value: `"Zoho".isValidObject()` is true.',
    docs: page('is-valid-object'),
    impl: (_ctx, receiver) => !isEmptyValue(receiver),
  },
  {
    name: 'isEmpty',
    area: 'common',
    receiver: 'ANY',
    acceptsNull: true,
    params: [],
    returns: 'BOOLEAN',
    summary:
      'True for null, the empty text, and an empty list, map or collection (`" "` is not empty); other values are never empty.',
    docs: 'https://www.zoho.com/deluge/help/functions/collection/isempty.html',
    impl: (_ctx, receiver) => isEmptyValue(receiver),
  },
  {
    name: 'ifnull',
    area: 'common',
    form: 'function',
    receiver: 'ANY',
    acceptsNull: true,
    params: [{ name: 'fallback', type: 'ANY' }],
    returns: 'ANY',
    summary: 'The value, or the fallback when the value is null (an empty text is kept: it is not null here).',
    docs: 'https://www.zoho.com/deluge/help/functions/logical.html',
    impl: (_ctx, receiver, args) => (receiver === null ? (args[0] ?? null) : receiver),
  },
  {
    name: 'isText',
    area: 'common',
    receiver: 'ANY',
    acceptsNull: true,
    params: [],
    returns: 'BOOLEAN',
    summary:
      'True for text that is not a number (`"Hello"`, `""`, `" "`); false for numeric text (`"123"`), numbers and date-times; null for a list, map or boolean, as Zoho documents.',
    docs: page('istext'),
    impl: (_ctx, receiver) => {
      if (typeof receiver === 'string') return receiver.trim() === '' || !isNumericText(receiver);
      if (typeof receiver === 'boolean' || receiver instanceof ListValue || receiver instanceof MapValue) return null;
      if (receiver instanceof CollectionValue) return null;
      return false;
    },
  },
  {
    name: 'isNumber',
    area: 'common',
    receiver: 'ANY',
    acceptsNull: true,
    params: [],
    returns: 'BOOLEAN',
    summary:
      'True for a NUMBER or DECIMAL and for text holding one (`"12.3"`, `"1"`); false for other text (`"24/2*10"`); null for a list or map, as Zoho documents.',
    docs: page('isnumber'),
    impl: (_ctx, receiver) => {
      if (typeof receiver === 'bigint' || typeof receiver === 'number') return true;
      if (typeof receiver === 'string') return isNumericText(receiver);
      if (receiver instanceof ListValue || receiver instanceof MapValue || receiver instanceof CollectionValue) return null;
      return false;
    },
  },
  {
    name: 'isFile',
    area: 'common',
    receiver: 'ANY',
    acceptsNull: true,
    params: [],
    returns: 'BOOLEAN',
    summary: 'True for a file (as `invokeurl` returns for a download), false for anything else.',
    docs: page('is-file'),
    impl: (_ctx, receiver) => receiver instanceof FileValue,
  },
  {
    name: 'setParamName',
    area: 'common',
    receiver: 'FILE',
    form: 'method',
    params: [{ name: 'name', type: 'TEXT' }],
    returns: 'VOID',
    mutates: true,
    summary: "The multipart part name the file is sent under in `invokeurl`'s `files` (default `file`), as Zoho's Upload a Photo sample sets it.",
    docs: 'https://www.zoho.com/crm/developer/docs/api/v7/upload-image.html',
    impl: (_ctx, receiver, args) => {
      (receiver as FileValue).paramName = String(args[0]);
      return null;
    },
  },
  {
    name: 'equals',
    area: 'common',
    receiver: 'ANY',
    params: [{ name: 'value', type: 'ANY' }],
    returns: 'BOOLEAN',
    summary: 'True when both values have the same type and are equal; text compares case-sensitively (`"Zoho".equals("zoho")` is false).',
    docs: page('equals'),
    impl: (_ctx, receiver, args) => {
      const other = args[0] ?? null;
      return typeName(receiver) === typeName(other) && valuesEqual(receiver, other);
    },
  },
];
