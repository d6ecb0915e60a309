import { toDegrees, toRadians } from '../angles.js';
import { cutDecimal, cutWhole, fractionOf } from '../decimal-digits.js';
import { fail } from '../errors.js';
import { checkedNumber } from '../operators.js';
import { toWordsOf } from '../spellout.js';
import { formatDecimal, textForm } from '../text-form.js';
import { numberText } from '../number-format.js';
import { formatPattern, patternProblem, readDateTimeText } from '../datetime.js';
import { DateTimeValue, NUMBER_MAX, NUMBER_MIN, typeName, type Value } from '../values.js';
import type { BuiltinContext, BuiltinSpec, ParamSpec } from './registry.js';

/**
 * The number functions (https://www.zoho.com/deluge/help/functions/number.html). A NUMBER is a bigint and a
 * DECIMAL a double; functions keep NUMBER results as bigints. Rounding works on the decimal digits Zoho shows
 * (../decimal-digits.ts).
 */

const NUMBER_PAGE = 'https://www.zoho.com/deluge/help/functions/number.html';
const page = (name: string): string => `https://www.zoho.com/deluge/help/functions/number/${name}.html`;


type Numeric = bigint | number;

/** A DECIMAL result turned into a NUMBER: it must be a finite whole number within 64 bits. */
export function wholeToNumber(n: number, what: string): bigint {
  if (!Number.isFinite(n)) fail('DLG4017', `${what}: ${formatDecimal(n)} cannot be made a NUMBER`);
  const big = BigInt(n);
  if (big > NUMBER_MAX || big < NUMBER_MIN) fail('DLG4017', `${what}: the result ${big} does not fit in a NUMBER (64-bit integer)`);
  return big;
}

/** The `places` argument: a NUMBER (a DECIMAL is truncated); null means none given. */
function placesArg(value: Value | undefined, fn: string): number {
  if (value === undefined || value === null) return 0;
  const n = typeof value === 'bigint' ? Number(value) : Math.trunc(value as number);
  if (!Number.isFinite(n) || Math.abs(n) > 400) fail('DLG4018', `${fn}: ${String(value)} decimal places is out of range`);
  return n;
}

function roundLike(fn: 'round' | 'truncate', halfUp: boolean) {
  return (_ctx: unknown, receiver: Value, args: readonly Value[]): Value => {
    const places = placesArg(args[0], fn);
    const n = receiver as Numeric;
    return typeof n === 'bigint' ? checkedNumber(cutWhole(n, places, halfUp)) : cutDecimal(n, places, halfUp);
  };
}

/**
 * A DECIMAL-valued function of one number (sqrt, exp, log, sin …), computed on doubles as Java's Math does; null
 * where the page says a value outside the function's domain returns null.
 */
function decimalFunction(name: string, summary: string, fn: (x: number) => number | null, docs = NUMBER_PAGE): BuiltinSpec {
  return {
    name,
    area: 'number',
    receiver: 'NUMERIC',
    params: [],
    returns: 'DECIMAL',
    summary,
    docs,
    impl: (_ctx, receiver) => fn(Number(receiver as Numeric)),
  };
}

const NUMERIC_PARAM = (name: string, optional = false): ParamSpec => ({ name, type: 'NUMERIC', optional });

function requireArg(value: Value | undefined, fn: string, what: string): Numeric {
  if (value === null || value === undefined) return fail('DLG4005', `Value is empty and '${fn}' function cannot be applied: the ${what} is null`);
  return value as Numeric;
}

/** Both NUMBERs → a NUMBER; otherwise a DECIMAL (Java's numeric promotion). */
/** `min`/`max`: compared exactly, returned as a DECIMAL, the return type their pages give even for two NUMBERs. */
function pick(a: Numeric, b: Numeric, larger: boolean): number {
  const aWins = larger ? a >= b : a <= b;
  return Number(aWins ? a : b);
}

/** 64 random bits from the run's randomness. */
function randomBits(ctx: BuiltinContext): bigint {
  const bytes = ctx.random(new Uint8Array(8));
  return new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0);
}

function randomBigInt(ctx: BuiltinContext, span: bigint): bigint {
  // 64 bits and a modulo: the bias is negligible for any range a script uses.
  return randomBits(ctx) % span;
}

/** A random double in [0, 1), from 53 of 64 random bits (as Math.random's precision). */
function randomFraction(ctx: BuiltinContext): number {
  return Number(randomBits(ctx) >> 11n) / 2 ** 53;
}

/**
 * `text(format)`: a number (or text that is one) with a DecimalFormat pattern (../number-format.ts), a date-time (or
 * text that is one) with a date pattern, as `toString(format)` formats it.
 */
function formattedText(ctx: BuiltinContext, receiver: Value, format: string): string {
  const asNumber = numberText(receiver, format);
  if (asNumber !== undefined) return 'text' in asNumber ? asNumber.text : fail(asNumber.code, asNumber.message);
  const date = receiver instanceof DateTimeValue ? receiver : typeof receiver === 'string' ? readDateTimeText(receiver, ctx.timeZone, ctx.now()) : undefined;
  if (!(date instanceof DateTimeValue)) return fail('DLG4015', `text: ${typeof receiver === 'string' ? `"${receiver}" is not a valid date-time` : `a ${typeName(receiver)} cannot be formatted with "${format}"`}`);
  const problem = patternProblem(format);
  if (problem !== undefined) return fail('DLG4018', `text: the format "${format}" cannot be used: ${problem}`);
  return formatPattern(date, format);
}

export const NUMBER_BUILTINS: readonly BuiltinSpec[] = [
  {
    name: 'text',
    area: 'number',
    receiver: ['NUMBER', 'DECIMAL', 'TEXT', 'DATE-TIME'],
    params: [{ name: 'format', type: 'TEXT' }],
    returns: 'TEXT',
    summary:
      'The value as text in a format: a number with a DecimalFormat pattern (`2434.text("000000000")` is `000002434`, `"12345654.1234".text("$#,##0.00")` is `$12,345,654.12`, half-even rounding), a date-time with a date pattern.',
    docs: page('text'),
    impl: (ctx, receiver, [format]) => formattedText(ctx, receiver, textForm(format!)),
  },
  {
    name: 'abs',
    area: 'number',
    receiver: 'NUMERIC',
    params: [],
    returns: 'NUMERIC',
    summary: 'The absolute value; a NUMBER stays a NUMBER and a DECIMAL a DECIMAL.',
    docs: page('abs'),
    impl: (_ctx, receiver) => {
      const n = receiver as Numeric;
      return typeof n === 'bigint' ? checkedNumber(n < 0n ? -n : n) : Math.abs(n);
    },
  },
  {
    name: 'toWords',
    area: 'number',
    receiver: 'NUMERIC',
    params: [{ name: 'language', type: 'TEXT', optional: true }],
    returns: 'TEXT',
    summary:
      'The number in words, as the page\'s examples spell it (`1989.toWords("en-us")`: "one thousand nine hundred eighty-nine"; en-in counts lakhs and crores). English only for now; without a language, en-us.',
    docs: page('towords'),
    impl: (_ctx, receiver, args) => {
      const spelled = toWordsOf(textForm(receiver), args[0] === undefined || args[0] === null ? undefined : textForm(args[0]));
      return 'words' in spelled ? spelled.words : fail(spelled.code, spelled.message);
    },
  },
  {
    name: 'degrees',
    area: 'number',
    receiver: 'NUMERIC',
    params: [],
    returns: 'DECIMAL',
    summary: 'An angle in radians in degrees, as Java\'s Math.toDegrees computes it (`6.283185307179586.degrees()` is 360).',
    docs: page('degrees'),
    impl: (_ctx, receiver) => toDegrees(Number(receiver as Numeric)),
  },
  {
    name: 'radians',
    area: 'number',
    receiver: 'NUMERIC',
    params: [],
    returns: 'DECIMAL',
    summary: 'An angle in degrees in radians, as Java\'s Math.toRadians computes it (`90.radians()` is 1.5707963267948966).',
    docs: page('radians'),
    impl: (_ctx, receiver) => toRadians(Number(receiver as Numeric)),
  },
  {
    name: 'ceil',
    area: 'number',
    receiver: 'NUMERIC',
    params: [],
    returns: 'NUMBER',
    summary: 'The smallest whole number not below the value (`10.1.ceil()` is 11), as a NUMBER.',
    docs: page('ceil'),
    impl: (_ctx, receiver) => {
      const n = receiver as Numeric;
      return typeof n === 'bigint' ? n : wholeToNumber(Math.ceil(n), 'ceil');
    },
  },
  {
    name: 'floor',
    area: 'number',
    receiver: 'NUMERIC',
    params: [],
    returns: 'NUMBER',
    summary: 'The largest whole number not above the value (`10.1.floor()` is 10), as a NUMBER.',
    docs: page('floor'),
    impl: (_ctx, receiver) => {
      const n = receiver as Numeric;
      return typeof n === 'bigint' ? n : wholeToNumber(Math.floor(n), 'floor');
    },
  },
  {
    name: 'round',
    area: 'number',
    receiver: 'NUMERIC',
    params: [NUMERIC_PARAM('decimalPlaces', true)],
    returns: 'NUMERIC',
    summary:
      'Rounds half away from zero to the given decimal places (default 0; negative rounds to tens, hundreds …): `218.49.round(1)` is 218.5, `214.2.round(-1)` is 210.',
    docs: page('round'),
    impl: roundLike('round', true),
  },
  {
    name: 'truncate',
    area: 'number',
    receiver: 'NUMERIC',
    params: [NUMERIC_PARAM('decimalPlaces')],
    returns: 'NUMERIC',
    summary: 'Cuts off digits after the given decimal places without rounding: `25.125432.truncate(2)` is 25.12, `9789.852.truncate(-2)` is 9700.',
    docs: page('truncate'),
    impl: roundLike('truncate', false),
  },
  {
    name: 'frac',
    area: 'number',
    receiver: 'NUMERIC',
    params: [],
    returns: 'DECIMAL',
    summary: 'The fractional part, with the sign of the value: `24.6.frac()` is 0.6, `frac(-25.1)` is -0.1.',
    docs: page('frac'),
    impl: (_ctx, receiver) => {
      const n = receiver as Numeric;
      return typeof n === 'bigint' ? 0 : fractionOf(n);
    },
  },
  {
    name: 'signum',
    area: 'number',
    receiver: 'NUMERIC',
    params: [],
    returns: 'DECIMAL',
    summary: 'The sign as a DECIMAL: 1 for a positive value, -1 for a negative one, 0 for zero.',
    docs: page('signum'),
    impl: (_ctx, receiver) => {
      const n = receiver as Numeric;
      return typeof n === 'bigint' ? (n > 0n ? 1 : n < 0n ? -1 : 0) : Math.sign(n) || 0;
    },
  },
  // 'Values below 0 will return null' (the sqrt page); 'Value which is equal to, or below 0, will return null' (log's).
  decimalFunction('sqrt', 'The square root, a DECIMAL; null for a negative value.', (x) => (x < 0 ? null : Math.sqrt(x)), page('sqrt')),
  {
    name: 'power',
    area: 'number',
    receiver: 'NUMERIC',
    params: [NUMERIC_PARAM('powerNumber')],
    returns: 'DECIMAL',
    summary: 'The value raised to the given power, a DECIMAL: `3.power(2)` is 9.',
    docs: page('power'),
    impl: (_ctx, receiver, args) => Math.pow(Number(receiver as Numeric), Number(requireArg(args[0], 'power', 'power'))),
  },
  decimalFunction('exp', "e raised to the value, a DECIMAL.", Math.exp, page('exp')),
  decimalFunction('log', 'The natural logarithm (base e), a DECIMAL; null for 0 or a negative value.', (x) => (x <= 0 ? null : Math.log(x)), page('log')),
  decimalFunction('log10', 'The base-10 logarithm, a DECIMAL.', Math.log10),
  decimalFunction('sin', 'The sine of an angle in radians.', Math.sin, page('sin')),
  decimalFunction('cos', 'The cosine of an angle in radians.', Math.cos, page('cos')),
  decimalFunction('tan', 'The tangent of an angle in radians.', Math.tan, page('tan')),
  decimalFunction('asin', 'The arc sine, in radians.', Math.asin),
  decimalFunction('acos', 'The arc cosine, in radians.', Math.acos),
  decimalFunction('atan', 'The arc tangent, in radians.', Math.atan),
  decimalFunction('sinh', 'The hyperbolic sine.', Math.sinh),
  decimalFunction('cosh', 'The hyperbolic cosine.', Math.cosh),
  decimalFunction('tanh', 'The hyperbolic tangent.', Math.tanh),
  decimalFunction('asinh', 'The inverse hyperbolic sine.', Math.asinh),
  decimalFunction('acosh', 'The inverse hyperbolic cosine.', Math.acosh),
  decimalFunction('atanh', 'The inverse hyperbolic tangent.', Math.atanh),
  {
    name: 'atan2',
    area: 'number',
    receiver: 'NUMERIC',
    params: [NUMERIC_PARAM('x')],
    returns: 'DECIMAL',
    summary: "The angle of the point (x, y) in radians, the value being y: `y.atan2(x)` as Java's Math.atan2(y, x).",
    docs: NUMBER_PAGE,
    impl: (_ctx, receiver, args) => Math.atan2(Number(receiver as Numeric), Number(requireArg(args[0], 'atan2', 'x'))),
  },
  {
    name: 'min',
    area: 'number',
    receiver: 'NUMERIC',
    params: [NUMERIC_PARAM('number')],
    returns: 'DECIMAL',
    summary: 'The smaller of two numbers, a DECIMAL: `100.min(200)` is 100, and `3.min(5) / 2` is 1.5.',
    docs: page('min'),
    impl: (_ctx, receiver, args) => pick(receiver as Numeric, requireArg(args[0], 'min', 'number'), false),
  },
  {
    name: 'max',
    area: 'number',
    receiver: 'NUMERIC',
    params: [NUMERIC_PARAM('number')],
    returns: 'DECIMAL',
    summary: 'The larger of two numbers, a DECIMAL: `100.max(200)` is 200, and `3.max(5) / 2` is 2.5.',
    docs: page('max'),
    impl: (_ctx, receiver, args) => pick(receiver as Numeric, requireArg(args[0], 'max', 'number'), true),
  },
  {
    name: 'toHex',
    area: 'number',
    receiver: 'NUMBER',
    params: [],
    returns: 'TEXT',
    summary: "The hexadecimal digits in lower case (`100.toHex()` is 64); a negative value gives its 64-bit two's complement, as Java's Long.toHexString.",
    docs: 'https://www.zoho.com/deluge/help/functions/number/tohex.html',
    impl: (_ctx, receiver) => {
      const n = receiver as bigint;
      return (n < 0n ? n + 2n ** 64n : n).toString(16);
    },
  },
  {
    name: 'isOdd',
    area: 'number',
    receiver: 'NUMBER',
    params: [],
    returns: 'BOOLEAN',
    summary: 'True for an odd NUMBER.',
    docs: page('is-odd'),
    impl: (_ctx, receiver) => (receiver as bigint) % 2n !== 0n,
  },
  {
    name: 'isEven',
    area: 'number',
    receiver: 'NUMBER',
    params: [],
    returns: 'BOOLEAN',
    summary: 'True for an even NUMBER.',
    docs: page('is-even'),
    impl: (_ctx, receiver) => (receiver as bigint) % 2n === 0n,
  },
  {
    name: 'randomNumber',
    area: 'number',
    form: 'function',
    params: [NUMERIC_PARAM('startLimit'), NUMERIC_PARAM('endLimit')],
    returns: 'NUMERIC',
    summary:
      'A random number from the start limit (included) up to the end limit (excluded); a NUMBER when both limits are NUMBERs, else a DECIMAL.',
    docs: 'https://www.zoho.com/deluge/help/functions/number/randomnumber.html',
    impl: (ctx, _receiver, args) => {
      const start = requireArg(args[0], 'randomNumber', 'start limit');
      const end = requireArg(args[1], 'randomNumber', 'end limit');
      if (!(end > start)) {
        fail('DLG4018', `randomNumber: the end limit ${String(end)} must be greater than the start limit ${String(start)}`);
      }
      if (typeof start === 'bigint' && typeof end === 'bigint') return start + randomBigInt(ctx, end - start);
      const low = Number(start);
      const result = low + randomFraction(ctx) * (Number(end) - low);
      return result < Number(end) ? result : low; // rounding can reach the end limit; it is excluded
    },
  },
];
