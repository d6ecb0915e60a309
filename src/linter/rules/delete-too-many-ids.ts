import type { Rule } from '../rule.js';
import { HOLE, recordsDelete, reportOnce } from './_url.js';

/** A record id as the API compares them: digits without leading zeros, anything else as written. */
function normalised(id: string): string {
  return /^\d+$/.test(id) ? id.replace(/^0+(?=\d)/, '') : id;
}

export const rule: Rule = {
  meta: {
    id: 'delete-too-many-ids',
    code: 'DLG5400',
    category: 'delete-records',
    severity: 'error',
    summary: 'A Delete Records call with more than 100 record ids: Zoho deletes at most 100 per call.',
    docs: {
      what:
        'Reports a `DELETE /crm/{version}/{module}?ids=…` whose `ids` can be counted — ids written in the URL, or a list of ' +
        'literals joined into it (`{"…", "…"}.toString()`, or a variable holding one) — and names more than 100 distinct records.',
      why:
        'The Delete Records page: "A maximum of 100 records can be deleted per API call." A longer list is refused as a whole ' +
        '(`LIMIT_EXCEEDED`) and nothing is deleted. Send the ids in batches of at most 100.',
      invalid: [
        `ids = {${Array.from({ length: 101 }, (_, i) => `"4104050000022${String(64000 + i)}"`).join(', ')}};
response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Leads?ids=" + ids.toString()
	type: DELETE
	connection: "crm_oauth_connection"
];
info response;`,
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Contacts?ids=${Array.from({ length: 120 }, (_, i) => `41040500000${String(2264000 + i)}`).join(',')}&wf_trigger=false"
	type: DELETE
	connection: "crm_oauth_connection"
];
info response;`,
      ],
      valid: [
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040,410405000002264025&wf_trigger=true"
	type: DELETE
	connection: "crm_oauth_connection"
];
info response;`,
        `// Batches of at most 100, so each call stays within the limit.
for each batch in batches
{
	response = invokeurl
	[
		url: "https://www.zohoapis.com/crm/v7/Leads?ids=" + batch.toString()
		type: DELETE
		connection: "crm_oauth_connection"
	];
	info response;
}`,
        // The same id 101 times is one record.
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Leads?ids=${Array.from({ length: 101 }, () => '410405000002264040').join(',')}"
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
        const value = request?.ids?.value;
        // The single-record route (`/Leads/{id}?ids=…`) deletes the record of its path and reads no `ids`
        // (delete-unknown-parameter says so): no limit applies.
        if (!request || !value || request.recordId) return;
        const items = request.url.template.items(value);
        const known = new Set(items.filter((item) => item.known).map((item) => normalised(item.text)));
        if (known.size <= 100) return;
        const hole = value.text.indexOf(HOLE);
        const more = hole >= 0 ? 'at least ' : '';
        report({
          // With an unknown part, at the known ids before it.
          span: hole > 0 ? request.url.template.span(value.from, value.from + hole) : value.span,
          message: `This DELETE names ${more}${known.size} distinct record ids, but Delete Records takes at most 100 per call: send them in batches of 100.`,
        });
      },
    };
  },
};
