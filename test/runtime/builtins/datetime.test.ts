import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { BUILTINS } from '../../../src/runtime/builtins/index.js';
import { checkArguments } from '../../../src/runtime/builtins/registry.js';
import { fieldsOf, instantOf, resolveZone, startOfDay, weekOfYear, zoneName, zoneOffsetMs } from '../../../src/runtime/calendar.js';
import {
  formatDateTime,
  formatPattern,
  parseDateTimeText,
  parseWithPattern,
  patternProblem,
  readDateTimeText,
} from '../../../src/runtime/datetime.js';
import { DelugeError } from '../../../src/runtime/errors.js';
import { textForm } from '../../../src/runtime/text-form.js';
import { DateTimeValue, ListValue, MapValue, type Value } from '../../../src/runtime/values.js';
import { TEST_CONTEXT } from '../../helpers/builtins.js';

const NOW = Date.parse('2020-12-09T17:25:24-08:00');
const LA = 'America/Los_Angeles';
const ctx = { ...TEST_CONTEXT, now: () => NOW, timeZone: LA };

function call(name: string, receiver: Value, ...args: Value[]): Value {
  const spec = BUILTINS.method(name, receiver);
  if (!spec) throw new Error(`no method ${name} for ${textForm(receiver)}`);
  checkArguments(spec, name, args);
  return spec.impl(ctx, receiver, args);
}

function date(text: string, zone = LA): DateTimeValue {
  const value = parseDateTimeText(text, zone, NOW);
  if (!value) throw new Error(`not a date: ${text}`);
  return value;
}

const shown = (value: Value): string => textForm(value);

function errorCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof DelugeError) return error.code;
    throw error;
  }
  return undefined;
}

const ZONES = [LA, 'America/New_York', 'Asia/Kolkata', 'Europe/London', 'Australia/Sydney', 'Asia/Kathmandu', 'America/St_Johns', 'UTC', 'GMT+05:30'];
/** Instants from 1950 to 2100: every zone above has whole-minute offsets in that span. */
const instants = fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2100, 0, 1) });

describe('zones and calendar fields', () => {
  test('fields of an instant in a zone', () => {
    expect(fieldsOf(NOW, LA)).toMatchObject({ year: 2020, month: 12, day: 9, hour: 17, minute: 25, second: 24, weekday: 4 });
    expect(fieldsOf(NOW, 'Asia/Kolkata')).toMatchObject({ day: 10, hour: 6, minute: 55 });
    expect(fieldsOf(NOW, 'GMT+05:30')).toMatchObject({ day: 10, hour: 6, minute: 55 });
  });

  test('offsets, including fixed ones', () => {
    expect(zoneOffsetMs(NOW, LA)).toBe(-8 * 3_600_000);
    expect(zoneOffsetMs(NOW, 'GMT-03:30')).toBe(-3.5 * 3_600_000);
    expect(zoneOffsetMs(NOW, 'UTC')).toBe(0);
  });

  test('zones as Java reads them: ids as written and GMT custom ids; anything else is GMT', () => {
    expect(resolveZone('Mars/Olympus')).toBe('GMT');
    expect(resolveZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(resolveZone('IST')).toBe('IST');
    expect(resolveZone('US/Pacific')).toBe('US/Pacific');
    expect(resolveZone('UTC')).toBe('UTC');
    expect(resolveZone('GMT+5:30')).toBe('GMT+05:30');
    expect(resolveZone('GMT-0800')).toBe('GMT-08:00');
    // Java: no "UTC+…" custom ids, no bare offsets, names compared as written and not trimmed.
    for (const zone of ['UTC+8', '+0530', 'gmt+8', 'utc', 'asia/kolkata', 'Asia/kolkata', ' Asia/Kolkata', 'GMT+25']) {
      expect(resolveZone(zone), zone).toBe('GMT');
    }
  });

  test('zone names as Java shows them', () => {
    expect(zoneName(NOW, LA, false)).toBe('PST');
    expect(zoneName(NOW, LA, true)).toBe('Pacific Standard Time');
    expect(zoneName(NOW, 'Asia/Kolkata', false)).toBe('IST');
    expect(zoneName(NOW, 'Europe/Paris', false)).toBe('CET');
    expect(zoneName(NOW, 'GMT+05:30', false)).toBe('GMT+05:30');
    expect(zoneName(NOW, 'Asia/Tokyo', false)).toBe('GMT+09:00');
  });

  test('a skipped local time moves forward, a repeated one takes the earlier offset', () => {
    const ny = 'America/New_York';
    expect(new Date(instantOf({ year: 2021, month: 3, day: 14, hour: 2, minute: 30 }, ny)).toISOString()).toBe('2021-03-14T07:30:00.000Z');
    expect(new Date(instantOf({ year: 2021, month: 11, day: 7, hour: 1, minute: 30 }, ny)).toISOString()).toBe('2021-11-07T05:30:00.000Z');
  });

  test('startOfDay is local midnight', () => {
    expect(new Date(startOfDay(NOW, LA)).toISOString()).toBe('2020-12-09T08:00:00.000Z');
    expect(new Date(startOfDay(NOW, 'Asia/Kolkata')).toISOString()).toBe('2020-12-09T18:30:00.000Z');
  });

  test('week of year with minimal days 1', () => {
    expect(weekOfYear({ year: 2021, month: 2, day: 7 })).toEqual({ week: 7, weekYear: 2021 });
    expect(weekOfYear({ year: 2021, month: 2, day: 7 }, 2)).toEqual({ week: 6, weekYear: 2021 });
    expect(weekOfYear({ year: 2020, month: 12, day: 27 })).toEqual({ week: 1, weekYear: 2021 });
    expect(weekOfYear({ year: 2021, month: 1, day: 1 })).toEqual({ week: 1, weekYear: 2021 });
  });

  test('years before 100 are not taken for 19xx', () => {
    expect(formatDateTime(date('15-Aug-0047'))).toBe('15-Aug-0047');
  });
});

describe('literals and text without a pattern', () => {
  test('date-only and date-time literals', () => {
    expect(date('15-Aug-1947').dateOnly).toBe(true);
    expect(date('15-Aug-1947 19:00:00').dateOnly).toBe(false);
    expect(parseDateTimeText('hello', LA)).toBeUndefined();
  });

  test('impossible values and over-long parts are told apart from text that is no date', () => {
    expect(readDateTimeText('31-Feb-2020', LA, NOW)).toBe('range');
    expect(readDateTimeText('15-Aug-1947 13:00 PM', LA, NOW)).toBe('range');
    expect(readDateTimeText('15-Aug-1947 123:00:00', LA, NOW)).toBe('malformed');
    expect(readDateTimeText('015-Aug-1947', LA, NOW)).toBe('malformed');
    expect(readDateTimeText('15-Aug-19470', LA, NOW)).toBe('malformed');
    expect(readDateTimeText('15-008-1947', LA, NOW)).toBe('malformed');
    expect(readDateTimeText('hello 12', LA, NOW)).toBe('syntax');
    expect(readDateTimeText('', LA, NOW)).toBe('syntax');
  });

  test('the two-digit year window follows now', () => {
    expect(formatDateTime(date('01-Jan-40'))).toBe('01-Jan-2040');
    expect(formatDateTime(date('01-Jan-41'))).toBe('01-Jan-1941');
  });

  test('every Zoho format reads 15 August 1947', () => {
    const samples = [
      '15-Aug-47', '15-Aug-1947', '15-August-47', '15-August-1947', '08-15-47', '47-08-15', '15-08-47', '15-08-1947',
      '08-15-1947', '1947-08-15', '47/08/15', '15/08/47', '08/15/47', '1947/08/15', '08/15/1947', '15/08/1947',
      '15 Aug,47', 'Aug 15,47', '15 Aug,1947', 'Aug 15,1947', '15 August,47', 'August 15,47', '15 August,1947',
      'August 15,1947', 'Fri,August 15,1947', 'Fri,Aug 15,1947', 'Aug 15 47', '15 Aug 47', 'Aug 15 1947',
      '15 Aug 1947', 'August 15 47', '15 August 47', '15 August 1947', 'August 15 1947', '15.08.47', '08.15.47',
      '47.08.15', '15 08 1947', '15.08.1947', '08.15.1947', '1947.08.15',
    ];
    for (const text of samples) expect(formatDateTime(date(text)), text).toBe('15-Aug-1947');
  });

  test('the default display reads back as the same value', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), (ms, zone) => {
        const value = new DateTimeValue(Math.floor(ms / 1000) * 1000, zone);
        const text = formatDateTime(value);
        expect(formatDateTime(date(text, zone))).toBe(text);
      }),
    );
  });
});

describe('patterns', () => {
  const value = date('09-Dec-2020 17:25:24');

  test('format letters', () => {
    expect(formatPattern(value, "yyyy-MM-dd'T'HH:mm:ssXXX")).toBe('2020-12-09T17:25:24-08:00');
    expect(formatPattern(value, 'EEEE, MMMM d, yyyy h:mm a z')).toBe('Wednesday, December 9, 2020 5:25 PM PST');
    expect(formatPattern(value, 'G yy Y w W D F u k K')).toBe('AD 20 2020 50 2 344 2 3 17 5');
    expect(formatPattern(new DateTimeValue(0, 'UTC'), 'X XX XXX Z')).toBe('Z Z Z +0000');
    expect(formatPattern(value, "''yyyy'' 'at' HH")).toBe("'2020' at 17");
  });

  test('unusable patterns', () => {
    expect(patternProblem('yyyy-bb')).toMatch(/unknown pattern letter 'b'/);
    expect(patternProblem("yyyy 'open")).toMatch(/unterminated quote/);
    expect(patternProblem('XXXX')).toMatch(/at most 3/);
    expect(patternProblem('dd/MM/yyyy')).toBeUndefined();
    expect(errorCode(() => formatPattern(value, 'qq'))).toBe('DLG4015');
  });

  test('parsing is strict, skips spaces before fields and ignores what follows', () => {
    expect(parseWithPattern('31/02/2020', 'dd/MM/yyyy', LA, NOW)).toBe('range');
    expect(parseWithPattern('2020-01-15', 'dd/MM/yyyy', LA, NOW)).toBe('syntax');
    expect(parseWithPattern('13/13/2020', 'dd/MM/yyyy', LA, NOW)).toBe('range');
    expect(parseWithPattern('25:00', 'HH:mm', LA, NOW)).toBe('range');
    const parsed = parseWithPattern('15/ 08/1947 trailing', 'dd/MM/yyyy', LA, NOW);
    expect(parsed).toMatchObject({ end: 11, hasTime: false });
  });

  test('parsing reads offsets and zone abbreviations', () => {
    const iso = parseWithPattern('2020-12-09T17:25:24+05:30', "yyyy-MM-dd'T'HH:mm:ssXXX", LA, NOW);
    expect(typeof iso === 'object' && new Date(iso.epochMs).toISOString()).toBe('2020-12-09T11:55:24.000Z');
    const named = parseWithPattern('2020-12-09 17:25 EST', 'yyyy-MM-dd HH:mm z', LA, NOW);
    expect(typeof named === 'object' && new Date(named.epochMs).toISOString()).toBe('2020-12-09T22:25:00.000Z');
  });

  test('formatting then parsing with the same pattern gives the same instant', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), (ms, zone) => {
        const pattern = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";
        const text = formatPattern(new DateTimeValue(ms, zone), pattern);
        const parsed = parseWithPattern(text, pattern, zone, NOW);
        expect(typeof parsed === 'object' ? parsed.epochMs : parsed).toBe(ms);
      }),
    );
  });

  test('a pattern without an offset reads back as the same local time in the zone', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), fc.constantFrom('dd-MMM-yyyy HH:mm:ss', 'EEEE, MMMM d, yyyy h:mm:ss a', 'yyyyMMddHHmmss'), (ms, zone, pattern) => {
        const text = formatPattern(new DateTimeValue(ms, zone), pattern);
        const parsed = parseWithPattern(text, pattern, zone, NOW);
        if (typeof parsed === 'string') throw new Error(`${text} did not parse: ${parsed}`);
        expect(formatPattern(new DateTimeValue(parsed.epochMs, zone), pattern)).toBe(text);
      }),
    );
  });
});

describe('builtins through the registry', () => {
  test('calendar arithmetic keeps date-only values date-only', () => {
    expect(shown(call('addDay', date('01-Jan-2019'), 11n))).toBe('12-Jan-2019');
    expect(shown(call('addDay', date('01-Jan-2019 15:00:00'), 40n))).toBe('10-Feb-2019 15:00:00');
    expect(shown(call('addHour', date('01-Jan-2019'), 2n))).toBe('01-Jan-2019 02:00:00');
    expect(shown(call('addMonth', date('31-Jan-2020'), 1n))).toBe('29-Feb-2020');
  });

  test('text receivers are read as dates; impossible ones are errors', () => {
    expect(shown(call('addDay', '01-Jan-2019', 1n))).toBe('02-Jan-2019');
    expect(errorCode(() => call('addDay', '31-Feb-2019', 1n))).toBe('DLG4015');
    expect(call('getDay', 'hello')).toBeNull();
    expect(errorCode(() => call('addDay', date('01-Jan-2019'), null))).toBe('DLG4005');
  });

  test('getters return NUMBERs', () => {
    const value = date('15-Aug-1947 19:05:09');
    expect(call('getYear', value)).toBe(1947n);
    expect(call('month', value)).toBe(8n);
    expect(call('weekday', value)).toBe(6n);
    expect(call('getSeconds', value)).toBe(9n);
    expect(call('getWeekOfYear', value)).toBe(33n);
  });

  test('differences', () => {
    expect(call('daysBetween', date('1-Jan-2019'), date('31-Dec-2019'))).toBe(364n);
    expect(call('monthsBetween', date('01-Feb-2020'), date('01-Mar-2020'))).toBe(0n);
    expect(call('monthsDiff', date('01-Feb-2020'), date('01-Mar-2020'))).toBe(1n);
    expect(call('yearsBetween', date('02-Jan-2020'), date('01-Jan-2021'))).toBe(1n);
    expect(call('yearsDiff', date('02-Jan-2020'), date('01-Jan-2021'))).toBe(0n);
    expect(call('hoursBetween', date('18-Dec-2019 09:00:00'), '19-Dec-2019 10:00:00')).toBe(25n);
  });

  test('business days and hours', () => {
    const weekends = new ListValue(['Sunday']);
    const holidays = new ListValue([date('20-Jul-2021'), date('19-Jul-2021')]);
    expect(shown(call('subBusinessDay', date('21-Jul-2021'), 5n, weekends, holidays))).toBe('13-Jul-2021');
    expect(errorCode(() => call('subBusinessDay', date('21-Jul-2021'), 366n))).toBe('DLG4018');
    const hours = new MapValue(new Map<string, Value>([['start', '10'], ['end', '17']]));
    const result = call('addBusinessHour', '1-Jan-2020 16:00:00', 2n, new ListValue(['Saturday', 'Sunday']), new ListValue(['2-Jan-2020', '3-Jan-2020']), hours);
    expect(shown(result)).toBe('06-Jan-2020 11:00:00');
  });

  test('conversions', () => {
    expect(shown(call('toDate', '15/08/1947', 'dd/MM/yyyy'))).toBe('15-Aug-1947');
    expect(shown(call('toTime', 1000n))).toBe('31-Dec-1969 16:00:01');
    expect(call('unixEpoch', '01-Jan-1970 00:00:00', 'UTC')).toBe(0n);
    expect(call('unixEpoch', 'not a date')).toBe('not a date');
    expect(call('isDate', null)).toBe(false);
    expect(call('isDate', new ListValue([]))).toBeNull();
    expect(errorCode(() => call('toDate', 'hello'))).toBe('DLG4015');
  });

  test('toString with a pattern and a zone; an unusable pattern gives null', () => {
    const value = date('09-Dec-2020 17:25:24');
    expect(call('toString', value, 'yyyy-MM-dd HH:mm', 'Asia/Kolkata')).toBe('2020-12-10 06:55');
    expect(call('toString', value)).toBe('09-Dec-2020 17:25:24');
    expect(call('toString', value, 'bb')).toBeNull();
    expect(call('toDateTimeString', 0n, 'yyyy-MM-dd', 'UTC')).toBe('1970-01-01');
  });

  test('toString of a NUMBER or text formats it as a date-time only with a pattern or zone; other types are not declared here', () => {
    expect(call('toString', 1609459200000n, 'yyyy-MM-dd HH:mm', 'UTC')).toBe('2021-01-01 00:00');
    expect(call('toString', 1609459200000n)).toBe('1609459200000');
    expect(call('toString', '15-Aug-1947', null, null)).toBe('15-Aug-1947');
    expect(BUILTINS.method('toString', 1.5)?.area === 'datetime').toBe(false);
    expect(BUILTINS.method('toString', new ListValue([]))?.area === 'datetime').toBe(false);
  });

  test('every declaration names a Zoho page and returns NUMBERs as bigint', () => {
    for (const spec of BUILTINS.all.filter((s) => s.area === 'datetime')) {
      expect(spec.docs, spec.name).toMatch(/^https:\/\/www\.zoho\.com\//);
      expect(spec.summary.length, spec.name).toBeGreaterThan(10);
    }
  });

  test('addMonth(n).subMonth(n) keeps the day when it is at most 28', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1950, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: -1200, max: 1200 }),
        fc.constantFrom(...ZONES),
        (year, month, day, hour, n, zone) => {
          const start = new DateTimeValue(instantOf({ year, month, day, hour }, zone), zone);
          const back = call('subMonth', call('addMonth', start, BigInt(n)), BigInt(n)) as DateTimeValue;
          const f = fieldsOf(back.epochMs, zone);
          expect([f.year, f.month, f.day]).toEqual([year, month, day]);
        },
      ),
    );
  });
});
