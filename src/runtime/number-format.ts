/**
 * Java's `DecimalFormat` patterns, as Deluge's `text()` formats numbers with them
 * (https://www.zoho.com/deluge/help/functions/number/text.html: `2434.text("000000000")` is `000002434`,
 * `"12345654.1234".text("$#,##0.00")` is `$12,345,654.12`). The common subset: `0` and `#` digits, `,` grouping (its
 * size the digits after the last one), `.` and the fraction's `0`s and `#`s, a literal prefix and suffix (`'…'`
 * quoted, `''` a quote), `%` and `‰` (the value times 100 or 1,000), `¤` (`$`), and a `;negative` part. Rounding is
 * Java's default, half-even, on the digits the number shows. Scientific notation (`0.###E0`) is not supported.
 * `deluge run` and emitted TypeScript programs share this code (the prelude generator copies its declarations; it
 * imports only decimal-digits.ts, also shared).
 */
import { scaledOf, type ScaledDecimal } from './decimal-digits.js';

interface NumberPattern {
  readonly prefix: string;
  readonly suffix: string;
  readonly negativePrefix: string;
  readonly negativeSuffix: string;
  readonly minInteger: number;
  /** Digits per group, 0 for no grouping. */
  readonly grouping: number;
  readonly minFraction: number;
  readonly maxFraction: number;
  readonly decimalAlwaysShown: boolean;
  /** 100 for `%`, 1,000 for `‰`, else 1. */
  readonly multiplier: number;
}

/** Whether a `text()` pattern formats a number: it has a digit place (`0` or `#`) outside quotes. */
export function isNumberPattern(pattern: string): boolean {
  return /[0#]/.test(pattern.replace(/'[^']*'/g, ''));
}

/**
 * The number `text()` formats: a NUMBER or a finite DECIMAL as it is, text that holds one (an optional sign, digits
 * with an optional point: `"12345654.1234"`) read as one; undefined for anything else.
 */
export function formattableNumber(value: unknown): bigint | number | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(trimmed)) return undefined;
  return /^[+-]?\d+$/.test(trimmed) ? BigInt(trimmed) : Number(trimmed);
}

/**
 * What `text(format)` makes of a value with a number pattern: its text, or the error each caller fails with (a pattern
 * it cannot read, DLG4018; a text that holds no number, DLG4004). Undefined when the pattern formats no number or the
 * value is neither a number nor a text (a date-time: the caller formats it with a date pattern).
 */
export function numberText(value: unknown, format: string): { readonly text: string } | { readonly code: 'DLG4004' | 'DLG4018'; readonly message: string } | undefined {
  if (!isNumberPattern(format)) return undefined;
  const number = formattableNumber(value);
  if (number === undefined) return typeof value === 'string' ? { code: 'DLG4004', message: `text: "${value}" is not a number, which the format "${format}" formats` } : undefined;
  const pattern = compileNumberPattern(format);
  if (typeof pattern === 'string') return { code: 'DLG4018', message: `text: the format "${format}" cannot be used: ${pattern}` };
  return { text: formatNumber(number, pattern) };
}

/** The pattern read, or why it cannot be. */
export function compileNumberPattern(pattern: string): NumberPattern | string {
  const [positive, negative] = splitUnquoted(pattern, ';');
  const part = readPart(positive!);
  if (typeof part === 'string') return part;
  const negativePart = negative === undefined ? undefined : readPart(negative);
  if (typeof negativePart === 'string') return negativePart;
  return {
    ...part.number,
    prefix: part.prefix,
    suffix: part.suffix,
    negativePrefix: negativePart ? negativePart.prefix : `-${part.prefix}`,
    negativeSuffix: negativePart ? negativePart.suffix : part.suffix,
    multiplier: part.multiplier,
  };
}

/** `value` formatted with the pattern: its digits as ScaledDecimal (a NUMBER, a DECIMAL as it prints). */
export function formatNumber(value: bigint | number, pattern: NumberPattern): string {
  let scaled: ScaledDecimal = typeof value === 'bigint' ? { negative: value < 0n, digits: value < 0n ? -value : value, scale: 0 } : scaledOf(value);
  if (pattern.multiplier !== 1) scaled = { ...scaled, digits: scaled.digits * BigInt(pattern.multiplier) };
  const rounded = roundHalfEven(scaled, pattern.maxFraction);
  const text = rounded.digits.toString().padStart(rounded.scale + 1, '0');
  let integer = text.slice(0, text.length - rounded.scale);
  let fraction = text.slice(text.length - rounded.scale).replace(/0+$/, '');
  if (fraction.length < pattern.minFraction) fraction = fraction.padEnd(pattern.minFraction, '0');
  integer = integer.replace(/^0+/, '');
  if (integer.length < pattern.minInteger) integer = integer.padStart(pattern.minInteger, '0');
  // Java prints a zero when neither part would show a digit (`#` of 0 is `0`).
  if (integer === '' && fraction === '') integer = '0';
  if (pattern.grouping > 0) integer = grouped(integer, pattern.grouping);
  const number = `${integer}${fraction !== '' || pattern.decimalAlwaysShown ? '.' : ''}${fraction}`;
  const negative = rounded.negative && /[1-9]/.test(text);
  return negative ? `${pattern.negativePrefix}${number}${pattern.negativeSuffix}` : `${pattern.prefix}${number}${pattern.suffix}`;
}

function roundHalfEven(s: ScaledDecimal, places: number): ScaledDecimal {
  if (s.scale <= places) return s;
  const divisor = 10n ** BigInt(s.scale - places);
  let kept = s.digits / divisor;
  const twice = (s.digits % divisor) * 2n;
  if (twice > divisor || (twice === divisor && kept % 2n === 1n)) kept += 1n;
  return { negative: s.negative, digits: kept, scale: places };
}

function grouped(digits: string, size: number): string {
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= size) groups.unshift(digits.slice(Math.max(0, end - size), end));
  return groups.join(',');
}

/** The pattern's parts at `separator` outside quotes. */
function splitUnquoted(pattern: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === "'") quoted = !quoted;
    else if (!quoted && pattern[i] === separator) {
      parts.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(pattern.slice(start));
  return parts;
}

const DIGIT_PLACES = /[0#,.]/;

function readPart(part: string):
  | { prefix: string; suffix: string; multiplier: number; number: Omit<NumberPattern, 'prefix' | 'suffix' | 'negativePrefix' | 'negativeSuffix' | 'multiplier'> }
  | string {
  let prefix = '';
  let suffix = '';
  let body = '';
  let multiplier = 1;
  let state: 'prefix' | 'body' | 'suffix' = 'prefix';
  for (let i = 0; i < part.length; i++) {
    const c = part[i]!;
    if (c === "'") {
      const close = part.indexOf("'", i + 1);
      const literal = close === i + 1 ? "'" : close < 0 ? part.slice(i + 1) : part.slice(i + 1, close);
      i = close < 0 ? part.length : close;
      if (state === 'body') state = 'suffix';
      if (state === 'prefix') prefix += literal;
      else suffix += literal;
      continue;
    }
    if (state !== 'suffix' && DIGIT_PLACES.test(c)) {
      state = 'body';
      body += c;
      continue;
    }
    if (c === 'E' && state === 'body') return 'scientific notation (E) is not supported';
    if (state === 'body') state = 'suffix';
    const shown = c === '%' ? '%' : c === '\u2030' ? '\u2030' : c === '\u00a4' ? '$' : c;
    if (c === '%') multiplier = 100;
    if (c === '\u2030') multiplier = 1000;
    if (state === 'prefix') prefix += shown;
    else suffix += shown;
  }
  if (!/[0#]/.test(body)) return 'it has no digit place (0 or #)';
  const point = body.indexOf('.');
  const integerPart = point < 0 ? body : body.slice(0, point);
  const fractionPart = point < 0 ? '' : body.slice(point + 1);
  if (fractionPart.includes('.') || fractionPart.includes(',')) return `'${body}' has a '.' or ',' after its decimal point`;
  if (/0.*#/.test(integerPart.replace(/,/g, ''))) return `'${integerPart}' has a '#' after a '0'`;
  if (/#.*0/.test(fractionPart)) return `'${fractionPart}' has a '0' after a '#'`;
  const lastComma = integerPart.lastIndexOf(',');
  return {
    prefix,
    suffix,
    multiplier,
    number: {
      minInteger: (integerPart.match(/0/g) ?? []).length,
      grouping: lastComma < 0 ? 0 : integerPart.length - lastComma - 1,
      minFraction: (fractionPart.match(/0/g) ?? []).length,
      maxFraction: fractionPart.length,
      decimalAlwaysShown: point >= 0 && fractionPart === '',
    },
  };
}
