import type { IRecognitionException, IToken } from 'chevrotain';
import { byPosition, diagnostic, type Diagnostic, type Result } from '../diagnostics/diagnostic.js';
import type { Span } from '../source/span.js';
import type { Program } from './ast.js';
import { astBuilder } from './cst-to-ast.js';
import { lex } from './lexer.js';
import { parser } from './parser.js';
import { syntaxErrorDiagnostics } from './syntax-errors.js';

/** Lexes and parses Deluge. Never throws for bad input: problems come back as diagnostics with codes. */
export function parse(text: string): Result<Program> & { tokens: IToken[] } {
  const lexed = lex(text);
  parser.input = lexed.tokens;
  const cst = parser.program();
  const parseErrors: IRecognitionException[] = parser.errors;
  const built = astBuilder.build(cst, lexed.comments, text.length);
  const syntax = syntaxErrorDiagnostics(text, lexed.tokens, parseErrors, lexed.diagnostics);
  const diagnostics = dedupe([...lexed.diagnostics, ...syntax, ...built.diagnostics]).sort(byPosition);
  return { value: built.program, diagnostics, tokens: lexed.tokens };
}

/** One diagnostic per code and place: recovery can report the same spot twice. */
function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}:${d.span.start}:${d.span.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export type { Span };
export { diagnostic };
