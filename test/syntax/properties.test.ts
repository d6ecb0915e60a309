import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasErrors, parse, type Diagnostic, type ParseResult } from '../../src/index.js';
import { anyText, mutationOf, tokenSoup, validScript } from '../helpers/arbitraries.js';
import { spanProblems, spansOf } from '../helpers/ast.js';
import { describeDiagnostic, dgFixtures } from '../helpers/fixtures.js';

/**
 * Properties of `parse` over generated input. Run counts keep the whole file at a few seconds; a failure
 * prints the shrunk counterexample and the seed to replay it with.
 */
const RUNS = { numRuns: 150 };

/** The construct fixtures, mutated: nearly valid scripts. */
const mutated = mutationOf(dgFixtures(new URL('./fixtures/constructs/', import.meta.url)).map((f) => f.text));

function diagnosticSpanProblems(diagnostics: readonly Diagnostic[], length: number): string[] {
  const problems: string[] = [];
  const check = (what: string, s: { start: number; end: number }) => {
    if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end > length || s.start > s.end) {
      problems.push(`${what} [${s.start},${s.end}) not within [0,${length}]`);
    }
  };
  for (const d of diagnostics) {
    check(d.code, d.span);
    if (d.fix) check(`${d.code} fix`, d.fix.span);
    for (const r of d.related ?? []) check(`${d.code} related`, r.span);
  }
  return problems;
}

/** What must hold for any input: no throw, every diagnostic span (and fix, related) inside the text, a Program over the whole text. */
function checkAnyInput(text: string, docs?: boolean): ParseResult {
  const result = parse(text, docs === undefined ? {} : { docs });
  expect(diagnosticSpanProblems(result.diagnostics, text.length)).toEqual([]);
  expect(result.value.kind).toBe('Program');
  expect(result.value.span).toEqual({ start: 0, end: text.length });
  return result;
}

/** For input that parses without errors (warnings allowed), the tree must nest: every node inside its parent and the text. */
function checkCleanTree(text: string, result: ParseResult): void {
  if (hasErrors(result.diagnostics)) return;
  expect(spanProblems(result.value, text.length)).toEqual([]);
}

describe('parse never throws and keeps diagnostic spans in the text', () => {
  it('on arbitrary strings (all code points, lone surrogates, BOMs, line breaks)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        checkCleanTree(text, checkAnyInput(text));
      }),
      RUNS,
    );
  });

  it('on token soup made of Deluge fragments', () => {
    fc.assert(
      fc.property(tokenSoup, (text) => {
        checkCleanTree(text, checkAnyInput(text));
      }),
      // Inputs that once made parse() throw.
      { ...RUNS, examples: [['void f(String a,) { }'], ['void f(String a, ) {}']] },
    );
  });

  it('on construct fixtures with a few random edits', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        checkCleanTree(text, checkAnyInput(text));
      }),
      { numRuns: 100 },
    );
  });

  it('in docs mode too (the normaliser maps every span back into the text as given)', () => {
    fc.assert(
      fc.property(fc.oneof(tokenSoup, anyText, tokenSoup.map((t) => `Copied${t.replace(/\n/g, '\\\n')}`)), (text) => {
        const result = checkAnyInput(text, true);
        checkCleanTree(text, result);
      }),
      { numRuns: 100 },
    );
  });
});

describe('tree spans', () => {
  it('lie within the text even when the input has errors (recovery placeholders included)', () => {
    fc.assert(
      fc.property(fc.oneof(tokenSoup, anyText, mutated), (text) => {
        const { value } = parse(text);
        const outside = spansOf(value).filter(({ span }) => span.start < 0 || span.end > text.length || span.start > span.end);
        expect(outside).toEqual([]);
      }),
      // Minimal inputs found by this property, kept so a regression fails on every run, not by chance.
      { ...RUNS, examples: [[' a.;'], ['(c.)'], ['e(t.,'], ['d t(n){'], ['sendmail[n\ncatch'], ['x = 1; <%'], ['\u0000<%']] },
    );
  });
});

describe('generated valid scripts', () => {
  it('parse without diagnostics, and every node lies within its parent and the text', () => {
    fc.assert(
      fc.property(validScript, (text) => {
        const result = parse(text);
        expect(result.diagnostics.map((d) => describeDiagnostic(d, text))).toEqual([]);
        expect(spanProblems(result.value, text.length)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('parse the same with CRLF line ends, the spans shifted by the added CRs', () => {
    fc.assert(
      fc.property(validScript, (text) => {
        const crlf = text.replace(/\n/g, '\r\n');
        const lf = parse(text);
        const cr = parse(crlf);
        expect(cr.diagnostics).toEqual([]);
        // Map every LF-text offset to the CRLF text: one extra character per preceding line break.
        const shift = (o: number) => o + (text.slice(0, o).match(/\n/g)?.length ?? 0);
        const expected = spansOf(lf.value).map(({ path, span }) => `${path} ${shift(span.start)} ${shift(span.end)}`);
        const actual = spansOf(cr.value).map(({ path, span }) => `${path} ${span.start} ${span.end}`);
        expect(actual).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });
});

describe('the shared parser instance keeps no state between calls', () => {
  it('parsing other text in between does not change a result', () => {
    fc.assert(
      fc.property(fc.oneof(validScript, tokenSoup), fc.oneof(tokenSoup, anyText), (a, b) => {
        const snapshot = (r: ParseResult) => JSON.stringify([r.value, r.diagnostics, r.docsNormalised]);
        const first = snapshot(parse(a));
        parse(b);
        expect(snapshot(parse(a))).toBe(first);
      }),
      { numRuns: 60 },
    );
  });
});
