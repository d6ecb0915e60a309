import { checkedText, fail } from './errors.js';
import { SEMANTICS } from './semantics.js';
import { textForm } from './text-form.js';
import {
  CollectionValue,
  DateTimeValue,
  ListValue,
  MapValue,
  NUMBER_MAX,
  NUMBER_MIN,
  typeName,
  type TypeName,
  type Value,
} from './values.js';

/**
 * Operator semantics, shared by the interpreter and the builtins that compare values (`contains`, `sort`, …).
 * Type names in messages follow Zoho's own error text ("Left expression is of type TIMESTAMP and right
 * expression is of type BIGINT and operator + is not valid"), mapped to the names Zoho's docs use for types.
 */

const ZOHO_TYPE_WORD: Record<TypeName, string> = {
  TEXT: 'STRING',
  NUMBER: 'BIGINT',
  DECIMAL: 'DECIMAL',
  BOOLEAN: 'BOOLEAN',
  NULL: 'NULL',
  'DATE-TIME': 'TIMESTAMP',
  LIST: 'LIST',
  'KEY-VALUE': 'KEY-VALUE',
  COLLECTION: 'COLLECTION',
  FILE: 'FILE',
  ERROR: 'STRING',
};

function invalidOperands(op: string, left: Value, right: Value): never {
  fail(
    'DLG4001',
    `Left expression is of type ${ZOHO_TYPE_WORD[typeName(left)]} and right expression is of type ${ZOHO_TYPE_WORD[typeName(right)]} and operator ${op} is not valid`,
  );
}

/** A NUMBER result, checked against the 64-bit range (Java would wrap silently; we stop instead). */
export function checkedNumber(n: bigint): bigint {
  if (n > NUMBER_MAX || n < NUMBER_MIN) {
    if (SEMANTICS.numberOverflow === 'wrap') return BigInt.asIntN(64, n);
    fail('DLG4017', `The result ${n} does not fit in a NUMBER (64-bit integer)`);
  }
  return n;
}

/** Null as an arithmetic operand: an error, or zero when SEMANTICS says so. */
function operand(value: Value): Value {
  return value === null && !SEMANTICS.nullInArithmeticIsError ? 0n : value;
}

function concatText(value: Value): string {
  return value === null ? SEMANTICS.nullConcatText : textForm(value);
}

export function add(leftValue: Value, rightValue: Value): Value {
  if (typeof leftValue === 'string' || typeof rightValue === 'string') {
    return checkedText(concatText(leftValue) + concatText(rightValue), 'the text joined with +');
  }
  const left = operand(leftValue);
  const right = operand(rightValue);
  if (typeof left === 'bigint' && typeof right === 'bigint') return checkedNumber(left + right);
  if (isNum(left) && isNum(right)) return Number(left) + Number(right);
  return invalidOperands('+', left, right);
}

const isNum = (v: Value): v is bigint | number => typeof v === 'bigint' || typeof v === 'number';

export function arithmetic(op: '-' | '*' | '/' | '%', leftValue: Value, rightValue: Value): Value {
  const left = operand(leftValue);
  const right = operand(rightValue);
  // A date-time minus a date-time is the milliseconds between them, a NUMBER: Zoho's "days between dates" example
  // divides `edate - sdate` by 86400000 (docs/runtime/datetime.md).
  if (op === '-' && left instanceof DateTimeValue && right instanceof DateTimeValue) return BigInt(left.epochMs - right.epochMs);
  if (!isNum(left) || !isNum(right)) return invalidOperands(op, left, right);
  if ((op === '/' || op === '%') && (right === 0n || right === 0)) fail('DLG4002', 'Division by zero');
  if (typeof left === 'bigint' && typeof right === 'bigint') {
    switch (op) {
      case '-':
        return checkedNumber(left - right);
      case '*':
        return checkedNumber(left * right);
      case '%':
        return left % right;
      case '/':
        return SEMANTICS.integerDivision === 'truncate' ? checkedNumber(left / right) : Number(left) / Number(right);
    }
  }
  const l = Number(left);
  const r = Number(right);
  switch (op) {
    case '-':
      return l - r;
    case '*':
      return l * r;
    case '%':
      return l % r;
    case '/':
      return l / r;
  }
}

export function negate(value: Value): Value {
  if (typeof value === 'bigint') return checkedNumber(-value);
  if (typeof value === 'number') return -value;
  return fail('DLG4001', `The operator - cannot be applied to a value of type ${ZOHO_TYPE_WORD[typeName(value)]}`);
}

/** Deluge's `==`: NUMBER and DECIMAL compare by value, text case-sensitively, lists and maps element by element. */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (isNum(a) && isNum(b)) return a == b; // eslint-disable-line eqeqeq -- 1n == 1.0 compares numerically
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (a instanceof DateTimeValue && b instanceof DateTimeValue) return a.epochMs === b.epochMs;
  if (a instanceof ListValue && b instanceof ListValue) return listsEqual(a.items, b.items);
  if (a instanceof MapValue && b instanceof MapValue) return mapsEqual(a.entries, b.entries);
  if (a instanceof CollectionValue && b instanceof CollectionValue) {
    return a.mode === b.mode && listsEqual(a.list, b.list) && mapsEqual(a.map, b.map);
  }
  return false;
}

function listsEqual(a: readonly Value[], b: readonly Value[]): boolean {
  return a.length === b.length && a.every((item, i) => valuesEqual(item, b[i]!));
}

function mapsEqual(a: Map<unknown, Value>, b: Map<unknown, Value>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    if (!b.has(k) || !valuesEqual(v, b.get(k)!)) return false;
  }
  return true;
}

/**
 * Order of two values for `<`, `>`, `sort`, `largest`: numbers by value, text by UTF-16 code units (Java's
 * `compareTo`, which gives Zoho's documented ASCII-like order), date-times by instant, booleans false < true.
 * Returns undefined when the two cannot be ordered.
 */
export function compareValues(a: Value, b: Value): number | undefined {
  if (isNum(a) && isNum(b)) return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof DateTimeValue && b instanceof DateTimeValue) return Math.sign(a.epochMs - b.epochMs);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return undefined;
}

export function relational(op: '<' | '<=' | '>' | '>=', left: Value, right: Value): boolean {
  const order = compareValues(left, right);
  if (order === undefined) return invalidOperands(op, left, right);
  switch (op) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}

/** `x in collection`: membership in a list or collection, or a key of a map. */
export function membership(element: Value, container: Value): boolean {
  if (container instanceof ListValue) return container.items.some((item) => valuesEqual(item, element));
  if (container instanceof MapValue) return [...container.entries.keys()].some((k) => valuesEqual(k, element));
  if (container instanceof CollectionValue) {
    return container.mode === 'map'
      ? [...container.map.keys()].some((k) => valuesEqual(k, element))
      : container.list.some((item) => valuesEqual(item, element));
  }
  if (typeof container === 'string' && element !== null) return container.includes(textForm(element));
  return invalidOperands('in', element, container);
}

/** A condition's value: Deluge conditions are booleans; anything else is an error (see SEMANTICS). */
export function truth(value: Value, what: string): boolean {
  if (typeof value === 'boolean') return value;
  if (!SEMANTICS.nonBooleanConditionIsError) return value !== null && value !== '' && value !== 0n && value !== 0;
  return fail('DLG4001', `${what} must be a boolean (true or false), but it is of type ${typeName(value)}`);
}
