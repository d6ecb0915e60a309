import { Lexer, type IToken } from 'chevrotain';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { allTokens, SmartQuoted, UnterminatedBlockComment, UnterminatedString } from './tokens.js';

const lexer = new Lexer(allTokens, {
  positionTracking: 'full',
  ensureOptimizations: true,
  // Lexer definition checks cost start-up time; the definition is fixed and covered by tests.
  skipValidations: true,
});

export interface LexResult {
  readonly tokens: IToken[];
  readonly comments: IToken[];
  readonly diagnostics: Diagnostic[];
}

const TYPOGRAPHIC_QUOTES = /[“”„‘’]/;

export function lex(text: string): LexResult {
  const result = lexer.tokenize(text);
  const diagnostics: Diagnostic[] = [];
  for (const error of result.errors) {
    const char = String.fromCodePoint(text.codePointAt(error.offset) ?? 0);
    const at = { start: error.offset, end: error.offset + error.length };
    if (TYPOGRAPHIC_QUOTES.test(char)) {
      diagnostics.push(diagnostic('DLG1004', at, `typographic quote '${char}': Deluge needs straight quotes (" or ')`));
    } else {
      diagnostics.push(diagnostic('DLG1001', at, unexpectedCharacterMessage(text.slice(at.start, at.end))));
    }
  }
  const comments = result.groups['comments'] ?? [];
  for (const token of result.tokens) {
    if (token.tokenType === SmartQuoted) {
      diagnostics.push(
        diagnostic('DLG1004', spanOf(token), 'typographic quotes around text: Deluge needs straight quotes ("…")', {
          fix: { span: spanOf(token), text: `"${token.image.slice(1, -1).replace(/"/g, '\\"')}"` },
        }),
      );
    } else if (token.tokenType === UnterminatedString) {
      diagnostics.push(
        diagnostic('DLG1002', { start: token.startOffset, end: token.startOffset + 1 }, 'text literal is never closed: add the closing quote'),
      );
    }
  }
  for (const comment of comments) {
    if (comment.tokenType === UnterminatedBlockComment) {
      diagnostics.push(
        diagnostic('DLG1003', { start: comment.startOffset, end: comment.startOffset + 2 }, "block comment is never closed: add '*/'"),
      );
    }
  }
  return { tokens: result.tokens, comments, diagnostics };
}

function unexpectedCharacterMessage(chars: string): string {
  if (chars.startsWith('&')) return "unexpected character '&': Deluge's logical AND is '&&'";
  if (chars.startsWith('|')) return "unexpected character '|': Deluge's logical OR is '||'";
  if (chars.startsWith('#')) return "unexpected character '#': Deluge comments start with '//'";
  const shown = chars.length > 20 ? `${chars.slice(0, 20)}…` : chars;
  // A control character is named by its code point too: its picture (␛) is not what the editor shows.
  const code = [...chars].length === 1 && /[\u0000-\u001f\u007f]/.test(chars) ? ` (U+${chars.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})` : '';
  return `unexpected character${[...chars].length > 1 ? 's' : ''} '${shown}'${code}`;
}

/** Chevrotain's `endOffset` is inclusive; spans are half-open. */
export function spanOf(token: IToken): { start: number; end: number } {
  return { start: token.startOffset, end: token.startOffset + token.image.length };
}
