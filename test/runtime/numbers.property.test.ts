import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, arithmetic } from '../../src/runtime/operators.js';
import { runScript } from '../../src/runtime/run.js';
import { NUMBER_MAX, NUMBER_MIN } from '../../src/runtime/values.js';
import { DelugeError } from '../../src/runtime/errors.js';

/**
 * NUMBER arithmetic is exact 64-bit integer arithmetic: results agree with BigInt maths whenever they fit, and
 * anything outside the range is an error (DLG4017), never a rounded or wrapped value.
 */
const int64 = fc.bigInt({ min: NUMBER_MIN, max: NUMBER_MAX });
const fits = (n: bigint) => n >= NUMBER_MIN && n <= NUMBER_MAX;

function outcome(f: () => unknown): unknown {
  try {
    return f();
  } catch (error) {
    if (error instanceof DelugeError) return error.code;
    throw error;
  }
}

describe('NUMBER arithmetic', () => {
  it('+, -, * agree with BigInt or report an overflow', () => {
    fc.assert(
      fc.property(int64, int64, (a, b) => {
        const cases: [string, bigint, () => unknown][] = [
          ['+', a + b, () => add(a, b)],
          ['-', a - b, () => arithmetic('-', a, b)],
          ['*', a * b, () => arithmetic('*', a, b)],
        ];
        for (const [, exact, run] of cases) expect(outcome(run)).toEqual(fits(exact) ? exact : 'DLG4017');
      }),
      { numRuns: 2000 },
    );
  });

  it('/ truncates toward zero and % keeps the sign of the dividend, like Java long', () => {
    fc.assert(
      fc.property(int64, int64.filter((b) => b !== 0n), (a, b) => {
        const q = outcome(() => arithmetic('/', a, b));
        expect(q).toEqual(fits(a / b) ? a / b : 'DLG4017');
        const r = arithmetic('%', a, b) as bigint;
        expect(r).toBe(a % b);
        if (r !== 0n) expect(r < 0n).toBe(a < 0n);
      }),
      { numRuns: 2000 },
    );
  });

  it('record IDs survive a round trip through a script: literal, +, text and back', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 10n ** 17n, max: 10n ** 19n - 1n }).filter(fits), (id) => {
        const run = runScript(`id = ${id};\ninfo id;\ninfo id + 0;\ninfo "" + id;\nreturn {"id": id};`, { now: 0, clock: () => 0 });
        expect(run.diagnostics).toEqual([]);
        expect(run.info).toEqual([`${id}`, `${id}`, `${id}`]);
      }),
      { numRuns: 300 },
    );
  });
});
