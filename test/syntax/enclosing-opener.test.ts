import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lex } from '../../src/syntax/lexer.js';
import { openersBefore } from '../../src/syntax/syntax-errors.js';

/** The innermost bracket still open before token `at` within its statement, searched back from it (the definition). */
function searchedBack(names: readonly string[], at: number): number {
  let depth = 0;
  for (let i = at - 1; i >= 0; i--) {
    const name = names[i]!;
    if (name === 'Semicolon' && depth === 0) return -1;
    if (name === 'RParen' || name === 'RBracket' || name === 'RCurly') depth++;
    else if (name === 'LParen' || name === 'LBracket' || name === 'LCurly') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

describe('the bracket enclosing each token (syntax error hints), worked out in one pass', () => {
  it('agrees with a search back from every token, on any sequence of brackets, ; and names', () => {
    const piece = fc.constantFrom('(', ')', '[', ']', '{', '}', ';', 'x', ' ');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const tokens = lex(pieces.join(' ')).tokens;
        const names = tokens.map((t) => t.tokenType.name);
        const openers = openersBefore(tokens);
        for (let at = 0; at <= tokens.length; at++) expect(openers[at], `${pieces.join('')} at ${at}`).toBe(searchedBack(names, at));
      }),
      { numRuns: 2000 },
    );
  });
});
