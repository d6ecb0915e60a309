import type { Rule } from '../rule.js';
import { recordsDelete, reportOnce } from './_url.js';

/** What a script meant by a yes/no word or digit: the suggestion (not applied by `--fix`: it changes the request). */
const MEANT: Readonly<Record<string, 'true' | 'false'>> = { '1': 'true', '0': 'false', yes: 'true', no: 'false', on: 'true', off: 'false', y: 'true', n: 'false' };

export const rule: Rule = {
  meta: {
    id: 'delete-wf-trigger-not-boolean',
    code: 'DLG5403',
    category: 'delete-records',
    severity: 'error',
    fixable: 'unsafe',
    summary: 'A Delete Records `wf_trigger` that is neither `true` nor `false`.',
    docs: {
      what: 'Reports a `wf_trigger=` in the URL of a Delete Records call whose value is known and is not `true` or `false` (`1`, `yes`, empty).',
      why:
        'The page types `wf_trigger` as a boolean ("true: triggers associated workflows; false: does not trigger associated ' +
        'workflows"). Any other value is a parameter "in wrong format": Zoho answers `UNABLE_TO_PARSE_DATA_TYPE` and deletes nothing.',
      invalid: [
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040&wf_trigger=0"
	type: DELETE
	connection: "crm_oauth_connection"
];
info response;`,
        `trigger = "no";
response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Deals/" + dealId + "?wf_trigger=" + trigger
	type: DELETE
	connection: "crm_oauth_connection"
];
info response;`,
        `response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Leads?ids=" + leadId + "&wf_trigger="
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
        `runWorkflows = false;
response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Leads?ids=" + leadId + "&wf_trigger=" + runWorkflows
	type: DELETE
	connection: "crm_oauth_connection"
];
info response;`,
        `// Decided at run time: not known to the linter.
response = invokeurl
[
	url: "https://www.zohoapis.com/crm/v7/Leads?ids=" + leadId + "&wf_trigger=" + input.trigger
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
        const param = request?.wfTrigger;
        if (!param) return;
        const value = param.value;
        if (value && !value.known) return;
        const text = value?.text ?? '';
        if (/^(true|false)$/i.test(text)) return;
        const span = value && value.span.end > value.span.start ? value.span : param.key.span;
        const meant = MEANT[text.trim().toLowerCase()];
        const exact = value !== undefined && context.file.text.slice(span.start, span.end) === text;
        report({
          span,
          message:
            text === ''
              ? '`wf_trigger` has no value, so Zoho answers UNABLE_TO_PARSE_DATA_TYPE: write `wf_trigger=true` or `wf_trigger=false`, or leave the parameter out (workflows run by default).'
              : `\`wf_trigger\` must be \`true\` or \`false\`, not \`${text}\`: Zoho answers UNABLE_TO_PARSE_DATA_TYPE and deletes nothing${meant ? ` (write \`${meant}\`)` : ''}.`,
          ...(meant && exact ? { fix: { span, text: meant } } : {}),
        });
      },
    };
  },
};
