import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { NUMBER_BUILTINS } from '../../../src/runtime/builtins/number.js';
import { NUMBER_MIN } from '../../../src/runtime/values.js';
import { call, callFunction, failure, int64 } from '../../helpers/builtins.js';

describe('declarations', () => {
  test('every number builtin is documented and in the number area', () => {
    for (const spec of NUMBER_BUILTINS) {
      expect(spec.area).toBe('number');
      expect(spec.summary.length).toBeGreaterThan(10);
      expect(spec.docs).toMatch(/^https:\/\/www\.zoho\.com\/deluge\/help\/functions\/number/);
    }
  });
});

describe('types of results', () => {
  test('ceil, floor and a NUMBER round stay NUMBERs (bigint)', () => {
    expect(call('ceil', 10.1)).toBe(11n);
    expect(call('floor', -10.1)).toBe(-11n);
    expect(call('round', 1250n, -2n)).toBe(1300n);
    expect(call('abs', -5n)).toBe(5n);
  });
  test('power, sqrt and round of a DECIMAL are DECIMALs (JS numbers)', () => {
    expect(call('power', 3n, 2n)).toBe(9);
    expect(call('sqrt', 16n)).toBe(4);
    expect(call('round', 218.49, 1n)).toBe(218.5);
  });
  test('min and max give a DECIMAL, even for two NUMBERs (zoho.com/deluge/help/functions/number/max.html)', () => {
    expect(call('max', 3n, 5n)).toBe(5);
    expect(call('min', 3n, 5n)).toBe(3);
    expect(call('max', 3n, 2.5)).toBe(3);
  });
});

describe('round and truncate', () => {
  test('round halves away from zero on the shown digits', () => {
    expect(call('round', 2.5)).toBe(3);
    expect(call('round', -2.5)).toBe(-3);
    expect(call('round', 1.005, 2n)).toBe(1.01);
    expect(call('round', 0.000125, 5n)).toBe(0.00013);
    expect(call('round', 1e21, 0n)).toBe(1e21);
  });
  test('truncate cuts toward zero', () => {
    expect(call('truncate', -25.129, 2n)).toBe(-25.12);
    expect(call('truncate', 9789.852, -2n)).toBe(9700);
  });
  test('round(d, 0) of any finite decimal differs from it by at most one half', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (d) => {
        const r = call('round', d, 0n) as number;
        expect(Number.isInteger(r)).toBe(true);
        expect(Math.abs(r - d)).toBeLessThanOrEqual(0.5 + 1e-6);
      }),
    );
  });
  test('round of a NUMBER to a positive number of places is the NUMBER itself', () => {
    fc.assert(fc.property(int64, fc.integer({ min: 0, max: 10 }), (n, p) => call('round', n, BigInt(p)) === n));
  });
});

describe('errors', () => {
  test('floor of a decimal beyond 64 bits overflows', () => {
    expect(failure(() => call('floor', 1e20))).toBe('DLG4017');
  });
  test('abs of the smallest NUMBER overflows', () => {
    expect(failure(() => call('abs', NUMBER_MIN))).toBe('DLG4017');
  });
  test('power with a null exponent is a null-value error', () => {
    expect(failure(() => call('power', 2n, null))).toBe('DLG4005');
  });
  test('randomNumber with an empty range is an invalid argument', () => {
    expect(failure(() => callFunction('randomNumber', 5n, 5n))).toBe('DLG4018');
  });
});

describe('toHex', () => {
  test('matches the two’s-complement hex of any 64-bit NUMBER', () => {
    fc.assert(
      fc.property(int64, (n) => {
        const hex = call('toHex', n) as string;
        expect(BigInt.asIntN(64, BigInt(`0x${hex}`))).toBe(n);
      }),
    );
  });
});

describe('randomNumber', () => {
  test('stays within [start, end) and keeps the type of its limits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -1000n, max: 1000n }), fc.bigInt({ min: 1n, max: 10n ** 12n }), (start, span) => {
        const r = callFunction('randomNumber', start, start + span);
        expect(typeof r).toBe('bigint');
        expect(r as bigint).toBeGreaterThanOrEqual(start);
        expect(r as bigint).toBeLessThan(start + span);
      }),
    );
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 0.001, max: 1e6, noNaN: true }), (start, span) => {
        const r = callFunction('randomNumber', start, start + span) as number;
        expect(r).toBeGreaterThanOrEqual(start);
        expect(r).toBeLessThan(start + span);
      }),
    );
  });
});
