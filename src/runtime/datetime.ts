import { fail } from './errors.js';
import { DateTimeValue } from './values.js';
import { dateOfDayNumber, dayNumber, daysInMonth, fieldsOf, instantOf, type LocalFields, resolveZone } from './calendar.js';
import { compilePattern, formatInstant, type LiteralFailure, type ParseFailure, type ParseResult, parseTokens, type PatternToken, readLiteralInstant } from './date-patterns.js';

/**
 * Date-times in Zoho's forms: the default display format, Java `SimpleDateFormat` patterns in both directions
 * (`d.toString("yyyy-MM-dd")`, `"15/08/1947".toDate("dd/MM/yyyy")`) and the ~40 literal formats Zoho accepts
 * (https://zoho.com/deluge/help/datatypes/date-time.html), on DATE-TIME values. The calendar and time-zone core is
 * calendar.ts, the patterns date-patterns.ts: emitted programs share both.
 */

/** The year and month `months` after the given one. */
export function addMonthsToYearMonth(year: number, month: number, months: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12 + 12) % 12 + 1 };
}

/**
 * Moves a date-time by calendar units in its zone, keeping the wall-clock time (Java's `Calendar.add`): months and
 * years clamp the day to the end of a shorter month (31 Jan + 1 month = 28/29 Feb).
 */
export function shiftCalendar(value: DateTimeValue, unit: 'year' | 'month' | 'day', amount: number): DateTimeValue {
  const f = fieldsOf(value.epochMs, value.zone);
  let { year, month, day } = f;
  if (unit === 'day') {
    ({ year, month, day } = dateOfDayNumber(dayNumber(year, month, day) + amount));
  } else {
    ({ year, month } = addMonthsToYearMonth(year, month, unit === 'year' ? amount * 12 : amount));
    day = Math.min(day, daysInMonth(year, month));
  }
  return atLocal(value, { year, month, day, hour: f.hour, minute: f.minute, second: f.second, millisecond: f.millisecond });
}

/** A value of the same zone and kind at the given local fields. */
export function atLocal(value: DateTimeValue, fields: LocalFields, dateOnly = value.dateOnly): DateTimeValue {
  return checkedDateTime(instantOf(fields, value.zone), value.zone, dateOnly);
}

/** JavaScript dates reach ±8.64e15 ms (about 275,000 years); past that the date is unusable. */
export function checkedDateTime(epochMs: number, zone: string, dateOnly: boolean): DateTimeValue {
  if (!Number.isFinite(epochMs) || Math.abs(epochMs) > 8.64e15) fail('DLG4015', 'The date is out of the supported range');
  return new DateTimeValue(epochMs, zone, dateOnly);
}

/** The local date of a value as a day number. */
export function localDayNumber(value: DateTimeValue): number {
  const f = fieldsOf(value.epochMs, value.zone);
  return dayNumber(f.year, f.month, f.day);
}

// ---------------------------------------------------------------------------------------------------------------
// Zoho's default display

/** Zoho's default display: `09-Dec-2020 17:25:24`, or `09-Dec-2020` for a date-only value. */
export function formatDateTime(value: DateTimeValue): string {
  return formatPattern(value, value.dateOnly ? 'dd-MMM-yyyy' : 'dd-MMM-yyyy HH:mm:ss');
}

// ---------------------------------------------------------------------------------------------------------------
// Java SimpleDateFormat patterns

/** Why `pattern` is not a usable date-time pattern, or undefined when it is. */
export function patternProblem(pattern: string): string | undefined {
  const tokens = compilePattern(pattern);
  return typeof tokens === 'string' ? tokens : undefined;
}

function tokensOrFail(pattern: string, fn: string): PatternToken[] {
  const tokens = compilePattern(pattern);
  if (typeof tokens === 'string') fail('DLG4015', `${fn}: "${pattern}" is not a date-time pattern: ${tokens}`);
  return tokens;
}

/**
 * A date-time shown with a Java `SimpleDateFormat` pattern, in `zone` (default: the value's zone). Letters:
 * G y Y M L w W D d F E u a H k K h m s S z Z X; text in single quotes is copied, `''` is a quote. An unknown
 * letter is a DLG4015 error. An unknown zone is GMT, as in Java.
 */
export function formatPattern(value: DateTimeValue, pattern: string, shownIn: string = value.zone): string {
  const tokens = tokensOrFail(pattern, 'toString');
  const zone = shownIn === value.zone ? shownIn : resolveZone(shownIn);
  return formatInstant(value.epochMs, zone, tokens);
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing with a pattern

/** Reads `text` with a Java `SimpleDateFormat` pattern, as {@link parseTokens} reads it; an unusable pattern is a DLG4015 error. */
export function parseWithPattern(text: string, pattern: string, zone: string, now: number = Date.now(), fn = 'toDate'): ParseResult | ParseFailure {
  const result = parseTokens(text, tokensOrFail(pattern, fn), zone, now, false);
  return result === 'malformed' ? 'syntax' : result;
}

/**
 * Text read as a date-time without a pattern (single-quoted literals, `toDate()`, `toTime()`, date-time functions
 * given text), as {@link readLiteralInstant} reads it: a date-only value when it has no time.
 */
export function readDateTimeText(text: string, zone: string, now: number = Date.now()): DateTimeValue | LiteralFailure {
  const read = readLiteralInstant(text, zone, now);
  return typeof read === 'string' ? read : new DateTimeValue(read.epochMs, zone, read.dateOnly);
}

/**
 * A single-quoted literal or a text read as a date-time (`'15-Aug-1947'`, `'15-Aug-1947 19:00:00'`, and the other
 * formats Zoho accepts), in `zone`; undefined when the text is not a date-time. `now` places two-digit years.
 */
export function parseDateTimeText(text: string, zone: string, now: number = Date.now()): DateTimeValue | undefined {
  const result = readDateTimeText(text, zone, now);
  return typeof result === 'string' ? undefined : result;
}
