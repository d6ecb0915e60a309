import type { Expr, MapLiteral, StringLiteral } from '../../syntax/ast.js';
import type { Rule } from '../rule.js';
import { constantValue, DELETE_PARAMETERS, meantParameter, recordsDelete, reportOnce, taskParam, type Scope } from './_url.js';

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
    summary: 'A Delete Records URL parameter other than `ids` and `wf_trigger` (`wf_triger`, `id`) or given twice, `ids` beside a record id in the path, or `wf_trigger` or more `ids` put in `parameters:`.',
    docs: {
      what:
        'Reports a parameter in the query of a Delete Records URL that the page does not define — it defines `ids` and ' +
        '`wf_trigger`, names compared exactly — and suggests the one meant when it is a misspelling, another case, or an alias; ' +
        'a second `ids` or `wf_trigger` in the URL (the first is the one read), and `ids` beside a record id in the path; ' +
        'and a `wf_trigger` put in the `parameters:` map of a DELETE, which sends that map as a form body, not in the URL; ' +
        'also `ids` put there when the URL names records of its own.',
      why:
        'An unknown parameter is not read: `wf_triger=false` leaves `wf_trigger` at its default, **true**, so the workflows of ' +
        'every deleted record run (e-mails, field updates, webhooks) — the very thing it was written to prevent; `id=` leaves ' +
        '`ids` missing. The page reads `wf_trigger` and `ids` from the URL: in a body they are not read either, so ids put ' +
        'there beside the URL\'s are records left undeleted. A warning, not an error: ' +
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
              ? `Delete Records does not read a parameter \`${key.text}\`${meant === 'wf_trigger' ? ', so wf_trigger stays true and workflows run' : ''}: write \`${meant}\`.`
              : `Delete Records does not read a parameter \`${key.text}\` (only \`ids\` and \`wf_trigger\`): remove it or correct its name.`,
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
    };
  },
};
