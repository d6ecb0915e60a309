import type { FunctionDecl } from '../../syntax/ast.js';
import type { Rule } from '../rule.js';

export const rule: Rule = {
  meta: {
    id: 'duplicate-function',
    code: 'DLG5019',
    category: 'correctness',
    severity: 'error',
    summary: 'Two functions of one file with the same name: calls reach the first only.',
    docs: {
      what:
        'A function whose full name (`standalone.sync`, its category included) another function of the same file ' +
        'already has, compared case-insensitively as Zoho compares names. The second is reported, naming the first\'s line.',
      why:
        'Zoho keeps one function per name: saving the second replaces the first, or is refused. In a file `deluge run` ' +
        'runs, every call reaches the first, so the second (often the newer, with other parameters) never runs, and a ' +
        'call that gives it its arguments fails on the first\'s.',
      invalid: [
        'string standalone.greet()\n{\n\treturn "hi";\n}\nstring standalone.greet(String name)\n{\n\treturn "hi " + name;\n}',
        'void automation.syncLead(Int leadId)\n{\n\tinfo leadId;\n}\nvoid automation.SyncLead(Int leadId, String source)\n{\n\tinfo source;\n}',
      ],
      valid: [
        'string standalone.greet()\n{\n\treturn "hi";\n}\nstring standalone.greetByName(String name)\n{\n\treturn "hi " + name;\n}',
        'string standalone.label()\n{\n\treturn "standalone";\n}\nstring button.label()\n{\n\treturn "button";\n}',
      ],
    },
  },
  create(context) {
    const seen = new Map<string, FunctionDecl>();
    return {
      FunctionDecl(fn) {
        const name = fn.name.map((n) => n.name).join('.');
        const first = seen.get(name.toLowerCase());
        if (!first) {
          seen.set(name.toLowerCase(), fn);
          return;
        }
        const line = context.file.position(first.span.start).line;
        const span = { start: fn.name[0]!.span.start, end: fn.name[fn.name.length - 1]!.span.end };
        context.report({ span, message: `The function '${name}' is already defined on line ${line}: calls reach that one only; rename or remove one of them` });
      },
    };
  },
};
