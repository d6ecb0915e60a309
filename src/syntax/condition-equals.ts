import { tokenMatcher, type IToken } from 'chevrotain';
import * as T from './tokens.js';

/**
 * Zoho accepts a single `=` as a comparison inside conditions — `if (a = b)`, `Form[Status = "Open"]`,
 * `if(x = 1, …)` — and real scripts rely on it. This pass retypes each `=` token found inside a condition as
 * ConditionEquals (an equality operator) before parsing; everywhere else `=` stays an assignment.
 *
 * Conditions are: the parentheses after `if`/`while` (for the `if(c, a, b)` function, up to its first
 * top-level comma) and a `[…]` that follows a name, `)` or `]` (a criteria), but not a task block
 * (`invokeurl [`) or `insert into Form [`.
 */
export function markConditionEquals(tokens: IToken[]): void {
  const stack: { condition: boolean; endsAtComma: boolean }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const type = token.tokenType;
    const inCondition = stack[stack.length - 1]?.condition === true;
    if (type === T.LParen) {
      const prev = tokens[i - 1]?.tokenType;
      const opensCondition = prev === T.If || prev === T.While;
      stack.push({ condition: opensCondition || inCondition, endsAtComma: prev === T.If });
    } else if (type === T.LBracket) {
      stack.push({ condition: opensCriteria(tokens, i), endsAtComma: false });
    } else if (type === T.LCurly) {
      stack.push({ condition: false, endsAtComma: false });
    } else if (type === T.RParen || type === T.RBracket || type === T.RCurly) {
      stack.pop();
    } else if (type === T.Comma) {
      const top = stack[stack.length - 1];
      if (top?.endsAtComma) {
        top.condition = false;
        top.endsAtComma = false;
      }
    } else if (type === T.Assign && inCondition) {
      token.tokenType = T.ConditionEquals;
      token.tokenTypeIdx = T.ConditionEquals.tokenTypeIdx!;
    }
  }
}

function opensCriteria(tokens: readonly IToken[], i: number): boolean {
  const prev = tokens[i - 1];
  if (!prev) return false;
  if (prev.tokenType === T.RParen || prev.tokenType === T.RBracket) return true;
  if (!tokenMatcher(prev, T.Identifier) || tokenMatcher(prev, T.TaskName)) return false;
  return tokens[i - 2]?.tokenType !== T.Into;
}
