import {
  businessHoursLater,
  type CalendarFields,
  dateOfDayNumber,
  dayNumber,
  dayOfYear,
  daysInMonth,
  fieldsOf,
  resolveZone,
  WEEKDAY_NAMES,
  weekdayOfDayNumber,
  weekOfYear,
  workDaysCounted,
  workDaysFrom,
} from '../calendar.js';
import {
  addMonthsToYearMonth,
  atLocal,
  checkedDateTime,
  formatDateTime,
  formatPattern,
  localDayNumber,
  parseWithPattern,
  patternProblem,
  readDateTimeText,
  shiftCalendar,
} from '../datetime.js';
import { fail } from '../errors.js';
import { textForm } from '../text-form.js';
import { CLOCK_UNIT_SECONDS, isTimeOfDay, shiftedTimeOfDay, timeOfDayFields } from '../time-of-day.js';
import { CollectionValue, DateTimeValue, ListValue, MapValue, typeName, type Value } from '../values.js';
import type { ArgType, BuiltinContext, BuiltinSpec } from './registry.js';

/**
 * The date-time functions (https://www.zoho.com/deluge/help/functions/date-time.html). They apply to DATE-TIME
 * values and, as Zoho's pages allow outside Creator, to text holding a date-time in one of the literal formats
 * (`"01-Jan-2019".addDay(1)`); text with impossible parts (`'31-Feb-2019'`) is a DLG4015 error. Results keep the
 * receiver's zone; date-only values (`today`, `'01-Jan-2020'`) stay date-only under day, week, month and year
 * arithmetic. Decisions the pages leave open are listed in docs/runtime/datetime.md.
 */

const HELP = 'https://www.zoho.com/deluge/help/functions/datetime/';
/** Hours, minutes and seconds are documented as Creator's time functions. */
const TIME_HELP = 'https://www.zoho.com/creator/help/script/built-in-functions/built-in-function-time-';
const COMMON_HELP = 'https://www.zoho.com/deluge/help/functions/common/';
const DATE_OR_TEXT: readonly ArgType[] = ['DATE-TIME', 'TEXT'];
const LIST_TYPES: readonly ArgType[] = ['LIST', 'COLLECTION'];

// ---------------------------------------------------------------------------------------------------------------
// Arguments

/** A date-time argument: a DATE-TIME as is, a TEXT read the way Zoho reads date literals. */
function dateOf(ctx: BuiltinContext, value: Value, fn: string, what = 'date-time value'): DateTimeValue {
  if (value instanceof DateTimeValue) return value;
  if (value === null) return fail('DLG4005', `${fn}: the ${what} is null`);
  if (typeof value === 'string') {
    const read = readDateTimeText(value, ctx.timeZone, ctx.now());
    if (read instanceof DateTimeValue) return read;
    return fail('DLG4015', `${fn}: "${value}" is not a valid date-time`);
  }
  return fail('DLG4001', `${fn}: the ${what} must be a DATE-TIME, not ${typeName(value)}`);
}

/**
 * As {@link dateOf}, but text that has no date shape at all, or a part too long (a day, hour, minute or second of
 * more than 2 digits, a year of more than 4), gives null: the pages say "the function returns a null value if the
 * month value is specified in less than 3 characters. the hour value, or the minutes value, or the seconds value is
 * specified in more than 2 digits. the date value is specified in more than 2 digits. the year value has more than
 * 4 digits" (https://zoho.com/deluge/help/functions/datetime/getweekofyear.html, tostartofweek.html,
 * tostartofmonth.html), while impossible values (31 February) stay errors.
 */
function dateOrNull(ctx: BuiltinContext, value: Value, fn: string): DateTimeValue | null {
  if (typeof value === 'string') {
    const read = readDateTimeText(value, ctx.timeZone, ctx.now());
    if (read === 'syntax' || read === 'malformed') return null;
  }
  return dateOf(ctx, value, fn);
}

/** A whole-number argument as a JS number; anything past ±2^53 is far outside the calendar anyway. */
function countOf(value: Value | undefined, fn: string, what: string): number {
  if (value === null || value === undefined) return fail('DLG4005', `${fn}: the ${what} is null`);
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
      return fail('DLG4015', `${fn}: ${value} ${what} is out of the supported date range`);
    }
    return Number(value);
  }
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return fail('DLG4001', `${fn}: the ${what} must be a NUMBER, not ${typeName(value)}`);
}

function textOrNull(value: Value | undefined): string | null {
  return value === undefined || value === null ? null : typeof value === 'string' ? value : String(value);
}

/** A weekday name (`"Monday"`, `"mon"`, any case) as 1 = Sunday … 7 = Saturday. */
function weekdayNamed(name: Value, fn: string): number {
  const text = typeof name === 'string' ? name.trim().toLowerCase() : '';
  const index = WEEKDAY_NAMES.findIndex((day) => day.toLowerCase() === text || day.slice(0, 3).toLowerCase() === text);
  if (index < 0) return fail('DLG4018', `${fn}: "${String(name)}" is not a day of the week (Sunday … Saturday)`);
  return index + 1;
}

function itemsOf(value: Value | undefined): readonly Value[] {
  if (value instanceof ListValue) return value.items;
  if (value instanceof CollectionValue) return value.mode === 'map' ? [...value.map.values()] : value.list;
  return [];
}

/** The weekend days of the business-day functions: Saturday and Sunday unless the script lists others. */
function weekendsOf(value: Value | undefined, fn: string): Set<number> {
  if (value === undefined || value === null) return new Set([1, 7]);
  const days = new Set(itemsOf(value).map((day) => weekdayNamed(day, fn)));
  if (days.size === 7) return fail('DLG4018', `${fn}: every day of the week is a weekend day`);
  return days;
}

/** Holidays as local day numbers. */
function holidaysOf(ctx: BuiltinContext, value: Value | undefined, fn: string): Set<number> {
  return new Set(itemsOf(value).map((day) => localDayNumber(dateOf(ctx, day, fn, 'holiday'))));
}

// ---------------------------------------------------------------------------------------------------------------
// Arithmetic

type Unit = 'year' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second';
const UNIT_MS = { hour: 3_600_000, minute: 60_000, second: 1_000 } as const;

/**
 * Calendar units keep the wall-clock time across DST changes (Java's `Calendar.add`); hours, minutes and seconds
 * are elapsed time. A date-only value moved by hours, minutes or seconds becomes a date-time (its time would
 * otherwise be lost).
 */
function shift(value: DateTimeValue, unit: Unit, amount: number): DateTimeValue {
  switch (unit) {
    case 'year':
    case 'month':
    case 'day':
      return shiftCalendar(value, unit, amount);
    case 'week':
      return shiftCalendar(value, 'day', amount * 7);
    default:
      return checkedDateTime(value.epochMs + amount * UNIT_MS[unit], value.zone, false);
  }
}

const PLURAL: Record<Unit, string> = {
  year: 'Years',
  month: 'Months',
  week: 'Weeks',
  day: 'Days',
  hour: 'Hours',
  minute: 'Minutes',
  second: 'Seconds',
};

function shiftSpec(name: string, unit: Unit, sign: 1 | -1, page: string): BuiltinSpec {
  const what = `number of ${unit}s`;
  return {
    name,
    area: 'datetime',
    receiver: DATE_OR_TEXT,
    params: [{ name: `numberOf${PLURAL[unit]}`, type: 'NUMBER' }],
    returns: 'DATE-TIME',
    summary: `${sign > 0 ? 'Adds' : 'Subtracts'} a number of ${unit}s ${sign > 0 ? 'to' : 'from'} a date-time (a negative number goes the other way).`,
    docs: page.startsWith('https:') ? page : HELP + page,
    impl: (ctx, receiver, [n]) => {
      // Creator's TIME values, held as text, move within their day (`'13:15:10'.addMinutes(1)` is `'13:16:10'`).
      if ((unit === 'hour' || unit === 'minute' || unit === 'second') && typeof receiver === 'string' && isTimeOfDay(receiver)) {
        const count = sign * countOf(n, name, what);
        const moved = shiftedTimeOfDay(receiver, count * CLOCK_UNIT_SECONDS[unit]);
        if (moved === 'range') return fail('DLG4015', `${name}: Invalid Operation. Value outside 24 hour range ("${receiver}" moved by ${count} ${unit}${Math.abs(count) === 1 ? '' : 's'})`);
        if (moved !== undefined) return moved;
      }
      return shift(dateOf(ctx, receiver, name), unit, sign * countOf(n, name, what));
    },
  };
}

/** Moves over `count` business days (a count of 0 or less leaves the date as it is, as Zoho documents). */
function businessDays(value: DateTimeValue, count: number, direction: 1 | -1, weekends: Set<number>, holidays: Set<number>, fn: string): DateTimeValue {
  if (count <= 0) return value;
  if (count > 1_000_000) return fail('DLG4018', `${fn}: ${count} business days is too many`);
  const start = localDayNumber(value);
  let day = start;
  for (let left = count; left > 0; ) {
    day += direction;
    if (!weekends.has(weekdayOfDayNumber(day)) && !holidays.has(day)) left--;
  }
  return shiftCalendar(value, 'day', day - start);
}

function businessDaySpec(name: string, direction: 1 | -1, page: string, summary: string): BuiltinSpec {
  return {
    name,
    area: 'datetime',
    receiver: DATE_OR_TEXT,
    params: [
      { name: 'numberOfBusinessDays', type: 'NUMBER' },
      { name: 'weekends', type: LIST_TYPES, optional: true },
      { name: 'holidays', type: LIST_TYPES, optional: true },
    ],
    returns: 'DATE-TIME',
    summary,
    docs: HELP + page,
    impl: (ctx, receiver, [n, weekends, holidays]) => {
      const value = dateOf(ctx, receiver, name);
      const count = countOf(n, name, 'number of business days');
      if (name === 'subBusinessDay' && count > 365) return fail('DLG4018', `${name}: the number of business days cannot be more than 365 (it is ${count})`);
      return businessDays(value, count, direction, weekendsOf(weekends, name), holidaysOf(ctx, holidays, name), name);
    },
  };
}

/** A business-hours window from `{"start": 9, "end": 17}` (hours, 24-hour clock, numbers or text). */
function businessHoursOf(value: Value | undefined, fn: string): { start: number; end: number } {
  if (!(value instanceof MapValue)) return { start: 9, end: 17 };
  const hour = (key: string, fallback: number): number => {
    const v = value.entries.get(key);
    const n = v === undefined || v === null ? fallback : Number(typeof v === 'bigint' ? Number(v) : v);
    if (!Number.isFinite(n) || n < 0 || n > 24) return fail('DLG4018', `${fn}: the business hour "${key}" must be an hour from 0 to 24`);
    return n;
  };
  const start = hour('start', 9);
  const end = hour('end', 17);
  if (start >= end) return fail('DLG4018', `${fn}: business hours must end after they start (${start} to ${end})`);
  return { start, end };
}

/** `addBusinessHour`: walks through the business hours of working days, forwards or backwards. */
function addBusinessHours(value: DateTimeValue, hours: number, weekends: Set<number>, holidays: Set<number>, window: { start: number; end: number }): DateTimeValue {
  const f = fieldsOf(value.epochMs, value.zone);
  const working = (n: number): boolean => !weekends.has(weekdayOfDayNumber(n)) && !holidays.has(n);
  const time = ((f.hour * 60 + f.minute) * 60 + f.second) * 1000 + f.millisecond;
  const later = businessHoursLater(dayNumber(f.year, f.month, f.day), time, hours, working, window.start * 3_600_000, window.end * 3_600_000);
  const seconds = Math.floor(later.time / 1000);
  const date = dateOfDayNumber(later.day);
  return atLocal(value, { ...date, hour: Math.floor(seconds / 3600), minute: Math.floor(seconds / 60) % 60, second: seconds % 60, millisecond: later.time % 1000 }, false);
}

// ---------------------------------------------------------------------------------------------------------------
// Differences

/** Whole days between the local dates (times are not taken into account). */
function daysBetween(start: DateTimeValue, end: DateTimeValue): number {
  return localDayNumber(end) - localDayNumber(start);
}

/** Calendar months between local dates, as `java.time.LocalDate.until` counts them (1 Feb → 1 Mar is 1). */
function calendarMonthsBetween(start: DateTimeValue, end: DateTimeValue): number {
  const a = fieldsOf(start.epochMs, start.zone);
  const b = fieldsOf(end.epochMs, end.zone);
  let months = b.year * 12 + b.month - (a.year * 12 + a.month);
  if (months > 0 && b.day < a.day) months--;
  else if (months < 0 && b.day > a.day) months++;
  return months;
}

function differenceSpec(name: string, aliases: readonly string[], docs: string, summary: string, measure: (start: DateTimeValue, end: DateTimeValue) => number): BuiltinSpec {
  return {
    name,
    aliases,
    area: 'datetime',
    receiver: DATE_OR_TEXT,
    params: [{ name: 'endDateTimeValue', type: DATE_OR_TEXT }],
    returns: 'NUMBER',
    summary,
    docs,
    impl: (ctx, receiver, [end]) => BigInt(Math.trunc(measure(dateOf(ctx, receiver, name), dateOf(ctx, end!, name, 'end date-time value')))),
  };
}

/** Whether a day (day number) is a working day: neither a weekend day nor a holiday. */
function workingDayTest(ctx: BuiltinContext, weekends: Value | undefined, holidays: Value | undefined, fn: string): (day: number) => boolean {
  const weekendDays = weekendsOf(weekends, fn);
  const holidayDays = holidaysOf(ctx, holidays, fn);
  return (day) => !weekendDays.has(weekdayOfDayNumber(day)) && !holidayDays.has(day);
}

// ---------------------------------------------------------------------------------------------------------------
// Fields

function fieldSpec(
  name: string,
  aliases: readonly string[],
  page: string,
  summary: string,
  read: (f: CalendarFields) => number,
  clock?: 'hour' | 'minute' | 'second',
): BuiltinSpec {
  return {
    name,
    aliases,
    area: 'datetime',
    receiver: DATE_OR_TEXT,
    params: [],
    returns: 'NUMBER',
    summary,
    docs: page.startsWith('https:') ? page : HELP + page,
    impl: (ctx, receiver) => {
      // The clock fields also read Creator's TIME values, which scripts hold as text (`'13:15:10'.getMinutes()`).
      const time = clock && typeof receiver === 'string' ? timeOfDayFields(receiver) : undefined;
      if (time === 'range') return fail('DLG4015', `${name}: "${receiver as string}" is not a valid time`);
      if (time) return BigInt(time[clock!]);
      const value = dateOrNull(ctx, receiver, name);
      return value === null ? null : BigInt(read(fieldsOf(value.epochMs, value.zone)));
    },
  };
}

/** A date-only value, in the zone of `value`, at midnight of day number `n`. */
function dateOnlyAt(value: DateTimeValue, n: number): DateTimeValue {
  return atLocal(value, dateOfDayNumber(n), true);
}

// ---------------------------------------------------------------------------------------------------------------
// Conversions

/**
 * `toDate` / `toTime` / `toDateTime`: a DATE-TIME as is, a NUMBER as epoch milliseconds, a TEXT read with the
 * pattern (Java `SimpleDateFormat`) or, without one, as Zoho reads literals. `zone` is the zone the text is in;
 * the result shows in the script's zone.
 */
function convert(ctx: BuiltinContext, value: Value, pattern: string | null, zone: string | null, fn: string): DateTimeValue {
  const home = ctx.timeZone;
  if (value instanceof DateTimeValue) return value;
  if (typeof value === 'bigint') return checkedDateTime(Number(value), home, false);
  if (typeof value !== 'string') return fail('DLG4001', `${fn}: a value of type ${typeName(value)} cannot be converted to a date-time`);
  const textZone = zone === null ? home : resolveZone(zone);
  if (pattern === null) {
    const read = readDateTimeText(value, textZone, ctx.now());
    if (read instanceof DateTimeValue) return new DateTimeValue(read.epochMs, home, false);
    return fail('DLG4015', `${fn}: "${value}" is not a valid date-time`);
  }
  const parsed = parseWithPattern(value, pattern, textZone, ctx.now(), fn);
  if (typeof parsed === 'string') return fail('DLG4015', `${fn}: "${value}" does not match the pattern "${pattern}"`);
  return checkedDateTime(parsed.epochMs, home, false);
}

function conversionSpec(name: string, aliases: readonly string[], docs: string, withZone: boolean, dateOnly: boolean, summary: string): BuiltinSpec {
  return {
    name,
    aliases,
    area: 'datetime',
    receiver: ['TEXT', 'NUMBER', 'DATE-TIME'],
    params: [{ name: 'dateTimeMapping', type: 'TEXT', optional: true }, ...(withZone ? [{ name: 'timeZone', type: 'TEXT' as const, optional: true }] : [])],
    returns: 'DATE-TIME',
    summary,
    docs,
    impl: (ctx, receiver, [pattern, zone]) => {
      const value = convert(ctx, receiver, textOrNull(pattern), textOrNull(zone), name);
      return dateOnly ? dateOnlyAt(value, localDayNumber(value)) : value.dateOnly ? new DateTimeValue(value.epochMs, value.zone, false) : value;
    },
  };
}

/** `toString(pattern, zone)` of a date-time; an unusable pattern gives null (https://www.zoho.com/deluge/help/functions/common/to-text.html). */
function formatted(value: DateTimeValue, pattern: Value | undefined, zone: Value | undefined): Value {
  const text = textOrNull(pattern);
  const zoneName = textOrNull(zone);
  if (text === null) return zoneName === null ? formatDateTime(value) : formatDateTime(new DateTimeValue(value.epochMs, resolveZone(zoneName), value.dateOnly));
  if (patternProblem(text) !== undefined) return null;
  return formatPattern(value, text, zoneName === null ? value.zone : resolveZone(zoneName));
}

// ---------------------------------------------------------------------------------------------------------------
// The declarations

export const DATETIME_BUILTINS: readonly BuiltinSpec[] = [
  // Adding and subtracting
  shiftSpec('addDay', 'day', 1, 'addday.html'),
  shiftSpec('subDay', 'day', -1, 'subday.html'),
  shiftSpec('addWeek', 'week', 1, 'addweek.html'),
  shiftSpec('subWeek', 'week', -1, 'subweek.html'),
  shiftSpec('addMonth', 'month', 1, 'addmonth.html'),
  shiftSpec('subMonth', 'month', -1, 'submonth.html'),
  shiftSpec('addYear', 'year', 1, 'addyear.html'),
  shiftSpec('subYear', 'year', -1, 'subyear.html'),
  shiftSpec('addHour', 'hour', 1, TIME_HELP + 'addhour.html'),
  shiftSpec('subHour', 'hour', -1, TIME_HELP + 'subhour.html'),
  shiftSpec('addMinutes', 'minute', 1, TIME_HELP + 'addminutes.html'),
  shiftSpec('subMinutes', 'minute', -1, TIME_HELP + 'subminutes.html'),
  shiftSpec('addSeconds', 'second', 1, TIME_HELP + 'addseconds.html'),
  shiftSpec('subSeconds', 'second', -1, TIME_HELP + 'subseconds.html'),
  businessDaySpec('addBusinessDay', 1, 'addbusinessday.html', 'Adds business days (Monday to Friday unless weekends are given, skipping the listed holidays).'),
  businessDaySpec('subBusinessDay', -1, 'subBusinessDay.html', 'Subtracts business days (at most 365), skipping weekends and the listed holidays.'),
  {
    name: 'workday',
    area: 'datetime',
    receiver: DATE_OR_TEXT,
    params: [
      { name: 'numberOfBusinessDays', type: 'NUMBER' },
      { name: 'weekends', type: LIST_TYPES, optional: true },
      { name: 'holidays', type: LIST_TYPES, optional: true },
    ],
    returns: 'DATE-TIME',
    summary: 'The date (without time) a number of business days later; a negative number gives the date itself.',
    docs: HELP + 'workday.html',
    impl: (ctx, receiver, [n, weekends, holidays]) => {
      const value = dateOf(ctx, receiver, 'workday');
      const moved = businessDays(value, countOf(n, 'workday', 'number of business days'), 1, weekendsOf(weekends, 'workday'), holidaysOf(ctx, holidays, 'workday'), 'workday');
      return dateOnlyAt(moved, localDayNumber(moved));
    },
  },
  {
    name: 'addBusinessHour',
    area: 'datetime',
    receiver: DATE_OR_TEXT,
    params: [
      { name: 'numberOfHours', type: 'NUMERIC' },
      { name: 'weekends', type: LIST_TYPES, optional: true },
      { name: 'holidays', type: LIST_TYPES, optional: true },
      { name: 'businessHours', type: 'KEY-VALUE', optional: true },
    ],
    returns: 'DATE-TIME',
    summary: 'Adds (or, when negative, subtracts) hours counted only within business hours (default 9 to 17) of working days.',
    docs: HELP + 'add-business-hour.html',
    impl: (ctx, receiver, [hours, weekends, holidays, window]) =>
      addBusinessHours(
        dateOf(ctx, receiver, 'addBusinessHour'),
        countOf(hours, 'addBusinessHour', 'number of hours'),
        weekendsOf(weekends, 'addBusinessHour'),
        holidaysOf(ctx, holidays, 'addBusinessHour'),
        businessHoursOf(window, 'addBusinessHour'),
      ),
  },
  {
    name: 'edate',
    area: 'datetime',
    receiver: DATE_OR_TEXT,
    params: [{ name: 'numberOfMonths', type: 'NUMBER' }],
    returns: 'DATE-TIME',
    summary: 'The date (without time) a number of months later, clamped to the end of a shorter month.',
    docs: HELP + 'edate.html',
    impl: (ctx, receiver, [n]) => {
      const moved = shiftCalendar(dateOf(ctx, receiver, 'edate'), 'month', countOf(n, 'edate', 'number of months'));
      return dateOnlyAt(moved, localDayNumber(moved));
    },
  },
  {
    name: 'eomonth',
    area: 'datetime',
    receiver: DATE_OR_TEXT,
    params: [{ name: 'numberOfMonths', type: 'NUMBER' }],
    returns: 'DATE-TIME',
    summary: 'The last date (without time) of the month a number of months later.',
    docs: HELP + 'eomonth.html',
    impl: (ctx, receiver, [n]) => {
      const value = dateOf(ctx, receiver, 'eomonth');
      const f = fieldsOf(value.epochMs, value.zone);
      const { year, month } = addMonthsToYearMonth(f.year, f.month, countOf(n, 'eomonth', 'number of months'));
      return atLocal(value, { year, month, day: daysInMonth(year, month) }, true);
    },
  },
  {
    name: 'toStartOfMonth',
    area: 'datetime',
    receiver: DATE_OR_TEXT,
    params: [],
    returns: 'DATE-TIME',
    summary: 'The first day of the month at 00:00:00.',
    docs: HELP + 'tostartofmonth.html',
    impl: (ctx, receiver) => {
      const value = dateOrNull(ctx, receiver, 'toStartOfMonth');
      if (value === null) return null;
      const f = fieldsOf(value.epochMs, value.zone);
      return atLocal(value, { year: f.year, month: f.month, day: 1 });
    },
  },
  {
    name: 'toStartOfWeek',
    area: 'datetime',
    receiver: DATE_OR_TEXT,
    params: [],
    returns: 'DATE-TIME',
    summary: 'The Sunday that starts the week, at 00:00:00.',
    docs: HELP + 'tostartofweek.html',
    impl: (ctx, receiver) => {
      const value = dateOrNull(ctx, receiver, 'toStartOfWeek');
      if (value === null) return null;
      const n = localDayNumber(value);
      return atLocal(value, dateOfDayNumber(n - (weekdayOfDayNumber(n) - 1)));
    },
  },
  {
    name: 'nextWeekDay',
    area: 'datetime',
    receiver: DATE_OR_TEXT,
    params: [{ name: 'inputDay', type: 'TEXT' }],
    returns: 'DATE-TIME',
    summary: 'The next date (strictly after, without time) that falls on the named day of the week.',
    docs: 'https://www.zoho.com/deluge/help/functions/number/nextweekday.html',
    impl: (ctx, receiver, [day]) => {
      const value = dateOf(ctx, receiver, 'nextWeekDay');
      const n = localDayNumber(value);
      return dateOnlyAt(value, n + ((weekdayNamed(day!, 'nextWeekDay') - weekdayOfDayNumber(n) + 7) % 7 || 7));
    },
  },
  {
    name: 'previousWeekDay',
    area: 'datetime',
    receiver: DATE_OR_TEXT,
    params: [{ name: 'inputDay', type: 'TEXT' }],
    returns: 'DATE-TIME',
    summary: 'The previous date (strictly before, without time) that falls on the named day of the week.',
    docs: 'https://www.zoho.com/deluge/help/functions/number/previousWeekDay.html',
    impl: (ctx, receiver, [day]) => {
      const value = dateOf(ctx, receiver, 'previousWeekDay');
      const n = localDayNumber(value);
      return dateOnlyAt(value, n - ((weekdayOfDayNumber(n) - weekdayNamed(day!, 'previousWeekDay') + 7) % 7 || 7));
    },
  },

  // Fields
  fieldSpec('getDay', ['day'], 'getday.html', 'The day of the month (1–31) of a date-time.', (f) => f.day),
  fieldSpec('getMonth', ['month'], 'getmonth.html', 'The month (1 = January … 12 = December) of a date-time.', (f) => f.month),
  fieldSpec('getYear', ['year'], 'getyear.html', 'The year of a date-time, e.g. 2020.', (f) => f.year),
  fieldSpec('getHour', ['hour'], TIME_HELP + 'gethour.html', 'The hour of a date-time or time on the 24-hour clock (0–23).', (f) => f.hour, 'hour'),
  fieldSpec('getMinutes', ['minute'], TIME_HELP + 'getminutes.html', 'The minutes of a date-time or time (0–59).', (f) => f.minute, 'minute'),
  fieldSpec('getSeconds', ['second'], TIME_HELP + 'getseconds.html', 'The seconds of a date-time or time (0–59).', (f) => f.second, 'second'),
  fieldSpec('weekday', ['getDayOfWeek'], 'weekday.html', 'The day of the week: 1 = Sunday … 7 = Saturday.', (f) => f.weekday),
  fieldSpec('getDayOfYear', [], 'getdayofyear.html', 'The day of the year of a date-time (1–366).', (f) => dayOfYear(f)),
  {
    name: 'getWeekOfYear',
    area: 'datetime',
    receiver: DATE_OR_TEXT,
    params: [{ name: 'startDay', type: 'TEXT', optional: true }],
    returns: 'NUMBER',
    summary: 'The week of the year (weeks start on Sunday or the given day; week 1 holds 1 January).',
    docs: HELP + 'getweekofyear.html',
    impl: (ctx, receiver, [startDay]) => {
      const value = dateOrNull(ctx, receiver, 'getWeekOfYear');
      if (value === null) return null;
      const firstDay = startDay === undefined || startDay === null ? 1 : weekdayNamed(startDay, 'getWeekOfYear');
      return BigInt(weekOfYear(fieldsOf(value.epochMs, value.zone), firstDay).week);
    },
  },

  // Differences
  differenceSpec('daysBetween', [], HELP + 'daysbetween.html', 'The number of days from one date to another (negative when the end is earlier; times are ignored).', daysBetween),
  differenceSpec('days360', [], HELP + 'days360.html', 'The number of days between two dates; Zoho documents it as behaving like daysBetween.', daysBetween),
  differenceSpec('hoursBetween', [], HELP + 'hoursbetween.html', 'The number of whole hours elapsed between two date-times (negative when the end is earlier).', (a, b) =>
    (b.epochMs - a.epochMs) / 3_600_000,
  ),
  differenceSpec('monthsBetween', [], HELP + 'monthsbetween.html', 'The number of 30-day months between two dates.', (a, b) => daysBetween(a, b) / 30),
  differenceSpec('yearsBetween', [], HELP + 'yearsbetween.html', 'The number of 365-day years between two dates.', (a, b) => daysBetween(a, b) / 365),
  {
    name: 'workDaysBetween',
    area: 'datetime',
    receiver: DATE_OR_TEXT,
    params: [
      { name: 'endDate', type: DATE_OR_TEXT },
      { name: 'weekends', type: LIST_TYPES, optional: true },
      { name: 'holidays', type: LIST_TYPES, optional: true },
    ],
    returns: 'NUMBER',
    summary: 'The number of work days after the start date up to the end date (Saturday and Sunday are weekend days unless others are given; holidays are skipped); negative when the end date is earlier.',
    docs: HELP + 'work-days-between.html',
    impl: (ctx, receiver, [end, weekends, holidays]) => {
      const start = localDayNumber(dateOf(ctx, receiver, 'workDaysBetween'));
      const last = localDayNumber(dateOf(ctx, end!, 'workDaysBetween', 'end date-time value'));
      return BigInt(workDaysCounted(start, last, workingDayTest(ctx, weekends, holidays, 'workDaysBetween')));
    },
  },
  {
    name: 'workDaysList',
    area: 'datetime',
    receiver: DATE_OR_TEXT,
    params: [
      { name: 'endDate', type: DATE_OR_TEXT },
      { name: 'weekends', type: LIST_TYPES, optional: true },
      { name: 'holidays', type: LIST_TYPES, optional: true },
    ],
    returns: 'LIST',
    // https://www.zoho.com/deluge/help/functions/datetime/work-days-list.html: the start date is the one "from which"
    // the work days are listed (workDaysBetween's is the one "after which" they are counted), and "the end date has to
    // be greater than or equal to the start date": we list both dates when they are work days, as dates without time;
    // an earlier end date gives "an empty value", an empty list. The page says COLLECTION; a list is what a script
    // can walk, index and size alike.
    summary: 'The work days (dates without time) from the start date to the end date, both included; an empty list when the end date is earlier.',
    docs: HELP + 'work-days-list.html',
    impl: (ctx, receiver, [end, weekends, holidays]) => {
      const value = dateOf(ctx, receiver, 'workDaysList');
      const last = localDayNumber(dateOf(ctx, end!, 'workDaysList', 'end date-time value'));
      const days = workDaysFrom(localDayNumber(value), last, workingDayTest(ctx, weekends, holidays, 'workDaysList'));
      return new ListValue(days.map((n) => dateOnlyAt(value, n)));
    },
  },
  {
    name: 'yearFraction',
    area: 'datetime',
    receiver: DATE_OR_TEXT,
    params: [{ name: 'endDateTimeValue', type: DATE_OR_TEXT }],
    returns: 'DECIMAL',
    // "the number of days between two dates is divided by … 365", the times "also considered"
    // (https://www.zoho.com/deluge/help/functions/datetime/yearfraction.html): elapsed time, so the page's
    // '24-Jun-1997'.yearFraction('24-Mar-2001 10:10:37') is 3.7519608384069003 in US Pacific time, over a DST change.
    summary: 'The time from one date-time to another divided by 365 days, a DECIMAL (negative when the end is earlier).',
    docs: HELP + 'yearfraction.html',
    impl: (ctx, receiver, [end]) => {
      const from = dateOf(ctx, receiver, 'yearFraction');
      // Days first, then years: the page's 3.7519608384069003 (divided at once, the last digit differs).
      return (dateOf(ctx, end!, 'yearFraction', 'end date-time value').epochMs - from.epochMs) / 86_400_000 / 365;
    },
  },
  differenceSpec('totalMonths', ['totalMonth', 'monthsDiff'], HELP + 'totalmonth.html', 'The number of calendar months between two dates (1 Feb → 1 Mar is 1).', calendarMonthsBetween),
  differenceSpec('totalYears', ['totalYear', 'yearsDiff'], HELP + 'totalyear.html', 'The number of calendar years between two dates, leap years considered.', (a, b) => calendarMonthsBetween(a, b) / 12),

  // Conversions and formatting
  {
    name: 'toString',
    aliases: ['toText'],
    area: 'datetime',
    // Epoch milliseconds and date-time text are formatted too when a pattern or zone is given (the tostring page:
    // "all Zoho services except Zoho Creator"); without one they are the text `info` shows (common.ts's toString).
    receiver: ['DATE-TIME', 'NUMBER', 'TEXT'],
    params: [
      { name: 'dateTimeFormat', type: 'TEXT', optional: true },
      { name: 'timeZone', type: 'TEXT', optional: true },
    ],
    returns: 'TEXT',
    summary:
      'A date-time, epoch milliseconds or date-time text as text: Zoho\'s default form, or a Java SimpleDateFormat pattern, optionally in another time zone.',
    docs: COMMON_HELP + 'tostring.html',
    impl: (ctx, receiver, args) => {
      const [pattern, zone] = args;
      if (receiver instanceof DateTimeValue) return formatted(receiver, pattern, zone);
      if ((pattern ?? null) === null && (zone ?? null) === null) return textForm(receiver);
      // Text that is no date-time is an error outside Creator (the page), as in the other date-time functions.
      const value = typeof receiver === 'bigint' ? checkedDateTime(Number(receiver), ctx.timeZone, false) : dateOf(ctx, receiver, 'toString');
      return formatted(value, pattern, zone);
    },
  },
  {
    name: 'toDateTimeString',
    area: 'datetime',
    receiver: ['NUMBER', 'DATE-TIME', 'TEXT'],
    params: [
      { name: 'dateTimeFormat', type: 'TEXT' },
      { name: 'timeZone', type: 'TEXT', optional: true },
    ],
    returns: 'TEXT',
    summary: 'Epoch milliseconds (or a date-time) as text in a SimpleDateFormat pattern, optionally in another time zone.',
    docs: HELP + 'todatetimestring.html',
    impl: (ctx, receiver, [pattern, zone]) => {
      const value = typeof receiver === 'bigint' ? checkedDateTime(Number(receiver), ctx.timeZone, false) : dateOf(ctx, receiver, 'toDateTimeString');
      return formatted(value, pattern, zone);
    },
  },
  conversionSpec('toDate', [], COMMON_HELP + 'todate.html', false, true, 'Text (optionally read with a pattern), epoch milliseconds or a date-time as a date without time.'),
  conversionSpec('toTime', [], 'https://www.zoho.com/creator/help/script/built-in-functions/built-in-function-common-totime.html', true, false, 'Text (optionally read with a pattern, in a given zone), epoch milliseconds or a date-time as a date-time.'),
  conversionSpec('toDateTime', [], COMMON_HELP + 'to-date-time.html', false, false, 'Text (optionally read with a pattern), epoch milliseconds or a date-time as a date-time.'),
  {
    name: 'unixEpoch',
    area: 'datetime',
    receiver: 'TEXT',
    params: [{ name: 'timeZone', type: 'TEXT', optional: true }],
    returns: ['NUMBER', 'TEXT'],
    summary: 'Milliseconds since 1970-01-01T00:00:00Z of a date-time text read in a zone (an unknown zone is GMT); text that is not a date-time is returned as is.',
    docs: HELP + 'unix-epoch.html',
    impl: (ctx, receiver, [zone]) => {
      const text = receiver as string;
      const zoneName = textOrNull(zone);
      const read = readDateTimeText(text, zoneName === null ? ctx.timeZone : resolveZone(zoneName), ctx.now());
      return read instanceof DateTimeValue ? BigInt(read.epochMs) : text;
    },
  },
  {
    name: 'isDate',
    area: 'datetime',
    receiver: 'ANY',
    acceptsNull: true,
    params: [],
    returns: 'BOOLEAN',
    summary: 'True for a date-time, or text holding one in a format Zoho accepts; null for lists and maps; otherwise false.',
    docs: COMMON_HELP + 'isdate.html',
    impl: (ctx, receiver) => {
      if (receiver instanceof DateTimeValue) return true;
      if (typeof receiver === 'string') return readDateTimeText(receiver, ctx.timeZone, ctx.now()) instanceof DateTimeValue;
      if (receiver instanceof ListValue || receiver instanceof MapValue || receiver instanceof CollectionValue) return null;
      return false;
    },
  },
];
