/**
 * The calendar and time-zone core of date-times, for `deluge run` and emitted TypeScript programs alike (the prelude
 * generator copies this file's declarations into programs: it imports nothing): calendar fields of an instant in a
 * zone (through Intl), the instant of local fields, zone names as Java's `TimeZone` takes them, day numbers.
 *
 * Instants are milliseconds since the epoch; a zone is an IANA name (`America/Los_Angeles`) or a fixed offset
 * written the way Java's `TimeZone` reads it (`GMT+05:30`). Dates use the proleptic Gregorian calendar.
 */

export interface CalendarFields {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  /** 1 = Sunday … 7 = Saturday (Zoho's `weekday` numbering). */
  readonly weekday: number;
}

export interface LocalFields {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  millisecond?: number;
}

const MS_PER_DAY = 86_400_000;

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

// ---------------------------------------------------------------------------------------------------------------
// Zones

/** `GMT+05:30`, `UTC-8`, `+0530`: Java's custom zone ids (plus a bare offset). */
const FIXED_OFFSET = /^(?:GMT|UTC)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;

export function fixedOffsetMs(zone: string): number | undefined {
  if (/^(?:GMT|UTC|Z)$/i.test(zone)) return 0;
  const m = FIXED_OFFSET.exec(zone);
  if (!m) return undefined;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  if (hours > 23 || minutes > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** True for a zone this runtime can show date-times in. */
export function isKnownZone(zone: string): boolean {
  if (fixedOffsetMs(zone) !== undefined) return true;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** Java's custom zone ids: `GMT+05:30`, `GMT-8`, `GMT+0530` (`GMT` in capitals: Java compares it as written). */
const CUSTOM_ZONE_ID = /^GMT[+-]\d{1,2}(?::?\d{2})?$/;

/** The canonical zone names by their lower case: `asia/kolkata` is no zone to Java, `Asia/Kolkata` is. */
let canonicalZones: Map<string, string> | undefined;

/**
 * The zone a script names, as Java's `TimeZone.getTimeZone` takes it: a zone id as written (`Asia/Kolkata`, its
 * aliases `Asia/Calcutta` and `IST`, `UTC`), a custom id (`GMT+5:30`) normalised to `GMT+05:30`; anything else —
 * `UTC+8`, `+05:30`, `asia/kolkata`, ` Asia/Kolkata` — is GMT (Zoho: "If an invalid timezone is provided, the timezone
 * is defaulted to GMT", with `unixEpoch("UTC+8")` giving GMT's answer, https://zoho.com/deluge/help/functions/datetime/unix-epoch.html).
 */
export function resolveZone(zone: string): string {
  if (zone === 'GMT' || zone === 'UTC') return zone;
  if (CUSTOM_ZONE_ID.test(zone)) {
    const offset = fixedOffsetMs(zone);
    return offset === undefined ? 'GMT' : `GMT${offsetText(offset, ':')}`;
  }
  if (fixedOffsetMs(zone) !== undefined || !isKnownZone(zone)) return 'GMT';
  // The engine takes names in any case, Java as written: a canonical name must be spelled as listed, an alias
  // (`US/Pacific`, `IST`: not listed) at least start each part with a capital.
  canonicalZones ??= new Map(Intl.supportedValuesOf('timeZone').map((name) => [name.toLowerCase(), name]));
  const canonical = canonicalZones.get(zone.toLowerCase());
  const spelled = canonical === undefined ? zone.split('/').every((part) => /^[A-Z0-9]/.test(part)) : canonical === zone;
  return spelled ? zone : 'GMT';
}

/** `+05:30` / `-0800` (with `separator` between hours and minutes). */
export function offsetText(offsetMs: number, separator: string): string {
  const total = Math.round(Math.abs(offsetMs) / 60_000);
  return `${offsetMs < 0 ? '-' : '+'}${pad(Math.floor(total / 60))}${separator}${pad(total % 60)}`;
}

/** Milliseconds since the epoch of a proleptic-Gregorian UTC date and time (years 0–99 included, unlike `Date.UTC`). */
export function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millisecond = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millisecond);
  return date.getTime();
}

/** The calendar fields of an instant in a zone. */
export function fieldsOf(epochMs: number, zone: string): CalendarFields {
  const fixed = fixedOffsetMs(zone);
  if (fixed !== undefined) {
    const d = new Date(epochMs + fixed);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      millisecond: d.getUTCMilliseconds(),
      weekday: d.getUTCDay() + 1,
    };
  }
  const parts: Record<string, string> = {};
  for (const p of formatterFor(zone).formatToParts(new Date(epochMs))) parts[p.type] = p.value;
  const yearOfEra = Number(parts.year);
  const year = parts.era === 'BC' || parts.era === 'B' ? 1 - yearOfEra : yearOfEra;
  const month = Number(parts.month);
  const day = Number(parts.day);
  return {
    year,
    month,
    day,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: ((epochMs % 1000) + 1000) % 1000,
    weekday: weekdayOfDayNumber(dayNumber(year, month, day)),
  };
}

/** The offset of `zone` from UTC at an instant, in milliseconds. */
export function zoneOffsetMs(epochMs: number, zone: string): number {
  const fixed = fixedOffsetMs(zone);
  if (fixed !== undefined) return fixed;
  const f = fieldsOf(epochMs, zone);
  return utcMs(f.year, f.month, f.day, f.hour, f.minute, f.second, f.millisecond) - epochMs;
}

/**
 * The instant of local calendar fields in a zone, as `java.time` resolves them: a repeated local time (the autumn
 * change) takes the earlier offset, a skipped one (the spring change) is read with the offset before the change,
 * which moves it forward by the gap (02:30 becomes 03:30).
 */
export function instantOf(fields: LocalFields, zone: string): number {
  const local = utcMs(fields.year, fields.month, fields.day, fields.hour ?? 0, fields.minute ?? 0, fields.second ?? 0, fields.millisecond ?? 0);
  const fixed = fixedOffsetMs(zone);
  if (fixed !== undefined || !Number.isFinite(local)) return local - (fixed ?? 0);
  const before = zoneOffsetMs(local - MS_PER_DAY, zone);
  const after = zoneOffsetMs(local + MS_PER_DAY, zone);
  const early = local - before;
  if (zoneOffsetMs(early, zone) === before) return early;
  const late = local - after;
  if (zoneOffsetMs(late, zone) === after) return late;
  return early;
}

/** Midnight that starts the local day of `epochMs` in `zone` (`today`, `zoho.currentdate`). */
export function startOfDay(epochMs: number, zone: string): number {
  const f = fieldsOf(epochMs, zone);
  return instantOf({ year: f.year, month: f.month, day: f.day }, zone);
}

/**
 * The zone's name as Java's `z` pattern shows it: `PST`, `IST`, `CET` (short) or `Pacific Standard Time` (long),
 * `GMT+05:30` where the zone has no name.
 */
export function zoneName(epochMs: number, zone: string, long: boolean): string {
  if (/^(?:GMT|UTC)$/i.test(zone)) return long ? (zone.toUpperCase() === 'UTC' ? 'Coordinated Universal Time' : 'Greenwich Mean Time') : zone.toUpperCase();
  const offset = `GMT${offsetText(zoneOffsetMs(epochMs, zone), ':')}`;
  if (fixedOffsetMs(zone) !== undefined) return offset;
  // English names: US English knows the American abbreviations, British the European ones, Indian `IST`.
  for (const locale of long ? ['en-US'] : ['en-US', 'en-GB', 'en-IN']) {
    const name = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: long ? 'long' : 'short' })
      .formatToParts(new Date(epochMs))
      .find((p) => p.type === 'timeZoneName')?.value;
    if (name && !/^GMT[+-]/.test(name)) return name;
  }
  return offset;
}

// ---------------------------------------------------------------------------------------------------------------
// Calendar arithmetic on local dates

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 1970-01-01 of a local date. */
export function dayNumber(year: number, month: number, day: number): number {
  return Math.round(utcMs(year, month, day) / MS_PER_DAY);
}

export function dateOfDayNumber(n: number): { year: number; month: number; day: number } {
  const d = new Date(n * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 1 = Sunday … 7 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(n: number): number {
  return ((((n + 4) % 7) + 7) % 7) + 1;
}

/** The day of the year of a local date, 1–366. */
export function dayOfYear(f: { year: number; month: number; day: number }): number {
  return dayNumber(f.year, f.month, f.day) - dayNumber(f.year, 1, 1) + 1;
}

/**
 * Java's `WEEK_OF_YEAR` with minimal days 1: week 1 holds 1 January; late-December days in the week of the next
 * 1 January belong to week 1 of the next year (`weekYear`). `firstDay` is 1 = Sunday … 7 = Saturday.
 */
export function weekOfYear(f: { year: number; month: number; day: number }, firstDay = 1): { week: number; weekYear: number } {
  const n = dayNumber(f.year, f.month, f.day);
  const weekStart = n - ((weekdayOfDayNumber(n) - firstDay + 7) % 7);
  const nextNewYear = dayNumber(f.year + 1, 1, 1);
  if (weekStart + 6 >= nextNewYear) return { week: 1, weekYear: f.year + 1 };
  const newYear = dayNumber(f.year, 1, 1);
  const firstWeekStart = newYear - ((weekdayOfDayNumber(newYear) - firstDay + 7) % 7);
  return { week: Math.floor((weekStart - firstWeekStart) / 7) + 1, weekYear: f.year };
}

/** Java's `WEEK_OF_MONTH` (weeks start on Sunday, week 1 holds the 1st). */
export function weekOfMonth(f: { year: number; month: number; day: number }): number {
  const first = dayNumber(f.year, f.month, 1);
  const offset = (weekdayOfDayNumber(first) - 1 + 7) % 7;
  return Math.floor((f.day - 1 + offset) / 7) + 1;
}

/**
 * `addBusinessHour`: the local date (day number) and time of day (ms) `hours` business hours after (before, when
 * negative) `day` at `time`, counting only the hours from `open` to `close` (ms of the day) of working days.
 */
export function businessHoursLater(day: number, time: number, hours: number, working: (day: number) => boolean, open: number, close: number): { day: number; time: number } {
  const forward = hours >= 0;
  let remaining = Math.round(Math.abs(hours) * 3_600_000);
  while (remaining > 0) {
    if (forward) {
      if (!working(day) || time >= close) {
        day++;
        time = open;
        continue;
      }
      time = Math.max(time, open);
      const step = Math.min(remaining, close - time);
      time += step;
      remaining -= step;
    } else {
      if (!working(day) || time <= open) {
        day--;
        time = close;
        continue;
      }
      time = Math.min(time, close);
      const step = Math.min(remaining, time - open);
      time -= step;
      remaining -= step;
    }
  }
  return { day, time };
}

/**
 * `workDaysBetween` and `workDaysList`: the working days from day `from` to day `to` (day numbers, both included;
 * none when `to` is before `from`).
 */
export function workDaysFrom(from: number, to: number, working: (day: number) => boolean): number[] {
  const days: number[] = [];
  for (let day = from; day <= to; day++) if (working(day)) days.push(day);
  return days;
}

/**
 * `workDaysBetween`: the working days after day `start` up to day `end`, "exclusive of the start date"
 * (https://www.zoho.com/deluge/help/functions/datetime/work-days-between.html). An earlier end date gives "a negative
 * value": which days it counts the page leaves open; we count, negated, those from the end date up to the day before
 * the start date, so the start date is left out either way.
 */
export function workDaysCounted(start: number, end: number, working: (day: number) => boolean): number {
  return end >= start ? workDaysFrom(start + 1, end, working).length : -workDaysFrom(end, start - 1, working).length;
}

/** `n` with at least `width` digits (a minus sign before them). */
export function pad(n: number, width = 2): string {
  return n < 0 ? '-' + String(-n).padStart(width, '0') : String(n).padStart(width, '0');
}
