import type { Expr, MapLiteral, StringLiteral } from '../../syntax/ast.js';
import type { Rule } from '../rule.js';
import { connectorEntries, constantValue, DELETE_PARAMETERS, isConnectorDelete, meantParameter, recordsDelete, reportOnce, taskParam, type Scope } from './_url.js';

/** The keys Zoho documents for the map of `invokeConnector("crm.delete", …)` (developer/help/scripting/delete-records). */
const CONNECTOR_KEYS: readonly string[] = ['module', 'id'];

/**
 * The key of a `parameters:` map literal (or of the map a variable is set to once) that names one of `parameters`
 * (or a misspelling of it), with the parameter it names.
 */
function parameterInParameters(expr: Expr, scope: Scope, parameters: readonly string[]): { key: StringLiteral; name: string } | undefined {
  const map: Expr | undefined = expr.kind === 'Identifier' ? constantValue(scope.program, expr.name) : expr;
  if (map?.kind !== 'MapLiteral') return undefined;
  for (const { key } of (map as MapLiteral).entries) {
    if (key.kind !== 'StringLiteral') continue;
    const name = parameters.includes(key.value) ? key.value : meantParameter(key.value);
    if (name !== undefined && parameters.includes(name)) return { key, name };
  }
  return undefined;
}

export const rule: Rule = {
  meta: {
    id: 'delete-unknown-parameter',
    code: 'DLG5404',
    category: 'delete-records',
    severity: 'warning',
    fixable: 'unsafe',
    summary:
      'A Delete Records URL parameter other than `ids` and `wf_trigger` (`wf_triger`, `id`) or given twice, `ids` beside a record id in the path, `wf_trigger` or more `ids` put in `parameters:`, or a `crm.delete` connector map key other than `module` and `id` (`wf_trigger`).',
    docs: {
      what:
        'Reports a parameter in the query of a Delete Records URL that the page does not define — it defines `ids` and ' +
        '`wf_trigger`, names compared exactly — and suggests the one meant when it is a misspelling, another case, or an alias; ' +
        'a second `ids` or `wf_trigger` in the URL (the first is the one read), and `ids` beside a record id in the path; ' +
        'and a `wf_trigger` put in the `parameters:` map of a DELETE, which sends that map as a form body, not in the URL; ' +
        'also `ids` put there when the URL names records of its own; and a key of a `zoho.crm.invokeConnector("crm.delete", …)` ' +
        'map other than the two Zoho documents for it, `"module"` and `"id"`.',
      why:
        'An unknown parameter is not read: `wf_triger=false` leaves `wf_trigger` at its default, **true**, so the workflows of ' +
        'every deleted record run (e-mails, field updates, webhooks) — the very thing it was written to prevent; `id=` leaves ' +
        '`ids` missing. The page reads `wf_trigger` and `ids` from the URL: in a body they are not read either, so ids put ' +
        'there beside the URL\'s are records left undeleted. Zoho documents no workflow key for `crm.delete` (nor `ids`): a ' +
        '`"wf_trigger": false` in its map is not known to be read, so the workflows of the record may run all the same ' +
        '(`deluge run` and `deluge emit` do not send it); to choose, delete with `invokeurl` and `?wf_trigger=false`. A warning, not an error: ' +
        'the request is sent and the extra parameter draws no error.',
      invalid: [
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040&wf_triger=false"
	type: DELETE
	connection: "crm_oauth_connection"
];
info response;`,
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Leads/" + leadId + "?workflow_trigger=false"
	type: DELETE
	connection: "crm_oauth_connection"
];
info response;`,
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040"
	type: DELETE
	parameters: {"wf_trigger": false}
	connection: "crm_oauth_connection"
];
info response;`,
        `result = zoho.crm.invokeConnector("crm.delete", {"module": "Leads", "id": leadId, "wf_trigger": false});
info result;`,
      ],
      valid: [
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040&wf_trigger=false"
	type: DELETE
	connection: "crm_oauth_connection"
];
info response;`,
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Leads?ids=" + ids + "&" + extraQuery
	type: DELETE
	connection: "crm_oauth_connection"
];
info response;`,
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Leads/" + leadId + "?wf_trigger=false"
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
        const seen = new Set<string>();
        for (const { key } of request.params) {
          if (DELETE_PARAMETERS.includes(key.text)) {
            // The single-record route deletes the record of its path; and the server reads a parameter's first value
            // (a second `ids=` is not deleted). `deluge run` lists the ids of either as not in the answer.
            if (key.text === 'ids' && request.recordId) {
              report({
                span: key.span,
                message: 'This DELETE names a record in its path (`/{module}/{record_id}`), which deletes that record only, so the records of `ids` are not deleted: delete them all with `/{module}?ids=` (at most 100).',
              });
            } else if (seen.has(key.text)) {
              report({
                span: key.span,
                message:
                  key.text === 'ids'
                    ? 'Delete Records reads the first `ids` of the URL only, so the records named here are not deleted: put every id in the first `ids=`, separated by commas (at most 100).'
                    : 'Delete Records reads the first `wf_trigger` of the URL only, so this one has no effect: keep one `wf_trigger`.',
              });
            }
            seen.add(key.text);
            continue;
          }
          if (key.text === '') continue;
          const meant = meantParameter(key.text);
          // `id=` for `ids=` leaves the ids missing: delete-missing-ids reports that, as an error.
          if (meant === 'ids' && !request.ids) continue;
          const exact = context.file.text.slice(key.span.start, key.span.end) === key.text;
          report({
            span: key.span,
            message: meant
              ? `Delete Records does not read a parameter \`${key.written ?? key.text}\`${meant === 'wf_trigger' ? ', so wf_trigger stays true and workflows run' : ''}: write \`${meant}\`.`
              : `Delete Records does not read a parameter \`${key.written ?? key.text}\` (only \`ids\` and \`wf_trigger\`): remove it or correct its name.`,
            ...(meant && exact ? { fix: { span: key.span, text: meant } } : {}),
          });
        }
        // A DELETE sends `parameters:` as a form body (beside a `body:`, in the query: then it is read).
        // `ids` there beside a URL that names records (without, delete-missing-ids reports them, as an error).
        const parameters = request.parametersArg;
        const names = request.ids || request.recordId ? ['wf_trigger', 'ids'] : ['wf_trigger'];
        const inBody = parameters && !taskParam(task, 'body') ? parameterInParameters(parameters, context, names) : undefined;
        if (inBody?.name === 'wf_trigger') {
          report({
            span: inBody.key.span,
            message: `A DELETE sends its \`parameters:\` map as a form body, and Delete Records reads \`wf_trigger\` only from the URL, so it stays true and workflows run: write \`wf_trigger=false\` in the URL (\`?ids=…&wf_trigger=false\`).`,
          });
        } else if (inBody) {
          report({
            span: inBody.key.span,
            message: `A DELETE sends its \`parameters:\` map as a form body, and Delete Records reads \`ids\` only from the URL, so the records named there are not deleted: put their ids in the URL's \`ids=\` (at most 100 in all).`,
          });
        }
      },
      calls: {
        // Only `….invokeConnector(…)` calls are handed to `visit`.
        names: ['invokeConnector'],
        visit(call) {
          if (!isConnectorDelete(call)) return;
          const found = connectorEntries(call, context);
          if (!found) return;
          for (const [name, key] of found.keys) {
            if (CONNECTOR_KEYS.includes(name)) continue;
            const lower = name.toLowerCase();
            // "ID" or "ids" in a map with no "id": delete-missing-ids reports it (an error: no record to delete).
            if ((lower === 'id' || lower === 'ids') && !found.entries.has('id') && found.complete) continue;
            const sameName = CONNECTOR_KEYS.find((k) => k === lower);
            report({
              span: key.span,
              message:
                sameName !== undefined
                  ? `\`crm.delete\` reads \`"${sameName}"\` as written (map keys are case-sensitive), not \`${JSON.stringify(name)}\`: write \`"${sameName}"\`.`
                  : meantParameter(name) === 'wf_trigger'
                    ? `Zoho documents only \`"module"\` and \`"id"\` for the map of \`crm.delete\`, no workflow key, so \`${JSON.stringify(name)}\` is not known to be read and the record's workflows may run (\`deluge run\` does not send it): to choose, delete with \`invokeurl\` and \`…/{module}/{record_id}?wf_trigger=false\`.`
                    : lower === 'ids'
                      ? `\`crm.delete\` deletes the one record of \`"id"\`: Zoho documents no \`"ids"\` key, so the records named there are not deleted; delete several with \`invokeurl\` and \`?ids=\` (at most 100).`
                      : `Zoho documents only \`"module"\` and \`"id"\` for the map of \`crm.delete\`, so \`${JSON.stringify(name)}\` is not known to be read (\`deluge run\` does not send it): remove it.`,
            });
          }
        },
      },
    };
  },
};
