import { describe, expect, it } from 'vitest';
import { CODES, parse } from '../../src/index.js';
import { describeDiagnostic, dgFixtures, expectations, located } from '../helpers/fixtures.js';

/**
 * Error fixtures: each test/syntax/fixtures/errors/<name>.dg says what it must produce in comment lines
 * `// expect: DLG2001 3:6` (code and 1-based line:column where the diagnostic starts). Every diagnostic
 * must be expected and every expectation met: no missing reports, no noise.
 */
const dir = new URL('./fixtures/errors/', import.meta.url);
const fixtures = dgFixtures(dir).map((f) => ({ ...f, expected: expectations(f.text) }));

describe('error fixtures', () => {
  for (const { file, text, expected } of fixtures) {
    it(file, () => {
      expect(expected.length, 'a fixture needs at least one `// expect: CODE line:col`').toBeGreaterThan(0);
      const result = parse(text);
      const actual = result.diagnostics.map((d) => located(d, text));
      const byPlace = (a: string, b: string) => {
        const [, la, ca] = /(\d+):(\d+)/.exec(a)!.map(Number);
        const [, lb, cb] = /(\d+):(\d+)/.exec(b)!.map(Number);
        return la! - lb! || ca! - cb! || a.localeCompare(b);
      };
      // On failure the messages show what the parser said at each place.
      expect(
        [...actual].sort(byPlace),
        `diagnostics:\n${result.diagnostics.map((d) => `  ${describeDiagnostic(d, text)}`).join('\n')}`,
      ).toEqual([...expected].sort(byPlace));
    });
  }
});

describe('error fixtures cover the registry', () => {
  const syntaxCodes = Object.keys(CODES).filter((c) => /^DLG[12]\d{3}$/.test(c));
  const covered = new Set(fixtures.flatMap((f) => f.expected.map((e) => e.split(' ')[0]!)));

  it('lists the lexing and parsing codes', () => {
    expect(syntaxCodes.length).toBeGreaterThanOrEqual(17);
  });

  it.each(syntaxCodes)('%s has at least one error fixture', (code) => {
    expect(covered.has(code), `add a test/syntax/fixtures/errors/*.dg with '// expect: ${code} line:col'`).toBe(true);
  });

  it('expects no code that is not in the registry', () => {
    expect([...covered].filter((c) => !(c in CODES))).toEqual([]);
  });
});

describe('diagnostics of the error fixtures', () => {
  for (const { file, text } of fixtures) {
    it(`${file}: spans lie in the text, messages and severities are filled in`, () => {
      for (const d of parse(text).diagnostics) {
        expect(d.span.start).toBeGreaterThanOrEqual(0);
        expect(d.span.end).toBeLessThanOrEqual(text.length);
        expect(d.span.start).toBeLessThanOrEqual(d.span.end);
        expect(d.message.length).toBeGreaterThan(0);
        expect(d.severity).toBe(CODES[d.code].severity);
        expect(d.ruleId).toBe('syntax');
        if (d.fix) {
          expect(d.fix.span.start).toBeGreaterThanOrEqual(0);
          expect(d.fix.span.end).toBeLessThanOrEqual(text.length);
        }
      }
    });
  }
});
