/** The date-time functions (src/runtime/builtins/datetime.ts) that scripts call most; each takes a DATE-TIME or a date text. */
import { CLOCK_UNIT_SECONDS, isTimeOfDay, shiftedTimeOfDay, timeOfDayFields } from '../../../runtime/time-of-day.js';
import { NOW_MS, PARAMETERS, TIME_ZONE } from './config.js';
import { cannotApply, checkArguments } from './functions.js';
import { compilePattern } from '../../../runtime/date-patterns.js';
import {
  atLocal,
  checkedDateTime,
  formatDateTime,
  formatPattern,
  localDayNumber,
  parseDateTimeText,
  parseWithPattern,
  readDateTimeText,
  shiftCalendar,
} from './datetime.js';
import {
  businessHoursLater,
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
} from '../../../runtime/calendar.js';
import { textForm } from './text-form.js';
import { Collection, DateTime, fail, typeName, type Value } from './values.js';

/**
 * A date-time argument: a DATE-TIME as is, a text read as Zoho reads date literals. Null is the value the function
 * applies to being empty, or, for another argument (`what`), that argument being null.
 */
export function dateOf(value: Value, fn: string, what?: string): DateTime {
  if (value instanceof DateTime) return value;
  if (value === null) return fail('DLG4005', what === undefined ? `Value is empty and '${fn}' function cannot be applied` : `${fn}: the ${what} is null`);
  if (typeof value === 'string') return parseDateTimeText(value, TIME_ZONE, NOW_MS) ?? fail('DLG4015', `${fn}: "${value}" is not a valid date-time`);
  // The value the function applies to, of another type: deluge run's "cannot be applied" (with the types it takes).
  if (what === undefined) return cannotApply(fn, value);
  return fail('DLG4001', `${fn}: the ${what} must be a DATE-TIME, not ${typeName(value)}`);
}

/**
 * As dateOf, but text with no date shape, or with a part too long (a 5-digit year, a 3-digit hour), gives null, as
 * deluge run's getters and toStartOf… functions answer it; impossible values (31 February) stay errors.
 */
export function dateOrNull(value: Value, fn: string): DateTime | null {
  if (typeof value === 'string') {
    const read = readDateTimeText(value, TIME_ZONE, NOW_MS);
    if (read === 'syntax' || read === 'malformed') return null;
  }
  return dateOf(value, fn);
}

/** A whole number of units (`what`: "number of days"); anything past ±2^53 is far outside the calendar anyway. */
export function countOf(value: Value, fn: string, what: string): number {
  if (value === null) return fail('DLG4005', `${fn}: the ${what} is null`);
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) return fail('DLG4015', `${fn}: ${value} ${what} is out of the supported date range`);
    return Number(value);
  }
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return fail('DLG4001', `${fn}: the ${what} must be a NUMBER, not ${typeName(value)}`);
}

/**
 * `t.addMinutes(n)`, `t.subHour(n)`, … of Creator's TIME values, held as text: the time moved within its day, as deluge
 * run moves it; anything else is a date-time moved by {@link shiftBy}.
 */
export function shiftClock(value: Value, unit: 'hour' | 'minute' | 'second', sign: 1 | -1, amount: Value, fn: string): Value {
  if (typeof value === 'string' && isTimeOfDay(value)) {
    const count = sign * countOf(amount, fn, `number of ${unit}s`);
    const moved = shiftedTimeOfDay(value, count * CLOCK_UNIT_SECONDS[unit]);
    if (moved === 'range') return fail('DLG4015', `${fn}: Invalid Operation. Value outside 24 hour range ("${value}" moved by ${count} ${unit}${Math.abs(count) === 1 ? '' : 's'})`);
    if (moved !== undefined) return moved;
  }
  return shiftBy(value, unit, sign, amount, fn);
}

/** `d.addDay(n)`, `d.subHour(n)`, …: the date-time read first, then the number, as deluge run reads them. */
export function shiftBy(value: Value, unit: 'year' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second', sign: 1 | -1, amount: Value, fn: string): DateTime {
  const date = dateOf(value, fn);
  const n = sign * countOf(amount, fn, `number of ${unit}s`);
  if (unit === 'week') return shiftCalendar(date, 'day', n * 7);
  if (unit === 'year' || unit === 'month' || unit === 'day') return shiftCalendar(date, unit, n);
  const ms = { hour: 3_600_000, minute: 60_000, second: 1_000 }[unit];
  return checkedDateTime(date.epochMs + n * ms, date.zone);
}

/** @builtin addDay — `d.addDay(n)`. */
export function addDay(value: Value, n: Value): Value {
  checkArguments(PARAMETERS.addday, value, n);
  return shiftBy(value, 'day', 1, n, 'addDay');
}
/** @builtin subDay — `d.subDay(n)`. */
export function subDay(value: Value, n: Value): Value {
  checkArguments(PARAMETERS.subday, value, n);
  return shiftBy(value, 'day', -1, n, 'subDay');
}
/** @builtin addWeek — `d.addWeek(n)`. */
export function addWeek(value: Value, n: Value): Value {
  checkArguments(PARAMETERS.addweek, value, n);
  return shiftBy(value, 'week', 1, n, 'addWeek');
}
/** @builtin subWeek — `d.subWeek(n)`. */
export function subWeek(value: Value, n: Value): Value {
  checkArguments(PARAMETERS.subweek, value, n);
  return shiftBy(value, 'week', -1, n, 'subWeek');
}
/** @builtin addMonth — `d.addMonth(n)`. */
export function addMonth(value: Value, n: Value): Value {
  checkArguments(PARAMETERS.addmonth, value, n);
  return shiftBy(value, 'month', 1, n, 'addMonth');
}
/** @builtin subMonth — `d.subMonth(n)`. */
export function subMonth(value: Value, n: Value): Value {
  checkArguments(PARAMETERS.submonth, value, n);
  return shiftBy(value, 'month', -1, n, 'subMonth');
}
/** @builtin addYear — `d.addYear(n)`. */
export function addYear(value: Value, n: Value): Value {
  checkArguments(PARAMETERS.addyear, value, n);
  return shiftBy(value, 'year', 1, n, 'addYear');
}
/** @builtin subYear — `d.subYear(n)`. */
export function subYear(value: Value, n: Value): Value {
  checkArguments(PARAMETERS.subyear, value, n);
  return shiftBy(value, 'year', -1, n, 'subYear');
}
/** @builtin addHour — `d.addHour(n)`. */
export function addHour(value: Value, n: Value): Value {
  checkArguments(PARAMETERS.addhour, value, n);
  return shiftClock(value, 'hour', 1, n, 'addHour');
}
/** @builtin subHour — `d.subHour(n)`. */
export function subHour(value: Value, n: Value): Value {
  checkArguments(PARAMETERS.subhour, value, n);
  return shiftClock(value, 'hour', -1, n, 'subHour');
}
/** @builtin addMinutes — `d.addMinutes(n)`. */
export function addMinutes(value: Value, n: Value): Value {
  checkArguments(PARAMETERS.addminutes, value, n);
  return shiftClock(value, 'minute', 1, n, 'addMinutes');
}
/** @builtin subMinutes — `d.subMinutes(n)`. */
export function subMinutes(value: Value, n: Value): Value {
  checkArguments(PARAMETERS.subminutes, value, n);
  return shiftClock(value, 'minute', -1, n, 'subMinutes');
}
/** @builtin addSeconds — `d.addSeconds(n)`. */
export function addSeconds(value: Value, n: Value): Value {
  checkArguments(PARAMETERS.addseconds, value, n);
  return shiftClock(value, 'second', 1, n, 'addSeconds');
}
/** @builtin subSeconds — `d.subSeconds(n)`. */
export function subSeconds(value: Value, n: Value): Value {
  checkArguments(PARAMETERS.subseconds, value, n);
  return shiftClock(value, 'second', -1, n, 'subSeconds');
}

/** The weekend days (1 = Sunday … 7 = Saturday; Saturday and Sunday unless the script lists others) and holidays (day numbers) of the business-day functions. */
export function nonWorkingDays(weekends: Value, holidays: Value, fn: string): { weekendDays: Set<number>; holidayDays: Set<number> } {
  const items = (v: Value): Value[] => (Array.isArray(v) ? v : v instanceof Collection ? (v.mode === 'map' ? [...v.map.values()] : v.list) : []);
  const weekendDays = weekends === null ? new Set([1, 7]) : new Set(items(weekends).map((day) => weekdayNumber(day, fn)));
  if (weekendDays.size === 7) fail('DLG4018', `${fn}: every day of the week is a weekend day`);
  const holidayDays = new Set(items(holidays).map((day) => localDayNumber(dateOf(day, fn, 'holiday'))));
  return { weekendDays, holidayDays };
}

/**
 * Business days: Saturday and Sunday are weekend days unless the script lists others; holidays are skipped. Every
 * argument is read (and refused) before a count of 0 or less leaves the date as it is, as deluge run reads them.
 */
export function businessDays(value: Value, n: Value, direction: 1 | -1, weekends: Value, holidays: Value, fn: string): DateTime {
  const date = dateOf(value, fn);
  const count = countOf(n, fn, 'number of business days');
  if (fn === 'subBusinessDay' && count > 365) return fail('DLG4018', `${fn}: the number of business days cannot be more than 365 (it is ${count})`);
  const { weekendDays, holidayDays } = nonWorkingDays(weekends, holidays, fn);
  if (count <= 0) return date;
  if (count > 1_000_000) return fail('DLG4018', `${fn}: ${count} business days is too many`);
  const start = localDayNumber(date);
  let day = start;
  for (let left = count; left > 0; ) {
    day += direction;
    if (!weekendDays.has(weekdayOfDayNumber(day)) && !holidayDays.has(day)) left--;
  }
  return shiftCalendar(date, 'day', day - start);
}

/** @builtin addBusinessDay — `d.addBusinessDay(n[, weekends][, holidays])`. */
export function addBusinessDay(value: Value, n: Value, weekends: Value = null, holidays: Value = null): Value {
  checkArguments(PARAMETERS.addbusinessday, value, n, weekends, holidays);
  return businessDays(value, n, 1, weekends, holidays, 'addBusinessDay');
}

/** @builtin subBusinessDay — `d.subBusinessDay(n[, weekends][, holidays])`. */
export function subBusinessDay(value: Value, n: Value, weekends: Value = null, holidays: Value = null): Value {
  checkArguments(PARAMETERS.subbusinessday, value, n, weekends, holidays);
  return businessDays(value, n, -1, weekends, holidays, 'subBusinessDay');
}

/** A business-hours window from `{"start": 9, "end": 17}` (hours, 24-hour clock, numbers or text); 9 to 17 without one. */
export function businessHoursOf(value: Value, fn: string): { start: number; end: number } {
  if (!(value instanceof Map)) return { start: 9, end: 17 };
  const hour = (key: string, fallback: number): number => {
    const v = value.get(key);
    const n = v === undefined || v === null ? fallback : typeof v === 'bigint' ? Number(v) : typeof v === 'object' ? NaN : Number(v);
    if (!Number.isFinite(n) || n < 0 || n > 24) return fail('DLG4018', `${fn}: the business hour "${key}" must be an hour from 0 to 24`);
    return n;
  };
  const start = hour('start', 9);
  const end = hour('end', 17);
  if (start >= end) return fail('DLG4018', `${fn}: business hours must end after they start (${start} to ${end})`);
  return { start, end };
}

/** @builtin addBusinessHour — `d.addBusinessHour(hours[, weekends][, holidays][, {"start": 9, "end": 17}])`: hours counted within business hours of working days. */
export function addBusinessHour(value: Value, hours: Value, weekends: Value = null, holidays: Value = null, businessHours: Value = null): Value {
  checkArguments(PARAMETERS.addbusinesshour, value, hours, weekends, holidays, businessHours);
  const date = dateOf(value, 'addBusinessHour');
  const count = countOf(hours, 'addBusinessHour', 'number of hours');
  const { weekendDays, holidayDays } = nonWorkingDays(weekends, holidays, 'addBusinessHour');
  const window = businessHoursOf(businessHours, 'addBusinessHour');
  const f = fieldsOf(date.epochMs, date.zone);
  const working = (n: number): boolean => !weekendDays.has(weekdayOfDayNumber(n)) && !holidayDays.has(n);
  const time = ((f.hour * 60 + f.minute) * 60 + f.second) * 1000 + f.millisecond;
  const later = businessHoursLater(dayNumber(f.year, f.month, f.day), time, count, working, window.start * 3_600_000, window.end * 3_600_000);
  const seconds = Math.floor(later.time / 1000);
  return atLocal(date, { ...dateOfDayNumber(later.day), hour: Math.floor(seconds / 3600), minute: Math.floor(seconds / 60) % 60, second: seconds % 60, millisecond: later.time % 1000 }, false);
}

/** @builtin daysBetween — whole days between the local dates (times ignored). */
export function daysBetween(start: Value, end: Value): Value {
  checkArguments(PARAMETERS.daysbetween, start, end);
  const from = dateOf(start, 'daysBetween');
  return BigInt(localDayNumber(dateOf(end, 'daysBetween', 'end date-time value')) - localDayNumber(from));
}

/** @builtin hoursBetween — whole hours elapsed. */
export function hoursBetween(start: Value, end: Value): Value {
  checkArguments(PARAMETERS.hoursbetween, start, end);
  const from = dateOf(start, 'hoursBetween');
  return BigInt(Math.trunc((dateOf(end, 'hoursBetween', 'end date-time value').epochMs - from.epochMs) / 3_600_000));
}

/** `d.getDay()` … `d.getSeconds()`, `d.weekday()`: a calendar field as a NUMBER. */
export function dateField(value: Value, field: 'day' | 'month' | 'year' | 'hour' | 'minute' | 'second' | 'weekday', fn: string): Value {
  if (typeof value === 'string') {
    if (field === 'hour' || field === 'minute' || field === 'second') {
      // Creator's TIME values, held as text (`'13:15:10'.getMinutes()`), have the clock fields.
      const time = timeOfDayFields(value);
      if (time === 'range') return fail('DLG4015', `${fn}: "${value}" is not a valid time`);
      if (time) return BigInt(time[field]);
    }
  }
  const date = dateOrNull(value, fn);
  return date === null ? null : BigInt(fieldsOf(date.epochMs, date.zone)[field]);
}

/** @builtin getDay day — the day of the month. */
export function getDay(value: Value): Value {
  return dateField(value, 'day', 'getDay');
}
/** @builtin getMonth month — the month, 1–12. */
export function getMonth(value: Value): Value {
  return dateField(value, 'month', 'getMonth');
}
/** @builtin getYear year — the year. */
export function getYear(value: Value): Value {
  return dateField(value, 'year', 'getYear');
}
/** @builtin getHour hour — the hour, 0–23. */
export function getHour(value: Value): Value {
  return dateField(value, 'hour', 'getHour');
}
/** @builtin getMinutes minute — the minutes. */
export function getMinutes(value: Value): Value {
  return dateField(value, 'minute', 'getMinutes');
}
/** @builtin getSeconds second — the seconds. */
export function getSeconds(value: Value): Value {
  return dateField(value, 'second', 'getSeconds');
}
/** @builtin weekday getDayOfWeek — the day of the week, 1 = Sunday … 7 = Saturday. */
export function weekday(value: Value): Value {
  return dateField(value, 'weekday', 'weekday');
}

/** `toDate` / `toDateTime` / `toTime`: a DATE-TIME as is, a NUMBER as epoch milliseconds, a text read (with a pattern if given). */
export function toDateTimeValue(value: Value, pattern: Value, zone: Value, fn: string): DateTime {
  if (value instanceof DateTime) return value;
  if (typeof value === 'bigint') return checkedDateTime(Number(value), TIME_ZONE);
  if (typeof value !== 'string') return cannotApply(fn, value);
  const textZone = zone === null ? TIME_ZONE : resolveZone(textForm(zone));
  if (pattern === null) {
    const read = parseDateTimeText(value, textZone, NOW_MS);
    return read ? new DateTime(read.epochMs, TIME_ZONE) : fail('DLG4015', `${fn}: "${value}" is not a valid date-time`);
  }
  const problem = compilePattern(textForm(pattern));
  if (typeof problem === 'string') fail('DLG4015', `${fn}: "${textForm(pattern)}" is not a date-time pattern: ${problem}`);
  const parsed = parseWithPattern(value, textForm(pattern), textZone, NOW_MS);
  return parsed ? checkedDateTime(parsed.epochMs, TIME_ZONE) : fail('DLG4015', `${fn}: "${value}" does not match the pattern "${textForm(pattern)}"`);
}

/** @builtin toDate — a text (read with an optional pattern), epoch milliseconds or a date-time as a date without time. */
export function toDate(value: Value, pattern: Value = null): Value {
  checkArguments(PARAMETERS.todate, value, pattern);
  const date = toDateTimeValue(value, pattern, null, 'toDate');
  return atLocal(date, dateOfDayNumber(localDayNumber(date)), true);
}

/** @builtin toDateTime — a text, epoch milliseconds or a date-time as a date-time. */
export function toDateTime(value: Value, pattern: Value = null): Value {
  checkArguments(PARAMETERS.todatetime, value, pattern);
  const date = toDateTimeValue(value, pattern, null, 'toDateTime');
  return date.dateOnly ? new DateTime(date.epochMs, date.zone) : date;
}

/** @builtin toTime — a text (read in an optional zone), epoch milliseconds or a date-time as a date-time. */
export function toTime(value: Value, pattern: Value = null, zone: Value = null): Value {
  checkArguments(PARAMETERS.totime, value, pattern, zone);
  const date = toDateTimeValue(value, pattern, zone, 'toTime');
  return date.dateOnly ? new DateTime(date.epochMs, date.zone) : date;
}

/** `d.toString(pattern[, zone])` of a date-time; a pattern that is not one gives null. */
export function formatDate(value: DateTime, pattern: Value, zone: Value): Value {
  const shownIn = zone === null ? value.zone : resolveZone(textForm(zone));
  if (pattern === null) return formatDateTime(new DateTime(value.epochMs, shownIn, value.dateOnly));
  if (typeof compilePattern(textForm(pattern)) === 'string') return null;
  return formatPattern(value, textForm(pattern), shownIn);
}

/** @builtin toStartOfMonth — the first day of the month at 00:00:00. */
export function toStartOfMonth(value: Value): Value {
  const date = dateOrNull(value, 'toStartOfMonth');
  if (date === null) return null;
  const f = fieldsOf(date.epochMs, date.zone);
  return atLocal(date, { year: f.year, month: f.month, day: 1 });
}

/** @builtin eomonth — the last day of the month n months later. */
export function eomonth(value: Value, n: Value): Value {
  checkArguments(PARAMETERS.eomonth, value, n);
  const date = dateOf(value, 'eomonth');
  const f = fieldsOf(date.epochMs, date.zone);
  const index = f.year * 12 + (f.month - 1) + countOf(n, 'eomonth', 'number of months');
  const year = Math.floor(index / 12);
  const month = (((index % 12) + 12) % 12) + 1;
  return atLocal(date, { year, month, day: daysInMonth(year, month) }, true);
}

/** @builtin getDayOfYear — the day of the year, 1–366. */
export function getDayOfYear(value: Value): Value {
  const date = dateOrNull(value, 'getDayOfYear');
  return date === null ? null : BigInt(dayOfYear(fieldsOf(date.epochMs, date.zone)));
}

/** @builtin getWeekOfYear — the week of the year (weeks start on Sunday or the given day; week 1 holds 1 January). */
export function getWeekOfYear(value: Value, startDay: Value = null): Value {
  checkArguments(PARAMETERS.getweekofyear, value, startDay);
  const date = dateOrNull(value, 'getWeekOfYear');
  if (date === null) return null;
  const firstDay = startDay === null ? 1 : weekdayNumber(startDay, 'getWeekOfYear');
  return BigInt(weekOfYear(fieldsOf(date.epochMs, date.zone), firstDay).week);
}

/** @builtin toStartOfWeek — the Sunday that starts the week, at 00:00:00. */
export function toStartOfWeek(value: Value): Value {
  const date = dateOrNull(value, 'toStartOfWeek');
  if (date === null) return null;
  const n = localDayNumber(date);
  return atLocal(date, dateOfDayNumber(n - (weekdayOfDayNumber(n) - 1)));
}

/** @builtin monthsBetween — the number of 30-day months between two dates. */
export function monthsBetween(start: Value, end: Value): Value {
  checkArguments(PARAMETERS.monthsbetween, start, end);
  const from = dateOf(start, 'monthsBetween');
  return BigInt(Math.trunc((localDayNumber(dateOf(end, 'monthsBetween', 'end date-time value')) - localDayNumber(from)) / 30));
}

/** @builtin yearsBetween — the number of 365-day years between two dates. */
export function yearsBetween(start: Value, end: Value): Value {
  checkArguments(PARAMETERS.yearsbetween, start, end);
  const from = dateOf(start, 'yearsBetween');
  return BigInt(Math.trunc((localDayNumber(dateOf(end, 'yearsBetween', 'end date-time value')) - localDayNumber(from)) / 365));
}

/** Calendar months between local dates, as java.time counts them (1 Feb → 1 Mar is 1). */
export function calendarMonths(start: DateTime, end: DateTime): number {
  const a = fieldsOf(start.epochMs, start.zone);
  const b = fieldsOf(end.epochMs, end.zone);
  let months = b.year * 12 + b.month - (a.year * 12 + a.month);
  if (months > 0 && b.day < a.day) months--;
  else if (months < 0 && b.day > a.day) months++;
  return months;
}

/** @builtin totalMonths totalMonth monthsDiff — calendar months between two dates. */
export function totalMonths(start: Value, end: Value): Value {
  checkArguments(PARAMETERS.totalmonths, start, end);
  return BigInt(calendarMonths(dateOf(start, 'totalMonths'), dateOf(end, 'totalMonths', 'end date-time value')));
}

/** @builtin totalYears totalYear yearsDiff — calendar years between two dates. */
export function totalYears(start: Value, end: Value): Value {
  checkArguments(PARAMETERS.totalyears, start, end);
  return BigInt(Math.trunc(calendarMonths(dateOf(start, 'totalYears'), dateOf(end, 'totalYears', 'end date-time value')) / 12));
}

/** @builtin days360 — as Zoho documents it, the same as daysBetween. */
export function days360(start: Value, end: Value): Value {
  checkArguments(PARAMETERS.days360, start, end);
  const from = dateOf(start, 'days360');
  return BigInt(localDayNumber(dateOf(end, 'days360', 'end date-time value')) - localDayNumber(from));
}

/** @builtin edate — the date (without time) n months later, clamped to a shorter month's end. */
export function edate(value: Value, n: Value): Value {
  checkArguments(PARAMETERS.edate, value, n);
  const moved = shiftCalendar(dateOf(value, 'edate'), 'month', countOf(n, 'edate', 'number of months'));
  return atLocal(moved, dateOfDayNumber(localDayNumber(moved)), true);
}

/** @builtin workday — the date (without time) n business days later. */
export function workday(value: Value, n: Value, weekends: Value = null, holidays: Value = null): Value {
  checkArguments(PARAMETERS.workday, value, n, weekends, holidays);
  const moved = businessDays(value, n, 1, weekends, holidays, 'workday');
  return atLocal(moved, dateOfDayNumber(localDayNumber(moved)), true);
}

/** Whether a day (day number) is a working day: neither a weekend day nor a holiday. */
export function workingDayTest(weekends: Value, holidays: Value, fn: string): (day: number) => boolean {
  const { weekendDays, holidayDays } = nonWorkingDays(weekends, holidays, fn);
  return (day) => !weekendDays.has(weekdayOfDayNumber(day)) && !holidayDays.has(day);
}

/** @builtin workDaysBetween — work days after the start date up to the end date; negative (the start date still left out) when the end is earlier. */
export function workDaysBetween(value: Value, end: Value, weekends: Value = null, holidays: Value = null): Value {
  checkArguments(PARAMETERS.workdaysbetween, value, end, weekends, holidays);
  const start = localDayNumber(dateOf(value, 'workDaysBetween'));
  const last = localDayNumber(dateOf(end, 'workDaysBetween', 'end date-time value'));
  return BigInt(workDaysCounted(start, last, workingDayTest(weekends, holidays, 'workDaysBetween')));
}

/** @builtin workDaysList — the work days (dates without time) from the start date to the end date, both included; empty when the end is earlier. */
export function workDaysList(value: Value, end: Value, weekends: Value = null, holidays: Value = null): Value {
  checkArguments(PARAMETERS.workdayslist, value, end, weekends, holidays);
  const date = dateOf(value, 'workDaysList');
  const last = localDayNumber(dateOf(end, 'workDaysList', 'end date-time value'));
  const days = workDaysFrom(localDayNumber(date), last, workingDayTest(weekends, holidays, 'workDaysList'));
  return days.map((n) => atLocal(date, dateOfDayNumber(n), true));
}

/** @builtin yearFraction — the time between two date-times in days, divided by 365 (a DECIMAL). */
export function yearFraction(value: Value, end: Value): Value {
  checkArguments(PARAMETERS.yearfraction, value, end);
  const from = dateOf(value, 'yearFraction');
  return (dateOf(end, 'yearFraction', 'end date-time value').epochMs - from.epochMs) / 86_400_000 / 365;
}

/** A weekday's name as 1 = Sunday … 7 = Saturday. */
export function weekdayNumber(name: Value, fn: string): number {
  const text = typeof name === 'string' ? name.trim().toLowerCase() : '';
  const index = WEEKDAY_NAMES.findIndex((day) => day.toLowerCase() === text || day.slice(0, 3).toLowerCase() === text);
  return index < 0 ? fail('DLG4018', `${fn}: "${textForm(name)}" is not a day of the week (Sunday … Saturday)`) : index + 1;
}

/** @builtin nextWeekDay — the next date (strictly after, without time) on the named day of the week. */
export function nextWeekDay(value: Value, day: Value): Value {
  checkArguments(PARAMETERS.nextweekday, value, day);
  const date = dateOf(value, 'nextWeekDay');
  const n = localDayNumber(date);
  return atLocal(date, dateOfDayNumber(n + ((weekdayNumber(day, 'nextWeekDay') - weekdayOfDayNumber(n) + 7) % 7 || 7)), true);
}

/** @builtin previousWeekDay — the previous date (strictly before, without time) on the named day of the week. */
export function previousWeekDay(value: Value, day: Value): Value {
  checkArguments(PARAMETERS.previousweekday, value, day);
  const date = dateOf(value, 'previousWeekDay');
  const n = localDayNumber(date);
  return atLocal(date, dateOfDayNumber(n - ((weekdayOfDayNumber(n) - weekdayNumber(day, 'previousWeekDay') + 7) % 7 || 7)), true);
}

/** @builtin isDate — true for a date-time or text holding one; null for lists and maps. */
export function isDate(value: Value): Value {
  if (value instanceof DateTime) return true;
  if (typeof value === 'string') return parseDateTimeText(value, TIME_ZONE, NOW_MS) !== undefined;
  return Array.isArray(value) || value instanceof Map ? null : false;
}

/** @builtin unixEpoch — milliseconds since 1970 of a date-time text (in a zone); other text is returned as is. */
export function unixEpoch(value: Value, zone: Value = null): Value {
  checkArguments(PARAMETERS.unixepoch, value, zone);
  const text = typeof value === 'string' ? value : cannotApply('unixEpoch', value);
  const read = parseDateTimeText(text, zone === null ? TIME_ZONE : resolveZone(textForm(zone)), NOW_MS);
  return read ? BigInt(read.epochMs) : text;
}

/** @builtin toDateTimeString — epoch milliseconds (or a date-time) as text in a pattern. */
export function toDateTimeString(value: Value, pattern: Value, zone: Value = null): Value {
  checkArguments(PARAMETERS.todatetimestring, value, pattern, zone);
  const date = typeof value === 'bigint' ? checkedDateTime(Number(value), TIME_ZONE) : dateOf(value, 'toDateTimeString');
  return formatDate(date, pattern, zone);
}
