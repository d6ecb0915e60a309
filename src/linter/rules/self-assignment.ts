import { unwrap } from '../../analysis/resolver.js';
import type { Span } from '../../source/span.js';
import type { Expr } from '../../syntax/ast.js';
import type { Rule } from '../rule.js';

/** `x` and `x`, `input.Total` and `input.Total`: the same variable or field, written the same way. */
function same(a: Expr, b: Expr): boolean {
  a = unwrap(a);
  b = unwrap(b);
  if (a.kind === 'Identifier' && b.kind === 'Identifier') return a.name === b.name;
  if (a.kind === 'MemberExpr' && b.kind === 'MemberExpr') return a.property.name === b.property.name && same(a.object, b.object);
  return false;
}

/** The statement's span widened to its whole line when nothing else is on it, so that removing it leaves no blank line. */
function lineSpan(text: string, span: Span): Span {
  let start = span.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  let end = span.end;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  const atLineStart = start === 0 || text[start - 1] === '\n' || text[start - 1] === '\r';
  if (!atLineStart) return span;
  if (text[end] === '\r' && text[end + 1] === '\n') return { start, end: end + 2 };
  if (text[end] === '\n' || text[end] === '\r') return { start, end: end + 1 };
  return end === text.length ? { start, end } : span;
}

export const rule: Rule = {
  meta: {
    id: 'self-assignment',
    code: 'DLG5008',
    category: 'correctness',
    severity: 'warning',
    fixable: 'unsafe',
    summary: 'A variable or field assigned to itself (`x = x;`).',
    docs: {
      what:
        'An assignment whose right side is its own target: `x = x;`, `input.Total = input.Total;`. The suggested ' +
        'fix removes the statement (a suggestion only: when `x` is undefined the statement fails, and removing it ' +
        'changes that).',
      why:
        'It does nothing, so it is almost always a slip for another name: `total = subtotal;` written as ' +
        '`total = total;`, or a field copied from the wrong record. A Creator field set to its own value does not ' +
        'even run the field\'s On User Input script, which runs only when the value changes ' +
        '(https://www.zoho.com/creator/help/script/field-actions.html).',
      invalid: [
        'total = 10;\ntotal = total;\ninfo total;',
        'if (input.Discount > 0)\n{\n\tinput.Total = input.Total;\n}',
      ],
      valid: [
        'total = 10;\ntotal = total + 1;\ninfo total;',
        'if (input.Discount > 0)\n{\n\tinput.Total = input.Subtotal;\n}',
      ],
    },
  },
  create(context) {
    return {
      AssignStmt(s) {
        if (s.op !== '=' || !same(s.target, s.value)) return;
        const shown = context.file.text.slice(s.value.span.start, s.value.span.end);
        context.report({
          span: s.span,
          message: `'${shown}' is assigned to itself, which does nothing: assign the value meant, or remove the statement`,
          fix: { span: lineSpan(context.file.text, s.span), text: '' },
        });
      },
    };
  },
};
