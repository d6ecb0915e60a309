import type { Rule } from '../rule.js';
import { Bindings, closest, isRequestTask, METHODS, taskParam, unwrap } from './_http-helpers.js';

/**
 * `type:` must name one of the five methods. A bare word (`type: DELETE`) or a text (`type: "DELETE"`) is judged;
 * a bare word that is a variable of the script, or any other expression, is left alone. Lower case is accepted:
 * neither Zoho's pages nor the runner treat `delete` differently from `DELETE` (so there is nothing to fix).
 */
export const rule: Rule = {
  meta: {
    id: 'invokeurl-invalid-type',
    code: 'DLG5201',
    category: 'http',
    severity: 'error',
    fixable: 'unsafe',
    summary: 'An `invokeurl` `type` that is not GET, POST, PUT, PATCH or DELETE.',
    docs: {
      what: 'Reports a `type` of an `invokeurl` block that is not one of GET, POST, PUT, PATCH and DELETE (in any case), such as `HEAD`, `OPTIONS`, a typo like `DELTE`, or a number. A close match is offered as a suggestion.',
      why: 'Zoho lists exactly these five methods for invokeUrl; any other `type` fails when the task runs, so a typo in a DELETE or POST is found only in production. https://www.zoho.com/deluge/help/web-data/invokeurl-function.html',
      invalid: [
        'response = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads?ids=1"\n\ttype: DELTE\n\tconnection: "crm"\n];',
        'response = invokeurl\n[\n\turl: "https://api.example.com/items"\n\ttype: "HEAD"\n];',
        'response = invokeurl\n[\n\turl: "https://api.example.com/items"\n\ttype: 1\n];',
      ],
      valid: [
        'response = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads?ids=1"\n\ttype: DELETE\n\tconnection: "crm"\n];',
        'response = invokeurl\n[\n\turl: "https://api.example.com/items"\n\ttype: "post"\n\tparameters: {"a": 1}\n];',
        'method = if(isNew, "POST", "PUT");\nresponse = invokeurl\n[\n\turl: "https://api.example.com/items"\n\ttype: method\n];',
      ],
    },
  },
  create(context) {
    return {
      TaskExpr(task) {
        if (!isRequestTask(task)) return;
        const param = taskParam(task, 'type');
        if (!param) return;
        const value = unwrap(param.value);
        let written: string;
        switch (value.kind) {
          case 'Identifier':
            if (Bindings.of(context.program).isVariable(value.name)) return;
            written = value.name;
            break;
          case 'StringLiteral':
            written = value.value;
            break;
          case 'NumberLiteral':
          case 'BooleanLiteral':
          case 'NullLiteral':
            written = value.raw;
            break;
          case 'MapLiteral':
          case 'ListLiteral':
            context.report({ span: param.value.span, message: `'type' must be GET, POST, PUT, PATCH or DELETE, not a ${value.kind === 'MapLiteral' ? 'map' : 'list'}.` });
            return;
          default:
            return;
        }
        if (METHODS.includes(written.trim().toUpperCase())) return;
        const guess = closest(written.trim(), METHODS);
        const quoted = value.kind === 'StringLiteral';
        context.report({
          span: param.value.span,
          message: `'${written}' is not a request type; use GET, POST, PUT, PATCH or DELETE${guess ? ` (did you mean ${guess}?)` : ''}.`,
          ...(guess && { fix: { span: param.value.span, text: quoted ? `"${guess}"` : guess } }),
        });
      },
    };
  },
};
