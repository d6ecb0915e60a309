import type { Expr, MapLiteral } from '../../syntax/ast.js';
import type { Rule } from '../rule.js';
import { connectorEntries, constantValue, isConnectorDelete, meantParameter, recordsDelete, reportOnce, shown, taskParam, type Scope } from './_url.js';

/**
 * What a `parameters:` map says about ids: the `"ids"` key when it has one, `none` when it is a map literal
 * without one, `unknown` otherwise (a map built elsewhere may hold them).
 */
function idsInParameters(expr: Expr, scope: Scope): Expr | 'none' | 'unknown' {
  const map: Expr | undefined = expr.kind === 'Identifier' ? constantValue(scope.program, expr.name) : expr;
  if (map?.kind !== 'MapLiteral') return 'unknown';
  return (map as MapLiteral).entries.find((e) => e.key.kind === 'StringLiteral' && e.key.value.toLowerCase() === 'ids')?.key ?? 'none';
}

export const rule: Rule = {
  meta: {
    id: 'delete-missing-ids',
    code: 'DLG5401',
    category: 'delete-records',
    severity: 'error',
    fixable: 'unsafe',
    summary: 'A Delete Records call that names no record: no `ids=` in the URL and no record id in its path.',
    docs: {
      what:
        'Reports a `DELETE /crm/{version}/{module}` whose URL has no `ids` parameter (or an empty one) and no `/{record_id}` ' +
        'after the module, when the whole query can be read; also ids put in `parameters:`, and a `parameters:` map built ' +
        'elsewhere beside such a URL (a DELETE sends `parameters:` as its body, unless a `body:` is given too), ' +
        'and a `zoho.crm.invokeConnector("crm.delete", …)` map without an `"id"`.',
      why:
        'The Delete Records page makes `ids` mandatory ("Entity IDs separated by commas"); without it Zoho answers ' +
        '`REQUIRED_PARAM_MISSING` ("\'ids\' parameter is missing in the request") and nothing is deleted. Write ' +
        '`…/Leads?ids=id1,id2` (at most 100) or `…/Leads/{record_id}` for one record.',
      invalid: [
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Leads?wf_trigger=false"
	type: DELETE
	connection: "crm_oauth_connection"
];
info response;`,
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Deals"
	type: DELETE
	parameters: {"ids": dealId}
	connection: "crm_oauth_connection"
];
info response;`,
        `params = Map();
params.put("module", "Leads");
result = zoho.crm.invokeConnector("crm.delete", params);
info result;`,
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
	url: "https://www.zohoapis.com/crm/v7/Leads/" + leadId
	type: DELETE
	connection: "crm_oauth_connection"
];
info response;`,
        `// The rest of the URL comes from a variable: it may hold the ids.
response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/" + path
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
        if (!request || request.recordId) return;
        const { url, ids } = request;
        if (ids) {
          const value = ids.value;
          if (!value || (value.known && url.template.items(value).length === 0)) {
            report({
              span: ids.key.span,
              message: 'The `ids` parameter of this DELETE is empty, so Zoho answers REQUIRED_PARAM_MISSING: write the record ids after `ids=`, separated by commas.',
            });
          }
          return;
        }
        if (url.openPath || url.openQuery) return;
        if (request.parametersArg) {
          const inParameters = idsInParameters(request.parametersArg, context);
          // Beside a `body`, a `parameters` map goes to the query string, where the ids belong.
          const inQuery = taskParam(task, 'body') !== undefined;
          if (inParameters === 'unknown') {
            if (inQuery) return;
            // Whatever the map holds, it goes in the body (a text too), so the URL is all Zoho reads ids from.
            report({
              span: request.parametersArg.span,
              message: `This DELETE of ${shown(request.module.text)} has no \`ids=\` in its URL, and a DELETE sends \`parameters:\` as its body, where Delete Records does not read \`ids\`, so Zoho answers REQUIRED_PARAM_MISSING: put the ids in the URL (\`?ids=\` + ids).`,
            });
            return;
          }
          if (inParameters !== 'none') {
            if (inQuery) return;
            report({
              span: inParameters.span,
              message: 'A DELETE sends a `parameters:` map as a form body, but Delete Records reads `ids` from the URL: put the ids in the URL (`?ids=` + ids) instead.',
            });
            return;
          }
        }
        const alias = request.params.find((p) => meantParameter(p.key.text) === 'ids');
        if (alias) {
          const exact = context.file.text.slice(alias.key.span.start, alias.key.span.end) === alias.key.text;
          report({
            span: alias.key.span,
            message: `Delete Records reads the ids from \`ids\`, not \`${alias.key.written ?? alias.key.text}\`, so Zoho answers REQUIRED_PARAM_MISSING: rename it \`ids\`.`,
            ...(exact ? { fix: { span: alias.key.span, text: 'ids' } } : {}),
          });
          return;
        }
        report({
          span: request.urlExpr.span,
          message: `This DELETE of ${shown(request.module.text)} has neither \`ids=\` nor a record id in its path, so Zoho answers REQUIRED_PARAM_MISSING: add \`?ids=id1,id2\` (at most 100) or \`/{record_id}\`.`,
        });
      },
      calls: {
        // Only `….invokeConnector(…)` calls are handed to `visit`.
        names: ['invokeConnector'],
        visit(call) {
          if (!isConnectorDelete(call)) return;
          const found = connectorEntries(call, context);
          if (!found || !found.complete) return;
          // The operation reads one record's id from the key "id" as written (map keys are case-sensitive).
          if (found.entries.has('id')) return;
          const near = [...found.entries.keys()].find((k) => k.toLowerCase() === 'id' || k.toLowerCase() === 'ids');
          report({
            span: call.args[1]!.span,
            message:
              near === undefined
                ? 'The map given to `crm.delete` has no `"id"`, so there is no record to delete: put the record id in it with `put("id", recordId)`.'
                : `\`crm.delete\` reads the id of the one record it deletes from \`"id"\`, not \`${JSON.stringify(near)}\`, so there is no record to delete: put it in with \`put("id", recordId)\` (for several records, use \`invokeurl\` with \`?ids=\`).`,
          });
        },
      },
    };
  },
};
