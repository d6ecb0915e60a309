import { NodeMemo } from '../../analysis/memo.js';
import { positionOf, positionsWithin, treeIndexOf, type TreeIndex } from '../../analysis/tree-index.js';
import type { CallExpr, Expr, Identifier, Node, TaskExpr } from '../../syntax/ast.js';
import type { Rule } from '../rule.js';
import { isConnectorDelete, recordsDelete, reportOnce, type Scope } from './_url.js';

/** Keys of Zoho's request-level error map: reading only these misses the per-record outcomes in `data`. */
const REQUEST_LEVEL_KEYS = new Set(['status', 'code', 'message', 'details']);

/** `dropped`: read into a variable that is itself never read (`data = response.get("data");` and nothing more). */
type Use = 'request-level' | 'other' | 'dropped';

/** Per function (or script): how many DELETEs asked for reads so far, then the identifiers listed by name. */
const identifiersByName = new NodeMemo<Node, { asked: number; byName: Map<string, number[]> | undefined }>();

/**
 * The positions of the identifiers of a name in a function's (or the script's) subtree, from the shared index. The
 * first DELETE of a function goes over its identifiers; from the second on they are listed by name once (a script
 * with many DELETEs went over all of its identifiers once per DELETE: quadratic).
 */
function identifiersNamed(index: TreeIndex, scope: Node, root: number, name: string): readonly number[] {
  const table = identifiersByName.get(scope, () => ({ asked: 0, byName: undefined }));
  if (table.asked++ === 0) return positionsWithin(index, 'Identifier', root).filter((i) => (index.nodes[i] as Identifier).name === name);
  if (table.byName === undefined) {
    const byName = new Map<string, number[]>();
    for (const i of positionsWithin(index, 'Identifier', root)) {
      const id = (index.nodes[i] as Identifier).name;
      const list = byName.get(id);
      if (list) list.push(i);
      else byName.set(id, [i]);
    }
    table.byName = byName;
  }
  return table.byName.get(name) ?? [];
}

/**
 * How the variable is read in `scope` (its function, or the whole script): each read is either a request-level
 * lookup (`r.get("status")`) or anything else (`r.get("data")`, `info r`, `return r`, `for each x in r…`, passing it on).
 */
function readsOf(index: TreeIndex, scope: Node, name: string): Use[] {
  const uses: Use[] = [];
  const root = positionOf(index, scope);
  for (const i of identifiersNamed(index, scope, root, name)) {
    const node = index.nodes[i] as Identifier;
    const up = index.parent[i]!;
    const parent = index.nodes[up]!;
    switch (parent.kind) {
      case 'AssignStmt':
        if (parent.target === node && parent.op === '=') continue;
        break;
      case 'MemberExpr':
        if (parent.property === node) continue;
        break;
      case 'CallExpr':
        if (parent.callee === node) continue;
        break;
      case 'ForEachStmt':
        if (parent.variable === node) continue;
        break;
      case 'Param':
      case 'TryStmt':
      case 'FunctionDecl':
      case 'InsertField':
      case 'CancelStmt':
        continue;
      default:
        break;
    }
    // The grandparent within the scope (none above the scope's root).
    const call = up === root ? undefined : index.nodes[index.parent[up]!];
    if (parent.kind === 'MemberExpr' && parent.object === node && call?.kind === 'CallExpr' && call.callee === parent) {
      const method = parent.property.name.toLowerCase();
      const key = call.args[0];
      if ((method === 'get' || method === 'getjson') && call.args.length === 1 && key?.kind === 'StringLiteral' && REQUEST_LEVEL_KEYS.has(key.value.toLowerCase())) {
        uses.push('request-level');
        continue;
      }
    }
    uses.push(copiedAndDropped(index, scope, root, i, up) ? 'dropped' : 'other');
  }
  return uses;
}

/**
 * Whether the read at `i` (under `up`) is, through a chain of calls on it (`response.get("data")`), the whole value of
 * an assignment to a variable that is never read in the scope: the answer's `data` copied and dropped.
 */
function copiedAndDropped(index: TreeIndex, scope: Node, root: number, i: number, up: number): boolean {
  let at = i;
  let parentAt = up;
  for (;;) {
    const parent = index.nodes[parentAt]!;
    const node = index.nodes[at]!;
    if ((parent.kind === 'MemberExpr' && parent.object === node) || (parent.kind === 'CallExpr' && parent.callee === node) || parent.kind === 'ParenExpr') {
      at = parentAt;
      parentAt = index.parent[parentAt]!;
      if (parentAt < 0) return false;
      continue;
    }
    if (parent.kind !== 'AssignStmt' || parent.value !== node || parent.op !== '=' || parent.target.kind !== 'Identifier') return false;
    const copy = parent.target.name;
    // Read anywhere in the scope but as the target of an assignment: not dropped.
    return identifiersNamed(index, scope, root, copy).every((j) => {
      const holder = index.nodes[index.parent[j]!]!;
      return holder.kind === 'AssignStmt' && holder.target === index.nodes[j] && holder.op === '=';
    });
  }
}

export const rule: Rule = {
  meta: {
    id: 'delete-results-not-inspected',
    code: 'DLG5407',
    category: 'delete-records',
    severity: 'warning',
    summary: 'The answer of a Delete Records call is dropped, or only its request-level `status`/`code` is read, never the per-record `data`.',
    docs: {
      what:
        'Reports an `invokeurl` DELETE of Delete Records, or a `zoho.crm.invokeConnector("crm.delete", …)`, whose answer is not ' +
        'kept, is kept but never read, or is only read for the request-level error fields (`get("status")`, `get("code")`, ' +
        '`get("message")`, `get("details")`). Reading `data`, the `detailed: true` fields, the connector\'s `status_code` or ' +
        '`response`, printing it, returning it or passing it on all count as looking at it; reading it into a variable ' +
        'that is never read (`data = response.get("data");` and nothing more) does not.',
      why:
        'The page\'s answer has one entry per id in `data`, each with its own `status` and `code`; the call succeeds as a whole ' +
        '(200, or 207 when only some records were deleted) while single records fail with `INVALID_DATA` "record not deleted", ' +
        '`RECORD_LOCKED` or `NOT_APPROVED`. A top-level `status` exists only for request-level errors, so checking it alone ' +
        'reports partial failures as success.',
      invalid: [
        `invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Leads?ids=" + ids.toString()
	type: DELETE
	connection: "crm_oauth_connection"
];`,
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Leads?ids=" + ids.toString()
	type: DELETE
	connection: "crm_oauth_connection"
];
if (response.get("status") == "error")
{
	info "Delete failed: " + response.get("message");
}`,
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Deals/" + dealId
	type: DELETE
	connection: "crm_oauth_connection"
];
return "done";`,
      ],
      valid: [
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040,410405000002264025&wf_trigger=true"
	type: DELETE
	connection: "crm_oauth_connection"
];
info response;`,
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Leads?ids=" + ids.toString()
	type: DELETE
	connection: "crm_oauth_connection"
];
if (response.get("status") == "error")
{
	return response.get("message");
}
for each entry in response.get("data")
{
	if (entry.get("status") != "success")
	{
		info entry.get("details").get("id") + ": " + entry.get("code");
	}
}`,
      ],
    },
  },
  create(context) {
    const report = reportOnce(context);
    const keyword = (task: TaskExpr) => ({ start: task.span.start, end: task.span.start + task.rawName.length });
    const scopeOf = (): Node => context.parents.find((p) => p.kind === 'FunctionDecl') ?? context.program;
    return {
      ExprStmt(stmt) {
        const kind = deleteKind(stmt.expr, context);
        if (kind === undefined) return;
        report(
          kind === 'connector'
            ? {
                span: (stmt.expr as CallExpr).callee.span,
                message:
                  'The answer of this crm.delete is dropped: keep it (`response = zoho.crm.invokeConnector(…)`) and check its `status_code` (200 when the record was deleted) or the outcome in its `response`.',
              }
            : {
                span: keyword(stmt.expr as TaskExpr),
                message: 'The answer of this DELETE is dropped: keep it (`response = invokeurl …`) and check each entry of its `data` for `"status": "success"`.',
              },
        );
      },
      AssignStmt(stmt) {
        if (stmt.target.kind !== 'Identifier' || stmt.op !== '=') return;
        const kind = deleteKind(stmt.value, context);
        if (kind === undefined) return;
        const target: Identifier = stmt.target;
        const uses = readsOf(treeIndexOf(context.program), scopeOf(), target.name);
        if (uses.includes('other')) return;
        const name = target.name;
        let message: string;
        if (uses.includes('dropped')) {
          message = `\`${name}\` is read into a variable that is never read: check each entry of its \`data\` for \`"status": "success"\` (records can fail one by one).`;
        } else if (kind === 'connector') {
          message =
            uses.length === 0
              ? `\`${name}\`, the answer of this crm.delete, is never read: check its \`status_code\` (200 when the record was deleted) or the outcome in its \`response\`.`
              : `\`${name}\` is read only for keys the connector's answer does not have (it is \`{"status_code", "response"}\`): check its \`status_code\` (200 when the record was deleted) or the outcome in its \`response\`.`;
        } else {
          message =
            uses.length === 0
              ? `\`${name}\`, the answer of this DELETE, is never read: check each entry of its \`data\` for \`"status": "success"\` (records can fail one by one).`
              : `\`${name}\` is only checked for a request-level error, but records fail one by one (INVALID_DATA, RECORD_LOCKED) inside a successful answer: check each entry of its \`data\`.`;
        }
        report({ span: target.span, message });
      },
    };
  },
};

/**
 * Which delete `expr` is: an `invokeurl`/`invokeapi` of Delete Records, or the crm.delete connector, whose answer
 * (`{"status_code", "response"}`, https://zoho.com/developer/help/scripting/delete-records.html) carries the same
 * per-record outcome; undefined for anything else.
 */
function deleteKind(expr: Expr, scope: Scope): 'request' | 'connector' | undefined {
  if (expr.kind === 'TaskExpr') return recordsDelete(expr, scope) ? 'request' : undefined;
  return expr.kind === 'CallExpr' && isConnectorDelete(expr) ? 'connector' : undefined;
}
