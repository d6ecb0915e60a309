import type { TaskParam } from '../../syntax/ast.js';
import type { Rule } from '../rule.js';
import { isRequestTask } from './_http-helpers.js';

/**
 * A key given twice in one `invokeurl` block, compared as the runner compares keys (case-insensitively, so
 * `Content-Type:` and `content-type:` are the same key). The runner keeps the last value; the earlier one is
 * dropped without a word. The second occurrence is reported, pointing back at the first.
 */
export const rule: Rule = {
  meta: {
    id: 'invokeurl-duplicate-key',
    code: 'DLG5211',
    category: 'http',
    severity: 'error',
    summary: 'The same `invokeurl` parameter given twice: only one of the values is used.',
    docs: {
      what: 'Reports a key that appears more than once in an `invokeurl` block (`type:` twice, or `content-type:` and `Content-Type:`).',
      why: 'A request has one method, one URL and one set of headers: only one of the values is sent and the other is silently lost. Usually two headers maps were meant to be one, or a line was copied and not changed.',
      invalid: [
        'response = invokeurl\n[\n\turl: "https://api.example.com/items"\n\ttype: GET\n\ttype: POST\n];',
        'response = invokeurl\n[\n\turl: "https://api.example.com/items"\n\ttype: POST\n\theaders: {"Accept": "application/json"}\n\theaders: {"X-Trace": traceId}\n\tbody: item\n];',
        'response = invokeurl\n[\n\turl: "https://api.example.com/items"\n\ttype: POST\n\tcontent-type: "application/json"\n\tContent-Type: "text/plain"\n\tbody: item\n];',
      ],
      valid: [
        'response = invokeurl\n[\n\turl: "https://api.example.com/items"\n\ttype: POST\n\theaders: {"Accept": "application/json", "X-Trace": traceId}\n\tbody: item\n];',
        'a = invokeurl\n[\n\turl: "https://api.example.com/a"\n\ttype: GET\n];\nb = invokeurl\n[\n\turl: "https://api.example.com/b"\n\ttype: GET\n];',
      ],
    },
  },
  create(context) {
    return {
      TaskExpr(task) {
        if (!isRequestTask(task)) return;
        const seen = new Map<string, TaskParam>();
        for (const param of task.params) {
          const key = param.key.toLowerCase();
          const first = seen.get(key);
          if (!first) {
            seen.set(key, param);
            continue;
          }
          const line = context.file.position(first.keySpan.start).line;
          context.report({
            span: param.keySpan,
            message: `'${param.key}' is given twice (also on line ${line}); only one value is used, so keep one '${key}'.`,
          });
        }
      },
    };
  },
};
