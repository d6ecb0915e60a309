import type { Rule } from '../rule.js';

/** The deprecated functions, by lower-case name, with the `type` the invokeurl task takes instead (the function form of invokeUrl names its own). */
const DEPRECATED: Readonly<Record<string, string | null>> = { geturl: 'GET', posturl: 'POST', invokeurl: null };

/**
 * `getUrl(…)`, `postUrl(…)` and the `invokeUrl(url, type, …)` function form (Creator): Zoho's pages mark all three
 * as deprecated in favour of the `invokeurl [ … ]` task. The call's name is reported; there is no automatic fix,
 * because the answers differ (these functions return the body as text, the task parses JSON into a map).
 */
export const rule: Rule = {
  meta: {
    id: 'deprecated-geturl-posturl',
    code: 'DLG5208',
    category: 'deprecated',
    severity: 'warning',
    summary: '`getUrl`, `postUrl` or the `invokeUrl(…)` function, which Zoho deprecates in favour of the `invokeurl` task.',
    docs: {
      what: 'Reports calls of `getUrl`, `postUrl` and the function form `invokeUrl(url, type, …)`.',
      why: 'Zoho marks them deprecated ("It is recommended to use invoke URL, since this task will be deprecated"); the `invokeurl` task also takes a connection (so no token in the script), every method, files and `detailed`. Note when rewriting: these functions return the body as text, while `invokeurl` parses a JSON answer into a map, so a `.toMap()` after the call is no longer needed. https://www.zoho.com/deluge/help/web-data/posturl.html',
      invalid: [
        'rates = getUrl("https://api.example.com/latest?base=USD");',
        'result = postUrl("https://api.example.com/convert", form, headers, false);',
        'response = invokeUrl("https://api.example.com/items", "GET");',
      ],
      valid: [
        'rates = invokeurl\n[\n\turl: "https://api.example.com/latest?base=USD"\n\ttype: GET\n];',
        'openUrl("https://www.zoho.com", "new window");',
      ],
    },
  },
  create(context) {
    return {
      calls: {
        names: Object.keys(DEPRECATED),
        visit(call) {
          if (call.callee.kind !== 'Identifier') return;
          const name = call.callee.name;
          const lower = name.toLowerCase();
          if (!Object.hasOwn(DEPRECATED, lower)) return;
          const method = DEPRECATED[lower];
          context.report({
            span: call.callee.span,
            message:
              method === null || method === undefined
                ? `The ${name}(…) function is deprecated; use the invokeurl task (invokeurl [ url: … type: … ]).`
                : `${name} is deprecated; use the invokeurl task (invokeurl [ url: … type: ${method} ]), which also takes a connection.`,
          });
        },
      },
    };
  },
};
