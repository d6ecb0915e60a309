import { isZohoApiHost } from '../../http/zoho-hosts.js';
import type { Expr } from '../../syntax/ast.js';
import type { Rule } from '../rule.js';
import { argument, Bindings, dottedName, isInvokeUrl, knownPrefix, literalText, mapEntries, taskParam, unwrap, urlParts } from './_http-helpers.js';

/**
 * Zoho APIs that authenticate through the URL: CRM functions called with `auth_type=apikey&zapikey=…`, Creator's
 * custom APIs with `publickey=…`, and the old `authtoken=` (hardcoded-credential reports a literal one).
 */
const KEY_IN_URL = /[?&](zapikey|publickey|authtoken)=|[?&]auth_type=apikey\b/i;

/**
 * A request to a Zoho API host (`www.zohoapis.com`, `sandbox.zohoapis.eu`, … of every data centre) that carries no
 * credential: no `connection`, no Authorization header and no key in its URL or parameters. Headers or parameters the linter cannot
 * see completely (a map built elsewhere, a computed key) count as possibly holding one, so the rule stays silent then.
 */
export const rule: Rule = {
  meta: {
    id: 'zoho-api-without-connection',
    code: 'DLG5205',
    category: 'http',
    severity: 'warning',
    summary: 'A request to a Zoho API host (`zohoapis.*`) with no `connection` and no Authorization header.',
    docs: {
      what:
        'Reports an `invokeurl` (or `getUrl`/`postUrl`) to a `*.zohoapis.*` host that has neither a `connection` nor an `Authorization` header, ' +
        'nor an API key (`zapikey`, `auth_type=apikey`, `publickey`) in its URL or its `parameters`. Headers or parameters the linter cannot see whole count as possibly holding one.',
      why: 'Zoho\'s REST APIs answer every request without an OAuth token with 401 (INVALID_TOKEN / AUTHENTICATION_FAILURE); the task does not throw, so the script goes on with an error map. A connection with the API\'s scopes supplies and refreshes the token. https://www.zoho.com/deluge/help/deluge-invoke-url.html',
      invalid: [
        'response = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads?ids=" + ids\n\ttype: DELETE\n];',
        'headers = Map();\nheaders.put("Accept", "application/json");\nresponse = invokeurl\n[\n\turl: "https://www.zohoapis.eu/crm/v7/Leads"\n\ttype: GET\n\theaders: headers\n];',
        'raw = getUrl("https://www.zohoapis.com/crm/v7/Leads", false);',
      ],
      valid: [
        'response = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads?ids=" + ids\n\ttype: DELETE\n\tconnection: "crm_oauth_connection"\n];',
        'response = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/functions/sync_lead/actions/execute?auth_type=apikey&zapikey=" + zapikey\n\ttype: POST\n];',
        'headers = Map();\nheaders.put("Authorization", "Zoho-oauthtoken " + accessToken);\nresponse = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads"\n\ttype: GET\n\theaders: headers\n];',
        'response = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads"\n\ttype: GET\n\theaders: headersFromArgument\n];',
      ],
    },
  },
  create(context) {
    /** True when the headers surely have no Authorization (none given, or a map the linter sees whole). */
    const surelyUnauthorized = (headers: Expr | undefined): boolean => {
      if (!headers) return true;
      const { entries, complete } = mapEntries(headers, Bindings.of(context.program));
      return complete && !entries.some((e) => e.key.toLowerCase() === 'authorization');
    };
    /**
     * True when `parameters` surely carry no API key (`zapikey`, `auth_type=apikey`, …): none given, or a map the
     * linter sees whole without one. A GET sends them in the query string, where Zoho reads the key as in the URL.
     */
    const surelyNoKeyIn = (parameters: Expr | undefined): boolean => {
      if (!parameters) return true;
      const text = literalText(parameters);
      if (text !== undefined) return !KEY_IN_URL.test(`?${text}`);
      const { entries, complete } = mapEntries(parameters, Bindings.of(context.program));
      return complete && !entries.some((e) => KEY_IN_URL.test(`?${e.key}=`) || (e.key.toLowerCase() === 'auth_type' && literalText(e.value)?.toLowerCase() === 'apikey'));
    };
    const check = (url: Expr, origin: string, headers: Expr | undefined, task: boolean, parameters?: Expr): void => {
      const prefix = knownPrefix(url, Bindings.of(context.program));
      const { host } = urlParts(prefix);
      if (host === undefined || !isZohoApiHost(host) || KEY_IN_URL.test(prefix.text) || !surelyUnauthorized(headers) || !surelyNoKeyIn(parameters)) return;
      const remedy = task
        ? `add 'connection: "<link name>"' naming a connection with the API's scopes`
        : 'use an invokeurl task with a connection that has the API\'s scopes';
      context.report({
        span: url.span,
        message: `This ${origin} calls Zoho's API (${host}) with no connection and no Authorization header, so Zoho answers 401; ${remedy}.`,
      });
    };
    return {
      TaskExpr(task) {
        if (!isInvokeUrl(task) || taskParam(task, 'connection')) return;
        const url = taskParam(task, 'url');
        if (url) check(url.value, task.rawName, taskParam(task, 'headers')?.value, true, taskParam(task, 'parameters')?.value);
      },
      calls: {
        names: ['getUrl', 'postUrl'],
        visit(call) {
          // getUrl and postUrl are plain names: a dotted callee is never one.
          if (call.callee.kind !== 'Identifier') return;
          const name = dottedName(call.callee);
          const lower = name?.toLowerCase();
          if (lower !== 'geturl' && lower !== 'posturl') return;
          const url = argument(call, 0);
          const headerArg = argument(call, lower === 'geturl' ? 1 : 2);
          const headers = headerArg && unwrap(headerArg).kind !== 'BooleanLiteral' ? headerArg : undefined;
          if (url) check(url, name!, headers, false);
        },
      },
    };
  },
};
