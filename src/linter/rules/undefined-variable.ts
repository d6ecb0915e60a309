import { resolutionOf, type Definition, type Scope } from '../../analysis/resolver.js';
import { positionOf, treeIndexOf, type TreeIndex } from '../../analysis/tree-index.js';
import type { Identifier } from '../../syntax/ast.js';
import { editDistance } from '../../edit-distance.js';
import type { Rule } from '../rule.js';

/**
 * Whether a read tests the name for null: `ifnull(x, …)`, `isNull(x)`, `x.isNull()`, `x == null`, `x != null`. In a
 * script without a function header, a name tested so before it is assigned (`count = ifnull(count, 0);`) is an
 * argument given a default: the header that declared it was left out, as the product passes it.
 */
function testsForNull(index: TreeIndex, id: Identifier): boolean {
  const at = positionOf(index, id);
  if (at < 0) return false;
  const parent = index.nodes[index.parent[at]!];
  if (parent?.kind === 'CallExpr') {
    const name = parent.callee.kind === 'Identifier' ? parent.callee.name.toLowerCase() : '';
    return (name === 'ifnull' || name === 'isnull') && parent.args[0] === id;
  }
  if (parent?.kind === 'BinaryExpr') {
    const other = parent.left === id ? parent.right : parent.left;
    return (parent.op === '==' || parent.op === '!=') && other.kind === 'NullLiteral';
  }
  if (parent?.kind === 'MemberExpr' && parent.object === id) {
    const call = index.nodes[index.parent[index.parent[at]!]!];
    return call?.kind === 'CallExpr' && call.callee === parent && parent.property.name.toLowerCase() === 'isnull';
  }
  return false;
}

/**
 * Names the products document as passed to a script: Cliq and CRM's REST API functions pass `arguments`, CRM's REST
 * API functions `crmAPIRequest`, Books and Invoice custom functions a map of the record and of its context (`invoice`,
 * `organization`, `user`, …: zoho.com/invoice/help/settings/automation/custom-functions.html, "Default fields"). A
 * script without a function header that reads one before assigning it (`invoice = zoho.books.getRecordsByID(…,
 * invoice.get("invoice_id"), …)`, `arguments = arguments.trim();`) changes the argument.
 */
const PASSED_BY_PRODUCT = new Set([
  'arguments', 'crmAPIRequest',
  'organization', 'user', 'invoice', 'estimate', 'customer', 'expense', 'item', 'salesorder', 'purchaseorder', 'bill', 'creditnote',
]);

/** `true`, `false` or `null` when a name is one edit (or a swap) away from it; case aside, as the lexer reads them. */
function misspeltLiteral(name: string): string | undefined {
  const lower = name.toLowerCase();
  return ['true', 'false', 'null'].find((literal) => lower !== literal && lower.length >= 3 && editDistance(lower, literal) === 1);
}

/**
 * A first value of the kind an assignment that reads its own variable builds (`reason = reason + "text"`: ""), from
 * the other side of its `+` or `+=`: a text, a list, a map; else 0.
 */
function firstValueFor(node: Definition['node']): string {
  if (node.kind !== 'AssignStmt') return '0';
  const other = node.op === '+=' ? node.value : node.value.kind === 'BinaryExpr' && node.value.op === '+' ? (node.value.left.kind === 'Identifier' ? node.value.right : node.value.left) : undefined;
  return other?.kind === 'StringLiteral' ? '""' : other?.kind === 'ListLiteral' ? 'List()' : other?.kind === 'MapLiteral' ? 'Map()' : '0';
}

function didYouMean(name: string | undefined): string {
  return name === undefined ? '' : ` (did you mean '${name}'?)`;
}

/**
 * The variable of the scope a name most likely means: one spelt the same but for case (`leadname` for `leadName`:
 * names are case-sensitive, grammar/README §1), else, in a function, one an edit or two away (`leed` for `lead`).
 * Only variables with a definition count (a parameter, an assignment, a loop or catch variable).
 */
function meantVariable(name: string, scope: Scope, nearToo: boolean): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = nearToo && name.length >= 3 ? (name.length >= 6 ? 3 : 2) : 1;
  for (const variable of scope.variables.values()) {
    if (variable.definitions.length === 0 || variable.name === name) continue;
    const candidate = variable.name.toLowerCase();
    const distance = candidate === lower ? 0 : Math.abs(candidate.length - lower.length) >= bestDistance ? bestDistance : editDistance(candidate, lower);
    if (distance < bestDistance) [best, bestDistance] = [variable.name, distance];
  }
  return best;
}

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
        'a read before the first assignment is reported — unless the script tests the name for null there ' +
        '(`count = ifnull(count, 0);`, `if (limit == null)`): that gives an argument of the left-out header a default; ' +
        'and the arguments the products pass by name (`arguments`, `crmAPIRequest`; Books\' `invoice`, ' +
        '`organization`, `user`, …) may be read there too (`arguments = arguments.trim();`). A never-assigned name one ' +
        'letter from `true`, `false` or `null` (`ture`, `flase`) is reported there too: no product passes such a value; ' +
        'so is one spelt as a variable of the script but for case (`leadname` after `leadName = …`: names are ' +
        'case-sensitive). The message names the variable most likely meant (the same but for case, or in a function one ' +
        'or two letters away).',
      why:
        'Zoho refuses to save a script that reads an undefined variable ("Variable \'x\' is not defined"), and a ' +
        'misspelled name is the usual cause. Find it before pasting the script into the editor.',
      invalid: [
        'void automation.tag(Int leadId)\n{\n\tlead = zoho.crm.getRecordById("Leads", leadId);\n\tinfo leed.get("Email");\n}',
        'total = total + 10;\ninfo total;',
        'done = ture;\nif (done == flase)\n{\n\tinfo "not yet";\n}',
        'leadName = "Acme";\ninfo leadname;',
        'string standalone.label(String name)\n{\n\tif (name == "")\n\t{\n\t\treturn fallback;\n\t}\n\tfallback = "none";\n\treturn name;\n}',
      ],
      valid: [
        'void automation.tag(Int leadId)\n{\n\tlead = zoho.crm.getRecordById("Leads", leadId);\n\tinfo lead.get("Email");\n}',
        'if (invoice.get("balance") > 0)\n{\n\tstatus = "due";\n}\nelse\n{\n\tstatus = "paid";\n}\ninfo status;',
        'for each index i in {1, 2}\n{\n\tinfo i;\n}\ninfo today.addDay(1) + " " + zoho.currentdate;',
        'count = ifnull(count, 0);\nperPage = if(perPage != null, perPage, 200);\ninfo count + perPage;',
        'arguments = arguments.trim();\ninfo arguments;',
        'invoiceId = invoice.get("invoice_id");\ninvoice = zoho.books.getRecordsByID("invoices", organization.get("organization_id"), invoiceId, "books").get("invoice");\ninfo invoice.get("total");',
      ],
    },
  },
  create(context) {
    return {
      Program(program) {
        const resolution = resolutionOf(program);
        for (const scope of resolution.scopes) {
          // The script's names given a default before their first assignment: arguments (see testsForNull).
          const defaulted = new Set<string>();
          if (scope.kind === 'script') {
            const index = treeIndexOf(program);
            for (const id of scope.undefinedReads) if (PASSED_BY_PRODUCT.has(id.name) || testsForNull(index, id)) defaulted.add(id.name);
          }
          // A value the product passes in is never `ture`, `flase` or `nul`: a misspelt literal is said as one; nor named
          // as a variable of the script but for case (`leadname` after `leadName = …`).
          for (const id of scope.implicitReads) {
            const literal = misspeltLiteral(id.name);
            const sameButCase = literal ? undefined : meantVariable(id.name, scope, false);
            if (literal) context.report({ span: id.span, message: `'${id.name}' is not defined: did you mean '${literal}'?` });
            else if (sameButCase) context.report({ span: id.span, message: `'${id.name}' is not defined: did you mean '${sameButCase}'? (names are case-sensitive)` });
          }
          for (const id of scope.undefinedReads) {
            if (defaulted.has(id.name)) continue;
            const later = scope.variables.get(id.name)?.definitions.find((d) => d.visibleFrom > id.span.start);
            const own = later && later.node.span.start <= id.span.start && id.span.end <= later.node.span.end;
            const message = own
              ? `'${id.name}' is read by its own first assignment, before it has any value: give it a first value before this line (${id.name} = ${firstValueFor(later.node)};)`
              : later
              ? `'${id.name}' is read before any value is assigned to it (the first assignment is on line ${context.file.position(later.id.span.start).line}): assign it before this line`
              : scope.kind === 'function'
                ? `'${id.name}' is not defined in this function${didYouMean(meantVariable(id.name, scope, true))}: assign it before this line, declare it as a parameter, or fix the name`
                : `'${id.name}' is not defined${didYouMean(meantVariable(id.name, scope, true))}: assign it before this line, or fix the name`;
            context.report({ span: id.span, message });
          }
        }
      },
    };
  },
};
