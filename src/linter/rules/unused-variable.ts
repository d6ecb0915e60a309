import { resolutionOf, unwrap } from '../../analysis/resolver.js';
import { BUILTINS } from '../../runtime/builtins/index.js';
import type { AssignStmt, Identifier, Node } from '../../syntax/ast.js';
import type { Rule } from '../rule.js';

/**
 * A read that does not use the value: in the variable's own update (`n = n + 1`, `n += 1`), or the receiver of a
 * mutating method called as a statement (`ids.add(x);`) — a list only ever added to is not used.
 */
function uselessRead(id: Identifier, parents: readonly Node[]): boolean {
  for (let i = parents.length - 1; i >= 0; i--) {
    const node = parents[i]!;
    if (node.kind === 'AssignStmt' && node.target.kind === 'Identifier' && node.target.name === id.name) return true;
    if (node.kind.endsWith('Stmt') || node.kind === 'Block') break;
  }
  const parent = parents[parents.length - 1];
  const call = parents[parents.length - 2];
  const statement = parents[parents.length - 3];
  if (parent?.kind === 'MemberExpr' && parent.object === id && call?.kind === 'CallExpr' && call.callee === parent && statement?.kind === 'ExprStmt') {
    const specs = BUILTINS.named(parent.property.name);
    return specs.length > 0 && specs.every((s) => s.mutates);
  }
  return false;
}

export const rule: Rule = {
  meta: {
    id: 'unused-variable',
    code: 'DLG5002',
    category: 'correctness',
    severity: 'warning',
    summary: 'A variable that is assigned but never read.',
    docs: {
      what:
        'A variable that is assigned (or declared) but whose value is never read. Its own update (`n = n + 1`, ' +
        '`n += 1`) and a list or map only filled with `add`/`put` statements do not count as reads. Parameters, ' +
        '`for each` variables (a loop may just count) and `catch` variables are not reported.',
      why:
        'An unused variable is often a typo of the one meant (`respone` assigned, `response` read) or a result ' +
        'that should have been checked — `zoho.crm.updateRecord` answers errors in its result, it does not throw.',
      invalid: [
        'void automation.touch(Int leadId)\n{\n\tupdate = Map();\n\tupdate.put("Lead_Status", "Contacted");\n\tresult = zoho.crm.updateRecord("Leads", leadId, update);\n}',
        'count = 0;\nfor each lead in zoho.crm.getRecords("Leads")\n{\n\tcount = count + 1;\n}',
        'ids = List();\nids.add("1");\nids.add("2");',
      ],
      valid: [
        'void automation.touch(Int leadId)\n{\n\tupdate = Map();\n\tupdate.put("Lead_Status", "Contacted");\n\tresult = zoho.crm.updateRecord("Leads", leadId, update);\n\tinfo result.get("status");\n}',
        'count = 0;\nfor each lead in zoho.crm.getRecords("Leads")\n{\n\tcount = count + 1;\n}\ninfo count;',
        'try\n{\n\tn = "x".toNumber();\n\tinfo n;\n}\ncatch (e)\n{\n\tinfo "not a number";\n}',
      ],
    },
  },
  create(context) {
    const resolution = resolutionOf(context.program);
    const useless = new Set<Identifier>();
    return {
      Identifier(id) {
        const ref = resolution.references.get(id);
        if (ref && ref.access !== 'write' && uselessRead(id, context.parents)) useless.add(id);
      },
      'Program:exit'() {
        for (const scope of resolution.scopes) {
          for (const variable of scope.variables.values()) {
            const defs = variable.definitions;
            if (defs.length === 0 || defs.some((d) => d.kind === 'parameter' || d.kind === 'for-each' || d.kind === 'catch')) continue;
            if (variable.reads.some((id) => !useless.has(id))) continue;
            const first = defs[0]!;
            const value = first.node.kind === 'AssignStmt' ? unwrap((first.node as AssignStmt).value) : undefined;
            const target = value?.kind === 'CallExpr' ? resolution.calls.get(value) : undefined;
            const effect =
              value?.kind === 'TaskExpr' ||
              value?.kind === 'InsertExpr' ||
              target?.kind === 'integration' ||
              target?.kind === 'external' ||
              target?.kind === 'user' ||
              (target?.kind === 'function' && /^(get|post|put|delete|patch|invoke)url$/i.test(target.name));
            context.report({
              span: first.id.span,
              message: effect
                ? `'${variable.name}' is assigned but never read: check the result, or call it without assigning it`
                : `'${variable.name}' is assigned but never read: use it, or remove it`,
            });
          }
        }
      },
    };
  },
};
