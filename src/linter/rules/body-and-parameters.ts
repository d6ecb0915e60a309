import type { Rule } from '../rule.js';
import { Bindings, isRequestTask, taskParam, valueKind } from './_http-helpers.js';

/**
 * `body` together with a map `parameters`. The runner then sends `body` as the body and the map's entries in the
 * URL's query string (docs/runtime/http.md, "Encoding rules": Zoho's pages are silent on the combination), which is
 * seldom what the script meant: fields expected in the body arrive in the URL, where servers ignore them and logs
 * record them. Only a `parameters` surely a map is reported; a text one is `invokeurl-body-conflict`.
 */
export const rule: Rule = {
  meta: {
    id: 'body-and-parameters',
    code: 'DLG5209',
    category: 'http',
    severity: 'warning',
    summary: "`body` and a map `parameters` in one `invokeurl`: the parameters go into the URL's query string, not the body.",
    docs: {
      what: 'Reports the `parameters` key of an `invokeurl` block that also has `body`, when `parameters` is a map (a map literal, `Map()`, or a variable holding one).',
      why: 'A request has one body. With `body:` given, the fields of a map `parameters` are sent in the URL\'s query string instead: a form field or secret meant for the body ends up in the URL (and in every proxy\'s log), and the server does not find it where it looks. Put the fields in `body`, or in the URL on purpose.',
      invalid: [
        'response = invokeurl\n[\n\turl: "https://api.example.com/orders"\n\ttype: POST\n\tbody: {"item": "A-100", "quantity": 2}\n\tparameters: {"notify": true}\n];',
        'params = Map();\nparams.put("client_secret", secret);\nresponse = invokeurl\n[\n\turl: "https://api.example.com/token"\n\ttype: POST\n\tbody: payload.toString()\n\tparameters: params\n];',
      ],
      valid: [
        'response = invokeurl\n[\n\turl: "https://api.example.com/orders?notify=true"\n\ttype: POST\n\tbody: {"item": "A-100", "quantity": 2}\n];',
        'response = invokeurl\n[\n\turl: "https://api.example.com/orders"\n\ttype: POST\n\tparameters: {"item": "A-100", "quantity": 2}\n];',
        'response = invokeurl\n[\n\turl: "https://api.example.com/orders"\n\ttype: POST\n\tbody: payload\n\tparameters: fromCaller\n];',
      ],
    },
  },
  create(context) {
    return {
      TaskExpr(task) {
        if (!isRequestTask(task) || !taskParam(task, 'body')) return;
        const parameters = taskParam(task, 'parameters');
        if (!parameters || valueKind(parameters.value, Bindings.of(context.program)) !== 'map') return;
        context.report({
          span: parameters.keySpan,
          message: `With 'body' given, the fields of 'parameters' are sent in the URL's query string, not in the body; put them in 'body', or in the URL if that is where they belong.`,
        });
      },
    };
  },
};
