import { resolutionOf } from '../../analysis/resolver.js';
import type { Rule } from '../rule.js';

export const rule: Rule = {
  meta: {
    id: 'undefined-variable',
    code: 'DLG5001',
    category: 'correctness',
    severity: 'error',
    summary: 'A variable read before any value is assigned to it.',
    docs: {
      what:
        'A name read in a function that no earlier statement of the function assigns (by source position: ' +
        'Deluge variables are visible from their first assignment to the end of the function, whatever block ' +
        'assigned them), and that is not a parameter, a `for each` or `catch` variable, or a system value ' +
        '(`input`, `today`, `now`, `zoho.*`). In a script without a function header, a name that is never ' +
        'assigned is taken as a value the product passes in (Books passes `invoice`, Cliq `arguments`) and only ' +
        'a read before the first assignment is reported.',
      why:
        'Zoho refuses to save a script that reads an undefined variable ("Variable \'x\' is not defined"), and a ' +
        'misspelled name is the usual cause. Find it before pasting the script into the editor.',
      invalid: [
        'void automation.tag(Int leadId)\n{\n\tlead = zoho.crm.getRecordById("Leads", leadId);\n\tinfo leed.get("Email");\n}',
        'total = total + 10;\ninfo total;',
        'string standalone.label(String name)\n{\n\tif (name == "")\n\t{\n\t\treturn fallback;\n\t}\n\tfallback = "none";\n\treturn name;\n}',
      ],
      valid: [
        'void automation.tag(Int leadId)\n{\n\tlead = zoho.crm.getRecordById("Leads", leadId);\n\tinfo lead.get("Email");\n}',
        'if (invoice.get("balance") > 0)\n{\n\tstatus = "due";\n}\nelse\n{\n\tstatus = "paid";\n}\ninfo status;',
        'for each index i in {1, 2}\n{\n\tinfo i;\n}\ninfo today.addDay(1) + " " + zoho.currentdate;',
      ],
    },
  },
  create(context) {
    return {
      Program(program) {
        const resolution = resolutionOf(program);
        for (const scope of resolution.scopes) {
          for (const id of scope.undefinedReads) {
            const later = scope.variables.get(id.name)?.definitions.find((d) => d.visibleFrom > id.span.start);
            const own = later && later.node.span.start <= id.span.start && id.span.end <= later.node.span.end;
            const message = own
              ? `'${id.name}' is read by its own first assignment, before it has any value: give it a first value before this line (${id.name} = 0;)`
              : later
              ? `'${id.name}' is read before any value is assigned to it (the first assignment is on line ${context.file.position(later.id.span.start).line}): assign it before this line`
              : scope.kind === 'function'
                ? `'${id.name}' is not defined in this function: assign it before this line, declare it as a parameter, or fix the name`
                : `'${id.name}' is not defined: assign it before this line, or fix the name`;
            context.report({ span: id.span, message });
          }
        }
      },
    };
  },
};
