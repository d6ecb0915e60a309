import type { Block } from '../../syntax/ast.js';
import type { Rule } from '../rule.js';

/** A body without braces that is only a `;`: `if (x == 1);`. */
function onlySemicolon(body: Block | undefined): boolean {
  return body !== undefined && !body.braced && body.body.length === 1 && body.body[0]!.kind === 'EmptyStmt';
}

export const rule: Rule = {
  meta: {
    id: 'empty-statement-body',
    code: 'DLG5018',
    category: 'correctness',
    severity: 'warning',
    summary: 'A `;` right after `if (…)`, `else` or `for each … in …`: the body is empty, and what follows runs whatever the condition, once.',
    docs: {
      what:
        'An `if (…)`, `else` or `for each` whose body is a lone `;` (`if (amount > 1000);`): the `;` ends the ' +
        'statement there. Deluge takes it, as C and JavaScript do.',
      why:
        'It is nearly always a `;` typed out of habit: the statements meant as the body then run whether or not the ' +
        'condition holds, and once rather than for each item, with no error to show it. Remove the `;` and put the ' +
        'body in `{ … }`.',
      invalid: ['amount = 500;\nif (amount > 1000);\n\tinfo "large order";', 'items = {1, 2, 3};\nfor each item in items;\n\tinfo item;'],
      valid: ['amount = 500;\nif (amount > 1000)\n{\n\tinfo "large order";\n}', 'items = {1, 2, 3};\nfor each item in items\n{\n\tinfo item;\n}'],
    },
  },
  create(context) {
    const report = (body: Block, head: string) => {
      const semicolon = body.body[0]!;
      context.report({
        span: semicolon.span,
        message: `This ';' is the whole body of the ${head}: what follows it runs whatever the condition, once. Remove the ';' and put the body in '{ … }'`,
      });
    };
    return {
      IfStmt(s) {
        if (onlySemicolon(s.then)) report(s.then, 'if');
        if (s.else?.kind === 'Block' && onlySemicolon(s.else)) report(s.else, 'else');
      },
      ForEachStmt(s) {
        if (onlySemicolon(s.body)) report(s.body, 'for each');
      },
    };
  },
};
