import type { Expr, ForEachStmt } from '../../syntax/ast.js';
import { walk } from '../../syntax/walk.js';
import type { Rule } from '../rule.js';
import { leavesLoopsRightAfter } from './_exits.js';
import { connectorEntries, enclosingLoops, isConnectorDelete, isIdLike, mentions, recordsDelete, reportOnce } from './_url.js';

const COLLECTION_METHODS = new Set(['size', 'isempty', 'sublist', 'indexof', 'addall', 'tostring', 'tolist', 'get', 'distinct', 'sort']);

/** A loop variable that holds a collection: named like one, or used like one in the loop's body. */
function holdsCollection(loop: ForEachStmt): boolean {
  const name = loop.variable.name;
  if (/batch|chunk|group|page|list|set|slice|csv|joined|string/i.test(name) || (/s$/.test(name) && !isIdLike(loop.variable))) return true;
  // The items of a list of batches (`for each part in csvBatches`) are batches, whatever their name.
  const iterable = loop.iterable.kind === 'Identifier' ? loop.iterable.name : '';
  // (Not `csv`: the lines split from a CSV text hold one id each.)
  if (/batch|chunk|group|page|slice/i.test(iterable)) return true;
  let found = false;
  walk(loop.body, {
    enter(node) {
      if (found) return;
      if (node.kind === 'ForEachStmt' && node.iterable.kind === 'Identifier' && node.iterable.name === name) found = true;
      if (node.kind !== 'CallExpr' || node.callee.kind !== 'MemberExpr') return;
      const { object, property } = node.callee;
      if (object.kind !== 'Identifier' || object.name !== name) return;
      const method = property.name.toLowerCase();
      if (method === 'get' || method === 'getjson') {
        if (node.args[0] && node.args[0].kind !== 'StringLiteral') found = true;
      } else if (COLLECTION_METHODS.has(method)) found = true;
    },
  });
  return found;
}

/** Whether the expression is one record id for each pass of the loops. */
function oneId(expr: Expr, loops: readonly ForEachStmt[]): boolean {
  if (isIdLike(expr)) return true;
  if (expr.kind === 'Identifier') {
    const loop = loops.find((l) => l.variable.name === expr.name);
    return loop !== undefined && !loop.index && !holdsCollection(loop);
  }
  // `ids.get(i)` in `for each index i in ids`.
  if (expr.kind === 'CallExpr' && expr.callee.kind === 'MemberExpr' && expr.callee.property.name.toLowerCase() === 'get' && expr.args.length === 1) {
    const arg = expr.args[0]!;
    return arg.kind === 'Identifier' && loops.some((l) => l.index && l.variable.name === arg.name);
  }
  return false;
}

const MESSAGE =
  'This deletes one record per pass of the `for each`, one API call each: collect the ids and delete up to 100 per call with `?ids=id1,id2,…`.';

export const rule: Rule = {
  meta: {
    id: 'delete-in-loop',
    code: 'DLG5406',
    category: 'delete-records',
    severity: 'warning',
    summary: 'A Delete Records call for a single record inside a `for each`: batch the ids, up to 100 per call.',
    docs: {
      what:
        'Reports, inside a `for each`, an `invokeurl` DELETE of one record (`/{module}/{record_id}`, or `?ids=` with one id) ' +
        'and `zoho.crm.invokeConnector("crm.delete", …)`. Not reported: deletes whose `ids` hold a batch (a loop variable ' +
        'used as a list, named like one — `batch`, `chunk`, `idCsv`, `ids` — or walking a list named like a list of batches, ' +
        '`csvBatches`), loops over modules (the module depends on the loop variable), and a delete after which the loop is ' +
        'always left (`break`, `return`, `throw`: one record deleted in all).',
      why:
        'Delete Records takes up to 100 ids per call. One call per record costs 100 times the API credits and the time, and ' +
        'runs into the API limits and the function\'s time limit on large sets; a failure half-way leaves half the records deleted.',
      invalid: [
        `for each leadId in leadIds
{
	response = invokeurl
	[
		url: "https://www.zohoapis.com/crm/v7/Leads/" + leadId
		type: DELETE
		connection: "crm_oauth_connection"
	];
	info response;
}`,
        `for each rec in records
{
	response = invokeurl
	[
		url: "https://www.zohoapis.com/crm/v7/Contacts?ids=" + rec.get("id") + "&wf_trigger=false"
		type: DELETE
		connection: "crm_oauth_connection"
	];
	info response;
}`,
        `for each id in ids
{
	result = zoho.crm.invokeConnector("crm.delete", {"module": "Leads", "id": id});
	info result;
}`,
      ],
      valid: [
        `// The first duplicate only: the loop ends with its delete.
for each lead in leads
{
	if (lead.get("Lead_Status") == "Duplicate")
	{
		response = invokeurl
		[
			url: "https://www.zohoapis.com/crm/v7/Leads/" + lead.get("id")
			type: DELETE
			connection: "crm_oauth_connection"
		];
		info response;
		break;
	}
}`,
        `for each batch in batches
{
	response = invokeurl
	[
		url: "https://www.zohoapis.com/crm/v7/Leads?ids=" + batch.toString()
		type: DELETE
		connection: "crm_oauth_connection"
	];
	info response;
}`,
        `// One record in each of several modules: not one batch.
for each module in {"Leads", "Contacts"}
{
	response = invokeurl
	[
		url: "https://www.zohoapis.com/crm/v7/" + module + "/" + ids.get(module)
		type: DELETE
		connection: "crm_oauth_connection"
	];
	info response;
}`,
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Leads/" + leadId
	type: DELETE
	connection: "crm_oauth_connection"
];
info response;`,
      ],
    },
  },
  create(context) {
    const report = reportOnce(context);
    return {
      TaskExpr(task) {
        const request = recordsDelete(task, context);
        if (!request) return;
        const loops = enclosingLoops(context.parents);
        if (loops.length === 0) return;
        const names = new Set(loops.map((l) => l.variable.name));
        if (request.module.holes.some((h) => mentions(h, names))) return;
        let single = false;
        if (request.recordId) single = true;
        else if (request.ids?.value) {
          const items = request.url.template.items(request.ids.value);
          const only = items.length === 1 ? items[0]! : undefined;
          single = only !== undefined && (only.known || (only.holes.length === 1 && only.text.length === 1 && oneId(only.holes[0]!, loops)));
        }
        if (!single) return;
        // A loop left right after its delete (`break`, `return`) deletes one record in all: nothing to batch.
        if (leavesLoopsRightAfter(context.parents, context.parents.indexOf(loops[loops.length - 1]!), task)) return;
        report({ span: { start: task.span.start, end: task.span.start + task.rawName.length }, message: MESSAGE });
      },
      calls: {
        // Only `….invokeConnector(…)` calls are handed to `visit`.
        names: ['invokeConnector'],
        visit(call) {
          if (!isConnectorDelete(call) || call.callee.kind !== 'MemberExpr') return;
          const loops = enclosingLoops(context.parents);
          if (loops.length === 0) return;
          const module = connectorEntries(call, context)?.entries.get('module');
          if (module && mentions(module, new Set(loops.map((l) => l.variable.name)))) return;
          if (leavesLoopsRightAfter(context.parents, context.parents.indexOf(loops[loops.length - 1]!), call)) return;
          report({ span: call.callee.property.span, message: MESSAGE });
        },
      },
    };
  },
};
