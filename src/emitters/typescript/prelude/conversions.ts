/** Conversions between types (src/runtime/types.ts, builtins/common.ts): declared types, `toNumber`, `toDecimal`, `toString`. */
import { checkedDateTime, parseDateTimeText } from './datetime.js';
import { cannotApply } from './functions.js';
import { checkedNumber } from './operators.js';
import { textForm } from './text-form.js';
import { DateTime, fail, NUMBER_MAX, NUMBER_MIN, typeName, type ElementType, type Value } from './values.js';
import { TIME_ZONE, NOW_MS } from './config.js';

/** `value` converted to a declared type (a parameter, an element of a typed list), or an error naming `where`. */
export function convertTo(value: Value, type: ElementType, where: string): Value {
  if (value === null) return null;
  switch (type) {
    case 'TEXT':
      return typeof value === 'string' ? value : textForm(value);
    case 'NUMBER':
      if (typeof value === 'bigint') return value;
      if (typeof value === 'number' && Number.isInteger(value)) return checkedNumber(BigInt(value));
      if (typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) return checkedNumber(BigInt(value.trim()));
      break;
    case 'DECIMAL':
      if (typeof value === 'number') return value;
      if (typeof value === 'bigint') return Number(value);
      if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
      break;
    case 'BOOLEAN':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      break;
    case 'DATE-TIME':
      if (value instanceof DateTime) return value; // when: DateTime
      if (typeof value === 'bigint') return checkedDateTime(Number(value), TIME_ZONE); // when: DateTime
      if (typeof value === 'string' && parseDateTimeText(value, TIME_ZONE, NOW_MS) !== undefined) return parseDateTimeText(value, TIME_ZONE, NOW_MS)!; // when: parseDateTimeText
      break;
  }
  const shown = typeof value === 'string' ? ` "${value}"` : '';
  return fail('DLG4001', `${where}: a value of type ${typeName(value)}${shown} cannot be used where ${type} is expected`);
}

/** Whole-number text, as Java's Long.parseLong reads it. */
export const INTEGER_TEXT = /^[+-]?\d+$/;
/** Decimal text, as Java's Double.parseDouble reads it (without its hex and NaN/Infinity forms). */
export const DECIMAL_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function numberInRange(n: bigint, shown: string, fn: string): bigint {
  if (n > NUMBER_MAX || n < NUMBER_MIN) fail('DLG4017', `${fn}: ${shown} does not fit in a NUMBER (64-bit integer)`);
  return n;
}

/** `toNumber` / `toLong`: errors name the function as the script called it, as deluge run's do. */
export function numberFrom(value: Value, fn: string): Value {
  if (value === null) return fail('DLG4005', `Value is empty and '${fn}' function cannot be applied`);
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail('DLG4004', `${fn}: ${textForm(value)} cannot be converted to a NUMBER`);
    return numberInRange(BigInt(Math.trunc(value)), textForm(value), fn);
  }
  if (value instanceof DateTime) return BigInt(value.epochMs); // when: DateTime
  if (typeof value !== 'string') return cannotApply(fn, value);
  const trimmed = value.trim();
  if (trimmed === '') fail('DLG4004', `${fn}: an empty text cannot be converted to a NUMBER`);
  if (INTEGER_TEXT.test(trimmed)) return numberInRange(BigInt(trimmed), `"${value}"`, fn);
  if (DECIMAL_TEXT.test(trimmed)) return numberInRange(BigInt(Math.trunc(Number(trimmed))), `"${value}"`, fn);
  return fail('DLG4004', `${fn}: "${value}" is not a number`);
}

/** @builtin toNumber — a NUMBER; a DECIMAL loses its fraction, text must hold a number. */
export function toNumber(value: Value): Value {
  return numberFrom(value, 'toNumber');
}

/** @builtin toLong — the same as toNumber. */
export function toLong(value: Value): Value {
  return numberFrom(value, 'toLong');
}

/** @builtin toDecimal — a DECIMAL; empty or non-numeric text is an error. */
export function toDecimal(value: Value): Value {
  if (value === null) return fail('DLG4005', "Value is empty and 'toDecimal' function cannot be applied");
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value !== 'string') return cannotApply('toDecimal', value);
  const trimmed = value.trim();
  if (trimmed === '') fail('DLG4004', 'toDecimal: an empty text cannot be converted to a DECIMAL');
  if (!DECIMAL_TEXT.test(trimmed)) fail('DLG4004', `toDecimal: "${value}" is not a number`);
  return Number(trimmed);
}
