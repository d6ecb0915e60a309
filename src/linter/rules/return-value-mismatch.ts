import type { Block, FunctionDecl, Stmt } from '../../syntax/ast.js';
import type { Rule } from '../rule.js';

/**
 * Whether running `statements` can reach their end: not when one of them always leaves (`return`, `throw`, an
 * `if`/`else` whose branches both leave, a `try` whose body and handler both leave). Loops may run no time at all.
 */
/** `an int`, `a string`. */
function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

function canReachEnd(statements: readonly Stmt[]): boolean {
  return statements.every(canComplete);
}

function canComplete(s: Stmt | Block): boolean {
  switch (s.kind) {
    case 'ReturnStmt':
    case 'ThrowStmt':
      return false;
    case 'IfStmt':
      return s.else === undefined || canComplete(s.then) || canComplete(s.else);
    case 'Block':
      return canReachEnd(s.body);
    case 'TryStmt':
      return canComplete(s.body) || canComplete(s.handler);
    default:
      return true;
  }
}

export const rule: Rule = {
  meta: {
    id: 'return-value-mismatch',
    code: 'DLG5016',
    category: 'correctness',
    severity: 'warning',
    summary: 'A `void` function returning a value, or a typed function returning none (a bare `return;`, or none at its end).',
    docs: {
      what:
        'Inside a function declared `void`, a `return value;`; inside a function declared with a return type ' +
        '(`string`, `map`, …), a bare `return;`, or a way to reach the end of the function without a `return`. ' +
        'Scripts without a function header (a Cliq handler may return a map) are not checked.',
      why:
        'The return type in the header is what Zoho checks the returns against: a value from a `void` function ' +
        'is refused, and a bare `return;` in a `string` button function leaves the user without the message meant ' +
        'for them.',
      invalid: [
        'void automation.onCreate(Int leadId)\n{\n\tif (leadId == null)\n\t{\n\t\treturn "no id";\n\t}\n\tinfo leadId;\n}',
        'string button.approve(String dealId)\n{\n\tif (dealId == "")\n\t{\n\t\treturn;\n\t}\n\treturn "Approved " + dealId;\n}',
        'string button.approve(String dealId)\n{\n\tif (dealId != "")\n\t{\n\t\treturn "Approved " + dealId;\n\t}\n}',
      ],
      valid: [
        'void automation.onCreate(Int leadId)\n{\n\tif (leadId == null)\n\t{\n\t\treturn;\n\t}\n\tinfo leadId;\n}',
        'string button.approve(String dealId)\n{\n\tif (dealId == "")\n\t{\n\t\treturn "Nothing to approve";\n\t}\n\treturn "Approved " + dealId;\n}',
      ],
    },
  },
  create(context) {
    return {
      FunctionDecl(fn) {
        const type = fn.returnType.name;
        if (type.toLowerCase() === 'void' || !canReachEnd(fn.body.body)) return;
        const name = fn.name[fn.name.length - 1]!;
        context.report({
          span: { start: fn.name[0]!.span.start, end: name.span.end },
          message: `This function is declared to return ${type}, but it can reach its end without a return: return ${article(type)} ${type} on every path`,
        });
      },
      ReturnStmt(s) {
        const fn = context.parents.find((p): p is FunctionDecl => p.kind === 'FunctionDecl');
        if (!fn) return;
        const type = fn.returnType.name;
        const isVoid = type.toLowerCase() === 'void';
        if (isVoid && s.value) {
          context.report({
            span: s.value.span,
            message: `This function is declared void, so it cannot return a value: remove the value, or declare the return type`,
          });
        } else if (!isVoid && !s.value) {
          context.report({
            span: s.span,
            message: `This function is declared to return ${type}, but this return gives no value: return ${article(type)} ${type}`,
          });
        }
      },
    };
  },
};
