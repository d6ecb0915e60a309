import { Lexer, type IToken } from 'chevrotain';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { BIDI_CONTROL_CHARACTERS } from '../source/code-frame.js';
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
  let result = lexer.tokenize(text);
  const diagnostics: Diagnostic[] = [];
  // `# note`: another language's comment. The rest of its line is no code (a quote there would start a text that runs
  // on over the code below): it is lexed again as spaces, until no `#` is left that was read as code.
  const hashes = new Set<number>();
  for (let round = 0; round < 50 && result.errors.some((e) => text[e.offset] === '#' && !hashes.has(e.offset)); round++) {
    for (const e of result.errors) if (text[e.offset] === '#') hashes.add(e.offset);
    result = lexer.tokenize(blankToLineEnds(text, [...hashes]));
  }
  for (const at of [...hashes].sort((a, b) => a - b)) {
    const hash = { start: at, end: at + 1 };
    diagnostics.push(diagnostic('DLG1001', hash, unexpectedCharacterMessage('#'), { fix: { span: hash, text: '//' } }));
  }
  // `Bearer ${token}`: the end of a template literal started by the error at that index (undefined: none there).
  const templates = result.errors.length > 0 ? templateLiterals(text, result.errors) : undefined;
  let skipUntil = -1;
  for (const error of result.errors) {
    if (error.offset < skipUntil) continue;
    const char = String.fromCodePoint(text.codePointAt(error.offset) ?? 0);
    const at = { start: error.offset, end: error.offset + error.length };
    const template = templates?.get(error.offset);
    if (template !== undefined) {
      skipUntil = template.end;
      diagnostics.push(template.diagnostic);
    } else if (TYPOGRAPHIC_QUOTES.test(char)) {
      diagnostics.push(diagnostic('DLG1004', at, `typographic quote '${char}': Deluge needs straight quotes (" or ')`));
    } else if (char === '\\' && /^\\\r?\n/.test(text.slice(error.offset, error.offset + 3))) {
      // A docs page's line break (`m = Map();\`) in a text too short for auto-detection to take it for a docs sample.
      const message = "unexpected character '\\' at the end of the line: docs pages show a line break as '\\'; remove it, or pass --docs";
      diagnostics.push(diagnostic('DLG1001', at, message));
    } else if (char === '&' && HTML_ENTITY.test(text.slice(error.offset, error.offset + 12))) {
      // `&quot;`, `&amp;&amp;`: the text was copied from a page's HTML source, where the characters are escaped.
      const entity = HTML_ENTITY.exec(text.slice(error.offset, error.offset + 12))![0];
      const meant = decodedEntity(entity);
      const span = { start: error.offset, end: error.offset + entity.length };
      const message = `'${entity}' is an HTML entity (the text was copied from a page's HTML source): write ${meant === undefined ? 'the character it stands for' : `'${meant}'`}`;
      diagnostics.push(diagnostic('DLG1001', span, message, meant === undefined ? {} : { fix: { span, text: meant } }));
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

/**
 * JavaScript's template literals, `` `Bearer ${token}` ``: the lexer drops both backticks and the `$` (three errors);
 * one diagnostic per literal, from its opening to its closing backtick, says to join text with `+`. By the offset of
 * the opening backtick. (A backtick inside a text or comment is no error, so only the dropped ones pair up.)
 */
function templateLiterals(text: string, errors: readonly { offset: number; length: number }[]): Map<number, { end: number; diagnostic: Diagnostic }> {
  const found = new Map<number, { end: number; diagnostic: Diagnostic }>();
  const ticks = errors.flatMap((e) => [...text.slice(e.offset, e.offset + e.length)].flatMap((c, i) => (c === '`' ? [e.offset + i] : [])));
  for (let i = 0; i + 1 < ticks.length; i += 2) {
    const start = ticks[i]!;
    const end = ticks[i + 1]! + 1;
    const inner = text.slice(start + 1, end - 1);
    // (One that runs over lines is shown at its opening backtick.)
    const span = /[\r\n]/.test(inner) ? { start, end: start + 1 } : { start, end };
    // Text parts in double quotes, `${…}` parts as they are (in parentheses when they hold more than a name or call).
    const parts: string[] = [];
    let rest = inner;
    let safe = !/[\r\n\\`]/.test(inner);
    while (rest.length > 0) {
      const open = rest.indexOf('${');
      if (open < 0) {
        parts.push(JSON.stringify(rest));
        break;
      }
      if (open > 0) parts.push(JSON.stringify(rest.slice(0, open)));
      const close = rest.indexOf('}', open);
      if (close < 0) {
        safe = false;
        break;
      }
      const expression = rest.slice(open + 2, close).trim();
      if (expression === '') safe = false;
      parts.push(/^[\w.]+(\([^()]*\))?$/.test(expression) ? expression : `(${expression})`);
      rest = rest.slice(close + 1);
    }
    const joined = parts.length > 0 ? parts.join(' + ') : '""';
    const hasValues = inner.includes('${');
    const shown = joined.length > 60 ? `${joined.slice(0, 60)}…` : joined;
    const message = hasValues
      ? `Deluge has no template literals: join text and values with '+'${safe ? ` (${shown})` : ''}`
      : `Deluge has no template literals: write text in double quotes${safe ? ` (${shown})` : ''}`;
    found.set(start, { end, diagnostic: diagnostic('DLG1001', span, message, safe ? { fix: { span: { start, end }, text: joined } } : {}) });
  }
  return found;
}

/** `text` with each of `starts` up to the end of its line made spaces (offsets and lines stay as they were). */
function blankToLineEnds(text: string, starts: readonly number[]): string {
  // (Built once, in order: a copy of the text per start was quadratic on a line of thousands of them.)
  const parts: string[] = [];
  let kept = 0;
  for (const start of [...starts].sort((a, b) => a - b)) {
    if (start < kept) continue; // already blanked, to the same line end
    let end = start;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    parts.push(text.slice(kept, start), ' '.repeat(end - start));
    kept = end;
  }
  parts.push(text.slice(kept));
  return parts.join('');
}

/** An HTML entity at the start of a text: named (`&quot;`) or numbered (`&#34;`, `&#x22;`). */
const HTML_ENTITY = /^&(?:quot|amp|lt|gt|apos|nbsp|#\d{1,6}|#x[0-9a-f]{1,6});/i;
const NAMED_ENTITIES: Readonly<Record<string, string>> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'", nbsp: ' ' };

/** The character an entity stands for. */
function decodedEntity(entity: string): string | undefined {
  const name = entity.slice(1, -1).toLowerCase();
  if (name.startsWith('#')) {
    const code = name.startsWith('#x') ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  }
  return NAMED_ENTITIES[name];
}

/** Characters a message shows otherwise than an editor does (as pictures, as U+FFFD): named by code point too. */
const NAMED_BY_CODE_POINT = new RegExp(`[\\u0000-\\u001f\\u007f${BIDI_CONTROL_CHARACTERS}]`);

function unexpectedCharacterMessage(chars: string): string {
  if (chars.startsWith('&')) return "unexpected character '&': Deluge's logical AND is '&&'";
  if (chars.startsWith('|')) return "unexpected character '|': Deluge's logical OR is '||'";
  if (chars.startsWith('#')) return "unexpected character '#': Deluge comments start with '//'";
  const shown = chars.length > 20 ? `${chars.slice(0, 20)}…` : chars;
  // A control character is named by its code point too: its picture (␛) is not what the editor shows.
  // So is a bidirectional control, shown as U+FFFD (it would reorder the printed line).
  const code = [...chars].length === 1 && NAMED_BY_CODE_POINT.test(chars) ? ` (U+${chars.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})` : '';
  return `unexpected character${[...chars].length > 1 ? 's' : ''} '${shown}'${code}`;
}

/** Chevrotain's `endOffset` is inclusive; spans are half-open. */
export function spanOf(token: IToken): { start: number; end: number } {
  return { start: token.startOffset, end: token.startOffset + token.image.length };
}
