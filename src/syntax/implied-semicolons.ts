import { createTokenInstance, tokenMatcher, type IToken } from 'chevrotain';
import * as T from './tokens.js';

/**
 * Zoho's editor writes task blocks without a closing `;` (`sendmail [ … ]` on its own lines), and real scripts
 * do the same with `invokeurl`, `insert into` and `delete from`. Where such a block's `]` ends a line (or the block, or the
 * text), this pass inserts a zero-width `;` token after it, so the grammar can keep `;` mandatory everywhere
 * else and report a missing one precisely. A block inside an expression — a task block given as a value
 * (`parameters: {"file": invokeurl [ … ]}`, `files: invokeurl [ … ]`) or looped over (`for each x in invokeurl [ … ]`)
 * — ends no statement: it gets none.
 */
export function insertImpliedSemicolons(tokens: IToken[]): IToken[] {
  const blockOpeners = new Set<number>();
  const openers: number[] = [];
  // Every open bracket, innermost last: true for those of an expression (`(`, `[`, a map or list `{`), false for a
  // block's `{` (a function's, an `if`'s, a template's `<%{` …).
  const enclosing: boolean[] = [];
  let inExpression = 0;
  const open = (expression: boolean) => {
    enclosing.push(expression);
    if (expression) inExpression++;
  };
  const close = () => {
    if (enclosing.pop()) inExpression--;
  };
  const implied: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const type = tokens[i]!.tokenType;
    if (type === T.LParen) open(true);
    else if (type === T.RParen) close();
    else if (type === T.LCurly) open(startsValue(tokens[i - 1]));
    else if (type === T.RCurly) close();
    else if (type === T.LBracket) {
      openers.push(i);
      // The iterable of a loop's header (`for each lead in invokeurl [ … ]`, its body on the next line) ends no statement.
      if (opensBlock(tokens, i) && tokens[i - 2]?.tokenType !== T.In) blockOpeners.add(i);
      open(true);
    } else if (type === T.RBracket) {
      close();
      const opener = openers.pop();
      if (opener === undefined || !blockOpeners.has(opener) || inExpression > 0) continue;
      const next = tokens[i + 1];
      if (!next || next.tokenType === T.RCurly || (next.tokenType !== T.Semicolon && next.startLine! > tokens[i]!.startLine!)) implied.push(i);
    }
  }
  if (implied.length === 0) return tokens;
  const out: IToken[] = [];
  let k = 0;
  for (let i = 0; i < tokens.length; i++) {
    out.push(tokens[i]!);
    if (implied[k] === i) {
      k++;
      const end = tokens[i]!;
      const at = end.startOffset + end.image.length;
      out.push(createTokenInstance(T.Semicolon, '', at, at - 1, end.startLine!, end.endLine!, end.endColumn! + 1, end.endColumn!));
    }
  }
  return out;
}

/**
 * Whether a `{` after this token is a map or list literal: after `:`, `,`, `(`, `[`, `=`, an operator, `in`,
 * `return` or `info`, where only a value can come. After anything else (`)`, `else`, `try`, `;`, `<%`) it is a block.
 */
export function startsValue(before: IToken | undefined): boolean {
  if (!before) return false;
  const type = before.tokenType;
  return (
    type === T.Colon ||
    type === T.Comma ||
    type === T.LParen ||
    type === T.LBracket ||
    type === T.Return ||
    type === T.In ||
    type === T.Info ||
    tokenMatcher(before, T.AssignOperator) ||
    tokenMatcher(before, T.EqualityOperator) ||
    tokenMatcher(before, T.RelationalOperator) ||
    tokenMatcher(before, T.AdditiveOperator) ||
    tokenMatcher(before, T.MultiplicativeOperator)
  );
}

/** `invokeurl [`, `sendmail [` …, `insert into Form [` and `delete from Form [`. */
function opensBlock(tokens: readonly IToken[], i: number): boolean {
  const prev = tokens[i - 1];
  if (!prev) return false;
  if (tokenMatcher(prev, T.TaskName)) return true;
  const before = tokens[i - 2]?.tokenType;
  return before === T.Into || (before === T.From && tokens[i - 3]?.tokenType === T.Delete);
}
