import { createTokenInstance, tokenMatcher, type IToken, type TokenType } from 'chevrotain';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { editDistance } from '../edit-distance.js';
import * as T from './tokens.js';

/**
 * Mistakes that spoil what follows them, where the code around them leaves no doubt what was meant: keywords run
 * together or misspelled (`foreach x in l`, `} elseif (…)`, `} cath (e) {`), which the parser reads as names (the loop's
 * block then read as a map, the catch's block as a bare block, the `else` after an `elseif` left without its `if`), and
 * an invokeurl's method written without its key (`POST` for `type: POST`), read as a key missing its `:`. For a text
 * that failed to parse, the tokens as meant, to be parsed again, and a diagnostic for each mistake. Undefined when
 * there is none. (Valid scripts never get here: a variable may be named `foreach`.)
 */
export function repairTokens(tokens: readonly IToken[]): { tokens: IToken[]; diagnostics: Diagnostic[] } | undefined {
  let out: IToken[] | undefined;
  const diagnostics: Diagnostic[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const replacement = tokenMatcher(token, T.Identifier) ? repair(tokens, i) : undefined;
    if (replacement === undefined) {
      out?.push(token);
      continue;
    }
    out ??= tokens.slice(0, i);
    out.push(...replacement.tokens);
    diagnostics.push(replacement.diagnostic);
  }
  return out === undefined ? undefined : { tokens: out, diagnostics };
}

function repair(tokens: readonly IToken[], i: number): { tokens: IToken[]; diagnostic: Diagnostic } | undefined {
  const token = tokens[i]!;
  const word = token.image.toLowerCase();
  const previous = tokens[i - 1];
  const next = tokens[i + 1];
  const span = { start: token.startOffset, end: token.startOffset + token.image.length };
  // `foreach x in list`, `foreach index i in list`
  if (word === 'foreach' && startsStatement(previous) && next !== undefined && tokenMatcher(next, T.Identifier)) {
    const inAt = tokens[i + 2] !== undefined && tokenMatcher(tokens[i + 2]!, T.In) ? i + 2 : i + 3;
    if (tokens[inAt] === undefined || !tokenMatcher(tokens[inAt]!, T.In) || (inAt === i + 3 && !tokenMatcher(tokens[i + 2]!, T.Identifier))) return undefined;
    return {
      tokens: split(token, [T.For, 3], [T.Each, 4]),
      diagnostic: diagnostic('DLG2002', span, "'for each' is two words: for each x in list { … }", { fix: { span, text: 'for each' } }),
    };
  }
  // `} elseif (…) {`: after an `if`'s block (or its one statement).
  if ((word === 'elseif' || word === 'elsif' || word === 'elif') && (previous?.tokenType === T.RCurly || previous?.tokenType === T.Semicolon) && next?.tokenType === T.LParen) {
    return {
      tokens: split(token, [T.Else, word.length - 2], [T.If, 2]),
      diagnostic: diagnostic('DLG2002', span, `Deluge writes '${token.image}' as 'else if'`, { fix: { span, text: 'else if' } }),
    };
  }
  // `} cath (e) {`: the head of a catch, its keyword misspelled.
  if (previous?.tokenType === T.RCurly && next?.tokenType === T.LParen && tokens[i + 2]?.tokenType === T.Identifier && tokens[i + 3]?.tokenType === T.RParen && tokens[i + 4]?.tokenType === T.LCurly && nearly(word, 'catch')) {
    return {
      tokens: [retyped(token, T.Catch)],
      diagnostic: diagnostic('DLG2002', span, `'${token.image}' is misspelled: write 'catch' (try { … } catch (e) { … })`, { fix: { span, text: 'catch' } }),
    };
  }
  // `invokeurl [ url: u  POST  … ]`: the method alone, where a key goes, in a block that has no `type:`.
  // (After the block's `[` or a value, and followed by no more of an expression: `url: base + GET` is a name.)
  // (`type POST` is a key missing its ':', said as such.)
  const keyBefore = previous !== undefined && tokenMatcher(previous, T.Word) && (tokens[i - 2]?.startLine ?? 0) < (previous.startLine ?? 0);
  if (HTTP_METHODS.has(word) && previous !== undefined && !keyBefore && (previous.tokenType === T.LBracket || endsValue(previous)) && (next === undefined || !continuesExpression(next))) {
    const block = invokeurlBlock(tokens, i);
    if (block === undefined) return undefined;
    const type = block.findIndex((t, k) => t.image.toLowerCase() === 'type' && block[k + 1]?.tokenType === T.Colon);
    if (type >= 0) {
      // A second method, where the block has its `type:` already: left out, said once.
      const method = block[type + 2];
      const given = method !== undefined && HTTP_METHODS.has(method.image.toLowerCase()) ? `type: ${method.image}` : 'type: …';
      return { tokens: [], diagnostic: diagnostic('DLG2002', span, `unexpected '${token.image}': this invokeurl's method is given by '${given}' (line ${block[type]!.startLine})`) };
    }
    const at = { start: span.start, end: span.start };
    return {
      tokens: [createTokenInstance(T.Identifier, 'type', span.start, span.start - 1, token.startLine ?? NaN, token.startLine ?? NaN, token.startColumn ?? NaN, (token.startColumn ?? NaN) - 1), createTokenInstance(T.Colon, ':', span.start, span.start - 1, token.startLine ?? NaN, token.startLine ?? NaN, token.startColumn ?? NaN, (token.startColumn ?? NaN) - 1), token],
      diagnostic: diagnostic('DLG2002', span, `missing 'type:' before '${token.image}': invokeurl takes its method as type: ${token.image.toUpperCase()}`, { fix: { span: at, text: 'type: ' } }),
    };
  }
  return undefined;
}

/** A token a value can end with: a name, a literal, a closing bracket. */
function endsValue(t: IToken): boolean {
  return tokenMatcher(t, T.Word) || tokenMatcher(t, T.StringLiteral) || t.tokenType === T.IntegerLiteral || t.tokenType === T.DecimalLiteral || t.tokenType === T.RParen || t.tokenType === T.RBracket || t.tokenType === T.RCurly;
}

/** A token that goes on with the expression before it (or makes the word before it a key): `.`, `(`, `[`, `:`, `,`, an operator. */
function continuesExpression(t: IToken): boolean {
  const type = t.tokenType;
  return (
    type === T.Dot || type === T.LParen || type === T.LBracket || type === T.Colon || type === T.Comma ||
    tokenMatcher(t, T.AssignOperator) || tokenMatcher(t, T.EqualityOperator) || tokenMatcher(t, T.RelationalOperator) ||
    tokenMatcher(t, T.AdditiveOperator) || tokenMatcher(t, T.MultiplicativeOperator) || type === T.AndAnd || type === T.OrOr
  );
}

const HTTP_METHODS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'delete', 'patch']);

/** The tokens of the `invokeurl [ … ]` that token `i` is directly in (at its own level), or undefined. */
function invokeurlBlock(tokens: readonly IToken[], i: number): IToken[] | undefined {
  let depth = 0;
  let open = -1;
  for (let j = i - 1; j >= 0 && open < 0; j--) {
    const type = tokens[j]!.tokenType;
    if (type === T.RParen || type === T.RBracket || type === T.RCurly) depth++;
    else if (type === T.LParen || type === T.LBracket || type === T.LCurly) {
      if (depth === 0) open = j;
      else depth--;
    } else if (type === T.Semicolon && depth === 0) return undefined;
  }
  if (open < 0 || tokens[open]!.tokenType !== T.LBracket || tokens[open - 1]?.tokenType !== T.InvokeUrl) return undefined;
  const block: IToken[] = [];
  depth = 0;
  for (let j = open + 1; j < tokens.length; j++) {
    const type = tokens[j]!.tokenType;
    if (type === T.LParen || type === T.LBracket || type === T.LCurly) depth++;
    else if (type === T.RParen || type === T.RBracket || type === T.RCurly) {
      if (depth-- === 0) break;
    } else if (depth === 0) block.push(tokens[j]!);
  }
  return block;
}

/** Whether a statement may start after `previous`: at the start, after `;`, a block's `{` or `}`, an `if (…)`, or a page's `<%`. */
function startsStatement(previous: IToken | undefined): boolean {
  if (previous === undefined) return true;
  const type = previous.tokenType;
  return type === T.Semicolon || type === T.LCurly || type === T.RCurly || type === T.RParen || type === T.Else || type === T.HtmlThenCode || type === T.TemplateStart;
}

/** Whether `word` is `keyword` with one letter left out, added, changed or two swapped (`cath`, `cacth`). */
function nearly(word: string, keyword: string): boolean {
  if (word === keyword || Math.abs(word.length - keyword.length) > 1 || word.length < 4) return false;
  return editDistance(word, keyword) <= 1;
}

/** `token` cut into consecutive tokens of the given types and lengths (its text is theirs: `foreach` → `for` `each`). */
function split(token: IToken, ...parts: [TokenType, number][]): IToken[] {
  let offset = 0;
  return parts.map(([type, length]) => {
    const start = token.startOffset + offset;
    const column = (token.startColumn ?? NaN) + offset;
    offset += length;
    return createTokenInstance(type, token.image.slice(offset - length, offset), start, start + length - 1, token.startLine ?? NaN, token.endLine ?? NaN, column, column + length - 1);
  });
}

function retyped(token: IToken, type: TokenType): IToken {
  return { ...token, tokenType: type, tokenTypeIdx: type.tokenTypeIdx! };
}
