import type { Rule } from '../rule.js';
import { connectorEntries, HOLE, isConnectorDelete, isPagePlaceholder, mayNameExternalIds, recordsDelete, reportOnce, type UrlText } from './_url.js';

/** The largest Java long: ids beyond it cannot be parsed. */
const MAX_LONG = 9223372036854775807n;

const PARSE = 'so Zoho answers UNABLE_TO_PARSE_DATA_TYPE and deletes nothing';

/** What is wrong with an id (a whole message), or undefined when it is fine. Ids with unknown parts are judged by their known characters. */
function problem(item: UrlText): string | undefined {
  const text = item.text;
  if (!item.known) {
    const literal = text.split(HOLE).join('');
    if (!/["'[\]{}]/.test(literal)) return undefined;
    return `The ids are wrapped in quotes or brackets (\`${text.split(HOLE).join('…')}\`), ${PARSE}: a list joins into text as \`id1,id2\` by itself, so concatenate it bare.`;
  }
  if (/^\d+$/.test(text)) return BigInt(text) > MAX_LONG ? `\`${text}\` is longer than any record id, ${PARSE}: check where it comes from.` : undefined;
  if (isPagePlaceholder(text) || /record_id/i.test(text)) return `\`${text}\` is the page's placeholder, ${PARSE}: put a real record id there.`;
  if (/^\d(\.\d+)?E\+?\d+$/i.test(text)) return `\`${text}\` is a record id printed as a DECIMAL, its last digits lost, ${PARSE}: keep ids as text.`;
  if (/["'[\]{}]/.test(text)) return `\`${text}\` has quotes or brackets, ${PARSE}: write ids bare, separated by commas.`;
  return `\`${text}\` is not a record id (ids are digits), ${PARSE}.`;
}

export const rule: Rule = {
  meta: {
    id: 'delete-malformed-ids',
    code: 'DLG5405',
    category: 'delete-records',
    severity: 'error',
    summary: 'A Delete Records id that is not a number: a placeholder, quotes or brackets, or an id in E notation.',
    docs: {
      what:
        'Reports a known record id in a Delete Records URL — in `ids=` or the `/{record_id}` of the path — or in the `"id"` of a ' +
        '`zoho.crm.invokeConnector("crm.delete", …)` map that is not a plain ' +
        'number: the page\'s placeholder (`{record_id}`), quoted or bracketed ids (`ids=["…"]`), an id printed as a DECIMAL ' +
        '(`4.1040500000022643E17`), or digits beyond a 64-bit number. A request with an `X-EXTERNAL` header (or headers not known ' +
        'whole) names its records by an external field\'s values, which need not be digits: its ids are not checked.',
      why:
        'The page: ids are "Entity IDs separated by commas" (`410405000002264040,410405000002264025`). Anything else is ' +
        '`UNABLE_TO_PARSE_DATA_TYPE` ("either the request body or parameters is in wrong format"), and nothing is deleted.',
      invalid: [
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Leads/{record_id}"
	type: DELETE
	connection: "crm_oauth_connection"
];
info response;`,
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Leads?ids=[" + idList + "]"
	type: DELETE
	connection: "crm_oauth_connection"
];
info response;`,
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Leads?ids=4.1040500000022643E17"
	type: DELETE
	connection: "crm_oauth_connection"
];
info response;`,
      ],
      valid: [
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v8/Contacts/extcontact3"
	type: DELETE
	headers: {"X-EXTERNAL": "Contacts.External_Contact_ID"}
	connection: "crm_oauth_connection"
];
info response;`,
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040, 410405000002264025"
	type: DELETE
	connection: "crm_oauth_connection"
];
info response;`,
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Leads?ids=" + idList.toString() + "&wf_trigger=false"
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
        const items = request.recordId ? [request.recordId] : request.ids?.value ? request.url.template.items(request.ids.value) : [];
        // Ids of an external field (an `X-EXTERNAL` header) are that field's values, whatever they look like.
        if (items.length === 0 || mayNameExternalIds(task, context)) return;
        for (const item of items) {
          const why = problem(item);
          if (!why) continue;
          // An id with unknown parts is reported at its first quote or bracket.
          const at = item.known ? -1 : item.text.search(/["'[\]{}]/);
          const span = at < 0 ? item.span : request.url.template.span(item.from + at, item.from + at + 1);
          report({ span, message: why });
          // One report per request: the rest of a bad list is usually bad the same way.
          return;
        }
      },
      calls: {
        // Only `….invokeConnector(…)` calls are handed to `visit`.
        names: ['invokeConnector'],
        visit(call) {
          if (!isConnectorDelete(call)) return;
          const id = connectorEntries(call, context)?.entries.get('id');
          if (id?.kind !== 'StringLiteral') return;
          const text = id.value.trim();
          if (/^\d+$/.test(text) && BigInt(text) <= MAX_LONG) return;
          const several = /^\d+(\s*,\s*\d+)+$/.test(text) ? ': it deletes one record; for several, send `invokeurl` a DELETE with `?ids=`' : '';
          report({
            span: id.span,
            message: `\`${id.value}\` is not a record id: \`crm.delete\` takes the digits of one record's id in \`"id"\`, so the call fails and nothing is deleted (deluge run stops with DLG4018)${several}.`,
          });
        },
      },
    };
  },
};
