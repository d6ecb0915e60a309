import { EOF, tokenMatcher, type IParserErrorMessageProvider, type IRecognitionException, type IToken, type TokenType } from 'chevrotain';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { editDistance } from '../edit-distance.js';
import { SourceFile } from '../source/source-file.js';
import type { Span } from '../source/span.js';
import { startsValue } from './implied-semicolons.js';
import * as T from './tokens.js';

/**
 * Turns Chevrotain's recognition errors into diagnostics that say what to write. Chevrotain builds the error
 * message through a provider; ours returns the facts as JSON, which this module reads back. The bracket pass
 * finds unclosed and unmatched brackets and points at where they opened, which the parser alone cannot.
 */

interface ErrorFacts {
  readonly kind: 'mismatch' | 'no-viable-alt' | 'early-exit' | 'not-all-input';
  readonly rule: string;
  readonly expected?: string;
  readonly expectedNames?: string[];
}

export const errorFactsProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, ruleName }) => JSON.stringify({ kind: 'mismatch', rule: ruleName, expected: expected.name }),
  buildNotAllInputParsedMessage: ({ ruleName }) => JSON.stringify({ kind: 'not-all-input', rule: ruleName }),
  buildNoViableAltMessage: ({ expectedPathsPerAlt, ruleName }) =>
    JSON.stringify({ kind: 'no-viable-alt', rule: ruleName, expectedNames: firstTokens(expectedPathsPerAlt.flat()) }),
  buildEarlyExitMessage: ({ expectedIterationPaths, ruleName }) =>
    JSON.stringify({ kind: 'early-exit', rule: ruleName, expectedNames: firstTokens(expectedIterationPaths) }),
};

function firstTokens(paths: TokenType[][]): string[] {
  return [...new Set(paths.map((p) => p[0]?.name).filter((n): n is string => !!n))];
}

const CLOSER_OF: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const DISPLAY: Record<string, string> = {
  Semicolon: "';'", RParen: "')'", LParen: "'('", RCurly: "'}'", LCurly: "'{'", RBracket: "']'", LBracket: "'['",
  Colon: "':'", Comma: "','", In: "'in'", Each: "'each'", Catch: "'catch'", Identifier: 'a name', Word: 'a name',
  Assign: "'='", Into: "'into'", From: "'from'", By: "'by'", To: "'to'", EOF: 'the end of the text',
};

export function syntaxErrorDiagnostics(
  text: string,
  tokens: readonly IToken[],
  errors: readonly IRecognitionException[],
  lexDiagnostics: readonly Diagnostic[],
): Diagnostic[] {
  try {
    return describeSyntaxErrors(text, tokens, errors, lexDiagnostics);
  } finally {
    // (The text's line starts, found for this text, are not kept past it.)
    describedFile = undefined;
  }
}

function describeSyntaxErrors(
  text: string,
  tokens: readonly IToken[],
  errors: readonly IRecognitionException[],
  lexDiagnostics: readonly Diagnostic[],
): Diagnostic[] {
  const brackets = bracketDiagnostics(text, tokens);
  const missingRParens = lazily(() => missingRParenOffsets(errors));
  for (const d of brackets.diagnostics) innerCallLeftOpen(d, tokens, missingRParens);
  // Past a string or comment that runs to the end of the text, everything was swallowed: errors there are
  // noise, and so is an opener before it whose closer is in the swallowed text (one whose closer is not is real).
  const last = tokens[tokens.length - 1];
  const swallowing = last?.tokenType === T.UnterminatedString && last.startOffset + last.image.length >= text.length ? last : undefined;
  const cutoff = Math.min(
    swallowing?.startOffset ?? Infinity,
    ...lexDiagnostics.filter((d) => d.code === 'DLG1003').map((d) => d.span.start),
  );
  const swallowed = cutoff < Infinity ? text.slice(cutoff) : '';
  const out = brackets.diagnostics.filter(
    (d) => d.code !== 'DLG2003' || cutoff === Infinity || (d.span.start < cutoff && !swallowed.includes(CLOSER_OF[text[d.span.start]!] ?? '')),
  );
  const bare = bareBlocks(tokens);
  for (const block of bare) {
    const ended = headEndedBySemicolon(tokens, block.span.start);
    if (ended !== undefined) {
      // `if (x == 1); { … }`: the ';' is the mistake, not the braces (removing them would run the block always).
      const semicolon = spanOf(ended.semicolon);
      const d = diagnostic('DLG2002', semicolon, `this ';' ends the ${ended.head} (its body is empty): the block after it is on its own; remove the ';' so that the block is the ${ended.head}'s body`, {
        fix: { span: semicolon, text: '' },
      });
      // An `else` after the block is the if's (its "no 'if' before it" is this mistake's echo).
      const after = tokens[firstTokenAtOrAfter(tokens, block.end) + 1];
      if (ended.head === 'if' && after?.tokenType === T.Else) QUIETS.set(d, spanOf(after));
      out.push(d);
      continue;
    }
    const said = diagnostic('DLG2002', block.span, "a '{ … }' block on its own: Deluge has no bare blocks (braces follow if, else, for each, try, catch or a function's head): remove them, or add the statement they belong to");
    BARE_BLOCKS.add(said);
    out.push(said);
  }
  for (const error of errors) {
    const atEof = error.token.tokenType === EOF || Number.isNaN(error.token.startOffset);
    const start = atEof ? text.length : error.token.startOffset;
    if (start >= cutoff) continue;
    if (bare.some((b) => start > b.span.start && start <= b.end)) continue;
    if (atEof && brackets.unclosed) continue;
    if (!atEof && brackets.involved.has(error.token)) continue;
    const facts = readFacts(error);
    if (facts.kind === 'mismatch' && CLOSERS.has(facts.expected ?? '') && brackets.unclosed) continue;
    out.push(describe(error, facts, text, tokens));
  }
  return out;
}

/**
 * `info "big;` or `get("Deals, id);`: a text whose closing quote is missing runs on to the next `"`, and past it texts
 * and code swap places (the parser's errors there say nothing, and the last `"` may be left unclosed, far from the
 * mistake). A double-quoted text that runs past the end of its line, that line ending like a statement (`;`), with the
 * parse going wrong right at it or after it: that text is returned, to be reported (DLG1002) instead of everything from
 * it on. (A text meant to span lines seldom has a line ending in `;`.)
 */
export function textClosedTooLate(tokens: readonly IToken[], diagnostics: readonly Diagnostic[]): IToken | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.tokenType !== T.DoubleQuoted) continue;
    const lineEnd = t.image.search(/\r|\n/);
    if (lineEnd < 0 || !/;\s*$/.test(t.image.slice(0, lineEnd))) continue;
    const next = tokens[i + 1];
    const until = next ? next.startOffset + next.image.length : Infinity;
    const firstError = diagnostics.find((d) => d.severity === 'error' && d.span.start >= t.startOffset);
    if (firstError !== undefined && firstError.span.start <= until) return t;
  }
  return undefined;
}

/** Keywords that begin a statement: after a `{` in a statement's place they make it a block, not a list or map. */
const STATEMENT_KEYWORDS: ReadonlySet<TokenType> = new Set([T.Info, T.If, T.For, T.Return, T.Try, T.Throw, T.Break, T.Continue]);

/** Tokens after which a `{` opens a block: `if (…) {`, `else {`, `try {`, `Form[…] {` of a Creator for each. */
const BLOCK_HEADS: ReadonlySet<TokenType> = new Set([T.RParen, T.Else, T.Try, T.RBracket]);

/**
 * `{` where a statement begins (at the start, after `;`, or after the `}` of a block) followed by a statement
 * (`info x;`, `x = 1;`): a bare block, which the parser would read as a list literal and report piecemeal. Each with
 * the offset of its `}`. (The `}` of a list, `for each a in {1, 2} {`, is no statement's end.)
 */
/**
 * For a bare block at `blockStart`: the `;` right before its `{` when that `;` ends the head of an if, else or for each
 * (`if (x == 1); {`), and which head.
 */
function headEndedBySemicolon(tokens: readonly IToken[], blockStart: number): { head: string; semicolon: IToken } | undefined {
  const open = firstTokenAtOrAfter(tokens, blockStart);
  const semicolon = tokens[open - 1];
  if (semicolon?.tokenType !== T.Semicolon) return undefined;
  if (tokens[open - 2]?.tokenType === T.Else) return { head: 'else', semicolon };
  // Back to the start of the statement the ';' ends: after a `;` or a `}` at its level, or an opener around it.
  let depth = 0;
  let k = open - 2;
  for (; k >= 0; k--) {
    const t = tokens[k]!;
    if (t.tokenType === T.RParen || t.tokenType === T.RBracket) depth++;
    else if (t.tokenType === T.RCurly) {
      if (depth === 0) {
        // A block's `}` ends the statement before; a list's or map's (`in {1, 2};`) is part of this one.
        const opener = openerIndex(tokens, k);
        if (opener < 0 || !startsValue(tokens[opener - 1])) break;
        k = opener;
        continue;
      }
      depth++;
    } else if (t.tokenType === T.LParen || t.tokenType === T.LBracket || t.tokenType === T.LCurly) {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && t.tokenType === T.Semicolon) break;
  }
  const first = tokens[k + 1];
  if (first?.tokenType === T.For) return { head: 'for each', semicolon };
  // An if's head ends at its condition's `)`, right before the ';' (`if (x == 1) info "a";` has a body of its own).
  if (tokens[open - 2]?.tokenType !== T.RParen) return undefined;
  return tokens[openerIndex(tokens, open - 2) - 1]?.tokenType === T.If ? { head: 'if', semicolon } : undefined;
}

/** The index of the `(` or `{` that the `)` or `}` at `closer` closes (-1 when none does). */
function openerIndex(tokens: readonly IToken[], closer: number): number {
  const closing = tokens[closer]!.tokenType;
  const opening = closing === T.RParen ? T.LParen : T.LCurly;
  let depth = 0;
  for (let i = closer; i >= 0; i--) {
    if (tokens[i]!.tokenType === closing) depth++;
    else if (tokens[i]!.tokenType === opening && --depth === 0) return i;
  }
  return -1;
}

function bareBlocks(tokens: readonly IToken[]): { span: Span; end: number }[] {
  const found: { span: Span; end: number }[] = [];
  // The opener of each `}`, by the closer's index.
  const openerOf = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.tokenType === T.LCurly) open.push(i);
    else if (tokens[i]!.tokenType === T.RCurly && open.length > 0) openerOf.set(i, open.pop()!);
  }
  const endsBlock = (i: number): boolean => {
    const opener = openerOf.get(i);
    const head = opener === undefined ? undefined : tokens[opener - 1];
    return head !== undefined && BLOCK_HEADS.has(head.tokenType);
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.tokenType !== T.LCurly) continue;
    const before = tokens[i - 1];
    if (before !== undefined && before.tokenType !== T.Semicolon && !(before.tokenType === T.RCurly && endsBlock(i - 1))) continue;
    const next = tokens[i + 1];
    const assigns = next?.tokenType === T.Identifier && tokens[i + 2]?.tokenType === T.Assign;
    if (!next || !(STATEMENT_KEYWORDS.has(next.tokenType) || assigns)) continue;
    let depth = 0;
    let end = Infinity;
    for (let j = i; j < tokens.length; j++) {
      const image = tokens[j]!.image;
      if (image === '{') depth++;
      else if (image === '}' && --depth === 0) {
        end = tokens[j]!.startOffset;
        break;
      }
    }
    found.push({ span: { start: t.startOffset, end: t.startOffset + 1 }, end });
  }
  return found;
}

/** Codes that explain a statement's mistake fully: later parse errors in the same statement are its echoes. */
const EXPLAINING = new Set(['DLG1001', 'DLG1002', 'DLG1004', 'DLG2002', 'DLG2003', 'DLG2004', 'DLG2008', 'DLG2009', 'DLG2012', 'DLG2013']);
// (A comparison as a statement, DLG2015, in a statement the parser recovered from is what recovery made of it:
// `if (x > 1 and x < 10)` leaves `x < 10` on its own.)
const ECHOES = new Set(['DLG2001', 'DLG2002', 'DLG2015']);

/**
 * One mistake per statement: drops missing-`;` and unexpected-token diagnostics that follow an explaining one
 * before the statement (or its head, up to `{`) ends. Diagnostics must be sorted by position.
 */
export function dropEchoes(diagnostics: readonly Diagnostic[], tokens: readonly IToken[]): Diagnostic[] {
  // At one position, the specific explanation goes before the generic "unexpected" or "missing ';'".
  // (A DLG2002 that says what is wrong goes before a missing-';' at its place, which it then explains.)
  const rank = (d: Diagnostic) => (!ECHOES.has(d.code) ? 0 : d.code === 'DLG2002' ? 1 : 2);
  const ordered = [...diagnostics].sort((a, b) => a.span.start - b.span.start || rank(a) - rank(b));
  // A character the lexer dropped (`x = true & false`) leaves the tokens on each side of it next to each other: the
  // parser's complaint at the end of the one before (missing ';' before `false`) is the same mistake.
  const beforeDropped = new SpanSweep();
  for (const d of ordered) if (d.code === 'DLG1001') beforeDropped.add({ start: endOfTokenBefore(tokens, d.span.start), end: d.span.start });
  const out: Diagnostic[] = [];
  let quietFrom = -1;
  let quietUntil = -1;
  const quiet = new SpanSweep();
  for (const d of ordered) {
    if (ECHOES.has(d.code) && ((d.span.start >= quietFrom && d.span.start <= quietUntil) || beforeDropped.holds(d.span.start) || quiet.holds(d.span.start))) continue;
    out.push(d);
    const echoes = QUIETS.get(d);
    if (echoes !== undefined) quiet.add(echoes);
    if (EXPLAINING.has(d.code) && d.severity === 'error') {
      quietFrom = d.span.start;
      // (Characters dropped over a span, a template literal's, leave tokens inside it: the statement goes on after it.)
      quietUntil = EXPLAINS_NEXT_BLOCK.has(d) ? endOfNextBlock(tokens, d.span.start) : endOfStatementHead(tokens, d.code === 'DLG1001' ? d.span.end - 1 : d.span.start);
      // An unclosed single-quoted text ends with its line: so does what it explains.
      if (d.code === 'DLG1002') quietUntil = Math.min(quietUntil, endOfLine(tokens, d.span.start));
    }
  }
  // `x === 5` is a '===' mistake, not also a '=' comparing (DLG2007) inside it.
  const misused = new SpanSweep();
  for (const d of out) if (d.severity === 'error' && d.code === 'DLG2002') misused.add(d.span);
  // A bare block's first statement (`{ name = "a"; … }`) read as a map assigned to (DLG2010) is the block's mistake.
  const bareStarts = new Set(out.filter((d) => BARE_BLOCKS.has(d)).map((d) => d.span.start));
  return out.filter((d) => (d.code !== 'DLG2007' || !misused.holds(d.span.start, d.span.end)) && (d.code !== 'DLG2010' || !bareStarts.has(d.span.start)));
}

/** The DLG2002 of a `{ … }` block on its own. */
const BARE_BLOCKS = new WeakSet<Diagnostic>();

/**
 * Spans added in any order, asked about at places that only move forward (diagnostics in order): whether a span
 * holds the place. Linear where a search of every span per diagnostic made a file of thousands of mistakes quadratic.
 */
class SpanSweep {
  /** The spans added, by start; those before `next` have started. */
  private readonly waiting: Span[] = [];
  private next = 0;
  /** The furthest end of the spans started: one of them holds a place up to it. */
  private reach = -Infinity;
  private lastAsked = -Infinity;

  add(span: Span): void {
    if (span.start <= this.lastAsked) {
      this.reach = Math.max(this.reach, span.end);
      return;
    }
    // (Spans mostly come in order: put in at the end.)
    let at = this.waiting.length;
    while (at > this.next && this.waiting[at - 1]!.start > span.start) at--;
    this.waiting.splice(at, 0, span);
  }

  /** Whether a span added holds `start` to `end` (`start` no less than at the call before). */
  holds(start: number, end = start): boolean {
    this.lastAsked = start;
    while (this.next < this.waiting.length && this.waiting[this.next]!.start <= start) this.reach = Math.max(this.reach, this.waiting[this.next++]!.end);
    return this.reach >= end;
  }
}

const CLOSERS = new Set(['RParen', 'RCurly', 'RBracket']);

/** Each error's facts, read once: a script with many unclosed `(` asks for every error's facts once per `(`. */
const FACTS = new WeakMap<IRecognitionException, ErrorFacts>();

function readFacts(error: IRecognitionException): ErrorFacts {
  let facts = FACTS.get(error);
  if (facts === undefined) {
    try {
      facts = JSON.parse(error.message) as ErrorFacts;
    } catch {
      facts = { kind: 'no-viable-alt', rule: '' };
    }
    FACTS.set(error, facts);
  }
  return facts;
}

/** The end of the last token before `offset` (0 when there is none): a dropped character lies in no token. */
function endOfTokenBefore(tokens: readonly IToken[], offset: number): number {
  const before = tokens[firstTokenAtOrAfter(tokens, offset) - 1];
  return before ? before.startOffset + before.image.length : 0;
}

/** The start of the first token on a later line than the token at `from`. */
function endOfLine(tokens: readonly IToken[], from: number): number {
  const first = firstTokenAtOrAfter(tokens, from);
  const line = tokens[first]?.startLine;
  for (let i = first; i < tokens.length; i++) if (tokens[i]!.startLine !== line) return tokens[i]!.startOffset - 1;
  return Infinity;
}

/** The offset of the next `;` (or `{`) from `from` on: where a statement (or its head) ends. */
function endOfStatementHead(tokens: readonly IToken[], from: number): number {
  // A `;` at `from` ends the statement there (`a = ;`); a `{` at `from` is what the mistake is about. A `{` where a
  // value goes (`parameters: {…}` in a task block, `m = {…}`) is a map or list inside the statement, not its head's end.
  // (Tokens put in to repair the text share `from` with the `{` there.)
  let i = firstTokenAtOrAfter(tokens, from);
  for (; i < tokens.length && tokens[i]!.startOffset === from; i++) if (tokens[i]!.tokenType === T.Semicolon) return from;
  const end = tokens[statementHeadEnds(tokens)[i]!];
  return end === undefined ? Infinity : end.startOffset;
}

/** Per token stream, for each index: the index of the first `;` or statement head's `{` at or after it (-1: none). */
const STATEMENT_HEAD_ENDS = new WeakMap<readonly IToken[], Int32Array>();

/** Found once per token stream: every explaining diagnostic asks, and searching on from each was quadratic. */
function statementHeadEnds(tokens: readonly IToken[]): Int32Array {
  let ends = STATEMENT_HEAD_ENDS.get(tokens);
  if (ends === undefined) {
    ends = new Int32Array(tokens.length + 1);
    let next = -1;
    ends[tokens.length] = -1;
    for (let i = tokens.length - 1; i >= 0; i--) {
      const t = tokens[i]!;
      if (t.tokenType === T.Semicolon || (t.tokenType === T.LCurly && !startsValue(tokens[i - 1]))) next = i;
      ends[i] = next;
    }
    STATEMENT_HEAD_ENDS.set(tokens, ends);
  }
  return ends;
}

/** The token just before `token` in the stream (undefined at the start). */
function tokenBefore(tokens: readonly IToken[], token: IToken): IToken | undefined {
  return tokens[firstTokenAtOrAfter(tokens, token.startOffset) - 1];
}

/** The token just after `token` in the stream (undefined at the end). */
function tokenAfter(tokens: readonly IToken[], token: IToken): IToken | undefined {
  return tokens[firstTokenAtOrAfter(tokens, token.startOffset) + 1];
}

/**
 * The index of `token` in `tokens` (-1 when absent), by binary search: `indexOf` per error made a file of thousands of
 * errors quadratic. (Tokens the parser put in share offsets with real ones: those at its offset are looked through.)
 */
function indexOfToken(tokens: readonly IToken[], token: IToken): number {
  for (let i = firstTokenAtOrAfter(tokens, token.startOffset); i < tokens.length && tokens[i]!.startOffset === token.startOffset; i++) {
    if (tokens[i] === token) return i;
  }
  return tokens.indexOf(token);
}

/** Binary search: the index of the first token starting at or after `offset`. */
export function firstTokenAtOrAfter(tokens: readonly IToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.startOffset < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The token the error is really about: a `?` or `++` a few tokens on explains a failure at a statement start. */
function culprit(token: IToken, tokens: readonly IToken[]): IToken {
  const i = firstTokenAtOrAfter(tokens, token.startOffset);
  if (tokens[i] !== token) return token;
  for (let j = i; j < Math.min(tokens.length, i + 4); j++) {
    const t = tokens[j]!;
    if (t.startLine !== token.startLine || t.tokenType === T.Semicolon) break;
    if (t.tokenType === T.Question || t.tokenType === T.Increment) return t;
  }
  return token;
}

/**
 * `<variable> = …`: a statement copied from a docs page's syntax block, its parts named between angle brackets. The
 * number of tokens of the placeholder at the start of `tokens` (0 when there is none): `<`, a name of words joined by
 * `-` (`<module_name>`, `<string-variable>`), `>` — nothing between them; a `>=` ends one before an assignment
 * (`<response>= …`, which lexes as `>=`).
 */
function placeholderLength(tokens: readonly IToken[]): number {
  if (tokens[0]?.tokenType !== T.Less) return 0;
  let end = tokens[0].startOffset + 1;
  let wordBefore = false;
  for (let i = 1; i < Math.min(tokens.length, MAX_PLACEHOLDER_TOKENS); i++) {
    const t = tokens[i]!;
    if (t.startOffset !== end) return 0;
    if (t.tokenType === T.Greater || t.tokenType === T.GreaterEquals) return wordBefore ? i + 1 : 0;
    const word = /^[A-Za-z_]\w*$/.test(t.image);
    if (word === wordBefore || (!word && t.tokenType !== T.Minus)) return 0;
    wordBefore = word;
    end = t.startOffset + t.image.length;
  }
  return 0;
}

/** Words and dashes of the longest placeholder name looked for (`<a-b-c-d-e>`). */
const MAX_PLACEHOLDER_TOKENS = 12;

/** `<variable>`, `<connection_name>`: a part of a docs syntax description, the first `length` of `tokens` (see `placeholderLength`). */
function placeholderDiagnostic(tokens: readonly IToken[], length: number): Diagnostic {
  const name = tokens.slice(1, length - 1).map((t) => t.image).join('');
  return diagnostic(
    'DLG2002',
    { start: tokens[0]!.startOffset, end: tokens[length - 1]!.startOffset + 1 },
    `'<${name}>' is a placeholder from the docs' syntax description, not code: write a name or value in place of each '<…>'`,
  );
}

/**
 * `connection: <connection_name>`, `type: [<type_value>]`: a task parameter whose value is a placeholder of the docs'
 * syntax block (`[…]` marks it optional there), on the key's line. The parser reads no value; this says why.
 */
export function placeholderValue(tokens: readonly IToken[], colon: IToken): Diagnostic | undefined {
  const at = firstTokenAtOrAfter(tokens, colon.startOffset + colon.image.length);
  return tokens[at]?.startLine === colon.startLine ? placeholderAt(tokens, at) : undefined;
}

/** A placeholder (`<module_name>`, or `[<page>]` as optional) starting at `tokens[at]`, where a value was expected. */
function placeholderAt(tokens: readonly IToken[], at: number): Diagnostic | undefined {
  const start = tokens[at]?.tokenType === T.LBracket ? at + 1 : at;
  const value = tokens.slice(start, start + MAX_PLACEHOLDER_TOKENS);
  const length = placeholderLength(value);
  return length > 0 ? placeholderDiagnostic(value, length) : undefined;
}

/** The diagnostic for a run of tokens that start no statement (see `unparsedStatement` in the grammar). */
export function unparsedStatementDiagnostic(stray: readonly IToken[], first: IToken): Diagnostic {
  const special = stray.find((t) => t.tokenType === T.Question || t.tokenType === T.Increment);
  if (special) return explainOperator(special, spanOf(special), stray);
  if (RESERVED.has(first.tokenType) && stray[1] !== undefined && tokenMatcher(stray[1], T.AssignOperator)) return reservedAsName(first);
  if (first.tokenType === T.If && stray[1] && stray[1].tokenType !== T.LParen) {
    return diagnostic('DLG2013', spanOf(first), "the condition of 'if' must be in parentheses: if (condition) { … }");
  }
  const placeholder = placeholderLength(stray);
  if (placeholder > 0) return placeholderDiagnostic(stray, placeholder);
  // `while (a) && (b)`: the condition ended at the first `)` (an `if`'s is read on: conditionContinuedAfterParen).
  if (first.tokenType === T.AndAnd || first.tokenType === T.OrOr) return conditionContinuedAfterParen(first);
  // The span ends with the first line: the run may go on over many lines, to the next `;`, which a frame would underline
  // line by line. (The first line says where; the message names the first token.)
  let last = first;
  for (const t of stray) if (t.startLine === first.startLine) last = t;
  const shown = stray.length > 1 ? `${first.image} …` : first.image;
  return diagnostic('DLG2002', { start: first.startOffset, end: last.startOffset + last.image.length }, `unexpected '${shown}': expected a statement`);
}

/** `if (a) && (b)`, as one of Zoho's own pages prints it: the condition ends at its first closing `)`. */
export function conditionContinuedAfterParen(joiner: IToken): Diagnostic {
  return diagnostic(
    'DLG2013',
    spanOf(joiner),
    `the condition ends at its closing ')', so '${joiner.image}' cannot go on after it: put the whole condition in one pair of parentheses: if ((a) ${joiner.image} (b))`,
  );
}

/** `else` with its `if` missing, or ended before it (`if (a) { … };`, `if (a) info 1; info 2; else`). */
export function strayElseDiagnostic(word: IToken): Diagnostic {
  return diagnostic('DLG2002', spanOf(word), "'else' with no 'if' just before it: an 'else' must follow the '}' of an 'if' (or 'else if') block");
}

/**
 * `function f() { … }`: Deluge declares a function by its return type (grammar/README.md §12), and only at the top
 * level of a file.
 */
export function noFunctionKeyword(span: Span, name: string | undefined): Diagnostic {
  const f = name ?? 'f';
  return diagnostic('DLG2002', span, `Deluge has no 'function' keyword: a function starts with the type it returns, e.g. void ${f}() { … } or string ${f}(int x) { … }`);
}

/**
 * Brackets and separators of other forms: a task block in braces, a decimal written with a comma, a map entry written
 * with `=`; each said at the mistake, with its fix.
 */
function misusedPunctuation(text: string, token: IToken, previous: IToken | undefined, tokens: readonly IToken[]): Diagnostic | undefined {
  // `r = invokeurl { url: … };`: a task block in braces, read as a map after a statement that ended at the task's name.
  if (token.tokenType === T.LCurly && previous !== undefined && tokenMatcher(previous, T.TaskName) && TASK_NAMES.includes(previous.image.toLowerCase())) {
    const d = diagnostic('DLG2004', spanOf(token), `'${previous.image}' takes its parameters in '[ … ]', not '{ … }': write '[' here and ']' at its end`, { fix: { span: spanOf(token), text: '[' } });
    // Its block read as a map: what the parser says inside it, and of its closer, is this mistake's echo.
    const closer = closerOf(tokens, token);
    QUIETS.set(d, { start: token.startOffset, end: closer ?? endOfEnclosingBlock(tokens, token, text.length) });
    return d;
  }
  const opener = enclosingOpener(tokens, firstTokenAtOrAfter(tokens, token.startOffset));
  // `x = 1,5;`: a decimal written with a comma, as several languages write it.
  if (token.tokenType === T.Comma && previous?.tokenType === T.IntegerLiteral && adjacent(previous, token)) {
    const next = tokenAfter(tokens, token);
    if (next?.tokenType === T.IntegerLiteral && adjacent(token, next) && opener === undefined) {
      const span = { start: previous.startOffset, end: next.startOffset + next.image.length };
      return diagnostic('DLG2002', span, `a decimal is written with '.', not ',': ${previous.image}.${next.image}`, { fix: { span: spanOf(token), text: '.' } });
    }
  }
  // `{"a" = 1}`: a map's entries are written `key: value`. (A map literal's `{`, where a value goes: not a block's.)
  const mapOpened = opener?.tokenType === T.LCurly && /^(?:=|\(|,|:|\[|return)$/.test(tokenBefore(tokens, opener)?.image ?? '');
  if (mapOpened && tokenMatcher(token, T.AssignOperator) && token.image === '=' && previous !== undefined && isText(previous)) {
    return diagnostic('DLG2002', spanOf(token), `a map's entries are written 'key: value', not 'key = value': write ${previous.image}: …`, { fix: { span: spanOf(token), text: ':' } });
  }
  return undefined;
}

/**
 * `for each r in\n{ info r; }`: no list after `in`, so the loop's block is read as a list literal (`{ info r; }`) and
 * the parser stumbles inside it. Said at the `{`, and what the parser says in the block is this mistake's echo.
 */
function forEachWithoutList(token: IToken, tokens: readonly IToken[]): Diagnostic | undefined {
  const at = firstTokenAtOrAfter(tokens, token.startOffset);
  for (let i = at - 1; i >= Math.max(0, at - 12); i--) {
    const t = tokens[i]!;
    if (t.tokenType === T.Semicolon || t.tokenType === T.RCurly) return undefined;
    if (t.tokenType !== T.LCurly) continue;
    const inWord = tokens[i - 1];
    if (inWord?.tokenType !== T.In || tokens[i - 3]?.tokenType !== T.Each) return undefined;
    const d = diagnostic('DLG2002', spanOf(t), `'for each ${tokens[i - 2]!.image} in' has no list before its block: for each ${tokens[i - 2]!.image} in list { … }`);
    quietToBlockEnd(d, t, tokens);
    return d;
  }
  return undefined;
}

/**
 * `standalone.f(string a)\n{ … }`: a function's header without the type it returns, read as a call (its parameters
 * as arguments with no ',' between type and name) followed by a block. Said at the name, and what the parser says
 * from there to the block's end is this mistake's echo.
 */
function headerWithoutType(token: IToken, tokens: readonly IToken[]): Diagnostic | undefined {
  const first = statementFirstToken(token, tokens) ?? (indexOfToken(tokens, token) <= 8 ? tokens[0] : undefined);
  if (first?.tokenType !== T.Identifier) return undefined;
  let i = indexOfToken(tokens, first);
  // The name: words joined by dots.
  while (tokens[i + 1]?.image === '.' && tokens[i + 2]?.tokenType === T.Identifier) i += 2;
  const open = tokens[i + 1];
  if (open?.tokenType !== T.LParen) return undefined;
  const close = closerOf(tokens, open);
  if (close === undefined) return undefined;
  // The parser stopped in the header or at the `{` after it (a mistake inside the body is the body's own).
  const after = tokens[firstTokenAtOrAfter(tokens, close) + 1];
  if (after?.tokenType !== T.LCurly || token.startOffset > after.startOffset) return undefined;
  const name = tokens.slice(indexOfToken(tokens, first), i + 1).map((t) => t.image).join('');
  const span = { start: first.startOffset, end: tokens[i]!.startOffset + tokens[i]!.image.length };
  const d = diagnostic('DLG2002', span, `a function's header starts with the type it returns: write string ${name}(…) { … } (or void, int, map, list, …)`);
  QUIETS.set(d, { start: span.start, end: closerOf(tokens, after) ?? after.startOffset });
  return d;
}

/** Blanks no one types, which the lexer skips as it skips spaces. */
const INVISIBLE_BLANKS: Readonly<Record<string, string>> = {
  '\u200b': 'a zero-width space',
  '\ufeff': 'a zero-width no-break space',
  '\u00a0': 'a no-break space',
  '\u202f': 'a narrow no-break space',
  '\u2007': 'a figure space',
  '\u2060': 'a word joiner',
};

/**
 * An invisible blank between two tokens of the statement that ends at `token`, from its first token (when it has gone
 * on for a few tokens only) or the token before `token`.
 */
function invisibleInHead(text: string, token: IToken, tokens: readonly IToken[]): { at: number; name: string; code: string; before: string; after: string } | undefined {
  const at = firstTokenAtOrAfter(tokens, token.startOffset);
  const first = statementFirstToken(token, tokens);
  const from = first !== undefined ? indexOfToken(tokens, first) : at - 1;
  for (let i = Math.max(0, from); i < at; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1];
    // Only a blank between two words, which it splits (`to​tal`): a blank before a text or a bracket is a blank.
    if (b === undefined || Number.isNaN(a.startOffset) || Number.isNaN(b.startOffset) || !/^\w+$/.test(a.image) || !/^\w+$/.test(b.image)) continue;
    const found = invisibleBetween(text, a.startOffset + a.image.length, b.startOffset);
    if (found) return { ...found, before: a.image, after: b.image };
  }
  return undefined;
}

/** The first invisible blank in `text` between two offsets (on one line), with its name and code. */
function invisibleBetween(text: string, from: number, to: number): { at: number; name: string; code: string } | undefined {
  if (to - from > 40) return undefined;
  for (let at = from; at < to; at++) {
    const name = INVISIBLE_BLANKS[text[at]!];
    if (name !== undefined) return { at, name, code: text.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0') };
    if (text[at] === '\n') return undefined;
  }
  return undefined;
}

function reservedAsName(word: IToken): Diagnostic {
  return diagnostic('DLG2002', spanOf(word), `'${word.image}' is a reserved word in Deluge and cannot name a variable: choose another name`);
}

function explainOperator(token: IToken, here: Span, tokens: readonly IToken[]): Diagnostic {
  if (token.tokenType === T.Question) {
    const next = tokenAfter(tokens, token);
    // `a ?? b`, `a?.get("k")`: JavaScript's null operators, which Deluge writes with ifnull and isNull.
    if (next !== undefined && adjacent(token, next) && next.image === '?') {
      return diagnostic('DLG2009', { start: here.start, end: next.startOffset + 1 }, "Deluge has no '??' operator: write ifnull(value, valueIfNull)");
    }
    if (next !== undefined && adjacent(token, next) && next.image === '.') {
      return diagnostic('DLG2009', { start: here.start, end: next.startOffset + 1 }, "Deluge has no '?.' operator: test the value first, if (value != null) { … }, or give a default with ifnull(value, …)");
    }
    return diagnostic('DLG2009', here, "Deluge has no '?:' operator: write if(condition, valueIfTrue, valueIfFalse)");
  }
  const op = token.image;
  return diagnostic('DLG2012', here, `Deluge has no '${op}' operator: write 'x = x ${op[0]} 1;' (or 'x ${op[0]}= 1;')`);
}

function describe(error: IRecognitionException, facts: ErrorFacts, text: string, tokens: readonly IToken[]): Diagnostic {
  // A missing ';' is reported where it belongs even when the next line has a `?` or `++` of its own.
  const token = facts.kind === 'mismatch' ? error.token : culprit(error.token, tokens);
  const atEof = token.tokenType === EOF || Number.isNaN(token.startOffset);
  // A closer the repair put in (`info (;` read as `info ();`, DLG2003 saying where it goes) is not in the text: what is
  // there is named instead.
  const inserted = !atEof && !text.startsWith(token.image, token.startOffset);
  const shownImage = inserted ? (/\S/.exec(text.slice(token.startOffset))?.[0] ?? '') : token.image;
  const here: Span = atEof ? { start: text.length, end: text.length } : { start: token.startOffset, end: token.startOffset + shownImage.length };
  const found = atEof || shownImage === '' ? 'the end of the text' : `'${shownImage}'`;
  const previous = (error as { previousToken?: IToken }).previousToken;
  const afterPrevious: Span | undefined =
    previous && !Number.isNaN(previous.startOffset)
      ? { start: previous.startOffset + previous.image.length, end: previous.startOffset + previous.image.length }
      : undefined;

  if (token.tokenType === T.Question || token.tokenType === T.Increment) return explainOperator(token, here, tokens);
  // `to\u200btal = 5;`: an invisible character (pasted with the text) read as a blank splits a name in two.
  // (`i\u200bf (x == 1)` is read as a function's header, stopped further on: the statement's head is looked at too.)
  const invisible = atEof ? undefined : invisibleInHead(text, token, tokens);
  if (invisible !== undefined) {
    const span = { start: invisible.at, end: invisible.at + 1 };
    return diagnostic(
      'DLG2002',
      span,
      `an invisible character, ${invisible.name} (U+${invisible.code}), stands between '${invisible.before}' and '${invisible.after}', read as a blank: delete it (it comes with text pasted from a web page; --docs removes such characters)`,
      { fix: { span, text: '' } },
    );
  }
  // `return = Map();`, `for = 1;`: a reserved word (grammar/README.md §2) used as a variable's name.
  if (previous !== undefined && !atEof && tokenMatcher(token, T.AssignOperator) && RESERVED.has(previous.tokenType) && isStatementStart(previous, tokens)) {
    const d = reservedAsName(previous);
    // `try = 2;`: the parser assumes the try's `{` and reads on to the end of the enclosing block, where it misses the
    // `}` and `catch`: complaints there are this mistake's.
    if (previous.tokenType === T.Try) {
      const end = endOfEnclosingBlock(tokens, previous, text.length);
      QUIETS.set(d, { start: end, end: text.length });
    }
    return d;
  }
  const punctuation = atEof ? undefined : misusedPunctuation(text, token, previous, tokens);
  if (punctuation) return punctuation;
  const untyped = atEof ? undefined : headerWithoutType(token, tokens);
  if (untyped) return untyped;
  const listless = atEof ? undefined : forEachWithoutList(token, tokens);
  if (listless) return listless;
  const foreign = atEof ? undefined : foreignSyntax(token, tokens);
  if (foreign) return foreign;
  if (previous?.tokenType === T.Comma && CLOSERS.has(token.tokenType.name)) {
    const comma = spanOf(previous);
    return diagnostic('DLG2002', comma, `a ',' before '${token.image}' with no item after it: remove the trailing comma`, { fix: { span: comma, text: '' } });
  }
  // What a docs page shows instead of a value: an ID masked with X's, a placeholder of its syntax description.
  const docsArtefact = atEof ? undefined : maskedId(token, tokens) ?? placeholderAt(tokens, firstTokenAtOrAfter(tokens, token.startOffset));
  if (docsArtefact) return docsArtefact;
  const task = atEof ? undefined : misspeltTask(token, tokens);
  if (task) return task;
  const usual = usualMistake(facts, token, tokens);
  if (usual) return usual;
  if (facts.kind === 'mismatch') {
    if (facts.expected === 'Semicolon') {
      const joined = previous === undefined || atEof ? undefined : missingJoiner(previous, token, tokens);
      if (joined !== undefined) return joined;
      return diagnostic('DLG2001', afterPrevious ?? here, `missing ';' at the end of the statement (found ${found} next)`, {
        ...(afterPrevious ? { fix: { span: afterPrevious, text: ';' } } : {}),
      });
    }
    if (facts.expected === 'LParen' && (facts.rule === 'ifStatement' || facts.rule === 'ifClause' || facts.rule === 'whileStatement')) {
      return diagnostic('DLG2013', here, "the condition of 'if' must be in parentheses: if (condition) { … }");
    }
    return diagnostic('DLG2002', here, `expected ${DISPLAY[facts.expected ?? ''] ?? facts.expected} but found ${found}`);
  }
  if (facts.kind === 'not-all-input') {
    return diagnostic('DLG2002', here, `unexpected ${found}: expected a statement`);
  }
  const what = facts.rule.endsWith('Statement') || facts.rule === 'statement' || facts.rule === 'body' ? 'a statement' : 'an expression';
  return diagnostic('DLG2002', here, `unexpected ${atEof ? 'end of the text' : found}: expected ${what}`);
}

/** The offset of the closer matching the opener `open` (undefined when it is never closed). */
function closerOf(tokens: readonly IToken[], open: IToken): number | undefined {
  let depth = 0;
  for (let i = firstTokenAtOrAfter(tokens, open.startOffset); i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.tokenType === T.LParen || t.tokenType === T.LBracket || t.tokenType === T.LCurly) depth++;
    else if (CLOSERS.has(t.tokenType.name) && --depth === 0) return t.startOffset;
  }
  return undefined;
}

/** The offset of the `}` closing the block `token` is in (`atEnd`, the text's length, at the top level). */
function endOfEnclosingBlock(tokens: readonly IToken[], token: IToken, atEnd: number): number {
  let depth = 0;
  for (let i = firstTokenAtOrAfter(tokens, token.startOffset); i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.tokenType === T.LCurly) depth++;
    else if (t.tokenType === T.RCurly && --depth < 0) return t.startOffset;
  }
  return atEnd;
}

/** The reserved words (grammar/README.md §2) that a statement can start with. */
const RESERVED: ReadonlySet<TokenType> = new Set([T.If, T.Else, T.For, T.Try, T.Catch, T.Throw, T.Return, T.Break, T.Continue, T.True, T.False, T.Null, T.In, T.Is]);

/**
 * The statement keyword a word at a statement's start is a typo of (`retrun`, `inof`, `esle`, `fro`), judged by what
 * follows it: a value after `return` and `info`, a block or `if` after `else`, `each` after `for`. One edit away (a
 * swap of two letters is one), two for the longer `return`.
 */
function misspeltKeyword(word: string, next: IToken): string | undefined {
  const candidates = next.tokenType === T.LCurly || next.tokenType === T.If ? ['else'] : next.tokenType === T.Each ? ['for'] : startsOperand(next) ? ['return', 'info'] : [];
  return candidates.find((keyword) => word !== keyword && editDistance(word, keyword) <= (keyword.length >= 6 ? 2 : 1));
}

/** Words of other languages that Deluge writes with an operator. */
const WORD_OPERATORS: Readonly<Record<string, string>> = { and: '&&', or: '||', not: '!' };
/** What other languages print with; Deluge's statement is `info`. */
const PRINT_WORDS: ReadonlySet<string> = new Set(['print', 'println', 'echo', 'puts', 'printf']);
/** Declaration keywords of other languages; Deluge assigns without one. */
const DECLARATION_WORDS: ReadonlySet<string> = new Set(['var', 'let', 'const', 'dim']);
/** Operators of other languages, which Deluge's lexer reads as two of its own, and what Deluge writes instead. */
const FOREIGN_OPERATORS: Readonly<Record<string, string>> = { '<>': '!=', '=>': '>=', '===': '==', '!==': '!=' };

/**
 * A mistake that comes from writing another language's syntax (or Deluge's keywords run together), said in words: the
 * parser alone would only report the `;` or `)` it expected. Undefined when the error is not one of these.
 */
function foreignSyntax(token: IToken, tokens: readonly IToken[]): Diagnostic | undefined {
  const here = spanOf(token);
  const previous = tokenBefore(tokens, token);
  const next = tokenAfter(tokens, token);
  const word = token.tokenType === T.Identifier ? token.image.toLowerCase() : undefined;
  // `x > 1 and y`, `not done`: Deluge has only the symbols.
  const usedAsOperator = next !== undefined && startsOperand(next);
  if (word !== undefined && WORD_OPERATORS[word] !== undefined && previous !== undefined && endsOperand(previous) && usedAsOperator) {
    return diagnostic('DLG2002', here, `Deluge writes '${token.image}' as '${WORD_OPERATORS[word]}'`, { fix: { span: here, text: WORD_OPERATORS[word]! } });
  }
  // (By its text: `not` is a token of its own, for `not in` and `not contains`.)
  const previousWord = previous !== undefined && /^[A-Za-z]+$/.test(previous.image) ? previous.image.toLowerCase() : undefined;
  if (previous !== undefined && previousWord !== undefined) {
    const before = tokenBefore(tokens, previous);
    const span = spanOf(previous);
    // `if (not done)`, `x = a && not b`: the parser stops at `b`, the word before it is the mistake (`not in` and
    // `not contains` never stop it there).
    if (previousWord === 'not') return diagnostic('DLG2002', span, "Deluge writes 'not' as '!'", { fix: { span, text: '!' } });
    // `m = new Map();`: constructors are called without it.
    if (previousWord === 'new' && token.tokenType === T.Identifier && next?.tokenType === T.LParen) {
      return diagnostic('DLG2002', span, `Deluge has no 'new': call ${token.image}() as it is`, { fix: { span: { start: span.start, end: token.startOffset }, text: '' } });
    }
    // `if (x > 1) then {`: `then` was read as the body.
    if (previousWord === 'then' && before?.tokenType === T.RParen) {
      return explainsItsBlock(
        diagnostic('DLG2002', span, "Deluge has no 'then': the block follows the condition, if (condition) { … }", { fix: { span: { start: before.startOffset + 1, end: span.end }, text: '' } }),
      );
    }
  }
  // `for each (x in list)`: the loop's head has no parentheses.
  if (token.tokenType === T.LParen && previous?.tokenType === T.Each) {
    return explainsItsBlock(diagnostic('DLG2002', here, "'for each' takes no parentheses: for each x in list { … }"));
  }
  // `x <> 3`, `x => 1`, `x === 5`, `x !== 5`: operators of other languages, lexed as two of Deluge's; the parser
  // stops at the second of them, or (`x = a => b;`) at the first.
  for (const [a, b] of [[previous, token], [token, next]] as const) {
    if (a === undefined || b === undefined || !adjacent(a, b)) continue;
    const meant = FOREIGN_OPERATORS[a.image + b.image];
    if (meant === undefined) continue;
    const span = { start: a.startOffset, end: b.startOffset + b.image.length };
    if (a.image + b.image === '=>' && isArrowFunction(a, tokens)) {
      return diagnostic('DLG2002', span, "Deluge has no arrow functions ('=>'): go through a list with for each x in list { … }, or write a function of its own");
    }
    return diagnostic('DLG2002', span, `Deluge has no '${a.image + b.image}' operator: write '${meant}'`, { fix: { span, text: meant } });
  }
  // `print x;`, `var x = 1;`: a statement's first word, with the parser stopped at the word right after it.
  if (previous !== undefined && previousWord !== undefined && previous.tokenType === T.Identifier && isStatementStart(previous, tokens)) {
    const span = spanOf(previous);
    if (PRINT_WORDS.has(previousWord)) return diagnostic('DLG2002', span, `Deluge shows a value with 'info': info <value>;`, { fix: { span, text: 'info' } });
    // `function g() { … }` inside a block (at the top level it parses as a header with the return type `function`).
    if (previousWord === 'function' && previous.image === 'function' && token.tokenType === T.Identifier && next?.tokenType === T.LParen) {
      return explainsItsBlock(noFunctionKeyword(span, token.image));
    }
    // `m = new Map();` reaches here as `new Map` only at a statement's start; `new` after `=` below.
    if (DECLARATION_WORDS.has(previousWord)) {
      return diagnostic('DLG2002', span, `Deluge has no '${previous.image}': a variable is made by assigning to it (x = 1;)`, { fix: { span: { start: span.start, end: token.startOffset }, text: '' } });
    }
    // `retrun x;`, `infoo "a";`, `esle { … }`, `fro each r in l`: a statement's keyword misspelt, read as a name with a
    // value after it (the parser would put a ';' or a '+' between them).
    const keyword = misspeltKeyword(previousWord, token);
    if (keyword !== undefined) {
      const d = diagnostic('DLG2002', span, `'${previous.image}' is not a Deluge statement: did you mean '${keyword}'?`, { fix: { span, text: keyword } });
      quietToBlockEnd(d, token, tokens);
      return d;
    }
  }
  // `foreach x in l { … }`, `} elseif (…) { … }`: Deluge's keywords run together, at the start of the statement.
  const first = statementFirstToken(token, tokens);
  const lead = first?.tokenType === T.Identifier ? first.image.toLowerCase() : undefined;
  if (first === undefined || lead === undefined) return undefined;
  const leadSpan = spanOf(first);
  if (lead === 'foreach') return explainsItsBlock(diagnostic('DLG2002', leadSpan, "'for each' is two words: for each x in list { … }", { fix: { span: leadSpan, text: 'for each' } }));
  if (lead === 'elseif' || lead === 'elsif' || lead === 'elif') {
    return explainsItsBlock(diagnostic('DLG2002', leadSpan, `Deluge writes '${first.image}' as 'else if'`, { fix: { span: leadSpan, text: 'else if' } }));
  }
  // `esle if (x == 2) { … }`: at the top level read as a function's header (return type `esle`), stopped in its
  // parameters.
  const second = tokenAfter(tokens, first);
  if (second?.tokenType === T.If && misspeltKeyword(lead, second) !== undefined) {
    const d = diagnostic('DLG2002', leadSpan, `'${first.image}' is not a Deluge statement: did you mean 'else'?`, { fix: { span: leadSpan, text: 'else' } });
    quietToBlockEnd(d, second, tokens);
    return d;
  }
  return undefined;
}

/**
 * Silences what the parser says from `from` to the end of the first block after it (within the statement's head):
 * a misspelt keyword's block, read as a map or a function's body, only echoes the misspelling.
 */
function quietToBlockEnd(d: Diagnostic, from: IToken, tokens: readonly IToken[]): void {
  const at = firstTokenAtOrAfter(tokens, from.startOffset);
  for (let i = at; i < Math.min(tokens.length, at + 24); i++) {
    const t = tokens[i]!;
    if (t.tokenType === T.Semicolon) break;
    if (t.tokenType === T.LCurly) {
      QUIETS.set(d, { start: from.startOffset, end: closerOf(tokens, t) ?? t.startOffset });
      return;
    }
  }
}

/**
 * Whether the `=` of a `=>` starts an arrow function, JavaScript's (`(a) => a + 1`, `l.filter(x => x > 1)`, `=> {`),
 * rather than `>=` written the wrong way round (`if (x => 1)`): a `{` after it; a list of names in parentheses that is
 * no condition's; or one name that is a call's argument.
 */
function isArrowFunction(equals: IToken, tokens: readonly IToken[]): boolean {
  const arrowEnd = tokenAfter(tokens, tokenAfter(tokens, equals) ?? equals);
  if (arrowEnd?.tokenType === T.LCurly) return true;
  const before = tokenBefore(tokens, equals);
  if (before === undefined) return false;
  if (before.tokenType === T.RParen) {
    // `f = (a) => …`: a list of names in parentheses, assigned (back to its `(` over names and commas only).
    let i = indexOfToken(tokens, before) - 1;
    while (i >= 0 && (tokens[i]!.tokenType === T.Identifier || tokens[i]!.tokenType === T.Comma)) i--;
    return i >= 1 && tokens[i]!.tokenType === T.LParen && tokenMatcher(tokens[i - 1]!, T.AssignOperator);
  }
  if (before.tokenType !== T.Identifier) return false;
  // `l.filter(x => …)`: the one argument of a method that takes a function in JavaScript; elsewhere (`isLarge(amount
  // => 1000)`, `if (x => 1)`) it is `>=` written the wrong way round.
  const open = tokenBefore(tokens, before);
  const callee = open?.tokenType === T.LParen ? tokenBefore(tokens, open) : undefined;
  return callee !== undefined && tokenBefore(tokens, callee)?.image === '.' && JS_FUNCTION_TAKERS.has(callee.image);
}

/** JavaScript's list methods that take a function, which Deluge does not have. */
const JS_FUNCTION_TAKERS: ReadonlySet<string> = new Set(['filter', 'map', 'forEach', 'find', 'findIndex', 'some', 'every', 'reduce', 'flatMap']);

/**
 * `getRecordById("Leads", 23033XXXXXXXXXXXXXX)`, `58XXXX49`: a record or organization ID whose digits a docs page
 * masked with X's, read as a number and a name. Said as such, without the ',' or ';' the parser would put between them.
 */
function maskedId(token: IToken, tokens: readonly IToken[]): Diagnostic | undefined {
  const previous = tokenBefore(tokens, token);
  if (previous?.tokenType !== T.IntegerLiteral || !adjacent(previous, token) || !tokenMatcher(token, T.Word) || !/^x{3,}\d*$/i.test(token.image)) return undefined;
  return diagnostic(
    'DLG2002',
    { start: previous.startOffset, end: token.startOffset + token.image.length },
    `'${previous.image}${token.image}' is an ID the docs page masked with X's: put the real ID in its place`,
  );
}

/** Whether a token is a text literal (`"…"` or `'…'`). */
function isText(token: IToken | undefined): boolean {
  return token !== undefined && tokenMatcher(token, T.StringLiteral);
}

/** Whether `b` starts right where `a` ends, with nothing between (neither is a token the parser made up). */
function adjacent(a: IToken | undefined, b: IToken | undefined): boolean {
  return a !== undefined && b !== undefined && !Number.isNaN(a.startOffset) && a.startOffset + a.image.length === b.startOffset;
}

/**
 * Mistakes Deluge developers make in Deluge's own syntax, said in words where the parser would only name the token it
 * expected: a `"` inside a text, a task key in quotes, a missing `,` between entries, a parameter without a type.
 */
function usualMistake(facts: ErrorFacts, token: IToken, tokens: readonly IToken[]): Diagnostic | undefined {
  const at = firstTokenAtOrAfter(tokens, token.startOffset);
  const previous = tokens[at - 1];
  const next = tokens[at + 1];
  // `"He said "hi there" to me"`, `"<a href="https://…">"`: the text ends at the inner `"`, so a word follows it with no
  // space between (an operator would stand there in valid code: `"a" + b`).
  if (previous !== undefined && isText(previous) && adjacent(previous, token) && previous.image.startsWith('"') && tokenMatcher(token, T.Word)) {
    return diagnostic('DLG2002', spanOf(previous), `a '"' inside a text ends it: write \\" for each quote inside the text`);
  }
  // `"url": "https://…"` in a task block: its keys are names, not texts.
  if (facts.kind === 'mismatch' && facts.expected === 'RBracket' && isText(token) && next?.tokenType === T.Colon) {
    const key = token.image.slice(1, -1);
    return diagnostic('DLG2002', spanOf(token), `a task block's keys are written without quotes: ${key}: …`, { fix: { span: spanOf(token), text: key } });
  }
  // `{"a": 1 "b": 2}`, `f(g(1) 2)`: two items with nothing between them, inside a call's or a collection's brackets
  // (not a block's: after a mistake the parser may read a block's statements as a collection's items).
  if (facts.kind === 'mismatch' && previous !== undefined && endsOperand(previous) && startsOperand(token) && WORD_OPERATORS[token.image.toLowerCase()] === undefined) {
    const opener = enclosingOpener(tokens, at);
    const openerBefore = opener === undefined ? undefined : tokenBefore(tokens, opener);
    // `url "https://…"` in a task block: the key's `:` is what is missing.
    if (opener?.tokenType === T.LBracket && openerBefore !== undefined && tokenMatcher(openerBefore, T.TaskName) && tokenMatcher(previous, T.Word)) {
      const after = previous.startOffset + previous.image.length;
      return diagnostic('DLG2002', { start: after, end: after }, `missing ':' after the key '${previous.image}'`, { fix: { span: { start: after, end: after }, text: ':' } });
    }
    if (opener !== undefined && !opensBlock(opener, tokens)) {
      const after = previous.startOffset + previous.image.length;
      return inserts(diagnostic('DLG2002', { start: after, end: after }, `missing ',' between '${previous.image}' and '${token.image}'`, { fix: { span: { start: after, end: after }, text: ',' } }), T.Comma, after);
    }
  }
  // `url= "https://…"` in a task block: its parameters are `key: value`.
  if (facts.kind === 'mismatch' && facts.expected === 'Colon' && token.tokenType === T.Assign && previous !== undefined && tokenMatcher(previous, T.Word)) {
    const opener = enclosingOpener(tokens, at);
    const task = opener === undefined ? undefined : tokenBefore(tokens, opener);
    if (opener?.tokenType === T.LBracket && task !== undefined && tokenMatcher(task, T.TaskName)) {
      const here = spanOf(token);
      return diagnostic('DLG2002', here, `${task.image} parameters are written 'key: value', not 'key = value': write '${previous.image}: …'`, { fix: { span: here, text: ':' } });
    }
  }
  // `{"amount": amount; "name": n}`: a map's entries separated by `;`. The parser ends the map there and reads the rest
  // as statements: what it says up to the end of the statement after the map's `}` is this mistake.
  if (facts.kind === 'mismatch' && facts.expected === 'RCurly' && token.tokenType === T.Semicolon && token.image !== '' && next !== undefined && tokens[at + 2]?.tokenType === T.Colon && (isText(next) || tokenMatcher(next, T.Word))) {
    const opener = enclosingOpener(tokens, at);
    if (opener !== undefined && opener.tokenType === T.LCurly && !opensBlock(opener, tokens)) {
      const here = spanOf(token);
      const d = diagnostic('DLG2002', here, "a map's entries are separated by ',', not ';': write ','", { fix: { span: here, text: ',' } });
      QUIETS.set(d, { start: here.start, end: endOfStatementHead(tokens, closerOf(tokens, opener) ?? here.start) });
      return d;
    }
  }
  // `string standalone.f(leadId)`: each parameter has a type, then a name.
  if (facts.rule === 'parameter' && previous?.tokenType === T.Identifier && (token.tokenType === T.RParen || token.tokenType === T.Comma)) {
    const before = tokens[at - 2];
    if (before?.tokenType === T.LParen || before?.tokenType === T.Comma) {
      // `(map)`: a type with its name left out; `(leadId)`: a name with its type left out.
      if (T.DECLARABLE_TYPES.has(previous.image.toLowerCase())) {
        return diagnostic('DLG2002', spanOf(previous), `the parameter of type '${previous.image}' needs a name after its type: (${previous.image} name)`);
      }
      return diagnostic('DLG2002', spanOf(previous), `the parameter '${previous.image}' needs a type before its name: (string ${previous.image})`);
    }
  }
  return undefined;
}

/** A token that can end an operand: a name (not a keyword), a literal, a closing bracket. */
function endsOperand(t: IToken): boolean {
  return t.tokenType === T.Identifier || isText(t) || t.tokenType === T.IntegerLiteral || t.tokenType === T.DecimalLiteral || t.tokenType === T.True || t.tokenType === T.False || t.tokenType === T.Null || CLOSERS.has(t.tokenType.name);
}

/**
 * `msg = "Hello " name;`, `m put("a", 1);`: two operands side by side on one line, the statement going on to its `;`
 * there. A ';' between them would end the statement early; what is missing is the '+' that joins them, or the '.' of
 * a method call. Undefined when that is not what the line shows.
 */
function missingJoiner(previous: IToken, token: IToken, tokens: readonly IToken[]): Diagnostic | undefined {
  if (Number.isNaN(previous.startOffset) || previous.startLine !== token.startLine || !endsOperand(previous) || !startsOperand(token)) return undefined;
  // The statement ends on this line: a `;` after the token at its bracket level, before the line ends.
  const from = firstTokenAtOrAfter(tokens, token.startOffset);
  if (tokens[from]?.startLine !== token.startLine || !statementEndsOnLine(tokens)[from]) return undefined;
  const at = { start: previous.startOffset + previous.image.length, end: token.startOffset };
  const next = tokenAfter(tokens, token);
  // `s = "a" t = 1;`: a statement of its own after this one, the ';' between them left out.
  if (next !== undefined && tokenMatcher(next, T.AssignOperator)) return undefined;
  if (previous.tokenType === T.Identifier && token.tokenType === T.Identifier && next?.tokenType === T.LParen) {
    return diagnostic('DLG2002', spanOf(token), `missing '.' between '${previous.image}' and '${token.image}': a method is called as ${previous.image}.${token.image}(…)`);
  }
  if (isText(previous) || isText(token)) {
    return diagnostic('DLG2002', spanOf(token), `missing '+' between '${previous.image}' and '${token.image}': texts and values are joined with +`, {
      related: [{ span: at, message: "'+' goes here" }],
    });
  }
  return undefined;
}

/** Per token stream, for each index: 1 when a `;` at its bracket level follows it on its line (found once per stream). */
const STATEMENT_ENDS_ON_LINE = new WeakMap<readonly IToken[], Uint8Array>();

/**
 * For each token, whether a `;` at its bracket level (brackets opened after it closed again, none of its own closed)
 * comes after it before its line ends. Asked once per mistake: searching the line each time made a line of thousands
 * of mistakes quadratic. A line's `;` at a bracket depth answers for every token before it at that depth.
 */
function statementEndsOnLine(tokens: readonly IToken[]): Uint8Array {
  let ends = STATEMENT_ENDS_ON_LINE.get(tokens);
  if (ends !== undefined) return ends;
  ends = new Uint8Array(tokens.length);
  const { depthBefore } = lineDepths(tokens);
  let semicolonDepths = new Set<number>();
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (i + 1 === tokens.length || tokens[i + 1]!.startLine !== tokens[i]!.startLine) semicolonDepths = new Set();
    if (tokens[i]!.tokenType === T.Semicolon) semicolonDepths.add(depthBefore[i]!);
    ends[i] = semicolonDepths.has(depthBefore[i]!) ? 1 : 0;
  }
  STATEMENT_ENDS_ON_LINE.set(tokens, ends);
  return ends;
}

/** The tasks written as a block, `name [ key: value … ]`. */
const TASK_NAMES = ['invokeurl', 'invokeapi', 'sendmail', 'sendsms', 'pushnotify'];

/**
 * `invokeUrll [ url: … ]`, `sendmial [ … ]`, `invoke_url [ … ]`: a name one or two letters from a task's, before the
 * `[ key: …` of a task block, read as a name indexed by `[`: the parser then stumbles on the first `:`. Said at the
 * name, with the task as the fix; what the parser says inside the block is this mistake's echo.
 */
function misspeltTask(token: IToken, tokens: readonly IToken[]): Diagnostic | undefined {
  const index = firstTokenAtOrAfter(tokens, token.startOffset);
  const opener = enclosingOpener(tokens, index);
  if (opener?.tokenType !== T.LBracket) return undefined;
  const name = tokenBefore(tokens, opener);
  if (name === undefined || name.tokenType !== T.Identifier || tokenMatcher(name, T.TaskName)) return undefined;
  const first = tokenAfter(tokens, opener);
  if (first === undefined || tokenAfter(tokens, first)?.image !== ':') return undefined;
  const written = name.image.toLowerCase().replace(/_/g, '');
  const meant = TASK_NAMES.find((task) => editDistance(written, task) <= 2);
  if (meant === undefined) return undefined;
  const d = diagnostic('DLG2002', spanOf(name), `'${name.image}' is not a task: did you mean ${meant}? (a task block is ${meant} [ key: value … ])`, {
    fix: { span: spanOf(name), text: meant },
  });
  const closer = closerOf(tokens, opener);
  QUIETS.set(d, { start: opener.startOffset, end: closer ?? opener.startOffset });
  return d;
}

/** A token that can start an operand: a name, a literal, an opening bracket. */
function startsOperand(t: IToken): boolean {
  return t.tokenType === T.Identifier || isText(t) || t.tokenType === T.IntegerLiteral || t.tokenType === T.DecimalLiteral || t.tokenType === T.True || t.tokenType === T.False || t.tokenType === T.Null || t.tokenType === T.LCurly || t.tokenType === T.LParen;
}

/**
 * The innermost bracket (`(`, `[`, `{`) still open before the token at `at`, within its statement (a `;` outside
 * brackets ends the search: an opener left unclosed by an earlier statement is not this one's).
 */
function enclosingOpener(tokens: readonly IToken[], at: number): IToken | undefined {
  let openers = OPENERS.get(tokens);
  if (!openers) OPENERS.set(tokens, (openers = openersBefore(tokens)));
  const index = openers[at] ?? -1;
  return index < 0 ? undefined : tokens[index];
}

/** By token list: for each index, the index of `enclosingOpener`'s answer there (-1: none). */
const OPENERS = new WeakMap<readonly IToken[], Int32Array>();

/**
 * `enclosingOpener` for every token in one pass (a search back from each error cost the statement's length, and a
 * text without `;` or a long unclosed one made thousands of them). A stack of open brackets, with a `;` as a wall:
 * the brackets opened before it are not the later tokens'; a closer takes the nearest bracket off, with the walls
 * after it; a closer with none to take hides every bracket before it.
 */
export function openersBefore(tokens: readonly IToken[]): Int32Array {
  const result = new Int32Array(tokens.length + 1);
  const WALL = -1;
  const stack: number[] = [];
  for (let i = 0; i <= tokens.length; i++) {
    const top = stack.length > 0 ? stack[stack.length - 1]! : WALL;
    result[i] = top;
    const t = tokens[i];
    if (t === undefined) break;
    if (t.tokenType === T.Semicolon) {
      if (top !== WALL) stack.push(WALL);
    } else if (CLOSERS.has(t.tokenType.name)) {
      // (A wall stands only on a bracket: a `;` with none open adds nothing.)
      while (stack.length > 0 && stack[stack.length - 1] === WALL) stack.pop();
      if (stack.length > 0) stack.pop();
      else stack.push(WALL);
    } else if (t.tokenType === T.LParen || t.tokenType === T.LBracket || t.tokenType === T.LCurly) {
      stack.push(i);
    }
  }
  return result;
}

/** Whether a `{` opens a block, not a map or list (the implied-semicolon pass decides it the same way). */
function opensBlock(opener: IToken, tokens: readonly IToken[]): boolean {
  return opener.tokenType === T.LCurly && !startsValue(tokenBefore(tokens, opener));
}

/**
 * Diagnostics whose mistake also spoils the block after the statement's head (`foreach x in l { … }` reads the block
 * as a map): the parser's complaints inside that block are its echoes too.
 */
const EXPLAINS_NEXT_BLOCK = new WeakSet<Diagnostic>();

export function explainsItsBlock(d: Diagnostic): Diagnostic {
  EXPLAINS_NEXT_BLOCK.add(d);
  return d;
}

/**
 * The offset of the `}` closing the first `{` at or after `from` (Infinity when there is none); when an `else` follows
 * it (`elseif (…) { … } else { … }`), the `}` of the `else`'s block.
 */
function endOfNextBlock(tokens: readonly IToken[], from: number): number {
  let depth = 0;
  for (let i = firstTokenAtOrAfter(tokens, from); i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.tokenType === T.Semicolon && depth === 0) return t.startOffset;
    if (t.tokenType === T.LCurly) depth++;
    else if (t.tokenType === T.RCurly && --depth === 0) return tokens[i + 1]?.tokenType === T.Else ? endOfNextBlock(tokens, tokens[i + 1]!.startOffset) : t.startOffset;
  }
  return Infinity;
}

/** Whether `token` begins a statement: the first token, or one after `;`, `{` or `}`. */
function isStatementStart(token: IToken, tokens: readonly IToken[]): boolean {
  const before = tokenBefore(tokens, token);
  return before === undefined || before.tokenType === T.Semicolon || before.tokenType === T.LCurly || before.tokenType === T.RCurly;
}

/**
 * The first token of the statement `token` is in, when that statement has gone on for no more than a few tokens (the
 * head of a `foreach` or `elseif`: a mistake further on is not blamed on its first word).
 */
function statementFirstToken(token: IToken, tokens: readonly IToken[]): IToken | undefined {
  const at = firstTokenAtOrAfter(tokens, token.startOffset);
  for (let i = at - 1; i >= Math.max(0, at - 8); i--) if (isStatementStart(tokens[i]!, tokens)) return tokens[i];
  return undefined;
}

/** Matches brackets across the token stream; reports each unclosed opener where it opened. */
function bracketDiagnostics(text: string, tokens: readonly IToken[]): { diagnostics: Diagnostic[]; unclosed: boolean; involved: Set<IToken> } {
  // Innermost matching first; only when that leaves brackets unbalanced does indentation decide which to blame.
  const plain = matchBrackets(text, tokens, false);
  return plain.diagnostics.length === 0 ? plain : matchBrackets(text, tokens, true);
}

function matchBrackets(
  text: string,
  tokens: readonly IToken[],
  byIndentation: boolean,
): { diagnostics: Diagnostic[]; unclosed: boolean; involved: Set<IToken> } {
  const diagnostics: Diagnostic[] = [];
  // The indentation of a token's line, if the token is the first thing on it; else undefined.
  const lineIndent = (t: IToken): number | undefined => {
    let i = t.startOffset - 1;
    while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
    if (i >= 0 && text[i] !== '\n' && text[i] !== '\r') return undefined;
    return t.startOffset - i - 1;
  };
  const openerIndent = (t: IToken): number => {
    let start = t.startOffset;
    while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
    let end = start;
    while (text[end] === ' ' || text[end] === '\t') end++;
    return end - start;
  };
  const involved = new Set<IToken>();
  const stack: IToken[] = [];
  for (const token of tokens) {
    const image = token.image;
    if (token.tokenType === T.LParen || token.tokenType === T.LCurly || token.tokenType === T.LBracket) {
      // A function's `{` with blocks still open: functions are declared at the top level only, so those blocks close
      // before its header (the previous function's last `}` left out, or one of its blocks').
      const header = token.tokenType === T.LCurly && stack.length > 0 ? functionHeaderOf(token, text, tokens) : undefined;
      if (header !== undefined) {
        for (const open of stack.splice(0)) {
          involved.add(open);
          const d = unclosedAt(open, text, tokens, involved, header);
          // Where no line inside tells, its `}` goes before the header, put in there so the function is read as one.
          const block = open.tokenType === T.LCurly && !startsValue(tokenBefore(tokens, open));
          diagnostics.push(block && insertionOf(d) === undefined ? closesBlockBefore(d, open, header, text) : d);
        }
      }
      stack.push(token);
    } else if (token.tokenType === T.Catch || token.tokenType === T.Else) {
      // `catch` follows the `}` of a try's block only, `else` that of an if's: after something else, with such a block
      // open, that block's `}` goes before it (a function's `{` and the try's at the same indentation leave nothing
      // else to tell which was left open).
      const top = stack[stack.length - 1];
      const closed = tokenBefore(tokens, token)?.tokenType === T.RCurly;
      const owner = (open: IToken) => (token.tokenType === T.Catch ? isTryBlock(open, tokens) : isIfBlock(open, tokens) && !followsBracelessIf(open, token, tokens));
      if (!closed && top?.tokenType === T.LCurly && owner(top) && indentIfFirstOnLine(text, token.startOffset) !== undefined) {
        stack.pop();
        involved.add(top);
        involved.add(token);
        const d = diagnostic('DLG2003', spanOf(top), `'{' is never closed: add '}' before '${image}' (line ${token.startLine})`, {
          related: [{ span: { start: token.startOffset, end: token.startOffset }, message: `'}' goes before this '${image}'` }],
        });
        QUIETS.set(d, { start: token.startOffset, end: token.startOffset });
        diagnostics.push(closesBlockBefore(d, top, token, text));
      }
    } else if (token.tokenType === T.RParen || token.tokenType === T.RCurly || token.tokenType === T.RBracket) {
      // `x.toString())` in `invokeurl [ … ]`, `add({"id": i.toString()), "n": 1})`: the innermost bracket is closed later in
      // the statement by one of its own kind; this closer is one too many (not a closer of another kind, nor the one
      // of an outer bracket).
      const top = stack[stack.length - 1];
      if (top !== undefined && CLOSER_OF[top.image] !== image && closedLaterInStatement(tokens, token, CLOSER_OF[top.image]!)) {
        involved.add(token);
        diagnostics.push(extraCloser(token));
        continue;
      }
      const match = findOpener(stack, image, token, (t) => (!byIndentation ? undefined : t === token ? lineIndent(t) : openerIndent(t)));
      if (match < 0) {
        involved.add(token);
        // `invokeurl [ … );`, `f(a, b];`: the innermost open bracket is of another kind, in the same statement; it is what
        // this one closes. (One left open by an earlier statement, `x = (1;`, is reported as unclosed.)
        const top = stack[stack.length - 1];
        const stop = top === undefined ? undefined : closerBelongsBefore(top, tokens);
        if (top !== undefined && !(top.image === '{' && !startsValue(tokenBefore(tokens, top))) && (stop === undefined || stop.startOffset > token.startOffset)) {
          involved.add(top);
          stack.pop();
          const meant = CLOSER_OF[top.image]!;
          const task = tokenBefore(tokens, top);
          if (top.image === '(' && image === ']' && task !== undefined && tokenMatcher(task, T.TaskName)) {
            // `invokeurl ( url: … ]`: the opener is the wrong one; the parser's reading of it as a call is its echo.
            const d = diagnostic('DLG2004', spanOf(top), `'${task.image}' takes its parameters in '[ … ]': write '[' here (its ']' is on line ${token.startLine})`, {
              fix: { span: spanOf(top), text: '[' },
              related: [{ span: spanOf(token), message: `the ']' that closes it` }],
            });
            QUIETS.set(d, { start: top.startOffset, end: token.startOffset });
            diagnostics.push(d);
            continue;
          }
          diagnostics.push(
            diagnostic('DLG2004', spanOf(token), `'${image}' does not match the '${top.image}' it closes (line ${top.startLine}): write '${meant}'`, {
              fix: { span: spanOf(token), text: meant },
              related: [{ span: spanOf(top), message: `'${top.image}' opens here` }],
            }),
          );
          continue;
        }
        diagnostics.push(extraCloser(token));
        continue;
      }
      // Openers above the match were never closed.
      for (const open of stack.splice(match + 1)) {
        involved.add(open);
        involved.add(token);
        diagnostics.push(unclosedAt(open, text, tokens, involved, token));
      }
      stack.pop();
    }
  }
  for (const open of stack) diagnostics.push(unclosedAt(open, text, tokens, involved));
  return { diagnostics, unclosed: stack.length > 0 || diagnostics.some((d) => d.code === 'DLG2003'), involved };
}

/**
 * The first token of a function's header (`string standalone.sync(String id) {`, its type at the start of a line)
 * whose body `open` opens; undefined for any other `{`.
 */
function functionHeaderOf(open: IToken, text: string, tokens: readonly IToken[]): IToken | undefined {
  // The parameters: no block or statement end inside them.
  const parameters = openingParenOf(tokens, firstTokenAtOrAfter(tokens, open.startOffset) - 1, HEADER_BARRIERS);
  if (parameters === undefined) return undefined;
  // The name, dotted: `standalone.sync`.
  let i = parameters - 1;
  if (tokens[i] === undefined || !tokenMatcher(tokens[i]!, T.Word)) return undefined;
  while (tokens[i - 1]?.tokenType === T.Dot && tokens[i - 2] !== undefined && tokenMatcher(tokens[i - 2]!, T.Word)) i -= 2;
  // The type: `string`, `map`, `list:string`.
  i--;
  if (tokens[i]?.tokenType === T.Identifier && tokens[i - 1]?.tokenType === T.Colon && tokens[i - 2]?.tokenType === T.Identifier) i -= 2;
  const type = tokens[i];
  // (JavaScript's `function f() {` has its own diagnostic.)
  return type?.tokenType === T.Identifier && type.image !== 'function' && indentIfFirstOnLine(text, type.startOffset) === 0 ? type : undefined;
}

/** `try {`: the block of a try. */
function isTryBlock(open: IToken, tokens: readonly IToken[]): boolean {
  return tokenBefore(tokens, open)?.tokenType === T.Try;
}

/**
 * `if (a) info b; else …` inside the block: the `else` is that if's, whose body has no braces (the last `if` of the
 * block before the `else`, at its depth, with no `{` after its condition).
 */
function followsBracelessIf(open: IToken, elseToken: IToken, tokens: readonly IToken[]): boolean {
  const from = firstTokenAtOrAfter(tokens, open.startOffset);
  let depth = 0;
  for (let i = firstTokenAtOrAfter(tokens, elseToken.startOffset) - 1; i > from; i--) {
    const type = tokens[i]!.tokenType;
    if (type === T.RParen || type === T.RCurly || type === T.RBracket) depth++;
    else if (type === T.LParen || type === T.LCurly || type === T.LBracket) depth--;
    else if (type === T.If && depth === 0) {
      // The `)` that closes its condition, and what follows it.
      let j = i + 1;
      for (let inner = 0; j < tokens.length; j++) {
        const t = tokens[j]!.tokenType;
        if (t === T.LParen) inner++;
        else if (t === T.RParen && --inner === 0) break;
      }
      return tokens[j + 1]?.tokenType !== T.LCurly;
    }
  }
  return false;
}

/** `if (…) {`, `else if (…) {`, `else {`: a block an `else` may follow. */
function isIfBlock(open: IToken, tokens: readonly IToken[]): boolean {
  const before = firstTokenAtOrAfter(tokens, open.startOffset) - 1;
  if (tokens[before]?.tokenType === T.Else) return true;
  const condition = openingParenOf(tokens, before);
  return condition !== undefined && tokens[condition - 1]?.tokenType === T.If;
}

const HEADER_BARRIERS: ReadonlySet<TokenType> = new Set([T.LCurly, T.RCurly, T.Semicolon]);

/**
 * The index of the `(` that the `)` at index `close` closes; undefined when that token is no `)`, the `(` is missing,
 * or a token of `barriers` comes first.
 */
function openingParenOf(tokens: readonly IToken[], close: number, barriers?: ReadonlySet<TokenType>): number | undefined {
  if (tokens[close]?.tokenType !== T.RParen) return undefined;
  for (let i = close, depth = 0; i >= 0; i--) {
    const type = tokens[i]!.tokenType;
    if (type === T.RParen) depth++;
    else if (type === T.LParen && --depth === 0) return i;
    else if (barriers?.has(type)) return undefined;
  }
  return undefined;
}

/**
 * Diagnostics of a token left out where there is no doubt about where it goes (a `,` between two entries, the `)` of an
 * `if (` before its block's `{`): the text is parsed again with it (parse.ts), so that what follows is read as meant.
 */
const INSERTIONS = new WeakMap<Diagnostic, { type: TokenType; at: number }>();

export function insertionOf(d: Diagnostic): { type: TokenType; at: number } | undefined {
  return INSERTIONS.get(d);
}

function inserts(d: Diagnostic, type: TokenType, at: number): Diagnostic {
  INSERTIONS.set(d, { type, at });
  return d;
}

/**
 * For an unclosed `(` whose `)` would go at the end of its statement, another reading, to be tried (parse.ts): a `(`
 * inside it, the innermost open where the parser stumbled on a token, expecting `)` (`if (n.length( = 2)`: the call's
 * `(` is the one left open, its `)` goes before the `=`, and the last `)` is the if's).
 */
const ALTERNATIVES = new WeakMap<Diagnostic, Diagnostic>();

export function alternativeOf(d: Diagnostic): Diagnostic | undefined {
  return ALTERNATIVES.get(d);
}

/** The tokens where the parser expected a ')', sorted by offset: searched once per '(' left open. */
function missingRParenOffsets(errors: readonly IRecognitionException[]): IToken[] {
  return errors
    .filter((e) => {
      const facts = readFacts(e);
      return facts.kind === 'mismatch' && facts.expected === 'RParen';
    })
    .map((e) => e.token)
    .filter((t) => !Number.isNaN(t.startOffset))
    .sort((a, b) => a.startOffset - b.startOffset);
}

function lazily<V>(make: () => V): () => V {
  let made: { value: V } | undefined;
  return () => (made ??= { value: make() }).value;
}

function innerCallLeftOpen(d: Diagnostic, tokens: readonly IToken[], missingRParens: () => readonly IToken[]): void {
  const insertion = INSERTIONS.get(d);
  if (d.code !== 'DLG2003' || insertion?.type !== T.RParen) return;
  // The first place after the '(' where the parser wanted a ')', if before where the ')' is put in.
  const candidates = missingRParens();
  const stumbled = candidates[firstTokenAtOrAfter(candidates, d.span.start + 1)];
  if (stumbled === undefined || stumbled.startOffset >= insertion.at) return;
  const open: IToken[] = [];
  for (let i = firstTokenAtOrAfter(tokens, d.span.start) + 1; i < tokens.length && tokens[i]!.startOffset < stumbled.startOffset; i++) {
    const t = tokens[i]!;
    if (t.tokenType === T.LParen || t.tokenType === T.LBracket || t.tokenType === T.LCurly) open.push(t);
    else if (CLOSERS.has(t.tokenType.name)) open.pop();
  }
  const inner = open[open.length - 1];
  if (inner === undefined || inner.tokenType !== T.LParen) return;
  const previous = tokenBefore(tokens, stumbled)!;
  const at = previous.startOffset + previous.image.length;
  ALTERNATIVES.set(
    d,
    inserts(
      diagnostic('DLG2003', spanOf(inner), `'(' is never closed: add ')' before '${stumbled.image}'`, {
        related: [{ span: { start: at, end: at }, message: `')' goes here` }],
      }),
      T.RParen,
      at,
    ),
  );
}

/** Diagnostics of a closer with no opener: the text is parsed again without it (parse.ts). */
const EXTRA_CLOSERS = new WeakSet<Diagnostic>();

export function isExtraCloser(d: Diagnostic): boolean {
  return EXTRA_CLOSERS.has(d);
}

function extraCloser(token: IToken): Diagnostic {
  const d = diagnostic('DLG2004', spanOf(token), `'${token.image}' has no matching opening bracket: remove it`);
  EXTRA_CLOSERS.add(d);
  return d;
}

/**
 * Whether a closer `closer` at the level of `from` comes after it, before the statement ends (a `;`, or a block's `{`,
 * at that level) or the level does.
 */
function closedLaterInStatement(tokens: readonly IToken[], from: IToken, closer: string): boolean {
  let depth = 0;
  for (let i = firstTokenAtOrAfter(tokens, from.startOffset) + 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.tokenType === T.LParen || t.tokenType === T.LBracket || t.tokenType === T.LCurly) {
      if (depth === 0 && t.tokenType === T.LCurly && !startsValue(tokens[i - 1])) return false;
      depth++;
    } else if (CLOSERS.has(t.tokenType.name)) {
      if (depth === 0) return t.image === closer;
      depth--;
    } else if (depth === 0 && t.tokenType === T.Semicolon) {
      return false;
    }
  }
  return false;
}

/**
 * The opener a closer matches: the innermost of its kind, except that a `}` beginning its line matches the
 * innermost `{` whose line is indented the same, when there is one — so in
 *     void f()
 *     {
 *         m = {"a": 1
 *     }
 * the map's `{` is the unclosed one, not the function's.
 */
function findOpener(stack: readonly IToken[], closer: string, closerToken: IToken, lineIndent: (t: IToken) => number | undefined): number {
  let innermost = -1;
  for (let i = stack.length - 1; i >= 0; i--) {
    if (CLOSER_OF[stack[i]!.image] !== closer) continue;
    if (innermost < 0) innermost = i;
    if (closer !== '}') break;
    const indent = lineIndent(closerToken);
    if (indent === undefined) break;
    if (lineIndent(stack[i]!) === indent) return i;
  }
  return innermost;
}

/**
 * An unclosed bracket, said where its closer belongs when that is before the closer of an outer bracket (`before`)
 * or the end: for a `(` or `[`, at the statement's `;` (`f(a, b;`) or at a block's `{` (`if (x > 1` then `{` on the
 * next line); for a block's `{`, at the first line indented no deeper than the `{`'s (an `else`, the next statement).
 * The parser's complaint at that token is the same mistake.
 */
function unclosedAt(open: IToken, text: string, tokens: readonly IToken[], involved: Set<IToken>, before?: IToken): Diagnostic {
  const block = open.tokenType === T.LCurly && !startsValue(tokenBefore(tokens, open));
  const stop = block ? blockCloserBelongsBefore(open, text, tokens) : closerBelongsBefore(open, tokens);
  if (stop === undefined || (before !== undefined && stop.startOffset >= before.startOffset)) {
    const d = unclosed(open, before);
    // `}` at the start of a line indented less than the block's: the block's `}` goes on a line of its own before it.
    const outdent = before === undefined ? undefined : indentIfFirstOnLine(text, before.startOffset);
    return block && outdent !== undefined && outdent < indentOfLine(text, open.startOffset) ? closesBlockBefore(d, open, before!, text) : d;
  }
  involved.add(stop);
  const closer = CLOSER_OF[open.image]!;
  if (block) {
    const d = diagnostic('DLG2003', spanOf(open), `'{' is never closed: add '}' before '${stop.image}' (line ${stop.startLine})`, {
      related: [{ span: { start: stop.startOffset, end: stop.startOffset }, message: `'}' goes before this '${stop.image}'` }],
    });
    QUIETS.set(d, { start: stop.startOffset, end: stop.startOffset });
    return closesBlockBefore(d, open, stop, text);
  }
  const previous = tokenBefore(tokens, stop);
  const at = previous ? previous.startOffset + previous.image.length : stop.startOffset;
  const d = diagnostic('DLG2003', spanOf(open), `'${open.image}' is never closed: add '${closer}' before '${stop.image}'`, {
    related: [{ span: { start: at, end: at }, message: `'${closer}' goes here` }],
  });
  // (A map's or list's `}` is not put in: where it goes is less sure, with the next `;` lines away.)
  return closer === ')' ? inserts(d, T.RParen, at) : closer === ']' ? inserts(d, T.RBracket, at) : d;
}

/**
 * `d` (an unclosed block's) with its fix, a line `}` indented as the block's `{` line put before the line of `stop` (the
 * first token on its line), and the `}` to be put in there and the text parsed again (parse.ts): the lines after it are
 * then read as meant, not as part of the block.
 */
function closesBlockBefore(d: Diagnostic, open: IToken, stop: IToken, text: string): Diagnostic {
  const lineStart = stop.startOffset - indentIfFirstOnLine(text, stop.startOffset)!;
  const openLineStart = lineStartOf(text, open.startOffset);
  const indent = text.slice(openLineStart, openLineStart + indentOfLine(text, open.startOffset));
  const newline = /\r\n|\r|\n/.exec(text.slice(Math.max(0, lineStart - 2), lineStart))?.[0] ?? '\n';
  const fixed: Diagnostic = { ...d, fix: { span: { start: lineStart, end: lineStart }, text: `${indent}}${newline}` } };
  const quiet = QUIETS.get(d);
  if (quiet !== undefined) QUIETS.set(fixed, quiet);
  return inserts(fixed, T.RCurly, lineStart);
}

/** The offset where the line holding `offset` begins (by the text's line starts: walking back was quadratic on a long line of mistakes). */
function lineStartOf(text: string, offset: number): number {
  if (describedFile?.text !== text) describedFile = new SourceFile('', text);
  return describedFile.lineStartOf(offset);
}

/** The text being described, for its line starts (syntaxErrorDiagnostics lets it go). */
let describedFile: SourceFile | undefined;

/**
 * The first token inside an unclosed `(`, `[` or map or list `{` (at its own level) that no expression in brackets can
 * hold: a real `;` (in a task block, one that is not followed by another `key:` or the `]`, DLG2008's separator) or a
 * block's `{`. Undefined when a closer of an outer bracket comes first.
 */
function closerBelongsBefore(open: IToken, tokens: readonly IToken[]): IToken | undefined {
  const first = firstTokenAtOrAfter(tokens, open.startOffset);
  const task = open.tokenType === T.LBracket && tokens[first - 1] !== undefined && tokenMatcher(tokens[first - 1]!, T.TaskName);
  let depth = 0;
  for (let i = first + 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (depth === 0 && t.tokenType === T.LCurly && !startsValue(tokens[i - 1])) return t;
    if (t.tokenType === T.LParen || t.tokenType === T.LBracket || t.tokenType === T.LCurly) depth++;
    else if (CLOSERS.has(t.tokenType.name)) {
      if (depth === 0) return undefined;
      depth--;
    } else if (depth === 0 && t.tokenType === T.Semicolon && t.image !== '') {
      const next = tokens[i + 1];
      const separator = task && next !== undefined && (next.tokenType === T.RBracket || (tokenMatcher(next, T.Word) && tokens[i + 2]?.tokenType === T.Colon));
      if (!separator) return t;
    }
  }
  return undefined;
}

/**
 * Where the `}` of an unclosed block belongs, by indentation: the first line inside it (at its own level) indented no
 * deeper than the line of its `{`, when the lines after the `{` are indented deeper (without that, indentation says
 * nothing). Undefined when that line starts with a closer (the closer is what the message names anyway), or when a
 * closer of an outer bracket comes first.
 */
function blockCloserBelongsBefore(open: IToken, text: string, tokens: readonly IToken[]): IToken | undefined {
  const first = firstTokenAtOrAfter(tokens, open.startOffset);
  const openerIndent = indentOfLine(text, open.startOffset);
  let indented = false;
  let depth = 0;
  let i = first + 1;
  // The rest of the `{`'s line starts no line, so it decides nothing but a closer of an outer bracket there: looked at
  // through depths found once per token stream (scanned for each `{`, a line of thousands of them was quadratic).
  const lines = lineDepths(tokens);
  if (i < tokens.length && tokens[i]!.startLine === tokens[first]!.startLine) {
    if (lines.lowestAfterOnLine[i]! < lines.depthBefore[i]!) return undefined;
    const next = lines.nextLineAt[i]!;
    depth = lines.depthBefore[next]! - lines.depthBefore[i]!;
    i = next;
  }
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (depth === 0 && t.image !== '') {
      const indent = indentIfFirstOnLine(text, t.startOffset);
      if (indent !== undefined) {
        if (indent > openerIndent) indented = true;
        else return indented && !CLOSERS.has(t.tokenType.name) ? t : undefined;
      }
    }
    if (t.tokenType === T.LParen || t.tokenType === T.LBracket || t.tokenType === T.LCurly) depth++;
    else if (CLOSERS.has(t.tokenType.name) && --depth < 0) return undefined;
  }
  return undefined;
}

/** Per token stream: bracket depths by token, and where each token's line ends (see lineDepths). */
const LINE_DEPTHS = new WeakMap<readonly IToken[], { depthBefore: Int32Array; lowestAfterOnLine: Int32Array; nextLineAt: Int32Array }>();

/**
 * For each token index: the depth of open brackets before it (`depthBefore`, with one more entry for the end), the
 * lowest depth after it or a later token of its line (`lowestAfterOnLine`), and the index of the first token of a later
 * line (`nextLineAt`; tokens.length at the end). Found once per token stream.
 */
function lineDepths(tokens: readonly IToken[]): { depthBefore: Int32Array; lowestAfterOnLine: Int32Array; nextLineAt: Int32Array } {
  let found = LINE_DEPTHS.get(tokens);
  if (found !== undefined) return found;
  const n = tokens.length;
  const depthBefore = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const type = tokens[i]!.tokenType;
    depthBefore[i + 1] = depthBefore[i]! + (type === T.LParen || type === T.LBracket || type === T.LCurly ? 1 : CLOSERS.has(type.name) ? -1 : 0);
  }
  const lowestAfterOnLine = new Int32Array(n);
  const nextLineAt = new Int32Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const sameLine = i + 1 < n && tokens[i + 1]!.startLine === tokens[i]!.startLine;
    lowestAfterOnLine[i] = sameLine ? Math.min(depthBefore[i + 1]!, lowestAfterOnLine[i + 1]!) : depthBefore[i + 1]!;
    nextLineAt[i] = sameLine ? nextLineAt[i + 1]! : i + 1;
  }
  found = { depthBefore, lowestAfterOnLine, nextLineAt };
  LINE_DEPTHS.set(tokens, found);
  return found;
}

/** The width of the spaces and tabs that begin the line holding `offset`. */
function indentOfLine(text: string, offset: number): number {
  const start = lineStartOf(text, offset);
  let end = start;
  while (text[end] === ' ' || text[end] === '\t') end++;
  return end - start;
}

/** The indentation of the line holding `offset`, when only spaces and tabs come before it on that line. */
function indentIfFirstOnLine(text: string, offset: number): number | undefined {
  let i = offset - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  if (i >= 0 && text[i] !== '\n' && text[i] !== '\r') return undefined;
  return offset - i - 1;
}

/**
 * Bracket diagnostics whose mistake the parser then complains about somewhere else: a DLG2003 of a block whose `}`
 * belongs before a token the parser fails on (`else` with the `}` before it missing), a DLG2004 of `invokeurl ( … ]`
 * (read as a call). By diagnostic, where an unexpected-token or missing-`;` complaint is the same mistake.
 */
const QUIETS = new WeakMap<Diagnostic, Span>();

function unclosed(open: IToken, before?: IToken): Diagnostic {
  const closer = CLOSER_OF[open.image]!;
  const where = before ? ` before '${before.image}'` : '';
  return diagnostic('DLG2003', spanOf(open), `'${open.image}' is never closed: add '${closer}'${where}`, {
    ...(before ? { related: [{ span: spanOf(before), message: `'${before.image}' closes an outer bracket here` }] } : {}),
  });
}

function spanOf(token: IToken): Span {
  return { start: token.startOffset, end: token.startOffset + token.image.length };
}
