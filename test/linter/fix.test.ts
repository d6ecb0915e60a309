/**
 * `applyFixes` (one pass: safe, non-overlapping) and `fixFile` (lint and fix until stable, at most 10 passes),
 * with rules defined here.
 */
import { describe, expect, it } from 'vitest';
import type { DiagnosticCode } from '../../src/diagnostics/codes.js';
import { diagnostic, type Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { applyFixes, fixFile, MAX_FIX_PASSES, safeFixPredicate } from '../../src/linter/fix.js';
import type { Rule, RuleContext, RuleMeta, Visitors } from '../../src/linter/rule.js';

function rule(id: string, fixable: RuleMeta['fixable'], create: (context: RuleContext) => Visitors): Rule {
  return {
    meta: {
      id,
      code: 'DLG5993' as DiagnosticCode,
      category: 'style',
      severity: 'warning',
      ...(fixable ? { fixable } : {}),
      summary: id,
      docs: { what: '', why: '', invalid: [], valid: [] },
    },
    create,
  };
}

/** 'text' → "text" (safe). */
const doubleQuotes = rule('test-double-quotes', 'safe', (context) => ({
  StringLiteral: (node) => {
    if (node.quote === "'") context.report({ span: node.span, message: 'use double quotes', fix: { span: node.span, text: `"${node.raw.slice(1, -1)}"` } });
  },
}));

/** A stray `;` → nothing (safe). */
const noEmpty = rule('test-no-empty', 'safe', (context) => ({
  EmptyStmt: (node) => context.report({ span: node.span, message: 'stray semicolon', fix: { span: node.span, text: '' } }),
}));

/** `"xx…"` → one `x` fewer per pass (safe): needs several passes. */
const shrink = rule('test-shrink', 'safe', (context) => ({
  StringLiteral: (node) => {
    const at = node.raw.indexOf('xx');
    if (at >= 0) context.report({ span: node.span, message: 'xx', fix: { span: { start: node.span.start + at, end: node.span.start + at + 2 }, text: 'x' } });
  },
}));

/** Upper-cases text (unsafe: never applied by --fix). */
const upper = rule('test-upper', 'unsafe', (context) => ({
  StringLiteral: (node) => {
    if (node.raw !== node.raw.toUpperCase()) context.report({ span: node.span, message: 'upper', fix: { span: node.span, text: node.raw.toUpperCase() } });
  },
}));

/** Always has a fix that changes the text: never converges. */
const restless = rule('test-restless', 'safe', (context) => ({
  StringLiteral: (node) => context.report({ span: node.span, message: 'more', fix: { span: { start: node.span.end - 1, end: node.span.end - 1 }, text: '!' } }),
}));

/** A fix that breaks the syntax (drops the closing quote). */
const broken = rule('test-broken', 'safe', (context) => ({
  StringLiteral: (node) => context.report({ span: node.span, message: 'broken', fix: { span: { start: node.span.end - 1, end: node.span.end }, text: '' } }),
}));

const edit = (start: number, end: number, text: string, ruleId = 'test-double-quotes'): Diagnostic =>
  diagnostic('DLG5993' as DiagnosticCode, { start, end }, 'm', { ruleId, severity: 'warning', fix: { span: { start, end }, text } });

describe('applyFixes', () => {
  const safe = safeFixPredicate([doubleQuotes, upper]);

  it('applies non-overlapping safe fixes in one pass, whatever their order', () => {
    const applied = applyFixes('abcdefgh', [edit(6, 7, 'G'), edit(0, 1, 'A'), edit(3, 3, '-')], safe);
    expect(applied.text).toBe('Abc-defGh');
    expect(applied.fixed).toHaveLength(3);
    expect(applied.remaining).toHaveLength(0);
  });

  it('leaves an overlapping or touching fix for the next pass', () => {
    const applied = applyFixes('abcdefgh', [edit(0, 3, 'X'), edit(2, 5, 'Y'), edit(3, 4, 'Z')], safe);
    expect(applied.text).toBe('Xdefgh');
    expect(applied.remaining.map((d) => d.fix!.text)).toEqual(['Y', 'Z']);
  });

  it('takes two identical edits as one', () => {
    const applied = applyFixes('abc', [edit(1, 2, 'B'), edit(1, 2, 'B', 'test-double-quotes')], safe);
    expect(applied.text).toBe('aBc');
    expect(applied.fixed).toHaveLength(2);
  });

  it('never applies unsafe fixes, fixes of unknown rules, or diagnostics without a fix', () => {
    const noFix = diagnostic('DLG5993' as DiagnosticCode, { start: 0, end: 1 }, 'm', { ruleId: 'test-double-quotes', severity: 'warning' });
    const applied = applyFixes('abc', [edit(0, 1, 'U', 'test-upper'), edit(1, 2, '?', 'no-such-rule'), noFix], safe);
    expect(applied.text).toBe('abc');
    expect(applied.remaining).toHaveLength(3);
  });
});

describe('fixFile', () => {
  it('fixes, re-lints and reports what remains', () => {
    const text = "info 'a';;\ninfo 'b';\n";
    const fixed = fixFile('t.dg', text, { only: [doubleQuotes, noEmpty, upper] });
    expect(fixed.output).toBe('info "a";\ninfo "b";\n');
    expect(fixed.changed).toBe(true);
    expect(fixed.fixedCount).toBe(3);
    expect(fixed.passes).toBe(1);
    // What remains: the unsafe rule's reports, on the fixed text.
    expect(fixed.result.diagnostics.map((d) => [d.ruleId, fixed.output.slice(d.span.start, d.span.end)])).toEqual([
      ['test-upper', '"a"'],
      ['test-upper', '"b"'],
    ]);
  });

  it('goes on until nothing is left to fix', () => {
    const fixed = fixFile('t.dg', 'info "xxxxx";\n', { only: [shrink] });
    expect(fixed.output).toBe('info "x";\n');
    expect(fixed.passes).toBe(4);
    expect(fixed.result.diagnostics).toEqual([]);
  });

  it(`stops after ${MAX_FIX_PASSES} passes`, () => {
    const fixed = fixFile('t.dg', 'info "a";\n', { only: [restless] });
    expect(fixed.passes).toBe(MAX_FIX_PASSES);
    expect(fixed.output).toBe(`info "a${'!'.repeat(MAX_FIX_PASSES)}";\n`);
    expect(fixed.result.diagnostics).toHaveLength(1);
  });

  it('drops a pass whose output would not parse', () => {
    const text = "info 'a';;\n";
    const fixed = fixFile('t.dg', text, { only: [broken] });
    expect(fixed.changed).toBe(false);
    expect(fixed.output).toBe(text);
  });

  it('does not fix what is suppressed, nor a file with syntax errors, and honours severities', () => {
    expect(fixFile('t.dg', "info 'a'; // deluge-disable-line test-double-quotes\n", { only: [doubleQuotes] }).changed).toBe(false);
    expect(fixFile('t.dg', "info 'a'\nx = ;\n", { only: [doubleQuotes] }).changed).toBe(false);
    expect(fixFile('t.dg', "info 'a';\n", { only: [doubleQuotes], rules: { 'test-double-quotes': 'off' } }).changed).toBe(false);
  });

  it('changes nothing in a clean file', () => {
    const fixed = fixFile('t.dg', 'info "a";\n', { only: [doubleQuotes, noEmpty] });
    expect(fixed).toMatchObject({ changed: false, passes: 0, fixedCount: 0, output: 'info "a";\n' });
  });
});
