import type { Span } from '../../source/span.js';
import type { Rule } from '../rule.js';
import { spanInLiteral } from './_http-helpers.js';

/** `/crm/v7/`, `crm/v2.1/`, `/crm/bulk/v7/`, or a base ending in `/crm/v7`. */
const CRM_VERSION = /(?:^|\/)crm\/(?:bulk\/)?v(\d+(?:\.\d+)?)(?=[/?#]|$)/gi;
const MAY_HOLD_VERSION = /crm\//i;
/**
 * What follows the version in a call of a CRM function (`/crm/v7/functions/{name}/actions/execute`): its answer is
 * the function's own output, not records in any version's shape, so its version matters to nothing else.
 */
const FUNCTION_EXECUTION = /^\/functions\//i;

/**
 * CRM REST URLs of more than one API version in one script. Every URL of an older version than the newest one
 * the script uses is reported, pointing at where the newest is used. Versions are read from text literals, so a
 * base URL in a variable (`"https://www.zohoapis.com/crm/v7"`) counts where it is written.
 */
export const rule: Rule = {
  meta: {
    id: 'mixed-crm-api-versions',
    code: 'DLG5206',
    category: 'http',
    severity: 'warning',
    summary: 'CRM REST URLs of different API versions (`/crm/v2/` and `/crm/v7/`) in one script.',
    docs: {
      what: 'Reports a Zoho CRM REST URL (`…/crm/v2/…`) whose API version is older than another CRM URL of the same script (`…/crm/v7/…`). Versions are read from URLs and paths in text literals; a path right after a space is prose (a message that mentions `/crm/v2/`), and a call of a CRM function (`/crm/v7/functions/{name}/actions/execute`), which answers with the function\'s own output, has no version that matters.',
      why: 'CRM API versions differ in what they take and answer: field API names, required parameters (v7 needs `fields` to list records), response shapes and error codes. A script that mixes them usually had a snippet pasted in from an old post, and that request behaves differently from the rest. https://www.zoho.com/crm/developer/docs/api/v7/',
      invalid: [
        'lead = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v2/Leads/" + leadId\n\ttype: GET\n\tconnection: "crm"\n];\nnotes = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads/" + leadId + "/Notes?fields=Note_Content"\n\ttype: GET\n\tconnection: "crm"\n];',
        'base = "https://www.zohoapis.com/crm/v7";\nold = "https://www.zohoapis.com/crm/v2.1/coql";',
      ],
      valid: [
        'lead = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads/" + leadId\n\ttype: GET\n\tconnection: "crm"\n];\nnotes = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads/" + leadId + "/Notes?fields=Note_Content"\n\ttype: GET\n\tconnection: "crm"\n];',
        'job = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/bulk/v7/read"\n\ttype: POST\n\tparameters: request.toString()\n\tconnection: "crm"\n];\nrecords = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads?fields=Last_Name"\n\ttype: GET\n\tconnection: "crm"\n];',
      ],
    },
  },
  create(context) {
    const found: { version: string; span: Span }[] = [];
    return {
      StringLiteral(literal) {
        // Every match holds `crm/`: most texts (no `/` at all) are passed over without running the global search.
        if (literal.value.indexOf('/') < 0 || !MAY_HOLD_VERSION.test(literal.value)) return;
        for (const m of literal.value.matchAll(CRM_VERSION)) {
          // A path that follows a space is prose ("Migrated from /crm/v2/ endpoints"); in a URL, or quoted in JSON
          // text (`"url": "/crm/v2/Leads"`), something else comes before it.
          if (/\s/.test(literal.value.charAt(m.index - 1))) continue;
          if (FUNCTION_EXECUTION.test(literal.value.slice(m.index + m[0].length))) continue;
          // The `v7` of the match, found in the raw text after where the match is (escapes can only shift it).
          const at = literal.raw.indexOf(m[0]);
          found.push({ version: m[1]!, span: at < 0 ? literal.span : spanInLiteral(literal, `v${m[1]}`, at) });
        }
      },
      'Program:exit'() {
        // By number: `v7.0` is v7 written wrongly (delete-invalid-url says so), not another version.
        if (new Set(found.map((f) => Number(f.version))).size < 2) return;
        const newest = found.reduce((a, b) => (Number(b.version) > Number(a.version) ? b : a));
        const line = context.file.position(newest.span.start).line;
        for (const f of found) {
          if (Number(f.version) === Number(newest.version)) continue;
          context.report({
            span: f.span,
            message: `This URL uses CRM API v${f.version}, but line ${line} uses v${newest.version}; the versions differ in fields and response shapes, so use v${newest.version} throughout.`,
          });
        }
      },
    };
  },
};
