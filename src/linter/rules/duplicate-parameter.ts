import type { Param } from '../../syntax/ast.js';
import type { Rule } from '../rule.js';

export const rule: Rule = {
  meta: {
    id: 'duplicate-parameter',
    code: 'DLG5015',
    category: 'correctness',
    severity: 'error',
    summary: 'Two parameters of a function with the same name.',
    docs: {
      what: 'A function header that names two parameters the same: `void f(String id, Int id)`.',
      why:
        'Zoho refuses to save the function; only one of the values could ever be read, so the other argument ' +
        '(often a record id mapped in a workflow or button) would be lost.',
      invalid: [
        'void automation.link(String dealId, String dealId)\n{\n\tinfo dealId;\n}',
        'string button.copy(String leadId, Int count, String leadId)\n{\n\treturn leadId + count;\n}',
      ],
      valid: [
        'void automation.link(String dealId, String contactId)\n{\n\tinfo dealId + contactId;\n}',
        'string button.copy(String leadId, Int count)\n{\n\treturn leadId + count;\n}',
      ],
    },
  },
  create(context) {
    return {
      FunctionDecl(fn) {
        const seen = new Map<string, Param>();
        for (const p of fn.params) {
          const earlier = seen.get(p.name.name);
          if (earlier) {
            context.report({
              span: p.name.span,
              message: `The parameter '${p.name.name}' is already declared in this function: rename one of them`,
            });
          } else seen.set(p.name.name, p);
        }
      },
    };
  },
};
