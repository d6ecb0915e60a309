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
import { MAX_CHAIN } from '../../src/syntax/cst-to-ast.js';
import { parse } from '../../src/syntax/parse.js';

const scripts = (links: number) => ({
  operators: `x = "a"${' + "b"'.repeat(links)};\ninfo x.length();\n`,
  calls: `x = " a "${'.trim()'.repeat(links)};\ninfo x;\n`,
  prefixes: `x = ${'!'.repeat(links)}true;\ninfo x;\n`,
});

describe('long chains', () => {
  it('at the limit: parsed, formatted, linted, run and emitted', async () => {
    for (const [kind, text] of Object.entries(scripts(MAX_CHAIN))) {
      expect(parse(text).diagnostics, kind).toEqual([]);
      expect(format(text).value, kind).toContain('x = ');
      expect(lint('long.dg', text).diagnostics.filter((d) => d.severity === 'error'), kind).toEqual([]);
      expect(runScript(text).diagnostics.map((d) => d.diagnostic.code), kind).toEqual([]);
      expect((await emitTypeScript(text)).diagnostics.filter((d) => d.severity === 'error'), kind).toEqual([]);
      expect((await emitCurl(text)).diagnostics.filter((d) => d.severity === 'error'), kind).toEqual([]);
    }
  });

  it('one link more: DLG2014 at that link, and the tree kept to the limit', () => {
    for (const [kind, text] of Object.entries(scripts(MAX_CHAIN + 1))) {
      const parsed = parse(text);
      expect(parsed.diagnostics.map((d) => d.code), kind).toEqual(['DLG2014']);
      expect(parsed.diagnostics[0]!.message, kind).toMatch(/^501 .* \(at most 500\): deluge cannot process a chain this long/);
      expect(() => JSON.stringify(parsed.value), kind).not.toThrow();
    }
  });
});
