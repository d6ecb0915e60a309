/**
 * Inline suppressions (`deluge-disable-next-line`, `deluge-disable-line`, `deluge-disable` … `deluge-enable`)
 * and the unused-suppression report (DLG5000), with two rules defined here so the tests do not depend on the
 * registry's rules.
 */
import { describe, expect, it } from 'vitest';
import type { DiagnosticCode } from '../../src/diagnostics/codes.js';
import { SourceFile } from '../../src/source/source-file.js';
import { lint, type LintOptions } from '../../src/linter/lint.js';
import type { Rule } from '../../src/linter/rule.js';
import { parseDirective } from '../../src/linter/suppressions.js';

/** Reports the value of every `info` statement. */
const noInfo: Rule = {
  meta: {
    id: 'test-no-info',
    code: 'DLG5991' as DiagnosticCode,
    category: 'style',
    severity: 'warning',
    summary: 'No info.',
    docs: { what: '', why: '', invalid: [], valid: [] },
  },
  create: (context) => ({ InfoStmt: (node) => context.report({ span: node.value.span, message: 'no info' }) }),
};

/** Reports every single-quoted text. */
const singleQuotes: Rule = {
  meta: {
    id: 'test-single-quotes',
    code: 'DLG5992' as DiagnosticCode,
    category: 'style',
    severity: 'error',
    summary: 'No single quotes.',
    docs: { what: '', why: '', invalid: [], valid: [] },
  },
  create: (context) => ({
    StringLiteral: (node) => {
      if (node.quote === "'") context.report({ span: node.span, message: 'single quotes' });
    },
  }),
};

const RULES = [noInfo, singleQuotes];

/** `CODE line:col` of every diagnostic left. */
function run(text: string, options: LintOptions = {}): string[] {
  const result = lint('t.dg', text, { only: RULES, ...options });
  const file = new SourceFile('t.dg', text);
  return result.diagnostics.map((d) => {
    const at = file.position(d.span.start);
    return `${d.code} ${at.line}:${at.column}`;
  });
}

describe('directives', () => {
  it('reads the kind, the ids with their spans, and the reason', () => {
    const text = '// deluge-disable-next-line a-rule, DLG5012 other -- because: reasons, here\n';
    const directive = parseDirective({ kind: 'LineComment', text: text.trimEnd(), span: { start: 0, end: text.length - 1 } })!;
    expect(directive.kind).toBe('disable-next-line');
    expect(directive.ids.map((i) => [i.id, text.slice(i.span.start, i.span.end)])).toEqual([
      ['a-rule', 'a-rule'],
      ['DLG5012', 'DLG5012'],
      ['other', 'other'],
    ]);
    expect(directive.reason).toBe('because: reasons, here');
  });

  it('reads block comments and directives without ids', () => {
    const text = '/*  deluge-disable   */';
    const directive = parseDirective({ kind: 'BlockComment', text, span: { start: 10, end: 10 + text.length } })!;
    expect(directive).toMatchObject({ kind: 'disable', ids: [] });
    expect(directive.reason).toBeUndefined();
    const withReason = parseDirective({ kind: 'LineComment', text: '// deluge-disable-line -- legacy', span: { start: 0, end: 32 } })!;
    expect(withReason).toMatchObject({ kind: 'disable-line', ids: [], reason: 'legacy' });
    // ESLint takes two dashes or more before the reason: the words after `---` are no rule ids.
    const longer = parseDirective({ kind: 'LineComment', text: '// deluge-disable-line unused-variable --- legacy code', span: { start: 0, end: 54 } })!;
    expect(longer).toMatchObject({ ids: [{ id: 'unused-variable' }], reason: 'legacy code' });
  });

  it('ignores ordinary comments and look-alikes', () => {
    for (const text of ['// deluge-disable-lines x', '// note: deluge-disable x', '// deluge-disabled', '//deluge-enablex']) {
      expect(parseDirective({ kind: 'LineComment', text, span: { start: 0, end: text.length } }), text).toBeUndefined();
    }
  });
});

describe('suppression', () => {
  it('has both rules report without comments', () => {
    expect(run("info 'a';\n")).toEqual(['DLG5991 1:6', 'DLG5992 1:6']);
  });

  it('disable-next-line: the named rule on the next line only, with the reason kept', () => {
    const text = "// deluge-disable-next-line test-no-info -- logged on purpose\ninfo 'a';\ninfo \"b\";\n";
    expect(run(text)).toEqual(['DLG5992 2:6', 'DLG5991 3:6']);
    const result = lint('t.dg', text, { only: RULES });
    expect(result.suppressed?.map((s) => [s.diagnostic.code, s.reason])).toEqual([['DLG5991', 'logged on purpose']]);
  });

  it('disable-line: every rule named, by id or by code, on its own line', () => {
    expect(run("info 'a'; // deluge-disable-line test-no-info, DLG5992\ninfo 'b';\n")).toEqual(['DLG5991 2:6', 'DLG5992 2:6']);
  });

  it('without ids: every rule', () => {
    expect(run("info 'a'; // deluge-disable-line\n// deluge-disable-next-line -- all of them\ninfo 'b';\ninfo 'c';\n")).toEqual(['DLG5991 4:6', 'DLG5992 4:6']);
  });

  it('a block comment works as a line directive too', () => {
    expect(run("/* deluge-disable-next-line test-single-quotes */\ninfo 'a';\n")).toEqual(['DLG5991 2:6']);
  });

  it('disable … enable: a range, per rule', () => {
    const text = [
      "info 'a';",
      '/* deluge-disable test-single-quotes */',
      "info 'b';",
      "info 'c';",
      '/* deluge-enable test-single-quotes */',
      "info 'd';",
      '',
    ].join('\n');
    expect(run(text)).toEqual(['DLG5991 1:6', 'DLG5992 1:6', 'DLG5991 3:6', 'DLG5991 4:6', 'DLG5991 6:6', 'DLG5992 6:6']);
  });

  it('a disable without an enable runs to the end of the file; a blanket disable can be narrowed by an enable', () => {
    expect(run("info 'a';\n// deluge-disable\ninfo 'b';\ninfo 'c';\n")).toEqual(['DLG5991 1:6', 'DLG5992 1:6']);
    const text = "/* deluge-disable */\ninfo 'a';\n/* deluge-enable test-no-info */\ninfo 'b';\n/* deluge-enable */\ninfo 'c';\n";
    expect(run(text)).toEqual(['DLG5991 4:6', 'DLG5991 6:6', 'DLG5992 6:6']);
  });

  it("suppresses the parser's warnings by their code's name", () => {
    const text = 'x = 1;\nif (x = 1) // deluge-disable-line single-equals-comparison\n{\n\tx = 2;\n}\n';
    expect(run(text)).toEqual([]);
    expect(run(text.replace(' // deluge-disable-line single-equals-comparison', ''))).toEqual(['DLG2007 2:7']);
  });

  it('leaves syntax errors alone', () => {
    expect(run('// deluge-disable\nx = ;\n')).toEqual(['DLG2002 2:5']);
  });

  it("suppresses the parser's warnings in a file with syntax errors too", () => {
    const text = '// deluge-disable-next-line single-equals-comparison -- legacy\nif (a = 1) { info "x"; }\ny = ;\n';
    expect(run(text)).toEqual(['DLG2002 3:5']);
    expect(run(text.replace(/^.*\n/, ''))).toEqual(['DLG2007 1:7', 'DLG2002 2:5']);
  });
});

describe('unused suppressions (DLG5000)', () => {
  it('reports an id that suppresses nothing, at the id', () => {
    expect(run("// deluge-disable-next-line test-no-info, test-single-quotes\ninfo \"a\";\n")).toEqual(['DLG5000 1:43']);
    const result = lint('t.dg', "info \"a\"; // deluge-disable-line test-single-quotes\n", { only: RULES });
    expect(result.diagnostics.find((d) => d.code === 'DLG5000')).toMatchObject({
      ruleId: 'unused-suppression',
      severity: 'warning',
      message: "'test-single-quotes' reports no problem on this line: remove it from this 'deluge-disable-line' comment.",
    });
  });

  it('reports a directive without ids that suppresses nothing, at the comment', () => {
    expect(run('x = 1;\n  // deluge-disable-next-line\ninfo x;\n', { only: [singleQuotes] })).toEqual(['DLG5000 2:3']);
    expect(run('/* deluge-disable */\nx = 1;\n/* deluge-enable */\n', { only: [singleQuotes] })).toEqual(['DLG5000 1:1']);
  });

  it('reports unknown ids, even when something else was suppressed', () => {
    const text = "info 'a'; // deluge-disable-line test-no-info, test-no-infos\n";
    const result = lint('t.dg', text, { only: RULES });
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['DLG5992', 'single quotes'],
      ['DLG5000', "'test-no-infos' is not a rule id or code (see 'deluge lint --list-rules'): fix or remove it."],
    ]);
  });

  it('takes a rule by its id, its code or its code name in a disable and the enable that ends it', () => {
    // (The registry's rules: their codes have names.) DLG5002 is unused-variable's code: the enable ends the range.
    const text = '/* deluge-disable unused-variable -- generated block */\na = 1;\n/* deluge-enable DLG5002 */\nb = 2;\n';
    expect(run(text, { only: undefined })).toEqual(['DLG5002 4:1']);
    expect(run(text.replace('deluge-disable unused-variable', 'deluge-disable DLG5002').replace('deluge-enable DLG5002', 'deluge-enable unused-variable'), { only: undefined })).toEqual(['DLG5002 4:1']);
  });

  it('reports an enable with nothing to end', () => {
    expect(run('/* deluge-enable */\nx = 1;\n', { only: [] })).toEqual(['DLG5000 1:1']);
    expect(run('/* deluge-disable test-no-info */\n/* deluge-enable test-single-quotes */\nx = 1;\n')).toEqual(['DLG5000 1:19', 'DLG5000 2:18']);
  });

  it('does not report a suppression of a rule that is turned off (it cannot know)', () => {
    const text = "// deluge-disable-next-line test-single-quotes\ninfo 'a';\n";
    expect(run(text, { rules: { 'test-single-quotes': 'off' } })).toEqual(['DLG5991 2:6']);
    // unused-suppression itself is no exception.
    expect(run('// deluge-disable-next-line DLG5000\nx = 1;\n', { only: [] })).toEqual(['DLG5000 1:29']);
  });

  it('follows the severity set for unused-suppression', () => {
    const text = "info \"a\"; // deluge-disable-line test-single-quotes\n";
    expect(lint('t.dg', text, { only: RULES, rules: { 'unused-suppression': 'off' } }).diagnostics.map((d) => d.code)).toEqual(['DLG5991']);
    expect(lint('t.dg', text, { only: RULES, rules: { 'unused-suppression': 'error' } }).diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['DLG5991', 'warning'],
      ['DLG5000', 'error'],
    ]);
  });
});

describe('suppressions without a reason (DLG5410, off by default)', () => {
  const text = "// deluge-disable-next-line test-single-quotes\ninfo 'a';\ninfo 'b'; // deluge-disable-line test-single-quotes -- a date-time\n/* deluge-disable test-no-info */\ninfo \"c\";\n/* deluge-enable test-no-info */\n";

  it('reports nothing unless turned on', () => {
    expect(run(text).filter((d) => d.startsWith('DLG5410'))).toEqual([]);
  });

  it('turned on: each disable comment without a reason, at the comment; an enable needs none', () => {
    const diagnostics = lint('t.dg', text, { only: RULES, rules: { 'suppression-without-reason': 'warning' } }).diagnostics;
    const file = new SourceFile('t.dg', text);
    expect(diagnostics.filter((d) => d.code === 'DLG5410').map((d) => `${file.position(d.span.start).line} ${d.ruleId} ${d.message}`)).toEqual([
      "1 suppression-without-reason This 'deluge-disable-next-line' comment gives no reason: say why after ' -- ' (deluge-disable-next-line test-single-quotes -- why).",
      "4 suppression-without-reason This 'deluge-disable' comment gives no reason: say why after ' -- ' (deluge-disable test-no-info -- why).",
    ]);
  });
});

describe('suppressions over a statement of several lines', () => {
  it('covers the whole statement that begins on the next line (as fmt spreads an invokeurl block), not a block statement\'s body', () => {
    const text = [
      '// deluge-disable-next-line test-single-quotes -- legacy value',
      'resp = invokeurl',
      '[',
      "\turl: 'https://x.example/a'",
      '\ttype: GET',
      '];',
      '// deluge-disable-next-line test-single-quotes -- the condition only',
      "if (resp == 'a')",
      '{',
      "\tinfo 'b';",
      '}',
      '',
    ].join('\n');
    expect(run(text)).toEqual(['DLG5991 10:7', 'DLG5992 10:7']);
  });

  it('disable-line after the end of a statement covers all of it (the block fmt spreads), not its own line only', () => {
    const text = [
      'resp = invokeurl',
      '[',
      "\turl: 'https://x.example/a'",
      '\ttype: GET',
      "]; // deluge-disable-line test-single-quotes -- legacy value",
      "if (resp == 'a')",
      '{',
      "\tinfo 'b';",
      "} // deluge-disable-line test-single-quotes -- not the body: an if has a block",
      '',
    ].join('\n');
    expect(run(text)).toEqual(['DLG5992 6:13', 'DLG5991 8:7', 'DLG5992 8:7', 'DLG5000 9:26']);
  });

  it('disable-line inside a statement of several lines covers its own line only', () => {
    const text = ['resp = invokeurl', '[', "\turl: 'https://x.example/a' // deluge-disable-line test-single-quotes", "\tbody: 'b'", '];', ''].join('\n');
    expect(run(text)).toEqual(['DLG5992 4:8']);
  });
});
