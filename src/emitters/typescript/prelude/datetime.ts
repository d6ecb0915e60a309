/**
 * Date-times (src/runtime/datetime.ts): Zoho's default display `dd-MMM-yyyy HH:mm:ss`, Java `SimpleDateFormat`
 * patterns both ways, and the literal formats Zoho accepts; the calendar and zones (src/runtime/calendar.ts) and the
 * patterns and literal formats (src/runtime/date-patterns.ts) are the runtime's own.
 */
import { NOW_MS, TIME_ZONE } from './config.js';
import { DateTime, fail } from './values.js';
import { dateOfDayNumber, dayNumber, daysInMonth, fieldsOf, instantOf, type LocalFields } from '../../../runtime/calendar.js';
import { compilePattern, formatInstant, type LiteralFailure, parseTokens, readLiteralInstant } from '../../../runtime/date-patterns.js';

/** `zoho.currenttime` / `now`. */
export function now(): DateTime {
  return new DateTime(NOW_MS, TIME_ZONE);
}

/** `zoho.currentdate` / `today`: the start of the current day, without a time. */
export function today(): DateTime {
  const f = fieldsOf(NOW_MS, TIME_ZONE);
  return new DateTime(instantOf({ year: f.year, month: f.month, day: f.day }, TIME_ZONE), TIME_ZONE, true);
}

/** A date literal such as `'03-Jan-2024'` (a date) or `'01-Jan-2024 09:30:00'` (a date-time), in the script's zone. */
export function localDate(year: number, month: number, day: number, hour?: number, minute?: number, second?: number): DateTime {
  const dateOnly = hour === undefined;
  return new DateTime(instantOf({ year, month, day, hour: hour ?? 0, minute: minute ?? 0, second: second ?? 0 }, TIME_ZONE), TIME_ZONE, dateOnly);
}

/** The local date of a value as a day number. */
export function localDayNumber(value: DateTime): number {
  const f = fieldsOf(value.epochMs, value.zone);
  return dayNumber(f.year, f.month, f.day);
}

/** A value of the same zone at other local fields; dates beyond ±275,000 years are an error. */
export function atLocal(value: DateTime, fields: LocalFields, dateOnly = value.dateOnly): DateTime {
  return checkedDateTime(instantOf(fields, value.zone), value.zone, dateOnly);
}

/** JavaScript dates reach ±8.64e15 ms (about 275,000 years); past that the date is unusable, an error as in deluge run. */
export function checkedDateTime(epochMs: number, zone: string, dateOnly = false): DateTime {
  if (!Number.isFinite(epochMs) || Math.abs(epochMs) > 8.64e15) fail('DLG4015', 'The date is out of the supported range');
  return new DateTime(epochMs, zone, dateOnly);
}

/** Moves a date-time by calendar units, keeping the wall-clock time; months clamp the day (31 Jan + 1 month = 28/29 Feb). */
export function shiftCalendar(value: DateTime, unit: 'year' | 'month' | 'day', amount: number): DateTime {
  const f = fieldsOf(value.epochMs, value.zone);
  let { year, month, day } = f;
  if (unit === 'day') {
    ({ year, month, day } = dateOfDayNumber(dayNumber(year, month, day) + amount));
  } else {
    const index = year * 12 + (month - 1) + (unit === 'year' ? amount * 12 : amount);
    year = Math.floor(index / 12);
    month = (((index % 12) + 12) % 12) + 1;
    day = Math.min(day, daysInMonth(year, month));
  }
  return atLocal(value, { year, month, day, hour: f.hour, minute: f.minute, second: f.second, millisecond: f.millisecond });
}

/** Zoho's default display: `09-Dec-2020 17:25:24`, or `09-Dec-2020` for a date without time. */
export function formatDateTime(value: DateTime): string {
  return formatPattern(value, value.dateOnly ? 'dd-MMM-yyyy' : 'dd-MMM-yyyy HH:mm:ss');
}

/** A date-time shown with a SimpleDateFormat pattern, in `zone` (default: the value's own). */
export function formatPattern(value: DateTime, pattern: string, zone: string = value.zone): string {
  const tokens = compilePattern(pattern);
  if (typeof tokens === 'string') return fail('DLG4015', `toString: "${pattern}" is not a date-time pattern: ${tokens}`);
  return formatInstant(value.epochMs, zone, tokens);
}

/**
 * Reads text with a SimpleDateFormat pattern as deluge run does (src/runtime/date-patterns.ts parseTokens), in `zone`
 * unless the text names its offset. Undefined when it does not match.
 */
export function parseWithPattern(text: string, pattern: string, zone: string, nowMs: number): { epochMs: number; end: number } | undefined {
  const tokens = compilePattern(pattern);
  if (typeof tokens === 'string') return fail('DLG4015', `"${pattern}" is not a date-time pattern: ${tokens}`);
  const read = parseTokens(text, tokens, zone, nowMs, false);
  return typeof read === 'string' ? undefined : read;
}

/**
 * Text read as a date-time without a pattern (`'15-Aug-1947'`, `toDate()`): one of Zoho's date formats, optionally
 * followed by a time (`19:00:00`, `7:00 PM`); undefined when it is not one.
 */
export function parseDateTimeText(text: string, zone: string, nowMs: number = NOW_MS): DateTime | undefined {
  const read = readDateTimeText(text, zone, nowMs);
  return typeof read === 'string' ? undefined : read;
}

/** As parseDateTimeText, with why the text is not a date-time. */
export function readDateTimeText(text: string, zone: string, nowMs: number = NOW_MS): DateTime | LiteralFailure {
  const read = readLiteralInstant(text, zone, nowMs);
  return typeof read === 'string' ? read : new DateTime(read.epochMs, zone, read.dateOnly);
}
