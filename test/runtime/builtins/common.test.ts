import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { BUILTINS } from '../../../src/runtime/builtins/index.js';
import { COMMON_BUILTINS } from '../../../src/runtime/builtins/common.js';
import { DateTimeValue, list, map } from '../../../src/runtime/values.js';
import { call, callFunction, failure, int64 } from '../../helpers/builtins.js';

describe('declarations', () => {
  test('every common builtin is documented and in the common area', () => {
    for (const spec of COMMON_BUILTINS) {
      expect(spec.area).toBe('common');
      // setParamName is shown only by Zoho CRM's API pages (Upload a Photo), not by the Deluge help.
      expect(spec.docs).toMatch(spec.name === 'setParamName' ? /^https:\/\/www\.zoho\.com\/crm\/developer\/docs\// : /^https:\/\/www\.zoho\.com\/deluge\/help\//);
    }
  });
  test('toLong is an alias of toNumber', () => {
    expect(BUILTINS.named('toLong')[0]).toBe(BUILTINS.named('toNumber')[0]);
  });
});

describe('toNumber / toLong', () => {
  test('n.toString().toNumber() == n for every 64-bit NUMBER', () => {
    fc.assert(fc.property(int64, (n) => call('toNumber', call('toString', n)) === n));
  });
  test('a DECIMAL is truncated toward zero', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e15, max: 1e15, noNaN: true }), (d) => {
        expect(call('toLong', d)).toBe(BigInt(Math.trunc(d)));
      }),
    );
  });
  test('a date-time gives its epoch milliseconds', () => {
    expect(call('toNumber', new DateTimeValue(1000, 'America/Los_Angeles'))).toBe(1000n);
  });
  test('bad text is an invalid conversion, out-of-range text an overflow', () => {
    expect(failure(() => call('toNumber', '1000abc'))).toBe('DLG4004');
    expect(failure(() => call('toNumber', ''))).toBe('DLG4004');
    expect(failure(() => call('toNumber', '9223372036854775808'))).toBe('DLG4017');
  });
});

describe('toDecimal', () => {
  test('reads numeric text and widens NUMBERs', () => {
    expect(call('toDecimal', '100')).toBe(100);
    expect(call('toDecimal', 7n)).toBe(7);
    expect(failure(() => call('toDecimal', ' '))).toBe('DLG4004');
  });
  test('d.toString().toDecimal() == d for every finite DECIMAL', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (d) => {
        expect(call('toDecimal', call('toString', d))).toBe(d === 0 ? 0 : d);
      }),
    );
  });
});

describe('null checks', () => {
  test('isNull is true for null and "", false for " "', () => {
    expect(callFunction('isNull', null)).toBe(true);
    expect(call('isNull', '')).toBe(true);
    expect(call('isNull', ' ')).toBe(false);
    expect(call('isNull', list())).toBe(false);
  });
  test('ifnull replaces only null', () => {
    expect(callFunction('ifnull', null, 'x')).toBe('x');
    expect(callFunction('ifnull', '', 'x')).toBe('');
    expect(BUILTINS.method('ifnull', 'a')).toBeUndefined();
  });
  test('isText and isNumber follow Zoho’s table, null for lists and maps', () => {
    expect(call('isText', '123')).toBe(false);
    expect(call('isText', '')).toBe(true);
    expect(call('isText', map())).toBe(null);
    expect(call('isNumber', '12.3')).toBe(true);
    expect(call('isNumber', '24/2*10')).toBe(false);
    expect(call('isNumber', list([1n]))).toBe(null);
  });
});
