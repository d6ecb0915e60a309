/** Deluge's operators (src/runtime/operators.ts): `+` that concatenates or adds, 64-bit NUMBER arithmetic, `==`, `<`. */
import { asText, textForm } from './text-form.js';
import { CaughtError, Collection, DateTime, DelugeError, fail, NUMBER_MAX, NUMBER_MIN, typeName, type DelugeMap, type Value } from './values.js';

/** Zoho's words for types in operator errors ("Left expression is of type BIGINT …"). */
export function operatorTypeWord(value: Value): string {
  const name = typeName(value);
  return name === 'TEXT' || name === 'ERROR' ? 'STRING' : name === 'NUMBER' ? 'BIGINT' : name === 'DATE-TIME' ? 'TIMESTAMP' : name;
}

export function invalidOperands(op: string, left: Value, right: Value): never {
  return fail('DLG4001', `Left expression is of type ${operatorTypeWord(left)} and right expression is of type ${operatorTypeWord(right)} and operator ${op} is not valid`);
}

/** A NUMBER result, checked against the 64-bit range: Deluge stops rather than wrap around. */
export function checkedNumber(n: bigint): bigint {
  if (n > NUMBER_MAX || n < NUMBER_MIN) fail('DLG4017', `The result ${n} does not fit in a NUMBER (64-bit integer)`);
  return n;
}

/** `a + b`: text when either side is text (null counts as ""), else NUMBER or DECIMAL addition. */
export function plus(left: Value, right: Value): Value {
  if (typeof left === 'string' || typeof right === 'string') return asText(left) + asText(right);
  if (typeof left === 'bigint' && typeof right === 'bigint') return checkedNumber(left + right);
  if (isNumeric(left) && isNumeric(right)) return Number(left) + Number(right);
  return invalidOperands('+', left, right);
}

export function isNumeric(value: Value): value is bigint | number {
  return typeof value === 'bigint' || typeof value === 'number';
}

/** `a - b`. */
export function minus(left: Value, right: Value): Value {
  return arithmetic('-', left, right);
}

/** `a * b`. */
export function times(left: Value, right: Value): Value {
  return arithmetic('*', left, right);
}

/** `a / b`: NUMBER / NUMBER is a NUMBER rounded toward zero (`5 / 2` is 2). */
export function divide(left: Value, right: Value): Value {
  return arithmetic('/', left, right);
}

/** `a % b`. */
export function remainder(left: Value, right: Value): Value {
  return arithmetic('%', left, right);
}

export function arithmetic(op: '-' | '*' | '/' | '%', left: Value, right: Value): Value {
  if (op === '-' && left instanceof DateTime && right instanceof DateTime) return BigInt(left.epochMs - right.epochMs); // when: DateTime
  if (!isNumeric(left) || !isNumeric(right)) return invalidOperands(op, left, right);
  if ((op === '/' || op === '%') && (right === 0n || right === 0)) fail('DLG4002', 'Division by zero');
  if (typeof left === 'bigint' && typeof right === 'bigint') {
    if (op === '-') return checkedNumber(left - right);
    if (op === '*') return checkedNumber(left * right);
    return op === '/' ? checkedNumber(left / right) : left % right;
  }
  const l = Number(left);
  const r = Number(right);
  return op === '-' ? l - r : op === '*' ? l * r : op === '/' ? l / r : l % r;
}

/** `-a`. */
export function negate(value: Value): Value {
  if (typeof value === 'bigint') return checkedNumber(-value);
  if (typeof value === 'number') return -value;
  return fail('DLG4001', `The operator - cannot be applied to a value of type ${operatorTypeWord(value)}`);
}

/** `a == b`: NUMBER and DECIMAL by value, text case-sensitively, lists and maps element by element. */
export function isEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (isNumeric(a) && isNumeric(b)) return a == b; // eslint-disable-line eqeqeq -- 1n == 1.0 compares numerically
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (a instanceof DateTime && b instanceof DateTime) return a.epochMs === b.epochMs; // when: DateTime
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => isEqual(item, b[i] ?? null));
  if (a instanceof Map && b instanceof Map) return mapsEqual(a, b);
  if (a instanceof Collection && b instanceof Collection) return a.mode === b.mode && isEqual(a.list, b.list) && mapsEqual(a.map, b.map); // when: Collection
  return false;
}

export function mapsEqual(a: DelugeMap, b: DelugeMap): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) {
    if (!b.has(key) || !isEqual(value, b.get(key) ?? null)) return false;
  }
  return true;
}

/** The order of two values (numbers, texts, date-times, booleans), or undefined when they cannot be ordered. */
export function sortOrder(a: Value, b: Value): number | undefined {
  if (isNumeric(a) && isNumeric(b)) return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof DateTime && b instanceof DateTime) return Math.sign(a.epochMs - b.epochMs); // when: DateTime
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return undefined;
}

/** `a < b`, `a <= b`, `a > b`, `a >= b`. */
export function compare(left: Value, op: '<' | '<=' | '>' | '>=', right: Value): boolean {
  const sign = sortOrder(left, right);
  if (sign === undefined) return invalidOperands(op, left, right);
  return op === '<' ? sign < 0 : op === '<=' ? sign <= 0 : op === '>' ? sign > 0 : sign >= 0;
}

/**
 * A condition: Deluge's conditions must be booleans (`if (x)` with a text or a number is an error), and the error
 * says where the condition stands (`what`: an if statement's, or `The left side of &&` …), as deluge run's does.
 */
export function condition(value: Value, what = 'An if condition'): boolean {
  if (typeof value === 'boolean') return value;
  return fail('DLG4001', `${what} must be a boolean (true or false), but it is of type ${typeName(value)}`);
}

/** `x in collection`: an element of a list, a key of a map, a part of a text. */
export function isIn(element: Value, container: Value): boolean {
  if (Array.isArray(container)) return container.some((item) => isEqual(item, element));
  if (container instanceof Map) return [...container.keys()].some((key) => isEqual(key, element));
  if (container instanceof Collection) return container.mode === 'map' ? [...container.map.keys()].some((key) => isEqual(key, element)) : container.list.some((item) => isEqual(item, element)); // when: Collection
  if (typeof container === 'string' && element !== null) return container.includes(textForm(element));
  return invalidOperands('in', element, container);
}

/** `throw value;`: a runtime error with the value's text as its message. */
export function thrown(value: Value): DelugeError {
  if (value instanceof CaughtError) return new DelugeError('DLG4009', value.message); // when: CaughtError
  return new DelugeError('DLG4009', textForm(value));
}
