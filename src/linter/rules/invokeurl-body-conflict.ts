import type { TaskExpr } from '../../syntax/ast.js';
import type { Rule } from '../rule.js';
import { Bindings, isRequestTask, literalText, mapEntries, taskParam, valueKind } from './_http-helpers.js';

/**
 * Combinations with which no request can be built (the runner stops with DLG4018): `body` beside a text
 * `parameters` (both are the raw body), and `body` in a multipart request (`files`, or a `multipart/form-data`
 * content type), whose fields come from `parameters`.
 */
export const rule: Rule = {
  meta: {
    id: 'invokeurl-body-conflict',
    code: 'DLG5210',
    category: 'http',
    severity: 'error',
    summary: '`body` with a text `parameters` (two bodies) or with files (a multipart request): the request cannot be built.',
    docs: {
      what: 'Reports the `body` key of an `invokeurl` block that also has a text `parameters` (a literal, a `+` with a text, or `.toString()`), `files`, or a `multipart/form-data` content type.',
      why: 'A text `parameters` is sent as the raw body (Zoho: "TEXT data will be sent as raw"), so with `body` there are two bodies for one request; a multipart request is made of the `parameters` fields and the files, so a `body` has no place in it. The task fails instead of guessing which to send.',
      invalid: [
        'response = invokeurl\n[\n\turl: "https://api.example.com/orders"\n\ttype: POST\n\tparameters: order.toString()\n\tbody: order\n];',
        'response = invokeurl\n[\n\turl: "https://api.example.com/upload"\n\ttype: POST\n\tfiles: attachment\n\tbody: {"note": "invoice"}\n];',
      ],
      valid: [
        'response = invokeurl\n[\n\turl: "https://api.example.com/orders"\n\ttype: POST\n\tbody: order.toString()\n\tcontent-type: "application/json"\n];',
        'response = invokeurl\n[\n\turl: "https://api.example.com/upload"\n\ttype: POST\n\tfiles: attachment\n\tparameters: {"note": "invoice"}\n];',
      ],
    },
  },
  create(context) {
    return {
      TaskExpr(task) {
        if (!isRequestTask(task)) return;
        const body = taskParam(task, 'body');
        if (!body) return;
        const bindings = Bindings.of(context.program);
        const parameters = taskParam(task, 'parameters');
        if (parameters && valueKind(parameters.value, bindings) === 'text') {
          context.report({
            span: body.keySpan,
            message: "A text 'parameters' is the request body, and 'body' is given too; send one of them (the other's content can go in the URL).",
          });
          return;
        }
        if (taskParam(task, 'files') || isMultipart(task, bindings)) {
          context.report({
            span: body.keySpan,
            message: "A request with files or a multipart/form-data content type is made of the 'parameters' fields and the files; 'body' cannot be sent with it, so move its fields to 'parameters'.",
          });
        }
      },
    };
  },
};

/** A `multipart/form-data` content type, in `content-type:` or in a `Content-Type` header the linter can see. */
function isMultipart(task: TaskExpr, bindings: Bindings): boolean {
  const multipart = (text: string | undefined) => text?.trim().toLowerCase().startsWith('multipart/form-data') ?? false;
  if (multipart(literalText(taskParam(task, 'content-type')?.value))) return true;
  const headers = taskParam(task, 'headers');
  if (!headers) return false;
  return mapEntries(headers.value, bindings).entries.some((e) => e.key.toLowerCase() === 'content-type' && multipart(literalText(e.value)));
}
