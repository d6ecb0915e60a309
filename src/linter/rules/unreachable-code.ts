import { statementLists } from '../../analysis/resolver.js';
import type { Stmt } from '../../syntax/ast.js';
import type { Rule } from '../rule.js';
import { exitsOf } from './_exits.js';

const WORD: Partial<Record<Stmt['kind'], string>> = {
  ReturnStmt: 'return',
  BreakStmt: 'break',
  ContinueStmt: 'continue',
  ThrowStmt: 'throw',
};

export const rule: Rule = {
  meta: {
    id: 'unreachable-code',
    code: 'DLG5004',
    category: 'correctness',
    severity: 'warning',
    summary: 'Statements after `return`, `break`, `continue` or `throw` that never run.',
    docs: {
      what:
        'A statement that follows, in the same block, a `return`, `break`, `continue` or `throw` — or an ' +
        '`if … else` (or `try … catch`) every branch of which ends that way. The first such statement is reported. ' +
        'A lone `return` after such an `if … else` or `try … catch` is not: scripts keep it as a safety net at the ' +
        'end of a function.',
      why:
        'Code that can never run is usually a mistake in the order of statements: a result logged after the ' +
        '`return`, an update placed after `break`.',
      invalid: [
        'string standalone.greet(String name)\n{\n\treturn "Hello " + name;\n\tinfo "greeted " + name;\n}',
        'for each id in {"1", "2"}\n{\n\tcontinue;\n\tinfo id;\n}',
        'void schedule.check()\n{\n\tif (zoho.currentdate.getDay() == 1)\n\t{\n\t\treturn;\n\t}\n\telse\n\t{\n\t\treturn;\n\t}\n\tinfo "never";\n}',
      ],
      valid: [
        'string standalone.greet(String name)\n{\n\tinfo "greeting " + name;\n\treturn "Hello " + name;\n}',
        'for each id in {"1", "", "2"}\n{\n\tif (id == "")\n\t{\n\t\tcontinue;\n\t}\n\tinfo id;\n}',
      ],
    },
  },
  create(context) {
    return {
      Program(program) {
        for (const { statements } of statementLists(program)) {
          for (let i = 0; i < statements.length - 1; i++) {
            const exits = exitsOf(statements[i]!);
            if (!exits) continue;
            const exit = exits[0]!;
            const rest = statements.slice(i + 1).filter((s) => s.kind !== 'EmptyStmt' && s.kind !== 'HtmlStmt');
            const dead = rest[0];
            // `if … else` or `try … catch` that return on every path, then a last `return`: a safety net scripts
            // keep so that the editor sees a return at the end of the function; not reported.
            const safetyNet = exit !== statements[i] && rest.every((s) => s.kind === 'ReturnStmt');
            if (dead && !safetyNet) {
              const line = context.file.position(exit.span.start).line;
              // The words the branches leave by: `'return'`, or `'continue' or 'break'`.
              const words = [...new Set(exits.map((e) => `'${WORD[e.kind]}'`))].join(' or ');
              const how =
                exit === statements[i]
                  ? `'${WORD[exit.kind]}' on line ${line}`
                  : statements[i]!.kind === 'TryStmt'
                    ? `the 'try' above, whose body and 'catch' both end with ${words}`
                    : `the 'if' above, every branch of which ends with ${words}`;
              context.report({ span: dead.span, message: `This code never runs: it comes after ${how}; move it before, or remove it` });
            }
            break;
          }
        }
      },
    };
  },
};
