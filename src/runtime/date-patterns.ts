/**
 * Java `SimpleDateFormat` patterns both ways and the literal formats Zoho accepts, on instants (epoch milliseconds)
 * and zones: `deluge run` (datetime.ts wraps them for DATE-TIME values) and emitted TypeScript programs share this
 * code (the prelude generator copies its declarations into programs: it imports only calendar.ts, also shared).
 */
import {
  dateOfDayNumber,
  dayNumber,
  dayOfYear,
  daysInMonth,
  fieldsOf,
  instantOf,
  isLeapYear,
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
} from './calendar.js';

/** A month's or weekday's short name (`Jan`, `Mon`). */
const shortName = (name: string): string => name.slice(0, 3);

export type PatternToken = { readonly kind: 'field'; readonly letter: string; readonly count: number } | { readonly kind: 'text'; readonly text: string };

const PATTERN_LETTERS = 'GyYMLwWDdFEuaHkKhmsSzZX';
/** Letters whose value is a number (when `M`/`L` are 1–2 letters long). */
const NUMERIC_LETTERS = 'yYwWDdFuHkKhmsS';
const compiledPatterns = new Map<string, PatternToken[] | string>();

/** The tokens of a pattern, or the reason it is not one (Java rejects unknown letters and unclosed quotes). */
export function compilePattern(pattern: string): PatternToken[] | string {
  const cached = compiledPatterns.get(pattern);
  if (cached !== undefined) return cached;
  const tokens: PatternToken[] = [];
  let error: string | undefined;
  let literal = '';
  let i = 0;
  while (i < pattern.length && error === undefined) {
    const c = pattern[i]!;
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        literal += "'";
        i += 2;
        continue;
      }
      const end = closingQuote(pattern, i + 1);
      if (end < 0) {
        error = 'it has an unterminated quote';
        break;
      }
      literal += pattern.slice(i + 1, end).replaceAll("''", "'");
      i = end + 1;
    } else if (/[A-Za-z]/.test(c)) {
      if (!PATTERN_LETTERS.includes(c)) {
        error = `it has the unknown pattern letter '${c}'`;
        break;
      }
      let count = 1;
      while (pattern[i + count] === c) count++;
      if (c === 'X' && count > 3) {
        error = 'X may be repeated at most 3 times';
        break;
      }
      if (literal) tokens.push({ kind: 'text', text: literal });
      literal = '';
      tokens.push({ kind: 'field', letter: c, count });
      i += count;
    } else {
      literal += c;
      i++;
    }
  }
  if (literal) tokens.push({ kind: 'text', text: literal });
  const result = error ?? tokens;
  compiledPatterns.set(pattern, result);
  return result;
}

/** The index of the quote closing a quoted run starting at `from` (a doubled quote is an escaped one). */
function closingQuote(pattern: string, from: number): number {
  for (let i = from; i < pattern.length; i++) {
    if (pattern[i] !== "'") continue;
    if (pattern[i + 1] === "'") i++;
    else return i;
  }
  return -1;
}

/**
 * The instant shown in `zone` with a pattern's tokens ({@link compilePattern}). Letters: G y Y M L w W D d F E u a H
 * k K h m s S z Z X; text in single quotes is copied, `''` is a quote.
 */
export function formatInstant(epochMs: number, zone: string, tokens: readonly PatternToken[]): string {
  const f = fieldsOf(epochMs, zone);
  const yearOfEra = f.year > 0 ? f.year : 1 - f.year;
  let out = '';
  for (const t of tokens) {
    if (t.kind === 'text') {
      out += t.text;
      continue;
    }
    const n = t.count;
    switch (t.letter) {
      case 'G': out += f.year > 0 ? 'AD' : 'BC'; break;
      case 'y': out += n === 2 ? pad(yearOfEra % 100) : pad(yearOfEra, n); break;
      case 'Y': { const weekYear = weekOfYear(f).weekYear; out += n === 2 ? pad(weekYear % 100) : pad(weekYear, n); break; }
      case 'M': case 'L': { const name = MONTH_NAMES[f.month - 1]!; out += n >= 4 ? name : n === 3 ? shortName(name) : pad(f.month, n); break; }
      case 'w': out += pad(weekOfYear(f).week, n); break;
      case 'W': out += pad(weekOfMonth(f), n); break;
      case 'D': out += pad(dayOfYear(f), n); break;
      case 'd': out += pad(f.day, n); break;
      case 'F': out += pad(Math.floor((f.day - 1) / 7) + 1, n); break;
      case 'E': { const name = WEEKDAY_NAMES[f.weekday - 1]!; out += n >= 4 ? name : shortName(name); break; }
      case 'u': out += pad(f.weekday === 1 ? 7 : f.weekday - 1, n); break;
      case 'a': out += f.hour < 12 ? 'AM' : 'PM'; break;
      case 'H': out += pad(f.hour, n); break;
      case 'k': out += pad(f.hour === 0 ? 24 : f.hour, n); break;
      case 'K': out += pad(f.hour % 12, n); break;
      case 'h': out += pad(f.hour % 12 === 0 ? 12 : f.hour % 12, n); break;
      case 'm': out += pad(f.minute, n); break;
      case 's': out += pad(f.second, n); break;
      case 'S': out += pad(f.millisecond, n); break;
      case 'z': out += zoneName(epochMs, zone, n >= 4); break;
      case 'Z': out += offsetText(zoneOffsetMs(epochMs, zone), ''); break;
      case 'X': {
        const offset = zoneOffsetMs(epochMs, zone);
        out += offset === 0 ? 'Z' : n === 1 ? offsetText(offset, '').slice(0, 3) : offsetText(offset, n === 3 ? ':' : '');
        break;
      }
    }
  }
  return out;
}

/** Why a parse failed: the text does not have the pattern's shape, or it has it with impossible values (31 Feb). */
export type ParseFailure = 'syntax' | 'range';

/**
 * Why text read as a date-time without a pattern failed: a {@link ParseFailure}, or `'malformed'` when a part is too
 * long (a day, month, hour, minute or second of more than 2 digits, a year of more than 4), which Zoho's pages treat
 * apart: https://www.zoho.com/deluge/help/functions/datetime/getweekofyear.html returns null for it, while
 * https://www.zoho.com/deluge/help/functions/datetime/daysbetween.html calls a 5-digit year a runtime error.
 */
export type LiteralFailure = ParseFailure | 'malformed';

interface ParsedFields {
  era?: number;
  year?: number;
  month?: number;
  day?: number;
  dayOfYear?: number;
  weekday?: number;
  hour24?: number;
  hour1to24?: number;
  hour12?: number;
  hour0to11?: number;
  pm?: boolean;
  minute?: number;
  second?: number;
  millisecond?: number;
  offsetMs?: number;
  /** The year came from two digits: Java moves it a century on when the date falls before its window. */
  twoDigitYear?: boolean;
  hasTime: boolean;
}

export interface ParseResult {
  readonly epochMs: number;
  /** Where parsing stopped: Java ignores what follows the pattern. */
  readonly end: number;
  /** The text gave an hour, minute, second or AM/PM. */
  readonly hasTime: boolean;
}

/** Well-known zone abbreviations a `z` field may read (Java knows more; offsets are always read). */
const ZONE_ABBREVIATIONS: Readonly<Record<string, number>> = {
  UTC: 0, GMT: 0, UT: 0, Z: 0, EST: -5, EDT: -4, CST: -6, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7, AKST: -9, AKDT: -8,
  HST: -10, IST: 5.5, BST: 1, CET: 1, CEST: 2, EET: 2, EEST: 3, WET: 0, WEST: 1, JST: 9, AEST: 10, AEDT: 11, SGT: 8,
};

/**
 * Reads `text` with a pattern's tokens, not leniently (a 31 February fails), in `zone` unless the text names its
 * offset. As Java does, spaces before a field are skipped, a field abutting another numeric field takes exactly its
 * letter count of digits, a two-digit `yy` year lands within 80 years before and 20 after `now`, fields the pattern
 * lacks default to 1970-01-01 00:00:00, and text after the pattern is ignored (`end` says where it stopped).
 * `literal` limits numeric fields to Zoho's literal lengths (year 4 digits, others 2).
 */
export function parseTokens(text: string, tokens: readonly PatternToken[], zone: string, now: number, literal: boolean): ParseResult | LiteralFailure {
  const fields: ParsedFields = { hasTime: false };
  let pos = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'text') {
      if (!text.startsWith(t.text, pos)) return 'syntax';
      pos += t.text.length;
      continue;
    }
    while (text[pos] === ' ' || text[pos] === '\t') pos++;
    const next = tokens[i + 1];
    const abutting = next !== undefined && next.kind === 'field' && isNumericField(next);
    const read = readField(text, pos, t, abutting, fields, now);
    if (read === undefined) return 'syntax';
    if (literal && isNumericField(t) && read - pos > (t.letter === 'y' ? 4 : 2)) return 'malformed';
    pos = read;
  }
  if (!literal && !fields.hasTime) pos = readTrailingTime(text, pos, fields);
  let epochMs = resolveFields(fields, zone);
  // In the window's first year a date before the window's start day belongs a century later.
  if (typeof epochMs === 'number' && fields.twoDigitYear && epochMs < centuryStart(now)) {
    epochMs = resolveFields({ ...fields, year: fields.year! + 100 }, zone);
  }
  return typeof epochMs === 'string' ? epochMs : { epochMs, end: pos, hasTime: fields.hasTime };
}

/** A time of day after a date read with a pattern that has no time fields: `13:30`, `13:30:00`, `1:30 PM`. */
const TRAILING_TIME = /^[ \t]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[ \t]*([AaPp][Mm])(?![A-Za-z]))?/;

/**
 * Zoho reads the time that follows a date the pattern does not cover (the toDateTime page: `"01-11-2019 13:30:00"`
 * with `"MM-d-yy"` is `'11-Jan-2019 13:30:00'`), where Java's parser would stop at the date; other text after the
 * pattern is still ignored. Returns where the reading ends.
 */
function readTrailingTime(text: string, pos: number, fields: ParsedFields): number {
  const match = TRAILING_TIME.exec(text.slice(pos));
  if (!match) return pos;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  const second = match[3] === undefined ? 0 : Number(match[3]);
  const meridiem = match[4]?.toUpperCase();
  if (minute > 59 || second > 59 || (meridiem === undefined ? hour > 23 : hour < 1 || hour > 12)) return pos;
  if (meridiem === undefined) fields.hour24 = hour;
  else {
    fields.hour12 = hour;
    fields.pm = meridiem === 'PM';
  }
  fields.minute = minute;
  fields.second = second;
  fields.hasTime = true;
  return pos + match[0].length;
}

function isNumericField(t: { letter: string; count: number }): boolean {
  return NUMERIC_LETTERS.includes(t.letter) || ((t.letter === 'M' || t.letter === 'L') && t.count <= 2);
}

/** Reads one field at `pos` into `fields`; returns the position after it, or undefined when it is not there. */
function readField(text: string, pos: number, t: { letter: string; count: number }, abutting: boolean, fields: ParsedFields, now: number): number | undefined {
  if (isNumericField(t)) {
    let end = pos;
    const limit = abutting ? pos + t.count : text.length;
    while (end < limit && end < text.length && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
    if (end === pos) return undefined;
    const value = Number(text.slice(pos, end));
    storeNumber(fields, t, value, end - pos, now);
    return end;
  }
  switch (t.letter) {
    case 'M':
    case 'L': {
      const match = matchName(text, pos, MONTH_NAMES);
      if (!match) return undefined;
      fields.month = match.index + 1;
      return match.end;
    }
    case 'E': {
      const match = matchName(text, pos, WEEKDAY_NAMES);
      if (!match) return undefined;
      fields.weekday = match.index + 1;
      return match.end;
    }
    case 'a': {
      const match = matchWord(text, pos, ['AM', 'PM']);
      if (!match) return undefined;
      fields.pm = match.index === 1;
      fields.hasTime = true;
      return match.end;
    }
    case 'G': {
      const match = matchWord(text, pos, ['AD', 'BC']);
      if (!match) return undefined;
      fields.era = match.index;
      return match.end;
    }
    default: {
      // z, Z, X: an offset or a zone abbreviation.
      const zone = readZone(text, pos, t.letter === 'X');
      if (!zone) return undefined;
      fields.offsetMs = zone.offsetMs;
      return zone.end;
    }
  }
}

function storeNumber(fields: ParsedFields, t: { letter: string; count: number }, value: number, digits: number, now: number): void {
  switch (t.letter) {
    case 'y': case 'Y':
      fields.twoDigitYear = t.count <= 2 && digits === 2;
      fields.year = fields.twoDigitYear ? twoDigitYear(value, now) : value;
      return;
    case 'M': case 'L': fields.month = value; return;
    case 'd': fields.day = value; return;
    case 'D': fields.dayOfYear = value; return;
    case 'H': fields.hour24 = value; break;
    case 'k': fields.hour1to24 = value; break;
    case 'h': fields.hour12 = value; break;
    case 'K': fields.hour0to11 = value; break;
    case 'm': fields.minute = value; break;
    case 's': fields.second = value; break;
    case 'S': fields.millisecond = value; break;
    // w, W, F, u: read and ignored (Java resolves them only without a day of month).
    default: return;
  }
  fields.hasTime = true;
}

/** Java's two-digit-year rule: the year within 80 years before and 20 years after `now`. */
function twoDigitYear(value: number, now: number): number {
  const startYear = new Date(now).getUTCFullYear() - 80;
  const year = Math.floor(startYear / 100) * 100 + value;
  return year < startYear ? year + 100 : year;
}

/** The start of the two-digit-year window: `now` 80 years back. */
function centuryStart(now: number): number {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - 80);
  return d.getTime();
}

function matchName(text: string, pos: number, names: readonly string[]): { index: number; end: number } | undefined {
  return matchWord(text, pos, names) ?? matchWord(text, pos, names.map(shortName));
}

function matchWord(text: string, pos: number, words: readonly string[]): { index: number; end: number } | undefined {
  const rest = text.slice(pos).toLowerCase();
  let best: { index: number; end: number } | undefined;
  words.forEach((word, index) => {
    if (rest.startsWith(word.toLowerCase()) && (!best || pos + word.length > best.end)) best = { index, end: pos + word.length };
  });
  return best;
}

function readZone(text: string, pos: number, isoZ: boolean): { offsetMs: number; end: number } | undefined {
  const rest = text.slice(pos);
  const offset = /^(?:GMT|UTC)?([+-])(\d{2}):?(\d{2})?/.exec(rest) ?? /^(?:GMT|UTC)([+-])(\d{1,2})(?::(\d{2}))?/.exec(rest);
  if (offset) {
    const ms = (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3] ?? 0)) * 60_000;
    return { offsetMs: ms, end: pos + offset[0].length };
  }
  if (isoZ) return rest.startsWith('Z') ? { offsetMs: 0, end: pos + 1 } : undefined;
  const word = /^[A-Za-z]+/.exec(rest)?.[0];
  const hours = word === undefined ? undefined : ZONE_ABBREVIATIONS[word.toUpperCase()];
  return hours === undefined ? undefined : { offsetMs: hours * 3_600_000, end: pos + word!.length };
}

/** Checks the fields as a non-lenient Java calendar would and gives the instant. */
function resolveFields(p: ParsedFields, zone: string): number | ParseFailure {
  let year = p.year ?? 1970;
  if (year < 1) return 'range';
  if (p.era === 1) year = 1 - year;
  let month = p.month ?? 1;
  let day = p.day ?? 1;
  if (p.dayOfYear !== undefined && p.month === undefined && p.day === undefined) {
    if (p.dayOfYear < 1 || p.dayOfYear > (isLeapYear(year) ? 366 : 365)) return 'range';
    ({ month, day } = dateOfDayNumber(dayNumber(year, 1, 1) + p.dayOfYear - 1));
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return 'range';
  if (p.weekday !== undefined && weekdayOfDayNumber(dayNumber(year, month, day)) !== p.weekday) return 'range';
  const hour = resolveHour(p);
  if (hour === undefined) return 'range';
  const minute = p.minute ?? 0;
  const second = p.second ?? 0;
  const millisecond = p.millisecond ?? 0;
  if (minute > 59 || second > 59 || millisecond > 999) return 'range';
  const fields = { year, month, day, hour, minute, second, millisecond };
  if (p.offsetMs !== undefined) return utcMs(year, month, day, hour, minute, second, millisecond) - p.offsetMs;
  return instantOf(fields, zone);
}

function resolveHour(p: ParsedFields): number | undefined {
  const afternoon = p.pm ? 12 : 0;
  if (p.hour24 !== undefined) return p.hour24 <= 23 ? p.hour24 : undefined;
  if (p.hour1to24 !== undefined) return p.hour1to24 >= 1 && p.hour1to24 <= 24 ? p.hour1to24 % 24 : undefined;
  if (p.hour12 !== undefined) return p.hour12 >= 1 && p.hour12 <= 12 ? (p.hour12 % 12) + afternoon : undefined;
  if (p.hour0to11 !== undefined) return p.hour0to11 <= 11 ? p.hour0to11 + afternoon : undefined;
  return afternoon;
}

/** The date formats Zoho accepts, in the order of its page (https://zoho.com/deluge/help/datatypes/date-time.html). */
export const LITERAL_DATE_FORMATS: readonly string[] = [
  'dd-MMM-yy', 'dd-MMM-yyyy', 'dd-MMMM-yy', 'dd-MMMM-yyyy', 'MM-dd-yy', 'yy-MM-dd', 'dd-MM-yy', 'dd-MM-yyyy',
  'MM-dd-yyyy', 'yyyy-MM-dd', 'yy/MM/dd', 'dd/MM/yy', 'MM/dd/yy', 'yyyy/MM/dd', 'MM/dd/yyyy', 'dd/MM/yyyy',
  'dd MMM,yy', 'MMM dd,yy', 'dd MMM,yyyy', 'MMM dd,yyyy', 'dd MMMM,yy', 'MMMM dd,yy', 'dd MMMM,yyyy',
  'MMMM dd,yyyy', 'E,MMMM dd,yyyy', 'E,MMM dd,yyyy', 'MMM dd yy', 'dd MMM yy', 'MMM dd yyyy', 'dd MMM yyyy',
  'MMMM dd yy', 'dd MMMM yy', 'dd MMMM yyyy', 'MMMM dd yyyy', 'dd.MM.yy', 'MM.dd.yy', 'yy.MM.dd', 'dd MM yyyy',
  'dd.MM.yyyy', 'MM.dd.yyyy', 'yyyy.MM.dd',
];

/** A time after the date: `19:00:00`, `7:00 PM`; each part is read in full so that over-long parts can be refused. */
const TIME_SUFFIX = /\s+(\d+):(\d+)(?::(\d+))?(?:\s*([AaPp][Mm]))?$/;

/**
 * Text read as a date-time without a pattern (single-quoted literals, `toDate()`, `toTime()`, date-time functions
 * given text): one of Zoho's date formats, tried in the order of its page, optionally followed by a time. A value
 * that has a format's shape but impossible parts (31 February, a 3-digit hour) is `'range'`; text that has no date
 * shape at all is `'syntax'`. Zoho's time rules: an hour of 24 or more resets the time to 00:00:00, minutes of 60
 * or more reset minutes and seconds, seconds of 60 or more reset the seconds
 * (https://www.zoho.com/deluge/help/functions/datetime/addday.html). `dateOnly`: the text had no time.
 */
export function readLiteralInstant(text: string, zone: string, now: number): { epochMs: number; dateOnly: boolean } | LiteralFailure {
  const trimmed = text.trim();
  if (!/\d/.test(trimmed)) return 'syntax';
  const time = TIME_SUFFIX.exec(trimmed);
  const datePart = time ? trimmed.slice(0, time.index) : trimmed;
  let failure: LiteralFailure = 'syntax';
  let date: number | undefined;
  for (const format of LITERAL_DATE_FORMATS) {
    const result = parseTokens(datePart, compilePattern(format) as PatternToken[], 'UTC', now, true);
    if (typeof result === 'string') {
      if (result === 'malformed' || (result === 'range' && failure === 'syntax')) failure = result;
      continue;
    }
    if (result.end !== datePart.length) continue;
    date = result.epochMs;
    break;
  }
  if (date === undefined) return failure;
  const d = new Date(date);
  const fields: LocalFields = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  if (time) {
    const clock = readClock(time);
    if (typeof clock === 'string') return clock;
    Object.assign(fields, clock);
  }
  return { epochMs: instantOf(fields, zone), dateOnly: time === null };
}

function readClock(m: RegExpExecArray): { hour: number; minute: number; second: number } | 'malformed' | 'range' {
  const [, h, mi, s, meridiem] = m;
  if (h!.length > 2 || mi!.length > 2 || (s !== undefined && s.length > 2)) return 'malformed';
  let hour = Number(h);
  let minute = Number(mi);
  let second = Number(s ?? 0);
  if (meridiem) {
    if (hour < 1 || hour > 12) return 'range';
    hour = (hour % 12) + (meridiem.toUpperCase() === 'PM' ? 12 : 0);
  }
  if (hour >= 24) return { hour: 0, minute: 0, second: 0 };
  if (minute >= 60) minute = second = 0;
  if (second >= 60) second = 0;
  return { hour, minute, second };
}