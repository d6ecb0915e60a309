import { resolutionOf, unwrap, type Definition } from '../../analysis/resolver.js';
import { positionOf, treeIndexOf, type TreeIndex } from '../../analysis/tree-index.js';
import { BUILTINS } from '../../runtime/builtins/index.js';
import type { AssignStmt, Expr, Identifier, Node, VarDeclStmt } from '../../syntax/ast.js';
import type { Rule } from '../rule.js';

/**
 * A read that does not use the value: in the variable's own update (`n = n + 1`, `n += 1`), or the receiver of a
 * mutating method called as a statement (`ids.add(x);`) — a list only ever added to is not used — when the variable
 * only ever holds a collection of its own (`fresh`): one taken from elsewhere (`bucket = groups.get(key)`) is changed
 * where it came from. The identifier is at `at` in the index; its parents are found by going up the parent links.
 */
function uselessRead(id: Identifier, index: TreeIndex, at: number, fresh: () => boolean): boolean {
  const up = index.parent;
  for (let i = up[at]!; i >= 0; i = up[i]!) {
    const node = index.nodes[i]!;
    if (node.kind === 'AssignStmt' && node.target.kind === 'Identifier' && node.target.name === id.name) return true;
    if (node.kind.endsWith('Stmt') || node.kind === 'Block') break;
  }
  const p1 = up[at]!;
  const p2 = p1 >= 0 ? up[p1]! : -1;
  const p3 = p2 >= 0 ? up[p2]! : -1;
  const parent: Node | undefined = p1 >= 0 ? index.nodes[p1] : undefined;
  const call: Node | undefined = p2 >= 0 ? index.nodes[p2] : undefined;
  const statement: Node | undefined = p3 >= 0 ? index.nodes[p3] : undefined;
  if (parent?.kind === 'MemberExpr' && parent.object === id && call?.kind === 'CallExpr' && call.callee === parent && statement?.kind === 'ExprStmt' && fresh()) {
    const specs = BUILTINS.named(parent.property.name);
    return specs.length > 0 && specs.every((s) => s.mutates);
  }
  return false;
}

/** How a variable read only to change it is written, for the message: a collection filled, or a value updated. */
function selfUpdate(name: string, ownCollection: boolean): string {
  return ownCollection ? `${name}.add(…), ${name}.put(…)` : `${name} = ${name} + …`;
}

/** Constructors of a new, empty collection (lower case). */
const CONSTRUCTORS: ReadonlySet<string> = new Set(['list', 'map', 'collection']);

/** Whether a definition gives the variable a collection nothing else holds: a literal, `List()`, `Map()`, a declaration. */
function givesOwnCollection(definition: Definition): boolean {
  if (definition.kind === 'declaration') {
    const init = (definition.node as VarDeclStmt).init;
    return init === undefined || isNewCollection(unwrap(init));
  }
  return definition.kind === 'assignment' && isNewCollection(unwrap((definition.node as AssignStmt).value));
}

function isNewCollection(value: Expr): boolean {
  if (value.kind === 'ListLiteral' || value.kind === 'MapLiteral') return true;
  return value.kind === 'CallExpr' && value.callee.kind === 'Identifier' && CONSTRUCTORS.has(value.callee.name.toLowerCase());
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
        '`n += 1`) and a list or map of its own (`List()`, `{}`) only filled with `add`/`put` statements do not count as ' +
        'reads; a list or map taken from elsewhere (`bucket = groups.get(key)`) is changed where it came from. Parameters, ' +
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
        'groups = Map();\nfor each item in {"a", "b", "a"}\n{\n\tif (!groups.containsKey(item))\n\t{\n\t\tgroups.put(item, List());\n\t}\n\tbucket = groups.get(item);\n\tbucket.add(item);\n}\ninfo groups;',
      ],
    },
  },
  create(context) {
    const resolution = resolutionOf(context.program);
    return {
      'Program:exit'() {
        // Only the reads of the variables that could be reported are looked at, each found in the shared index
        // (for its parents), until one of them uses the value.
        const index = treeIndexOf(context.program);

        for (const scope of resolution.scopes) {
          for (const variable of scope.variables.values()) {
            const defs = variable.definitions;
            if (defs.length === 0 || defs.some((d) => d.kind === 'parameter' || d.kind === 'for-each' || d.kind === 'catch')) continue;
            // Whether the variable only holds collections of its own: asked only for a mutating call's receiver.
            let own: boolean | undefined;
            const fresh = () => (own ??= defs.every(givesOwnCollection));
            if (variable.reads.some((id) => !uselessRead(id, index, positionOf(index, id), fresh))) continue;
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
                : variable.reads.length > 0
                  ? `'${variable.name}' is only read to update itself (${selfUpdate(variable.name, fresh())}), never for its value: use it, or remove it`
                  : `'${variable.name}' is assigned but never read: use it, or remove it`,
            });
          }
        }
      },
    };
  },
};
