import type { Block } from '../../syntax/ast.js';
import type { Rule } from '../rule.js';

export const rule: Rule = {
  meta: {
    id: 'empty-block',
    code: 'DLG5010',
    category: 'style',
    severity: 'off',
    summary: 'An empty `{ }` block (an empty `catch` hides errors).',
    docs: {
      what:
        'A braced block with no statement and no comment: the body of an `if`, `else`, `for each`, `try`, `catch` ' +
        'or function. A comment inside (`// nothing to do`) marks the emptiness as intended. Off by default.',
      why:
        'An empty block is unfinished code, or — for `catch` — an error silently swallowed: the script goes on as ' +
        'if the failed step had worked. Log it at least: `info e;`.',
      invalid: [
        'try\n{\n\tamount = "12a".toDecimal();\n}\ncatch (e)\n{\n}',
        'status = "Open";\nif (status == "Closed")\n{\n}\nelse\n{\n\tinfo status;\n}',
      ],
      valid: [
        'try\n{\n\tamount = "12a".toDecimal();\n}\ncatch (e)\n{\n\tinfo "Not a number: " + e;\n}',
        'status = "Open";\nif (status == "Closed")\n{\n\t// closed deals need nothing\n}\nelse\n{\n\tinfo status;\n}',
      ],
    },
  },
  create(context) {
    const commented = (b: Block) => context.program.comments.some((c) => c.span.start >= b.span.start && c.span.end <= b.span.end);
    return {
      Block(b) {
        if (!b.braced || b.body.length > 0 || commented(b)) return;
        const parent = context.parents[context.parents.length - 1];
        // A page template's `<%{ }%>` island with only HTML is not an empty block.
        if (!parent || parent.kind === 'TemplateStmt') return;
        const isCatch = parent.kind === 'TryStmt' && parent.handler === b;
        context.report({
          span: b.span,
          message: isCatch
            ? 'This catch block is empty, so errors are silently ignored: handle or log the error (info e;)'
            : 'This block is empty: add the missing statements, or a comment saying why nothing is done',
        });
      },
    };
  },
};
