import { createTokenInstance, tokenMatcher, type IToken } from 'chevrotain';
import * as T from './tokens.js';

/**
 * Zoho's editor writes task blocks without a closing `;` (`sendmail [ … ]` on its own lines), and real scripts
 * do the same with `invokeurl`, `insert into` and `delete from`. Where such a block's `]` ends a line (or the block, or the
 * text), this pass inserts a zero-width `;` token after it, so the grammar can keep `;` mandatory everywhere
 * else and report a missing one precisely.
 */
export function insertImpliedSemicolons(tokens: IToken[]): IToken[] {
  const blockOpeners = new Set<number>();
  const openers: number[] = [];
  const implied: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const type = tokens[i]!.tokenType;
    if (type === T.LBracket) {
      openers.push(i);
      if (opensBlock(tokens, i)) blockOpeners.add(i);
    } else if (type === T.RBracket) {
      const open = openers.pop();
      if (open === undefined || !blockOpeners.has(open)) continue;
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

/** `invokeurl [`, `sendmail [` …, `insert into Form [` and `delete from Form [`. */
function opensBlock(tokens: readonly IToken[], i: number): boolean {
  const prev = tokens[i - 1];
  if (!prev) return false;
  if (tokenMatcher(prev, T.TaskName)) return true;
  const before = tokens[i - 2]?.tokenType;
  return before === T.Into || (before === T.From && tokens[i - 3]?.tokenType === T.Delete);
}
