import type { Span } from '../../source/span.js';
import type { Expr } from '../../syntax/ast.js';
import type { Rule } from '../rule.js';
import { Bindings, mapEntries } from './_http-helpers.js';
import { knownText, recordsGet, reportOnce, shown, type CrmRecordsRequest, type Scope } from './_url.js';

/** Get Records: "you can include a maximum of 50 field API names in this parameter" (v3 and later). */
const MAX_FIELDS = 50;

/** The first API version whose Get Records and Get Notes make `fields` mandatory (v2 and v2.1 list it as optional). */
const FIELDS_REQUIRED_FROM = 3;

/**
 * What a request's `parameters:` map puts in its query (a GET sends a map as its query string), by key in lower case
 * (compared loosely: a key in another case is not taken for a missing one); undefined when the map is not known
 * whole (built elsewhere, a computed key, not a map), so that it may hold `fields` or `ids`.
 */
function queryFromParameters(request: CrmRecordsRequest, scope: Scope): Map<string, Expr> | undefined {
  const found = new Map<string, Expr>();
  if (!request.parametersArg) return found;
  const { entries, complete } = mapEntries(request.parametersArg, Bindings.of(scope.program));
  if (!complete) return undefined;
  for (const entry of entries) found.set(entry.key.trim().toLowerCase(), entry.value);
  return found;
}

/** How many field names a known `fields` value in `parameters:` lists (a map's values are sent as they are written). */
function countInParameters(value: Expr, scope: Scope): number | undefined {
  const text = knownText(value, scope);
  return text === undefined ? undefined : text.split(',').filter((name) => name.trim() !== '').length;
}

/**
 * A GET of a CRM module's records through API v3 or later that names no `fields`: Zoho answers it with an error,
 * while the sandbox of `deluge run` lists every field (a decision of docs/sandbox.md), so only the linter shows it
 * before the script meets Zoho. The URL is read as the delete rules read theirs (`recordsGet`): a module, query or
 * `parameters:` map not known whole leaves the rule silent.
 */
export const rule: Rule = {
  meta: {
    id: 'crm-get-records-fields',
    code: 'DLG5213',
    category: 'http',
    severity: 'warning',
    summary: 'A CRM Get Records request (API v3 or later) without `fields`, which those versions require to list a module, or with more than 50 of them.',
    docs: {
      what:
        'Reports a GET of `/crm/v{N}/{module}` (N at least 3; `invokeurl`, or `invokeapi` with `service: zohocrm`) that has no `fields` ' +
        'in its URL nor in a `parameters:` map (a GET sends the map as its query), when the whole query can be read; and a known ' +
        '`fields` value with more than 50 field names, on the module\'s route or a record\'s. A request with `ids` is left alone: ' +
        'the page makes `fields` mandatory "when fetching all records", and `ids` fetches some (a choice read from that wording); ' +
        'a custom view (`cvid`) or a page of records is still a listing and is reported. A record by its id (`/{module}/{record_id}`), ' +
        'the search and deleted routes, v2 and v2.1, and URLs whose module or query comes from a variable are not reported.',
      why:
        'From API v3 on, Get Records lists `fields` as "mandatory when fetching all records" (v2 and v2.1: optional), and Get ' +
        'Notes as mandatory: a request without it gets an error answer instead of records, which `invokeurl` hands back as the ' +
        'response, so the script goes on with no data. The same parameter takes "a maximum of 50 field API names". ' +
        'https://www.zoho.com/crm/developer/docs/api/v7/get-records.html, https://www.zoho.com/crm/developer/docs/api/v3/get-records.html, ' +
        'https://www.zoho.com/crm/developer/docs/api/v2/get-records.html, https://zoho.com/crm/developer/docs/api/v6/get-notes.html',
      invalid: [
        'response = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads"\n\ttype: GET\n\tconnection: "crm"\n];\ninfo response;',
        'params = Map();\nparams.put("page", 2);\nparams.put("per_page", 200);\nresponse = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Deals"\n\ttype: GET\n\tparameters: params\n\tconnection: "crm"\n];\ninfo response;',
        'response = invokeapi\n[\n\tservice: zohocrm\n\tpath: "/crm/v7/Contacts?cvid=" + viewId\n\ttype: GET\n\tconnection: "crm"\n];\ninfo response;',
      ],
      valid: [
        'response = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads?fields=Last_Name,Email&per_page=200"\n\ttype: GET\n\tconnection: "crm"\n];\ninfo response;',
        'response = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Deals"\n\ttype: GET\n\tparameters: {"fields": "Deal_Name,Stage,Amount", "page": 1}\n\tconnection: "crm"\n];\ninfo response;',
        'lead = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads/" + leadId\n\ttype: GET\n\tconnection: "crm"\n];\ninfo lead;',
        '// v2 and v2.1 list fields as optional.\nresponse = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v2/Leads"\n\ttype: GET\n\tconnection: "crm"\n];\ninfo response;',
      ],
    },
  },
  create(context) {
    const report = reportOnce(context);
    const tooMany = (count: number, span: Span) => {
      report({
        span,
        message: `This \`fields\` names ${count} fields, but Get Records takes at most ${MAX_FIELDS} field API names, so Zoho refuses the request: name at most ${MAX_FIELDS} and fetch the others in a second request.`,
      });
    };
    return {
      TaskExpr(task) {
        const request = recordsGet(task, context);
        if (!request || !request.module.known) return;
        const version = Number(request.url.version.slice(1));
        if (!(version >= FIELDS_REQUIRED_FROM)) return;
        const { url, module } = request;
        const notes = module.text.toLowerCase() === 'notes';
        const named = (key: string) => request.params.find((p) => p.key.text.toLowerCase() === key);
        const fieldsInUrl = named('fields');
        const fromParameters = queryFromParameters(request, context);
        const fieldsInParameters = fromParameters?.get('fields');
        // The limit is Get Records' (Get Notes names none).
        if (!notes) {
          const value = fieldsInUrl?.value;
          if (value?.known) {
            const count = url.template.items(value).length;
            if (count > MAX_FIELDS) tooMany(count, value.span);
          }
          if (fieldsInParameters) {
            const count = countInParameters(fieldsInParameters, context);
            if (count !== undefined && count > MAX_FIELDS) tooMany(count, fieldsInParameters.span);
          }
        }
        if (request.recordId || fieldsInUrl || fieldsInParameters || named('ids') || fromParameters?.has('ids')) return;
        // A part of the query (or the path's end) comes from a variable, or `parameters:` is not known whole: it may hold them.
        if (url.openPath || url.openQuery || !fromParameters) return;
        const where = request.parametersArg ? ' (in the URL or in `parameters:`)' : '';
        report({
          span: request.urlExpr.span,
          message:
            `This GET lists ${shown(module.text)} through CRM API ${url.version}, which requires \`fields\` when fetching all records, ` +
            `so Zoho answers with an error instead of records: add a \`fields\` parameter${where}, the API names of the fields to return, comma separated${notes ? '' : ` (at most ${MAX_FIELDS})`}.`,
        });
      },
    };
  },
};
