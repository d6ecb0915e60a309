import type { CallExpr, Expr, Node, Stmt } from '../../syntax/ast.js';
import { childNodes, walk } from '../../syntax/walk.js';
import type { Rule } from '../rule.js';
import { argument, dottedName, methodCall, unwrap } from './_http-helpers.js';

/** Keys whose reading is a check of the answer: the error map's `status`/`code`, `detailed`'s `responseCode`, … */
const CHECK_KEYS = new Set(['status', 'code', 'responsecode', 'status_code', 'statuscode', 'error', 'errors']);
/** Keys read while reporting a failure: neither a check nor a use of the data. */
const NEUTRAL_KEYS = new Set(['message', 'details']);
/** Methods that test a value. */
const TEST_METHODS = new Set(['isempty', 'isnull', 'isblank', 'containkey', 'containskey']);
/** Functions that test a value or stand in for a missing one. */
const TEST_FUNCTIONS = new Set(['isnull', 'isempty', 'isblank', 'ifnull']);
const COMPARISONS = new Set(['==', '!=', '=', '<', '<=', '>', '>=', 'is', 'is not']);

/**
 * The answer of `invokeurl` or a `zoho.crm.*` task, kept in a variable and read (`.get("data")`, `.get(0)`), in a
 * script that never checks it. Within one function (or the top level), a variable counts as checked when any of
 * these appears anywhere, before or after the read:
 * - a read of `"status"`, `"code"`, `"responseCode"`, `"status_code"`, `"error"` or `"errors"` from it;
 * - it (or something read from it) in an `if` or `if(…)` condition or a comparison: `lead.get("id") == null`;
 * - `isEmpty()`, `isNull()`, `isBlank()`, `containKey()` on it or on something read from it, or `isNull(…)`,
 *   `ifnull(…)` around it;
 * - any of these on a variable assigned from it (`data = response.get("data"); if (data == null)`), or on the
 *   variable of a `for each` over it (each entry's `status` checked).
 * Reading `"message"` or `"details"` (to report a failure) is neither a check nor a use. Only the first read of each
 * unchecked variable is reported.
 */
export const rule: Rule = {
  meta: {
    id: 'response-unchecked',
    code: 'DLG5207',
    category: 'http',
    severity: 'warning',
    summary: 'The answer of `invokeurl` or a `zoho.crm.*` task is read without any check for an error.',
    docs: {
      what: 'Reports the first read (`.get(…)`) of a variable holding the answer of `invokeurl` or of a `zoho.crm.*` task when nothing in the same function checks that answer: no read of its `status`, `code` or `responseCode`, no condition or comparison on it, no `isEmpty()`/`isNull()`.',
      why: 'These calls do not throw when the API refuses: they return an error map (`{"status": "error", "code": "INVALID_DATA", …}`), or for `invokeurl` whatever body the server sent with its 4xx/5xx. Reading `data` from it gives null, and the script goes on as if the call had worked — a delete that did nothing is reported as done. https://www.zoho.com/deluge/help/crm/update-record-V8.html',
      invalid: [
        'response = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads?ids=" + ids\n\ttype: DELETE\n\tconnection: "crm"\n];\nfor each entry in response.get("data")\n{\n\tinfo entry.get("details").get("id");\n}',
        'lead = zoho.crm.getRecordById("Leads", leadId);\nemail = lead.get("Email");\nsendmail\n[\n\tfrom: zoho.adminuserid\n\tto: email\n\tsubject: "Welcome"\n\tmessage: "Hello"\n];',
      ],
      valid: [
        'response = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads?ids=" + ids\n\ttype: DELETE\n\tconnection: "crm"\n];\nif (response.get("status") == "error")\n{\n\treturn "failed: " + response.get("message");\n}\nfor each entry in response.get("data")\n{\n\tinfo entry.get("status");\n}',
        'lead = zoho.crm.getRecordById("Leads", leadId);\nif (lead.get("id") == null)\n{\n\treturn;\n}\nemail = lead.get("Email");',
        'raw = invokeurl\n[\n\turl: "https://api.example.com/items"\n\ttype: GET\n\tdetailed: true\n];\ncode = raw.get("responseCode");\nbody = raw.get("responseText");',
        'matches = zoho.crm.searchRecords("Contacts", "(Email:equals:" + email + ")");\nif (!matches.isEmpty())\n{\n\tcontactId = matches.get(0).get("id");\n}',
      ],
    },
  },
  create(context) {
    return {
      'Program:exit'(program) {
        const top: Stmt[] = [];
        for (const item of program.body) {
          if (item.kind === 'FunctionDecl') checkScope(item.body.body);
          else top.push(item);
        }
        checkScope(top);
      },
    };

    function checkScope(statements: readonly Stmt[]): void {
      const sources = new Map<string, { origin: string; line: number }>();
      const uses = new Map<string, CallExpr>();
      const aliases = new Map<string, Set<string>>();
      const tested: Expr[] = [];
      const checked = new Set<string>();
      const alias = (name: string, value: Expr): void => {
        const from = rootName(value);
        if (from && from !== name) aliases.set(from, (aliases.get(from) ?? new Set()).add(name));
      };
      const assigned = (name: string, value: Expr): void => {
        const origin = requestOrigin(value);
        if (origin && !sources.has(name)) sources.set(name, { origin, line: context.file.position(value.span.start).line });
        alias(name, value);
      };
      for (const statement of statements) {
        walk(statement, {
          enter(node) {
            switch (node.kind) {
              case 'AssignStmt':
                if (node.op === '=' && node.target.kind === 'Identifier') assigned(node.target.name, node.value);
                break;
              case 'VarDeclStmt':
                if (node.init) assigned(node.name.name, node.init);
                break;
              case 'ForEachStmt':
                alias(node.variable.name, node.iterable);
                break;
              case 'IfStmt':
              case 'ConditionalExpr':
                tested.push(node.condition);
                break;
              case 'BinaryExpr':
                if (COMPARISONS.has(node.op)) tested.push(node);
                break;
              case 'CallExpr': {
                const m = methodCall(node);
                if (!m) {
                  const fn = dottedName(node.callee)?.toLowerCase();
                  const first = argument(node, 0);
                  if (fn && TEST_FUNCTIONS.has(fn) && first) tested.push(first);
                  break;
                }
                if (TEST_METHODS.has(m.method)) tested.push(m.receiver);
                const receiver = unwrap(m.receiver);
                if ((m.method === 'get' || m.method === 'getjson') && receiver.kind === 'Identifier') {
                  const arg = argument(node, 0);
                  const key = arg && unwrap(arg);
                  const text = key?.kind === 'StringLiteral' ? key.value.toLowerCase() : undefined;
                  if (text !== undefined && CHECK_KEYS.has(text)) checked.add(receiver.name);
                  else if (text !== undefined && NEUTRAL_KEYS.has(text)) break;
                  else if ((text !== undefined || key?.kind === 'NumberLiteral') && !uses.has(receiver.name)) uses.set(receiver.name, node);
                }
                break;
              }
              default:
                break;
            }
          },
        });
      }
      for (const expr of tested) for (const name of mentioned(expr)) checked.add(name);
      for (const [name, source] of sources) {
        const use = uses.get(name);
        if (!use || isChecked(name, checked, aliases)) continue;
        context.report({
          span: use.span,
          message: `'${name}' (the answer of ${source.origin} on line ${source.line}) is read without any check for an error; the call returns an error map instead of throwing, so test ${name}.get("status") or "code" first.`,
        });
      }
    }
  },
};

/** `invokeurl` or the `zoho.crm.*` task that produced a value, if it is one. */
function requestOrigin(value: Expr): string | undefined {
  const e = unwrap(value);
  if (e.kind === 'TaskExpr' && e.task === 'invokeurl') return e.rawName;
  if (e.kind !== 'CallExpr') return undefined;
  const name = dottedName(e.callee);
  return name?.toLowerCase().startsWith('zoho.crm.') ? name : undefined;
}

/** The variable a chain of reads starts from: `response` in `response.get("data").get(0)`. */
function rootName(expr: Expr): string | undefined {
  const e = unwrap(expr);
  if (e.kind === 'Identifier') return e.name;
  if (e.kind === 'MemberExpr') return rootName(e.object);
  if (e.kind === 'IndexExpr') return rootName(e.object);
  if (e.kind === 'CallExpr' && e.callee.kind === 'MemberExpr') return rootName(e.callee.object);
  return undefined;
}

/** The variables an expression reads (not property or function names). */
function mentioned(expr: Node): Set<string> {
  const names = new Set<string>();
  const visit = (node: Node): void => {
    if (node.kind === 'Identifier') names.add(node.name);
    else if (node.kind === 'MemberExpr') visit(node.object);
    else if (node.kind === 'CallExpr') {
      if (node.callee.kind === 'MemberExpr') visit(node.callee.object);
      for (const arg of node.args) visit(arg);
    } else for (const child of childNodes(node)) visit(child);
  };
  visit(expr);
  return names;
}

/** Checked itself, or through a variable assigned from it. */
function isChecked(name: string, checked: ReadonlySet<string>, aliases: ReadonlyMap<string, ReadonlySet<string>>, seen = new Set<string>()): boolean {
  if (checked.has(name)) return true;
  seen.add(name);
  for (const alias of aliases.get(name) ?? []) {
    if (!seen.has(alias) && isChecked(alias, checked, aliases, seen)) return true;
  }
  return false;
}
