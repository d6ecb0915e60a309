/**
 * Chains up to MAX_CHAIN long go through every stage that walks trees by recursion — a chain is a tree as deep as it
 * is long — and one link more is DLG2014 from the parser (grammar/README §16, 7): never a stack overflow later.
 */
import { describe, expect, it } from 'vitest';
import { emitCurl } from '../../src/emitters/curl/index.js';
import { emitTypeScript } from '../../src/emitters/typescript/index.js';
import { format } from '../../src/format/format.js';
import { lint } from '../../src/linter/lint.js';
import { runScript } from '../../src/runtime/run.js';
import { MAX_CHAIN, MAX_ELSE_IF, MAX_OPERATOR_DEPTH } from '../../src/syntax/cst-to-ast.js';
import { parse } from '../../src/syntax/parse.js';

/** Each kind of chain, `past` links beyond its limit. */
const scripts = (past: number) => ({
  operators: `x = "a"${' + "b"'.repeat(MAX_OPERATOR_DEPTH + past)};\ninfo x.length();\n`,
  calls: `x = " a "${'.trim()'.repeat(MAX_CHAIN + past)};\ninfo x;\n`,
  prefixes: `x = ${'!'.repeat(MAX_CHAIN + past)}true;\ninfo x;\n`,
  // Not a chain to the parser, which reads the branches in a loop (800 of them overflowed it when it nested them), but
  // one in the AST: each `else if` is an IfStmt in the else of the one before.
  elseIfs: `x = 1;\nif (x == 0)\n{\n\tinfo 0;\n}\n${Array.from({ length: MAX_ELSE_IF + past }, (_, i) => `else if (x == ${i + 1})\n{\n\tinfo ${i + 1};\n}\n`).join('')}else\n{\n\tinfo "none";\n}\n`,
});

describe('long chains', () => {
  it('at the limit: parsed, formatted, linted, run and emitted', async () => {
    for (const [kind, text] of Object.entries(scripts(0))) {
      expect(parse(text).diagnostics, kind).toEqual([]);
      expect(format(text).value, kind).toContain('x = ');
      expect(lint('long.dg', text).diagnostics.filter((d) => d.severity === 'error'), kind).toEqual([]);
      expect(runScript(text).diagnostics.map((d) => d.diagnostic.code), kind).toEqual([]);
      expect((await emitTypeScript(text)).diagnostics.filter((d) => d.severity === 'error'), kind).toEqual([]);
      expect((await emitCurl(text)).diagnostics.filter((d) => d.severity === 'error'), kind).toEqual([]);
    }
  });

  it('one link more: DLG2014 at that link, and the tree kept to the limit', () => {
    for (const [kind, text] of Object.entries(scripts(1))) {
      const parsed = parse(text);
      expect(parsed.diagnostics.map((d) => d.code), kind).toEqual(['DLG2014']);
      expect(parsed.diagnostics[0]!.message, kind).toMatch(/^(1,201|501|1,001) .* \(at most (1,200|500|1,000)\): deluge cannot process a chain this long/);
      expect(() => JSON.stringify(parsed.value), kind).not.toThrow();
    }
  });

  it('counts the depth of operators, not their number: 900 `||` in a condition, a 650-term HTML text', () => {
    const condition = Array.from({ length: 900 }, (_, n) => `stage == "S${n}"`).join(' || ');
    expect(parse(`if (${condition})\n{\n\tinfo "a" + "b" + "c";\n}\n`).diagnostics).toEqual([]);
    const html = Array.from({ length: 130 }, (_, n) => `"<p>Line ${n} for " + name + " with " + name.toUpperCase() + "</p>"`).join(' +\n\t');
    expect(parse(`body = ${html};\ninfo body;\n`).diagnostics).toEqual([]);
  });
});
