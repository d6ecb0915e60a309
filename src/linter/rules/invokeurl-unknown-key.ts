import type { Rule } from '../rule.js';
import { closest, isRequestTask, requestTaskKeys } from './_http-helpers.js';

/** Words people write for a key the task spells otherwise, beyond what an edit distance finds. */
const ALIASES: Readonly<Record<string, string>> = {
  header: 'headers',
  method: 'type',
  params: 'parameters',
  param: 'parameters',
  query: 'parameters',
  file: 'files',
  data: 'body',
  payload: 'body',
  contenttype: 'content-type',
  responseformat: 'response-format',
  responsedecoding: 'response-decoding',
  encoding: 'response-decoding',
};

/** invokeapi's keys for what invokeurl writes in its URL. */
const INVOKEAPI_ALIASES: Readonly<Record<string, string>> = { url: 'path', ...ALIASES };

/**
 * A key `invokeurl` (or `invokeapi`) does not take. Keys are compared as the runner compares them
 * (case-insensitively), so `Content-Type:` is fine and `contentType:` is not.
 */
export const rule: Rule = {
  meta: {
    id: 'invokeurl-unknown-key',
    code: 'DLG5202',
    category: 'http',
    severity: 'error',
    fixable: 'unsafe',
    summary: 'An `invokeurl` or `invokeapi` parameter that the task does not take (a typo such as `header:`).',
    docs: {
      what: 'Reports a key of an `invokeurl` block that is not one of url, type, headers, content-type, parameters, body, files, connection, detailed, response-format and response-decoding, with the key it most likely means (`header` → `headers`, `contentType` → `content-type`). An `invokeapi` block takes service, path, type, parameters, body, headers, connection, response-format and response-decoding (its page lists no files, content-type or detailed; `url` there means `path`).',
      why: 'A misspelt key would otherwise be dropped without a word: the headers or the connection it was meant to carry are never sent, and the failure shows up as a 401 or a wrong answer far from the typo. The runner refuses such a block (DLG4018). https://www.zoho.com/deluge/help/deluge-invoke-url.html, https://www.zoho.com/deluge/help/webhook/invokeapitask.html',
      invalid: [
        'response = invokeurl\n[\n\turl: "https://api.example.com/items"\n\ttype: GET\n\theader: {"Accept": "application/json"}\n];',
        'response = invokeurl\n[\n\turl: "https://api.example.com/items"\n\ttype: POST\n\tcontentType: "application/json"\n\tbody: {"a": 1}\n];',
        'response = invokeurl\n[\n\turl: "https://www.zohoapis.com/crm/v7/Leads"\n\ttype: GET\n\tconection: "crm"\n];',
        'response = invokeapi\n[\n\tservice: zohocrm\n\turl: "/crm/v7/Leads"\n\ttype: GET\n];',
      ],
      valid: [
        'response = invokeurl\n[\n\turl: "https://api.example.com/items"\n\ttype: GET\n\theaders: {"Accept": "application/json"}\n];',
        'response = invokeurl\n[\n\turl: "https://api.example.com/items"\n\ttype: POST\n\tContent-Type: "application/json"\n\tbody: {"a": 1}\n\tdetailed: true\n];',
        'response = invokeapi\n[\n\tservice: zohocrm\n\tpath: "/crm/v7/Leads"\n\ttype: GET\n\tconnection: "crm"\n];',
      ],
    },
  },
  create(context) {
    return {
      TaskExpr(task) {
        if (!isRequestTask(task)) return;
        const keys = requestTaskKeys(task);
        const aliases = task.task === 'invokeapi' ? INVOKEAPI_ALIASES : ALIASES;
        for (const param of task.params) {
          const key = param.key.toLowerCase();
          if (keys.includes(key)) continue;
          const alias = aliases[key.replace(/[-_\s]/g, '')];
          const guess = alias !== undefined && keys.includes(alias) ? alias : closest(key, keys);
          context.report({
            span: param.keySpan,
            message: guess
              ? `'${param.key}' is not a parameter of ${task.rawName}; did you mean '${guess}'?`
              : `'${param.key}' is not a parameter of ${task.rawName}; it takes ${keys.join(', ')}.`,
            ...(guess && { fix: { span: param.keySpan, text: guess } }),
          });
        }
      },
    };
  },
};
