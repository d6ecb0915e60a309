import { readdirSync, readFileSync } from 'node:fs';
import { Lexer, type TokenType } from 'chevrotain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lex } from '../../src/syntax/lexer.js';
import { allTokens } from '../../src/syntax/tokens.js';

/**
 * Tokens carry start-character hints so the lexer skips analysing their patterns at start-up. A wrong hint
 * silently stops a token from matching; this compares against a lexer built by analysing the patterns.
 */
function lexerWithoutHints(): Lexer {
  const saved = new Map<TokenType, TokenType['START_CHARS_HINT']>();
  for (const t of allTokens) {
    if (t.START_CHARS_HINT !== undefined) {
      saved.set(t, t.START_CHARS_HINT);
      delete t.START_CHARS_HINT;
    }
  }
  try {
    return new Lexer(allTokens, { positionTracking: 'full', ensureOptimizations: false });
  } finally {
    for (const [t, hint] of saved) t.START_CHARS_HINT = hint;
  }
}

const reference = lexerWithoutHints();
const shape = (text: string) =>
  reference.tokenize(text).tokens.map((t) => `${t.tokenType.name}@${t.startOffset}:${t.image}`);
const ours = (text: string) => lex(text).tokens.map((t) => `${t.tokenType.name}@${t.startOffset}:${t.image}`);

describe('lexer start-character hints', () => {
  it('tokenize every example exactly as the analysed patterns do', () => {
    const dir = new URL('../../examples/', import.meta.url);
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.dg'))) {
      const text = readFileSync(new URL(name, dir), 'utf8');
      expect(ours(text), name).toEqual(shape(text));
    }
  });

  it('tokenize operator and keyword soup exactly as the analysed patterns do', () => {
    const piece = fc.constantFrom(
      '==', '!=', '<=', '>=', '<', '>', '&&', '||', '++', '--', '+=', '-=', '*=', '/=', '%=', '=', '!', '+', '-', '*', '/',
      '%', '?', '(', ')', '{', '}', '[', ']', ',', ';', ':', '.', 'if', 'If', 'IF', 'iF', 'else', 'info', 'Info', 'invokeUrl',
      'invokeurl', 'sendMail', 'thRow', 'throw', 'in', 'index', 'not', 'is', 'null', 'NULL', 'x', '1', '1.5', '"s"', "'d'",
      ' ', '\n', '<%', '%>', '<%=', 'content-type:', '// c\n', '/* c */',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect(ours(text)).toEqual(shape(text));
      }),
      { numRuns: 2000 },
    );
  });
});
