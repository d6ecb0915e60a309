/**
 * Date-times (src/runtime/datetime.ts): Zoho's default display `dd-MMM-yyyy HH:mm:ss`, Java `SimpleDateFormat`
 * patterns both ways, and the literal formats Zoho accepts; the calendar and zones are the runtime's own
 * (src/runtime/calendar.ts).
 */
import { NOW_MS, TIME_ZONE } from './config.js';
import { DateTime, fail } from './values.js';
import {
  dateOfDayNumber,
  dayNumber,
  dayOfYear,
  daysInMonth,
  fieldsOf,
  instantOf,
  type LocalFields,
  MONTH_NAMES,
  offsetText,
  pad,
  utcMs,
  WEEKDAY_NAMES,
  weekdayOfDayNumber,
  weekOfMonth,
  weekOfYear,
  zoneName,
  zoneOffsetMs,
} from '../../../runtime/calendar.js';

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
  const epochMs = instantOf(fields, value.zone);
  if (!Number.isFinite(epochMs) || Math.abs(epochMs) > 8.64e15) fail('DLG4015', 'The date is out of the supported range');
  return new DateTime(epochMs, value.zone, dateOnly);
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

export type PatternToken = { readonly letter: string; readonly count: number } | { readonly text: string };

/** The tokens of a Java SimpleDateFormat pattern, or why it is not one. */
export function compilePattern(pattern: string): PatternToken[] | string {
  const tokens: PatternToken[] = [];
  let literal = '';
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i]!;
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        literal += "'";
        i += 2;
        continue;
      }
      let end = i + 1;
      while (end < pattern.length && !(pattern[end] === "'" && pattern[end + 1] !== "'")) end += pattern[end] === "'" ? 2 : 1;
      if (end >= pattern.length) return 'it has an unterminated quote';
      literal += pattern.slice(i + 1, end).replaceAll("''", "'");
      i = end + 1;
    } else if (/[A-Za-z]/.test(c)) {
      if (!'GyYMLwWDdFEuaHkKhmsSzZX'.includes(c)) return `it has the unknown pattern letter '${c}'`;
      let count = 1;
      while (pattern[i + count] === c) count++;
      if (literal) tokens.push({ text: literal });
      literal = '';
      tokens.push({ letter: c, count });
      i += count;
    } else {
      literal += c;
      i++;
    }
  }
  if (literal) tokens.push({ text: literal });
  return tokens;
}

/** A date-time shown with a SimpleDateFormat pattern, in `zone` (default: the value's own). */
export function formatPattern(value: DateTime, pattern: string, zone: string = value.zone): string {
  const tokens = compilePattern(pattern);
  if (typeof tokens === 'string') return fail('DLG4015', `toString: "${pattern}" is not a date-time pattern: ${tokens}`);
  const f = fieldsOf(value.epochMs, zone);
  const yearOfEra = f.year > 0 ? f.year : 1 - f.year;
  const offset = (): number => zoneOffsetMs(value.epochMs, zone);
  let out = '';
  for (const t of tokens) {
    if ('text' in t) {
      out += t.text;
      continue;
    }
    const n = t.count;
    switch (t.letter) {
      case 'G': out += f.year > 0 ? 'AD' : 'BC'; break;
      case 'y': out += n === 2 ? pad(yearOfEra % 100) : pad(yearOfEra, n); break;
      case 'Y': { const weekYear = weekOfYear(f).weekYear; out += n === 2 ? pad(weekYear % 100) : pad(weekYear, n); break; }
      case 'M': case 'L': out += n >= 4 ? MONTH_NAMES[f.month - 1]! : n === 3 ? MONTH_NAMES[f.month - 1]!.slice(0, 3) : pad(f.month, n); break;
      case 'd': out += pad(f.day, n); break;
      case 'w': out += pad(weekOfYear(f).week, n); break;
      case 'W': out += pad(weekOfMonth(f), n); break;
      case 'D': out += pad(dayOfYear(f), n); break;
      case 'F': out += pad(Math.floor((f.day - 1) / 7) + 1, n); break;
      case 'E': out += n >= 4 ? WEEKDAY_NAMES[f.weekday - 1]! : WEEKDAY_NAMES[f.weekday - 1]!.slice(0, 3); break;
      case 'u': out += pad(f.weekday === 1 ? 7 : f.weekday - 1, n); break;
      case 'a': out += f.hour < 12 ? 'AM' : 'PM'; break;
      case 'H': out += pad(f.hour, n); break;
      case 'k': out += pad(f.hour === 0 ? 24 : f.hour, n); break;
      case 'K': out += pad(f.hour % 12, n); break;
      case 'h': out += pad(f.hour % 12 === 0 ? 12 : f.hour % 12, n); break;
      case 'm': out += pad(f.minute, n); break;
      case 's': out += pad(f.second, n); break;
      case 'S': out += pad(f.millisecond, n); break;
      case 'z': out += zoneName(value.epochMs, zone, n >= 4); break;
      case 'Z': out += offsetText(offset(), ''); break;
      case 'X': out += offset() === 0 ? 'Z' : n === 1 ? offsetText(offset(), '').slice(0, 3) : offsetText(offset(), n === 3 ? ':' : ''); break;
      default: return fail('DLG4015', `toString: the pattern letter '${t.letter}' is not supported here`);
    }
  }
  return out;
}

/** The date formats Zoho accepts in literals and `toDate()`, in the order of its page. */
export const LITERAL_DATE_FORMATS = ['dd-MMM-yy', 'dd-MMM-yyyy', 'dd-MMMM-yy', 'dd-MMMM-yyyy', 'MM-dd-yy', 'yy-MM-dd', 'dd-MM-yy', 'dd-MM-yyyy', 'MM-dd-yyyy', 'yyyy-MM-dd', 'yy/MM/dd', 'dd/MM/yy', 'MM/dd/yy', 'yyyy/MM/dd', 'MM/dd/yyyy', 'dd/MM/yyyy', 'dd MMM,yy', 'MMM dd,yy', 'dd MMM,yyyy', 'MMM dd,yyyy', 'dd MMMM,yy', 'MMMM dd,yy', 'dd MMMM,yyyy', 'MMMM dd,yyyy', 'E,MMMM dd,yyyy', 'E,MMM dd,yyyy', 'MMM dd yy', 'dd MMM yy', 'MMM dd yyyy', 'dd MMM yyyy', 'MMMM dd yy', 'dd MMMM yy', 'dd MMMM yyyy', 'MMMM dd yyyy', 'dd.MM.yy', 'MM.dd.yy', 'yy.MM.dd', 'dd MM yyyy', 'dd.MM.yyyy', 'MM.dd.yyyy', 'yyyy.MM.dd'];

interface ParsedFields {
  year?: number;
  month?: number;
  day?: number;
  weekday?: number;
  hour?: number;
  hour12?: number;
  pm?: boolean;
  minute?: number;
  second?: number;
  millisecond?: number;
  offsetMs?: number;
  twoDigitYear?: boolean;
}

/**
 * Reads text with a SimpleDateFormat pattern, not leniently (31 February fails), in `zone` unless the text names
 * its offset; a two-digit year lands within 80 years before and 20 after now. Undefined when it does not match.
 */
export function parseWithPattern(text: string, pattern: string, zone: string, nowMs: number, literal = false): { epochMs: number; end: number } | undefined {
  const read = readWithPattern(text, pattern, zone, nowMs, literal);
  return typeof read === 'string' ? undefined : read;
}

/**
 * Why text is not a date-time, as deluge run tells them apart: it does not have the shape (`syntax`), a part of a
 * literal is too long (`malformed`: a year of 5 digits, an hour of 3), or it has impossible values (`range`: 31 Feb).
 */
export type DateTextFailure = 'syntax' | 'malformed' | 'range';

/** As parseWithPattern, with why it did not match. */
export function readWithPattern(text: string, pattern: string, zone: string, nowMs: number, literal = false): { epochMs: number; end: number } | DateTextFailure {
  const tokens = compilePattern(pattern);
  if (typeof tokens === 'string') return fail('DLG4015', `"${pattern}" is not a date-time pattern: ${tokens}`);
  const f: ParsedFields = {};
  let pos = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if ('text' in t) {
      if (!text.startsWith(t.text, pos)) return 'syntax';
      pos += t.text.length;
      continue;
    }
    while (text[pos] === ' ' || text[pos] === '\t') pos++;
    const next = tokens[i + 1];
    const numeric = (token: PatternToken | undefined): boolean => token !== undefined && 'letter' in token && ('yYwWDdFuHkKhmsS'.includes(token.letter) || ('ML'.includes(token.letter) && token.count <= 2));
    if (numeric(t)) {
      const limit = numeric(next) ? pos + t.count : text.length;
      let end = pos;
      while (end < limit && end < text.length && /\d/.test(text[end]!)) end++;
      if (end === pos) return 'syntax';
      // A literal's year has at most 4 digits, its other numbers 2 (zoho.com/deluge/help/functions/datetime/daysbetween.html).
      if (literal && end - pos > (t.letter === 'y' ? 4 : 2)) return 'malformed';
      const n = Number(text.slice(pos, end));
      const twoDigits = end - pos === 2;
      pos = end;
      switch (t.letter) {
        case 'y': case 'Y': {
          f.twoDigitYear = t.count <= 2 && twoDigits;
          const startYear = new Date(nowMs).getUTCFullYear() - 80;
          const century = Math.floor(startYear / 100) * 100 + n;
          f.year = f.twoDigitYear ? (century < startYear ? century + 100 : century) : n;
          break;
        }
        case 'M': case 'L': f.month = n; break;
        case 'd': f.day = n; break;
        case 'H': case 'k': f.hour = t.letter === 'k' ? n % 24 : n; break;
        case 'h': case 'K': f.hour12 = n % 12; break;
        case 'm': f.minute = n; break;
        case 's': f.second = n; break;
        case 'S': f.millisecond = n; break;
      }
      continue;
    }
    const rest = text.slice(pos).toLowerCase();
    const word = (words: readonly string[]): number => {
      let best = -1;
      words.forEach((w, index) => {
        if (rest.startsWith(w.toLowerCase()) && (best < 0 || w.length > words[best]!.length)) best = index;
      });
      if (best >= 0) pos += words[best]!.length;
      return best;
    };
    if (t.letter === 'M' || t.letter === 'L') {
      let m = word(MONTH_NAMES);
      if (m < 0) m = word(MONTH_NAMES.map((name) => name.slice(0, 3)));
      if (m < 0) return 'syntax';
      f.month = m + 1;
    } else if (t.letter === 'E') {
      let d = word(WEEKDAY_NAMES);
      if (d < 0) d = word(WEEKDAY_NAMES.map((name) => name.slice(0, 3)));
      if (d < 0) return 'syntax';
      f.weekday = d + 1;
    } else if (t.letter === 'a') {
      const ampm = word(['AM', 'PM']);
      if (ampm < 0) return 'syntax';
      f.pm = ampm === 1;
    } else if ('zZX'.includes(t.letter)) {
      const m = /^(?:GMT|UTC)?([+-])(\d{2}):?(\d{2})?/i.exec(text.slice(pos));
      if (m) {
        f.offsetMs = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) * 60_000;
        pos += m[0].length;
      } else if (text[pos] === 'Z' || /^(GMT|UTC)/i.test(text.slice(pos))) {
        f.offsetMs = 0;
        pos += text[pos] === 'Z' ? 1 : 3;
      } else return 'syntax';
    } else return 'syntax';
  }
  const year = f.year ?? 1970;
  const month = f.month ?? 1;
  const day = f.day ?? 1;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return 'range';
  if (f.weekday !== undefined && weekdayOfDayNumber(dayNumber(year, month, day)) !== f.weekday) return 'range';
  const hour = f.hour ?? (f.hour12 ?? 0) + (f.pm ? 12 : 0);
  const minute = f.minute ?? 0;
  const second = f.second ?? 0;
  if (hour > 23 || minute > 59 || second > 59 || (f.millisecond ?? 0) > 999) return 'range';
  const fields = { year, month, day, hour, minute, second, millisecond: f.millisecond ?? 0 };
  const epochMs = f.offsetMs !== undefined ? utcMs(year, month, day, hour, minute, second, fields.millisecond) - f.offsetMs : instantOf(fields, zone);
  return { epochMs, end: pos };
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
export function readDateTimeText(text: string, zone: string, nowMs: number = NOW_MS): DateTime | DateTextFailure {
  const trimmed = text.trim();
  if (!/\d/.test(trimmed)) return 'syntax';
  const time = /\s+(\d+):(\d+)(?::(\d+))?(?:\s*([AaPp][Mm]))?$/.exec(trimmed);
  const datePart = time ? trimmed.slice(0, time.index) : trimmed;
  let failure: DateTextFailure = 'syntax';
  for (const format of LITERAL_DATE_FORMATS) {
    const read = readWithPattern(datePart, format, 'UTC', nowMs, true);
    if (typeof read === 'string') {
      if (read === 'malformed' || (read === 'range' && failure === 'syntax')) failure = read;
      continue;
    }
    if (read.end !== datePart.length) continue;
    const d = new Date(read.epochMs);
    const fields: LocalFields = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
    if (time) {
      const [, h, mi, s, meridiem] = time;
      if (h!.length > 2 || mi!.length > 2 || (s !== undefined && s.length > 2)) return 'malformed';
      let hour = Number(h);
      let minute = Number(mi);
      let second = Number(s ?? 0);
      if (meridiem) {
        if (hour < 1 || hour > 12) return 'range';
        hour = (hour % 12) + (meridiem.toUpperCase() === 'PM' ? 12 : 0);
      }
      if (hour >= 24) hour = minute = second = 0;
      if (minute >= 60) minute = second = 0;
      if (second >= 60) second = 0;
      Object.assign(fields, { hour, minute, second });
    }
    return new DateTime(instantOf(fields, zone), zone, time === null);
  }
  return failure;
}
