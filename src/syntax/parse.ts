import { createTokenInstance, type IRecognitionException, type IToken, type TokenType } from 'chevrotain';
import { byPosition, diagnostic, type Diagnostic, type Result } from '../diagnostics/diagnostic.js';
import { SourceFile } from '../source/source-file.js';
import type { Span } from '../source/span.js';
import { SPAN_PROPERTIES, type Program } from './ast.js';
import { markConditionEquals } from './condition-equals.js';
import { insertImpliedSemicolons } from './implied-semicolons.js';
import { astBuilder } from './cst-to-ast.js';
import { looksLikeDocsSample, normaliseDocsSample } from './docs-sample.js';
import { repairTokens } from './repairs.js';
import { lex, type LexResult } from './lexer.js';
import { parser } from './parser.js';
import * as T from './tokens.js';
import { alternativeOf, dropEchoes, firstTokenAtOrAfter, insertionOf, isExtraCloser, syntaxErrorDiagnostics, textClosedTooLate } from './syntax-errors.js';

export interface ParseOptions {
  /**
   * Treat the text as copied from a Zoho docs page (see docs-sample.ts): `true`, `false`, or `'auto'` (the
   * default) to detect it. Spans in the result always point into the text as given.
   */
  readonly docs?: boolean | 'auto';
}

export interface ParseResult extends Result<Program> {
  readonly tokens: readonly IToken[];
  /** Whether docs-sample artefacts were removed before parsing. */
  readonly docsNormalised: boolean;
}

/**
 * The longest text parsed, in characters (UTF-16 code units). Parsing holds about 450 MB of tokens and trees per million
 * characters (measured: 2 MB of code took 0.9 GB and 5 s; 10 MB 4.1 GB and 46 s, and 20 MB ran out of memory, or
 * overflowed the regular expressions' backtracking stack in the lexer first). A choice: no Zoho page names a limit, and
 * functions are kilobytes.
 */
export const MAX_SCRIPT_LENGTH = 2_000_000;

/** Lexes and parses Deluge. Never throws for bad input: problems come back as diagnostics with codes. */
export function parse(text: string, options: ParseOptions = {}): ParseResult {
  if (text.length > MAX_SCRIPT_LENGTH) return { value: emptyProgram(text.length), diagnostics: [tooLong(text)], tokens: [], docsNormalised: false };
  const docs = options.docs ?? 'auto';
  if (docs === true || (docs === 'auto' && looksLikeDocsSample(text))) {
    // Detected, not asked for: a text that parses as it stands is a script, not a paste (`CopiedRecords = 1;`,
    // comments ending in `\`), and the clean-up must not touch its names, comments or texts.
    if (docs === 'auto') {
      const raw = parseText(text);
      if (!raw.diagnostics.some((d) => d.severity === 'error')) return { ...raw, docsNormalised: false };
    }
    const clean = normaliseDocsSample(text);
    if (clean.changed) {
      const result = parseText(clean.text);
      const remap = (s: Span): Span => ({ start: clean.toOriginal(s.start), end: s.end > s.start ? clean.toOriginal(s.end - 1) + 1 : clean.toOriginal(s.start) });
      return {
        value: { ...remapSpans(result.value, remap), span: { start: 0, end: text.length } },
        diagnostics: result.diagnostics.map((d) => remapSpans(d, remap)),
        tokens: result.tokens.map((t) => remapToken(t, clean.toOriginal)),
        docsNormalised: true,
      };
    }
  }
  return { ...parseText(text), docsNormalised: false };
}

/** What the parser holds between parses: its last input is let go (the shared parser would keep a file's tokens alive). */
const NO_TOKENS: IToken[] = [];

/** The text parsed, with what its mistakes are said as once the repairs below have been tried. */
function parseText(text: string): ParsedText {
  const said = parseTextRepaired(text);
  const nested = said.diagnostics.some((d) => text.startsWith('*/', d.span.start)) ? nestedCommentsSaid(text, said) : undefined;
  return nested ?? said;
}

/**
 * `/* … /* old *\/ … *\/`: block comments do not nest, so the first `*\/` ends the outer one, the lines after it are
 * read as code and the last `*\/` closes nothing. The parser's word for that `*\/` ("unexpected '* …'") becomes what
 * happened, naming the comment and where it ended.
 */
function nestedCommentsSaid(text: string, result: ParsedText): ParsedText | undefined {
  const file = new SourceFile('', text);
  let changed = false;
  const diagnostics = result.diagnostics.map((d) => {
    if (d.severity !== 'error' || !text.startsWith('*/', d.span.start)) return d;
    const comment = result.value.comments.findLast((c) => c.span.end <= d.span.start && text.startsWith('/*', c.span.start) && text.slice(c.span.start + 2, c.span.end - 2).includes('/*'));
    if (comment === undefined) return d;
    changed = true;
    const opened = file.position(comment.span.start).line;
    const ended = file.position(comment.span.end - 2).line;
    return diagnostic(
      'DLG2002',
      { start: d.span.start, end: d.span.start + 2 },
      `this '*/' closes no comment: block comments do not nest, so the comment opened on line ${opened} ended at the '*/' on line ${ended} (of the '/*' inside it), and the lines after that were read as code: end the inner comment another way (// …)`,
      { related: [{ span: { start: comment.span.end - 2, end: comment.span.end }, message: 'the comment ends here' }] },
    );
  });
  return changed ? { ...result, diagnostics } : undefined;
}

/** The text parsed as it stands and, when it has errors, again with each usual mistake repaired (curl, quotes, …). */
function parseTextRepaired(text: string): ParsedText {
  const result = parseTextAsItStands(text);
  if (!result.diagnostics.some((d) => d.severity === 'error')) return result;
  const curl = curlCommandAt(text);
  if (curl !== undefined) return { ...result, diagnostics: [curl] };
  const header = pageHeaderAt(text);
  if (header !== undefined) return parsedWithout(text, header.span.start, header.span.end, header);
  const before = textBeforePageAt(text, result);
  if (before !== undefined) return parsedWithout(text, before.start, before.end, before.diagnostic);
  const quoted = withQuoteInserted(text, result);
  if (quoted !== undefined) return quoted;
  const apostrophe = withApostropheInSingleQuotes(text, result);
  if (apostrophe !== undefined) return apostrophe;
  return result.diagnostics.filter((d) => d.severity === 'error').length > 1 ? withTextClosed(text, result) ?? result : result;
}

/**
 * The text parsed with `start..end` read as blank lines (a page's header or the text before its first island, which
 * `said` reports once), so the rest is checked as it stands at the same positions.
 */
function parsedWithout(text: string, start: number, end: number, said: Diagnostic): ParsedText {
  const page = parseText(text.slice(0, start) + text.slice(start, end).replace(/[^\r\n]/g, ' ') + text.slice(end));
  return { ...page, diagnostics: [said, ...page.diagnostics].sort(byPosition) };
}

/**
 * `info 'it's done';`, `x = 'O'Brien';`: an apostrophe inside a text in single quotes ends it there, the rest of the
 * words read as code and the last `'` left unclosed. When the text in double quotes (the same length: its two quotes
 * swapped for `"`) makes that line parse, that is said once, with the double-quoted text as the fix; the script is
 * checked on as it would then stand.
 */
function withApostropheInSingleQuotes(text: string, result: ParsedText): ParsedText | undefined {
  for (const unclosed of result.diagnostics) {
    const at = unclosed.span.start;
    if (unclosed.code !== 'DLG1002' || text[at] !== "'") continue;
    const lineStart = lineStartAt(text, at);
    const opened = result.tokens.findLast((t) => t.tokenType === T.SingleQuoted && t.startOffset >= lineStart && t.startOffset < at);
    if (opened === undefined) continue;
    const end = opened.startOffset + opened.image.length;
    // The text stops right before a word (`'it's`), and no other quote lies between it and the one left open.
    if (!/[\p{L}\p{N}]/u.test(text[end] ?? '') || text.slice(end, at).includes("'") || text.slice(opened.startOffset, at + 1).includes('"')) continue;
    const swapped = `${text.slice(0, opened.startOffset)}"${text.slice(opened.startOffset + 1, at)}"${text.slice(at + 1)}`;
    const fixed = parseTextAsItStands(swapped);
    const lineEnd = text.slice(at).search(/\r|\n|$/) + at;
    if (fixed.diagnostics.some((d) => d.severity === 'error' && d.span.start >= lineStart && d.span.start <= lineEnd)) continue;
    const span = { start: opened.startOffset, end: at + 1 };
    const meant = text.slice(opened.startOffset + 1, at);
    const said = diagnostic('DLG1002', span, `the ' in "${meant}" ends this text in single quotes early (the rest is read as code, and the last ' opens a text never closed): write the text in double quotes`, {
      fix: { span, text: `"${meant}"` },
    });
    return { ...fixed, diagnostics: [said, ...fixed.diagnostics].sort(byPosition), tokens: result.tokens };
  }
  return undefined;
}

/**
 * `if (r.get("code) != 3000)`: a closing quote left out inside a line, where the text should end before the first
 * `)`, `,`, `+`, `;`, `]` or `}` that follows its opening quote (spaces before it stay outside). On the lines with an
 * odd number of quotes, up to the first error's, such places are tried (a few, the nearest lines first), each with a
 * parse; one after which the whole script parses is the mistake: one diagnostic at that text, with the quote as the fix.
 */
function withQuoteInserted(text: string, result: ParsedText): ParsedText | undefined {
  const file = new SourceFile('', text);
  const firstError = result.diagnostics.find((d) => d.severity === 'error')!;
  const candidates: { opening: number; at: number; missingOpening?: true }[] = [];
  for (let line = file.position(firstError.span.start).line; line >= 1 && candidates.length < MAX_QUOTES_TRIED; line--) {
    const content = file.lineText(line);
    if (/^\s*\/\//.test(content)) continue;
    const start = file.lineStart(line);
    const quotes = [...content.matchAll(/(?<!\\)"/g)].map((m) => start + m.index);
    if (quotes.length % 2 === 0) continue;
    // `x = abc";`: the last quote closes a text whose opening quote is missing, before the word it ends.
    const last = quotes[quotes.length - 1]!;
    const word = /[\w$]+$/.exec(text.slice(start, last));
    if (word !== null && !/^\d/.test(word[0])) candidates.push({ opening: last, at: last - word[0].length, missingOpening: true });
    for (let q = 0; q < quotes.length && candidates.length < MAX_QUOTES_TRIED; q += 2) {
      const opening = quotes[q]!;
      const stop = /[)+,;\]}]/.exec(text.slice(opening + 1, quotes[q + 1] ?? start + content.length));
      if (stop === null) continue;
      let at = opening + 1 + stop.index;
      while (at > opening + 1 && (text[at - 1] === ' ' || text[at - 1] === '\t')) at--;
      if (at > opening + 1) candidates.push({ opening, at });
      // `toString(",)`, `split(";)`: the separator itself is the text, its closing quote after it.
      else if (stop.index === 0 && ',;+'.includes(stop[0])) candidates.push({ opening, at: opening + 2 });
    }
  }
  for (const { opening, at, missingOpening } of candidates) {
    const quoted = `${text.slice(0, at)}"${text.slice(at)}`;
    const fixed = parseTextAsItStands(quoted);
    // (A ';' left out at the end of that line too is a mistake of its own, said with this one.)
    const quotedFile = new SourceFile('', quoted);
    const line = file.position(opening).line;
    if (fixed.diagnostics.some((d) => d.severity === 'error' && !(d.code === 'DLG2001' && quotedFile.position(d.span.start).line === line))) continue;
    if (missingOpening) {
      const missing = diagnostic('DLG1002', { start: at, end: opening + 1 }, `this text's opening quote is missing: write "${text.slice(at, opening)}"`, {
        fix: { span: { start: at, end: at }, text: '"' },
      });
      return { ...result, diagnostics: [missing, ...fixed.diagnostics.map((d) => remapSpans(d, withoutCharacterAt(at)))].sort(byPosition) };
    }
    const next = text.indexOf('"', opening + 1);
    const nextAt = next < 0 ? undefined : file.position(next);
    const where =
      nextAt === undefined ? 'to the end of the script' : nextAt.line === file.position(opening).line ? `to the '"' at column ${nextAt.column}` : `to the '"' on line ${nextAt.line}`;
    const missing = diagnostic(
      'DLG1002',
      { start: opening, end: opening + 1 },
      `this text's closing quote is missing: it ends after '${endOfText(text.slice(opening + 1, at))}' (as written, it runs on ${where}, and what follows is read as code)`,
      { fix: { span: { start: at, end: at }, text: '"' } },
    );
    return { ...result, diagnostics: [missing, ...fixed.diagnostics.map((d) => remapSpans(d, withoutCharacterAt(at)))].sort(byPosition) };
  }
  return undefined;
}

/** Spans of the text with one character put in at `at`, mapped back to the text as given. */
function withoutCharacterAt(at: number): (s: Span) => Span {
  return (s) => ({ start: s.start > at ? s.start - 1 : s.start, end: s.end > at ? s.end - 1 : s.end });
}

/** How many places a closing quote may have been left out are tried, one parse each. */
const MAX_QUOTES_TRIED = 6;

/**
 * Zoho's API pages give each sample twice, as curl and as Deluge, and the curl one gets pasted where a script is
 * expected: every word of it is then a syntax error. A text that begins (after comments, a docs page's `Copied`, a
 * shell prompt) with `curl` and a URL or an option is said to be one, once, with the command that converts it.
 */
function curlCommandAt(text: string): Diagnostic | undefined {
  const start = /^(?:\s+|\/\/[^\r\n]*|\/\*[\s\S]*?\*\/)*(?:Copied)?(?:\$[ \t]+)?/.exec(text)![0].length;
  if (!/^curl[ \t]+(?:['"]?https?:\/\/|-)/.test(text.slice(start))) return undefined;
  return diagnostic(
    'DLG2016',
    { start, end: start + 'curl'.length },
    "this is a curl command, not Deluge: 'deluge import --file FILE' (or 'deluge import -- curl …') converts it into an invokeurl block",
  );
}

/**
 * A Creator page copied out of a .ds file (the application file Creator exports) keeps the lines that declare it
 * there: `htmlpage Invoice_Template(inv_no)`, `displayname = "…"`, `content`, then the page's `<%{ … }%>`. Those lines
 * are not Deluge (each one read as a statement missing its `;`). A text that begins (after comments) with such a header
 * is said to have one, once; the page after it is parsed as it stands, the header read as blank lines. (A choice: no
 * Zoho page documents the .ds syntax; grammar/README.md §14.)
 */
function pageHeaderAt(text: string): Diagnostic | undefined {
  const start = /^(?:\s+|\/\/[^\r\n]*|\/\*[\s\S]*?\*\/)*/.exec(text)![0].length;
  const header = /^htmlpage[ \t]+([A-Za-z_]\w*[ \t]*\([^)]*\))(?:[ \t]*\r?\n[ \t]*[A-Za-z_]\w*(?:[ \t]+\w+)*[ \t]*=[^\r\n]*)*\s*content\b(?=\s*<)/.exec(text.slice(start));
  if (header === null) return undefined;
  return diagnostic(
    'DLG2017',
    { start, end: start + header[0].length },
    `'htmlpage ${header[1]!.replace(/\s+/g, '')}' … 'content' is the page's header in a .ds file, not Deluge: the page editor holds what follows 'content', from '<%{' on (the page's parameters come from its URL)`,
  );
}

/**
 * A Creator page's HTML before its first island is read as HTML when it begins with a tag (`<h1>…</h1> <%{`,
 * PageHtmlThenCode in tokens.ts); other text there (`Hello, <%{ … }%>`, a `// …` line) is read as Deluge, and fails at
 * its first word with a missing ';' or a docs placeholder. When the first error lies before the page's first `<%{` or
 * `<%=`, with no `%>` before it, that text is said to be the mistake, once, and the page from its first island on is
 * parsed as it stands, the text read as blank lines. (A choice, grammar/README.md §14.)
 */
function textBeforePageAt(text: string, result: ParsedText): { diagnostic: Diagnostic; start: number; end: number } | undefined {
  const start = /^\s*/.exec(text)![0].length;
  const island = /<%\s*\{|<%=/.exec(text.slice(start));
  if (island === null || island.index === 0) return undefined;
  const end = start + island.index;
  // `"<p><%=name%></p>"` in a string, or `<%{` in a comment, is no island: the script's own error stands.
  const covers = (from: number, to: number) => from < end && end < to;
  if (result.tokens.some((t) => covers(t.startOffset, (t.endOffset ?? t.startOffset) + 1)) || result.value.comments.some((c) => covers(c.span.start, c.span.end))) return undefined;
  const firstError = result.diagnostics.find((d) => d.severity === 'error');
  if (firstError === undefined || firstError.span.start >= end || text.slice(start, end).includes('%>')) return undefined;
  const firstLine = text.slice(start, end).split(/\r\n|\r|\n/)[0]!.trimEnd();
  const shown = firstLine.length > 30 ? `${firstLine.slice(0, 30)}…` : firstLine;
  const opener = text.startsWith('<%=', end) ? '<%=' : '<%{';
  return {
    diagnostic: diagnostic(
      'DLG2002',
      { start, end: start + firstLine.length },
      `'${shown}' is text before the page's first '${opener}', read as Deluge: HTML before a page's first island must begin with a tag ('<p>…</p>')`,
    ),
    start,
    end,
  };
}

/** Whether the text is a curl command pasted where a script is expected (what DLG2016 says of it). */
export function isCurlCommand(text: string): boolean {
  return curlCommandAt(text) !== undefined;
}

/**
 * `m.put("a, 1);`: a text whose closing quote is left out runs on to the next `"`, and from there on texts and code
 * swap places, each swap another error. A text that runs over a line end (one of the first few, or of the last few,
 * starting up to the line of the first error: the swap may reach far past the mistake) is closed on its first line, before the line's closing brackets and `;` or at its end, and the
 * text parsed again. A closing that leaves no error in what the text held (a text meant to span lines would) and none
 * new before it is taken, the one leaving the fewest errors: one diagnostic for that line, at the text that ends early,
 * and what the parse with the text closed says elsewhere (the script's other mistakes, if any).
 */
function withTextClosed(text: string, result: ParsedText): ParsedText | undefined {
  const isError = (d: Diagnostic) => d.severity === 'error';
  // (An unclosed bracket is said where it opens, before the mistake: the first error that is not one.)
  const firstError = result.diagnostics.find((d) => isError(d) && d.code !== 'DLG2003') ?? result.diagnostics.find(isError)!;
  const firstErrorLineEnd = firstError.span.start + text.slice(firstError.span.start).search(/\r|\n|$/);
  // (A text never closed at all runs over its line end too, to the end of the script.)
  const runsOver = result.tokens.filter(
    (t) => (t.tokenType === T.DoubleQuoted || (t.tokenType === T.UnterminatedString && t.image.startsWith('"'))) && t.startOffset <= firstErrorLineEnd && /\r|\n/.test(t.image),
  );
  let best: { elsewhere: Diagnostic[]; lineStart: number; lineEnd: number; run: IToken } | undefined;
  for (const run of new Set([...runsOver.slice(0, MAX_TEXTS_CLOSED), ...runsOver.slice(-MAX_TEXTS_CLOSED)])) {
    const lineStart = lineStartAt(text, run.startOffset);
    const lineEnd = run.startOffset + run.image.search(/\r|\n/);
    const onLine = (d: Diagnostic) => d.span.start >= lineStart && d.span.start <= lineEnd;
    // Closed before the line's closing brackets and ';' (`m.put("a, 1);`), or at its end.
    const beforeClosers = run.startOffset + 1 + run.image.slice(1, lineEnd - run.startOffset).search(/[)\]}]*;?\s*$/);
    for (const at of new Set([beforeClosers, lineEnd])) {
      const back = withoutCharacterAt(at);
      const closed = parseTextAsItStands(`${text.slice(0, at)}"${text.slice(at)}`);
      const elsewhere = closed.diagnostics.map((d) => remapSpans(d, back)).filter((d) => !onLine(d));
      const errors = elsewhere.filter(isError);
      // A text meant to run over lines, closed, leaves what it held in error; a wrong closing, the lines before in error.
      if (errors.some((d) => d.span.start > lineEnd && d.span.start < run.startOffset + run.image.length)) continue;
      if (errors.filter((d) => d.span.start < lineStart).length > result.diagnostics.filter((d) => isError(d) && d.span.start < lineStart).length) continue;
      if (best === undefined || errors.length < best.elsewhere.filter(isError).length) best = { elsewhere, lineStart, lineEnd, run };
    }
  }
  if (best === undefined) return undefined;
  const { elsewhere, lineStart, lineEnd, run } = best;
  const said = result.diagnostics.filter((d) => d.span.start >= lineStart && d.span.start <= lineEnd);
  // What the parser said first on that line was said of the swapped reading (a missing ';' before a word of a text):
  // the mistake is the text before it, that ends early.
  const stumbled = said.find(isError)?.span.start ?? run.startOffset;
  const early = result.tokens.findLast((t) => t.tokenType === T.DoubleQuoted && t.startOffset >= lineStart && t.startOffset <= stumbled) ?? run;
  const end = early.startOffset + early.image.length - 1;
  const column = end - lineStart + 1;
  // The text running over is the line's last, after texts of its own: the quote left out may be in any of them.
  const firstOnLine = result.tokens.find((t) => t.tokenType === T.DoubleQuoted && t.startOffset >= lineStart);
  const amongOthers = early === run && firstOnLine !== undefined && firstOnLine !== run;
  const at = amongOthers ? firstOnLine : early;
  const unclosed = diagnostic(
    'DLG1002',
    { start: at.startOffset, end: at.startOffset + 1 },
    amongOthers
      ? `the quotes on this line do not pair up: a closing quote is missing in one of its texts (as written, the last one, at column ${run.startOffset - lineStart + 1}, runs on to the next line, and what its quotes enclose is read as code)`
      : early === run
        ? 'text literal is never closed on its line: add the closing quote'
        : `the quotes on this line do not pair up: a closing quote is missing in or after this text (as written, it ends at the '"' at column ${column}, and what follows is read as code)`,
  );
  return { ...result, diagnostics: [unclosed, ...said.filter((d) => !isError(d)), ...elsewhere].sort(byPosition) };
}

/** How many texts running over a line end (the first and the last before the first error) are tried closed, one parse each. */
const MAX_TEXTS_CLOSED = 3;

function parseTextAsItStands(text: string): ParsedText {
  const lexed = lex(text);
  const first = parseTokens(text, lexed.tokens, lexed);
  if (!first.diagnostics.some((d) => d.severity === 'error')) return first;
  // Mistakes that spoil what follows them are parsed again as meant, each said once: a keyword run together or
  // misspelled (and the like) and a closing bracket too many, then a token left out where there is no doubt where.
  const fixed = withoutSpoilers(text, lexed, first);
  // One token put in at a time, the first: what is said after a mistake may be its echo. (What was said of the tokens
  // put in, and of those repaired, is kept: the parse with them cannot say it.)
  let { result, tokens } = fixed;
  const said = [...fixed.kept];
  for (let round = 0, rounds = insertionRounds(text, errorCount(first)); round < rounds; round++) {
    const first = result.diagnostics.find((d) => insertionOf(d) !== undefined && !said.includes(d));
    if (first === undefined) break;
    let chosen = first;
    let inserted = withInserted(tokens, insertionOf(first)!);
    let again = parseTokens(text, inserted, lexed);
    // Another place for it, taken when the text parses better so (fewer errors).
    const alternative = alternativeOf(first);
    if (alternative !== undefined) {
      const otherTokens = withInserted(tokens, insertionOf(alternative)!);
      const other = parseTokens(text, otherTokens, lexed);
      if (errorCount(other) < errorCount(again)) [chosen, inserted, again] = [alternative, otherTokens, other];
    }
    said.push(chosen);
    tokens = inserted;
    result = { ...again, diagnostics: dedupe([...said, ...again.diagnostics]).sort(byPosition), tokens: lexed.tokens };
  }
  return result;
}

function errorCount(result: ParsedText): number {
  return result.diagnostics.filter((d) => d.severity === 'error').length;
}

/**
 * How many left-out tokens are put in, one parse each, before the rest is reported as it stands: as many as parsing
 * about INSERTION_BUDGET characters again allows, at least MIN_INSERTIONS (a large file) and at most MAX_INSERTIONS.
 * A list of 9 values with no comma between them is 8 tokens left out, each found only once the one before is put
 * in (five rounds reported the first six of them, and the rest only on the next run). An error costs the parse its
 * recovery, about as much as ERROR_WEIGHT characters (measured: 500 lines each with a `(` left open took 100 ms a
 * parse against 7 ms for as many clean lines, and 50 rounds of it 11 s): a file of many errors gets fewer rounds.
 */
const MIN_INSERTIONS = 5;
const MAX_INSERTIONS = 50;
const INSERTION_BUDGET = 400_000;
const ERROR_WEIGHT = 200;

export function insertionRounds(text: string, errors: number): number {
  return Math.max(MIN_INSERTIONS, Math.min(MAX_INSERTIONS, Math.floor(INSERTION_BUDGET / Math.max(1, text.length + ERROR_WEIGHT * errors))));
}

/**
 * How many closers too many are tried one place earlier (`if (a.b()) > c)`), one parse of the whole text each: as many
 * as parsing about CLOSER_RETRY_BUDGET characters again allows (measured: 100 such lines, 100 parses, took 0.5 s; 800
 * took 16 s before this bound), at least MIN_INSERTIONS. The rest are reported where they stand.
 */
const CLOSER_RETRY_BUDGET = 4_000_000;

function closerRetries(text: string, errors: number): number {
  return Math.max(MIN_INSERTIONS, Math.floor(CLOSER_RETRY_BUDGET / Math.max(1, text.length + ERROR_WEIGHT * errors)));
}

type ParsedText = Result<Program> & { tokens: IToken[] };

/**
 * The text parsed again with keywords repaired and closers too many left out (`first` when there is none): the result,
 * the tokens it read, and its diagnostics of what those tokens no longer show.
 */
function withoutSpoilers(text: string, lexed: LexResult, first: ParsedText): { result: ParsedText; tokens: IToken[]; kept: Diagnostic[] } {
  const repaired = repairTokens(lexed.tokens);
  const extra = first.diagnostics.filter(isExtraCloser);
  if (repaired === undefined && extra.length === 0) return { result: first, tokens: lexed.tokens, kept: [] };
  const removed = new Set(extra.map((d) => d.span.start));
  const base = repaired?.tokens ?? lexed.tokens;
  const without = () => base.filter((t) => !(removed.has(t.startOffset) && CLOSING.has(t.image)));
  let second = parseTokens(text, without(), lexed);
  const file = new SourceFile('', text);
  const lineOf = (offset: number) => file.position(offset).line;
  // (Indexed by line, once per parse: a file of thousands of closers too many asks once per closer.)
  const errorsByLine = new WeakMap<ParsedText, Map<number, Diagnostic[]>>();
  const errorOnLine = (result: ParsedText, d: Diagnostic, before = Infinity) => {
    let byLine = errorsByLine.get(result);
    if (byLine === undefined) {
      byLine = new Map();
      for (const e of result.diagnostics) {
        if (e.severity !== 'error') continue;
        const line = lineOf(e.span.start);
        const onLine = byLine.get(line);
        if (onLine === undefined) byLine.set(line, [e]);
        else onLine.push(e);
      }
      errorsByLine.set(result, byLine);
    }
    return byLine.get(lineOf(d.span.start))?.find((e) => e.span.start < before);
  };
  let retries = closerRetries(text, errorCount(first));
  const closers = extra.map((d) => {
    const early = errorOnLine(second, d, d.span.start);
    // `if (x == 1)` with its block indented under it and a '}' after, the '{' left out: removing the '}' would make the
    // lines after the first run whatever the condition; the '{' is what is missing.
    const header = text[d.span.start] === '}' ? bracelessHeaderClosedBy(text, d.span.start) : undefined;
    if (header !== undefined) {
      const at = { start: header.end, end: header.end };
      return diagnostic(
        'DLG2004',
        d.span,
        `'}' has no matching '{': the '${header.keyword}' on line ${lineOf(header.start)} has no '{' after it, though the lines up to this '}' are indented as its block: add '{' at the end of line ${lineOf(header.start)}`,
        { fix: { span: at, text: ' {' }, related: [{ span: at, message: "'{' goes here" }] },
      );
    }
    // What is left of its line parses: removing it is the fix.
    if (early === undefined) return errorOnLine(second, d) ? d : { ...d, fix: { span: d.span, text: '' } };
    // `if (a.b()) > c)`: the closer too many is the one before what the parser stumbled on, when without it the line parses.
    const closer = text[d.span.start]!;
    const culprit = base[firstTokenAtOrAfter(base, early.span.start) - 1];
    if (culprit === undefined || culprit.image !== closer || retries-- <= 0) return d;
    removed.delete(d.span.start);
    removed.add(culprit.startOffset);
    const retry = parseTokens(text, without(), lexed);
    if (errorOnLine(retry, d)) {
      removed.delete(culprit.startOffset);
      removed.add(d.span.start);
      return d;
    }
    second = retry;
    const span = { start: culprit.startOffset, end: culprit.startOffset + 1 };
    const next = text.slice(span.end).trimStart().split(/\s/)[0];
    const column = d.span.start - lineStartAt(text, d.span.start) + 1;
    return diagnostic('DLG2004', span, `one '${closer}' too many: this one ends the brackets before '${next} …', leaving the '${closer}' at column ${column} without an opener: remove this one`, { fix: { span, text: '' } });
  });
  const kept = [...(repaired?.diagnostics ?? []), ...closers];
  return { result: { ...second, diagnostics: dedupe([...kept, ...second.diagnostics]).sort(byPosition), tokens: lexed.tokens }, tokens: without(), kept };
}

/** Where the line holding `offset` starts. */
function lineStartAt(text: string, offset: number): number {
  // (Not `lastIndexOf` of each: with no '\r' in the text it searches back to the start, once per closer too many.)
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return start;
}

/** The heads of blocks, as a line starts with them. */
const BLOCK_HEAD = /^(if|else if|else|for each|try|catch)\b/;

/**
 * The head of a block written without its '{' that the '}' at `closer` would close by indentation: the nearest line
 * above at the '}'s indentation, a head (`if (…)`, `else`, `for each …`, `try`, `catch (…)`) with no '{' at its end or
 * at the start of the next line, and every line between them indented further. Its keyword, and where its line starts
 * and its text ends.
 */
function bracelessHeaderClosedBy(text: string, closer: number): { keyword: string; start: number; end: number } | undefined {
  // (Only blanks before it on its line: looked at backwards from it, as a line of thousands of closers has.)
  let closerLine = closer;
  while (closerLine > 0 && (text[closerLine - 1] === ' ' || text[closerLine - 1] === '\t')) closerLine--;
  if (closerLine > 0 && text[closerLine - 1] !== '\n' && text[closerLine - 1] !== '\r') return undefined;
  const indent = text.slice(closerLine, closer);
  let end = closerLine - 1;
  let inside = 0;
  /** The line right under the head, once found: the last one the walk up passed. */
  let firstInside = '';
  while (end > 0) {
    const start = lineStartAt(text, end);
    const line = text.slice(start, end).replace(/\r$/, '');
    end = start - 1;
    if (line.trim() === '') continue;
    const lineIndent = /^[ \t]*/.exec(line)![0];
    if (lineIndent.length > indent.length && lineIndent.startsWith(indent)) {
      inside++;
      firstInside = line.trim();
      continue;
    }
    // (A `{` on the line under the head, indented: GNU style, the block is braced.)
    if (lineIndent !== indent || inside < 2 || firstInside.startsWith('{')) return undefined;
    const code = withoutLineComment(line.slice(indent.length)).trimEnd();
    const head = BLOCK_HEAD.exec(code);
    if (head === null || code.endsWith('{') || code.endsWith(';')) return undefined;
    return { keyword: head[1]!, start, end: start + indent.length + code.length };
  }
  return undefined;
}

/** A line without its `//` comment: the first `//` outside a text (`"https://…"` holds one). */
function withoutLineComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote !== undefined) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '/' && line[i + 1] === '/') return line.slice(0, i);
  }
  return line;
}

/** `tokens` with a token of the insertion's type put in at its offset. */
function withInserted(tokens: IToken[], { type, at }: { type: TokenType; at: number }): IToken[] {
  const out = [...tokens];
  const index = out.findIndex((t) => t.startOffset >= at);
  const near = out[index < 0 ? out.length - 1 : index];
  const image = type === T.Comma ? ',' : type === T.RParen ? ')' : type === T.RCurly ? '}' : ']';
  out.splice(index < 0 ? out.length : index, 0, createTokenInstance(type, image, at, at, near?.startLine ?? NaN, near?.startLine ?? NaN, near?.startColumn ?? NaN, near?.startColumn ?? NaN));
  return out;
}

const CLOSING: ReadonlySet<string> = new Set([')', ']', '}']);

function parseTokens(text: string, lexedTokens: IToken[], lexed: LexResult): ParsedText {
  // (Parsed again: an `=` the first parse took for a comparison is an assignment until this one decides.)
  if (lexedTokens !== lexed.tokens) for (const t of lexedTokens) if (t.tokenType === T.ConditionEquals) Object.assign(t, { tokenType: T.Assign, tokenTypeIdx: T.Assign.tokenTypeIdx });
  markConditionEquals(lexedTokens);
  const tokens = insertImpliedSemicolons(lexedTokens);
  parser.input = tokens;
  let built: ReturnType<typeof astBuilder.build>;
  let parseErrors: IRecognitionException[];
  // Chevrotain's recovery throws an Error subclass at every mistake, and capturing each one's stack took a third of
  // the parse of a file of thousands of mistakes; no one reads those stacks.
  const stackTraceLimit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = 0;
    const cst = parser.program();
    Error.stackTraceLimit = stackTraceLimit;
    parseErrors = parser.errors;
    built = astBuilder.build(cst, lexed.comments, text.length, parseErrors.length > 0, tokens);
  } catch (error) {
    // The parser and the tree builder recurse; nesting hundreds of levels deep exhausts the stack.
    if (!(error instanceof RangeError)) throw error;
    return { value: emptyProgram(text.length), diagnostics: [tooDeep(tokens)], tokens: lexed.tokens };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
    parser.input = NO_TOKENS;
  }
  const syntax = syntaxErrorDiagnostics(text, tokens, parseErrors, lexed.diagnostics);
  const all = dedupe([...lexed.diagnostics, ...syntax, ...built.diagnostics]).sort(byPosition);
  let diagnostics = dropEchoes(all, tokens);
  // (Only a text with errors can hold one: a valid script is not searched.)
  const unclosed = all.some((d) => d.severity === 'error') ? textClosedTooLate(tokens, all) : undefined;
  if (unclosed) {
    // Past the text whose closing quote is missing, texts and code have swapped places: nothing there is reported.
    const runsTo = unclosed.startLine! + (unclosed.image.match(/\r\n|\r|\n/g)?.length ?? 0);
    // An opener before it whose closer comes later was paired with what the texts' swap made of the rest: noise too.
    const rest = text.slice(unclosed.startOffset);
    const closedLater = (d: Diagnostic) => d.code === 'DLG2003' && rest.includes({ '(': ')', '[': ']', '{': '}' }[text[d.span.start]!] ?? '\0');
    diagnostics = [
      ...diagnostics.filter((d) => d.span.start < unclosed.startOffset && !closedLater(d)),
      diagnostic('DLG1002', { start: unclosed.startOffset, end: unclosed.startOffset + 1 }, `text literal is never closed on its line: add the closing quote (as written, it ends at the next '"', on line ${runsTo})`),
    ];
  }
  return { value: built.program, diagnostics, tokens: lexed.tokens };
}

function emptyProgram(length: number): Program {
  return { kind: 'Program', span: { start: 0, end: length }, body: [], comments: [] };
}

/** DLG2019 at the start of a text longer than MAX_SCRIPT_LENGTH. */
function tooLong(text: string): Diagnostic {
  const millions = (text.length / 1_000_000).toLocaleString('en-US', { maximumFractionDigits: 1 });
  return diagnostic(
    'DLG2019',
    { start: 0, end: 0 },
    `this text is ${millions} million characters long: deluge reads scripts of up to ${MAX_SCRIPT_LENGTH.toLocaleString('en-US')} characters (parsing holds about 450 MB of memory a million): is it the file you meant? A script this long is best split into functions`,
  );
}

/** DLG2014 at the bracket where nesting is deepest (or at the start when brackets are not the cause). */
function tooDeep(tokens: readonly IToken[]): Diagnostic {
  let depth = 0;
  let deepest = 0;
  let at: IToken | undefined;
  for (const t of tokens) {
    if (t.image === '(' || t.image === '{' || t.image === '[') {
      if (++depth > deepest) {
        deepest = depth;
        at = t;
      }
    } else if (t.image === ')' || t.image === '}' || t.image === ']') depth--;
  }
  const span = at ? { start: at.startOffset, end: at.startOffset + 1 } : { start: 0, end: 0 };
  return diagnostic('DLG2014', span, `nested too deeply to parse${deepest > 1 ? ` (${deepest} levels of brackets)` : ''}: split the expression or statement`);
}

/** One diagnostic per code and place: recovery can report the same spot twice. */
function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}:${d.span.start}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A copy of a token whose offsets point into the text as given (its line and column fields are dropped). */
function remapToken(token: IToken, toOriginal: (offset: number) => number): IToken {
  const start = toOriginal(token.startOffset);
  const end = token.image.length ? toOriginal(token.startOffset + token.image.length - 1) : start - 1;
  return { ...token, startOffset: start, endOffset: end, startLine: NaN, endLine: NaN, startColumn: NaN, endColumn: NaN };
}

/** A copy of `value` with every span (and fix/related span) passed through `remap`. */
function remapSpans<T>(value: T, remap: (s: Span) => Span): T {
  if (Array.isArray(value)) return value.map((v) => remapSpans(v, remap)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = SPAN_PROPERTIES.has(key) ? remap(v as Span) : remapSpans(v, remap);
  return out as T;
}

/** A text's end as a message quotes it: its last 40 characters after '…' when longer (where the quote belongs). */
function endOfText(text: string): string {
  const chars = [...text];
  return chars.length > 40 ? `…${chars.slice(-40).join('')}` : text;
}
